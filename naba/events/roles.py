"""Actor and target spans of an event, taken from its clause whether or not they name an entity.

Written by hand (no torch-free Arabic parser on PyPI): a noun phrase is a run of words up to a
preposition, a clause break, a time word, another trigger or a verb-like word, at most ``MAX_NP``
words. Who did it: the subject after a verb (VSO) or before it (SVO), the agent of ``من قبل`` /
``على يد``, the genitive of a verbal noun (``مظاهرات الطلاب``) or the subject of the light verb
that carries it (``شن الجيش هجوما``). To whom: the object after the subject, a ``على``/``ضد``/``ل``
phrase, the genitive of a verbal noun whose genitive undergoes the act (``اغتيال النائب``), and the
bare noun phrase after a verb that opens with a number (``قتل 20 شخصا``: written passive).

The word lists live in ``naba/lang/ar/events_roles.tsv`` (kind column): prepositions that end a
phrase, time words to skip, agent markers, target prepositions and light verbs.
"""

from __future__ import annotations

from dataclasses import dataclass

from naba.events.grammar import Grammar
from naba.text.normalise import normalise_text
from naba.text.tokens import Token

MAX_NP = 4


@dataclass(frozen=True)
class RoleWords:
    stops: frozenset[str]  # words that end a noun phrase (prepositions, particles, conjunctions as words)
    skip: frozenset[str]  # time and manner words between a verb and its subject (أمس، مساء)
    agent_markers: frozenset[str]  # من قبل، على يد: the next phrase did it (second word)
    target_preps: frozenset[str]  # على، ضد، ل: the next phrase undergoes it
    light_verbs: frozenset[str]  # شن، نفذ، قام: their subject does the noun that follows
    pronoun_subjects: frozenset[str]  # أنه، إنها: the verb's subject is a pronoun
    breaks: frozenset[str]  # clause breaks (punctuation, لكن، الذي ...)
    numbers: frozenset[str] = frozenset()  # number words: a count opens a new phrase
    suffixed_preps: frozenset[str] = frozenset()  # عليه، إليهم: a preposition with a pronoun
    not_verbs: frozenset[str] = frozenset()  # words in ي that are no imperfect (يهود، يونيو)
    clause_openers: frozenset[str] = frozenset()  # a phrase after them starts its clause
    quantities: frozenset[str] = frozenset()  # count nouns whose من phrase is the head (مئات من الأقباط)
    agent_verbs: frozenset[str] = frozenset()  # تبنته، نفذها: their subject did the event they follow
    entity_preps: frozenset[str] = frozenset()  # prepositions before a target entity (clitic or word)
    place_preps: frozenset[str] = frozenset()  # prepositions before a place
    not_actor_before: frozenset[str] = frozenset()  # a verbal noun after them has no subject before it
    grammar: Grammar | None = None  # the small words of the rules (events_grammar.tsv)

    @classmethod
    def load(cls, lang, breaks: frozenset[str]) -> RoleWords:
        def words(kind: str) -> frozenset[str]:
            return frozenset(normalise_text(w) for w in lang.words("events_roles", "word", kind=kind))

        suffixed = frozenset(base + suffix for base in words("prep_base") for suffix in words("pronoun_suffix"))
        return cls(words("stop"), words("skip"), words("agent_marker"), words("target_prep"),
                   words("light_verb"), words("pronoun_subject"), breaks, words("number"), suffixed,
                   words("not_a_verb"), words("clause_opener"), words("quantity"), words("agent_verb"),
                   words("entity_prep"), words("place_prep"), words("not_actor_before"), Grammar.of(lang))


@dataclass(frozen=True)
class Roles:
    actor: tuple[int, int] | None = None  # token range, inclusive
    target: tuple[int, int] | None = None


def _bare_prefix(token: Token, g: Grammar) -> str:
    """The preposition a token carries as a clitic (بال، لل، ب، ل), "" when none is sure.

    Only the definite forms are taken on sight (بالرصاص، للشرطة); a bare ب/ل is one when the rest
    opens with a long vowel or the token is short enough to be a preposition with a pronoun (به، لهم)."""
    for prefix, stem in token.splits:
        bare = prefix.lstrip(g.conjunction_letters)
        if bare in g.definite_preps:
            return bare
    for prefix, stem in token.splits:
        bare = prefix.lstrip(g.conjunction_letters)
        if bare in g.bare_preps and (stem[:1] == g.long_vowel or len(stem) <= 3):
            return bare
    return ""


def _closed(token: Token, g: Grammar) -> bool:
    """An indefinite nominative sound plural (مفجرون): not a construct noun, so what follows it
    belongs to it only as an agreeing adjective (انتحاريون)."""
    word = token.bare()
    return word.endswith(g.nominative_plural) and len(word) > 4 \
        and not token.norm.lstrip(g.conjunction_letters).startswith(g.article)


def _verb_like(token: Token, not_verbs: frozenset[str], g: Grammar) -> bool:
    """A word shaped like a finite verb that cannot head a noun phrase: an imperfect (يكون، تجري
    has ي; ت is left alone, as in تنظيم) or a feminine perfect (توقفت، وأثمرت)."""
    if any(g.article in prefix for prefix, _ in token.splits) or g.article in token.norm[:4]:
        return False  # a verb takes no article (اليمين، التوقيت)
    word = token.bare()
    if word.startswith(g.imperfect_person) and len(word) >= 4 and not any(word.startswith(w) for w in not_verbs):
        return True
    return len(word) >= 5 and word.endswith(g.feminine_perfect) and not word.endswith(g.not_feminine_perfect)


class SpanFinder:
    def __init__(self, words: RoleWords):
        self.w = words
        self.g = words.grammar

    def _stop(self, token: Token, is_trigger) -> bool:
        conj = any(prefix in self.g.conjunctions and stem in self.w.stops for prefix, stem in token.splits)  # وفي، ومن
        if token.norm in self.w.agent_verbs:
            return True
        if not token.is_number and _verb_like(token, self.w.not_verbs, self.g):
            return True
        return (token.norm in self.w.breaks or token.norm in self.w.stops or conj or is_trigger(token)
                or token.norm in self.w.suffixed_preps or token.bare() in self.w.suffixed_preps
                or not (token.is_arabic or token.is_number))

    def phrase(self, tokens, j: int, is_trigger, hi: int | None = None) -> tuple[int, int] | None:
        """The noun phrase starting at ``tokens[j]`` (inclusive token range), or None."""
        hi = len(tokens) - 1 if hi is None else min(hi, len(tokens) - 1)
        if j > hi or self._stop(tokens[j], is_trigger) or tokens[j].norm in self.w.skip \
                or _bare_prefix(tokens[j], self.g):
            return None
        end = j
        while end + 1 <= hi and end + 1 - j < MAX_NP:
            nxt = tokens[end + 1]
            if self._stop(nxt, is_trigger) or nxt.norm in self.w.skip:
                break
            if _bare_prefix(nxt, self.g):
                break  # a clitic preposition opens a new phrase (بالرصاص، للشرطة)
            if self._count(nxt):
                break  # a count opens the next phrase (قوات الأمن العراقية | عشرة مسلحين)
            if _closed(tokens[end], self.g) and not _closed(nxt, self.g):
                break  # مفجرون انتحاريون | مقر البلدية: a sound plural in -ون takes no genitive
            end += 1
        # مئات من الأقباط، عدد من المتظاهرين: the count's من phrase names who they are
        count = self._count(tokens[j]) or bool(set(tokens[j].stems()) & self.w.quantities)
        if end == j and count and end + 2 <= hi and tokens[end + 1].norm == self.g.of_:
            rest = self.phrase(tokens, end + 2, is_trigger, hi)
            if rest is not None:
                end = rest[1]
        return j, end

    def _count(self, token: Token) -> bool:
        """A number, in digits or words (سبعة، عشرة)."""
        return token.is_number or token.norm in self.w.numbers

    def _skip(self, tokens, j: int, hi: int) -> int:
        while j <= hi and (tokens[j].norm in self.w.skip or tokens[j].norm in self.g.emphatic_particles):
            j += 1
        return j

    def _prep_phrase(self, tokens, j: int, hi: int, is_trigger) -> tuple[str, tuple[int, int]] | None:
        """(preposition, phrase) when tokens[j] is a preposition word or carries one as a clitic."""
        if j > hi:
            return None
        token = tokens[j]
        if token.norm in self.w.target_preps or token.norm in self.g.phrase_preps:
            span = self.phrase(tokens, j + 1, is_trigger, hi)
            return (token.norm, span) if span else None
        prefix = _bare_prefix(token, self.g)
        if not prefix:
            letters = self.g.conjunction_letters
            prefix = next((p.lstrip(letters) for p, _ in token.splits if p.lstrip(letters) in self.g.bare_preps), "")
        if prefix in self.g.clitic_preps:
            span = self._clitic_phrase(tokens, j, hi, is_trigger)
            return (prefix[:1], span) if span else None
        return None

    def _prep_target(self, tokens, j: int, hi: int, is_trigger, preps) -> tuple[int, int] | None:
        """The phrase of a prepositional phrase at tokens[j] when its preposition is one of ``preps``."""
        prep = self._prep_phrase(tokens, j, hi, is_trigger)
        return prep[1] if prep and prep[0] in preps else None

    def _clitic_phrase(self, tokens, j: int, hi: int, is_trigger):
        end = j
        while end + 1 <= hi and end + 1 - j < MAX_NP and not self._stop(tokens[end + 1], is_trigger) \
                and tokens[end + 1].norm not in self.w.skip and not _bare_prefix(tokens[end + 1], self.g):
            end += 1
        return j, end

    def find(self, tokens, first: int, last: int, verbal: bool, object_genitive: bool, is_trigger,
             floor: int = 0, limit: int | None = None, is_adjective=lambda token: False,
             is_nominal=lambda token: True) -> Roles:
        """Actor and target token ranges for the trigger at tokens[first..last]."""
        hi = len(tokens) - 1 if limit is None else limit
        actor = target = None
        j = self._skip(tokens, last + 1, hi)
        if verbal:
            pronoun = first > 0 and bool(set(tokens[first - 1].stems()) & self.w.pronoun_subjects)
            after = self.phrase(tokens, j, is_trigger, hi)
            subject = self._before(tokens, first, floor, is_trigger)
            if subject is not None and self._opens_clause(tokens, subject[0], floor) and not pronoun:
                # SVO (القوى الكبرى رفضت رفع الحظر): what follows the verb is its object
                actor = subject
                if after is not None:
                    target = after
                else:
                    target = self._prep_target(tokens, j, hi, is_trigger, self.g.object_preps)
            elif after is not None and not pronoun:
                if self._count(tokens[after[0]]):
                    target = after  # قتل 20 شخصا، قتل سبعة من عناصر الشرطة: the written passive
                else:
                    actor = after
                    k = self._skip(tokens, after[1] + 1, hi)
                    obj = self.phrase(tokens, k, is_trigger, hi)
                    if obj is not None:
                        target = obj
                    else:
                        target = self._prep_target(tokens, k, hi, is_trigger, self.g.subject_object_preps)
            elif after is not None:
                target = after
            else:
                target = self._prep_target(tokens, j, hi, is_trigger, self.g.object_preps)
            if actor is None and not pronoun:
                actor = self._before(tokens, first, floor, is_trigger)
        else:
            while j <= hi and j <= last + 2 and is_adjective(tokens[j]):
                j += 1  # المفاوضات النووية، زيارة ثنائية: the noun's adjective, not its genitive
            after = self.phrase(tokens, j, is_trigger, hi) if j <= last + 3 else None
            if after is not None and not object_genitive and not is_nominal(tokens[after[0]]):
                after = None  # مظاهرة ضخمة، دعوة كريمة: an adjective, not the genitive
            if after is not None:
                if object_genitive:
                    target = after
                else:
                    actor = after
                j = after[1] + 1
            k = self._skip(tokens, j, hi)
            for _ in range(3):  # a few phrases on: انفجار سيارة مفخخة ضد دورية للشرطة
                if k > hi:
                    break
                prep = self._prep_phrase(tokens, k, hi, is_trigger)
                if prep is None:
                    break
                word, span = prep
                if word in self.g.against_preps and target is None:
                    target = span
                elif word == self.g.lam and target is None and object_genitive:
                    target = span
                elif word == self.g.lam and actor is None and not object_genitive:
                    actor = span
                k = self._skip(tokens, span[1] + 1, hi)
            if actor is None:
                actor = self._light_verb_subject(tokens, first, floor, is_trigger)
        agent = self._agent_marker(tokens, last + 1, hi, is_trigger) or (
            None if verbal else self._agent_verb(tokens, last + 1, is_trigger))
        if agent is not None:
            if actor is not None and target is None and verbal:
                target = actor  # خطف موظف ... على يد متمردين: the phrase after the verb underwent it
            actor = agent
        return Roles(actor, target)

    def _opens_clause(self, tokens, start: int, floor: int) -> bool:
        """Whether a phrase starts its clause (after a break, إن/أن, و or the sentence start)."""
        if start <= floor:
            return True
        before = tokens[start - 1]
        return before.norm in self.w.breaks or before.norm in self.w.clause_openers

    def _before(self, tokens, first: int, floor: int, is_trigger) -> tuple[int, int] | None:
        """The subject before a verb (SVO): the phrase ending right before it, in its clause."""
        end = first - 1
        while end >= floor and tokens[end].norm in self.g.auxiliaries:
            end -= 1
        if end < floor or self._stop(tokens[end], is_trigger) or tokens[end].norm in self.w.skip:
            return None
        start = end
        while start - 1 >= floor and end - (start - 1) < MAX_NP and not self._stop(tokens[start - 1], is_trigger) \
                and tokens[start - 1].norm not in self.w.skip and _bare_prefix(tokens[start], self.g) in ("", self.g.article):
            start -= 1
        # a phrase opened by a preposition (في الموصل) is no subject
        if _bare_prefix(tokens[start], self.g).lstrip(self.g.conjunction_letters) in self.g.subject_blocking_preps:
            return None
        return start, end

    def _light_verb_subject(self, tokens, first: int, floor: int, is_trigger) -> tuple[int, int] | None:
        for k in range(first - 1, max(floor, first - 10) - 1, -1):
            if tokens[k].norm in self.w.breaks and tokens[k].norm not in self.g.commas:
                return None
            if set(tokens[k].stems()) & self.w.light_verbs:
                j = self._skip(tokens, k + 1, first - 1)
                span = self.phrase(tokens, j, is_trigger, first - 1)
                if span is not None and span[1] >= first:
                    return None
                return span
        return None

    def _agent_verb(self, tokens, lo: int, is_trigger) -> tuple[int, int] | None:
        """هجوم انتحاري تبنته طالبان، الهجوم الذي نفذه مسلحون: the subject of the verb that takes
        the event as its object pronoun, a few words on (the next trigger may stand there)."""
        for k in range(lo, min(len(tokens), lo + 6)):
            norm = tokens[k].norm
            if norm in self.w.breaks and norm not in self.w.clause_openers and tokens[k].norm not in self.g.relatives:
                return None
            if tokens[k].bare() in self.w.agent_verbs or norm in self.w.agent_verbs:
                return self.phrase(tokens, self._skip(tokens, k + 1, len(tokens) - 1), lambda t: False)
        return None

    def _agent_marker(self, tokens, lo: int, hi: int, is_trigger) -> tuple[int, int] | None:
        """من قبل X، على يد X، بواسطة X within the clause after the trigger."""
        for k in range(lo, min(hi, lo + 12)):
            if tokens[k].norm in self.w.breaks:
                return None
            if k + 1 <= hi and tokens[k].norm in self.g.agent_marker_heads and tokens[k + 1].norm in self.w.agent_markers:
                return self.phrase(tokens, k + 2, is_trigger, hi)
            if tokens[k].norm in self.g.agent_preps:
                return self.phrase(tokens, k + 1, is_trigger, hi)
        return None
