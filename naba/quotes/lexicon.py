"""The reviewed cue lexicon (``naba/lang/ar/quotes_*.tsv``), loaded once and passed to every step.

Arabic reporting verbs are matched by their inflected forms in normalised spelling; the
proclitics in front of them (و، ف، س) come from ``Token.splits``, so the lexicon lists only stems.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from naba.entities.features import common_words, read_person_words
from naba.lang import Language
from naba.lang import load as load_language
from naba.text.normalise import normalise_text

AGREEMENTS = ("ms", "fs", "mp")


@dataclass(frozen=True)
class VerbForm:
    lemma: str
    form: str  # "perfect" | "imperfect" | "participle"
    agreement: str  # "ms" | "fs" | "mp" | "dual"
    complements: tuple[str, ...]  # prepositions that introduce the content (شدد على)
    needs_marker: bool  # only a cue when إن/أن, a colon, a quote or a complement follows
    reach: int | None = None  # most words between the verb and a complement that alone opens the content
    takes_object: bool = False  # also read with an object pronoun (وصفها بأنها)
    opens_clause: bool = False  # without و/ف only a cue where a clause opens (عبر is also "via")


@dataclass(frozen=True)
class NounInfo:
    kind: str  # anonymous | group | outlet | organization | title
    agreement: str  # ms | fs | mp | np
    referent: str = ""  # "text" for a written source (تقارير): continued by a bare verb only when nobody else spoke


@dataclass(frozen=True)
class NominalCue:
    words: tuple[str, ...]  # normalised tokens; the last may end in "+" (a glued proclitic)
    role: str  # "source" | "self"


@dataclass(frozen=True)
class FunctionWords:
    """Function words the rules read, by role (``naba/lang/ar/quotes_function_words.tsv``)."""

    preposition: frozenset[str] = frozenset()
    connective: frozenset[str] = frozenset()
    name_before_quote: frozenset[str] = frozenset()
    clause_opener: frozenset[str] = frozenset()
    auxiliary: frozenset[str] = frozenset()  # كان: before a name and its verb
    masdar_governor: frozenset[str] = frozenset()
    adjunct: frozenset[str] = frozenset()
    not_subject: frozenset[str] = frozenset()  # adjuncts and commas included
    pronoun_subject: frozenset[str] = frozenset()
    spokesperson: frozenset[str] = frozenset()
    markers: frozenset[str] = frozenset()  # every form of إن/أن: marker_base x ("" + marker_suffix)
    object_suffix: tuple[str, ...] = ()  # longest first
    relative: frozenset[str] = frozenset()
    what: frozenset[str] = frozenset()  # ما "what" before a verb (بما وعد به)
    comma: frozenset[str] = frozenset()  # quotes_grammar.tsv from here on
    plural_suffix: tuple[str, ...] = ()
    outlet_proclitic: str = ""
    via_stop_proclitic: frozenset[str] = frozenset()
    article: str = ""
    conjunction: frozenset[str] = frozenset()
    verb_prefixes: dict[str, frozenset[str]] = field(default_factory=dict)  # verb form -> proclitics, "" included
    nominal_prefix: frozenset[str] = frozenset()  # "" included
    masdar_prefix: frozenset[str] = frozenset()  # "" included
    clause_punctuation: frozenset[str] = frozenset()  # commas and the semicolon
    aside_lemma: str = ""
    aside_marker: tuple[str, ...] = ()
    source_what: frozenset[str] = frozenset()
    source_what_after: frozenset[str] = frozenset()
    source_governor: frozenset[str] = frozenset()
    side_noun: tuple[str, ...] = ()
    only: frozenset[str] = frozenset()
    ta_marbuta: str = ""
    bound_ta: str = ""
    punct_edges: frozenset[str] = frozenset()  # punctuation dropped at either end of a speaker or content
    dashes: frozenset[str] = frozenset()  # a dash after a name opens an aside (أوباما – الذي زار كينيا –)
    channel_prefix: frozenset[str] = frozenset()
    framing_preposition: frozenset[str] = frozenset()
    medium_prefix: str = ""
    adjunct_with_pronoun: tuple[str, ...] = ()
    medium_preposition: str = ""
    addressee_definite: str = ""
    addressee_prefix: str = ""
    addressee_suffix: tuple[str, ...] = ()
    accusative_ending: str = ""
    attached_pronoun: str = ""
    dual_ending: str = ""
    nisba_ending: str = ""
    apposition_stop_proclitic: frozenset[str] = frozenset()
    subject_end: frozenset[str] = frozenset()
    title_prefix: frozenset[str] = frozenset()
    title_conjunction: str = ""
    name_stop_proclitic: frozenset[str] = frozenset()
    preposition_proclitic: frozenset[str] = frozenset()
    arabic_comma: str = ""
    complement_masdar: str = ""
    object_plural_suffix: str = ""
    as_said: str = ""
    relay_lemma: str = ""
    relay_preposition: str = ""
    preposition_lemma: str = ""
    source_noun: frozenset[str] = frozenset()
    framing_side_noun: tuple[str, ...] = ()
    in_turn: frozenset[str] = frozenset()
    not_speaker: frozenset[str] = frozenset()
    source_filler: frozenset[str] = frozenset()
    glued_governor: frozenset[str] = frozenset()
    source_proclitic: str = ""
    relayed_from: frozenset[str] = frozenset()
    written_on: frozenset[str] = frozenset()  # على (normalised علي, as the name)
    compound_name_end: frozenset[str] = frozenset()  # الدين in عز الدين: the word before it is a name's
    after_name_preposition: frozenset[str] = frozenset()  # عن، حول right after a full name: its complement

    @classmethod
    def of(cls, rows: list[dict[str, str]]) -> FunctionWords:
        role = lambda name: frozenset(row["word"] for row in rows if row["role"] == name)  # noqa: E731
        suffixes = ("", *sorted(role("marker_suffix")))
        markers = frozenset(base + suffix for base in role("marker_base") for suffix in suffixes)
        fields = ("preposition", "connective", "name_before_quote", "clause_opener", "masdar_governor", "adjunct",
                  "pronoun_subject", "spokesperson", "auxiliary")
        return cls(**{name: role(name) for name in fields},
                   not_subject=role("not_subject") | role("adjunct") | role("preposition") | role("comma"), markers=markers,
                   object_suffix=tuple(sorted(role("object_suffix"), key=len, reverse=True)), relative=role("relative"),
                   what=role("what"), comma=role("comma"), plural_suffix=tuple(sorted(role("plural_suffix"))),
                   outlet_proclitic=_one(role("outlet_proclitic")), via_stop_proclitic=role("via_stop_proclitic"),
                   article=_one(role("article")), conjunction=role("conjunction"),
                   verb_prefixes={form: role(form + "_prefix") | {""} for form in ("perfect", "imperfect", "participle")},
                   nominal_prefix=role("nominal_prefix") | {""}, masdar_prefix=role("masdar_prefix") | {""},
                   clause_punctuation=role("comma") | role("semicolon"), aside_lemma=_one(role("aside_lemma")),
                   aside_marker=tuple(sorted(role("aside_marker"))), source_what=role("source_what"),
                   source_what_after=role("source_what_after"), source_governor=role("source_governor"),
                   side_noun=tuple(sorted(role("side_noun"))), only=role("only"), ta_marbuta=_one(role("ta_marbuta")),
                   bound_ta=_one(role("bound_ta")),
                   punct_edges=role("comma") | role("semicolon") | frozenset(":;.-–—()[]"), dashes=frozenset("-–—"),
                   channel_prefix=role("channel_prefix"), framing_preposition=role("framing_preposition"),
                   medium_prefix=_one(role("medium_prefix")), adjunct_with_pronoun=tuple(sorted(role("adjunct_with_pronoun"))),
                   medium_preposition=_one(role("medium_preposition")), addressee_definite=_one(role("addressee_definite")),
                   addressee_prefix=_one(role("addressee_prefix")), addressee_suffix=tuple(sorted(role("addressee_suffix"))),
                   accusative_ending=_one(role("accusative_ending")), attached_pronoun=_one(role("attached_pronoun")),
                   dual_ending=_one(role("dual_ending")), nisba_ending=_one(role("nisba_ending")),
                   apposition_stop_proclitic=role("apposition_stop_proclitic"), subject_end=role("subject_end"),
                   title_prefix=role("title_prefix") | {""},
                   title_conjunction=_one(role("title_conjunction")),
                   name_stop_proclitic=role("name_stop_proclitic"),
                   preposition_proclitic=role("preposition_proclitic"),
                   arabic_comma=_one(role("arabic_comma")),
                   complement_masdar=_one(role("complement_masdar")),
                   object_plural_suffix=_one(role("object_plural_suffix")),
                   as_said=_one(role("as_said")), relay_lemma=_one(role("relay_lemma")),
                   relay_preposition=_one(role("relay_preposition")),
                   preposition_lemma=_one(role("preposition_lemma")),
                   source_noun=role("source_noun"),
                   framing_side_noun=tuple(sorted(role("framing_side_noun"))),
                   in_turn=role("in_turn"), not_speaker=role("not_speaker"),
                   source_filler=role("source_filler"), glued_governor=role("glued_governor"),
                   source_proclitic=_one(role("source_proclitic")),
                   relayed_from=role("relayed_from"), written_on=role("written_on"),
                   compound_name_end=role("compound_name_end"),
                   after_name_preposition=role("after_name_preposition"))


def _one(words: frozenset[str]) -> str:
    """The single word of a one-word role ("" when the table leaves it out)."""
    return min(words, default="")


@dataclass(frozen=True)
class CueLexicon:
    verbs: dict[str, tuple[VerbForm, ...]]
    passives: dict[str, str]  # form -> complement ("-" for none)
    nominal: tuple[NominalCue, ...]
    nouns: dict[str, NounInfo]
    channels: dict[str, str]  # stem -> outlet | medium | recipient
    masdars: tuple[str, ...] = ()  # verbal nouns of reporting (تأكيد، تصريحات) that take a pronoun and أن
    np_lemmas: frozenset[str] = frozenset()  # verbs that report a plain noun phrase (أدانت الولايات المتحدة العنف)
    abbreviations: frozenset[str] = frozenset()  # titles written short with a dot (د.)
    quantifiers: frozenset[str] = frozenset()  # words before a speaker's head noun (عدة، بعض)
    name_heads: frozenset[str] = frozenset()  # institution-name heads (مركز الملك سلمان)
    nominal_by_first: dict[str, tuple[tuple[int, NominalCue], ...]] = field(default_factory=dict)  # (file order, cue)
    leading: frozenset[str] = frozenset()  # adjuncts between a verb and its subject (قال أمس الوزير)
    time_nouns: frozenset[str] = frozenset()  # الشهر in الشهر الماضي
    time_adjectives: frozenset[str] = frozenset()  # الماضي
    demonstratives: frozenset[str] = frozenset()  # هذه المصادر
    one_of: frozenset[str] = frozenset()  # أحد أصدقائي
    personal_titles: frozenset[str] = frozenset()  # الدكتور، المهندس: always the title of the name after it
    spoke_to: frozenset[str] = frozenset()  # مصادر تحدثت لموقع: the source's clause, not more of the source
    fw: FunctionWords = field(default_factory=FunctionWords)
    object_forms: dict[str, tuple[VerbForm, ...]] = field(default_factory=dict)  # وصفها -> the forms of وصف
    masdar_set: frozenset[str] = frozenset()
    cue_stems: frozenset[str] = frozenset()  # every stem a cue can start with (a fast first test)
    pronoun_suffixes: tuple[tuple[str, str], ...] = ()  # (suffix, agreement) on a masdar: تأكيدها -> fs
    common: frozenset[str] = frozenset()  # words frequent in news and rarely names (entities_common_words.tsv)
    name_words: frozenset[str] = frozenset()  # the transliterator's name words: نهى، رأفت are common words too

    def pronoun_suffix(self, agreement: str) -> str:
        """The pronoun suffix of an agreement (fs -> ها)."""
        return next((suffix for suffix, of in self.pronoun_suffixes if of == agreement), "")

    @classmethod
    def load(cls, lang: Language | None = None) -> CueLexicon:
        lang = lang or load_language("ar")
        verbs: dict[str, list[VerbForm]] = {}
        for row in _rows(lang, "quotes_cues"):
            comps = () if row["complements"] == "-" else tuple(row["complements"].split(","))
            for form_name in ("perfect", "imperfect", "participle"):
                for position, surface in enumerate(row[form_name].split()):
                    if surface == "-":
                        continue
                    agreement = AGREEMENTS[position] if position < 3 else "dual"
                    needs_marker = row["needs"] == "marker" or form_name != "participle"
                    reach = int(row["reach"]) if row.get("reach") else None
                    verb = VerbForm(row["lemma"], form_name, agreement, comps, needs_marker, reach, row.get("object") == "yes",
                                    row.get("opens") == "clause")
                    verbs.setdefault(surface, []).append(verb)
        passives = {row["form"]: row["complement"] for row in _rows(lang, "quotes_passives")}
        nominal = tuple(NominalCue(tuple(row["words"].split()), row["role"]) for row in _rows(lang, "quotes_nominal"))
        nouns = {row["stem"]: NounInfo(row["kind"], row["agreement"], row.get("referent", "")) for row in _rows(lang, "quotes_nouns")}
        channels = {row["stem"]: row["role"] for row in _rows(lang, "quotes_channels")}
        masdars = tuple(row["stem"] for row in _rows(lang, "quotes_masdars"))
        np_lemmas = frozenset(row["lemma"] for row in _rows(lang, "quotes_cues") if row.get("np_content") == "yes")
        words = _rows(lang, "quotes_speaker_words")
        role = lambda name: frozenset(row["word"] for row in words if row["role"] == name)  # noqa: E731
        by_first: dict[str, list[tuple[int, NominalCue]]] = {}
        for order, cue in enumerate(nominal):
            by_first.setdefault(cue.words[0], []).append((order, cue))
        fw = FunctionWords.of(_rows(lang, "quotes_function_words") + _rows(lang, "quotes_grammar"))
        object_forms: dict[str, list[VerbForm]] = {}
        for surface, forms in verbs.items():
            for verb in forms:
                if verb.takes_object and verb.form != "participle":
                    for suffix in fw.object_suffix:
                        object_forms.setdefault(surface + suffix, []).append(verb)
        return cls({k: tuple(v) for k, v in verbs.items()}, passives, nominal, nouns, channels, masdars, np_lemmas,
                   abbreviations=role("abbreviation"), quantifiers=role("quantifier"), name_heads=role("name_head"),
                   nominal_by_first={k: tuple(v) for k, v in by_first.items()}, leading=role("leading"),
                   time_nouns=role("time_noun"), time_adjectives=role("time_adjective"),
                   demonstratives=role("demonstrative"), one_of=role("one_of"), personal_titles=role("personal_title"),
                   spoke_to=role("spoke_to"),
                   fw=fw, object_forms={k: tuple(v) for k, v in object_forms.items()}, masdar_set=frozenset(masdars),
                   cue_stems=frozenset(verbs) | frozenset(object_forms) | frozenset(by_first) | frozenset(masdars)
                   | frozenset(passives),
                   pronoun_suffixes=tuple((row["suffix"], row["agreement"]) for row in _rows(lang, "quotes_pronoun_suffixes")),
                   common=common_words(lang), name_words=read_person_words())


def _rows(lang: Language, name: str) -> list[dict[str, str]]:
    """Rows of a lexicon table, every cell in normalised spelling whatever the reviewer typed."""
    return [{key: " ".join(normalise_text(word) for word in cell.split(" ")) for key, cell in row.items()}
            for row in lang.table(name)]
