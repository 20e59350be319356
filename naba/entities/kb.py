"""The knowledge base: canonical entities from ``naba/resources/kb/*.jsonl`` and an alias index.

Aliases are matched over tokens, not by regular expressions over the text: each alias is stored
as a tuple of normalised words, the first word of a candidate is any clitic split of a token
(وواشنطن، لإسرائيل، بكازاخستان), the following words must match whole tokens. A lookup is a few
dict probes per token. Written by hand because no offline gazetteer matcher on PyPI knows Arabic
clitics or keeps code-point offsets into the unmodified text.

Title descriptions of people (``الرئيس الكازاخستاني``) are parsed at load time into a role and
the entity they are a role *of* (a country, city or organisation, named or by its demonym), so
``رئيس كازاخستان`` and ``الرئيس الكازاخستاني`` share one key; titles that do not parse that way
(``خادم الحرمين الشريفين``) are kept as literal aliases valid for their period.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from naba.entities.features import read_person_words
from naba.lang import Language
from naba.lang import default as default_language
from naba.text.normalise import normalise_text
from naba.text.tokens import Token, clitic_splits, tokenize

KB_DIR = Path(__file__).resolve().parent.parent / "resources" / "kb"
TYPES = ("PERSON", "GPE", "LOC", "ORG", "AGREEMENT", "EVENT", "MISC")
# Which type wins when one strong alias names entities of different types.
TYPE_PRIORITY = {t: i for i, t in enumerate(("GPE", "LOC", "ORG", "PERSON", "AGREEMENT", "EVENT", "MISC"))}
_TITLE_REF_TYPES = {"GPE", "LOC", "ORG"}  # what a role can be a role of
MAX_GAP = 2  # characters allowed between the words of a multi-word alias (a space, a hyphen)
# Entries imported from the PETRARCH actor dictionary (their ``source``) were matched there without
# context: a one-word place name of theirs that is also a person's name word (رياض، خليل: the
# transliterator's name table) or an adjective of relation (دستوري) is a weak alias here (it needs
# the tagger's agreement or a strong mention), and so is any one-word one read off a longer word,
# a clitic or the article taken away (وجيزة "brief" is no جيزة, العيبان a family name).
IMPORTED_SOURCE = "PETRARCH"


@lru_cache(maxsize=65536)
def role_word_key(word: str, article: str, ta_marbuta: str) -> str:
    """A role word without its article and final ta marbuta (normalised as ه)."""
    if word.startswith(article) and len(word) > len(article) + 1:
        word = word[len(article):]
    if word.endswith(ta_marbuta) and len(word) > 3:
        word = word[:-len(ta_marbuta)]
    return word


@dataclass(frozen=True, eq=False)  # hashed by identity: lookups are cached per instance
class KbWords:
    """The Arabic words the KB matcher reads, from one Language: the article and the preposition
    fused with it (affixes.tsv), the ta marbuta and kingdom words (entities_grammar.tsv), and the role
    phrases that head a title description (entities_roles.tsv); each role word compared without the
    article and a final ta marbuta, so رئيسة الوزراء / رئيس وزراء / الرئيس share keys."""

    article: str
    fused: tuple[str, ...]
    ta_marbuta: str
    kingdom: str
    role_keys: dict[tuple[str, ...], str]
    role_first: dict[str, int]
    compounds: tuple[str, ...] = ()  # عبد: written joined to the next name or apart (عبدالعزيز / عبد العزيز)
    title_qualifiers: frozenset[str] = frozenset()  # السابق: after a bare role, no current holder
    nisba_endings: tuple[str, ...] = ()  # ي: a definite word so ending after a bare role is someone's adjective
    relatives: frozenset[str] = frozenset()  # الذي، التي: they end in ي but are no adjective
    role_words: frozenset[str] = frozenset()  # every word of the role phrases, as keys

    @classmethod
    def load(cls, lang: Language | None = None) -> KbWords:
        lang = lang if lang is not None else default_language()
        article = next(iter(lang.words("affixes", "form", kind="article")))
        fused = tuple(sorted(p + article[1:] for p in lang.words("affixes", "form", kind="preposition", fuses="yes")))
        grammar = lang.mapping("entities_grammar", "role", "word")
        ta_marbuta, kingdom = normalise_text(grammar["ta_marbuta"]), normalise_text(grammar["kingdom"])

        def key(w: str) -> str:
            return role_word_key(normalise_text(w), article, ta_marbuta)

        role_keys = {tuple(key(w) for w in phrase.split()): " ".join(key(w) for w in phrase.split())
                     for phrase in tuple(lang.words("entities_roles"))}
        role_first: dict[str, int] = {}
        for words in role_keys:
            role_first[words[0]] = max(role_first.get(words[0], 0), len(words))
        compounds = tuple(normalise_text(r["word"]) for r in lang.table("entities_name_particles") if r["role"] == "compound")
        rows = lang.table("entities_grammar")
        qualifiers = frozenset(normalise_text(r["word"]) for r in rows if r["role"] == "title_qualifier")
        nisba = tuple(normalise_text(r["word"]) for r in rows if r["role"] == "nisba_ending")
        relatives = frozenset(normalise_text(w) for w in lang.words("quotes_function_words", "word", role="relative"))
        return cls(article, fused, ta_marbuta, kingdom, role_keys, role_first, compounds, title_qualifiers=qualifiers,
                   nisba_endings=nisba, relatives=relatives, role_words=frozenset(w for phrase in role_keys for w in phrase))

    def role_key(self, word: str) -> str:
        return role_word_key(word, self.article, self.ta_marbuta)

    def is_role_word(self, word: str) -> bool:
        """Whether a (normalised) word is one of the role phrases' words (نائب، رئيس، الوزراء)."""
        return self.role_key(word) in self.role_words


def parse_day(value) -> date | None:
    """A ``from``/``to`` bound: an ISO date, a year-month, a year, or empty."""
    if value in (None, ""):
        return None
    text = str(value)
    parts = [int(p) for p in text.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return date(parts[0], parts[1], parts[2])


@dataclass(frozen=True, slots=True)
class Period:
    start: date | None
    end: date | None

    def contains(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class CameoRole:
    """A CAMEO actor code (``IRQGOV``) the entity held over a period (open bounds: always)."""

    code: str
    period: Period


@dataclass(frozen=True, slots=True)
class KbEntity:
    id: str
    type: str
    name_en: str | None
    name_ar: str | None
    kind: str | None = None  # country, capital, city, region ... for places
    country: str | None = None
    cameo: tuple[CameoRole, ...] = ()


@dataclass(frozen=True, slots=True)
class AliasEntry:
    entity: str
    kind: str  # name | demonym | title
    weak: bool = False  # an ordinary word too: needs the tagger or a strong mention to count
    period: Period | None = None  # for literal titles
    weak_glued: bool = False  # weak when read off a longer word (وجيزة -> جيزة, العيبان -> عيبان)


@dataclass(frozen=True, slots=True)
class AliasMatch:
    first: int  # token index
    last: int  # token index, exclusive
    start: int  # character offsets of the mention (clitics excluded)
    end: int
    entries: tuple[AliasEntry, ...]

    @property
    def kind(self) -> str:
        return self.entries[0].kind


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """A role followed by what it is a role of: ``رئيس`` + ``كازاخستان`` -> key (رئيس, gpe:kz)."""

    first: int
    last: int
    start: int
    end: int
    key: tuple[str, str] | None  # (role, entity id) for structural titles
    literal: tuple[AliasEntry, ...] = ()  # for literal titles
    bare: bool = False  # a role named without its country (وزير الخارجية): the outlet's country's


@dataclass
class KnowledgeBase:
    entities: dict[str, KbEntity]
    index: dict[tuple[str, ...], tuple[AliasEntry, ...]]
    first_words: dict[str, int]  # first word -> the longest alias (in words) starting with it
    titles: dict[tuple[str, str], tuple[tuple[str, Period], ...]] = field(default_factory=dict)
    roles: dict[str, tuple[tuple[tuple[str, str], Period], ...]] = field(default_factory=dict)  # person -> titles' keys
    outlets: dict[str, str] = field(default_factory=dict)  # outlet handle or web host -> country id
    outlet_ids: dict[str, str] = field(default_factory=dict)  # outlet handle or web host -> its KB entity
    person_words: frozenset[str] = frozenset()  # words attested in people's names (the transliterator's table)
    kingdoms: frozenset[str] = frozenset()  # countries whose names call them a kingdom (مملكة)
    names: dict[str, frozenset[str]] = field(default_factory=dict)  # entity -> words of its names
    words: KbWords = field(default_factory=KbWords.load)
    _opener_cache: dict[str, tuple[tuple[str, str, int], ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, directory: Path | None = None, lang: Language | None = None) -> KnowledgeBase:
        """The KB in ``directory`` (default: the committed one), matched with the words of ``lang``."""
        records = read_records(directory or KB_DIR)
        kb_words = KbWords.load(lang)
        entities: dict[str, KbEntity] = {}
        raw: dict[tuple[str, ...], dict[str, AliasEntry]] = defaultdict(dict)
        person_words = read_person_words()
        nisba = min((normalise_text(w) for w in (lang or default_language()).words("entities_grammar", "word", role="nisba_ending")), key=len)

        def doubtful(key: tuple[str, ...]) -> bool:  # a one-word imported place name that is more often something else
            return len(key) == 1 and (key[0] in person_words or key[0].endswith(nisba))

        for record in records:
            entities[record["id"]] = KbEntity(
                record["id"], record["type"], record.get("name_en"), record.get("name_ar"),
                record.get("kind"), record.get("country"), cameo_roles(record),
            )
            imported = str(record.get("source") or "").startswith(IMPORTED_SOURCE) and record["type"] in ("GPE", "LOC")
            for kind, field_name, weak in (("name", "aliases", False), ("demonym", "demonyms", False),
                                           ("name", "weak_aliases", True)):
                for alias in record.get(field_name) or ():
                    key = alias_key(alias)
                    if key and record["id"] not in raw[key]:
                        raw[key][record["id"]] = AliasEntry(record["id"], kind, weak or imported and doubtful(key),
                                                            weak_glued=imported and len(key) == 1)
            if record.get("name_ar") and record["name_ar"] not in (record.get("weak_aliases") or ()):
                key = alias_key(record["name_ar"])
                if key and record["id"] not in raw[key]:
                    raw[key][record["id"]] = AliasEntry(record["id"], "name", imported and doubtful(key),
                                                        weak_glued=imported and len(key) == 1)
        _add_compound_spellings(raw, kb_words.compounds)
        kb = cls(entities, {}, {}, words=kb_words)
        kb.person_words = person_words
        kb._set_index(raw)
        titles: dict[tuple[str, str], list[tuple[str, Period]]] = defaultdict(list)
        for record in records:
            for title in record.get("titles") or ():
                period = Period(parse_day(title.get("from")), parse_day(title.get("to")))
                key = kb.parse_title(title["title"])
                if key is not None:
                    titles[key].append((record["id"], period))
                else:
                    words = alias_key(title["title"])
                    raw[words][record["id"]] = AliasEntry(record["id"], "title", False, period)
        kb._set_index(raw)
        kb.titles = {key: tuple(values) for key, values in titles.items()}
        roles: dict[str, list[tuple[tuple[str, str], Period]]] = defaultdict(list)
        for key, holders in kb.titles.items():
            for holder, period in holders:
                roles[holder].append((key, period))
        kb.roles = {person: tuple(held) for person, held in roles.items()}
        kb.outlets = {
            handle.lower(): record["country"]
            for record in records if record.get("country")
            for handle in record.get("outlets") or ()
        }
        kb.outlet_ids = {
            handle.lower(): record["id"] for record in records for handle in record.get("outlets") or ()
        }
        kingdom = kb_words.kingdom
        kb.kingdoms = frozenset(
            record["id"] for record in records if record.get("kind") == "country"
            and any(kingdom in normalise_text(a).replace(kb_words.article + kingdom, kingdom) for a in [record.get("name_ar") or "", *(record.get("aliases") or ())])
        )
        names: dict[str, set[str]] = defaultdict(set)
        for key, entries in kb.index.items():
            for entry in entries:
                if entry.kind == "name":
                    names[entry.entity].update(key)
        kb.names = {entity: frozenset(words) for entity, words in names.items()}
        return kb

    def name_words(self, entity_id: str) -> frozenset[str]:
        """Every normalised word of an entity's names and aliases."""
        return self.names.get(entity_id, frozenset())

    def outlet_country(self, outlet: str | None, url: str | None = None) -> str | None:
        """The country of a report's outlet, by its handle (``alriyadh``), its web host or an
        Arabic name the KB knows (``صحيفة الرياض``); None when unknown."""
        if outlet:
            found = self.outlets.get(outlet.strip().lower())
            if found:
                return found
            entries = self.index.get(alias_key(outlet), ())
            for entry in entries:
                country = self.entities[entry.entity].country
                if country and self.entities[entry.entity].type == "ORG":
                    return country
        return next((self.outlets[host] for host in _hosts(url) if host in self.outlets), None)

    def outlet_entity(self, outlet: str | None, url: str | None = None) -> KbEntity | None:
        """The KB record of a report's outlet, by its source code (``alriyadh``, ``was``) or its web
        host: its Arabic and English names, for showing an outlet by name rather than by code."""
        if outlet and outlet.strip().lower() in self.outlet_ids:
            return self.entities[self.outlet_ids[outlet.strip().lower()]]
        return next((self.entities[self.outlet_ids[host]] for host in _hosts(url) if host in self.outlet_ids), None)

    def _openers(self, norm: str) -> tuple[tuple[str, str, int], ...]:
        """(prefix, stem, longest alias) for the splits of a word that can open an alias."""
        found = self._opener_cache.get(norm)
        if found is None:
            if len(self._opener_cache) > 200_000:  # bounded: a corpus's vocabulary, not its size
                self._opener_cache.clear()
            found = tuple(
                (prefix, stem, self.first_words[stem]) for prefix, stem in _candidates(norm, self.words.article, self.words.fused)
                if stem in self.first_words
            )
            self._opener_cache[norm] = found
        return found

    def _set_index(self, raw: dict[tuple[str, ...], dict[str, AliasEntry]]) -> None:
        self.index = {key: tuple(by_entity.values()) for key, by_entity in raw.items()}
        first: dict[str, int] = {}
        for key in self.index:
            first[key[0]] = max(first.get(key[0], 0), len(key))
        self.first_words = first
        self._opener_cache = {}

    # --- matching -------------------------------------------------------------------------

    def match(self, tokens: tuple[Token, ...] | list[Token]) -> list[AliasMatch]:
        """Every alias occurrence, longest first and left to right, never overlapping."""
        found: list[AliasMatch] = []
        i, count = 0, len(tokens)
        while i < count:
            best = self._match_at(tokens, i)
            if best is None:
                i += 1
                continue
            found.append(best)
            i = best.last
        return found

    def match_at(self, tokens, i: int) -> AliasMatch | None:
        return self._match_at(tokens, i)

    def _match_at(self, tokens, i: int) -> AliasMatch | None:
        best: tuple[int, str, tuple[AliasEntry, ...]] | None = None
        for prefix, stem, longest in self._openers(tokens[i].norm):
            for n in range(min(longest, len(tokens) - i), 0, -1):
                if best is not None and n <= best[0]:
                    break
                if n > 1 and not _adjacent(tokens, i, i + n):
                    continue
                key = (stem,) + tuple(t.norm for t in tokens[i + 1:i + n])
                entries = self.index.get(key)
                if entries:
                    best = (n, prefix, entries)
                    break
        if best is None:
            return None
        n, prefix, entries = best
        token = tokens[i]
        return AliasMatch(i, i + n, token.offset_after(prefix), tokens[i + n - 1].end, entries)

    def match_titles(self, tokens, matches: list[AliasMatch], home: str | None = None) -> list[TitleMatch]:
        """Role + (country | city | organisation) descriptions, and literal title aliases; with
        ``home`` (the outlet's country), a role named without a country (وزير الخارجية in a Saudi
        paper) as that country's, where the KB knows who holds it there."""
        by_first = {m.first: m for m in matches}
        found: list[TitleMatch] = []
        for match in matches:
            literal = tuple(e for e in match.entries if e.kind == "title")
            if literal:
                found.append(TitleMatch(match.first, match.last, match.start, match.end, None, literal))
        i = 0
        while i < len(tokens):
            first, role = i, self._role_at(tokens, i)
            i += 1
            if role is None:
                continue
            role_key, after, start = role
            ref = by_first.get(after)
            refs = [e for e in ref.entries if e.kind != "title" and self.entities[e.entity].type in _TITLE_REF_TYPES] \
                if ref is not None and _adjacent(tokens, after - 1, after + 1) else []
            if refs:
                i = ref.last  # no second title inside this one (نائبة وزير الخارجية الإسرائيلي)
                known = [e for e in refs if (role_key, e.entity) in self.titles]
                key = (role_key, (known or refs)[0].entity)
                found.append(TitleMatch(first, ref.last, start, ref.end, key))
            elif home is not None and (role_key, home) in self.titles and not self._of_elsewhere(tokens, after, by_first) \
                    and not any(t.first <= first <= t.last for t in found if t.literal):
                found.append(TitleMatch(first, after - 1, start, tokens[after - 1].end, (role_key, home), bare=True))
                i = after  # no second title inside this one (ولي العهد inside ولي ولي العهد)
        return found

    def _of_elsewhere(self, tokens, after: int, by_first: dict[int, AliasMatch]) -> bool:
        """Whether a role named without a country (ending before ``after``) is qualified by what
        follows: a former holder (وزير الخارجية السابق), an adjective of relation (وزير الخارجية
        البوروندي), or a country or organisation within three words (وزير الخارجية في الحكومة اليمنية)."""
        if after >= len(tokens):
            return False
        following = tokens[after]
        if following.norm in self.words.title_qualifiers:
            return True
        if following.norm.startswith(self.words.article) and following.norm.endswith(self.words.nisba_endings) \
                and following.norm not in self.words.relatives:  # وزير الدفاع الذي: a relative clause, no adjective
            return True
        return any(
            self.entities[e.entity].type in _TITLE_REF_TYPES and e.kind != "title"
            for j in range(after, min(after + 3, len(tokens))) if j in by_first for e in by_first[j].entries
        )

    def _role_at(self, tokens, i: int) -> tuple[str, int, int] | None:
        token = tokens[i]
        role_keys = self.words.role_keys
        for prefix, first, longest in _role_starts(token.norm, self.words):
            for n in range(min(longest, len(tokens) - i), 0, -1):
                words = (first,) + tuple(self.words.role_key(t.norm) for t in tokens[i + 1:i + n])
                if words in role_keys and (n == 1 or _adjacent(tokens, i, i + n)):
                    return role_keys[words], i + n, token.offset_after(prefix)
        return None

    def parse_title(self, title: str) -> tuple[str, str] | None:
        """(role, entity id) when a title is a role followed by a known place or organisation."""
        tokens = tokenize(title)
        role = self._role_at(tokens, 0) if tokens else None
        if role is None:
            return None
        role_key, after, _ = role
        ref = self._match_at(tokens, after) if after < len(tokens) else None
        if ref is None or ref.last != len(tokens):
            return None
        return role_key, ref.entries[0].entity

    def actor_code(self, entity_id: str, day: date | None = None) -> str | None:
        """The CAMEO actor code of a KB entity on ``day``: the role it held then (its latest role
        when no day is known); else a government role from its dated titles (``رئيس`` of a
        country -> that country + ``GOV``); else its country's code; None for unknown entities."""
        entity = self.entities.get(entity_id)
        if entity is None:
            return None
        roles = entity.cameo
        if roles:
            if day is None:
                return max(roles, key=_role_recency).code
            held = [r for r in roles if r.period.contains(day)]
            if held:
                return max(held, key=_role_recency).code
            if all(r.period.start is None and r.period.end is None for r in roles):
                return roles[0].code
        if day is not None:
            for (_, place), holders in self.titles.items():
                if any(person == entity_id and period.contains(day) for person, period in holders):
                    country = self._country_code(place)
                    if country:
                        return country + "GOV"
        if entity.country and entity.country != entity_id:
            return self._country_code(entity.country)
        return None

    def _country_code(self, entity_id: str) -> str | None:
        """The bare country code of a place or organisation (its country's, for a city)."""
        entity = self.entities.get(entity_id)
        if entity is None:
            return None
        if entity.kind == "country" and entity.cameo:
            return entity.cameo[0].code[:3]
        if entity.country and entity.country != entity_id:
            return self._country_code(entity.country)
        return None

    def roles_held(self, person: str, day: date | None) -> list[tuple[str, str]]:
        """The (role, place) keys ``person`` held on ``day`` (ever, when no day is known)."""
        return [key for key, period in self.roles.get(person, ()) if day is None or period.contains(day)]

    def resolve_title(self, key: tuple[str, str], day: date | None) -> list[str]:
        """KB people who held the title on ``day`` (all who ever held it when no day is known)."""
        holders = self.titles.get(key, ())
        if day is None:
            return list(dict.fromkeys(person for person, _ in holders))
        return list(dict.fromkeys(person for person, period in holders if period.contains(day)))


def _add_compound_spellings(raw: dict[tuple[str, ...], dict[str, AliasEntry]], compounds: tuple[str, ...]) -> None:
    """Index each alias with عبد written the other way too (عبد العزيز <-> عبدالعزيز), where no other
    entity has that spelling already: news writes both."""
    if not compounds:
        return
    for key, by_entity in list(raw.items()):
        variant = _other_compound_spelling(key, compounds)
        if variant is not None and variant not in raw:
            raw[variant] = dict(by_entity)


def _other_compound_spelling(key: tuple[str, ...], compounds: tuple[str, ...]) -> tuple[str, ...] | None:
    out: list[str] = []
    changed = False
    i = 0
    while i < len(key):
        word = key[i]
        if word in compounds and i + 1 < len(key):
            out.append(word + key[i + 1])
            i += 2
            changed = True
            continue
        compound = next((c for c in compounds if word.startswith(c) and len(word) > len(c) + 2), None)
        if compound is not None:
            out.extend((compound, word[len(compound):]))
            changed = True
        else:
            out.append(word)
        i += 1
    return tuple(out) if changed else None


def cameo_roles(record: dict) -> tuple[CameoRole, ...]:
    """A record's ``cameo`` list: ``[{"code": "IRQGOV", "from": "2010-12-21", "to": "2014-09-08"}]``."""
    return tuple(
        CameoRole(str(role["code"]), Period(parse_day(role.get("from")), parse_day(role.get("to"))))
        for role in record.get("cameo") or ()
        if role.get("code")
    )


def _role_recency(role: CameoRole) -> tuple[date, date]:
    """Sort key: a role still open, then the one that ended or began last."""
    return (role.period.end or date.max, role.period.start or date.min)


def alias_key(alias: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(alias))


def first_word_candidates(token: Token, words: KbWords) -> tuple[tuple[str, str], ...]:
    """(prefix, stem) pairs to look up, least stripped first; ``لل`` also yields the ال form."""
    return _candidates(token.norm, words.article, words.fused)


@lru_cache(maxsize=65536)
def _candidates(norm: str, article: str, fused: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    out = []
    for prefix, stem in reversed(clitic_splits(norm) if _is_arabic(norm) else (("", norm),)):
        out.append((prefix, stem))
        if prefix.endswith(fused):  # لل = ل + ال: the name starts after both, its key keeps ال
            out.append((prefix, article + stem))
    return tuple(out)


@lru_cache(maxsize=65536)
def _role_starts(norm: str, words: KbWords) -> tuple[tuple[str, str, int], ...]:
    """(prefix, role word key, longest role from it) for each split that can open a role phrase."""
    out = []
    for prefix, stem in _candidates(norm, words.article, words.fused):
        first = words.role_key(stem)
        longest = words.role_first.get(first)
        if longest:
            out.append((prefix, first, longest))
    return tuple(out)


def _is_arabic(norm: str) -> bool:
    return bool(norm) and 0x0621 <= ord(norm[0]) <= 0x06FF


def _adjacent(tokens, first: int, last: int) -> bool:
    """Tokens first..last-1 follow each other with at most a space or hyphen between them."""
    for j in range(first + 1, min(last, len(tokens))):
        if tokens[j].start - tokens[j - 1].end > MAX_GAP:
            return False
    return True


def _hosts(url: str | None) -> Iterator[str]:
    """A page's web host, then each parent domain (news.okaz.com.sa, okaz.com.sa), as outlets are keyed."""
    host = (url or "").split("//", 1)[-1].split("/", 1)[0].lower().removeprefix("www.")
    while host:
        yield host
        host = host.partition(".")[2] if host.count(".") > 1 else ""


def outlet_names(directory: Path | None = None) -> dict[str, str]:
    """Outlet handle or web host (``alriyadh``, ``okaz.com.sa``) -> the outlet's Arabic name, read
    from the KB records alone (no alias index), so pages can show outlets by name, not by code."""
    return {
        handle.lower(): record.get("name_ar") or record["name_en"]
        for record in read_records(directory or KB_DIR) for handle in record.get("outlets") or ()
    }


def read_records(directory: Path) -> list[dict]:
    records = []
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                line = line.strip()
                if line:
                    record = json.loads(line)
                    record.setdefault("_source", f"{path.name}:{number}")
                    records.append(record)
    return records
