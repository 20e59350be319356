"""Shared fixtures: paths to ../shared data (tests skip, naming the path, when it is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SAMPLE = SHARED / "samples" / "kazakhstan-abraham-accords.txt"
DEV_NEWS = SHARED / "data" / "news" / "saudinewsnet-political-dev.jsonl"
ANERCORP_TRAIN = SHARED / "data" / "ner" / "anercorp-train.txt"
EXAMPLES = REPO / "examples"


def require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"shared data not found: {path} (tests on real reports need ../shared next to the repo)")
    return path


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return require(SAMPLE)


@pytest.fixture(scope="session")
def dev_news_path() -> Path:
    return require(DEV_NEWS)


@pytest.fixture(scope="session")
def dev_articles(dev_news_path) -> list[dict]:
    with dev_news_path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def pipeline():
    """The full pipeline, built once for the whole test session."""
    from naba.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def sample_document(sample_path):
    from naba.ingest import read_inputs

    (document,) = list(read_inputs([str(sample_path)]))
    return document


@pytest.fixture(scope="session")
def sample_report(pipeline, sample_document):
    return pipeline.analyze(sample_document)
