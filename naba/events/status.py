"""Whether an event happened, was announced, is planned, expected, denied, hypothetical or ongoing.

Written by hand: no Arabic factuality tagger exists without torch. The status comes from cue words
in the trigger's own clause (negation and modality do not cross a comma, ``لكن``, ``حيث`` ...),
from the verb's tense, and from the attribution that carries the trigger. Each cue has a scope:
negation particles govern the next verb or verbal noun only; plan/expectation verbs and
``نفى`` govern the rest of their clause, complement ``أن`` included; adjectives such as
``المرتقبة`` or ``المزمع`` follow the noun they qualify.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from naba.events.lexicon import Match
from naba.events.grammar import Grammar
from naba.events.morphology import Affixes
from naba.text.normalise import normalise_text
from naba.text.tokens import Token


@dataclass(frozen=True)
class StatusCues:
    """The cue words of each status, from ``naba/lang/ar/events_status.tsv`` (one kind a column)."""

    clause_breaks: frozenset[str]
    negation: frozenset[str]
    negated_noun: frozenset[str]
    auxiliary: frozenset[str]
    denial: frozenset[str]
    hypothetical: frozenset[str]
    planned: frozenset[str]
    planned_after: frozenset[str]
    planned_just_before: frozenset[str]
    expected: frozenset[str]
    announced: frozenset[str]
    ongoing: frozenset[str]
    ongoing_after: frozenset[str]
    happened_before: frozenset[str]
    number_suffixes: tuple[str, ...] = ()  # dual and plural endings undone on a cue verb (events_morphology.tsv)
    present_prefixes: tuple[str, ...] = ()  # imperfect prefixes (events_morphology.tsv)
    grammar: Grammar | None = None  # the small words of the rules (events_grammar.tsv)

    @classmethod
    def load(cls, lang) -> StatusCues:
        def words(kind: str) -> frozenset[str]:
            return frozenset(normalise_text(w) for w in lang.words("events_status", "word", kind=kind))

        affixes = Affixes.of(lang)
        cues = {name: words(name) for name, f in cls.__dataclass_fields__.items() if str(f.type) == "frozenset[str]"}
        return cls(**cues, number_suffixes=affixes.verb_number_suffixes, present_prefixes=affixes.present_prefixes,
                   grammar=Grammar.of(lang))


# Higher wins when several cues govern one trigger.
PRIORITY = {"denied": 8, "hypothetical": 7, "planned": 6, "expected": 5, "announced": 4, "ongoing": 3, "happened": 2}


@dataclass(frozen=True)
class Status:
    value: str
    explicit: bool  # False when nothing but the default spoke (a bare verbal noun)
    cue: str | None = None


def _stems(token: Token, suffixes: tuple[str, ...]) -> frozenset[str]:
    """The token's clitic-stripped forms, plus the same without a dual or plural suffix, so a cue
    listed as يعتزم also reads يعتزمان and يعتزمون."""
    return _stem_forms(token.splits, suffixes)


@lru_cache(maxsize=65536)
def _stem_forms(splits: tuple[tuple[str, str], ...], suffixes: tuple[str, ...]) -> frozenset[str]:
    """Cached by the token's splits: the same word recurs in every report."""
    stems = {stem for _, stem in splits}
    return frozenset(stems | {st[:-2] for st in stems for suffix in suffixes if st.endswith(suffix) and len(st) > 4})


def _is_future_verb(token: Token, cues: StatusCues) -> bool:
    """س + an imperfect (ستستضيف، سيعقد، وسنواصل)."""
    return any(prefix.endswith(cues.grammar.future_prefix) and stem[:1] in cues.present_prefixes and len(stem) >= 4
               for prefix, stem in token.splits)


def status_of(match: Match, tokens: tuple[Token, ...], attribution_cue: str | None,
              cues: StatusCues, clause: tuple[int, int] | None = None) -> Status:
    """The status of one trigger, from the tokens of its sentence (``match`` indexes into them)."""
    g = cues.grammar
    first, last = match.first, match.last
    # the clause: back to the previous break, forward to the next one
    begin = first
    while begin > 0 and tokens[begin - 1].norm not in cues.clause_breaks:
        begin -= 1
    stop = last
    while stop + 1 < len(tokens) and tokens[stop + 1].norm not in cues.clause_breaks:
        stop += 1
    if clause is not None:  # the shared clause layer (Analysis.clauses) narrows the scope further
        begin, stop = max(begin, min(clause[0], first)), min(stop, max(clause[1], last))
    before = tokens[begin:first]
    found: list[Status] = []

    # negation: a particle right before the trigger, or before an auxiliary that governs it
    near = [t.norm for t in before[-3:]]
    for k, word in enumerate(reversed(near)):
        if word in cues.negation and all(w in cues.auxiliary for w in list(reversed(near))[:k]):
            found.append(Status("denied", True, word))
        if word in cues.negated_noun and k == 0:
            found.append(Status("denied", True, word))
    # لم تقاتل أو تطالب: the negation spans a coordinated verb
    if len(before) >= 3 and before[-1].norm in g.negation_coordinators:
        particle = next((t.norm for t in before[-5:-2] if t.norm in cues.negation), None)
        if particle:
            found.append(Status("denied", True, particle))
    for token in before:
        if _stems(token, cues.number_suffixes) & cues.denial:
            found.append(Status("denied", True, token.norm))
    # hypothetical: قد + imperfect is "may"; قد + perfect is emphatic and says nothing
    for k, token in enumerate(before):
        if token.norm == g.may:
            nxt = tokens[begin + k + 1]
            # an imperfect starts with ي/ت/ن; a perfect in ت- (تسربت) ends in ت, which imperfects rarely do
            imperfect = nxt.norm.startswith(g.imperfect_person) or (
                nxt.norm[:1] in g.imperfect_ambiguous and not nxt.norm.endswith(g.feminine_perfect))
            if imperfect or (match.tense == "present" and begin + k + 1 == first):
                found.append(Status("hypothetical", True, g.may))
        elif _stems(token, cues.number_suffixes) & (cues.hypothetical - {g.may}):
            found.append(Status("hypothetical", True, token.norm))
    for k, token in enumerate(before):
        stems = _stems(token, cues.number_suffixes)
        if stems & cues.planned:
            found.append(Status("planned", True, token.norm))
        elif stems & cues.expected:
            found.append(Status("expected", True, token.norm))
        elif stems & cues.ongoing and k >= len(before) - 3:  # يواصل/تواصل + (subject) + verbal noun
            found.append(Status("ongoing", True, token.norm))
    if match.tense is None and any(_stems(t, cues.number_suffixes) & cues.planned_just_before for t in before[-2:]):
        found.append(Status("planned", True, "before"))
    if match.tense is None and match.prefix in g.purpose_prefixes:  # لاعتقال، لمناقشة: purpose, not fact
        found.append(Status("planned", True, "purpose"))
    for token in tokens[last + 1:min(stop + 1, last + 3)]:
        # زيارة مرتقبة، القمة المزمع عقدها: an adjective of the noun itself (after a verb,
        # العام المقبل is a time, not a plan)
        if match.tense is None and (token.norm in cues.planned_after or _stems(token, cues.number_suffixes) & cues.planned_after):
            found.append(Status("planned", True, token.norm))
        if token.norm in cues.ongoing_after or _stems(token, cues.number_suffixes) & cues.ongoing_after:
            found.append(Status("ongoing", True, token.norm))
    if found:
        return max(found, key=lambda s: PRIORITY[s.value])

    future = g.future_prefix in match.prefix.replace(g.article, "") or any(t.norm == g.future_particle
                                                                           for t in before[-2:])
    if match.tense is None and any(_is_future_verb(t, cues) for t in before[-3:]):
        future = True  # ستستضيف قمة: a verbal noun governed by a future verb
    if match.tense == "past":
        return Status("happened", True, "perfect")
    if match.tense == "present" and not future and match.prefix.strip(g.conjunction_letters) == "" and \
            tokens[first].norm[len(match.prefix):].startswith(g.first_person_plural):
        return Status("happened", True, "performative")  # نرحب، ندين: the saying is the act
    announced = any(_stems(t, cues.number_suffixes) & cues.announced for t in tokens[:first]) or (
        attribution_cue is not None and bool(set(attribution_cue.split()) & cues.announced))
    if announced:
        return Status("announced", True, "announce")
    if future:
        return Status("expected", True, "future")
    if match.tense == "present":
        return Status("ongoing", False, "imperfect")
    if any(_stems(t, cues.number_suffixes) & cues.happened_before for t in before[-2:]):
        return Status("happened", True, "after")
    return Status("happened", False, None)
