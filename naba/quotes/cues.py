"""Finding reporting cues in a sentence: inflected verbs, passives and nominal phrases.

Hand-written because no Arabic attribution model is available without torch; the rules are
the ones Arabic news style follows (VSO ``وقال X إن``, participles ``مؤكداً أن``, ``وفقاً لـ``).
"""

from __future__ import annotations

from dataclasses import dataclass

from naba.quotes.lexicon import CueLexicon, FunctionWords, VerbForm
from naba.text.tokens import Token

QUOTES_OPEN = {'"', "«", "“", "„"}


@dataclass(frozen=True)
class Cue:
    first: int  # index of the first cue token (into the analysis tokens)
    last: int  # index of the last cue token (inclusive)
    kind: str  # verb | participle | source (وفقاً لـ) | self (على حد قوله) | masdar (بتأكيدها أن) | masdar_subject (قول مسؤولين إن)
    verb: VerbForm | None = None
    conjoined: bool = False  # carries و/ف (وقال): starts a new clause
    prefix: str = ""  # the proclitics in front of the first cue word (و in وقال، ووفقاً); for a masdar, its pronoun's
    # agreement; for a masdar_subject, how many words on its marker is


def is_marker(token: Token, lexicon: CueLexicon) -> bool:
    """إن، أن، بأن، فإن and their pronoun-carrying forms (أنه، بأنها)."""
    return token.norm in lexicon.fw.markers


def is_abbreviation_dot(tokens: tuple[Token, ...], j: int, lexicon: CueLexicon) -> bool:
    """The dot of an abbreviated title (د. خالد) or of a single letter (د. ب. أ): no sentence ends there."""
    return tokens[j].norm == "." and j > 0 and (tokens[j - 1].norm in lexicon.abbreviations
                                                 or (tokens[j - 1].is_arabic and len(tokens[j - 1].norm) == 1))


def verb_reading(token: Token, lexicon: CueLexicon) -> tuple[VerbForm, str] | None:
    for prefix, stem in token.splits:
        for verb in lexicon.verbs.get(stem, ()):
            if prefix in lexicon.fw.verb_prefixes[verb.form]:
                return verb, prefix
    for prefix, stem in token.splits:  # وصفها، تنفيه: the verb with an object pronoun
        for verb in lexicon.object_forms.get(stem, ()):
            if prefix in lexicon.fw.verb_prefixes[verb.form]:
                return verb, prefix
    return None


def find_cues(tokens: tuple[Token, ...], first: int, lexicon: CueLexicon) -> list[Cue]:
    """Cue candidates in one sentence (``tokens`` are its tokens, ``first`` the index of the first)."""
    cues: list[Cue] = []
    fw = lexicon.fw
    i = 0
    starts = lexicon.cue_stems
    while i < len(tokens):
        # most words start no cue: one set lookup per reading, unless إن/أن follows (بتأكيدها أن)
        if not any(stem in starts for _, stem in tokens[i].splits) and not (
                i + 1 < len(tokens) and (tokens[i + 1].norm in lexicon.fw.markers or tokens[i + 1].norm == ":")):
            i += 1
            continue
        nominal = _nominal_at(tokens, i, lexicon)
        if nominal:
            length, role, prefix = nominal
            cues.append(Cue(first + i, first + i + length - 1, role, prefix=prefix))
            i += length
            continue
        token = tokens[i]
        next_marks = i + 1 < len(tokens) and (tokens[i + 1].norm in lexicon.fw.markers or tokens[i + 1].norm == ":")
        masdar_agreement = _masdar_at(tokens, i, lexicon) if next_marks else None
        if masdar_agreement:
            cues.append(Cue(first + i, first + i, "masdar", prefix=masdar_agreement))
            i += 1
            continue
        subject_end = _masdar_subject_at(tokens, i, lexicon)
        if subject_end:
            cues.append(Cue(first + i, first + i, "masdar_subject", prefix=str(subject_end - i)))
            i = subject_end
            continue
        reading = verb_reading(token, lexicon)
        marked = not reading and next_marks
        passive = next((prefix for prefix, stem in token.splits if stem in lexicon.passives and (not prefix or prefix in fw.conjunction)), None) \
            if marked else None
        if passive is not None:
            cues.append(Cue(first + i, first + i, "passive", conjoined=bool(passive), prefix=passive))  # وقيل إن
            i += 1
            continue
        if reading:
            verb, prefix = reading
            previous = tokens[i - 1] if i else None
            # ``رسالة تؤكد أن``: an imperfect right after an indefinite noun describes it; after a
            # definite noun (``الرئيس اليمني يؤكد أن``) the noun is the subject.
            after_noun = (
                verb.form == "imperfect" and not prefix and previous is not None and previous.is_arabic
                and previous.norm not in fw.clause_opener and not previous.splits[0][0].endswith(fw.article)
                and not _human_source(previous, lexicon)  # منتقدين يقولون إن: people who say
            )
            following = tokens[i + 1].norm if i + 1 < len(tokens) else ""
            # عدم ذكر اسمه، رفض الكشف: a verbal noun after these, not a verb
            masdar = previous is not None and previous.norm in lexicon.fw.masdar_governor
            # يُذكر أن: "it should be noted", the writer's own aside
            aside = verb.lemma == fw.aside_lemma and verb.form == "imperfect" and following.startswith(fw.aside_marker)
            # حسب ما أعلنت X، وفقاً لما نقلته X: the verb belongs to the nominal cue's source
            in_source = previous is not None and (previous.norm in fw.source_what or (
                previous.norm in fw.source_what_after and i >= 2
                and any(stem in fw.source_governor for _, stem in tokens[i - 2].splits)))
            # بما وعد به، وهو ما يشير إلى: "what he promised", "which indicates": no report
            what = previous is not None and previous.norm in lexicon.fw.what and (
                verb.form == "imperfect" or following in lexicon.fw.not_subject)  # but وهو ما اعتبر لافروف أنه
            masdar = masdar or aside or in_source or what
            # إجراءات مشددة، نتائج معلنة: a feminine participle right after an indefinite noun describes it
            adjective = (
                verb.form == "participle" and verb.agreement == "fs" and not prefix and previous is not None
                and previous.is_arabic and not previous.splits[0][0].endswith(fw.article) and previous.norm not in fw.clause_opener
                and verb_reading(previous, lexicon) is None
            )
            # عبر الهاتف: a form that is also a preposition reports only where a clause opens
            inside = verb.opens_clause and not prefix and previous is not None and previous.norm != ":" \
                and previous.norm not in fw.clause_punctuation and not previous.norm.startswith(fw.side_noun)
            # وعبر السماح لهم: after و too, the preposition unless its complement (عبر ... عن) follows
            inside = inside or (verb.opens_clause and not any(
                _is_complement(t, verb, fw) for t in tokens[i + 1:i + 2 + (verb.reach or 0)]))
            if not after_noun and not masdar and not adjective and not inside:
                kind = "participle" if verb.form == "participle" else "verb"
                cues.append(Cue(first + i, first + i, kind, verb, conjoined=prefix[:1] in fw.conjunction, prefix=prefix))
        i += 1
    return cues


def _is_complement(token: Token, verb: VerbForm, fw: FunctionWords) -> bool:
    """عن، عنه، عنها: the verb's complement, alone or with a pronoun."""
    return any(token.norm == c or token.norm in {c + suffix for suffix in fw.object_suffix} for c in verb.complements)


def _human_source(token: Token, lexicon: CueLexicon) -> bool:
    info = next((lexicon.nouns[stem] for _, stem in token.splits if stem in lexicon.nouns), None)
    return info is not None and info.kind in ("anonymous", "group")


def _masdar_at(tokens: tuple[Token, ...], i: int, lexicon: CueLexicon) -> str | None:
    """A verbal noun with a pronoun followed by أن (``بتأكيدها أن``، ``تأكيداته بأن``): the agreement
    of its pronoun, or None."""
    fw = lexicon.fw
    if i + 1 >= len(tokens) or not (is_marker(tokens[i + 1], lexicon) or tokens[i + 1].norm == ":"):
        return None  # بتأكيدها أن، بقوله: ...
    for _, stem in tokens[i].splits:
        for noun in lexicon.masdars:
            for suffix, agreement in lexicon.pronoun_suffixes:
                if stem == noun + suffix or stem == noun[:-1] + fw.bound_ta + suffix and noun.endswith(fw.ta_marbuta):
                    return agreement
    return None


def _masdar_subject_at(tokens: tuple[Token, ...], i: int, lexicon: CueLexicon) -> int | None:
    """A bare verbal noun, its subject (one to four words) and أن/إن (``من قول مسؤولين في واشنطن إن``،
    ``لإعلان إيران أن``): the index of the marker, or None."""
    if not any(stem in lexicon.masdar_set and prefix in lexicon.fw.masdar_prefix for prefix, stem in tokens[i].splits):
        return None
    for j in range(i + 1, min(len(tokens), i + 6)):
        token = tokens[j]
        if is_marker(token, lexicon):
            return j if j > i + 1 else None
        if not token.is_arabic or (token.norm in lexicon.fw.not_subject and j == i + 1) or verb_reading(token, lexicon) \
                or token.norm in lexicon.fw.relative:
            return None  # تأكيد الالتزامات التي سبق أن: an object with its relative clause
    return None


def _nominal_at(tokens: tuple[Token, ...], i: int, lexicon: CueLexicon) -> tuple[int, str, str] | None:
    fw = lexicon.fw
    if tokens[i].norm in fw.only:  # "only" (ليس هذا فحسب), not "according to"
        return None
    # only the cues whose first word this token can be (an index by first word: this runs on every token)
    index = lexicon.nominal_by_first
    candidates = [c for p, stem in tokens[i].splits if p in fw.nominal_prefix and stem in index for c in index[stem]]
    if not candidates:
        return None
    for _, cue in sorted(set(candidates)):
        words = cue.words
        prefix = next((p for p, stem in tokens[i].splits if stem == words[0] and p in fw.nominal_prefix), "")
        if i + len(words) > len(tokens):
            continue
        ok = True
        for k, word in enumerate(words):
            token = tokens[i + k]
            if word.endswith("+"):  # a proclitic glued to the next word: وفقاً لمصادر، وفقاً لـ
                glued = word[:-1]
                ok = token.norm == glued or any(p.startswith(glued) for p, _ in token.splits if p)
                if ok and token.norm == glued:
                    return len(words), cue.role, prefix  # the proclitic stands alone (لـ): source follows
                if ok:
                    return len(words) - 1, cue.role, prefix
            else:
                allowed = fw.nominal_prefix if k == 0 else {""}
                ok = any(stem == word and prefix in allowed for prefix, stem in token.splits)
            if not ok:
                break
        if ok:
            return len(words), cue.role, prefix
    return None
