"""Actor and target spans of an event, taken from its clause whether or not they name an entity.

Written by hand (no torch-free Arabic parser on PyPI): a noun phrase is a run of words up to a
preposition, a clause break, a time word, another trigger or a verb-like word, at most ``MAX_NP``
words. Who did it: the subject after a verb (VSO) or before it (SVO), the agent of ``من قبل`` /
``على يد``, the genitive of a verbal noun (``مظاهرات الطلاب``) or the subject of the light verb
that carries it (``شن الجيش هجوما``). To whom: the object after the subject, a ``على``/``ضد``/``ل``
phrase, the genitive of a verbal noun whose genitive undergoes the act (``اغتيال النائب``), and the
bare noun phrase after a verb that opens with a number (``قتل 20 شخصا``: written passive). For a
protest, also the bare object of a demand verb (``تظاهرة تطالب الحكومة بـ``), the phrase after a
slogan's head in a chant quoted later in its sentence (``«يسقط X»``، ``«الموت لـX»``), and the man a
possessive ه names (``احتجاجا على زيارته``: the nearest masculine title phrase before the act).

The word lists live in ``naba/lang/ar/events_roles.tsv`` (kind column): prepositions that end a
phrase, time words to skip, agent markers, target prepositions and light verbs.
"""

from __future__ import annotations

from dataclasses import dataclass

from naba.events.grammar import Grammar
from naba.text.normalise import normalise_text
from naba.text.tokens import Token

MAX_NP = 6
SLOGAN_REACH = 40  # tokens after the act within which a quoted chant still names its target


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
    patient_verbs: frozenset[str] = frozenset()  # قتل، أصيب: with no object, their one phrase underwent it
    undergo_verbs: frozenset[str] = frozenset()  # تعرض، نجا: their subject underwent the event noun after them
    target_verbs: frozenset[str] = frozenset()  # استهدف: after an event, its object is the event's target
    result_verbs: frozenset[str] = frozenset()  # أسفر، أدى: the victims of their result noun are the target
    result_nouns: frozenset[str] = frozenset()  # مقتل، إصابة: a casualty noun after a result verb
    attributives: frozenset[str] = frozenset()  # المزمع، المقبلة: an adjective after an event noun, no genitive
    partner_preps: frozenset[str] = frozenset()  # مع: the other party of a meeting noun
    agent_prep_verbs: frozenset[str] = frozenset()  # نسب: the إلى phrase after it did the event
    against_words: frozenset[str] = frozenset()  # ضد: what a protest or an attack is against, anywhere in the clause
    skip_phrases: tuple[tuple[str, ...], ...] = ()  # أول من أمس: time phrases skipped as one
    possessives: tuple[str, ...] = ()  # ه، ها، هم as written: a verbal noun's possessive (زيارته)
    approximators: frozenset[str] = frozenset()  # نحو، حوالي: before a count, part of its phrase
    weapons: frozenset[str] = frozenset()  # صواريخ، النار: what is fired, not whom it is fired at
    purpose_nouns: frozenset[str] = frozenset()  # للاحتجاج على X، تنديدا ب X: X is what a protest is against
    stance_words: frozenset[str] = frozenset()  # مؤيدة ل X، مناهضة ل X
    accusative: str = ""  # the accusative ending of an adverbial verbal noun (احتجاجا)
    plural_perfect: str = ""  # the ending of a masculine plural perfect (ونزعوا، حطموا): a verb
    belonging: frozenset[str] = frozenset()  # تابعة ل X: the phrase is X's (طائرة تابعة للقوات الأمريكية)
    what: frozenset[str] = frozenset()  # ما: على ما يصفونه بـX، ضد ما سموه X: X is what it is against
    address_verbs: frozenset[str] = frozenset()  # تطالب، يناشدون: their bare object is whom a protest addresses
    slogan_heads: frozenset[str] = frozenset()  # يسقط، الموت: in a quoted chant, the phrase after them is the target
    quote_opens: frozenset[str] = frozenset()  # « “: a quoted stretch (a chant, a protester's words) begins
    quote_closes: frozenset[str] = frozenset()  # » ”: it ends
    his_suffix: str = ""  # ه as written: زيارته، قراره are his, the man named before
    feminine_ending: str = ""  # ة as written: a feminine title (رئيسة) is no antecedent of ه
    titles: frozenset[str] = frozenset()  # رئيس، وزير (titles.tsv): a title phrase names a person
    protest_forms: frozenset[str] = frozenset()  # تظاهر، مسيرة (the PROTEST rows of events_triggers.tsv)
    chant_nouns: frozenset[str] = frozenset()  # هتافات، شعارات: what protesters voice, never what they protest

    @classmethod
    def load(cls, lang, breaks: frozenset[str]) -> RoleWords:
        def words(kind: str) -> frozenset[str]:
            return frozenset(normalise_text(w) for w in lang.words("events_roles", "word", kind=kind))

        suffixed = frozenset(base + suffix for base in words("prep_base") for suffix in words("pronoun_suffix"))
        phrases = tuple(tuple(normalise_text(w).split()) for w in lang.words("events_roles", "word", kind="skip_phrase"))
        return cls(words("stop"), words("skip"), words("agent_marker"), words("target_prep"),
                   words("light_verb"), words("pronoun_subject"), breaks, words("number"), suffixed,
                   words("not_a_verb"), words("clause_opener"), words("quantity"), words("agent_verb"),
                   words("entity_prep"), words("place_prep"), words("not_actor_before"), Grammar.of(lang),
                   words("patient_verb"), words("undergo_verb"), words("target_verb"), words("result_verb"),
                   words("result_noun"), words("attributive"), words("partner_prep"), words("agent_prep_verb"),
                   words("against_word"), tuple(sorted(phrases, key=len, reverse=True)),
                   tuple(lang.words("events_roles", "word", kind="possessive_suffix")),
                   words("approximator"), words("weapon"), words("purpose_noun"), words("stance_word"),
                   next(iter(lang.words("events_roles", "word", kind="accusative_ending")), ""),
                   next(iter(lang.words("events_roles", "word", kind="verb_plural_ending")), ""),
                   words("belonging"), words("relative_what"), words("address_verb"), words("slogan_head"),
                   words("quote_open"), words("quote_close"),
                   next(iter(lang.words("events_roles", "word", kind="his_suffix")), ""),
                   next(iter(lang.words("events_roles", "word", kind="feminine_ending")), ""),
                   frozenset(normalise_text(w) for w in lang.words("titles", "word")),
                   _protest_forms(lang), words("chant_noun"))


def _protest_forms(lang) -> frozenset[str]:
    """The written forms and stems of the protest triggers (تظاهر/تظاهر، تظاهرة|مظاهرة), normalised:
    a chant quoted after an act tells what it is against only when the act is a protest."""
    forms = set()
    for row in lang.table("events_triggers"):
        if row.get("type") == "PROTEST":
            for piece in row.get("forms", "").replace("|", "/").split("/"):
                piece = normalise_text(piece.strip())
                if len(piece) >= 3:
                    forms.add(piece)
    return frozenset(forms)


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


def clitic_prep(token: Token, g: Grammar) -> bool:
    """Whether a word carries a preposition (للرئيس، بالقرب): its phrase is no bare subject."""
    return _bare_prefix(token, g).lstrip(g.conjunction_letters) not in ("", g.article)


def _closed(token: Token, g: Grammar) -> bool:
    """An indefinite nominative sound plural (مفجرون): not a construct noun, so what follows it
    belongs to it only as an agreeing adjective (انتحاريون)."""
    word = token.bare()
    return word.endswith(g.nominative_plural) and len(word) > 4 \
        and not g.definite(token)


def _verb_like(token: Token, not_verbs: frozenset[str], g: Grammar) -> bool:
    """A word shaped like a finite verb that cannot head a noun phrase: an imperfect (يكون، تجري
    has ي; ت is left alone, as in تنظيم) or a feminine perfect (توقفت، وأثمرت)."""
    if any(g.article in prefix for prefix, _ in token.splits) or g.article in token.norm[:4]:
        return False  # a verb takes no article (اليمين، التوقيت)
    word = token.bare()
    if word.startswith(g.imperfect_person) and len(word) >= 4 and not any(word.startswith(w) for w in not_verbs):
        return True
    return len(word) >= 5 and word.endswith(g.feminine_perfect) and not word.endswith(g.not_feminine_perfect)


def _verb_like_or_plural(token: Token, finder) -> bool:
    """A verb after ما: an imperfect (يصفونه) or a plural perfect (سموه)."""
    word = token.bare()
    return _verb_like(token, finder.w.not_verbs, finder.g) or word.startswith(finder.g.imperfect_person) \
        or (finder.w.plural_perfect and finder.w.plural_perfect in word)


def end_at_name(tokens, in_name, g: Grammar):
    """A phrase cut after its name: a proper name takes no genitive, so an indefinite word after it
    that no name covers opens the next phrase (توقيع كازاخستان | اتفاقية مع ...). ``in_name(token)``
    is the entity a token belongs to, or None."""
    for i in range(len(tokens) - 1):
        name, nxt = in_name(tokens[i]), tokens[i + 1]
        if name is not None and in_name(nxt) is None and not nxt.is_number \
                and not g.definite(nxt) \
                and not any(prefix[:1] in g.conjunctions for prefix, _ in nxt.splits if prefix):
            return tokens[:i + 1]  # (a coordinated twin, وعلى المحكمة، stays)
    return tokens


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
        if self.w.plural_perfect and token.bare().endswith(self.w.plural_perfect) and len(token.bare()) >= 5 \
                and not self._definite(token):
            return True  # ونزعوا، حطموا: a plural perfect ends the phrase before it
        return (token.norm in self.w.breaks or token.norm in self.w.stops or conj or is_trigger(token)
                or token.norm in self.w.suffixed_preps or token.bare() in self.w.suffixed_preps
                or not (token.is_arabic or token.is_number))

    def phrase(self, tokens, j: int, is_trigger, hi: int | None = None, head_ok: bool = False) -> tuple[int, int] | None:
        """The noun phrase starting at ``tokens[j]`` (inclusive token range), or None; ``head_ok``: the
        phrase may open with another event's word (ضد الغارات، على زيارة غل: what it is against)."""
        hi = len(tokens) - 1 if hi is None else min(hi, len(tokens) - 1)
        if j < hi and tokens[j].norm in self.w.approximators and self._count(tokens[j + 1]):
            rest = self.phrase(tokens, j + 1, is_trigger, hi)  # نحو 80 شخصا: the count with its word
            return (j, rest[1]) if rest is not None else None
        if j > hi or tokens[j].norm in self.w.skip or _bare_prefix(tokens[j], self.g) \
                or self._stop(tokens[j], (lambda t: False) if head_ok else is_trigger) or self._coordinated_verb(tokens[j]):
            return None
        end = j
        while end + 1 <= hi and end + 1 - j < MAX_NP:
            nxt = tokens[end + 1]
            if self._stop(nxt, is_trigger) or nxt.norm in self.w.skip:
                break
            if _bare_prefix(nxt, self.g):
                break  # a clitic preposition opens a new phrase (بالرصاص، للشرطة)
            if self._coordinated_verb(nxt):
                break  # قتل جندي تركي | وجرح آخرون: a coordinated verb opens a new clause
            if self._count(nxt):
                break  # a count opens the next phrase (قوات الأمن العراقية | عشرة مسلحين)
            if _closed(tokens[end], self.g) and not _closed(nxt, self.g):
                break  # مفجرون انتحاريون | مقر البلدية: a sound plural in -ون takes no genitive
            if end > j and not self._definite(tokens[j]) and self._definite(tokens[end]) and self._definite(nxt) \
                    and not self._adjective_like(nxt):
                break  # استقبل وزير الخارجية | السفير: a definite noun after a closed construct opens the object
            end += 1
        # مئات من الأقباط، عدد من المتظاهرين: the count's من phrase names who they are
        # طائرة بدون طيار تابعة للقوات الأمريكية: whose it is belongs to the phrase (and to its code)
        for k in range(end + 1, min(hi, end + 3) + 1):
            if tokens[k].norm in self.w.belonging or tokens[k].bare() in self.w.belonging:
                if k + 1 <= hi and _bare_prefix(tokens[k + 1], self.g)[:1] == self.g.lam:
                    end = self._clitic_phrase(tokens, k + 1, hi, is_trigger)[1]
                break
            if tokens[k].norm in self.w.breaks:
                break
        count = self._count(tokens[j]) or bool(set(tokens[j].stems()) & self.w.quantities)
        if count and end <= j + 1 and not any(self._definite(t) for t in tokens[j + 1:end + 1]):
            # مجموعات صغيرة أيضا من المتظاهرين: an adjective and a manner word may stand before the من
            k = self._skip(tokens, end + 1, hi)
            if k + 1 <= hi and k <= j + 3 and tokens[k].norm == self.g.of_:
                rest = self.phrase(tokens, k + 1, is_trigger, hi)
                if rest is not None:
                    end = rest[1]
        return j, end

    def _adjective_like(self, token: Token) -> bool:
        """A definite word that can qualify the noun before it: a relational adjective (العراقية،
        الوطني) or a listed one (العام، الكبرى، المتحدة)."""
        word = token.bare()
        return word.endswith(self.g.demonym_endings) or token.norm in self.w.attributives \
            or token.norm.lstrip(self.g.conjunction_letters) in self.w.attributives

    def _definite(self, token: Token) -> bool:
        return self.g.definite(token)

    def _coordinated_verb(self, token: Token) -> bool:
        """وجرح، وأصيب: a casualty verb after و opens a clause of its own, no part of a phrase."""
        return any(p and p in self.g.conjunctions and stem in self.w.patient_verbs for p, stem in token.splits)

    def _count(self, token: Token) -> bool:
        """A number, in digits or words (سبعة، عشرة)."""
        return token.is_number or token.norm in self.w.numbers

    def _skip(self, tokens, j: int, hi: int) -> int:
        while j <= hi:
            # أول من أمس: a time phrase whose middle word would end the phrase
            size = next((len(p) for p in self.w.skip_phrases if tuple(t.norm for t in tokens[j:j + len(p)]) == p), 0)
            if size:
                j += size
                continue
            if tokens[j].norm in self.w.skip or tokens[j].norm in self.g.emphatic_particles:
                j += 1
                continue
            break
        return j

    def _prep_phrase(self, tokens, j: int, hi: int, is_trigger) -> tuple[str, tuple[int, int]] | None:
        """(preposition, phrase) when tokens[j] is a preposition word or carries one as a clitic."""
        if j > hi:
            return None
        token = tokens[j]
        if token.norm in self.w.target_preps or token.norm in self.g.phrase_preps:
            span = self.phrase(tokens, j + 1, is_trigger, hi, head_ok=token.norm in self.g.against_preps)
            return (token.norm, span) if span else None
        if token.norm in self.w.stops:
            return None  # لأن، لكي: a conjunction that looks like a preposition on a word
        prefix = _bare_prefix(token, self.g)
        if not prefix:
            letters = self.g.conjunction_letters
            prefix = next((p.lstrip(letters) for p, _ in token.splits if p.lstrip(letters) in self.g.bare_preps), "")
        stem = next((st for p, st in token.splits if p.lstrip(self.g.conjunction_letters) == prefix), "")
        if prefix == self.g.lam and stem.startswith(self.g.imperfect_person) and len(stem) >= 4:
            return None  # ليؤكد: the ل of purpose before a verb, no prepositional phrase
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
             is_nominal=lambda token: True, is_demonym=lambda token: False, clause_end: int | None = None,
             armed=lambda tokens: False, is_agent=lambda token: False, in_name=lambda token: None) -> Roles:
        """Actor and target token ranges for the trigger at tokens[first..last]; ``clause_end`` (the last
        token of the clause, past the next trigger) bounds the look for a target named far on (ضد ...);
        ``armed(tokens)``: a phrase of gunmen or rebels, who do a killing rather than undergo it;
        ``is_agent(token)``: a word naming who can act (المتظاهرين، القوات)."""
        hi = len(tokens) - 1 if limit is None else limit
        far_hi = len(tokens) - 1 if clause_end is None else min(clause_end, len(tokens) - 1)
        actor = target = None
        j = self._skip(tokens, last + 1, hi)
        if verbal:
            pronoun = first > 0 and bool(set(tokens[first - 1].stems()) & self.w.pronoun_subjects)
            patient = bool(set(tokens[first].stems()) & self.w.patient_verbs)
            after = self.phrase(tokens, j, is_trigger, hi)
            if after is not None:  # هاجمت باكستان | مواقع المسلحين: the subject's name ends it, the object follows
                after = (after[0], after[0] + len(end_at_name(tokens[after[0]:after[1] + 1], in_name, self.g)) - 1)
            subject = self._before(tokens, first, floor, is_trigger)
            if subject is not None and self._opens_clause(tokens, subject[0], floor) and not pronoun:
                # SVO (القوى الكبرى رفضت رفع الحظر): what follows the verb is its object
                actor = subject
                if after is not None:
                    target = after
                elif patient and (self._phrase_closes(tokens, j, hi) or not armed(tokens[subject[0]:subject[1] + 1])):
                    actor, target = None, subject  # ستة مدنيين قتلوا في هجوم: no object, so a passive
                else:
                    target = self._prep_target(tokens, j, hi, is_trigger, self.g.object_preps)
            elif after is not None and not pronoun:
                if self._count(tokens[after[0]]) and patient:
                    target = after  # قتل 20 شخصا، قتل سبعة من عناصر الشرطة: the written passive
                    actor = subject  # بأن طائرات التحالف قتلت 30 مسلحا: unless a subject stands before
                else:
                    actor = after
                    k = self._skip(tokens, after[1] + 1, hi)
                    obj = self.phrase(tokens, k, is_trigger, hi)
                    if obj is not None:
                        target = obj
                    elif patient and (self._phrase_closes(tokens, k, hi) or not armed(tokens[after[0]:after[1] + 1])):
                        actor, target = None, after  # قتل جنديان أمريكيان في هجوم: no object, a passive
                    else:
                        target = self._prep_target(tokens, k, hi, is_trigger, self.g.subject_object_preps)
            elif after is not None:
                target = after
            else:
                target = self._prep_target(tokens, j, hi, is_trigger, self.g.object_preps)
            if actor is None and target is None and not pronoun:
                actor = self._before(tokens, first, floor, is_trigger)
                if patient and actor is not None:
                    actor, target = None, actor  # إن مقاتلا قتل بعدما ...: the one phrase underwent it
        else:
            while j <= hi and j <= last + 2 and ((is_adjective(tokens[j]) and not is_agent(tokens[j]))
                                                 or tokens[j].norm in self.w.attributives):
                if tokens[j].norm in self.w.attributives and self._definite(tokens[j]) and j + 1 <= hi \
                        and not self._definite(tokens[j + 1]) \
                        and not self._stop(tokens[j + 1], is_trigger) and not _bare_prefix(tokens[j + 1], self.g):
                    j += 1  # القمة المزمع عقدها: the participle's own complement goes with it
                j += 1  # المفاوضات النووية: the noun's adjective, not its genitive
            after = self.phrase(tokens, j, is_trigger, hi) if j <= last + 3 else None
            if after is not None and self._definite(tokens[last]) and not is_demonym(tokens[after[0]]) \
                    and in_name(tokens[after[0]]) is None:
                after = None  # المساعدات العاجلة، الأعمال العنيفة: a noun with the article heads no genitive
            if after is not None and any(p.lstrip(self.g.conjunction_letters) in self.g.cause_clitics
                                         and stem in self.w.weapons for p, stem in tokens[after[0]].splits):
                after = None  # هجوم انتحاري بسيارة مفخخة: the weapon it was done with, no genitive
            if after is not None and not object_genitive and not is_nominal(tokens[after[0]]):
                after = None  # مظاهرة ضخمة، دعوة كريمة: an adjective, not the genitive
            if after is not None:
                if object_genitive and not is_demonym(tokens[after[0]]):
                    target = after
                else:
                    actor = after  # ضربة جوية أمريكية: the country's adjective names who struck
                j = after[1] + 1
            k = self._skip(tokens, j, hi)
            for _ in range(4):  # a few phrases on: انفجار سيارة مفخخة ضد دورية للشرطة
                if k > hi:
                    break
                prep = self._prep_phrase(tokens, k, hi, is_trigger)
                if prep is None:
                    if tokens[k].norm in self.w.place_preps or tokens[k].norm in self.w.not_actor_before:
                        span = self.phrase(tokens, k + 1, is_trigger, hi)  # في الموصل: passed over
                        if span is not None and tokens[k].norm in self.w.partner_preps and target is None:
                            target = span  # القمة مع زعماء ...: the other party
                        if span is not None:
                            k = self._skip(tokens, span[1] + 1, hi)
                            continue
                    break
                word, span = prep
                if word in self.g.against_preps and target is None:
                    target = span = self._coordinated(tokens, span, far_hi, word)
                elif word == self.g.lam and target is None and object_genitive:
                    target = span
                elif word == self.g.lam and actor is None and not object_genitive and (
                        is_agent(tokens[span[0]]) or in_name(tokens[span[0]]) is not None):
                    actor = span  # زيارة مرتقبة للرئيس; not مفاوضات للسماح (a verbal noun of purpose)
                k = self._skip(tokens, span[1] + 1, hi)
            if actor is None:
                actor = self._light_verb_subject(tokens, first, floor, is_trigger)
            if actor is None and self._adverbial(tokens[first]):
                # its clause's subject may stand before an earlier verb's trigger: the clause bounds it
                actor = self._agent_before(tokens, first, 0, is_agent)
            if target is None:
                target = self._light_verb_subject(tokens, first, floor, is_trigger, self.w.undergo_verbs)
        agent = self._agent_marker(tokens, last + 1, hi, is_trigger) or (
            None if verbal else self._agent_verb(tokens, last + 1, is_trigger))
        if agent is not None:
            if actor is not None and target is None and verbal:
                target = actor  # خطف موظف ... على يد متمردين: the phrase after the verb underwent it
            actor = agent
        if target is not None and any(set(t.stems()) & self.w.weapons for t in tokens[target[0]:target[0] + 2]):
            # أطلقت الشرطة النار على المتظاهرين: what was fired is no target; whom it was fired at is
            target = self._fired_at(tokens, target[1] + 1, far_hi, is_trigger)
        if target is None:
            target = self._aimed_at(tokens, last + 1, far_hi, is_trigger)
        if target is None:
            target = self._against(tokens, last + 1, far_hi, is_trigger)
        protest = self._protest(tokens[first:last + 1])
        if protest and target is not None and set(tokens[target[0]].stems()) & self.w.chant_nouns:
            # احتشدوا على هتافات «يسقط X»: the chants are how they protest; what they voice is the target
            target = self._chanted(tokens, target[1] + 1, len(tokens) - 1)
        if target is None and protest:
            target = self._chanted(tokens, last + 1, len(tokens) - 1)
        if target is not None and target[0] == target[1] and target[0] > first:
            target = self._possessor(tokens, target[0], first, actor) or target
        return Roles(actor, target)

    def _protest(self, tokens) -> bool:
        """Whether a trigger's words are a protest's (تجمعوا holds تجمع، بتظاهرة holds تظاهرة)."""
        return any(form in token.norm for token in tokens for form in self.w.protest_forms)

    def _possessor(self, tokens, k: int, first: int, actor) -> tuple[int, int] | None:
        """احتجاجا على زيارته: what is protested (or attacked) is a man's act or thing, so he is the
        target: the nearest title phrase before the event in its sentence, across its clauses (استقبل ... الرئيس الأميركي ...
        احتجاجا على زيارته), the antecedent a reader takes for ه. Only after على/ضد, only for an
        indefinite noun carrying ه, only a masculine title outside the actor's phrase."""
        token = tokens[k]
        before = tokens[k - 1].norm
        if not self.w.his_suffix or not (before in self.g.against_preps or before in self.w.against_words) \
                or not token.text.endswith(self.w.his_suffix) or len(token.text) - len(self.w.his_suffix) < 3 \
                or self._definite(token) or _bare_prefix(token, self.g):
            return None
        for j in range(first - 1, -1, -1):
            if actor is not None and actor[0] <= j <= actor[1]:
                continue
            if set(tokens[j].stems()) & self.w.titles and not tokens[j].text.endswith(self.w.feminine_ending):
                end = j
                while end + 1 < first and end + 1 - j < MAX_NP and not self._stop(tokens[end + 1], lambda t: False) \
                        and not _bare_prefix(tokens[end + 1], self.g) and tokens[end + 1].norm not in self.w.skip \
                        and not any(p in self.g.conjunctions for p, _ in tokens[end + 1].splits if p) \
                        and not (actor is not None and actor[0] <= end + 1 <= actor[1]):
                    end += 1  # الرئيس الأميركي | وزوجته: a conjunction starts another person
                return j, end
        return None

    def _phrase_closes(self, tokens, k: int, hi: int) -> bool:
        """Whether nothing but a preposition, a conjunction or the clause's end follows a verb's one
        phrase: then a verb of killing or wounding reads as a passive (قتل جنديان في هجوم), while a
        verb after it (مسلحون يرتدون ...) opens a relative clause and the object comes later."""
        if k > hi:
            return True
        token = tokens[k]
        if token.norm in self.w.breaks or token.norm in self.w.stops or _bare_prefix(token, self.g):
            return True
        return any(prefix in self.g.conjunctions for prefix, _ in token.splits)

    def _aimed_at(self, tokens, lo: int, hi: int, is_trigger) -> tuple[int, int] | None:
        """The target named by the verb that follows an event: عملية انتحارية استهدفت قافلة (its
        object), هجوم أسفر عن مقتل ثلاثة جنود (the victims of its result)."""
        for k in range(lo, min(hi, lo + 16) + 1):
            token = tokens[k]
            if token.norm in self.w.breaks and token.norm not in self.g.commas:
                return None
            stems = set(token.stems())
            if stems & self.w.target_verbs:
                return self.phrase(tokens, self._skip(tokens, k + 1, hi), is_trigger, hi, head_ok=True)
            if stems & self.w.result_verbs:
                j = self._skip(tokens, k + 1, hi)
                if j <= hi and tokens[j].norm in self.g.result_preps:
                    j += 1
                if j <= hi and set(tokens[j].stems()) & self.w.result_nouns:
                    return self.phrase(tokens, self._skip(tokens, j + 1, hi), lambda t: False, hi)
                return None
        return None

    def _against(self, tokens, lo: int, hi: int, is_trigger) -> tuple[int, int] | None:
        """ضد X further on in the clause (خرجت مظاهرات في الموصل ضد الحكم), the على/ب phrase of a
        purpose noun (للاحتجاج على القرار، تنديدا بالزيارة) or the ل phrase of a stance word (مؤيدة لـ):
        what the act is against or for."""
        for k in range(lo, min(hi, lo + 12) + 1):
            token = tokens[k]
            if token.norm in self.w.breaks and token.norm not in self.g.commas:
                return None
            if token.norm in self.w.against_words or (k == lo and token.norm in self.g.against_preps):
                # احتجاجا على زيارته: right after the act, على too; the next event's word may head it
                return self._object_of(tokens, k + 1, hi, is_trigger)
            stems = set(token.stems())
            if stems & self.w.address_verbs:
                # تظاهرة تطالب الحكومة بـ...، مطالبين الوزير بالاستقالة: the bare object is whom it addresses
                j = self._skip(tokens, k + 1, hi)
                if j <= hi and not _bare_prefix(tokens[j], self.g) and tokens[j].norm not in self.g.phrase_preps \
                        and tokens[j].norm not in self.w.target_preps:
                    span = self.phrase(tokens, j, lambda t: False, hi)
                    if span is not None:
                        return span
            if stems & (self.w.purpose_nouns | self.w.stance_words) and k + 1 <= hi:
                prep = self._prep_phrase(tokens, k + 1, hi, lambda t: False)
                if prep is not None and (prep[0] in self.g.against_preps or prep[0][:1] in self.g.clitic_preps):
                    return self._coordinated(tokens, prep[1], hi, prep[0])
                if k + 2 <= hi and tokens[k + 1].norm in self.g.against_preps:
                    return self._object_of(tokens, k + 2, hi, is_trigger)
        return None

    def _chanted(self, tokens, lo: int, hi: int) -> tuple[int, int] | None:
        """The target of a chant quoted after the act, anywhere on in its sentence (هتفوا «يسقط الرئيس»،
        «الموت لـX»، «نحن ضد X»): inside the quotes, the phrase after a slogan's head or ضد."""
        inside = False
        for k in range(lo, min(hi, lo + SLOGAN_REACH) + 1):
            norm = tokens[k].norm
            if norm in self.w.quote_opens and not (inside and norm in self.w.quote_closes):
                inside = True
                continue
            if norm in self.w.quote_closes:
                inside = False
                continue
            if not inside or k + 1 > hi:
                continue
            head = norm.lstrip(self.g.conjunction_letters) if norm not in self.w.slogan_heads else norm
            if head in self.w.slogan_heads or head in self.w.against_words:
                prep = self._prep_phrase(tokens, k + 1, hi, lambda t: False)
                if prep is not None and prep[0] == self.g.lam:
                    return prep[1]  # الموت لـX، لا لـX
                if not _bare_prefix(tokens[k + 1], self.g):
                    span = self.phrase(tokens, k + 1, lambda t: False, hi, head_ok=True)
                    if span is not None:
                        return span
        return None

    def _object_of(self, tokens, j: int, hi: int, is_trigger) -> tuple[int, int] | None:
        """The phrase after على/ضد: through ما and its verb (على ما يصفونه بوحشية الشرطة) and on to a
        coordinated second phrase (على مذكرة التوقيف وعلى المحكمة)."""
        if j + 2 <= hi and tokens[j].norm in self.w.what and _verb_like_or_plural(tokens[j + 1], self):
            k = j + 2
            prep = self._prep_phrase(tokens, k, hi, lambda t: False)
            span = prep[1] if prep is not None else self.phrase(tokens, k, is_trigger, hi, head_ok=True)
        else:
            span = self.phrase(tokens, j, is_trigger, hi, head_ok=True)
        return self._coordinated(tokens, span, hi, tokens[j - 1].norm) if span is not None else None

    def _coordinated(self, tokens, span: tuple[int, int], hi: int, prep: str) -> tuple[int, int]:
        """A target phrase with its coordinated twin under the same preposition (وعلى X)."""
        k = span[1] + 1
        if k + 1 <= hi and any(p in self.g.conjunctions and stem == prep for p, stem in tokens[k].splits):
            more = self.phrase(tokens, k + 1, lambda t: False, hi, head_ok=True)
            if more is not None:
                return span[0], more[1]
        return span

    def _fired_at(self, tokens, lo: int, hi: int, is_trigger) -> tuple[int, int] | None:
        """The على/ضد phrase a few words after a weapon (صواريخ كاتيوشا على مستوطنة)."""
        for k in range(lo, min(hi, lo + 6) + 1):
            if tokens[k].norm in self.w.breaks and tokens[k].norm not in self.g.commas:
                return None
            if tokens[k].norm in self.g.against_preps or tokens[k].norm in self.w.against_words:
                return self.phrase(tokens, k + 1, is_trigger, hi, head_ok=True)
        return None

    def _adverbial(self, token: Token) -> bool:
        """An indefinite accusative verbal noun (احتجاجا، تنديدا): the adverb of its clause's verb."""
        return bool(self.w.accusative) and token.norm.endswith(self.w.accusative) and not self._definite(token) \
            and len(token.norm) >= 5

    def _agent_before(self, tokens, first: int, floor: int, is_agent) -> tuple[int, int] | None:
        """The first agent word of an adverbial noun's clause (تدفق آلاف المتظاهرين ... احتجاجا): the
        subject of the verb it qualifies, with its count (آلاف) when one stands before."""
        lo = max(floor, first - 12)
        for k in range(first - 1, lo - 1, -1):
            if tokens[k].norm in self.w.breaks and tokens[k].norm not in self.g.commas:
                lo = k + 1
                break
        # the first agent word of the clause is its subject; later ones sit in its objects (قوات الجيش)
        for k in range(lo, first):
            if is_agent(tokens[k]) and not clitic_prep(tokens[k], self.g):
                start = k
                while start - 1 >= lo and start > k - 3 and (self._count(tokens[start - 1]) or set(
                        tokens[start - 1].stems()) & self.w.quantities or tokens[start - 1].norm == self.g.of_):
                    start -= 1
                span = self.phrase(tokens, start, lambda t: False, first - 1)
                return span if span is not None and span[1] >= k else (start, k)
        return None

    def _opens_clause(self, tokens, start: int, floor: int) -> bool:
        """Whether a phrase starts its clause (after a break, إن/أن, و or the sentence start)."""
        if start <= floor:
            return True
        before = tokens[start - 1]
        return before.norm in self.w.breaks or before.norm in self.w.clause_openers or before.norm in self.g.auxiliaries

    def _before(self, tokens, first: int, floor: int, is_trigger, jump: bool = True) -> tuple[int, int] | None:
        """The subject before a verb (SVO): the phrase ending right before it, in its clause; past one
        prepositional phrase when the subject opens the clause (وكان متظاهرون بمدينة العريش قد حطموا)."""
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
            inner = self._before(tokens, start, floor, is_trigger, False) if jump else None
            return inner if inner is not None and self._opens_clause(tokens, inner[0], floor) else None
        if start > floor and (tokens[start - 1].norm in self.w.place_preps or tokens[start - 1].norm in self.w.target_preps):
            return None  # الموظف في اللجنة الانتخابية خطف: the phrase before the verb hangs on في
        if all(t.is_number for t in tokens[start:end + 1]):
            return None  # 29 أغسطس 2003 قتل: a date, no subject
        return start, end

    def _light_verb_subject(self, tokens, first: int, floor: int, is_trigger,
                            verbs: frozenset[str] | None = None) -> tuple[int, int] | None:
        """The subject of a light verb before the event noun (شن الجيش هجوما); with ``verbs`` the
        undergoing verbs, who underwent it (تعرضت القوات لهجوم، نجا الوزير من انفجار)."""
        verbs = self.w.light_verbs if verbs is None else verbs
        for k in range(first - 1, max(floor, first - 10) - 1, -1):
            if tokens[k].norm in self.w.breaks and tokens[k].norm not in self.g.commas:
                return None
            if set(tokens[k].stems()) & verbs:
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
            if norm in self.w.breaks and norm not in self.w.clause_openers and tokens[k].norm not in self.g.relatives \
                    and norm not in self.g.commas:
                return None  # هجوم انتحاري، نسب إلى المتمردين: a comma may stand before the agent verb
            if tokens[k].bare() in self.w.agent_verbs or norm in self.w.agent_verbs:
                return self.phrase(tokens, self._skip(tokens, k + 1, len(tokens) - 1), lambda t: False)
            if set(tokens[k].stems()) & self.w.agent_prep_verbs and k + 1 < len(tokens) \
                    and tokens[k + 1].norm in self.w.target_preps:
                return self.phrase(tokens, k + 2, lambda t: False)  # هجوم نسب إلى المتمردين
        return None

    def _agent_marker(self, tokens, lo: int, hi: int, is_trigger) -> tuple[int, int] | None:
        """من قبل X، على يد X، بواسطة X within the clause after the trigger."""
        for k in range(lo, min(hi, lo + 12)):
            if tokens[k].norm in self.w.breaks:
                return None
            if k > lo and (is_trigger(tokens[k]) or set(tokens[k].stems()) & self.w.undergo_verbs):
                return None  # إثر تعرض قواتها لإطلاق نار من جانب ...: that agent is the other act's
            if k + 1 <= hi and tokens[k].norm in self.g.agent_marker_heads and tokens[k + 1].norm in self.w.agent_markers:
                return self.phrase(tokens, k + 2, is_trigger, hi)
            if tokens[k].norm in self.g.agent_preps:
                return self.phrase(tokens, k + 1, is_trigger, hi)
        return None
