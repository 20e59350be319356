"""Linking rules for real news that the tagger and the alias index cannot apply alone.

- A tagger PERSON span holding a *common word* (learned from unlabelled news: ``حسن الاستقبال``,
  ``سبيل المثال``) is a phrase, not a name.
- Titles written before a name (``د.``، ``الشيخ``، ``معالي``) stay with it: a span that is only a
  title joins the name after it, and a person mention starts at the titles before it.
- A person name after a head noun (``مركز الملك سلمان``، ``جامعة الملك سعود``) names a place or an
  organisation, not the person.
- A KB person alias followed by more name (``عبدالله بن عبدالعزيز الربيعة``) is a partial match of a
  longer name: it links to the KB person whose name the whole shares, or to nobody.
- A tagger span keeps no clitic before its name (``للجاسر``، ``والحسكة``، ``بكلية``) and no adverb or
  title after it (``كيري مازحاً``، ``الاتحاد السعودي للفروسية الأمير``).
- ``المملكة``، ``البلاد``، ``الدولة`` name a country by context: the outlet's country and the
  countries the report names (``naba/lang/ar/entities_country_references.tsv``).
- A bare ``المركز``، ``الوزارة``، ``التنظيم`` names the organisation the report last named with
  that head noun (``naba/lang/ar/entities_organisation_references.tsv``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from naba.analysis import Analysis
from naba.entities.features import common_words
from naba.entities.kb import KnowledgeBase, role_word_key
from naba.entities.link import CLITIC_WIDTH, NOT_NAMES, Mention
from naba.text.normalise import normalise_text
from naba.text.tokens import Token

_DOT_GAP = 3  # characters allowed between a title abbreviation and the name: ". " or ". ـ"


def _strip_first(word: str, prefixes: tuple[str, ...]) -> str:
    """``word`` without the first of ``prefixes`` it starts with (str.removeprefix over several)."""
    return next((word.removeprefix(p) for p in prefixes if word.startswith(p)), word)


@dataclass(frozen=True)
class EntityWords:
    """The entity stage's word lists (``naba/lang/ar/entities_*.tsv``), read once per Language."""

    common: frozenset[str]
    phrases: frozenset[tuple[str, str]]
    kept_titles: frozenset[str]
    name_heads: dict[str, str]
    references: dict[str, str]
    organisation_references: dict[str, str] = field(default_factory=dict)  # المركز -> مركز
    patronymic: frozenset[str] = frozenset()
    proclitics: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()  # the name goes on after them (بن، آل)
    royal_titles: frozenset[str] = frozenset()
    article: str = ""  # ال (naba/lang/ar/affixes.tsv)
    fused: tuple[str, ...] = ()  # a preposition merged with the article (لل = ل + ال)
    # naba/lang/ar/entities_grammar.tsv, by role
    title_conjunctions: tuple[str, ...] = ()
    phrase_clitics: tuple[str, ...] = ()
    abbreviation_marks: tuple[str, ...] = ()
    family_particles: frozenset[str] = frozenset()
    nisba_endings: tuple[str, ...] = ()
    relatives: frozenset[str] = frozenset()  # الذي، التي: they end in ي but are no adjective
    plural_endings: tuple[str, ...] = ()  # of sound plurals and duals (ون، ين، ان)
    numbers: frozenset[str] = frozenset()  # cardinals from three up (ثلاثة، أربعون): they end no name
    ta_marbuta: str = ""
    title_governors: frozenset[str] = frozenset()
    adverb_endings: tuple[str, ...] = ()
    tanween: tuple[str, ...] = ()  # damm and kasr tanween: an indefinite word (نصرٌ، كتابٍ), never in a name
    role_heads: frozenset[str] = frozenset()  # first words of the role phrases (entities_roles.tsv), keyed

    @classmethod
    def load(cls, lang) -> EntityWords:
        def norm(words):
            return frozenset(normalise_text(w) for w in words)

        conjunctions = lang.words("affixes", "form", kind="conjunction")
        prepositions = lang.words("affixes", "form", kind="preposition")
        article = next(iter(lang.words("affixes", "form", kind="article")))
        fusing = lang.words("affixes", "form", kind="preposition", fuses="yes")

        def grammar(role):  # the rows of one role, in file order
            return tuple(normalise_text(r["word"]) if role not in ("abbreviation_mark", "adverb_ending", "tanween") else r["word"]
                         for r in lang.table("entities_grammar") if r["role"] == role)

        ta_marbuta = next(iter(grammar("ta_marbuta")), "")
        return cls(
            common=common_words(lang),
            phrases=frozenset(  # learned pairs (حسن الظن) and hand-written formulae (رضي الله)
                (normalise_text(row["first"]), normalise_text(row["second"]))
                for table in ("entities_common_phrases", "entities_formulae") if lang.has(table) for row in lang.table(table)
            ),
            kept_titles=norm(lang.words("entities_kept_titles")),
            name_heads={normalise_text(k): v for k, v in lang.mapping("entities_name_heads", "word", "type").items()},
            references={normalise_text(k): v for k, v in lang.mapping("entities_country_references", "word", "refers").items()},
            organisation_references={
                normalise_text(w): normalise_text(w).removeprefix(article) for w in lang.words("entities_organisation_references")
            } if lang.has("entities_organisation_references") else {},
            # words after which the last word of a name is a father's or family name
            patronymic=norm(lang.words("entities_name_particles", patronymic="yes")),
            # a conjunction, a preposition or both, glued before a name (ولإسرائيل)
            proclitics=frozenset(conjunctions | prepositions | {c + p for c in conjunctions for p in prepositions}),
            name_particles=norm(lang.words("entities_name_particles", joins="yes")),
            royal_titles=norm(lang.words("entities_royal_titles")),
            article=article,
            fused=tuple(sorted(p + article[1:] for p in fusing)),
            title_conjunctions=grammar("title_conjunction"),
            phrase_clitics=grammar("phrase_clitic"),
            abbreviation_marks=grammar("abbreviation_mark"),
            family_particles=frozenset(grammar("family_particle")),
            nisba_endings=grammar("nisba_ending"),
            relatives=norm(lang.words("quotes_function_words", "word", role="relative")),  # one list for both layers
            plural_endings=grammar("plural_ending"),
            numbers=frozenset(normalise_text(r["word"]) for r in lang.table("times_numbers")
                              if r["kind"] == "cardinal" and int(r["value"]) >= 3) if lang.has("times_numbers") else frozenset(),
            ta_marbuta=ta_marbuta,
            title_governors=frozenset(grammar("title_governor")),
            adverb_endings=grammar("adverb_ending"),
            tanween=grammar("tanween"),
            role_heads=frozenset(
                role_word_key(normalise_text(phrase.split()[0]), article, ta_marbuta)
                for phrase in lang.words("entities_roles")
            ) if lang.has("entities_roles") else frozenset(),
        )

    @cached_property
    def reference_stems(self) -> frozenset[str]:
        """The country and organisation reference words without their article: most words are
        none of them, and one set lookup tells."""
        return frozenset(k.removeprefix(self.article) for table in (self.references, self.organisation_references) for k in table)

    def strip_titles(self, name: str) -> str:
        """A name without the kept titles written before it (د. خالد العمري -> خالد العمري)."""
        words = name.split()
        while len(words) > 1 and _strip_first(normalise_text(words[0].rstrip(".")), self.title_conjunctions) in self.kept_titles | {""}:
            words.pop(0)
        return " ".join(words)

    def is_title(self, token: Token) -> bool:
        return token.norm in self.kept_titles or any(stem in self.kept_titles for stem in token.stems())

    def head_type(self, token: Token) -> str | None:
        for stem in (token.norm, *token.stems()):
            found = self.name_heads.get(stem) or self.name_heads.get(stem.removeprefix(self.article) if stem.startswith(self.article) else "")
            if found:
                return found
        return None


def drop_phrases(analysis: Analysis, ner: list[tuple[int, int, str]], words: EntityWords) -> list[tuple[int, int, str]]:
    """Tagger PERS spans are dropped when one of their name words is a common word (one-word LOC
    and ORG spans too), or cut before common words that follow a full name; spans that are only
    titles join the next tagger span, or are dropped."""
    out: list[tuple[int, int, str]] = []
    pending_title: tuple[int, int] | None = None
    for start, end, label in sorted(ner):
        tokens = analysis.tokens_in(start, end) or tuple(
            t for t in analysis.tokens if t.start < end and start < t.end
        )
        if label == "PERS" and tokens and all(words.is_title(t) for t in tokens):
            pending_title = (start, end)
            continue
        if pending_title is not None and label == "PERS" and 0 <= start - pending_title[1] <= _DOT_GAP:
            start = pending_title[0]
        pending_title = None
        while len(tokens) > 1 and words.is_title(tokens[-1]):  # جامعة هارفارد الدكتورة: the title opens the next name
            tokens = tokens[:-1]
            end = tokens[-1].end
        if label == "PERS" and _has_common_word(tokens, words):
            tokens = _name_before_common_words(tokens, words)
            if not tokens:
                continue
            end = tokens[-1].end
        if label == "PERS" and _opens_phrase(analysis, start, tokens, words):
            continue
        if label == "PERS" and len(tokens) == 1 and _agreeing_adjective(analysis, tokens[0], words):
            continue  # الحوار السياسي السلمي، الائتلاف اليميني: an adjective, not a family name
        if label in ("LOC", "ORG") and len(tokens) == 1 and _has_common_word(tokens, words):
            continue  # باستمرار، ريف، الحرام tagged as places or organisations (the KB still links real ones)
        if label in ("PERS", "LOC") and any(_plural_of_common(t, words) for t in tokens):
            continue  # دبلوماسيون، مندوبان خليجيان: people described, not named
        if label == "PERS" and any(mark in t.text for t in tokens for mark in words.tanween):
            continue  # نصرٌ أم هزيمة: an indefinite word names nobody
        out.append((start, end, label))
    return out


def repair_spans(
    analysis: Analysis, ner: list[tuple[int, int, str]], words: EntityWords, person_words: frozenset[str] = frozenset(),
) -> list[tuple[int, int, str]]:
    """Tagger spans without a clitic glued before the name and without an adverb (a word with
    tanween fath: مازحاً), a royal title (that opens the next name), a dangling بن or a number (سعود
    الفيصل | أربعون عاماً) at their end;
    spans of common words alone that describe rather than name are dropped (``_common_phrase``);
    an organisation running on into a person's name (حزب الإصلاح عدنان العديني) is cut in two, given
    ``person_words`` (words attested in people's names)."""
    out = []
    for start, end, label in ner:
        tokens = tuple(t for t in analysis.tokens_in(start - CLITIC_WIDTH, end) if t.end > start)
        if not tokens:
            out.append((start, end, label))
            continue
        i = analysis.token_index_at(start)
        if i is not None:  # the span may start inside the word (و|للتوفيق)
            prefix = _clitic_before_name(analysis.tokens[i], words)
            if prefix and analysis.tokens[i].offset_after(prefix) > start:
                start = analysis.tokens[i].offset_after(prefix)
                tokens = tuple(t for t in tokens if t.end > start)
        while len(tokens) > 1 and (_is_adverb(tokens[-1], words) or label != "PERS" and tokens[-1].norm in words.royal_titles
                                   or label == "PERS" and (tokens[-1].norm in words.name_particles or tokens[-1].norm in words.numbers)
                                   or label != "PERS" and _loose_common_word(tokens[-2], tokens[-1], words)):
            tokens = tokens[:-1]
            end = tokens[-1].end
        if label != "PERS" and (_common_phrase(tokens, words) or _opens_with_role(tokens[0], words)
                                or len(tokens) > 1 and tokens[-1].norm in NOT_NAMES and tokens[-2].norm.startswith(words.article)):
            continue  # ... or a definite word before God (المسجد الحرام | الله): no construct, no name (حزب الله is one)
        k = _person_inside(tokens, words, person_words) if label in ("ORG", "LOC") else None
        if k is not None:
            out.append((start, tokens[k - 1].end, label))
            person = tokens[k:]
            if _has_common_word(person, words):  # هارفارد | الدكتورة ساندرا ندف | بالشراكة
                person = _name_before_common_words(person, words)
            if person:
                out.append((person[0].start, person[-1].end, "PERS"))
            continue
        out.append((start, end, label))
    return out


def _person_inside(tokens, words: EntityWords, person_words: frozenset[str]) -> int | None:
    """Where a person's name starts inside an organisation or place span: a given name without the
    article (a name word, no common word) after a word with it, followed by a family name with it
    (حزب الإصلاح | عدنان العديني، الاتحاد | منصور البلوي), or a personal title after the name's
    second word (جامعة هارفارد | الدكتورة ساندرا ندف). Not after a title or right after the head noun
    (مركز الملك سلمان، مستشفى الدكتور سليمان الحبيب: the person is part of the name there)."""
    for k in range(2, len(tokens) - 1):  # جامعة هارفارد | الدكتورة ساندرا ندف: a title after the name opens a person's
        if words.is_title(tokens[k]) and tokens[k].norm not in words.royal_titles:
            return k
    if not person_words:
        return None
    for k in range(1, len(tokens) - 1):
        given, family, before = tokens[k], tokens[k + 1], tokens[k - 1]
        if (given.is_arabic and given.norm in person_words and given.norm not in words.common
                and not given.norm.startswith(words.article)
                and family.norm.startswith(words.article) and family.norm not in words.common
                and before.norm.startswith(words.article) and before.norm not in words.royal_titles and not words.is_title(before)):
            return k
    return None


def _opens_with_role(token: Token, words: EntityWords) -> bool:
    """مندوبة الولايات المتحدة، وزير الخارجية tagged as an organisation: a person's title."""
    return any(role_word_key(stem, words.article, words.ta_marbuta) in words.role_heads for stem in (token.norm, *token.stems()))


def _common_phrase(tokens, words: EntityWords) -> bool:
    """Indefinite common words that end with an adjective or a feminine noun (نووي، منظمة إرهابية،
    معهد بحثي أمريكي، حلف مصالح مشتركة) describe, they name nothing. Definite phrases (الحرب
    الباردة، البنك المركزي) and a head noun before a name (جامعة قطر) are kept."""
    if not words.common or not all(t.is_arabic and t.norm in words.common and t.bare() == t.norm for t in tokens):
        return False
    return len(tokens) == 1 or tokens[-1].norm.endswith(words.nisba_endings + (words.ta_marbuta,))


def _loose_common_word(before: Token, last: Token, words: EntityWords) -> bool:
    """A common word without the article after a word with it ends no name (حزب الاتحاد الديمقراطي
    صلات): names go on in the genitive, so their words keep the article."""
    return (last.is_arabic and last.norm in words.common and last.bare() == last.norm
            and before.norm.startswith(words.article))


def _clitic_before_name(token: Token, words: EntityWords) -> str:
    """The conjunction/preposition glued before a name (normalised), or "": لل (the article is
    written back in the entity's name), و/ب/ل before ال (والحسكة), or before a head noun (بكلية)."""
    for prefix, stem in token.splits:
        if not prefix or prefix == words.article:
            continue
        if prefix.endswith(words.fused) and len(stem) >= 2:
            return prefix
        rest = prefix.removesuffix(words.article)
        if rest in words.proclitics and prefix.endswith(words.article) and len(stem) >= 3:
            return rest
        if prefix in words.proclitics and (stem in words.name_heads or (words.article + stem) in words.name_heads):
            return prefix
    return ""


def _is_adverb(token: Token, words: EntityWords) -> bool:
    """A word written with tanween fath (مازحاً، أيضاً): an adverb or accusative, never a name."""
    return bool(words.adverb_endings) and token.text.endswith(words.adverb_endings)


def _agreeing_adjective(analysis: Analysis, token: Token, words: EntityWords) -> bool:
    """A lone definite nisba word after a definite word that is no title (الحوار السلمي): it agrees
    with that noun as its adjective. A family name follows a given name or a title (علي الحماد،
    الشيخ السديري) or stands alone after a verb (وقال الحريري)."""
    if not (token.norm.startswith(words.article) and token.norm.endswith(words.nisba_endings)):
        return False
    i = analysis.token_index_at(token.start)
    if not i or analysis.text[analysis.tokens[i - 1].end:token.start].strip():
        return False
    before = analysis.tokens[i - 1]
    definite = any(stem.startswith(words.article) and len(stem) > len(words.article) + 1 for stem in (before.norm, *before.stems()))
    return definite and not words.is_title(before) and not _opens_with_role(before, words) and before.norm not in words.royal_titles


def _opens_phrase(analysis: Analysis, start: int, tokens, words: EntityWords) -> bool:
    """The span's first word and the word after it make a learned phrase (حسن الظن، حسن التنظيم)."""
    if not tokens or not words.phrases:
        return False
    first = normalise_text(analysis.text[start:tokens[0].end])
    if len(tokens) > 1:
        second = tokens[1]
    else:
        i = analysis.token_index_at(tokens[0].start)
        second = analysis.tokens[i + 1] if i is not None and i + 1 < len(analysis.tokens) else None
    return second is not None and (first, second.norm) in words.phrases


def _name_before_common_words(tokens, words: EntityWords) -> tuple:
    """A person span run on into the words after the name (سلمان بن عبدالعزيز آل سعود | الوفد) kept
    up to the name, when at least two name words stay and none is common; else nothing (حسن الاستقبال)."""
    particles = words.patronymic | words.name_particles
    kept = tuple(tokens)
    while kept and (_has_common_word(kept[-1:], words) or kept[-1].norm in particles):
        kept = kept[:-1]  # أبو | زيد: a family name that is a common word goes whole
    names = [t for t in kept if not words.is_title(t) and t.norm not in particles]
    return kept if len(names) >= 2 and len(kept) < len(tokens) and not _has_common_word(kept, words) else ()


def _has_common_word(tokens, words: EntityWords) -> bool:
    for token in tokens:
        if words.is_title(token) or token.norm in words.name_particles or not token.is_arabic:
            continue
        if token.norm in words.common or (len(token.bare()) > 2 and token.bare() in words.common
                                          and token.norm.startswith(words.phrase_clitics)):
            return True
    return False


def _plural_of_common(token: Token, words: EntityWords) -> bool:
    """A plural or dual of a common adjective of relation (دبلوماسيون، خليجيان، السياسيين): the
    singular, a common word, ends with a nisba ending; rarer plurals are left to the tagger."""
    for stem in token.stems():  # every clitic split: وسياسيون is و + سياسيون, not وس + ياسيون
        for ending in words.plural_endings:
            single = stem.removesuffix(ending)
            if single != stem and len(single) >= 4 and single.endswith(words.nisba_endings) and (
                    single in words.common or words.article + single in words.common):
                return True
    return False


def attach_titles(analysis: Analysis, mentions: list[Mention], words: EntityWords) -> None:
    """Person mentions start at the kept titles written right before them (د. ، الشيخ، معالي)."""
    tokens = analysis.tokens
    text = analysis.text
    for mention in mentions:
        if mention.type != "PERSON":
            continue
        i = analysis.token_index_at(mention.start)
        if i is None:
            continue
        start = mention.start
        j = i - 1
        while j >= 0:
            if (tokens[j].text == "." or tokens[j].text in words.abbreviation_marks) and j > 0 and words.is_title(tokens[j - 1]):
                j -= 1  # the dot of د. / م.
                continue
            if not words.is_title(tokens[j]):
                break
            gap = text[tokens[j].end:start]
            if len(gap) > _DOT_GAP or gap.strip(" .\u00a0" + "".join(words.abbreviation_marks)):
                break
            if any(m is not mention and m.overlaps(tokens[j].start, tokens[j].end) for m in mentions):
                break
            start = _title_start(tokens[j], words)
            j -= 1
        mention.start = start


def _title_start(token: Token, words: EntityWords) -> int:
    """Where a title begins in its word: after a glued conjunction or preposition (والمهندس)."""
    if token.norm in words.kept_titles:
        return token.start
    for prefix, stem in reversed(token.splits):
        article = words.article
        if stem in words.kept_titles or (article + stem) in words.kept_titles and prefix.endswith(article):
            return token.offset_after(prefix.removesuffix(article) if (article + stem) in words.kept_titles else prefix)
    return token.start


def names_inside_names(analysis: Analysis, mentions: list[Mention], words: EntityWords) -> list[Mention]:
    """A person mention after a head noun (and any titles: مركز الملك سلمان) becomes a mention of
    the place or organisation the whole names (unknown to the KB; a known one matched already)."""
    tokens = analysis.tokens
    text = analysis.text
    out: list[Mention] = []
    for mention in mentions:
        if mention.type != "PERSON" or mention.source == "title":
            out.append(mention)
            continue
        i = analysis.token_index_at(mention.start)
        j = -1 if i is None else i - 1
        while j >= 0 and _is_royal_title(tokens[j], words):
            j -= 1
        kind = words.head_type(tokens[j]) if j >= 0 and _adjacent(tokens, j, i) else None
        if kind is None:
            out.append(mention)
            continue
        head = tokens[j]
        end = mention.end
        k = analysis.token_index_at(end - 1)
        if k is not None and k + 1 < len(tokens) and tokens[k + 1].norm.startswith(words.fused) \
                and not text[tokens[k].end:tokens[k + 1].start].strip():
            end = tokens[k + 1].end  # مركز الملك سلمان للإغاثة
            if kind in ("GPE", "LOC"):
                kind = "ORG"  # مدينة الملك عبدالعزيز للعلوم is an institution, not a town
        start = head.offset_after(_prefix_before_head(head, words))
        if any(m is not mention and m.type != "PERSON" and m.overlaps(start, end) for m in mentions):
            continue  # a KB place/organisation already covers it
        out.append(Mention(start, end, kind, None, "ner", {"ORG": "ORG", "MISC": "MISC"}.get(kind, "LOC")))
    return out


def _is_royal_title(token: Token, words: EntityWords) -> bool:
    """الملك، الأمير: part of a place or organisation name; الدكتور before a name is not."""
    return token.norm in words.royal_titles


def _prefix_before_head(token: Token, words: EntityWords) -> str:
    """The clitics to leave out of a head noun (لمركز -> ل), the article kept."""
    for prefix, stem in token.splits:
        if prefix and not prefix.endswith(words.article) and prefix in words.proclitics:
            return prefix
    return ""


def _adjacent(tokens, first: int, last: int) -> bool:
    return all(tokens[k + 1].start - tokens[k].end <= 2 for k in range(first, last))


def names_after_particles(analysis: Analysis, linked: list[Mention], words: EntityWords) -> list[Mention]:
    """A KB person alias right after بن / ابن / آل is a forebear's name inside a longer name
    (جلوي بن عبد العزيز بن مساعد), not a mention of that person."""
    out = []
    for mention in linked:
        if mention.type == "PERSON" and mention.source == "kb":
            i = analysis.token_index_at(mention.start)
            if i is not None and i > 0 and analysis.tokens[i].start == mention.start:
                before = analysis.tokens[i - 1]
                if before.norm in words.name_particles and not analysis.text[before.end:mention.start].strip():
                    continue
        out.append(mention)
    return out


def given_names_before(
    kb: KnowledgeBase, analysis: Analysis, linked: list[Mention], ner: list[tuple[int, int, str]], words: EntityWords,
) -> list[Mention]:
    """A KB surname alias inside a tagged name that puts someone else's given name right before it
    (سليم العبيدي against the KB's خالد العبيدي) is a partial match: the tagged name is another
    person, so the KB mention is dropped and the tagger span stands. The words before must be
    attested person-name words (not a title, a role or a common word), in no other known mention,
    and unlike every given name of the KB person (أنغيلا ميركل is أنجيلا ميركل)."""
    persons = [(s, e) for s, e, label in ner if label == "PERS"]
    return [m for m in linked if not _someone_else_before(kb, analysis, m, persons, linked, words)]


def places_ending_names(analysis: Analysis, linked: list[Mention], ner: list[tuple[int, int, str]], words: EntityWords) -> list[Mention]:
    """A place or its demonym that ends a tagged person's name is the family name (مساعد العيبان،
    محمد المصري), not a mention of the place."""
    persons = [(s, e) for s, e, label in ner if label == "PERS"]
    out = []
    for mention in linked:
        span = next(((s, e) for s, e in persons if s < mention.start and mention.end == e), None) \
            if mention.type in ("GPE", "LOC") else None
        if span is not None:
            before = [t for t in analysis.tokens_in(span[0], mention.start)
                      if t.is_arabic and not words.is_title(t) and t.norm not in words.common and not _opens_with_role(t, words)]
            if before:
                continue
        out.append(mention)
    return out


def _someone_else_before(kb, analysis: Analysis, mention: Mention, persons, linked, words: EntityWords) -> bool:
    if mention.type != "PERSON" or mention.source != "kb" or mention.weak or not kb.person_words:
        return False
    i = analysis.token_index_at(mention.start)
    if i is None or i == 0 or analysis.tokens[i].start != mention.start:
        return False  # والجبير: a second person after و
    alias = normalise_text(analysis.text[mention.start:mention.end]).split()
    if len(alias) != 1:
        return False  # only a one-word surname alias can be a partial name
    span = next(((s, e) for s, e in persons if s < mention.start and mention.end <= e), None)
    if span is None:
        return False
    before = analysis.tokens[i - 1]
    if analysis.text[before.end:mention.start].strip() or not before.is_arabic or before.norm not in kb.person_words:
        return False
    if before.norm in words.common or words.is_title(before) or before.norm in words.name_particles \
            or _opens_with_role(before, words) or any(m.overlaps(before.start, before.end) for m in linked):
        return False
    entity = kb.entities.get(mention.entity or "")
    given = {w for w in _name_words(kb, mention.entity) if w not in alias}
    names = [t.norm for t in analysis.tokens_in(span[0], mention.start) if t.is_arabic]  # أحمد حسن عسيري: a middle name
    return entity is not None and not any(_near(n, w) for n in names for w in given)


def _near(a: str, b: str) -> bool:
    """Two spellings of one name: equal, or one letter apart (أنغيلا / أنجيلا)."""
    if a == b:
        return True
    if len(a) != len(b):
        short, long_ = sorted((a, b), key=len)
        return len(long_) - len(short) == 1 and any(long_[:k] + long_[k + 1:] == short for k in range(len(long_)))
    return sum(x != y for x, y in zip(a, b)) == 1


def split_partial_names(
    kb: KnowledgeBase, analysis: Analysis, linked: list[Mention], ner: list[tuple[int, int, str]], words: EntityWords,
) -> tuple[list[Mention], list[tuple[int, int, str]]]:
    """A KB person mention followed by more name is part of a longer name (عبدالله بن عبدالعزيز
    الربيعة is not King Abdullah): the whole links to the KB person named by the mention right
    after it when their first names agree, else it becomes one tagger PERS span."""
    text = analysis.text
    by_start = {m.start: m for m in linked}
    drop: set[int] = set()
    extra_spans: list[tuple[int, int, str]] = []
    out: list[Mention] = []
    for mention in sorted(linked, key=lambda m: m.start):
        if id(mention) in drop:
            continue
        if mention.type != "PERSON" or mention.source != "kb":
            out.append(mention)
            continue
        after = _next_token(analysis, mention.end)
        nxt = None
        family = _family_after(analysis, after, mention, ner, words)
        if family is not None:  # سلمان بن عبدالعزيز آل سعود: the family name is part of the mention
            mention.end = family[1]
            ner = [span for span in ner if not (span[0] < family[1] and family[0] < span[1])]
            out.append(mention)
            continue
        if after is not None and not text[mention.end:after.start].strip():
            nxt = by_start.get(after.start)  # not after a glued و: ترامب وتوكاييف are two people
            tagged = next(((s, e) for s, e, lab in ner if lab == "PERS" and s <= after.start < e and e > mention.end), None)
            allowed = _name_words(kb, mention.entity)
            partial = not mention.weak and (_is_nasab(text[mention.start:mention.end], words)
                                            or _given_name_only(kb, mention, text, words))
            if nxt is not None and nxt.type == "PERSON" and nxt.entity != mention.entity and after.norm not in words.name_particles \
                    and partial:  # واستقبل شي إردوغان، استقبل أوباما نتنياهو: two people
                first = normalise_text(text[mention.start:mention.end]).split()[0]
                if first in _name_words(kb, nxt.entity) and len(normalise_text(text[mention.start:mention.end]).split()) > 1:
                    drop.add(id(nxt))
                    out.append(Mention(mention.start, nxt.end, "PERSON", nxt.entity, "kb"))
                else:
                    extra_spans.append((mention.start, nxt.end, "PERS"))
                    drop.add(id(nxt))
                continue
            if nxt is not None and nxt.type == "PERSON" and nxt.entity != mention.entity and not partial:
                out.append(mention)  # two known people side by side
                continue
            if tagged is None and (_is_nasab(text[mention.start:mention.end], words) or _given_name_only(kb, mention, text, words)) \
                    and _family_name(after, allowed, words) and not _royal(analysis, mention, words):
                extra_spans.append((mention.start, after.end, "PERS"))
                continue
            if tagged is not None:
                extra = normalise_text(text[mention.end:tagged[1]]).split()
                # more of the same name goes on with بن / آل (سلمان بن عبدالعزيز آل سعود)
                if extra and extra[0] not in words.name_particles and not all(w in allowed for w in extra) \
                        and not _royal(analysis, mention, words):
                    extra_spans.append((min(mention.start, tagged[0]), tagged[1], "PERS"))
                    continue
        out.append(mention)
    out = [m for m in out if id(m) not in drop]
    if not extra_spans:
        return out, ner
    kept = [s for s in ner if not any(s[0] < e and b < s[1] for b, e, _ in extra_spans)]
    return out, kept + extra_spans


def _family_after(analysis: Analysis, after: Token | None, mention: Mention, ner, words: EntityWords) -> tuple[int, int] | None:
    """``آل`` + a tagged name right after a KB person mention: (start, end) of that family name.
    The tagged span may start at the particle, after it, or run through it (the neural tagger keeps
    the family name in the person's span: سلمان بن عبدالعزيز آل سعود)."""
    if after is None or after.norm not in words.family_particles or analysis.text[mention.end:after.start].strip():
        return None
    span = next(((s, e) for s, e, label in ner
                 if label in ("PERS", "MISC", "ORG") and (s <= after.start < e or 0 <= s - after.end <= 2)), None)
    i = analysis.token_index_at(after.start)
    if span is None or i is None or i + 1 >= len(analysis.tokens):
        return None
    return after.start, analysis.tokens[i + 1].end


def _is_nasab(name: str, words: EntityWords) -> bool:
    """A name built as a chain of ancestors (عبدالله بن عبدالعزيز): a family name may follow it."""
    return any(w in words.name_particles for w in normalise_text(name).split()[1:])


def _royal(analysis: Analysis, mention: Mention, words: EntityWords) -> bool:
    """الملك سلمان، الأمير محمد بن سلمان: a royal's name goes on only with بن / آل, so a word after
    it (الملك سلمان ثابت على موقفه) is no family name."""
    first = normalise_text(analysis.text[mention.start:mention.end]).split()[:1]
    i = analysis.token_index_at(mention.start)
    before = analysis.tokens[i - 1] if i else None
    return bool(first) and first[0] in words.royal_titles or before is not None and before.norm in words.royal_titles


def _given_name_only(kb: KnowledgeBase, mention: Mention, text: str, words: EntityWords) -> bool:
    """A KB alias that is a given name alone (عبد العزيز; not a surname such as أوباما): a family
    name after it makes another person."""
    parts = normalise_text(text[mention.start:mention.end]).split()
    if not (len(parts) == 1 or len(parts) == 2 and parts[0] in words.patronymic - words.name_particles):
        return False
    entity = kb.entities.get(mention.entity or "")
    full = normalise_text(entity.name_ar or "").split() if entity is not None else []
    return full[:len(parts)] == parts


def _family_name(token: Token, allowed: frozenset[str], words: EntityWords) -> bool:
    """A word after a full name that goes on with a family name: ال + a word that is no common word
    (اليوم، الراحل are common) and no part of the KB name itself."""
    return (
        token.is_arabic and token.norm.startswith(words.article) and len(token.norm) > 4 and token.norm not in words.common
        and token.norm not in allowed and not words.is_title(token) and bool(words.common)
    )


def _name_words(kb: KnowledgeBase, entity_id: str | None) -> frozenset[str]:
    return kb.name_words(entity_id) if entity_id else frozenset()


def _next_token(analysis: Analysis, offset: int) -> Token | None:
    i = analysis.token_index_at(offset)
    if i is None:
        import bisect

        i = bisect.bisect_left([t.start for t in analysis.tokens], offset) - 1
    i += 1
    return analysis.tokens[i] if 0 <= i < len(analysis.tokens) else None


def country_references(
    kb: KnowledgeBase, analysis: Analysis, mentions: list[Mention], words: EntityWords
) -> list[Mention]:
    """Mentions for المملكة / البلاد / الدولة resolved by the outlet's country and the report."""
    if not words.references:
        return []
    outlet = kb.outlet_country(analysis.meta.outlet, analysis.meta.url)
    countries = sorted(
        (m for m in mentions if m.entity in kb.entities and kb.entities[m.entity].kind == "country"),
        key=lambda m: m.start,
    )
    named = Counter(m.entity for m in countries)
    kingdoms = [c for c, _ in named.most_common() if c in kb.kingdoms]
    # البلاد after a city is its country: (end, country) of every country and of every place in one
    located = sorted((m.end, m.entity if kb.entities[m.entity].kind == "country" else kb.entities[m.entity].country)
                     for m in mentions if m.entity in kb.entities and kb.entities[m.entity].type in ("GPE", "LOC")
                     and (kb.entities[m.entity].kind == "country" or kb.entities[m.entity].country in kb.entities))
    out: list[Mention] = []
    for token in analysis.tokens:
        refers, start = _reference_word(token, words.references, words)
        if refers is None:
            continue
        if any(m.overlaps(start, token.end) for m in mentions):
            continue  # part of a longer name: المملكة العربية السعودية، الدولة الإسلامية
        before = [m for m in countries if m.end <= token.start]
        target = None
        if refers == "kingdom":
            target = outlet if outlet in kb.kingdoms else (kingdoms[0] if kingdoms else None)
        elif refers == "country":  # مغادرة صنعاء إلى خارج البلاد: Yemen, though Lebanon was named before
            last = [country for end, country in located if end <= token.start]
            target = last[-1] if last else outlet
        elif refers == "state":
            sentence = analysis.sentence_index_at(token.start)
            if before and analysis.sentence_index_at(before[-1].start) == sentence and not _followed_by_adjective(analysis, token, words):
                target = before[-1].entity
        if target is not None:
            out.append(Mention(start, token.end, "GPE", target, "reference"))
    return out


def _reference_word(token: Token, table: dict[str, str], words: EntityWords) -> tuple[str | None, int]:
    """The value ``table`` gives a definite word, however it is written (والمملكة، بالمركز، للمركز
    with the article fused into لل), and where the word begins after its clitics."""
    if token.bare() not in words.reference_stems:
        return None, token.start
    for prefix, stem in (("", token.norm), *token.splits):
        found = table.get(stem) or table.get(words.article + stem if prefix.endswith(words.fused) else "")
        if found:
            return found, token.offset_after(prefix.removesuffix(words.article)) if prefix else token.start
    return None, token.start


def organisation_references(analysis: Analysis, mentions: list[Mention], words: EntityWords) -> list[Mention]:
    """A bare definite head noun (المركز، الوزارة، التنظيم) names the organisation the report last
    named with that head (مركز الملك سلمان للإغاثة ... وأوضح المركز), unless an adjective makes
    it another one (المركز الوطني)."""
    if not words.organisation_references:
        return []
    text = analysis.text
    heads = sorted(
        ((m.start, _first_word_head(text[m.start:m.end], words), m.entity) for m in mentions if m.type == "ORG" and m.entity),
        key=lambda row: row[0],
    )
    out: list[Mention] = []
    for token in analysis.tokens:
        head, start = _reference_word(token, words.organisation_references, words)
        if head is None or any(m.overlaps(start, token.end) for m in mentions):
            continue
        named = [entity for begins, name_head, entity in heads if begins < token.start and name_head == head]
        if named and not _followed_by_adjective(analysis, token, words):
            out.append(Mention(start, token.end, "ORG", named[-1], "reference"))
    return out


def _first_word_head(name: str, words: EntityWords) -> str:
    first = normalise_text(name).split()[:1]
    return first[0].removeprefix(words.article) if first else ""


def _followed_by_adjective(analysis: Analysis, token: Token, words: EntityWords) -> bool:
    """الدولة الإسلامية، الدولة العثمانية: a name of its own, not a reference."""
    after = _next_token(analysis, token.end)
    return after is not None and after.norm.startswith(words.article) and after.norm.endswith(words.nisba_endings) \
        and after.norm not in words.relatives  # الدولة التي: a relative clause, the reference stands
