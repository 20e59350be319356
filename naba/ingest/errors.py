"""The one error type ingest reports: it names the input, so a batch can log it and go on."""

from __future__ import annotations

from dataclasses import dataclass

MAX_INPUT_BYTES = 2 * 1024 * 1024  # one report (a file, a JSON line, a feed entry, a WARC record)


@dataclass(frozen=True)
class IngestError:
    source: str  # the file, with ":LINE" for JSON lines or "#N" for a record inside a container
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class BadInput(ValueError):
    """Raised by a parser for input it cannot turn into a Document; becomes an IngestError."""
