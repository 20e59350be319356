"""`naba ner-tag FILE`: append the predicted BIO tag to every token line of a CoNLL file."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import Annotated, TextIO

import typer

from naba.cli import app


def conll_blocks(lines: Iterable[str]) -> Iterator[list[str]]:
    """Groups of token lines; a blank line is yielded as an empty group so it is kept in place."""
    block: list[str] = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        if line.strip():
            block.append(line)
            continue
        if block:
            yield block
            block = []
        yield []
    if block:
        yield block


def tag_conll(lines: Iterable[str], tagger, out: TextIO) -> None:
    """Tag the file's sentences together (features look at neighbouring sentences), write in order."""
    blocks = list(conll_blocks(lines))
    sentences = [block for block in blocks if block]
    tagged = iter(tagger.tag_document([[line.split()[0] for line in block] for block in sentences]))
    for block in blocks:
        if not block:
            out.write("\n")
            continue
        for line, tag in zip(block, next(tagged), strict=True):
            out.write(f"{line}\t{tag}\n" if "\t" in line else f"{line} {tag}\n")


@app.command("ner-tag")
def ner_tag(
    file: Annotated[str, typer.Argument(help="CoNLL file: one token per line (first column), blank line between sentences; '-' for stdin")],
) -> None:
    """Tag a CoNLL file with the NER model: each token line gets its predicted BIO tag appended."""
    from naba.entities.ner import load_shipped

    try:
        if file == "-":
            lines = sys.stdin.read().splitlines()
        else:
            with open(file, encoding="utf-8") as handle:
                lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else type(error).__name__
        print(f"naba: cannot read {file}: {reason}", file=sys.stderr)
        raise typer.Exit(1) from None
    try:
        tagger = load_shipped()  # the pipeline's tagger (neural or CRF, naba.entities.ner.SHIPPED)
    except (OSError, RuntimeError) as error:
        print(f"naba: cannot load the NER model: {error}", file=sys.stderr)
        raise typer.Exit(1) from None
    tag_conll(lines, tagger, sys.stdout)
