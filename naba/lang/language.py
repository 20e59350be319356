"""The ``Language`` object: one language's word lists, read from its folder once each.

File format (one concern a file, see ``naba/lang/ar/README.md``):

- ``NAME.tsv``: lines starting with ``#`` are comments; the first other line is the header
  (tab-separated column names); each following line is a row. An empty cell is ``""``.
- ``NAME.jsonl``: one JSON object a line (``#`` comment lines allowed), for nested data.

Rows that differ by regional variety carry a ``variety`` column (MSA, Gulf, Levant, Egypt,
Maghreb); ``words(name, variety=...)`` can filter on it, and a stage normally takes all of them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LANG_ROOT = Path(__file__).parent
VARIETIES = ("MSA", "Gulf", "Levant", "Egypt", "Maghreb")


class LanguageError(ValueError):
    """A language folder or table that is missing or malformed (names the file and line)."""


Row = dict[str, str]


@dataclass
class Language:
    code: str
    directory: Path
    _tables: dict[str, tuple[Row, ...]] = field(default_factory=dict, repr=False)
    _json: dict[str, tuple[dict, ...]] = field(default_factory=dict, repr=False)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    def table(self, name: str) -> tuple[Row, ...]:
        """The rows of ``NAME.tsv`` as dicts keyed by the header's column names."""
        if name not in self._tables:
            self._tables[name] = tuple(_read_tsv(self.directory / f"{name}.tsv"))
        return self._tables[name]

    def records(self, name: str) -> tuple[dict, ...]:
        """The objects of ``NAME.jsonl``."""
        if name not in self._json:
            self._json[name] = tuple(_read_jsonl(self.directory / f"{name}.jsonl"))
        return self._json[name]

    def words(self, name: str, column: str | None = None, **where: str) -> frozenset[str]:
        """One column of a table as a set (the first column unless named), rows filtered by
        ``where`` (e.g. ``words("cues", "lemma", kind="verb")``)."""
        rows = self.table(name)
        if not rows:
            return frozenset()
        column = column or next(iter(rows[0]))
        return frozenset(row[column] for row in rows if all(row.get(k) == v for k, v in where.items()))

    def mapping(self, name: str, key: str, value: str, **where: str) -> dict[str, str]:
        """Two columns of a table as a dict (later rows win)."""
        return {row[key]: row[value] for row in self.table(name) if all(row.get(k) == v for k, v in where.items())}

    def has(self, name: str) -> bool:
        """Whether ``NAME.tsv`` or ``NAME.jsonl`` exists (for optional tables)."""
        return (self.directory / f"{name}.tsv").is_file() or (self.directory / f"{name}.jsonl").is_file()

    def derived(self, key: str, build: Callable[[Language], Any]) -> Any:
        """``build(self)``, computed once per Language and kept: the compiled form of some tables
        (a regex, an index) that every report reuses. ``key`` names it, e.g. ``"times.lexicon"``."""
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]

    def path(self, name: str) -> Path:
        """The file behind a table, for messages and for the few readers that need the raw file."""
        return self.directory / name


def load(code: str = "ar") -> Language:
    """The language whose data lives in ``naba/lang/<code>/``."""
    directory = LANG_ROOT / code
    if not directory.is_dir():
        raise LanguageError(f"no language data for {code!r} (expected the folder {directory})")
    return Language(code=code, directory=directory)


@lru_cache(maxsize=None)
def default(code: str = "ar") -> Language:
    """One shared Language per code, for callers with no pipeline to hand them one (a test, a
    dateline parser called on its own). The pipeline loads and passes its own."""
    return load(code)


def _read_tsv(path: Path) -> Iterator[Row]:
    if not path.is_file():
        raise LanguageError(f"{path}: no such language table")
    header: list[str] | None = None
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) > len(header):
                raise LanguageError(f"{path}:{number}: {len(cells)} cells, the header has {len(header)}")
            cells += [""] * (len(header) - len(cells))
            yield dict(zip(header, cells))


def _read_jsonl(path: Path) -> Iterator[dict]:
    if not path.is_file():
        raise LanguageError(f"{path}: no such language table")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as error:
                raise LanguageError(f"{path}:{number}: not JSON ({error.msg})") from None
