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


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL cluster on a free local port for the whole session; yields its admin URL.

    Skips (saying why) only when no PostgreSQL server is installed: `make system-deps` installs one.
    """
    from postgres_cluster import Cluster, find_bindir  # tests/ is on sys.path (pytest rootdir conftest)

    bindir = find_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (initdb not found); `make system-deps` installs it with apt-get")
    cluster = Cluster(bindir)
    try:
        url = cluster.start()
    except (RuntimeError, OSError) as error:
        cluster.stop()
        pytest.fail(f"PostgreSQL is installed but the throwaway cluster did not start: {error}")
    yield url
    cluster.stop()


@pytest.fixture(scope="session")
def postgres_database(postgres_server):
    """A factory of fresh, empty databases on the session's cluster: ``postgres_database() -> URL``."""
    import itertools

    import psycopg

    counter = itertools.count()

    def create() -> str:
        name = f"naba_test_{next(counter)}"
        with psycopg.connect(postgres_server, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return postgres_server.rsplit("/", 1)[0] + "/" + name

    return create
