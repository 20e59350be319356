"""Linking: turn KB alias matches, tagger spans and title descriptions into mentions of entities.

Rules, in order:
1. A strong KB alias match is a mention of its entity (when one alias names entities of several
   types, the type the tagger saw there wins, else the KB's type priority).
2. A weak alias (مالي، العربية، صالح) counts only where the tagger marks a name over it, or when the
   report names the same entity by a strong alias elsewhere.
3. A tagger span overlapping a KB mention merges into it (the KB span and id win), except when the
   span strictly contains KB mentions of other types (``وزارة الخارجية الأمريكية`` as an ORG not in
   the KB keeps its nested country) and does not start with one or end with a known person
   (``إنكلترا مارك كارني`` is several names); spans with no KB match become mentions of unknown entities.
4. Title descriptions (see ``naba.entities.coref.resolve_titles``) are linked last.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from naba.analysis import Analysis
from naba.entities.kb import TYPE_PRIORITY, AliasEntry, AliasMatch, KnowledgeBase
from naba.lang import default as default_language
from naba.text.normalise import normalise_text
from naba.text.tokens import Token

# Tagger label -> KB types it agrees with.
COMPATIBLE = {
    "PERS": {"PERSON"},
    "LOC": {"GPE", "LOC"},
    "ORG": {"ORG"},
    "MISC": {"MISC", "AGREEMENT", "EVENT"},
}
UNKNOWN_TYPE = {"PERS": "PERSON", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
CLITIC_WIDTH = 3  # the most characters of a word glued before a name (و|لل، ولـ): a conjunction and a preposition
# Time words a tagger glues to the edge of a name (وحاول كارتر الاثنين): never part of it; and words
# ANERcorp tags MISC by habit (currencies, God) that name no entity a reader looks for
# (naba/lang/ar/entities_span_edges.tsv).
def _edge_words(kind: str) -> frozenset[str]:
    return frozenset(normalise_text(w) for w in default_language("ar").words("entities_span_edges", kind=kind))


EDGE_WORDS = _edge_words("time_word")
NOT_NAMES = _edge_words("not_a_name")


def trim_spans(analysis: Analysis, ner: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Tagger spans without the time words at their edges; spans left empty, or naming only a
    currency or God, are dropped."""
    out = []
    tokens = analysis.tokens
    for start, end, label in ner:
        first, last = analysis.token_index_at(start), analysis.token_index_at(end - 1)
        if first is None or last is None:
            out.append((start, end, label))
            continue
        while first <= last and tokens[last].norm in EDGE_WORDS:
            last -= 1
        while first <= last and tokens[first].norm in EDGE_WORDS:
            first += 1
        if first <= last and not all(t.norm in NOT_NAMES or t.bare() in NOT_NAMES for t in tokens[first:last + 1]):
            out.append((max(start, tokens[first].start), min(end, tokens[last].end), label))
    return out


@dataclass
class Mention:
    start: int
    end: int
    type: str  # naba entity type
    entity: str | None  # KB id, or None until coreference gives an unknown mention its cluster
    source: str  # kb | demonym | ner | title | surname
    label: str | None = None  # tagger label, for unknown mentions
    weak: bool = False  # linked through a weak alias

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def kb_mentions(kb: KnowledgeBase, matches: list[AliasMatch], ner: list[tuple[int, int, str]],
                tokens: list[Token] | None = None, common: frozenset[str] = frozenset()) -> list[Mention]:
    """Mentions from alias matches (rules 1 and 2); literal-title matches are left to titles.
    ``tokens`` (the matched ones) and ``common`` (ordinary words): see ``_glued``."""
    if tokens is not None:
        matches = [_glued(match, tokens[match.first], kb.words.article, common) for match in matches]
    strong_ids = {
        entry.entity
        for match in matches
        for entry in match.entries
        if not entry.weak and entry.kind != "title" and len({e.entity for e in match.entries if not e.weak}) == 1
    }
    mentions = []
    for match in matches:
        entries = [e for e in match.entries if e.kind != "title"]
        if not entries:
            continue
        labels = {label for start, end, label in ner if start < match.end and match.start < end}
        chosen = _choose(kb, entries, labels, strong_ids)
        if chosen is None:
            continue
        entity = kb.entities[chosen.entity]
        source = "demonym" if chosen.kind == "demonym" else "kb"
        mentions.append(Mention(match.start, match.end, entity.type, entity.id, source, weak=chosen.weak))
    return mentions


def _glued(match: AliasMatch, token: Token, article: str, common: frozenset[str]) -> AliasMatch:
    """The match with its ``weak_glued`` entries made weak when it was read off a longer word that
    is no such name: off the article (العيبان, a family name, is no place عيبان) or off a clitic
    when the whole word is an ordinary one (وجيزة "brief" is no جيزة; وبانكوك stays Bangkok)."""
    if match.start == token.start or not any(e.weak_glued for e in match.entries):
        return match
    prefix = normalise_text(token.text[:match.start - token.start])
    if article not in prefix and token.norm not in common:
        return match
    return replace(match, entries=tuple(replace(e, weak=True) if e.weak_glued else e for e in match.entries))


def drop_weak_inside_names(linked: list[Mention], ner: list[tuple[int, int, str]]) -> list[Mention]:
    """A weak alias inside a longer tagged name is part of another name: صالح in محمد صالح المسفر."""
    return [
        m for m in linked
        if not (m.weak and any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e, _ in ner))
    ]


def _choose(kb: KnowledgeBase, entries: list[AliasEntry], labels: set[str], strong_ids: set[str]) -> AliasEntry | None:
    tagged_types = set().union(*(COMPATIBLE[label] for label in labels if label in COMPATIBLE)) if labels else set()
    strong = [e for e in entries if not e.weak]
    if strong:
        pool = strong
    else:
        pool = [e for e in entries if e.entity in strong_ids]
        if not pool:
            pool = [e for e in entries if kb.entities[e.entity].type in tagged_types]
        if not pool:
            return None
    if len(pool) > 1:
        agreeing = [e for e in pool if kb.entities[e.entity].type in tagged_types]
        named = [e for e in pool if e.entity in strong_ids]
        pool = agreeing or named or pool
        countries = [e for e in pool if kb.entities[e.entity].kind == "country"]
        if len({kb.entities[e.entity].type for e in pool}) == 1 and len(pool) > 1 and not named:
            if len(countries) != 1:
                return None  # same type, no way to choose: leave it unlinked
            pool = countries  # عمان tagged as a place: the country before the city
        pool.sort(key=lambda e: TYPE_PRIORITY[kb.entities[e.entity].type])
    return pool[0]


def _framed_by_known(start: int, end: int, overlapping: list[Mention]) -> bool:
    """A span that opens with a known entity (إنكلترا مارك كارني، دول الخليج العربية طهران) or ends
    with a known person (العاهل السعودي الملك سلمان) runs over several names: no organisation of its own."""
    return any(m.start - start <= CLITIC_WIDTH for m in overlapping) or any(
        m.type == "PERSON" and m.end == end for m in overlapping
    )



def ner_mentions(ner: list[tuple[int, int, str]], linked: list[Mention]) -> list[Mention]:
    """Tagger spans not already covered by a KB mention (rule 3)."""
    out = []
    for start, end, label in ner:
        overlapping = [m for m in linked if m.overlaps(start, end)]
        if not overlapping:
            out.append(Mention(start, end, UNKNOWN_TYPE.get(label, "MISC"), None, "ner", label))
            continue
        contains_all = all(start <= m.start and m.end <= end and (m.start, m.end) != (start, end) for m in overlapping)
        agrees = any(m.type in COMPATIBLE.get(label, ()) for m in overlapping)
        if contains_all and not agrees and not _framed_by_known(start, end, overlapping):
            out.append(Mention(start, end, UNKNOWN_TYPE.get(label, "MISC"), None, "ner", label))
    return out
