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
    question: frozenset[str] = frozenset()  # ؟ and هل: a question asserts nothing
    lam_governors: frozenset[str] = frozenset()  # تعرض: its ل is no ل of purpose
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


# words an ongoing verb reaches over to its verbal noun: its subject may stand between
# (استمر آلاف المتظاهرين الصوماليين في مسيراتهم)
ONGOING_REACH = 6

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


@dataclass(frozen=True)
class _Scope:
    """One trigger in its clause: the tokens from ``begin`` to ``stop`` that its cues may come from."""
    match: Match
    tokens: tuple[Token, ...]
    begin: int
    stop: int
    cues: StatusCues

    @property
    def before(self) -> tuple[Token, ...]:
        """The clause's tokens before the trigger, where most cues stand."""
        return self.tokens[self.begin:self.match.first]

    def stems(self, token: Token) -> frozenset[str]:
        """The token's forms a cue is looked up by (clitics and number suffixes undone)."""
        return _stems(token, self.cues.number_suffixes)


def status_of(match: Match, tokens: tuple[Token, ...], attribution_cue: str | None,
              cues: StatusCues, clause: tuple[int, int] | None = None) -> Status:
    """The status of one trigger, from the tokens of its sentence (``match`` indexes into them)."""
    begin, stop = _clause_bounds(match, tokens, cues, clause)
    scope = _Scope(match, tokens, begin, stop, cues)
    found = _negation_cues(scope) + _hypothetical_cues(scope) + _plan_cues(scope) + _cues_after(scope)
    if found:  # the first of the highest priority
        return max(found, key=lambda s: PRIORITY[s.value])
    return _uncued_status(scope, attribution_cue)


def _clause_bounds(match: Match, tokens: tuple[Token, ...], cues: StatusCues,
                   clause: tuple[int, int] | None) -> tuple[int, int]:
    """The clause: back to the previous break, forward to the next one, within the shared clause."""
    first, last = match.first, match.last
    begin = first
    while begin > 0 and tokens[begin - 1].norm not in cues.clause_breaks:
        begin -= 1
    stop = last
    while stop + 1 < len(tokens) and tokens[stop + 1].norm not in cues.clause_breaks:
        stop += 1
    if clause is not None:  # the shared clause layer (Analysis.clauses) narrows the scope further
        begin, stop = max(begin, min(clause[0], first)), min(stop, max(clause[1], last))
    return begin, stop


def _negation_cues(scope: _Scope) -> list[Status]:
    """Denied: a particle right before the trigger or its auxiliary, across a coordination, or نفى."""
    cues, g, before = scope.cues, scope.cues.grammar, scope.before
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
        if scope.stems(token) & cues.denial:
            found.append(Status("denied", True, token.norm))
    return found


def _hypothetical_cues(scope: _Scope) -> list[Status]:
    """Hypothetical: قد + imperfect is "may"; قد + perfect is emphatic and says nothing."""
    cues, g, match = scope.cues, scope.cues.grammar, scope.match
    found: list[Status] = []
    # هل يرى في قتل الأبرياء عملا جبانا؟: an act in a question is not told as fact
    if cues.question and any(t.norm in cues.question for t in scope.tokens):
        found.append(Status("hypothetical", True, "question"))
    for k, token in enumerate(scope.before):
        if token.norm == g.may:
            nxt = scope.tokens[scope.begin + k + 1]
            # an imperfect starts with ي/ت/ن; a perfect in ت- (تسربت) ends in ت, which imperfects rarely do
            imperfect = nxt.norm.startswith(g.imperfect_person) or (
                nxt.norm[:1] in g.imperfect_ambiguous and not nxt.norm.endswith(g.feminine_perfect))
            if scope.begin + k + 1 == match.first and match.tense == "past":
                continue  # قد تظاهروا: the trigger itself is a perfect, قد an emphasis
            if imperfect or (match.tense == "present" and scope.begin + k + 1 == match.first):
                found.append(Status("hypothetical", True, g.may))
        elif scope.stems(token) & (cues.hypothetical - {g.may}):
            found.append(Status("hypothetical", True, token.norm))
    return found


def _plan_cues(scope: _Scope) -> list[Status]:
    """Planned, expected or ongoing: a governing verb before the trigger, or a purpose لـ on a verbal noun."""
    cues, g, match, before = scope.cues, scope.cues.grammar, scope.match, scope.before
    found: list[Status] = []
    for k, token in enumerate(before):
        stems = scope.stems(token)
        if stems & cues.planned:
            found.append(Status("planned", True, token.norm))
        elif stems & cues.expected:
            found.append(Status("expected", True, token.norm))
        elif stems & cues.ongoing and k >= len(before) - ONGOING_REACH:  # يواصل/تواصل + (subject) + verbal noun
            found.append(Status("ongoing", True, token.norm))
    # لتقوم بهجومها، ليتمكنوا من شن هجوم: a verbal noun under an imperfect of purpose (ل + يفعل) is an aim
    if match.tense is None and any(prefix in g.purpose_prefixes and stem[:1] == g.imperfect_person and len(stem) >= 4
                                   for t in before for prefix, stem in t.splits):
        found.append(Status("planned", True, "purpose"))
    if match.tense is None and any(scope.stems(t) & cues.planned_just_before for t in before[-2:]):
        found.append(Status("planned", True, "before"))
    if match.tense is None and match.prefix in g.purpose_prefixes and not any(
            scope.stems(t) & cues.lam_governors for t in before):
        # لاعتقال، لمناقشة: purpose, not fact; تعرضت القوات لهجوم: the ل of the verb, a fact
        found.append(Status("planned", True, "purpose"))
    return found


def _cues_after(scope: _Scope) -> list[Status]:
    """Planned or ongoing: an adjective right after the trigger (مرتقبة، المزمع، المتواصلة)."""
    cues, match, last = scope.cues, scope.match, scope.match.last
    found: list[Status] = []
    for token in scope.tokens[last + 1:min(scope.stop + 1, last + 3)]:
        # زيارة مرتقبة، القمة المزمع عقدها: an adjective of the noun itself (after a verb,
        # العام المقبل is a time, not a plan)
        if match.tense is None and (token.norm in cues.planned_after or scope.stems(token) & cues.planned_after):
            found.append(Status("planned", True, token.norm))
        if token.norm in cues.ongoing_after or scope.stems(token) & cues.ongoing_after:
            found.append(Status("ongoing", True, token.norm))
    return found


def _uncued_status(scope: _Scope, attribution_cue: str | None) -> Status:
    """No cue in the clause: the status from the tense, a future marker or an announcing verb."""
    cues, g, match, tokens, before = scope.cues, scope.cues.grammar, scope.match, scope.tokens, scope.before
    first = match.first
    future = g.future_prefix in match.prefix.replace(g.article, "") or any(t.norm == g.future_particle
                                                                           for t in before[-2:])
    if match.tense is None and any(_is_future_verb(t, cues) for t in before[-3:]):
        future = True  # ستستضيف قمة: a verbal noun governed by a future verb
    if match.tense == "past":
        return Status("happened", True, "perfect")
    if match.tense == "present" and not future and match.prefix.strip(g.conjunction_letters) == "" and \
            tokens[first].norm[len(match.prefix):].startswith(g.first_person_plural):
        return Status("happened", True, "performative")  # نرحب، ندين: the saying is the act
    announced = any(scope.stems(t) & cues.announced for t in tokens[:first]) or (
        attribution_cue is not None and bool(set(attribution_cue.split()) & cues.announced))
    if announced:
        return Status("announced", True, "announce")
    if future:
        return Status("expected", True, "future")
    if match.tense == "present":
        return Status("ongoing", False, "imperfect")
    if any(scope.stems(t) & cues.happened_before for t in before[-2:]):
        return Status("happened", True, "after")
    return Status("happened", False, None)
