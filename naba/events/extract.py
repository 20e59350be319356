"""Event mentions: trigger, actor, target, place, time and attribution, then one Event per event.

Written by hand: no Arabic event extractor or dependency parser exists on PyPI without torch.
Roles come from word order around the trigger inside its clause, as Arabic news writes them:
VSO (``وقعت كازاخستان اتفاقية مع الولايات المتحدة``), SVO (``أن كازاخستان ستنضم``), the genitive
of a verbal noun (``انضمام كازاخستان إلى ...``, ``زيارة ... للرئيس``), ``بين X و Y``, and
prepositions for the target (``إلى``، ``مع``، ``ل``، ``على``، ``ضد``) and the place (``في``).
Mentions of one event in a report (the same type, compatible participants, time and status)
become one Event whose evidence lists every trigger.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from naba.analysis import Analysis
from naba.events.actors import ActorCoder
from naba.events.implicit import Antecedent, fill_actors, heads_of
from naba.events.lexicon import Lexicon, Match
from naba.events.ontology import Ontology
from naba.events.reporting import Reporting, ReportingWords
from naba.events.roles import RoleWords, SpanFinder, clitic_prep, end_at_name
from naba.events.status import Status, StatusCues, status_of
from naba.record import Entity, Event, Span
from naba.text.normalise import normalise_text
from naba.text.tokens import Token



PLACE_TYPES = {"GPE", "LOC"}
PARTY_TYPES = {"PERSON", "GPE", "ORG"}
SYMMETRIC_MODES = {"visit", "host", "meet", "phone", "negotiate", "multilateral", "third-party"}
SAME_MEETING_MODES = {"visit", "host", "meet"}  # a visit and the meeting it holds are one event
STATUS_GROUP = {"happened": 0, "announced": 1, "planned": 1, "expected": 1, "ongoing": 1, "denied": 2, "hypothetical": 3,
                "referenced": 4}
STATE_ACTS = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
              "THREATEN", "SANCTION"}
HARMFUL_TYPES = {"ASSAULT", "COERCE"}  # events that can be the cause of a casualty the clause reports
MENTIONABLE = {"happened", "announced", "ongoing"}  # statuses a mere mention replaces with `referenced`
# physical acts a news clause reports in the perfect (or with a cue): their bare imperfect describes a
# habit, a kind of act or a scene (يقتلون المدنيين، المتظاهرون يحتجون، شاهد صديقه يقتل), no event
MATERIAL_TYPES = {"PROTEST", "ASSAULT", "COERCE"}
ANCHORED_TYPES = {"ASSAULT"}  # violence a report anchors by its time, toll or weapon (Extractor._anchored)
WINDOW = 8  # tokens a near= guard looks around the trigger


@dataclass
class Mention:
    match: Match
    sentence: int
    status: Status
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    time: int | None = None
    attribution: int | None = None
    time_value: str | None = None  # the resolved value, so two phrasings of one date agree
    tokens: tuple = ()  # the sentence's tokens, for the role spans
    actor_range: tuple[int, int] | None = None  # token range (inclusive) of the actor phrase
    target_range: tuple[int, int] | None = None
    governor: Mention | None = None  # for a mention: the reported act it is the object of


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)


class EntityIndex:
    """Which entity each character offset belongs to, and what kind it is; ``words`` are the role
    words and grammar (from the Language) the helpers of one report read."""

    def __init__(self, entities: tuple[Entity, ...], text: str, words: RoleWords):
        self.w = words
        self.g = words.grammar
        spans = sorted((m.start, m.end, e.id) for e in entities for m in e.mentions)
        self.starts = [s for s, _, _ in spans]
        self.spans = spans
        self.types = {e.id: e.type for e in entities}
        self.entities = entities
        self.text = text

    @cached_property
    def canonical(self) -> dict[str, set[str]]:
        return {e.id: {normalise_text(e.name_ar or "").removeprefix(self.g.article)} for e in self.entities}

    @cached_property
    def names(self) -> dict[str, set[str]]:
        """Normalised names of every entity, built on first use (only a seat lookup needs them)."""
        return {e.id: self.names_of(e.id) for e in self.entities}

    def names_of(self, eid: str) -> set[str]:
        """Normalised names of one entity, with and without the article."""
        cache = self.__dict__.setdefault("_names_of", {})
        if eid not in cache:
            entity = next((e for e in self.entities if e.id == eid), None)
            names = {normalise_text(n) for n in (entity.name_ar, entity.name_en) if n} if entity else set()
            names |= {normalise_text(m.text) for m in entity.mentions} if entity else set()
            article = self.g.article
            cache[eid] = {n[len(article):] if n.startswith(article) else n for n in names} | names
        return cache[eid]

    def at(self, token: Token) -> tuple[str, int] | None:
        """(entity id, mention start) of the mention overlapping ``token``."""
        i = bisect.bisect_right(self.starts, token.end - 1) - 1
        best = None
        while i >= 0 and self.spans[i][0] >= token.start - 200:
            start, end, eid = self.spans[i]
            if start < token.end and token.start < end:
                best = (eid, start)  # keep going left: the outermost mention wins (رئيس الوزراء الإسرائيلي)
            i -= 1
        return best

    def is_demonym(self, token: Token, eid: str) -> bool:
        """Whether a country is named by its adjective (الإسرائيلي، الأمريكية), which after a
        verbal noun names the agent: ترحيب إسرائيلي، العقوبات الأمريكية."""
        if self.types.get(eid) != "GPE":
            return False
        word = token.bare()
        return word.endswith(self.g.demonym_endings) and word not in self.canonical.get(eid, ())

    def by_name(self, name: str) -> str | None:
        norm = normalise_text(name)
        for eid, names in self.names.items():
            if norm in names:
                return eid
        return None


@dataclass(frozen=True)
class Extractor:
    lexicon: Lexicon
    ontology: Ontology
    seats: dict[str, str]
    reporting: Reporting | None = None
    spans: SpanFinder | None = None
    coder: ActorCoder | None = None
    cues: StatusCues | None = None
    words: RoleWords | None = None  # role words and grammar for the module helpers
    anchors: frozenset[str] = frozenset()  # weapons, tolls and number words that anchor a violent event

    @classmethod
    def load(cls, lang=None) -> Extractor:
        if lang is None:
            from naba.lang import load as load_language

            lang = load_language("ar")
        seats = {normalise_text(row["institution"]): normalise_text(row["city"]) for row in lang.table("events_seats")}
        cues = StatusCues.load(lang)
        role_words = RoleWords.load(lang, cues.clause_breaks)
        reporting = Reporting(ReportingWords.load(lang, role_words.skip, cues.clause_breaks))
        from naba.entities.kb import KB_DIR, KnowledgeBase, read_records

        coder = ActorCoder.load(lang, read_records(KB_DIR), KnowledgeBase.load())
        anchors = frozenset(normalise_text(w) for w in lang.words("events_anchors", "word")) | frozenset(
            normalise_text(w) for w in lang.words("times_numbers", "word", kind="cardinal"))
        return cls(Lexicon.load(lang), Ontology.load(), seats, reporting,
                   SpanFinder(role_words), coder, cues, role_words, anchors)

    def __call__(self, analysis: Analysis) -> list[Event]:
        index = EntityIndex(analysis.entities, analysis.text, self.words)
        mentions: list[Mention] = []
        for number, tokens in enumerate(analysis.sentence_tokens):
            matches, i = [], 0
            while i < len(tokens):
                match = self.lexicon.match(tokens, i, lambda m: self._guards_hold(m, tokens))
                if match is None or _inside_name(index, match):
                    i += 1
                    continue
                matches.append(match)
                i = match.last + 1
            starts = {t.start for m in matches for t in tokens[m.first:m.last + 1]}
            role_tokens = None  # the sentence's tokens with names kept whole, built on first use

            def is_trigger(token, starts=starts) -> bool:
                return token.start in starts

            sentence_mentions: list[Mention] = []
            referenced: set[int] = set()
            nouns: set[int] = set()  # matches read as verbal nouns (قتل in جريمة قتل، اختطاف وقتل)
            for k, match in enumerate(matches):
                # a role never lies beyond the next trigger: that word governs its own arguments
                limit = matches[k + 1].first - 1 if k + 1 < len(matches) else len(tokens) - 1
                # what follows an earlier verb trigger is that verb's subject (أدانت فرنسا اعتقال):
                # a verbal noun after it takes no actor from before
                floor = 0 if not k else (match.first if matches[k - 1].entry.verbal else matches[k - 1].last + 1)
                mention = self._mention(analysis, index, tokens, number, match, limit, floor)
                if self.reporting is not None and mention.status.value in MENTIONABLE and not (
                        mention.status.value == "ongoing" and mention.status.explicit):
                    as_noun = not match.entry.verbal or self.reporting.reads_as_noun(
                        tokens, match.first, match.prefix, match.tense) or self._after_construct_noun(
                        index, tokens, match, analysis.times) or self._coordinated_with_noun(tokens, matches, k, nouns)
                    if as_noun:
                        nouns.add(k)
                    if not as_noun:
                        bare_imperfect = mention.status.cue == "imperfect"
                        mentioned = self.reporting.verb_in_mention(tokens, match.first, bare_imperfect) or (
                            bare_imperfect and match.entry.type in MATERIAL_TYPES)
                    else:
                        mentioned = not self.reporting.noun_reported(tokens, match.first, match.last, match.prefix,
                                                                     is_trigger, match.entry.type in HARMFUL_TYPES)
                    if mentioned and mention.status.cue == "after" and mention.time is not None \
                            and match.entry.type not in ANCHORED_TYPES:
                        # بعد توقيع ... الخميس الماضي: a dated past act, told in passing, still counts; an
                        # attack after بعد is the background of the aftermath the clause reports
                        mentioned = False
                    if mentioned:
                        referenced.add(match.last)
                        mention.status = Status("referenced", False, "mention")
                        governor = sentence_mentions[-1] if sentence_mentions else None
                        if governor is not None and governor.match.last >= match.first - 3 \
                                and governor.status.value != "referenced":
                            mention.governor = governor
                if self.spans is not None:
                    if role_tokens is None:
                        role_tokens = _names_whole(index, tokens)
                    roles = self.spans.find(role_tokens, match.first, match.last, match.entry.verbal,
                                            match.entry.type in PATIENT_GENITIVE_TYPES and not match.entry.verbal,
                                            is_trigger, floor, limit, lambda t: _is_adjective(index, t),
                                            lambda t: self._is_nominal(index, t), lambda t: _names_country(index, t),
                                            armed=self.coder.armed if self.coder else lambda t: False,
                                            is_agent=self.coder.is_agent if self.coder else lambda t: False,
                                            in_name=lambda t: (index.at(t) or (None,))[0])
                    actor_range = roles.actor
                    if actor_range is None and match.entry.verbal and match.prefix[:1] == self.words.grammar.and_ \
                            and sentence_mentions:
                        # a coordinated verb shares the subject of the verb before it (تظاهروا ... وأحرقوا)
                        previous = sentence_mentions[-1]
                        if previous.match.entry.verbal and previous.actor_range is not None:
                            actor_range = previous.actor_range
                            if mention.actor is None:
                                mention.actor = previous.actor
                    mention.tokens = tokens
                    mention.actor_range = _role_phrase(analysis, tokens, actor_range, self.words)
                    mention.target_range = _role_phrase(analysis, tokens, roles.target, self.words)
                    speaker = _cue_speaker(analysis, tokens, match)
                    if speaker is not None and mention.target_range is not None and index.types.get(speaker[1]) == "PERSON" \
                            and _names_in(index, tokens, mention.target_range, speaker[1]):
                        # دعا المبعوث الدولي إلى اليمن إسماعيل ولد الشيخ إلى: the "target" phrase is the speaker's name
                        mention.actor_range, mention.target_range = speaker[0], None
                sentence_mentions.append(mention)
            violent = [m for m in sentence_mentions if m.match.entry.type in ANCHORED_TYPES and m.status.value in
                       MENTIONABLE and not (m.status.value == "ongoing" and m.status.explicit)]  # تتواصل: a report
            if violent and self.anchors and not self._anchored(analysis, number, tokens):
                for m in violent:
                    m.status = Status("referenced", False, "unanchored")
            if self.reporting is not None and any(self.reporting.w.background_formula.intersection(t.stems())
                                                  for t in tokens[:2]):
                # يذكر أن ...، يشار إلى أن ...، وجدير بالذكر أن ...: the sentence recalls background
                for m in sentence_mentions:
                    if m.match.entry.type in MATERIAL_TYPES and m.status.value in MENTIONABLE:
                        m.status = Status("referenced", False, "background")
            for m in violent:
                # قتل 76 صحافيا منذ الغزو، تعرضت الهند إلى 44 تفجيرا منذ مايو: a tally over a period, no one event
                if m.status.value != "referenced" and self.reporting is not None and any(
                        t.norm in self.reporting.w.tally for t in tokens[m.match.last + 1:_clause_end(tokens, m.match.last,
                                                                                                   self.cues)]):
                    m.status = Status("referenced", False, "tally")
            for m in violent:
                # الحريري الذي اغتيل في تفجير: an attack in a relative clause on a person is backstory
                if m.status.value != "referenced" and self.reporting is not None and self.reporting.in_backstory(
                        tokens, m.match.first, is_trigger):
                    m.status = Status("referenced", False, "backstory")
            mentions.extend(_details_kept(sentence_mentions))
        clusters = _merge(mentions, index)
        events = [self._event(analysis, index, cluster) for cluster in clusters]
        # a condemnation (investigation, ...) is about the event it names: link them
        where = {id(m): i for i, cluster in enumerate(clusters) for m in cluster.mentions}
        for i, cluster in enumerate(clusters):
            for m in cluster.mentions:
                if m.governor is not None and id(m.governor) in where and where[id(m.governor)] != i:
                    g = where[id(m.governor)]
                    if events[g].about is None:
                        events[g] = events[g].model_copy(update={"about": i})
        return self._implicit_actors(analysis, index, events, clusters) if self.coder is not None else events

    def _governed(self, mention: Mention) -> bool:
        """A verbal noun after a preposition, a clitic one (بزيارة) or a word (خلال الزيارة، في إطار القمة)."""
        match, tokens, w = mention.match, mention.tokens, self.words
        if not tokens:
            return False
        if clitic_prep(tokens[match.first], w.grammar):
            return True
        before = [t.norm for t in tokens[max(0, match.first - 2):match.first]]
        return bool(before) and (before[-1] in w.not_actor_before or (
            len(before) == 2 and before[0] in w.not_actor_before and not before[1].startswith(w.grammar.article)))

    def _implicit_actors(self, analysis: Analysis, index: EntityIndex, events: list[Event],
                         clusters: list[_Cluster]) -> list[Event]:
        """The dropped subjects (وأشاد ...، خلال اجتماعه، احتجاجا): see naba/events/implicit.py."""
        g, affixes = self.words.grammar, self.coder.affixes
        heads = [c.mentions[0].match for c in clusters]
        verbal = [m.entry.verbal for m in heads]
        stems = [set(c.mentions[0].tokens[m.first].stems()) if c.mentions[0].tokens else set()
                 for c, m in zip(clusters, heads)]
        patient = [is_verb and bool(s & self.words.patient_verbs) for s, is_verb in zip(stems, verbal)]
        governed = [self._governed(c.mentions[0]) for c in clusters]
        nobody = [e.actor_span is not None and e.actor is None and not e.actor_code and not any(
            index.at(t) for t in analysis.tokens_in(e.actor_span.start, e.actor_span.end))
            and self.coder.role(analysis.tokens_in(e.actor_span.start, e.actor_span.end))[0] is None for e in events]
        harm = self.words.patient_verbs | self.words.result_nouns
        casualty = [bool(s & harm) for s in stems]
        heads = heads_of(events, verbal, patient, governed, self.words.possessives, affixes.accusative, g.article,
                         normalise_text, nobody, casualty)
        antecedents = [Antecedent(e.actor_span.start, analysis.sentence_index_at(e.actor_span.start), e.actor,
                                  e.actor_span, e.actor_code) for e in events if e.actor_span is not None]
        day = _day(analysis, None)
        kb_of = {e.id: e.kb for e in analysis.entities}
        for a in analysis.attributions:
            if a.speaker is None:
                continue
            tokens = analysis.tokens_in(a.speaker.start, a.speaker.end)
            found = _parties(index, tokens, kb_of, (a.speaker_entity, a.speaker_affiliation))
            code = self.coder.code(tuple(tokens), found, day) if tokens else None
            content = (a.content.start, a.content.end) if a.content is not None else None
            antecedents.append(Antecedent(a.speaker.start, analysis.sentence_index_at(a.speaker.start),
                                          a.speaker_entity, a.speaker, code, content))
        antecedents += self._named_subjects(analysis, index, day)
        return fill_actors(events, heads, antecedents, analysis.sentence_index_at, getattr(analysis, "clause_start", None))

    def _named_subjects(self, analysis: Analysis, index: EntityIndex, day) -> list[Antecedent]:
        """People and organisations named outside a prepositional phrase (أن يركز أوباما ...): the
        subjects a later dropped subject may go back to, coded with their titles."""
        out = []
        for e in analysis.entities:
            if e.type not in ("PERSON", "ORG"):
                continue
            for m in e.mentions:
                at = analysis.token_index_at(m.start)
                if at is None:
                    continue
                token = analysis.tokens[at]
                if token.start < m.start or (at > 0 and analysis.tokens[at - 1].norm in self.words.entity_preps):
                    continue  # للرئيس، مع الوزير: a prepositional phrase, no subject
                tokens = analysis.tokens_in(m.start, m.end)
                if e.type == "PERSON" and tokens:
                    tokens = self._with_title(analysis, tokens)
                code = self.coder.code(tuple(tokens), [(e.id, e.kb, e.type)], day) if tokens else None
                # named in a speaker's phrase (مصدر في شرطة المحافظة): not the subject of what the speaker tells
                content = next(((a.content.start, a.content.end) for a in analysis.attributions
                                if a.speaker is not None and a.content is not None
                                and a.speaker.start <= m.start < a.speaker.end), None)
                out.append(Antecedent(m.start, analysis.sentence_index_at(m.start), e.id, Span.of(analysis.text, m.start, m.end),
                                      code, content))
        return out

    def _anchored(self, analysis: Analysis, number: int, tokens) -> bool:
        """Whether a sentence anchors a violent event in the world: a time, a number (a toll, a
        count), a weapon or a victim word (سيارة مفخخة، قتلى). A killing or an attack with none of
        them is rhetoric or a kind of act (لتبرير قتل المدنيين، هل يرى في قتل الأبرياء), no report."""
        start, end = analysis.sentences[number]
        if any(start <= t.start < end for t in analysis.times):
            return True
        return any(t.is_number or not self.anchors.isdisjoint(t.stems()) for t in tokens)

    def _guards_hold(self, match: Match, tokens: tuple[Token, ...]) -> bool | None:
        """True when the reading's guards hold; False when its near= context is missing or a
        not_near= word is there (the next reading of the word is tried); None when a not_next= word
        or a missing jussive particle excludes the word here (no trigger at all)."""
        entry = match.entry
        if match.jussive and (match.first == 0 or tokens[match.first - 1].bare() not in self.words.grammar.jussive_particles):
            return None  # تعز after في is the city, not "he consoles"
        # not_next looks past one word: a VSO subject may stand between (رفض المسؤول الكشف)
        if entry.not_next and any(set(t.stems()) & entry.not_next for t in tokens[match.last + 1:match.last + 3]):
            return None
        if entry.near or entry.not_near:
            around = tokens[max(0, match.first - WINDOW):match.last + WINDOW + 1]
            # not_near: a gas cylinder that explodes is an accident, not a bombing
            if entry.not_near and any(set(t.stems()) & entry.not_near for t in around):
                return False
            if entry.near and not any(set(t.stems()) & entry.near for t in around):
                return False
        return True

    def _mention(self, analysis: Analysis, index: EntityIndex, tokens, number: int, match: Match,
                 limit: int, floor: int) -> Mention:
        attribution = _attribution_of(analysis, match.start)
        cue = None
        if attribution is not None and analysis.attributions[attribution].cue:
            cue = normalise_text(analysis.attributions[attribution].cue.text)
        status = status_of(match, tokens, cue, self.cues, _clause_range(analysis, tokens, match))
        actor, target = _roles(index, tokens, match, limit, floor)
        own = attribution is not None and _speakers_own(analysis, match, self.words)
        speaker = _speaker_of(analysis, match, attribution, own)
        if speaker is not None and (actor is None or _is_cue(analysis, match) or own):
            if actor not in (None, speaker) and target is None and _speaker_before(analysis, match):
                target = actor  # أن المركز دعا الأطباء: the subject is before the verb, the phrase after it its object
            if target == speaker and index.types.get(speaker) == "PERSON" and _is_cue(analysis, match):
                target = None  # دعا المبعوث الدولي إلى اليمن إسماعيل ولد الشيخ إلى: the name after the title is the speaker
            actor = speaker if speaker != target else actor
        place = _place(index, tokens, match, limit)
        time = _time_of(analysis, match, self.words)
        value = analysis.times[time].value if time is not None else None
        return Mention(match, number, status, actor, target, place, time, attribution, value)

    def _event(self, analysis: Analysis, index: EntityIndex, cluster: _Cluster) -> Event:
        mentions = cluster.mentions
        head = mentions[0]
        entry = head.match.entry
        moded = next((m.match.entry for m in mentions if m.match.entry.mode), entry)
        mode, cameo = moded.mode, moded.cameo
        actor, target = _best_roles(index, mentions)
        place = next((m.place for m in mentions if m.place), None)
        if place is None:
            place = self._seat(index, mentions)
        explicit = [m for m in mentions if m.status.explicit]
        reported = [m for m in mentions if m.status.value != "referenced"]
        status = (explicit[0] if explicit else reported[0] if reported else head).status.value
        time = next((m.time for m in mentions if m.time is not None), None)
        attribution = next((m.attribution for m in mentions if m.attribution is not None), None)
        spans = [Span.of(analysis.text, m.match.start, m.match.end) for m in mentions]
        roles = self._role_spans(analysis, index, mentions, actor, target, time)
        actor, target = roles.pop("actor", actor), roles.pop("target", target)
        return Event(
            trigger=spans[0], type=entry.type, mode=mode,
            cameo=cameo or self.ontology.cameo(entry.type, mode),
            actor=actor, target=target, place=place, time=time, status=status,
            attribution=attribution, evidence=spans, **roles,
        )

    def _after_construct_noun(self, index: EntityIndex, tokens, match: Match, times=()) -> bool:
        """A bare perfect right after an indefinite common noun is that noun's genitive, the verbal
        noun of the same letters (جرائم خطف، سيناريو خطف، وراء خطف): a verb follows a particle, a
        name or a definite subject, not a noun in construct."""
        first = match.first
        if match.tense != "past" or match.prefix or first == 0 or tokens[first].norm != tokens[first].bare():
            return False
        if not any(not entry.verbal for entry in self.lexicon.words.get(tokens[first].bare(), ())):
            return False  # only a perfect whose letters also spell a trigger noun (قتل، خطف، قصف)
        before = tokens[first - 1]
        g = self.words.grammar
        if not before.is_arabic or before.is_number or index.at(before) is not None or len(before.bare()) < 3:
            return False
        if any(t.start < before.end and before.start < t.end for t in times):
            return False  # وأمس قتل: a time adverb, not a noun in construct
        if g.definite(before) or before.norm in self.words.skip:
            return False
        if self.spans is None or self.spans._stop(before, lambda t: False) or before.norm in self.words.light_verbs:
            return False
        affixes = self.coder.affixes if self.coder is not None else None
        suffixed = affixes is not None and before.bare().endswith(
            tuple(p for p in affixes.possessives if p != affixes.first_person_possessive))
        if first > 1 and tokens[first - 2].norm in self.words.stops and suffixed:
            return False  # من جانبه رفض: a prepositional phrase closes before the verb (إلى موقع تجمع: it does not)
        # an accusative (إن مقاتلا قتل) or a nominative plural (مسلحون) is the verb's subject
        return not before.bare().endswith((g.nominative_plural, self.coder.affixes.accusative))

    def _coordinated_with_noun(self, tokens, matches: list[Match], k: int, nouns: set[int]) -> bool:
        """A bare perfect joined by و to the verbal noun before it is a verbal noun too
        (عمليات اختطاف وقتل، تفجير وقتل): a coordination joins words of one kind."""
        match = matches[k]
        if k == 0 or match.tense != "past" or match.prefix != self.words.grammar.and_:
            return False
        if tokens[match.first].norm[len(match.prefix):] != tokens[match.first].bare():
            return False  # a suffix (وقتلوا، وقتلته) marks the verb
        if not any(not entry.verbal for entry in self.lexicon.words.get(tokens[match.first].bare(), ())):
            return False
        return matches[k - 1].last == match.first - 1 and k - 1 in nouns

    def _is_nominal(self, index: EntityIndex, token: Token) -> bool:
        """Whether a word after a verbal noun can be its genitive: definite, a name, a number or an
        agent word (an indefinite adjective such as ضخمة or كريمة cannot)."""
        g = self.words.grammar
        return g.definite(token) or token.is_number or index.at(token) is not None or (
            self.coder is not None and self.coder.role((token,))[0] is not None)

    def _with_title(self, analysis: Analysis, tokens: tuple[Token, ...]) -> tuple[Token, ...]:
        """A name with the title words written before it in its clause (الوزير كارتر، الرئيس
        الأمريكي ...): they carry the role and country the code needs when the KB has no entry."""
        first = analysis.token_index_at(tokens[0].start)
        if first is None:
            return tokens
        k = first
        while k > 0 and first - k < 3 and analysis.tokens[k - 1].is_arabic \
                and analysis.tokens[k - 1].norm not in self.cues.clause_breaks \
                and analysis.tokens[k - 1].norm not in self.words.not_actor_before:
            k -= 1
        return analysis.tokens[k:first] + tuple(tokens)

    def _role_spans(self, analysis: Analysis, index: EntityIndex, mentions: list[Mention], actor: str | None,
                    target: str | None, time: int | None) -> dict:
        """actor_span/actor_code and target_span/target_code: the phrases of the first mention that
        has them (reported mentions first), else the role entity's mention, else the speaker."""
        if self.coder is None:
            return {}
        day = _day(analysis, time)
        kb_of = {e.id: e.kb for e in analysis.entities}
        ordered = sorted(mentions, key=lambda m: m.status.value == "referenced")
        out = {}
        phrased = {}  # role -> whether its span is a phrase of the clause (not an entity's mention)
        for role, eid in (("actor", actor), ("target", target)):
            span = tokens = None
            for m in ordered:
                rng = getattr(m, f"{role}_range")
                if rng is not None and (eid is None or getattr(m, role) in (None, eid)):  # not another party's phrase
                    tokens = end_at_name(m.tokens[rng[0]:rng[1] + 1], lambda t: (index.at(t) or (None,))[0],
                                         self.words.grammar)
                    break
            entity = next((e for e in analysis.entities if e.id == eid), None) if eid else None
            if tokens is not None:
                span = Span.of(analysis.text, tokens[0].start, tokens[-1].end)
                if entity is not None and not any(x.start < span.end and span.start < x.end for x in entity.mentions):
                    bare = not clitic_prep(tokens[0], self.words.grammar)
                    joined = next((x for x in entity.mentions if _adjacent(analysis, span, x)), None)
                    if joined is not None:
                        # الرئيس | باراك أوباما: a title cut from its name (a ب read as a clitic) joins it again
                        span = Span.of(analysis.text, min(span.start, joined.start), max(span.end, joined.end))
                        tokens = analysis.tokens_in(span.start, span.end) or tokens
                    elif (role == "target" or bare) and self.coder.phrase_stands(
                            tokens, lambda t: index.types.get((index.at(t) or ("",))[0]), entity.type):
                        # قتل جنديان أمريكيان، خرج متظاهرون: the clause's own phrase names the party
                        # better than an entity met near it; the phrase's own entity, if any, replaces it
                        # the last party named in it: a title comes before its name (الرئيس اليمني ... صالح)
                        hits = [hit[0] for hit in map(index.at, tokens) if hit]
                        parties = [h for h in hits if index.types.get(h) in ("PERSON", "ORG")]
                        eid = (parties or hits or [None])[-1]
                        out[role] = eid
                        entity = next((e for e in analysis.entities if e.id == eid), None) if eid else None
                    else:
                        span = tokens = None  # the role entity wins over a phrase that does not name it
            phrased[role] = span is not None
            if span is None and entity is not None:
                trigger = mentions[0].match.start
                sentence = {m.sentence for m in mentions}
                near = [x for x in entity.mentions if analysis.sentence_index_at(x.start) in sentence]
                mention = min(near or entity.mentions, key=lambda x: abs(x.start - trigger), default=None)
                if mention is not None:
                    tokens = analysis.tokens_in(mention.start, mention.end) or ()
                    # للرئيس: a mention after a fused لل starts inside its word; the span takes the whole word
                    at = analysis.token_index_at(mention.start)
                    start = analysis.tokens[at].start if at is not None else mention.start
                    span = Span.of(analysis.text, start, mention.end)
                    if entity.type == "PERSON" and tokens:
                        tokens = self._with_title(analysis, tokens)
            if role == "actor" and span is None:
                a = next((analysis.attributions[m.attribution] for m in mentions if m.attribution is not None), None)
                if a is not None and a.speaker is not None and a.speaker_entity == actor and actor is not None:
                    span = a.speaker
                    tokens = analysis.tokens_in(span.start, span.end)
            if span is None:
                continue
            found = _parties(index, tokens, kb_of, (eid,))
            named = {k for k, token in enumerate(tokens)
                     if (hit := index.at(token)) and index.types.get(hit[0]) in ("GPE", "LOC")}
            if role == "target" and "actor_span" in out and out["actor_span"].start < span.end \
                    and span.start < out["actor_span"].end:
                if not (span is not None and tokens is not None and phrased.get("target") and not phrased.get("actor")
                        and span.start <= out["actor_span"].start):
                    continue  # ترحيب إسرائيلي: the phrase after the noun is its actor, not also its target
                # مقتل جندي أفغاني: the country's adjective belongs to the victim's phrase, no actor
                out.update(actor=None, actor_span=None, actor_code=None)
            actor = out.get("actor", actor)
            if role == "target" and actor is not None and eid is None and any(
                    x.start <= span.start + 2 and span.start < x.end for e in analysis.entities if e.id == actor
                    for x in e.mentions):
                continue  # the actor named again (رحب نتنياهو ...): no target of its own (one named inside is)
            out[f"{role}_span"] = _without_proclitic(analysis, span, self.words.grammar)
            code = self.coder.code(tuple(tokens), found, day, frozenset(named))
            if code and len(code) == 3 and code in self.coder.countries and mentions[0].match.entry.type in STATE_ACTS \
                    and any(self.coder.is_country(kb) for _, kb, _ in found):
                code += "GOV"  # a country that signs, joins, meets or condemns acts through its government
            out[f"{role}_code"] = code
        return out

    def _seat(self, index: EntityIndex, mentions: list[Mention]) -> str | None:
        """The city of an institution a participant names (a visit to the White House: Washington)."""
        for m in mentions:
            for eid in (m.target, m.actor):
                if eid is None:
                    continue
                for name in index.names_of(eid):
                    city = self.seats.get(name) or self.seats.get(self.words.grammar.article + name)
                    if city:
                        found = index.by_name(city)
                        if found:
                            return found
        return None


NAME_TYPES = {"ORG", "AGREEMENT", "EVENT", "MISC", "PERSON"}  # a person: فايد is no أيد


def _clause_end(tokens, last: int, cues: StatusCues | None) -> int:
    """The index after the last token of the clause that token ``last`` is in."""
    end = last + 1
    while end < len(tokens) and (cues is None or tokens[end].norm not in cues.clause_breaks):
        end += 1
    return end


def _details_kept(mentions: list[Mention]) -> list[Mention]:
    """The mentions of a sentence less its detail acts (هتف المتظاهرون، رفعوا الشعارات) that go with
    no reported event of their type there: a chant or a banner is part of a protest, not one itself."""
    main = {m.match.entry.type for m in mentions if not m.match.entry.detail and m.status.value != "referenced"}
    return [m for m in mentions if not m.match.entry.detail or m.match.entry.type in main]


def _clause_range(analysis: Analysis, tokens, match: Match) -> tuple[int, int] | None:
    """The trigger's clause from the shared clause layer, as indexes into its sentence's tokens."""
    clause_at = getattr(analysis, "clause_at", None)
    if clause_at is None or not tokens:
        return None
    clause = clause_at(match.start)
    base = analysis.token_index_at(tokens[0].start)
    if clause is None or base is None:
        return None
    return clause.first - base, clause.last - base


def _parties(index: EntityIndex, tokens, kb_of: dict[str, str | None], also=()) -> list[tuple[str, str | None, str]]:
    """The entities a phrase names, then the ids in ``also``, each once, as (id, KB id, type): what
    the actor coder reads to code the phrase."""
    ids = [hit[0] for hit in map(index.at, tokens) if hit] + [eid for eid in also if eid]
    return [(eid, kb_of.get(eid), index.types.get(eid, "")) for eid in dict.fromkeys(ids)]


def _without_proclitic(analysis: Analysis, span: Span, g) -> Span:
    """The span from the name a clitic is written onto (و|كازاخستان، ل|إسرائيل): an entity mention
    that starts inside the span's first word after a conjunction and/or one preposition letter.
    A fused لل keeps its whole word, since the name's own ال is not written there (للرئيس)."""
    at = analysis.token_index_at(span.start)
    if at is None or analysis.tokens[at].start != span.start:
        return span
    word_end = analysis.tokens[at].end
    for entity in analysis.entities:
        for mention in entity.mentions:
            if span.start < mention.start < word_end and mention.end <= span.end:
                clitics = normalise_text(analysis.text[span.start:mention.start]).lstrip(g.conjunction_letters)
                if clitics in ("", *g.bare_preps):
                    return Span.of(analysis.text, mention.start, span.end)
    return span


def _adjacent(analysis: Analysis, span: Span, mention: Span) -> bool:
    """Whether a mention starts right after a span or ends right before it (no word between)."""
    if mention.start >= span.end:
        return not analysis.tokens_in(span.end, mention.start)
    if mention.end <= span.start:
        return not analysis.tokens_in(mention.end, span.start)
    return False


def _names_whole(index: EntityIndex, tokens) -> tuple[Token, ...]:
    """The tokens with every word a name begins with kept whole: the entity layer read باكستان،
    باراك، بان كي مون as names, so their ب is no clitic preposition for the role phrases."""
    out = list(tokens)
    for k, token in enumerate(tokens):
        if len(token.splits) > 1:
            hit = index.at(token)
            if hit is not None and hit[1] <= token.start and index.types.get(hit[0]) in PARTY_TYPES:
                out[k] = dataclasses.replace(token, splits=((("", token.norm)),))
    return tuple(out)


def _names_country(index: EntityIndex, token: Token) -> bool:
    """A country's adjective (أمريكية، الإسرائيلي): after a verbal noun it names who acted."""
    hit = index.at(token)
    return hit is not None and index.is_demonym(token, hit[0])


def _is_adjective(index: EntityIndex, token: Token) -> bool:
    """A relational adjective (النووية، ثنائية، الجوية) that is no entity's mention (الأمريكية is)."""
    word = token.bare()
    return word.endswith(index.g.demonym_endings) and len(word) > 4 and index.at(token) is None


def _role_phrase(analysis: Analysis, tokens, phrase: tuple[int, int] | None, words: RoleWords) -> tuple[int, int] | None:
    """A role phrase, unless it opens with a time expression (حرب أكتوبر 1973: the month is no target)
    or a word of belonging (اللجنة العليا للإغاثة التابعة للحكومة: التابعة is no party)."""
    if phrase is None:
        return None
    first = tokens[phrase[0]]
    if first.norm in words.belonging or first.bare() in words.belonging:
        return None
    return None if any(t.start <= first.start < t.end for t in analysis.times) else phrase


def _day(analysis: Analysis, time: int | None):
    """The date an actor code is looked up for: the event's time, else the report's date."""
    from datetime import date

    value = analysis.times[time].value if time is not None else None
    try:
        if value and len(value) >= 10:
            return date.fromisoformat(value[:10])
    except ValueError:
        pass
    return analysis.published.date() if analysis.published else None


def _inside_name(index: EntityIndex, match: Match) -> bool:
    """A trigger word that is part of a name (مركز الملك سلمان للإغاثة) tells no event."""
    i = bisect.bisect_right(index.starts, match.start) - 1
    while i >= 0 and index.spans[i][0] >= match.start - 200:
        start, end, eid = index.spans[i]
        if start <= match.start and match.end <= end and index.types.get(eid) in NAME_TYPES:
            return True
        i -= 1
    return False


def _attribution_of(analysis: Analysis, offset: int) -> int | None:
    best, best_len = None, None
    for i, attribution in enumerate(analysis.attributions):
        content = attribution.content
        if content and content.start <= offset < content.end:
            if best_len is None or content.end - content.start < best_len:
                best, best_len = i, content.end - content.start
    return best


SPEECH_ACT_TYPES = {"SUPPORT", "ACCUSE", "REJECT", "REQUEST", "THREATEN"}


def _cued(analysis: Analysis, match: Match):
    """The attributions whose speech cue is the trigger at ``match``."""
    return (a for a in analysis.attributions if a.cue and a.cue.start < match.end and match.start < a.cue.end)


def _cue_speaker(analysis: Analysis, tokens, match: Match) -> tuple[tuple[int, int], str] | None:
    """The token range (inclusive) in ``tokens`` and the entity of the speaker written after the
    speech cue at ``match``."""
    for a in _cued(analysis, match):
        if a.speaker is not None and a.speaker_entity and a.speaker.start >= match.end:
            inside = [k for k, t in enumerate(tokens) if a.speaker.start <= t.start and t.end <= a.speaker.end]
            if inside:
                return (inside[0], inside[-1]), a.speaker_entity
    return None


def _names_in(index: EntityIndex, tokens, span: tuple[int, int], entity: str) -> bool:
    """Whether a mention of ``entity`` lies in the token range ``span``."""
    return any((index.at(t) or (None,))[0] == entity for t in tokens[span[0]:span[1] + 1])


def _is_cue(analysis: Analysis, match: Match) -> bool:
    return any(True for _ in _cued(analysis, match))


def _speaker_before(analysis: Analysis, match: Match) -> bool:
    """The speech cue at ``match`` has its speaker written right before it (SVO: أن المركز دعا)."""
    return any(a.speaker and a.speaker.end <= a.cue.start and not analysis.text[a.speaker.end:a.cue.start].strip()
               for a in _cued(analysis, match))


def _speaker_of(analysis: Analysis, match: Match, attribution: int | None, own: bool) -> str | None:
    """Who does a verbal act: the speaker when the trigger is the speech cue (دعت الخارجية ...),
    or, inside quoted content, when the act is the speaker's own (``own``: نرحب، ندين)."""
    for a in _cued(analysis, match):
        if a.speaker_entity:
            return a.speaker_entity
    if attribution is None:
        return None
    a = analysis.attributions[attribution]
    if a.speaker_entity and (own or (match.entry.type in SPEECH_ACT_TYPES and not match.entry.verbal)):
        return a.speaker_entity
    return None


def _speakers_own(analysis: Analysis, match: Match, words: RoleWords) -> bool:
    """A verb of reported content whose subject is the speaker: the first person (نرحب، ندين، توصلنا
    in a quotation), or a pronoun after أن (وأضاف أنه سيزور)."""
    if not match.entry.verbal:
        return False
    g, written = words.grammar, analysis.text[match.start:match.end]
    if match.tense == "present" and written[:1] in g.first_person_prefixes:
        return True
    number = analysis.sentence_index_at(match.start)
    tokens = analysis.sentence_tokens[number] if number is not None else ()
    k = next((i for i, t in enumerate(tokens) if t.start <= match.start < t.end), None)
    if k is None:
        return False
    if match.tense == "past" and tokens[k].text.endswith(g.first_person_suffix) and _quoted(analysis, match):
        return True
    return k > 0 and bool(set(tokens[k - 1].stems()) & words.pronoun_subjects)


def _quoted(analysis: Analysis, match: Match) -> bool:
    attribution = _attribution_of(analysis, match.start)
    return attribution is not None and analysis.attributions[attribution].direct


def _time_of(analysis: Analysis, match: Match, words: RoleWords) -> int | None:
    """The time expression governing a trigger: in its clause before it, or just after it (one
    comma allowed: ``خلال زيارة ... إلى البيت الأبيض، الخميس 6 نوفمبر``). Durations and
    frequencies (P30Y, منذ أكثر من 30 عاماً) date a state, not an event, and are skipped."""
    number = analysis.sentence_index_at(match.start)
    if number is None:
        return None
    s_start, s_end = analysis.sentences[number]
    best, best_distance = None, None
    for i, time in enumerate(analysis.times):
        if not (s_start <= time.start < s_end) or (time.value and not time.value[:1].isdigit()):
            continue
        if time.start >= match.end:
            between = analysis.tokens_in(match.end, time.start)
            breaks = [t for t in between if t.norm in words.breaks]
            if len(between) > 15 or len(breaks) > 1 or any(t.norm not in words.grammar.commas for t in breaks):
                continue
            distance = len(between)
        else:
            between = analysis.tokens_in(time.end, match.start)
            if len(between) > 15 or any(t.norm in words.breaks for t in between):
                continue
            distance = len(between) * 1.5
        if best_distance is None or distance < best_distance:
            best, best_distance = i, distance
    return best


def _same_time(a: str, b: str) -> bool:
    """Two resolved times that can date one event: the same day, or a day apart (a report
    published after midnight calls yesterday's announcement ``اليوم``)."""
    from datetime import date

    try:
        da, db = date.fromisoformat(a[:10]), date.fromisoformat(b[:10])
    except ValueError:
        return a[:7] == b[:7] if len(a) >= 7 and len(b) >= 7 else a[:4] == b[:4]
    return abs((da - db).days) <= 1


def _prep(index: EntityIndex, tokens, j: int, mention_start: int) -> str:
    """The preposition governing the entity at tokens[j]: a clitic glued to it or the word before."""
    token = tokens[j]
    glued = normalise_text(index.text[token.start:mention_start]) if mention_start > token.start else ""
    glued = glued[1:] if glued[:1] in index.g.conjunctions else glued
    if glued:
        return glued
    if j > 0 and (tokens[j - 1].norm in index.w.entity_preps or tokens[j - 1].norm in index.w.not_actor_before):
        return tokens[j - 1].norm
    return ""


class EntityMet(NamedTuple):
    """An entity met near a trigger: where its mention starts, which entity, and the preposition on it."""

    token: int  # index of the mention's first token (where its preposition is)
    entity: str  # entity id
    prep: str  # the preposition on or before the mention, "" for none


def _entities_in(index: EntityIndex, tokens, lo: int, hi: int, step: int) -> list[EntityMet]:
    """Each entity met from lo towards hi within a clause.

    The token index is the mention's first token (where its preposition is). A demonym or country
    right before a person (الرئيس الكازاخستاني قاسم جومارت توكاييف) is the person's apposition:
    only the person is reported.
    """
    found, j, seen = [], lo, set()
    while 0 <= j < len(tokens) and (j <= hi if step > 0 else j >= hi):
        if tokens[j].norm in index.w.breaks:
            break
        hit = index.at(tokens[j])
        if hit and hit[1] not in seen:
            seen.add(hit[1])
            first = j
            while first > 0 and tokens[first - 1].end > hit[1]:
                first -= 1
            found.append(EntityMet(first, hit[0], _prep(index, tokens, first, hit[1])))
        j += step
    found.sort(key=lambda item: item.token)
    collapsed: list[EntityMet] = []
    for item in found:
        if collapsed and index.types.get(item.entity) == "PERSON" and index.types.get(collapsed[-1].entity) == "GPE" \
                and item.token - _last_token(index, tokens, collapsed[-1]) <= 3 and not item.prep:
            collapsed[-1] = collapsed[-1]._replace(entity=item.entity)
            continue
        collapsed.append(item)
    return collapsed if step > 0 else collapsed[::-1]


def _last_token(index: EntityIndex, tokens, item: EntityMet) -> int:
    """Index of the last token of the mention that starts at token item.token."""
    j = item.token
    while j + 1 < len(tokens):
        hit = index.at(tokens[j + 1])
        if not hit or hit[0] != item.entity:
            break
        j += 1
    return j


# verbal nouns whose bare genitive is what undergoes the act, not who does it
OBJECT_GENITIVE_TYPES = {"ASSAULT", "COERCE", "ACCUSE", "AID", "SANCTION", "SUPPORT", "THREATEN", "REJECT", "REQUEST"}
# for the actor/target phrases: a demand or a threat is the genitive's own (مطالبات المملكة، تهديد إيران)
PATIENT_GENITIVE_TYPES = OBJECT_GENITIVE_TYPES - {"REQUEST", "THREATEN"}


def _roles(index: EntityIndex, tokens, match: Match, limit: int, floor: int = 0) -> tuple[str | None, str | None]:
    first, last = match.first, match.last
    after = list(_entities_in(index, tokens, last + 1, min(limit, last + 12), 1))
    actor = target = None
    between = next((k for k in range(last + 1, min(last + 4, len(tokens))) if tokens[k].norm == index.g.between), None)
    if between is not None:
        pair = []
        for item in after:
            if item.token > between and item.entity not in {p.entity for p in pair}:
                pair.append(item)
        if len(pair) >= 2:
            return pair[0].entity, pair[1].entity
    # the subject (VSO) or the genitive of a verbal noun: a party, never an agreement or a place name
    reach = last + 6
    genitive = None
    if after and index.types.get(after[0].entity) in PARTY_TYPES:
        j, prep = after[0].token, after[0].prep
        # VSO subject (adverbs may stand between), or a verbal noun's genitive: right after it,
        # or with ل after an adjective (زيارة مرتقبة للرئيس)
        if (match.entry.verbal and j <= last + 3 and prep in ("", *index.g.lams)) or (
                not match.entry.verbal and ((j == last + 1 and prep == "") or (j <= last + 3 and prep in index.g.lams))):
            genitive = after[0]
    if genitive is not None:
        reach = _last_token(index, tokens, genitive) + 6
        after = after[1:]
        if match.entry.verbal and _pronoun_subject(tokens, match, index.w):
            target = genitive.entity  # وأضاف أنه سيزور أستانا: the subject is the pronoun, the name the object
        elif not match.entry.verbal and match.entry.type in OBJECT_GENITIVE_TYPES and genitive.prep == "" \
                and not index.is_demonym(tokens[genitive.token], genitive.entity):
            target = genitive.entity  # اعتقال المتهم، مقتل الطفل، إدانة الهجوم: the genitive undergoes it
        else:
            actor = genitive.entity
    if actor is None and not match.entry.verbal:
        actor = _light_verb_subject(index, tokens, match, floor)
    if actor is None and _may_take_actor_before(match, tokens, index.w):
        before = list(_entities_in(index, tokens, first - 1, max(floor, first - 6), -1))
        before = [b for b in before if b.prep in ("", index.g.and_) and index.types.get(b.entity) in PARTY_TYPES]
        if before:
            # coordinated subjects (ترامب وتوكاييف): take the first of the group
            k = 0
            while k + 1 < len(before) and before[k + 1].token >= before[k].token - 2 and tokens[before[k].token].norm.startswith(index.g.and_):
                k += 1
            actor = before[k].entity
    # the object or the prepositional target, close to the trigger (or to its subject); a verbal
    # noun's bare follower is its genitive (the actor), so its target needs a preposition
    for met in after:
        if met.token > reach or target is not None:
            break
        if met.entity != actor and (met.prep in index.w.entity_preps or (met.prep == "" and match.entry.verbal)):
            target = met.entity
            break
    return actor, target




def _light_verb_subject(index: EntityIndex, tokens, match: Match, floor: int) -> str | None:
    """The subject of a light verb whose object is the event noun: قام السفير ... بزيارة،
    أجرى الرئيسان ... مكالمة، عقد الرئيس ... اجتماعاً. Commas of an inserted ``أمس،`` may stand between."""
    if match.prefix.lstrip(index.g.conjunction_letters) not in ("", *index.g.light_verb_clitics):
        return None
    for k in range(match.first - 1, max(floor, match.first - 15) - 1, -1):
        norm = tokens[k].norm
        if norm in index.w.breaks and norm not in index.g.commas:
            return None
        if tokens[k].bare() in index.w.light_verbs or norm in index.w.light_verbs:
            # the subject ends right before the noun (سفير خادم الحرمين ... علي عسيري، أمس، بزيارة):
            # take the last party named, or the first of a coordinated pair (ترامب وتوكاييف)
            parties = [met for met in _entities_in_loose(index, tokens, k + 1, match.first - 1)
                       if met.prep in ("", index.g.and_) and index.types.get(met.entity) in PARTY_TYPES]
            if not parties:
                return None
            i = len(parties) - 1
            while i > 0 and tokens[parties[i].token].norm.startswith(index.g.and_) and parties[i].token - parties[i - 1].token <= 3:
                i -= 1
            return parties[i].entity
    return None


def _entities_in_loose(index: EntityIndex, tokens, lo: int, hi: int) -> Iterator[EntityMet]:
    """Entities between two tokens, commas allowed (the span between a light verb and its noun)."""
    for j in range(lo, hi + 1):
        hit = index.at(tokens[j])
        if hit and (j == lo or index.at(tokens[j - 1]) != hit):
            first = j
            yield EntityMet(first, hit[0], _prep(index, tokens, first, hit[1]))




def _pronoun_subject(tokens, match: Match, words: RoleWords) -> bool:
    """A verb right after أنه/إنها has its subject in the pronoun."""
    return match.first > 0 and bool(set(tokens[match.first - 1].stems()) & words.pronoun_subjects)


def _may_take_actor_before(match: Match, tokens, words: RoleWords) -> bool:
    """A verbal noun after a preposition (قبل القمة، خلال زيارة) has no subject before it."""
    if match.entry.verbal:
        return True
    bare_prefix = match.prefix.lstrip(words.grammar.conjunction_letters)
    if bare_prefix and bare_prefix != words.grammar.article:
        return False
    return match.first == 0 or tokens[match.first - 1].norm not in words.not_actor_before


def _place(index: EntityIndex, tokens, match: Match, limit: int) -> str | None:
    for met in _entities_in(index, tokens, match.last + 1, min(limit, match.last + 14), 1):
        if met.prep in index.w.place_preps and index.types.get(met.entity) in PLACE_TYPES:
            return met.entity
    return None


def _best_roles(index: EntityIndex, mentions: list[Mention]) -> tuple[str | None, str | None]:
    def score(m: Mention) -> int:
        return sum(2 + (index.types.get(e) in ("PERSON", "GPE")) for e in (m.actor, m.target) if e)

    best = max(mentions, key=score)  # max keeps the first of equals
    actor = best.actor or next((m.actor for m in mentions if m.actor), None)
    target = best.target or next((m.target for m in mentions if m.target and m.target != actor), None)
    return actor, target


def _compatible(event: list[Mention], m: Mention) -> bool:
    head = event[0].match.entry
    entry = m.match.entry
    if head.type != entry.type:
        return False
    modes = {o.match.entry.mode for o in event} - {None}
    if entry.mode and modes and entry.mode not in modes and not (modes | {entry.mode}) <= SAME_MEETING_MODES:
        return False
    for other in event:
        if other.status.explicit and m.status.explicit and STATUS_GROUP[other.status.value] != STATUS_GROUP[m.status.value]:
            return False
    times = {o.time_value for o in event if o.time_value}
    if m.time_value and any(not _same_time(m.time_value, t) for t in times):
        return False
    if "multilateral" in modes | {entry.mode}:
        return True  # one summit per report: its many participants never conflict
    if entry.mode == "visit" and m.target:  # a visit to one place is not a visit to another
        if any(o.match.entry.mode == "visit" and o.target and o.target != m.target for o in event):
            return False
    if (modes | {entry.mode}) & SYMMETRIC_MODES:
        mine = {m.actor, m.target} - {None}
        theirs = {e for o in event for e in (o.actor, o.target)} - {None}
        return not mine or not theirs or bool(mine & theirs)
    actors = {o.actor for o in event} - {None}
    targets = {o.target for o in event} - {None}
    if m.actor and actors and m.actor not in actors:
        return False
    if m.target and targets and m.target not in targets:
        return False
    return True


def _merge(mentions: list[Mention], index: EntityIndex) -> list[_Cluster]:
    clusters: list[_Cluster] = []
    for m in mentions:
        for cluster in clusters:
            if _compatible(cluster.mentions, m):
                cluster.mentions.append(m)
                break
        else:
            clusters.append(_Cluster([m]))
    return clusters
