"""The speaker of a cue: the subject noun phrase with its appositions, and what kind of source it is.

In Arabic news the subject follows the verb (``وقال ستيف ويتكوف، مبعوث ...، إن``) and runs up to
the word that opens the content (إن/أن, a colon, a quote); adjuncts (``خلال``، ``في تصريحات``) and
the channel (``لموقع "أكسيوس"``) sit inside that stretch and are cut off here.
"""

from __future__ import annotations

from naba.quotes.cues import verb_reading
from naba.quotes.lexicon import CueLexicon, NounInfo
from naba.record import Entity
from naba.text.tokens import Token

QUOTE_CHARS = set('"«»“”„')


def trim(tokens: list[Token], lexicon: CueLexicon) -> list[Token]:
    """Drop punctuation (commas, dashes) at either end of a token run."""
    edges = lexicon.fw.punct_edges
    while tokens and tokens[0].norm in edges:
        tokens = tokens[1:]
    while tokens and tokens[-1].norm in edges:
        tokens = tokens[:-1]
    return tokens


def cut_subject(chunk: list[Token], lexicon: CueLexicon, after_verb: bool = True,
                names: frozenset[int] = frozenset(), subjects: dict[int, tuple[int, str]] | None = None,
                objects: dict[int, str] | None = None) -> tuple[list[Token], int | None]:
    """The subject part of the words between a cue and its content; and where a channel starts.
    ``names``: start offsets of person names (علي عيدة is a name, not the preposition على);
    ``subjects``: start -> (end, entity) of the names that may open a subject; ``objects``: start
    -> entity of the names that may be a verb's object (organisations, people).

    Returns (subject tokens, index in ``chunk`` of the token that opens the channel, if any).
    """
    fw = lexicon.fw
    skip = _leading_adjuncts(chunk, lexicon)
    if skip < len(chunk) and chunk[skip].norm in fw.subject_end:
        return [], None  # ونُقل عنه قوله إن: the one it was relayed from is the pronoun, no subject here
    if skip:
        subject, channel = cut_subject(chunk[skip:], lexicon, after_verb, names, subjects, objects)
        return subject, (channel + skip if channel is not None else None)
    end, entity = (subjects or {}).get(chunk[0].start, (-1, None)) if chunk and after_verb else (-1, None)
    for k, token in enumerate(chunk):
        if 0 < k and chunk[k - 1].end == end and _object_after_name(chunk, k, entity, objects or {}, names, lexicon):
            return trim(chunk[:k], lexicon), None
        if 0 < k and after_verb and _ends_subject(chunk, k, names, lexicon):
            return trim(chunk[:k], lexicon), None
        if k == 0:
            # after a verb, a word with ل is whom it was said to (شكر للرئيس), not who said it
            if (token.norm in lexicon.fw.not_subject and token.start not in names) or (after_verb and _to_someone(token, lexicon)):
                return [], _channel_in(chunk, 0, lexicon)
            continue
        if token.norm == fw.outlet_proclitic and k + 1 < len(chunk):  # لـ «عكاظ»
            return trim(chunk[:k], lexicon), k
        if token.norm in lexicon.spoke_to and token.start not in names and _channel_in(chunk[:k + 2], k + 1, lexicon):
            return trim(chunk[:k], lexicon), k + 1  # مصادر تحدثت لموقع أكسيوس (تحدثوا شريطة عدم ...: still the source)
        if any(prefix in fw.channel_prefix and lexicon.channels.get(stem) in ("outlet", "recipient") for prefix, stem in token.splits):
            return trim(chunk[:k], lexicon), k
        if token.norm in fw.subject_end:  # نُقل عن مسؤول قوله إن
            return trim(chunk[:k], lexicon), None
        framing = token.norm in fw.framing_preposition and k + 1 < len(chunk) and chunk[k + 1].norm.startswith(fw.side_noun)
        by_medium = any(p == fw.medium_prefix and lexicon.channels.get(stem) == "medium" for p, stem in token.splits)  # بتصريح
        if framing or by_medium:
            return trim(chunk[:k], lexicon), None
        if token.norm in fw.adjunct or token.norm.startswith(fw.adjunct_with_pronoun):
            if token.norm == fw.medium_preposition and not _after_comma(chunk, k, lexicon) and not _medium_next(chunk, k, lexicon):
                continue
            return trim(chunk[:k], lexicon), _channel_in(chunk, k, lexicon)
    return trim(chunk, lexicon), None


def _ends_subject(chunk: list[Token], k: int, names: frozenset[int], lexicon: CueLexicon) -> bool:
    """Whether ``chunk[k]``, after a verb, starts something other than its subject: what is denied
    (نفت إدارة النادي ما يتردد), a participle cue of its own (قال لافروف مشيراً), the object after a
    definite word, a relative clause (نيوزيلندا، التي ترأس), what the subject says or does."""
    token = chunk[k]
    if token.norm in lexicon.fw.what or token.norm in lexicon.fw.relative or _definite_after_sound_plural(chunk, k, lexicon):
        return True
    if token.start not in names and indefinite_medium(token, lexicon) and not token.splits[0][0] \
            and chunk[k - 1].norm not in lexicon.fw.preposition:
        return True  # كتب مسؤول بالحزب تغريدة قال فيها، أصدر المجلس بياناً: what was written or issued
    return token.start not in names and (_participle_cue(token, lexicon) or _common_after_definite(chunk, k, lexicon)
                                         or _opens_predicate(chunk, k, lexicon))


def _object_after_name(chunk: list[Token], k: int, entity: str | None, objects: dict[int, str], names: frozenset[int],
                       lexicon: CueLexicon) -> bool:
    """Whether ``chunk[k]``, right after the name that opens the subject, opens the verb's object
    instead: someone else's name (دعا المركز الأمم المتحدة، وعد بارزاني وزير الدفاع الأمريكي), an
    aside between dashes, a word with a pronoun suffix, a bare noun after a definite title. A title
    of the same person stays (جون كيري وزير الخارجية)."""
    token = chunk[k]
    if objects.get(token.start, entity) != entity or _aside(chunk, k, lexicon):
        return True
    if token.norm in lexicon.fw.after_name_preposition and token.start not in names:
        return True  # قال شامسي براتشي عن طريقة التوزيع: what it was about, no title of his
    return token.start not in names and (_with_pronoun(token, lexicon) or _after_definite_title(chunk, k, lexicon))


def _common_after_definite(chunk: list[Token], k: int, lexicon: CueLexicon) -> bool:
    """A bare ordinary word right after a definite one (أعلنت اللجنة الثورية ... الحوثيين حالة
    الطوارئ، أقر مجلس الوزراء عدداً): a construct cannot go on past a definite word, so the object
    starts there. Not a title (مجلس الوزراء وزير الدفاع) nor a word that is more often a name."""
    fw, token, previous = lexicon.fw, chunk[k], chunk[k - 1]
    bare = token.norm[:-len(fw.accusative_ending)] if token.norm.endswith(fw.accusative_ending) else token.norm
    return (token.is_arabic and not token.splits[0][0] and previous.is_arabic
            and previous.norm.startswith((fw.article, fw.addressee_definite))  # the article as written (فالتر is no ف+ال)
            and any(word in lexicon.common and word not in lexicon.name_words for word in (token.norm, bare))
            and noun_info([token], lexicon) is None and verb_reading(token, lexicon) is None
            and token.norm not in fw.not_subject
            and not (k + 1 < len(chunk) and chunk[k + 1].norm in fw.compound_name_end))  # عز الدين


def _after_definite_title(chunk: list[Token], k: int, lexicon: CueLexicon) -> bool:
    """A bare noun right after a title of definite words only (أكد الرئيس المصري أهمية الزيارة):
    no adjective (it would take the article) and no name, so the verb's object. After a name, a
    bare title is an apposition (الدكتور محمد المسفر أستاذ العلوم) and stays."""
    fw, token = lexicon.fw, chunk[k]
    info = noun_info(chunk[:1], lexicon)
    return (info is not None and info.kind == "title" and all(t.splits[0][0].endswith(fw.article) for t in chunk[:k])
            and token.is_arabic and not token.splits[0][0] and token.norm not in fw.not_subject
            and verb_reading(token, lexicon) is None)


def _opens_predicate(chunk: list[Token], k: int, lexicon: CueLexicon) -> bool:
    """Whether ``chunk[k]`` starts what the subject says or does, not more of the subject: after a
    plural or dual noun, a word with a pronoun suffix or على (أكد الجانبان حرصهما، اتفق الجانبان على
    وضع: على as written, never the name علي); في before a time noun or, within two words, a
    pronoun-suffixed word (في كلمته، في سياق خطابه، في وقت سابق). في before a place stays (السفير
    السعودي في القاهرة)."""
    fw, token = lexicon.fw, chunk[k]
    following = chunk[k + 1] if k + 1 < len(chunk) else None
    if token.norm == fw.medium_preposition and following is not None:  # في سياق خطابه: a suffix within two words
        return following.bare() in lexicon.time_nouns or following.norm in lexicon.time_nouns \
            or any(_with_pronoun(t, lexicon) for t in chunk[k + 1:k + 3])
    info = noun_info(chunk[k - 1:k], lexicon)
    if info is None or info.kind == "title" or info.agreement not in ("mp", "np"):
        return False
    # على is normalised to علي: written with another last letter than its normal form, it is no name
    on = token.norm in fw.written_on and token.text[-1:] != token.norm[-1:]
    return on or _with_pronoun(token, lexicon)


def indefinite_medium(token: Token, lexicon: CueLexicon) -> bool:
    """A speech or text noun without the article (تغريدة، بياناً، كلمة)."""
    definite = any(prefix.endswith(lexicon.fw.article) for prefix, _ in token.splits[:1])
    return not definite and any(lexicon.channels.get(form) == "medium" for form in (token.norm, *token.stems()))


def _definite_after_sound_plural(chunk: list[Token], k: int, lexicon: CueLexicon) -> bool:
    """A definite word, a name's title too, after an indefinite sound plural group noun with its ن
    (معارضون، مسؤولين) starts the object (واتهم معارضون الرئيس التركي أردوغان): such a plural is
    never in construct (مسؤولو الخارجية drops its ن) and its adjectives are indefinite like it."""
    article, noun, token = lexicon.fw.article, chunk[k - 1], chunk[k]
    info = noun_info([noun], lexicon)
    return (info is not None and info.kind in ("group", "anonymous") and not noun.splits[0][0].endswith(article)
            and noun.norm.endswith(lexicon.fw.plural_suffix) and token.splits[0][0].endswith(article))


def _participle_cue(token: Token, lexicon: CueLexicon) -> bool:
    reading = verb_reading(token, lexicon)
    return reading is not None and reading[0].form == "participle"


def _aside(chunk: list[Token], k: int, lexicon: CueLexicon) -> bool:
    """A dash and a relative clause after a name (أبدى أوباما – الذي زار كينيا – قدراً): an aside, no
    part of the speaker; a title after a dash is (طارق إسماعيل – المدير التنفيذي)."""
    return chunk[k].norm in lexicon.fw.dashes and k + 1 < len(chunk) and chunk[k + 1].norm in lexicon.fw.relative


def _with_pronoun(token: Token, lexicon: CueLexicon) -> bool:
    """A word written with a pronoun suffix (تفهمه، رفضها) right after the name: the verb's object
    (أكد شتاينماير تفهمه قلق الرياض), no title in apposition. Read in the written form: ة is no
    pronoun."""
    written = token.text
    return token.is_arabic and len(written) >= 4 and any(
        written.endswith(suffix) and len(written) - len(suffix) >= 3 for suffix in lexicon.fw.object_suffix
    ) and noun_info([token], lexicon) is None


def _to_someone(token: Token, lexicon: CueLexicon) -> bool:
    """للرئيس، لفخامتكم: the one spoken to (not لافروف, a name that starts with ل)."""
    fw = lexicon.fw
    prefix = token.splits[0][0] if token.is_arabic else ""
    return prefix == fw.addressee_definite or (prefix == fw.addressee_prefix and len(token.splits) > 1
                                               and token.norm.endswith(fw.addressee_suffix))


def _leading_adjuncts(chunk: list[Token], lexicon: CueLexicon) -> int:
    """How many words at the start of the stretch are adjuncts before the subject (أمس، له، الشهر الماضي)."""
    k = 0
    while k < len(chunk):
        norm = chunk[k].norm
        if norm in lexicon.leading and k + 1 < len(chunk) and chunk[k + 1].norm in lexicon.time_adjectives:
            k += 2  # بهذه المناسبة
        elif norm in lexicon.leading:
            k += 1
        elif norm in lexicon.time_nouns and k + 1 < len(chunk) and chunk[k + 1].norm in lexicon.time_adjectives:
            k += 2
        elif chunk[k].is_arabic and chunk[k].splits[0][0] == lexicon.fw.addressee_prefix and len(chunk[k].splits) > 1 \
                and norm.endswith(lexicon.fw.addressee_suffix) and not any(lexicon.channels.get(stem) for _, stem in chunk[k].splits):
            k += 1  # أعرب لفخامتكم عن: the one spoken to
        else:
            break
    return k


def _after_comma(chunk: list[Token], k: int, lexicon: CueLexicon) -> bool:
    return k > 0 and chunk[k - 1].norm in lexicon.fw.comma


def _medium_next(chunk: list[Token], k: int, lexicon: CueLexicon) -> bool:
    return k + 1 < len(chunk) and any(lexicon.channels.get(stem) == "medium" for _, stem in chunk[k + 1].splits)


def _channel_in(chunk: list[Token], k: int, lexicon: CueLexicon) -> int | None:
    fw = lexicon.fw
    for j in range(k, len(chunk)):
        if chunk[j].norm in fw.punct_edges - {"-"} and chunk[j].norm not in fw.comma:
            break
        if any(prefix in fw.channel_prefix and lexicon.channels.get(stem) == "outlet" for prefix, stem in chunk[j].splits):
            return j
        if chunk[j].norm == fw.outlet_proclitic and j + 1 < len(chunk):
            return j
    return None


def head_stem(token: Token) -> str:
    return token.bare()


def noun_info(tokens: list[Token], lexicon: CueLexicon):
    """What the lexicon knows of the head noun: the first word past quantifiers (عدة دبلوماسيين) and an
    abbreviated title (د.); an accusative ending (مسؤولاً) is read as the bare noun."""
    fw = lexicon.fw
    if tokens and tokens[0].norm in lexicon.one_of and len(tokens) > 1:
        return NounInfo("anonymous", "ms")  # أحد أصدقائي: one unnamed person
    for token in tokens[:4]:
        for _, stem in token.splits:
            info = lexicon.nouns.get(stem) or (lexicon.nouns.get(stem[:-len(fw.accusative_ending)])
                                                 if stem.endswith(fw.accusative_ending) and len(stem) > 3 else None)
            if info is None and stem.endswith(fw.attached_pronoun) and len(stem) > 4:  # مكتبه الإعلامي: the noun with a pronoun
                info = lexicon.nouns.get(stem[:-len(fw.attached_pronoun)])
                info = info if info is not None and info.kind == "organization" else None
            if info:
                return info
            dual = lexicon.nouns.get(stem[:-len(fw.dual_ending)]) if stem.endswith(fw.dual_ending) and len(stem) > 4 else None
            if dual and dual.kind in ("anonymous", "title", "group"):
                return NounInfo("group", "mp")  # مندوبان خليجيان: two unnamed people
        if token.norm not in lexicon.quantifiers and token.norm not in lexicon.abbreviations \
                and token.norm not in lexicon.demonstratives and token.norm != ".":
            break
    return None


SPEAKING_TYPES = ("PERSON", "ORG", "GPE")  # entity types that can speak (not an AGREEMENT or EVENT)


def head_entity(tokens: list[Token], entities: tuple[Entity, ...], person: bool = True) -> Entity | None:
    """The entity a speaker phrase names: for a person (``person``), a person anywhere in it (وزير
    الخارجية عادل الجبير); for a body, the organisation or state at its head (وزارة الخارجية
    الأمريكية); never one it only mentions (مقررة الأمم المتحدة is no United Nations)."""
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    if person:  # a person speaks: an organisation in the phrase is an affiliation, not the speaker
        return entity_at(start, end, entities, ("PERSON",))
    head_end = tokens[1].end if len(tokens) > 1 else tokens[0].end
    best = None
    for entity in entities:
        if entity.type not in SPEAKING_TYPES:
            continue
        for mention in entity.mentions:
            if start <= mention.start < head_end and mention.end <= end and (best is None or mention.start < best[0]):
                best = (mention.start, entity)
    return best[1] if best else None


def classify(tokens: list[Token], start: int, end: int, entities: tuple[Entity, ...], lexicon: CueLexicon) -> tuple[str, str]:
    """(speaker_kind, agreement) of a speaker span, from the entity layer or the noun lexicon."""
    entity = entity_at(start, end, entities)
    info = noun_info(tokens, lexicon)
    fw = lexicon.fw
    definite = tokens[0].splits[0][0].endswith(fw.article)
    if info and info.kind == "anonymous" and definite and tokens[0].bare() in lexicon.fw.spokesperson:
        return "named", info.agreement  # المتحدث باسم الوزارة: an identifiable office holder
    if info and info.kind == "anonymous" and _names_person(tokens, entities, lexicon):
        # خبير الطاقة الدكتور صالح العجلان: the expert is named; a plural's name is its genitive
        # (مستشارو أوباما: Obama's advisers, not Obama)
        return "named", info.agreement
    if info and info.kind in ("anonymous", "group", "outlet", "organization"):
        return info.kind, info.agreement  # مكتب رئيس الوزراء: the office speaks, not the person it names
    if entity is not None and entity.type == "PERSON":
        return "named", "ms"
    if info and info.kind == "title":
        return "named", info.agreement
    if info:
        return info.kind, info.agreement
    if entity is not None and any(m.start <= tokens[0].end and m.end > tokens[0].start for m in entity.mentions):
        return "organization", "fs"  # the speaker is the organisation or state itself (قالت موسكو), not a member
    head = tokens[0]
    if head.norm.startswith(fw.article) and len(tokens) == 1 and head.norm.endswith(fw.plural_suffix):
        return "group", "mp"
    if head.norm.startswith(fw.article) and len(tokens) == 1 and head.norm.endswith(fw.nisba_ending):
        return "named", "ms"  # a family name in the nisba form: الشمري، المعلمي
    return ("organization", "fs") if head.splits[0][0].endswith(fw.article) else ("named", "ms")


def _names_person(tokens: list[Token], entities: tuple[Entity, ...], lexicon: CueLexicon) -> bool:
    """An unnamed-source noun followed by a name in apposition (المسؤول الانفصالي ألكسندر زاخارتشنكو):
    a person the entity layer found, or a title with a word after it, before any preposition or comma;
    past a preposition, only a personal title and a name (الخبير في شؤون الشرق الأوسط الدكتور
    فولفجانج فوجل) or a person ending the phrase after a word that is no noun of the lexicon
    (مسؤول في مكتب الرئيس أوباما is no Obama)."""
    past_preposition = False
    for k, token in enumerate(tokens[1:12], 1):
        if token.norm in lexicon.fw.comma or token.norm in (":", "(") or not token.is_arabic:
            return False
        if token.splits[0][0][:1] in lexicon.fw.apposition_stop_proclitic or token.norm in lexicon.fw.not_subject:
            past_preposition = True
            continue
        if past_preposition:
            if token.bare() in lexicon.personal_titles and k + 1 < len(tokens) and tokens[k + 1].is_arabic:
                return True
            if _person_ends(tokens, k, entities) and noun_info(tokens[k - 1:k], lexicon) is None:
                return True  # الخبير في شؤون الخليج العربي هاينريش شوماخر; not مكتب أوباما, الرئيس أوباما
            continue
        if k >= 6:
            return False
        if any(e.type == "PERSON" and any(m.start == token.start and not _only_adjectives(m.text, lexicon) for m in e.mentions)
               for e in entities):
            return True
        info = next((lexicon.nouns[stem] for _, stem in token.splits if stem in lexicon.nouns), None)
        if info is not None and info.kind == "title" and k + 1 < len(tokens) and tokens[k + 1].is_arabic \
                and lexicon.nouns.get(tokens[k + 1].bare()) is None:
            return True
    return False


def _person_ends(tokens: list[Token], k: int, entities: tuple[Entity, ...]) -> bool:
    """A person's mention starts at ``tokens[k]`` and ends the phrase."""
    return any(e.type == "PERSON" and any(m.start == tokens[k].start and m.end >= tokens[-1].end for m in e.mentions)
               for e in entities)


def _only_adjectives(text: str, lexicon: CueLexicon) -> bool:
    """A tagger "person" made of nisba adjectives (حكومي يوناني) names nobody."""
    words = text.split()
    return len(words) <= 2 and all(word.endswith(lexicon.fw.nisba_ending) for word in words)


def entity_at(start: int, end: int, entities: tuple[Entity, ...], types: tuple[str, ...] | None = None) -> Entity | None:
    """The entity with a mention inside [start, end), preferring people, then the earliest mention
    (the head comes first: in ``ستيف ويتكوف، مبعوث الرئيس دونالد ترامب`` the speaker is Witkoff)."""
    best = None
    best_key = None
    for entity in entities:
        if types and entity.type not in types:
            continue
        for mention in entity.mentions:
            if mention.start >= start and mention.end <= end:
                key = (entity.type == "PERSON", -mention.start, mention.end - mention.start)
                if best_key is None or key > best_key:
                    best, best_key = entity, key
    return best
