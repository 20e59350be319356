"""Small helpers shared by the ingest readers."""

from __future__ import annotations

import re

_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z]")


def guess_language(text: str) -> str:
    """'ar' when Arabic letters dominate the letters of the text, else 'en' or 'und'.

    Reports are Arabic by design; this only flags inputs that are not, so a script is enough.
    """
    sample = text[:5000]
    arabic = len(_ARABIC.findall(sample))
    latin = len(_LATIN.findall(sample))
    if arabic == 0 and latin == 0:
        return "und"
    return "ar" if arabic >= latin else "en"


def decode_utf8(data: bytes, what: str = "file") -> str:
    from naba.ingest.errors import BadInput

    if not data.strip():
        raise BadInput(f"empty {what}")
    if b"\x00" in data[:8192]:
        raise BadInput(f"binary {what}, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadInput(f"not UTF-8 text (invalid byte at position {error.start})") from None
    if not text.strip():
        raise BadInput(f"empty {what}")
    if not has_visible_text(text):
        raise BadInput(f"no visible text in the {what} (only spaces, bidi or zero-width characters)")
    return text


def has_visible_text(text: str) -> bool:
    """Whether anything but whitespace and invisible format characters (bidi controls, zero-width) is there."""
    import unicodedata

    return any(not ch.isspace() and unicodedata.category(ch) != "Cf" for ch in text)
