"""Coreference: which mentions are the same entity, and entity records built from them.

Written by hand (no offline Arabic coreference resolver exists without torch); the rules are the
ones news prose follows:
- a person is introduced by full name and then named by surname alone (توكاييف), so a one-word
  person mention that is the last word of exactly one full name joins it, and so do later bare
  occurrences of that surname;
- a title description (الرئيس الكازاخستاني، رئيس كازاخستان) names the person it stands in
  apposition to (``رئيس الوزراء الإسرائيلي بنيامين نتنياهو``) when that person is in the KB or no
  KB person held the title; else the person it named earlier in the report, else the KB person
  who held the title on the publication date; with no date, only a holder the report also names;
- a title after a word that makes the whole another person (نائب خادم الحرمين الشريفين، نجل الرئيس) is
  no mention of the title's holder;
- a KB person named in full is named by surname alone too (فيتالي تشوركين ... تشوركين), and a
  one-word place or organisation that is a surname the report gave a person is that person; so is
  a one-word KB alias of someone else (رياض المالكي ... المالكي is not Nouri al-Maliki);
- unknown organisations and places are one entity per normalised name.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from naba.analysis import Analysis
from naba.entities.kb import KnowledgeBase, TitleMatch
from naba.entities.link import EDGE_WORDS, NOT_NAMES, Mention
from naba.entities.refine import EntityWords
from naba.ids import entity_id
from naba.lang import default as default_language
from naba.record import Entity, Span
from naba.text.normalise import normalise_text

MAX_TITLE_CHAIN = 8  # role words between a name and the last title of its chain

MIN_SURNAME = 4


def name_key(text: str) -> str:
    return " ".join(normalise_text(text).split())


def unknown_id(entity_type: str, key: str) -> str:
    """A stable id for an entity not in the KB, from its type and normalised name (naba.ids)."""
    return entity_id(entity_type, key)


def cluster_unknown(
    analysis: Analysis, mentions: list[Mention], taken: list[Mention], words: EntityWords | None = None
) -> list[Mention]:
    """Give every unknown mention its entity key; add bare-surname mentions of unknown people.

    ``taken`` are the mentions already linked (KB), which surname occurrences must not overlap;
    ``words`` the stage's word lists (name particles, proclitics), the default Language's if None.
    """
    lists = words if words is not None else EntityWords.load(default_language())
    surname_prefixes = lists.proclitics | {""}
    text = analysis.text
    people = [m for m in mentions if m.type == "PERSON"]
    full_names: dict[str, str] = {}  # normalised full name -> cluster key
    surnames: dict[str, set[str]] = defaultdict(set)
    for mention in sorted(people, key=lambda m: -(m.end - m.start)):
        key = name_key(text[mention.start:mention.end])
        words = key.split()
        if len(words) < 2:
            continue
        cluster = full_names.get(key)
        if cluster is None:
            # a shorter full name that ends a longer one (جومارت توكاييف) joins the longer one
            cluster = next((c for k, c in full_names.items() if k.endswith(" " + key)), None)
        if cluster is None:
            cluster = unknown_id("PERSON", key)
        full_names.setdefault(key, cluster)
        mention.entity = cluster
        if _surname_ends(words, lists):
            surnames[words[-1]].add(cluster)
    known = _known_surnames(analysis, taken, lists)
    for surname, owners in known.items():
        if surname not in surnames:
            surnames[surname] = owners
    for mention in mentions:
        if mention.entity is not None:
            continue
        key = name_key(text[mention.start:mention.end])
        owners = surnames.get(key, set())
        if mention.type != "PERSON" and len(owners) == 1 and len(key.split()) == 1:
            mention.type = "PERSON"  # تاتشر tagged an organisation, the report named مارجريت تاتشر
        if mention.type == "PERSON":
            mention.entity = next(iter(owners)) if len(owners) == 1 else unknown_id("PERSON", key)
        else:
            mention.entity = unknown_id(mention.type, key)
    unique = {s: next(iter(c)) for s, c in surnames.items() if len(c) == 1}
    if not unique:
        return []
    occupied = taken + mentions
    added = []
    for token in analysis.tokens:
        if not token.is_arabic:
            continue
        for prefix, stem in token.splits:
            if prefix in surname_prefixes and stem in unique:
                start = token.offset_after(prefix)
                if not any(m.overlaps(start, token.end) for m in occupied):
                    added.append(Mention(start, token.end, "PERSON", unique[stem], "surname"))
                break
    return added


def surnames_of_full_names(analysis: Analysis, mentions: list[Mention], words: EntityWords | None = None) -> None:
    """A one-word KB alias that is someone else's surname (المالكي -> Nouri al-Maliki) names the
    person the report gave in full with that surname before it (رياض المالكي ... وقال المالكي),
    unless the report named the KB person in full too. Changes the mentions' entities in place."""
    lists = words if words is not None else EntityWords.load(default_language())
    text = analysis.text
    full: list[tuple[int, str, str]] = []  # (start, surname, entity) of the full names
    for mention in mentions:
        if mention.type == "PERSON" and mention.entity:
            parts = name_key(text[mention.start:mention.end]).split()
            if len(parts) >= 2 and _surname_ends(parts, lists):
                full.append((mention.start, parts[-1], mention.entity))
    in_full = {entity for _, _, entity in full}
    for mention in mentions:
        if mention.type != "PERSON" or mention.source != "kb" or mention.entity in in_full:
            continue
        key = name_key(text[mention.start:mention.end])
        owners = [entity for start, surname, entity in full if start < mention.start and surname == key]
        if owners and " " not in key:
            mention.entity = owners[-1]


def _known_surnames(analysis: Analysis, taken: list[Mention], lists: EntityWords) -> dict[str, set[str]]:
    """Surnames of the KB people the report names in full (فيتالي تشوركين -> تشوركين): a later bare
    تشوركين is that person. Not from a royal's name (الملك سلمان: سلمان is a given name), not after
    بن, not a common word."""
    text = analysis.text
    out: dict[str, set[str]] = defaultdict(set)
    for mention in taken:
        if mention.type != "PERSON" or mention.source != "kb" or mention.entity is None:
            continue
        words = name_key(text[mention.start:mention.end]).split()
        if len(words) < 2 or words[0] in lists.royal_titles or words[0] in lists.kept_titles:
            continue
        if _surname_ends(words, lists) and words[-1] not in lists.common:
            out[words[-1]].add(mention.entity)
    return out


def _surname_ends(words: list[str], lists: EntityWords) -> bool:
    """Whether a full name's last word is a surname a later bare mention may use: long enough, not
    after بن, not a word that ends a span or names no one."""
    return len(words[-1]) >= MIN_SURNAME and words[-2] not in lists.patronymic and words[-1] not in EDGE_WORDS | NOT_NAMES


def resolve_titles(
    kb: KnowledgeBase, analysis: Analysis, titles: list[TitleMatch], mentions: list[Mention],
    words: EntityWords | None = None,
) -> list[Mention]:
    """Title descriptions as mentions of the person they designate (see module docstring)."""
    governors = words.title_governors if words is not None else frozenset()
    day = analysis.published.date() if analysis.published else None
    text = analysis.text
    persons = sorted((m for m in mentions if m.type == "PERSON"), key=lambda m: m.start)
    named = {m.entity for m in mentions if m.type == "PERSON" and m.source in ("kb", "ner", "surname")}
    in_report: dict[object, str] = {}
    places: dict[str, set[str]] = defaultdict(set)  # role -> the places the report gave it so far
    out = []
    for title in sorted(titles, key=lambda t: t.start):
        if any(p.overlaps(title.start, title.end) for p in persons):
            continue  # the title is part of a name already linked
        if governors and _governed(analysis, title, governors):
            continue  # نائب خادم الحرمين الشريفين: another person
        slot = title.key if title.key is not None else tuple(e.entity for e in title.literal)
        person = _apposition(text, title.end, persons)
        if title.bare:
            if any(m.overlaps(title.start, title.end) for m in mentions) or _name_word_after(analysis, title, kb, words):
                continue  # مركز الملك سلمان: inside a name; الملك فيصل: a name the tagger missed, not the home king
            person = person or _apposition(text, title.end, persons, ",،") or _named_before(analysis, title, persons, kb)
            for other in {m.entity for m in persons if m.end <= title.start and m.entity in kb.entities}:
                for role, place in kb.roles_held(other, day):
                    places[role].add(place)  # كيري ... وزير الخارجية: the report's own holder, not the home one
            if person is None and slot not in in_report and places[title.key[0]] - {title.key[1]}:
                continue  # وزير الخارجية after وزير الخارجية الإيراني: that one, unless the report named the home one first
        elif title.key is not None:
            places[title.key[0]].add(title.key[1])
        if person is None or person not in kb.entities and not title.bare:
            # a KB holder of the title outranks an unknown name that merely follows it (not the
            # outlet's country's holder a bare role stands for: الملك فاروق is no king of the outlet's)
            person = in_report.get(slot) or _holder(kb, title, day, named) or person
        if person is None:
            continue
        in_report[slot] = person
        out.append(Mention(title.start, title.end, "PERSON", person, "title"))
    return out


def _governed(analysis: Analysis, title: TitleMatch, governors: frozenset[str]) -> bool:
    """The title follows a word such as نائب or نجل (ونائب too): the whole names someone else."""
    tokens = analysis.tokens
    if title.first == 0 or tokens[title.first].start != title.start:
        return False
    before = tokens[title.first - 1]
    return not analysis.text[before.end:title.start].strip() and any(
        stem in governors for stem in (before.norm, *before.stems())
    )


def _apposition(text: str, end: int, persons: list[Mention], marks: str = "") -> str | None:
    """The person named right after a title (only spaces, and ``marks``, between), if any."""
    for person in persons:
        if person.start >= end:
            return person.entity if not text[end:person.start].strip().strip(marks) else None
    return None


def _name_word_after(analysis: Analysis, title: TitleMatch, kb: KnowledgeBase, words: EntityWords | None) -> bool:
    """The word right after a title is a name word, not a common one (الملك فيصل، الملك خالد; not في)."""
    following = title.last + 1
    if following >= len(analysis.tokens):
        return False
    word = analysis.tokens[following].norm
    return word in kb.person_words and (words is None or word not in words.common)


def _named_before(analysis: Analysis, title: TitleMatch, persons: list[Mention], kb: KnowledgeBase) -> str | None:
    """The person named right before a title, or before the chain of role words it ends (ناصر جودة
    نائب رئيس الوزراء وزير الخارجية; a comma between too: جون كيري، وزير الخارجية)."""
    text, tokens = analysis.text, analysis.tokens
    start, k = title.start, title.first - 1
    while k >= 0 and title.first - k <= MAX_TITLE_CHAIN and kb.words.is_role_word(tokens[k].norm) \
            and not text[tokens[k].end:start].strip(" ,،"):
        start, k = tokens[k].start, k - 1
    before = [p for p in persons if p.end <= start]
    if before and not text[before[-1].end:start].strip(" ,،"):
        return before[-1].entity
    return None


def _holder(kb: KnowledgeBase, title: TitleMatch, day: date | None, named: set) -> str | None:
    if title.key is not None:
        candidates = kb.resolve_title(title.key, day)
    else:
        candidates = [e.entity for e in title.literal if day is None or e.period is None or e.period.contains(day)]
    if day is None or len(candidates) > 1:
        candidates = [c for c in candidates if c in named]
    return candidates[0] if len(candidates) == 1 else None


def _with_article(analysis: Analysis, start: int, name: str, words: EntityWords) -> str:
    """The name with the article a fused preposition took (للجاسر: the mention is جاسر)."""
    i = analysis.token_index_at(start)
    if i is None or analysis.tokens[i].start >= start:
        return name
    glued = normalise_text(analysis.text[analysis.tokens[i].start:start])
    return words.article + name if words.fused and glued.endswith(words.fused) else name


_ENGLISH_TYPES = {"PERSON", "GPE", "LOC"}  # names that sound the same in English; ORG names get translated


def build_entities(
    kb: KnowledgeBase, analysis: Analysis, mentions: list[Mention], clean_name=None, english=None,
    words: EntityWords | None = None,
) -> list[Entity]:
    """One Entity per entity, mentions sorted, each span in one entity only. An unknown entity is
    named by its longest tagger mention (``clean_name`` drops what is no part of the name, e.g.
    titles) and its id comes from that name (``naba.ids.entity_id``), so it is the same in every
    report and in the store. ``english`` gives an unknown person or place its English name; with
    ``words``, a name that starts after a fused لل gets its article back (للجاسر -> الجاسر)."""
    text = analysis.text
    seen_spans: set[tuple[int, int]] = set()
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        span = (mention.start, mention.end)
        if span in seen_spans or mention.start >= mention.end:
            continue
        seen_spans.add(span)
        groups[mention.entity].append(mention)
    built: dict[str, Entity] = {}
    for key, group in groups.items():
        record = kb.entities.get(key)
        if record is not None:
            entity_type, name_ar, name_en, kb_id, ident = record.type, record.name_ar, record.name_en, record.id, record.id
        else:
            names = [m for m in group if m.source == "ner"] or group
            best = max(names, key=lambda m: m.end - m.start)
            name_ar = text[best.start:best.end]
            if words is not None:
                name_ar = _with_article(analysis, best.start, name_ar, words)
            if clean_name is not None:
                name_ar = clean_name(name_ar) or name_ar
            entity_type, kb_id = best.type, None
            name_en = english(name_ar) if english is not None and entity_type in _ENGLISH_TYPES else None
            ident = entity_id(entity_type, name_ar)
        spans = [Span.of(text, m.start, m.end) for m in group]
        if ident in built:  # two groups that turn out to bear one name are one entity
            built[ident].mentions.extend(spans)
            built[ident].mentions.sort(key=lambda s: s.start)
            continue
        built[ident] = Entity(
            id=ident, type=entity_type, name_ar=name_ar, name_en=name_en, kb=kb_id, mentions=spans,
        )
    entities = list(built.values())
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities
