"""The actor of an event whose clause names none: Arabic drops a subject the reader already knows.

A verb with no subject phrase (``وأشاد بمستوى التنسيق``), a verbal noun with a possessive pronoun
(``خلال اجتماعه``، ``زيارته``), an adverbial verbal noun in the accusative (``احتجاجا``، ``مطالبا``)
or a verbal noun in a prepositional phrase of its sentence (``قال بادي في اتصال هاتفي``) has as its actor the subject last named before it: the actor of the previous event or the speaker of
the previous statement, in the same sentence or the one before (news reports keep one subject
through a paragraph: ``قال الوزير ... وأضاف ... وأشاد``). Written passives (a verb of killing with its
victim and no agent) and bare nouns (``مفاوضات``) are left without one: nothing in the text says who.
"""

from __future__ import annotations

from dataclasses import dataclass

from naba.record import Event, Span


UNTOLD = frozenset({"referenced"})  # statuses of events the clause only mentions
CAUSE_TYPES = frozenset({"ASSAULT"})  # acts whose agent is the agent of the killing they cause
CAUSE_REACH = 120  # characters from the killing to the attack that caused it


@dataclass(frozen=True)
class Antecedent:
    start: int  # where the subject is written
    sentence: int
    entity: str | None
    span: Span
    code: str | None
    content: tuple[int, int] | None = None  # a speaker's own quoted words: not the subject of what they tell


@dataclass(frozen=True)
class Implicit:
    """Whether an event's head word leaves its subject unsaid, and the events that take one."""

    event: Event
    verbal: bool
    pronoun: bool  # a verbal noun with a possessive pronoun (زيارته)
    adverbial: bool  # an accusative verbal noun (احتجاجا): the clause's subject does it
    passive: bool  # a verb of killing or wounding, often a written passive: no agent to guess
    governed: bool = False  # a verbal noun in a prepositional phrase (خلال الزيارة، في إطار القمة)
    names_no_one: bool = False  # its actor phrase has no agent word, no name and no code (للسماح، يعد)
    casualty: bool = False  # a killing or wounding (قتل، مقتل، إصابة): its victims are the target of its cause


def heads_of(events: list[Event], verbal: list[bool], patient: list[bool], governed: list[bool],
             suffixes: tuple[str, ...], accusative: str, article: str, normalise,
             names_no_one: list[bool] | None = None, casualty: list[bool] | None = None) -> list[Implicit]:
    """How each event's head word stands: ``verbal``, ``patient`` (a verb of killing or wounding) and
    ``governed`` (a noun after a preposition) per event; ``suffixes`` the possessive pronouns as
    written (ه، ها، هم)."""
    heads = []
    empty = names_no_one or [False] * len(events)
    hurt = casualty or [False] * len(events)
    for event, is_verb, is_patient, is_governed, nobody, harm in zip(events, verbal, patient, governed, empty, hurt):
        word = event.trigger.text.split()[-1] if event.trigger.text.split() else ""
        norm = normalise(word)
        pronoun = not is_verb and any(word.endswith(x) and len(word) - len(x) >= 3 for x in suffixes)
        adverbial = not is_verb and not pronoun and norm.endswith(accusative) and not norm.startswith(article) \
            and len(norm) >= 5
        heads.append(Implicit(event, is_verb, pronoun, adverbial, is_patient, not is_verb and is_governed, nobody, harm))
    return heads


def fill_actors(events: list[Event], heads: list[Implicit], antecedents: list[Antecedent], sentence_of,
                clause_start=None) -> list[Event]:
    """Events with the implicit actors filled in (``sentence_of(offset)``: the sentence index;
    ``clause_start(offset)``: where its clause begins, the reach of a noun's subject)."""
    ordered = sorted(antecedents, key=lambda a: a.start)
    out = list(events)
    for i in sorted(range(len(heads)), key=lambda k: heads[k].event.trigger.start):
        head = heads[i]
        event = head.event
        if event.actor is not None or head.passive or event.status in UNTOLD or (event.actor_span is not None and not (
                event.actor_code is None and head.names_no_one)):
            continue  # a mention (أدانت فرنسا اعتقال أحمد) is told by the act it is the object of: no subject
        here = sentence_of(event.trigger.start)
        if here is None:
            continue
        # a verb or a possessive goes back to the sentence before; a noun stays in its own clause
        reach = 1 if head.verbal or head.pronoun else 0
        # an adverbial noun (احتجاجا) qualifies its own clause's verb: its subject is in that clause
        floor = clause_start(event.trigger.start) if clause_start is not None and head.adverbial else -1
        best = None
        for a in ordered:
            if a.start >= event.trigger.start:
                break
            inside = a.content is not None and a.content[0] <= event.trigger.start < a.content[1]
            if here - reach <= a.sentence <= here and a.start >= floor and not inside and _differs(a, event):
                best = a
        if best is None:
            continue
        out[i] = event.model_copy(update={"actor": best.entity, "actor_span": best.span, "actor_code": best.code})
        # the next dropped subject may go back to this one (وأشاد ... وأضاف ...)
        ordered.append(Antecedent(event.trigger.start, here, best.entity, best.span, best.code))
        ordered.sort(key=lambda a: a.start)
    return targets_by_effect(_by_cause(out, heads, sentence_of), heads, sentence_of)


def _by_cause(events: list[Event], heads: list[Implicit], sentence_of) -> list[Event]:
    """قتل شرطي في هجوم نفذه ملثمون: a killing told as a passive (or a casualty noun, مقتل) was done
    by whoever did the attack that caused it, named near it in the same sentence."""
    out = list(events)
    for i, head in enumerate(heads):
        event = out[i]
        if not (head.passive or head.casualty) or event.actor_span is not None or event.type not in CAUSE_TYPES:
            continue
        here = sentence_of(event.trigger.start)
        # the attack after the killing (قتل X في هجوم) or before it (هجوم ... أسفر عن مقتل X)
        causes = [e for e, h in zip(out, heads) if e is not event and not h.casualty and e.type in CAUSE_TYPES
                  and e.actor_span is not None and sentence_of(e.trigger.start) == here
                  and abs(e.trigger.start - event.trigger.start) < CAUSE_REACH and _differs_span(e.actor_span, event)]
        if causes:
            cause = min(causes, key=lambda e: abs(e.trigger.start - event.trigger.start))
            out[i] = event.model_copy(update={"actor": cause.actor, "actor_span": cause.actor_span,
                                              "actor_code": cause.actor_code})
    return out


def targets_by_effect(events: list[Event], heads: list[Implicit], sentence_of) -> list[Event]:
    """مقتل جندي ... في هجوم انتحاري: an attack with no target of its own hit the victims of the
    killing it caused, told just before it in the same sentence."""
    out = list(events)
    for i, event in enumerate(out):
        if event.type not in CAUSE_TYPES or event.target_span is not None or heads[i].casualty:
            continue
        here = sentence_of(event.trigger.start)
        effects = [e for e, h in zip(out, heads) if h.casualty and e.target_span is not None
                   and e.trigger.start < event.trigger.start and sentence_of(e.trigger.start) == here
                   and event.trigger.start - e.trigger.end < CAUSE_REACH]
        if effects:
            effect = max(effects, key=lambda e: e.trigger.start)
            out[i] = event.model_copy(update={"target": effect.target, "target_span": effect.target_span,
                                              "target_code": effect.target_code})
    return out


def _differs_span(span: Span, event: Event) -> bool:
    target = event.target_span
    return target is None or not (span.start < target.end and target.start < span.end)


def _differs(a: Antecedent, event: Event) -> bool:
    """An antecedent that is not the event's own target (رحب الوزير بالسفير ... ثم استقبله)."""
    return not (a.entity is not None and a.entity == event.target) and _differs_span(a.span, event)
