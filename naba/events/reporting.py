"""Event versus mention: does the clause report this event, or only mention it?

A clause reports the event of its main verb and of the verbs coordinated with it. A verbal noun
heads a reported action only in a few frames, which this module recognises:
- it opens its clause (a headline or a dated list entry: ``* 27 يوليو: مقتل 13 ...``);
- a verb of occurrence or a light verb governs it (``اندلعت مظاهرات``، ``شن هجوما``، ``تعرض لهجوم``),
  or follows it as its predicate (``هجوم انتحاري استهدف ...``);
- it is the result of ``أدى إلى`` / ``أسفر عن`` or the object of an announcement (``أعلنت الشرطة مقتل``);
- it is the cause of a casualty the clause reports (``قتل 20 شخصا في هجوم``، ``بانفجار سيارة``);
- it is an accusative adverbial of the act (``تظاهروا ... احتجاجا على``).
Through ``عملية``/``محاولة`` (``نفذت عملية الاغتيال``) the frame of the transparent noun counts.
Anything else is a mention: background (``منذ اغتيال الحريري``), the object of another act
(``أدان التفجيرات``، ``التحقيق في اغتيال``), a charge (``بتهمة القتل``، ``المتهمين في جريمة خطف``),
a topic (``وعن الاحتجاجات``): status ``referenced``.
A verb inside a relative clause (``الهجوم الذي استهدف ...``، ``المتظاهرين الذين تجمعوا``) and an
imperfect without a cue of its own (``متظاهرين يحتجون على``: a description, not a report) are
mentions too.
"""

from __future__ import annotations

from dataclasses import dataclass

from naba.events.grammar import Grammar
from naba.events.morphology import Affixes
from naba.text.normalise import normalise_text
from naba.text.tokens import Token


LIGHT_WINDOW = 10  # tokens back from a بـ verbal noun in which a light verb (قام) governs it
LEGAL_WINDOW = 4  # tokens back from an event noun in which a charge word makes it the object of a charge
CAUSE_WINDOW = 16  # tokens back from an event noun in which a casualty makes it the cause


def _forms_of(splits: tuple[tuple[str, str], ...], suffixes: tuple[str, ...]) -> frozenset[str]:
    """The split stems, plus the same without a dual or plural suffix (suffixes: verb_number_suffixes)."""
    stems = {stem for _, stem in splits}
    return frozenset(stems | {s[:-2] for s in stems for suffix in suffixes if s.endswith(suffix) and len(s) > 4})


@dataclass(frozen=True)
class ReportingWords:
    occurrence: frozenset[str]
    result: frozenset[str]
    casualty: frozenset[str]
    cause_prep: frozenset[str]
    speech: frozenset[str]
    transparent: frozenset[str]
    skip: frozenset[str]
    breaks: frozenset[str]
    noun_governors: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    resumptives: frozenset[str] = frozenset()  # فيه، بها: the verb before them is in a relative clause
    number_suffixes: tuple[str, ...] = ()  # dual and plural endings undone on a verb (events_morphology.tsv)
    plural_endings: tuple[str, ...] = ()  # sound plural endings of an indefinite noun (events_morphology.tsv)
    accusative: str = ""  # the accusative ending of an adverbial (احتجاجا)
    grammar: Grammar | None = None
    legal: frozenset[str] = frozenset()  # تهمة، المتهمين، جريمة: the act after them is a charge, not a report
    object_suffixes: tuple[str, ...] = ()  # object pronouns of a verb (events_morphology.tsv)
    background: frozenset[str] = frozenset()  # بعد، منذ: a noun after them is the time of another act
    prevention: frozenset[str] = frozenset()  # منع، حظر، قمع: the noun after them is what was stopped
    demonstratives: frozenset[str] = frozenset()  # هذه، تلك: the noun after them is an event told before
    complementizers: frozenset[str] = frozenset()  # أن، إن: a clause of its own begins
    tally: frozenset[str] = frozenset()  # منذ after a violent act: a count over a period
    background_formula: frozenset[str] = frozenset()  # يذكر أن، يشار إلى أن: a sentence of background
    backstory_end: frozenset[str] = frozenset()  # the punctuation that ends a relative clause
    befell: frozenset[str] = frozenset()  # وقع، جرى: a relative clause opening with them describes an event
    threat: frozenset[str] = frozenset()  # تهديد، هدد: the noun after them was threatened, not done
    recent_days: frozenset[str] = frozenset()  # أمس، اليوم (times_relative_days.tsv): a time of the news itself

    @classmethod
    def load(cls, lang, skip: frozenset[str], breaks: frozenset[str]) -> ReportingWords:
        def words(kind: str) -> frozenset[str]:
            return frozenset(normalise_text(w) for w in lang.words("events_reporting", "word", kind=kind))

        affixes = Affixes.of(lang)

        return cls(words("occurrence"), words("result"), words("casualty"), words("cause_prep"), words("speech"),
                   words("transparent"), skip, breaks, words("noun_governor"), words("relative"),
                   words("resumptive"), affixes.verb_number_suffixes, affixes.agent_plural_endings,
                   affixes.accusative, Grammar.of(lang), words("legal"), affixes.object_suffixes,
                   words("background"), words("prevention"), words("demonstrative"), words("complementizer"),
                   words("tally"), words("background_formula"), words("backstory_end"), words("befell"), words("threat"),
                   frozenset(normalise_text(w) for w in lang.words("times_relative_days", "words") if " " not in w))


# words back from a verbal noun to a threat that governs it (هدد الخاطفون بقتل)
THREAT_WINDOW = 3
# words back from an act to the relative pronoun of its clause (الذي اغتيل في فبراير 2005 في بيروت في تفجير)
BACKSTORY_REACH = 12


class Reporting:
    def __init__(self, words: ReportingWords):
        self.w = words
        self.g = words.grammar
        self._form_cache: dict = {}  # splits -> forms: the same words recur in every report

    def _forms(self, token: Token) -> frozenset[str]:
        forms = self._form_cache.get(token.splits)
        if forms is None:
            forms = _forms_of(token.splits, self.w.number_suffixes)
            if len(self._form_cache) < 65536:
                self._form_cache[token.splits] = forms
        return forms

    def clause_start(self, tokens, first: int) -> int:
        begin = first
        while begin > 0 and tokens[begin - 1].norm not in self.w.breaks:
            begin -= 1
        return begin

    def noun_reported(self, tokens, first: int, last: int, prefix: str, is_trigger, causes_harm: bool = True) -> bool:
        """Whether the verbal noun at tokens[first..last] heads an action its clause reports."""
        return self.noun_frame(tokens, first, last, prefix, is_trigger, causes_harm) is not None

    def noun_frame(self, tokens, first: int, last: int, prefix: str, is_trigger, causes_harm: bool = True) -> str | None:
        """The frame in which the verbal noun at tokens[first..last] heads a reported action
        (``opener``, ``governed``, ``result``, ``predicate``, ``cause``, ``adverbial``), or None."""
        head = first
        # نفذت عملية الاغتيال: look through a transparent noun
        if head > 0 and set(tokens[head - 1].stems()) & self.w.transparent:
            head -= 1
            prefix = tokens[head].splits[0][0] if tokens[head].splits else ""
        elif head > 1 and tokens[head - 1].norm == self.g.of_ and set(tokens[head - 2].stems()) & self.w.transparent:
            head -= 2  # سلسلة من الانفجارات، موجة من الاحتجاجات
            prefix = tokens[head].splits[0][0] if tokens[head].splits else ""
        begin = self.clause_start(tokens, head)
        # بتهمة القتل، المتهمين في جريمة «اغتصاب وقتل»، أدينوا بـ«الاغتيال»: the act names a charge
        if any(self._forms(t) & self.w.legal for t in tokens[max(0, head - LEGAL_WINDOW):head]):
            return None
        # منع التجمعات، قمع المظاهرة: the object of a ban; هذه المظاهرة، تلك الاحتجاجات: an event told before
        if head > 0 and self._forms(tokens[head - 1]) & (self.w.prevention | self.w.demonstratives):
            return None
        # تعرض للتهديد بالقتل، هدد الخاطفون بقتل الرهائن: what was threatened, not what was done
        if any(self._forms(t) & self.w.threat for t in tokens[max(begin, head - THREAT_WINDOW):head]):
            return None
        before = [t for t in tokens[begin:head] if t.is_arabic and t.norm not in self.w.skip]
        g = self.g
        bare_prefix = prefix.lstrip(g.conjunction_letters)
        opener = tokens[begin - 1].norm if begin > 0 else None
        if not before and bare_prefix == "" and opener not in g.commas:
            # opens its sentence or a list entry (after a colon or dash), indefinite as a headline writes
            # it (مقتل 13 ...، اغتيال النائب ...); a definite noun there is a topic (التفجيرات الانتحارية
            # ظاهرة ...، التفجير الذي أودى ...): its predicate decides, below
            return "opener"
        # governed by an occurrence, light, result or speech verb just before (subject may stand between)
        window = tokens[max(begin, head - 4):head]
        # وقع بعد تفجير، فجرت خلال الهجوم: the verb governs the prepositional phrase, not the noun in it
        if head > 0 and tokens[head - 1].norm in self.w.noun_governors:
            window = ()
        for k, token in enumerate(window):
            forms = self._forms(token)
            if forms & (self.w.occurrence | self.w.speech) and bare_prefix in ("", g.article, *g.clitic_preps) \
                    and not any(t.norm in self.w.complementizers for t in window[k + 1:]):
                # أعلنت الشرطة مقتل ...; not أكدت أن المظاهرة غير قانونية: after أن the noun heads a clause
                # of its own, whose predicate decides
                return "governed"
            if forms & self.w.result and not self._in_relative(tokens, max(begin, head - 4) + k):
                return "result"
        # قام متظاهرون في ضواحي نابولي بالاحتجاج، تعرضت ثكنة الغلاوية في الشمال لاعتداء: a light or
        # undergoing verb's subject may be long before its بـ / لـ noun
        if (bare_prefix[:1] in g.light_verb_clitics or bare_prefix in g.lams) and any(
                self._forms(t) & self.w.occurrence for t in tokens[max(begin, head - LIGHT_WINDOW):head]):
            return "governed"
        if head > 0 and tokens[head - 1].norm in g.result_preps and head > 1 and any(
                self._forms(tokens[j]) & self.w.result and not self._in_relative(tokens, j)
                for j in range(max(0, head - 6), head - 1)):
            return "result"
        # followed by its predicate: هجوم انتحاري استهدف، مظاهرات اندلعت (not when a preposition
        # governs it: في مظاهرة أقيمت ... is where something else happened)
        governed = bare_prefix in g.clitic_preps or (head > 0 and tokens[head - 1].norm in self.w.noun_governors)
        for k, token in enumerate(tokens[last + 1:last + 5]):
            if token.norm in self.w.breaks:
                break
            # right after the noun (or its adjective), never after a relative (الهجومين اللذين شنهما)
            back = k < 2 and token.norm not in self.w.relatives and self._points_back(token) and not (
                head > 0 and tokens[head - 1].norm in self.w.background) and not any(
                t.norm in self.w.relatives for t in tokens[last + 1:last + 1 + k])
            # هجوم انتحاري استهدف، ضربة جوية أدت إلى: a verb of occurrence or of result after the noun
            if (back or (self._forms(token) & (self.w.occurrence | self.w.result) and not governed)) \
                    and not token.norm.startswith(g.article):
                # خلال مظاهرة نظمها محتجون: a verb whose pronoun points back at the noun says it took place
                return "predicate"
        # the cause of a casualty the sentence reports: قتل 20 شخصا في هجوم، بانفجار سيارة
        cause = bare_prefix in g.cause_clitics or (head > 0 and tokens[head - 1].norm in self.w.cause_prep)
        if causes_harm and cause and self._casualty_before(tokens, head):
            return "cause"
        # the accusative adverbial of an act: احتجاجا على (a harmful act is no adverbial of purpose:
        # هجوما is the object of the verb before it, شهدت 140 هجوما)
        stem = tokens[first].norm[len(prefix):] if tokens[first].norm.startswith(prefix) else tokens[first].norm
        if not causes_harm and bare_prefix == "" and stem.endswith(self.w.accusative) and not stem.startswith(g.article):
            return "adverbial"
        return None

    def in_backstory(self, tokens, first: int, is_trigger) -> bool:
        """Whether tokens[first] lies in a relative clause that describes a participant (الحريري الذي
        اغتيل في تفجير، أقاربهن الذين تم قتلهم): the act is the person's backstory, not what the
        sentence reports. A relative clause on an event noun (الهجوم الذي استهدف، الاعتداء الذي وقع)
        describes the event itself, and one dated to the news day (النائب الذي قتل أمس) is the news."""
        j = first - 1
        while j > 0 and first - j <= BACKSTORY_REACH and tokens[j].norm not in self.w.backstory_end \
                and tokens[j].norm not in self.w.complementizers and not (tokens[j].is_arabic and tokens[j].norm in self.w.breaks - self.w.relatives):
            if self._relative(tokens[j]):
                if is_trigger(tokens[j - 1]) or self._forms(tokens[j + 1]) & self.w.befell:
                    return False
                end = first
                while end < len(tokens) and tokens[end].norm not in self.w.backstory_end:
                    end += 1
                return not any(set(t.stems()) & self.w.recent_days for t in tokens[j + 1:end])
            j -= 1
        return False

    def _in_relative(self, tokens, k: int) -> bool:
        """A verb right after a relative pronoun (الذي أسفر عن مقتل): its result belongs to the
        description of a noun, not to what the clause reports."""
        j = k - 1
        while j >= 0 and tokens[j].norm in self.w.skip:
            j -= 1
        return j >= 0 and self._relative(tokens[j])

    def _relative(self, token: Token) -> bool:
        """A relative pronoun, after any conjunction (الذي، والتي)."""
        return token.norm in self.w.relatives or token.norm.lstrip(self.g.conjunction_letters) in self.w.relatives

    def _points_back(self, token: Token) -> bool:
        """An occurrence verb with an object pronoun (نظمها، نفذه): it tells who did the noun before it."""
        word = token.bare()
        return any(word.endswith(s) and word[:-len(s)] in self.w.occurrence for s in self.w.object_suffixes if s)

    def _casualty_before(self, tokens, head: int) -> bool:
        """A casualty close before the event noun (قتل 20 شخصا واصيب 60 في هجوم), not one far back in
        the sentence that another phrase reports (من بين القتلى ... لتورطه في اختطاف سياح)."""
        return any(self._forms(t) & self.w.casualty for t in tokens[max(0, head - CAUSE_WINDOW):head])

    def reads_as_noun(self, tokens, first: int, prefix: str, tense: str | None) -> bool:
        """A bare perfect that is the verbal noun of the same letters (قتل، خطف): after a
        preposition or a transparent noun (على قتل، عملية خطف), or with ل/ب glued (لقتل)."""
        if tense != "past" or tokens[first].norm[len(prefix):] != tokens[first].bare():
            return False
        if prefix.lstrip(self.g.conjunction_letters) in self.g.bare_preps:
            return True
        if first == 0:
            return False
        before = tokens[first - 1]
        return before.norm in self.w.noun_governors or bool(set(before.stems()) & self.w.transparent)

    def verb_in_mention(self, tokens, first: int, bare_imperfect: bool) -> bool:
        """A verb that describes rather than reports: in a relative clause (المتظاهرين الذين تجمعوا،
        الهجوم الذي استهدف), or an imperfect that describes a participant (متظاهرين يحتجون على)."""
        k = first - 1
        while k >= 0 and tokens[k].norm in self.w.skip:
            k -= 1
        if k >= 0 and tokens[k].norm in self.w.relatives:
            return True
        # هجوم انتحاري قتل فيه 58 شخصا: the pronoun points back to the indefinite noun the clause describes
        if first + 1 < len(tokens) and tokens[first + 1].norm in self.w.resumptives and k >= 0 \
                and tokens[k].is_arabic and tokens[k].norm not in self.w.breaks:
            return True
        # متظاهرين يحتجون على: an imperfect right after an indefinite noun describes it; a clause
        # that opens with the verb (ترحب المملكة) or its definite subject reports it
        if not bare_imperfect or k < 0:
            return False
        before = tokens[k]
        return before.is_arabic and before.norm not in self.w.breaks and not self.g.definite(before) \
            and len(before.bare()) > 3 and before.bare().endswith(self.w.plural_endings)
