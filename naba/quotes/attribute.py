"""Attributions of one report: for each cue, its speaker (resolved when given by reference), the
channel, and the content span. Works sentence by sentence over the tokens of the text layer."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from naba.analysis import Analysis
from naba.quotes.content import content_end, is_direct
from naba.quotes.coref import Mention, by_agreement, by_head, head_key, last_speaker, same_name
from naba.quotes.cues import QUOTES_OPEN, Cue, find_cues, is_abbreviation_dot, is_marker, verb_reading
from naba.quotes.lexicon import CueLexicon
from naba.quotes.speaker import (
    QUOTE_CHARS, classify, cut_subject, entity_at, head_entity, indefinite_medium, noun_info, trim,
)
from naba.quotes.via import via_span
from naba.record import Attribution, Span
from naba.text.tokens import Token

MAX_SUBJECT_TOKENS = 30
MAX_IMPERFECT_SUBJECT = 8
MAX_SOURCE_TOKENS = 10
MAX_TITLE_NAME_TOKENS = 4
MAX_SUBJECT_DISTANCE = 4
NAMED_KINDS = ("named", "organization", "outlet")


@dataclass
class _Found:
    cue: Cue
    speaker: tuple[int, int] | None
    kind: str | None
    entity: str | None
    via: tuple[int, int] | None
    content_start: int  # index into the sentence tokens; -1 for content before the cue
    content_span: tuple[int, int] | None = None
    cue_offsets: tuple[int, int] | None = None
    via_entity: str | None = None


_WORD = regex.compile(r"\S+")


@dataclass(frozen=True)
class _Names:
    """Where the entity layer's names start and end, for reading subjects: built once a report."""

    persons: frozenset[int]  # start offsets of every word of a person mention (its title included)
    subjects: dict[int, tuple[int, str]]  # start -> (end, entity) of people, states and organisations
    objects: dict[int, str]  # start -> entity of organisations and people
    ending: dict[int, list[int]]  # end -> starts of people, states and organisations ending there

    @classmethod
    def of(cls, entities) -> _Names:
        persons, subjects, objects, ending = set(), {}, {}, {}
        for entity in entities:
            for mention in entity.mentions:
                if entity.type == "PERSON":  # الرئيس باراك أوباما: باراك is a word of the name too
                    persons.update(mention.start + m.start() for m in _WORD.finditer(mention.text))
                if entity.type in ("PERSON", "GPE", "ORG"):
                    subjects[mention.start] = (mention.end, entity.id)
                    ending.setdefault(mention.end, []).append(mention.start)
                if entity.type in ("ORG", "PERSON"):
                    objects[mention.start] = entity.id
        return cls(frozenset(persons), subjects, objects, ending)


def find_attributions(analysis: Analysis, lexicon: CueLexicon) -> list[Attribution]:
    text = analysis.text
    names = _Names.of(analysis.entities)
    mentions: list[Mention] = []
    attributions: list[Attribution] = []
    for toks, s_end in _sentences(analysis, lexicon):
        first = analysis.token_index_at(toks[0].start)
        titled = _titled_mentions(analysis, toks, first, lexicon)
        mentions.extend(titled)
        cues = find_cues(toks, first, lexicon)
        if not cues:
            continue
        found: list[_Found] = []
        consumed: set[int] = set()  # nominal cues read as the channel of a verb (وفقاً لما نقلته وكالة)
        for cue in cues:
            if cue.first in consumed:
                continue
            item = _read_cue(analysis, toks, first, cue, cues, found, mentions, lexicon, consumed, names)
            if item is not None:
                found.append(item)
        # a title inside a speaker's own phrase (مبعوث الرئيس ترامب) is no antecedent of its own
        spans = [f.speaker for f in found if f.speaker is not None]
        mentions[:] = [m for m in mentions if m not in titled or not any(m.start < e and s < m.end for s, e in spans)]
        for index, item in enumerate(found):
            local_first = item.cue.first - first
            if item.content_start == -1:
                start_i, stop_i = 0, local_first
                while stop_i > 0 and toks[stop_i - 1].norm in lexicon.fw.connective:
                    stop_i -= 1  # ...، كما قال: the كما is no part of what was said
            else:
                start_i = item.content_start
                stop_i = len(toks)
                for later in found[index + 1:]:
                    opener = _clause_opening(analysis, toks, first, later.cue.first - first, lexicon)
                    if opener is not None and opener >= start_i:
                        stop_i = opener
                        break
                # «...»، على حد تعبيره / وفق تعبيرها: the tag after the words is no part of them
                stop_i = min([stop_i] + [c.first - first for c in cues if c.kind in ("self", "source")
                                         and start_i < c.first - first < stop_i and toks[c.first - first - 1].norm in lexicon.fw.comma])
            if start_i >= len(toks) or start_i >= stop_i:
                content = None
            else:
                content = (toks[start_i].start, content_end(text, toks, start_i, stop_i, s_end, lexicon.fw.punct_edges))
            item.content_span = content
            attributions.append(_record(text, item, analysis.entities))
        # a person named inside what someone said (قال إن زيارة الأمير ... أسست) is no antecedent for
        # the sentences after: وأضاف goes on with the speaker
        contents = [f.content_span for f in found if f.content_span is not None]
        mentions[:] = [m for m in mentions if m not in titled or not any(s <= m.start < e for s, e in contents)]
    return attributions


def _sentences(analysis: Analysis, lexicon: CueLexicon):
    """(tokens, end offset) of each sentence; a sentence the splitter cut after an abbreviated title
    (``وقال د.``) is joined to the next, whose first words are the name."""
    pending: tuple[Token, ...] = ()
    count = len(analysis.sentences)
    for s_index, (_, s_end) in enumerate(analysis.sentences):
        toks = pending + analysis.sentence_tokens[s_index]
        if len(toks) >= 2 and s_index + 1 < count and is_abbreviation_dot(toks, len(toks) - 1, lexicon):
            pending = toks
            continue
        pending = ()
        if toks:
            yield toks, s_end


def _affiliation(speaker: tuple[int, int] | None, entity: str | None, entities) -> str | None:
    """A state or organisation named inside the speaker's phrase but not as its head
    (``مسؤولون أمريكيون`` -> the United States; ``وزير الخارجية السعودي`` -> Saudi Arabia)."""
    if speaker is None:
        return None
    best = None
    for candidate in entities:
        if candidate.type not in ("GPE", "ORG") or candidate.id == entity:
            continue
        for mention in candidate.mentions:
            if speaker[0] < mention.start and mention.end <= speaker[1] and (best is None or mention.start < best[0]):
                best = (mention.start, candidate.id)
    return best[1] if best else None


def _record(text: str, item: _Found, entities=()) -> Attribution:
    def span(pair):
        return Span.of(text, *pair) if pair else None

    content = span(item.content_span)
    return Attribution(
        cue=span(item.cue_offsets),
        speaker=span(item.speaker),
        speaker_kind=item.kind,
        speaker_entity=item.entity,
        speaker_affiliation=_affiliation(item.speaker, item.entity, entities),
        via=span(item.via),
        via_entity=item.via_entity,
        direct=is_direct(content.text) if content else False,
        content=content,
    )


def _clause_opening(analysis: Analysis, toks: tuple[Token, ...], first: int, i: int, lexicon: CueLexicon) -> int | None:
    """Where the clause of a later cue starts (the text layer's clause spans: ``، مؤكداً``،
    ``لكنه أشار``، ``وأضاف``), when that cue opens a clause of its own; the comma before it included."""
    clause = analysis.clause_of_token(first + i)
    if clause is None or clause.first - first < 0:
        return None
    start = clause.first - first
    if start not in (i, i - 1):  # the cue, or the word before it (لكنه أشار), opens the clause
        return None
    if start > 0 and toks[start - 1].norm in lexicon.fw.comma:
        return start - 1
    return start


def _titled_mentions(analysis: Analysis, toks: tuple[Token, ...], first: int, lexicon: CueLexicon) -> list[Mention]:
    """Office holders named as the subject of a clause (``تواصل الرئيس توكاييف``): antecedents for a later ``وأكد``."""
    entities = analysis.entities
    out = []
    nouns = lexicon.nouns
    fw = lexicon.fw
    for i, token in enumerate(toks):
        match = None
        for prefix, stem in token.splits:  # a plain loop: this runs on every token of the report
            if stem in nouns and prefix in fw.title_prefix:
                match = (prefix, nouns[stem])
                break
        if match is None or match[1].kind != "title":
            continue
        prefix, info = match
        if i and toks[i - 1].is_arabic and toks[i - 1].splits[0][0].endswith(fw.article) and token.norm.startswith(fw.article):
            continue  # an adjective after a definite noun: الهدف الرئيس
        if i and any(stem in lexicon.name_heads for _, stem in toks[i - 1].splits):
            continue  # مركز الملك سلمان: part of an institution's name
        if _in_entity(token, entities, ("ORG", "LOC", "FAC")) or not _subject_like(analysis, toks, first, i, lexicon):
            continue  # only the subject of a clause (تواصل الرئيس توكاييف) may be meant by a later وأكد
        end = token.end
        for k in range(i + 1, min(len(toks), i + 1 + MAX_TITLE_NAME_TOKENS)):
            follower = toks[k]
            if is_abbreviation_dot(toks, k, lexicon):
                continue
            if not follower.is_arabic or follower.norm in lexicon.fw.preposition or is_marker(follower, lexicon) \
                    or follower.norm in lexicon.fw.adjunct or any(stem in lexicon.name_heads for _, stem in follower.splits):
                break  # زار السفير الياباني مركز ...: the name ends before the place visited
            if follower.splits[0][0][:1] in fw.name_stop_proclitic or verb_reading(follower, lexicon) is not None \
                    or any(stem.startswith(lexicon.masdars) for _, stem in follower.splits):
                break  # the name ends where a cue (تأكيداته، قال) begins
            end = follower.end
        start = token.offset_after(fw.title_conjunction) if prefix[:1] == fw.title_conjunction else token.start
        entity = entity_at(start, end, entities, ("PERSON",))
        out.append(Mention(start, end, token.start, "named", info.agreement, head_key(token.bare(), lexicon.fw.plural_suffix),
                           entity.id if entity else None, said=False))
    return out


def _subject_like(analysis: Analysis, toks: tuple[Token, ...], first: int, i: int, lexicon: CueLexicon) -> bool:
    """A title near the start of its clause (the text layer's clause spans; إن/أن opens one too)
    with no preposition before it: the subject of the clause's verb (وتواصل الرئيس), not an object
    or a genitive far into the sentence."""
    clause = analysis.clause_of_token(first + i)
    start = max(0, clause.first - first) if clause is not None else 0
    for k in range(i - 1, start - 1, -1):
        if is_marker(toks[k], lexicon):
            start = k + 1
            break
    if i - start > MAX_SUBJECT_DISTANCE:
        return False
    for token in toks[start:i]:
        if token.norm in lexicon.fw.preposition or (token.is_arabic and token.splits[0][0][:1] in lexicon.fw.preposition_proclitic):
            return False
    return True


def _read_cue(analysis, toks, first, cue: Cue, cues, found, mentions, lexicon, consumed, names: _Names) -> _Found | None:
    cue_tok = toks[cue.first - first]
    item: _Found
    if cue.kind == "passive":  # قيل إن، أفيد بأن: reported with no speaker
        item = _Found(cue, None, None, None, None, cue.first - first + 2)
    elif cue.kind == "masdar_subject":  # قول مسؤولين في واشنطن إن
        local = cue.first - first
        marker = local + int(cue.prefix)
        subject = trim(list(toks[local + 1:marker]), lexicon)
        if not subject or (found and found[-1].content_start > local):
            return None
        item = _subject_found(analysis, toks, local, cue, subject, None, marker + 1, mentions, lexicon)
    elif cue.kind == "masdar":
        item = _read_masdar(toks, first, cue, found, mentions)
    elif cue.kind in ("source", "self"):
        item = _read_nominal(analysis, toks, first, cue, found, mentions, lexicon)
    else:
        item = _read_verb(_Clause(analysis, toks, first, cues, found, mentions, lexicon, consumed, names), cue)
    if item is None:
        return None
    conj = cue.prefix[:1] if cue.prefix[:1] in lexicon.fw.conjunction and cue.kind not in ("masdar", "masdar_subject") else ""
    start = cue_tok.offset_after(conj) if conj else cue_tok.start
    item.cue_offsets = (start, toks[cue.last - first].end)
    if item.via:
        via_entity = entity_at(item.via[0], item.via[1], analysis.entities)
        item.via_entity = via_entity.id if via_entity else None
    return item


def _entity_subject_opener(toks, after: int, entities, lexicon: CueLexicon) -> tuple[int, int] | None:
    """For ``أكد هادي ضرورة ...`` (no إن/أن): a subject the entity layer names right after the verb
    (within a title's reach), the content being the noun phrase that follows it."""
    if after >= len(toks):
        return None
    window_end = toks[min(len(toks), after + 5) - 1].end
    best = None
    for entity in entities:
        if entity.type not in ("PERSON", "ORG", "GPE"):
            continue
        for mention in entity.mentions:
            key = (entity.type == "PERSON", -mention.start)  # the person in وزير الخارجية الإيراني علي لاريجاني
            if toks[after].start <= mention.start < window_end and (best is None or key > best[0]):
                best = (key, mention, entity)
    if best is None:
        return None
    _, best, entity = best
    # a speaker noun must head the words before the name (وزير الخارجية الإيراني علي لاريجاني، مصادر
    # برلمانية لـ«عكاظ»): in أكدت أهمية التزام إيران the entity is inside what was said
    before = [t for t in toks[after:] if t.end <= best.start]
    if before and noun_info(before, lexicon) is None:
        return None
    # وزير الخارجية الأمريكي | جون كيري: the title's mention and the name's, side by side, are one subject
    last = best
    while (following := next((m for m in entity.mentions if 0 <= m.start - last.end <= 1), None)) is not None:
        last = following
    end = next((k for k in range(after, len(toks)) if toks[k].start >= last.end), None)
    if end is None or end >= len(toks) or not toks[end].is_arabic or toks[end].norm in lexicon.fw.preposition:
        return None
    return end, end


def _titled_subject_opener(toks, after: int, lexicon: CueLexicon) -> tuple[int, int] | None:
    """For a noun-phrase report with a titled subject the entity layer missed (نفت وزيرة الخارجية
    الرواندية لويز موشيكيوابو أي علاقة): the title and up to four words of name, then the content."""
    if after >= len(toks):
        return None
    info = noun_info([toks[after]], lexicon)
    if info is None or info.kind != "title":
        return None
    end = after + 1
    while end < len(toks) and end - after <= MAX_TITLE_NAME_TOKENS:
        token = toks[end]
        if not token.is_arabic or token.norm in lexicon.fw.not_subject or is_marker(token, lexicon) \
                or token.norm in lexicon.quantifiers or verb_reading(token, lexicon) is not None:
            break
        end += 1
    if end >= len(toks) or end == after + 1 or not toks[end].is_arabic or toks[end].norm in lexicon.fw.not_subject:
        return None
    return end, end


def _names_outlet(token: Token, lexicon: CueLexicon) -> bool:
    return any(lexicon.channels.get(stem) == "outlet" or (lexicon.nouns.get(stem) and lexicon.nouns[stem].kind == "outlet")
               for _, stem in token.splits)


def _in_entity(token: Token, entities, types: tuple[str, ...] | None = None) -> bool:
    return any(m.start <= token.start < m.end for e in entities if types is None or e.type in types for m in e.mentions)


def _scan_opener(toks, start: int, verb, cue_starts: set[int], first: int, lexicon: CueLexicon,
                 entities=()) -> tuple[int, int] | None:
    """``cue_starts`` holds the verb cues only: a nominal cue inside the stretch is its channel."""
    """(index of the opener, index where the content starts) after a verb cue, or None."""
    in_name = False
    for j in range(start, min(len(toks), start + MAX_SUBJECT_TOKENS)):
        token = toks[j]
        if in_name:
            in_name = token.norm not in QUOTES_OPEN and token.norm not in ("»", "”")
            continue
        if j > start and first + j in cue_starts and (token.splits[0][0][:1] in lexicon.fw.conjunction or toks[j - 1].norm in lexicon.fw.comma
                                                     or toks[j + 1:j + 2] and toks[j + 1].norm == ":"):
            return None  # a new report begins before any content marker (وقال، ...، عندما قال:)
        if verb is not None and verb.form == "imperfect" and j - start > MAX_IMPERFECT_SUBJECT:
            return None  # أنه يرى بارقة أمل ... أن: too far for a report
        if token.norm == "." and not is_abbreviation_dot(toks, j, lexicon):
            return None
        if is_marker(token, lexicon):
            return j, j + 1
        if token.norm == ":":
            return j, j + 1
        if token.norm in QUOTES_OPEN:
            if j > start and (_names_outlet(toks[j - 1], lexicon) or toks[j - 1].norm in lexicon.fw.name_before_quote):
                in_name = True  # the outlet's name in quotes (لموقع "أكسيوس"): not the content
                continue
            if j == start and _quoted_name(toks, j, lexicon):
                in_name = True  # قالت «الفيدرالية العالمية» إن: the speaker's name in quotes
                continue
            return j, j
        if verb is not None and verb.form == "participle" and not verb.needs_marker and token.norm in lexicon.fw.comma:
            return None  # مؤكدين ثبات موقفهم ...، سائلين: a participle's noun phrase ends at the comma
        beyond_reach = verb is not None and verb.reach is not None and j - start > verb.reach
        glued = verb is not None and next((c for c in verb.complements if len(c) == 1 and token.splits[0][0].startswith(c)), None)
        if glued and not is_marker(token, lexicon) and not beyond_reach and token.is_arabic and not _in_entity(token, entities) \
                and not any(lexicon.channels.get(stem) for _, stem in token.splits) and not _named_then_titled(toks, j, lexicon):
            return j, j  # طالب المحكمة بالتحقيق، دعا الوزراء لعملية: what was asked for
        if verb is not None and token.norm in verb.complements and not beyond_reach:
            if j > 0 and toks[j - 1].bare() == lexicon.fw.complement_masdar:  # رفض الكشف عن هويته
                continue
            if _place_then_person(toks, j + 1, entities):
                continue  # دعا المبعوث الدولي إلى اليمن إسماعيل ولد الشيخ ... إلى: the title's إلى
            if j + 1 < len(toks) and is_marker(toks[j + 1], lexicon):
                return j, j + 2
            return j, j + 1
    return None


def _place_then_person(toks, j: int, entities) -> bool:
    """A place named at ``toks[j]`` and a person right after it: a title's place (المبعوث إلى اليمن X)."""
    if j + 1 >= len(toks):
        return False
    places = _mention_ends(entities, ("GPE", "LOC"))
    end = next((places[o] for o in (toks[j].start, toks[j].start + 1, toks[j].start + 2) if o in places), None)
    if end is None:  # the place, its clitic (لليمن) allowed for
        return False
    k = next((i for i in range(j + 1, len(toks)) if toks[i].start >= end), None)
    return k is not None and toks[k].start in _mention_ends(entities, ("PERSON",))


def _mention_ends(entities, types: tuple[str, ...]) -> dict[int, int]:
    """start -> end of the mentions of entities of these types."""
    return {m.start: m.end for e in entities if e.type in types for m in e.mentions}


def _named_then_titled(toks, j: int, lexicon: CueLexicon) -> bool:
    """A name followed by a comma and a title (دعا لاري آندري، سفير ...): the subject, though it starts like لـ."""
    for k in range(j + 1, min(len(toks) - 1, j + 4)):
        if toks[k].norm in lexicon.fw.comma:
            info = noun_info([toks[k + 1]], lexicon)
            return info is not None and info.kind == "title"
    return False


def _object_plural(token: Token, lexicon: CueLexicon) -> bool:
    """A definite sound plural or dual in -ين right after the verb is its object, not its subject (-ون)."""
    fw = lexicon.fw
    return token.splits[0][0].endswith(fw.article) and token.norm.endswith(fw.object_plural_suffix) and len(token.norm) > 6


def _quoted_name(toks, j: int, lexicon: CueLexicon) -> bool:
    """A short quotation right after the verb, closed and followed by إن/أن, a comma or an adjunct
    (قالت «الفيدرالية العالمية» في بيان إن): a name."""
    for k in range(j + 1, min(len(toks), j + 6)):
        if toks[k].norm in ("»", "”", '"'):
            return k + 1 < len(toks) and (is_marker(toks[k + 1], lexicon) or toks[k + 1].norm in lexicon.fw.not_subject)
    return False


@dataclass(frozen=True)
class _Clause:
    """What a cue is read against: the sentence, its cues, and what earlier cues of it found."""
    analysis: Analysis
    toks: tuple[Token, ...]
    first: int  # index in the analysis of the sentence's first token
    cues: list[Cue]
    found: list[_Found]
    mentions: list[Mention]
    lexicon: CueLexicon
    consumed: set[int]
    names: _Names


@dataclass(frozen=True)
class _VerbFrame:
    """Where the verb cue sits: after it the subject chunk, then the marker, then what was said."""
    local: int
    after: int
    cue_starts: set[int]


def _read_verb(clause: _Clause, cue: Cue) -> _Found | None:
    """A verb or participle cue: its opener, the subject between the verb and it, and the channel."""
    toks, first, lexicon = clause.toks, clause.first, clause.lexicon
    after = cue.last - first + 1
    frame = _VerbFrame(cue.first - first, after, {c.first for c in clause.cues if c.kind in ("verb", "participle")})
    opener = _verb_opener(clause, cue, frame)
    if opener is None and _as_said(clause, cue, frame.local):
        said = _as_said_speaker(clause, cue, frame)
        if said is not None:
            return said
    if opener is None:
        if cue.verb.needs_marker:
            return None
        opener = (after, after)  # a participle with a noun phrase: مؤكداً حضوره
    marker_at, content_start = opener
    chunk = list(toks[after:marker_at])
    via = None
    # نقل X عن Y أن: Y is the speaker, X (if any) the channel
    if cue.verb.lemma == lexicon.fw.relay_lemma and marker_at < len(toks) and toks[marker_at].norm == lexicon.fw.relay_preposition:
        relayed = _relayed(clause, frame, chunk, marker_at)
        if relayed is None:
            return None
        via, chunk, content_start = relayed
    chunk, via = _inner_source(clause, frame, chunk, marker_at, via)
    subject, via = _verb_subject(clause, cue, chunk, via)
    named_before = _name_after_marker(clause, frame.local) if cue.kind == "verb" else []
    if named_before:
        subject = named_before  # أوضح أن المركز دعا الأطباء: the name before the verb is its subject
    pronoun_before = frame.local > 0 and toks[frame.local - 1].norm in lexicon.fw.pronoun_subject
    subject, reported = _subject_before_verb(clause, cue, frame, subject, marker_at, pronoun_before)
    if not reported:
        return None
    if cue.verb.lemma == lexicon.fw.preposition_lemma and cue.verb.form != "participle" and not cue.conjoined:
        return None  # بين is far more often the preposition "between"
    if subject:
        return _subject_found(clause.analysis, toks, frame.local, cue, subject, via, content_start, clause.mentions, lexicon)
    return _no_subject(clause.analysis, toks, frame.local, cue, clause.found, clause.mentions, lexicon, clause.analysis.entities,
                       via, content_start, pronoun_before)


def _name_after_marker(clause: _Clause, local: int) -> list[Token]:
    """The name between an إن/أن (or كان) and the verb (أن المركز دعا، إن ترامب قال، وكان نتنياهو حث):
    that clause's subject, so what follows the verb is its object."""
    toks, lexicon, names = clause.toks, clause.lexicon, clause.names
    if local < 2:
        return []
    for start in names.ending.get(toks[local - 1].end, ()):
        j = next((k for k in range(local) if toks[k].start == start), None)
        entity = names.subjects[start][1]
        while j:  # the title mention right before the name is the same subject (رئيس الوزراء الإسرائيلي بنيامين نتنياهو)
            before = [s for s in names.ending.get(toks[j - 1].end, ()) if names.subjects[s][1] == entity]
            k = next((k for k in range(j) if before and toks[k].start == before[0]), None)
            if k is None:
                break
            j = k
        if j is not None and j > 0 and (is_marker(toks[j - 1], lexicon) or toks[j - 1].norm in lexicon.fw.auxiliary):
            return list(toks[j:local])
    return []


def _verb_opener(clause: _Clause, cue: Cue, frame: _VerbFrame) -> tuple[int, int] | None:
    """The إن/أن (or a subject named right after a perfect verb) that opens what was said."""
    toks, lexicon = clause.toks, clause.lexicon
    opener = _scan_opener(toks, frame.after, cue.verb, frame.cue_starts, clause.first, lexicon, clause.analysis.entities)
    # perfect verbs only: وتعتبر كازاخستان دولة is "is considered", not a report
    if opener is None and cue.kind == "verb" and cue.verb.lemma in lexicon.np_lemmas and cue.verb.form == "perfect":
        opener = _entity_subject_opener(toks, frame.after, clause.analysis.entities, lexicon) \
            or _titled_subject_opener(toks, frame.after, lexicon)  # بدوره أكد هادي ضرورة ...، نفت وزيرة الخارجية ... أي علاقة
    return opener


def _as_said(clause: _Clause, cue: Cue, local: int) -> bool:
    """``...، كما قال``: the verb comes after what was said."""
    toks, fw = clause.toks, clause.lexicon.fw
    return cue.kind == "verb" and local >= 2 and toks[local - 1].norm == fw.as_said and toks[local - 2].norm in fw.comma


def _as_said_speaker(clause: _Clause, cue: Cue, frame: _VerbFrame) -> _Found | None:
    """...، كما قال خالد العطية.: the short name after the verb is the speaker of what came before."""
    toks, lexicon = clause.toks, clause.lexicon
    end = next((k for k in range(frame.after, len(toks)) if toks[k].norm in lexicon.fw.clause_punctuation or toks[k].norm in (".", ":")), len(toks))
    subject = trim(list(toks[frame.after:end]), lexicon)
    if subject and len(subject) <= MAX_TITLE_NAME_TOKENS + 2:
        return _subject_found(clause.analysis, toks, frame.local, cue, subject, None, -1, clause.mentions, lexicon)
    return None


def _relayed(clause: _Clause, frame: _VerbFrame, chunk: list[Token], marker_at: int):
    """نقل X عن Y أن: (channel X, subject chunk Y, content start), or None when no opener follows Y."""
    toks, lexicon = clause.toks, clause.lexicon
    second = _scan_opener(toks, marker_at + 1, None, frame.cue_starts, clause.first, lexicon)
    if second is None:
        return None
    via = None
    via_tokens = trim(chunk, lexicon)
    while via_tokens and (via_tokens[0].norm in lexicon.fw.adjunct or via_tokens[0].norm in lexicon.leading):
        via_tokens = via_tokens[1:]  # نُقل يوم الاثنين عن: a time, no channel
    cut = next((k for k, t in enumerate(via_tokens) if k and (t.norm in lexicon.fw.adjunct or t.norm in lexicon.leading)), None)
    via_tokens = trim(via_tokens[:cut], lexicon) if cut is not None else via_tokens  # وكالة فارس اليوم السبت
    if via_tokens:
        via = (via_tokens[0].start, via_tokens[-1].end)
    return via, list(toks[marker_at + 1:second[0]]), second[1]


def _inner_source(clause: _Clause, frame: _VerbFrame, chunk: list[Token], marker_at: int, via):
    """وشدد السفير وفقاً لما نقلته وكالة الأنباء على ...: a source cue inside the chunk is the channel."""
    toks, first, lexicon = clause.toks, clause.first, clause.lexicon
    inner = next((c for c in clause.cues if c.kind == "source" and chunk and chunk[0].start <= toks[c.first - first].start < chunk[-1].end), None)
    if inner is None:
        return chunk, via
    clause.consumed.add(inner.first)
    k = inner.first - first - frame.after
    source = _source_tokens(toks, inner.last - first + 1, len(toks), lexicon)
    source = [t for t in source if t.start < toks[marker_at].start] if marker_at < len(toks) else source
    if source:
        via = (source[0].start, source[-1].end)
    return chunk[:k], via


def _verb_subject(clause: _Clause, cue: Cue, chunk: list[Token], via):
    """The subject written after the verb (none for an object or a participle) and any channel in it."""
    lexicon, names = clause.lexicon, clause.names
    subject, channel_k = cut_subject(chunk, lexicon, names=names.persons, subjects=names.subjects, objects=names.objects)
    if subject and cue.verb.complements and _object_plural(subject[0], lexicon):
        subject = []  # كما حذر المشرعين الأمريكيين من: an object (-ين), the subject is the speaker before
    if channel_k is not None:
        via = via_span(chunk, channel_k, lexicon)
    if cue.kind == "participle" or cue.verb.agreement in ("mp", "dual"):
        # واصفاً هذا الاتهام بأنه: what follows a participle is its object; a plural or dual verb
        # (أكدوا، أكدا) has its subject before it or in an earlier sentence, never right after it
        subject = []
    if subject and (subject[0].norm in lexicon.fw.pronoun_subject or verb_reading(subject[0], lexicon) is not None):
        subject = []  # استطرد قائلاً: the participle is no subject
    return subject, via


def _subject_before_verb(clause: _Clause, cue: Cue, frame: _VerbFrame, subject: list[Token], marker_at: int,
                         pronoun_before: bool) -> tuple[list[Token], bool]:
    """With no subject after the verb: the one before it (relative, SVO), and whether it is a report at all."""
    toks, lexicon, local = clause.toks, clause.lexicon, frame.local
    relative = local > 0 and toks[local - 1].norm in lexicon.fw.relative
    if relative and cue.kind == "verb":
        # الدول التي دعت: the noun before the relative is the subject; but in التحالف الذي وصفها بـ the
        # object pronoun is that noun, and the subject is the speaker the report is about
        with_object = not any(stem in lexicon.verbs for _, stem in toks[local].splits)
        if not subject:
            return ([] if with_object else _relative_antecedent(toks, local - 1, lexicon)), True
        named = [] if with_object else _name_before(clause, local - 1)
        if named:  # نتنياهو الذي حث أعضاء الكونغرس: a name before the relative is the subject, what follows its object
            return named, True
    if not subject and not cue.conjoined and not pronoun_before and cue.kind == "verb":
        if _after_medium(toks, local, lexicon):
            # في كلمة أعرب فيها عن: the speaker heard before, unsaid; with none heard in the sentence,
            # the person named right before the speech gave it (ألقى الدكتور محمد العيسى كلمة أثنى فيها)
            named = [] if clause.found else _name_before(clause, local - 1)
            return (named if named and named[0].start in clause.names.persons else []), True
        subject = _svo_subject(toks, local, clause.found, clause.first, lexicon)
        if not subject and local > 0 and not _clause_verb_reported(clause, frame, marker_at, relative):
            return subject, False
    return subject, True


def _clause_verb_reported(clause: _Clause, frame: _VerbFrame, marker_at: int, relative: bool) -> bool:
    """A verb inside another clause (أنه لم يُكشف عن) with no subject of its own is no report, unless
    what was said opens right after it (عندما قال: «...»، التي قال إن) or an auxiliary comes before it."""
    toks, lexicon, local = clause.toks, clause.lexicon, frame.local
    said_next = marker_at == frame.after and marker_at < len(toks) and (
        toks[marker_at].norm == ":" or toks[marker_at].norm in QUOTES_OPEN or is_marker(toks[marker_at], lexicon))
    # وقد أعلنوا، فقد أكد: an auxiliary before the verb, not a clause around it (أنه لم يُكشف)
    auxiliary = local > 0 and toks[local - 1].norm in lexicon.fw.clause_opener and (local < 2 or not is_marker(toks[local - 2], lexicon))
    return toks[local - 1].norm == lexicon.fw.arabic_comma or toks[local - 1].norm in lexicon.fw.connective \
        or said_next or auxiliary or relative


def _subject_found(analysis, toks, local: int, cue: Cue, subject, via, content_start, mentions, lexicon) -> _Found:
    """The speaker written after (or before) the cue: its kind, entity, or the earlier speaker it refers back to."""
    entities = analysis.entities
    span = (subject[0].start, subject[-1].end)
    kind, agreement = classify(subject, span[0], span[1], entities, lexicon)
    entity = head_entity(subject, entities, person=kind == "named")
    info = noun_info(subject, lexicon)
    pointed = subject[0].norm in lexicon.demonstratives and len(subject) > 1  # هذه المصادر
    head = subject[1] if pointed else subject[0]
    definite = head.splits[0][0].endswith(lexicon.fw.article)
    if definite and info and info.kind in ("anonymous", "group") and kind not in NAMED_KINDS:  # not الخبير ... شوماخر
        antecedent = by_head(toks[local].start, head_key(head.bare(), lexicon.fw.plural_suffix), mentions)
        if antecedent is None and len(subject) == 1 + pointed and head.bare() in lexicon.fw.source_noun:
            antecedent = last_speaker(toks[local].start, mentions)  # وأضاف المصدر: the source just cited
        if antecedent is not None:
            return _resolved(cue, antecedent, via, content_start, mentions, toks[local].start)
    if definite and len(subject) == 1 and info is None:
        earlier = same_name(toks[local].start, analysis.text[span[0]:span[1]], mentions, analysis.text)
        if earlier is not None:  # وأفاد الصباغ after رأفت الصباغ: the same named person
            kind, agreement = earlier.kind, earlier.agreement
            entity = entity or None
            if entity is None and earlier.entity:
                mention = Mention(span[0], span[1], toks[local].start, kind, agreement, earlier.head, earlier.entity)
                mentions.append(mention)
                return _Found(cue, span, kind, earlier.entity, via, content_start)
    mention = Mention(span[0], span[1], toks[local].start, kind, agreement, head_key(subject[0].bare(), lexicon.fw.plural_suffix),
                      entity.id if entity and kind in NAMED_KINDS else None, continued=_continued(info, definite))
    mentions.append(mention)
    return _Found(cue, span, kind, mention.entity, via, content_start)


def _previous_sentence_start(analysis: Analysis, offset: int) -> int:
    index = analysis.sentence_index_at(offset)
    return analysis.sentences[max(0, index - 1)][0] if index is not None else 0


def _no_subject(analysis, toks, local: int, cue: Cue, found, mentions, lexicon, entities, via, content_start, pronoun_before) -> _Found:
    """No subject: the speaker is the main clause's (participle) or someone named before."""
    if cue.kind == "participle":
        # the speaker of the clause's verb (a وفقاً لـ source in the sentence is no clause subject)
        same = [f for f in found if f.speaker is not None and f.cue.kind == "verb"] or [f for f in found if f.speaker is not None]
        if same:
            main = same[-1]
            return _Found(cue, main.speaker, main.kind, main.entity, via or main.via, content_start)
        subject = _clause_subject(toks, local, lexicon, cue.verb.agreement if cue.verb else None)
        if subject:
            span = (subject[0].start, subject[-1].end)
            kind, agreement = classify(subject, span[0], span[1], entities, lexicon)
            entity = head_entity(subject, entities, person=kind == "named")
            mentions.append(Mention(span[0], span[1], toks[local].start, kind, agreement, head_key(subject[0].bare(), lexicon.fw.plural_suffix),
                                    entity.id if entity and kind in NAMED_KINDS else None))
            return _Found(cue, span, kind, mentions[-1].entity, via, content_start)
    agreement = cue.verb.agreement
    if pronoun_before and toks[local - 1].norm.endswith(lexicon.pronoun_suffix("fs")):
        agreement = "fs"
    antecedent = by_agreement(toks[local].start, agreement, mentions, _previous_sentence_start(analysis, toks[local].start))
    if antecedent is None:
        return _Found(cue, None, None, None, via, content_start)
    return _resolved(cue, antecedent, via, content_start, mentions, toks[local].start)


def _resolved(cue, antecedent: Mention, via, content_start, mentions, at: int) -> _Found:
    mentions.append(Mention(antecedent.start, antecedent.end, at, antecedent.kind, antecedent.agreement,
                            antecedent.head, antecedent.entity, continued=antecedent.continued))
    return _Found(cue, (antecedent.start, antecedent.end), antecedent.kind, antecedent.entity, via, content_start)


def _clause_subject(toks, local: int, lexicon: CueLexicon, agreement: str | None = None) -> list[Token]:
    """The subject of the verb that opens the sentence (``ودافع كيري عن ...، قائلاً``). Without و
    in front, only a plural group noun agreeing with a plural participle (قلل دبلوماسيون وخبراء
    مصريون من أهمية ...، مؤكدين)."""
    fw = lexicon.fw
    i = 0
    framed = False
    if i + 1 < local and toks[i].norm in fw.framing_preposition and toks[i + 1].norm.startswith(fw.framing_side_noun):
        i, framed = i + 2, True
    elif i < local and toks[i].norm in fw.in_turn:
        i, framed = i + 1, True
    if i < local and toks[i].norm in fw.comma:
        i += 1
    # the verb must look like one: و/ف in front (ودافع كيري), or a من جانبه frame before it; a
    # sentence that opens with a byline (عبدالحكيم شار- سبق:) has no such verb
    if i >= local:
        return []
    bare_verb = not (framed or toks[i].splits[0][0][:1] in fw.conjunction)
    if bare_verb and (i > 0 or agreement != "mp" or toks[i].splits[0][0].endswith(fw.article)):
        return []
    subject = []
    for token in toks[i + 1:min(local, i + 1 + MAX_TITLE_NAME_TOKENS)]:
        if not token.is_arabic or token.norm in lexicon.fw.preposition or is_marker(token, lexicon) or token.norm in lexicon.fw.adjunct:
            if token.is_arabic or token.norm in fw.comma:
                break
            return []  # ended by something no clause subject is ended by
        if subject and _object_after_group(subject[0], token, lexicon):
            break
        subject.append(token)
    if len(subject) > 1 and noun_info(subject, lexicon) is None:
        return []  # ودخول تركيا ...، مؤكداً: not a speaker the lexicon knows; leave it to coreference
    if bare_verb and not _plural_group(subject, lexicon):
        return []
    if len(subject) == 1 and subject[0].norm in fw.not_speaker:
        return []
    return subject


def _plural_group(subject: list[Token], lexicon: CueLexicon) -> bool:
    info = noun_info(subject, lexicon)
    return info is not None and info.kind in ("group", "anonymous") and info.agreement == "mp"


def _object_after_group(head: Token, token: Token, lexicon: CueLexicon) -> bool:
    """A word without the article after a definite group noun is the verb's object, not more of
    the subject (وناقش الوزراء خطة العمل): the group's adjectives carry the article too (الوزراء
    العرب), and no name stands in apposition to it as one does to a title (الرئيس توكاييف)."""
    if not head.norm.startswith(lexicon.fw.article) or token.norm.startswith(lexicon.fw.article):
        return False
    info = noun_info([head], lexicon)
    return info is not None and info.kind == "group"


def _name_before(clause: _Clause, rel: int) -> list[Token]:
    """The tokens of the person, state or organisation named right before token ``rel``."""
    toks = clause.toks
    starts = clause.names.ending.get(toks[rel - 1].end, ()) if rel > 0 else ()
    if not starts:
        return []
    first = min(starts)
    return [t for t in toks[:rel] if t.start >= first]


def _relative_antecedent(toks, rel: int, lexicon: CueLexicon) -> list[Token]:
    """The definite noun phrase right before a relative pronoun (الدول الغربية التي)."""
    k = rel
    while k > 0 and rel - k < 3 and toks[k - 1].is_arabic and toks[k - 1].splits[0][0].endswith(lexicon.fw.article):
        k -= 1
    return list(toks[k:rel])


def _after_medium(toks, local: int, lexicon: CueLexicon) -> bool:
    """The verb follows an indefinite speech noun (ألقى كلمة أعرب فيها، في كلمة أعرب): a clause about
    that speech, whose speaker is the one already heard (البيان أكد, definite, is a subject)."""
    return local > 0 and indefinite_medium(toks[local - 1], lexicon)


def _svo_subject(toks, local: int, found, first, lexicon: CueLexicon) -> list[Token]:
    """The subject before a verb with no conjunction: ``الوزير قال إن``."""
    start = 0
    for f in found:
        if f.cue.first - first < local and f.content_start >= 0:
            start = max(start, f.content_start)
    for j in range(local - 1, start - 1, -1):
        if toks[j].norm in lexicon.fw.comma or toks[j].norm in (".", ":") or toks[j].norm in QUOTE_CHARS or is_marker(toks[j], lexicon):  # غير أن كيري أكد
            start = j + 1
            break
    subject = [t for t in toks[start:local] if t.norm not in lexicon.fw.clause_opener]
    subject = trim(subject, lexicon)
    if not subject or len(subject) > 8 or not subject[0].is_arabic or is_marker(subject[0], lexicon):
        return []
    return subject


def _read_masdar(toks, first, cue: Cue, found, mentions) -> _Found | None:
    """``بتأكيدها أن``، ``وجدد الرئيس تأكيداته بأن``: the speaker is the pronoun's antecedent."""
    local = cue.first - first
    if found and found[-1].content_start > local:
        return None  # inside another report's speaker stretch (نُقل عن مسؤول قوله إن)
    at = toks[local].start
    antecedent = by_agreement(at, cue.prefix, mentions)
    if antecedent is None:
        return _Found(cue, None, None, None, None, local + 2)
    return _resolved(cue, antecedent, None, local + 2, mentions, at)


def _source_tokens(toks, src_first: int, limit: int, lexicon: CueLexicon) -> list[Token]:
    """The source after ``وفقاً لـ``/``بحسب``: past ``ما أعلنت``/``ما جاء في``, up to a comma, a quote,
    the content marker or an adjunct."""
    fw = lexicon.fw
    i = src_first
    if i < limit and toks[i].bare() in fw.source_what_after or (i < limit and toks[i].norm in fw.source_what | fw.source_what_after):
        i += 1
        if i < limit and toks[i].is_arabic:
            i += 1  # the verb: أعلنت، نقلت، جاء
        while i < limit and toks[i].norm in fw.source_filler:
            i += 1
    out = []
    while i < limit and len(out) < MAX_SOURCE_TOKENS:
        token = toks[i]
        if token.norm in fw.clause_punctuation or token.norm in (".", ":") or token.norm in QUOTE_CHARS or is_marker(token, lexicon):
            break
        if out and token.norm in lexicon.fw.adjunct:
            break
        out.append(token)
        i += 1
    return out


def _read_nominal(analysis, toks, first, cue: Cue, found, mentions, lexicon) -> _Found | None:
    entities = analysis.entities
    fw = lexicon.fw
    local_last = cue.last - first
    at = toks[cue.first - first].start
    if cue.kind == "self":
        if found:
            return None  # على حد قوله in a sentence that already has its report
        suffix = toks[local_last].norm
        agreement = "fs" if suffix.endswith(lexicon.pronoun_suffix("fs")) else "mp" if suffix.endswith(lexicon.pronoun_suffix("mp")) else "ms"
        antecedent = by_agreement(at, agreement, mentions)
        if antecedent is not None:
            return _resolved(cue, antecedent, None, -1, mentions, at)
        return _Found(cue, None, None, None, None, -1)
    # وفقاً لـ X، ... / بحسب X، ... / ...، حسب ما أعلنت X
    src_first = local_last + 1
    glued = cue.last == cue.first and any(stem in fw.glued_governor for _, stem in toks[local_last].splits) \
        and src_first < len(toks) and toks[src_first].norm != fw.source_proclitic
    if src_first < len(toks) and toks[src_first].norm == fw.source_proclitic:
        src_first += 1
    glued = glued or (cue.last > cue.first)  # the ل was matched on the source's own first word
    if src_first >= len(toks):
        return None
    what = toks[src_first].norm
    relayed = src_first + 2 < len(toks) and what in fw.source_what | fw.source_what_after and toks[src_first + 2].norm in fw.relayed_from
    source = _source_tokens(toks, src_first, len(toks), lexicon)
    if relayed or not source:
        if relayed and source and found:  # حسب ما نقل عنه الصحفي X: the channel of the report before
            found[-1].via = (source[0].start, source[-1].end)
        return None
    stop = toks.index(source[-1]) + 1
    chunk = source
    subject, channel_k = cut_subject(chunk, lexicon, after_verb=False)
    if not subject:
        return None
    via = via_span(chunk, channel_k, lexicon) if channel_k is not None else None
    starts_glued = glued and subject[0] is toks[src_first] and toks[src_first].splits[0][0].startswith(fw.source_proclitic)
    start = subject[0].offset_after(fw.source_proclitic) if starts_glued else subject[0].start
    span = (start, subject[-1].end)
    kind, agreement = classify(subject, span[0], span[1], entities, lexicon)
    info = noun_info(subject, lexicon)
    content_start = _after_comma_content(toks, stop, lexicon, cue.first - first > 1)
    if info and info.kind in ("anonymous", "group") and any(p.endswith(fw.article) for p, _ in subject[0].splits[:1]):
        antecedent = by_head(at, head_key(subject[0].bare(), lexicon.fw.plural_suffix), mentions)
        if antecedent is not None:
            return _resolved(cue, antecedent, via, content_start, mentions, at)
    entity = head_entity(subject, entities, person=kind == "named")
    named = head_entity(subject[:2], entities) or head_entity(subject[:1], entities, person=False)
    if named is None and info is None and what not in fw.source_what | fw.source_what_after:
        return None  # وفقاً للمعايير الدولية، حسب الاتفاق: "in accordance with", not a source
    definite = subject[0].splits[0][0].endswith(fw.article)
    mention = Mention(span[0], span[1], at, kind, agreement, head_key(subject[0].bare(), lexicon.fw.plural_suffix),
                      entity.id if entity and kind in NAMED_KINDS else None, continued=_continued(info, definite))
    mentions.append(mention)
    return _Found(cue, span, kind, mention.entity, via, content_start)


def _continued(info, definite: bool) -> bool:
    """Whether a bare later verb may go on with this speaker: not with unspecified reports (تقارير)."""
    return not (info is not None and info.referent == "text" and not definite)


def _after_comma_content(toks, stop: int, lexicon: CueLexicon, mid_sentence: bool = False) -> int:
    """Content after ``وفقاً لـ X،``: what follows the comma (past فإن), or what came before the cue:
    also when the cue closes a statement and و opens the next clause (يتبنى المجلس ...، بحسب
    دبلوماسيين، وحدد موعد ...)."""
    j = stop
    if j < len(toks) and (toks[j].norm in lexicon.fw.comma or toks[j].norm == ":"):
        j += 1
        if mid_sentence and j < len(toks) and toks[j].is_arabic and toks[j].splits[0][0][:1] in lexicon.fw.conjunction:
            return -1
    if j < len(toks) and is_marker(toks[j], lexicon):
        j += 1
    if j >= len(toks) or toks[j].norm == ".":
        return -1
    return j
