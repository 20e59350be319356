"""The GDELT-style export: typed columns an analyst can load (pandas, DuckDB), CAMEO/Goldstein
values from the published table, actor codes and countries, mentions left out.

The examples (our own writing) go through the full pipeline into a SQLite store and out again.
"""

from __future__ import annotations

import pytest

from naba.corpus import Store
from naba.corpus.export import export
from naba.corpus.gdelt import GDELT_COLUMNS, duckdb_columns, event_rows, goldstein, pandas_dtypes, quad_class
from naba.ingest import read_inputs
from naba.record import Document, Event, Report, Span

from conftest import EXAMPLES


@pytest.fixture(scope="module")
def example_reports(pipeline) -> list[Report]:
    documents = [d for d in read_inputs([str(EXAMPLES)]) if isinstance(d, Document)]
    return [pipeline.analyze(d) for d in documents]


@pytest.fixture(scope="module")
def gdelt_file(example_reports, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gdelt")
    with Store.open(str(folder / "naba.db")) as store:
        store.add(example_reports)
        path = folder / "events.tsv"
        with path.open("wb") as out:
            rows = export(store, "gdelt", out)
    return path, rows


def test_goldstein_and_quad_class_follow_the_cameo_tables():
    assert goldstein("057") == 8.0  # sign formal agreement
    assert goldstein("043") == 2.8 and goldstein("190") == -10.0
    assert goldstein("0571") == 8.0  # a code the table lacks takes its parent's value
    assert goldstein(None) is None
    assert (quad_class("05"), quad_class("08"), quad_class("12"), quad_class("18")) == (1, 2, 3, 4)


def test_the_export_loads_typed_in_pandas(gdelt_file, example_reports):
    pd = pytest.importorskip("pandas")
    path, rows = gdelt_file
    frame = pd.read_csv(path, sep="\t", dtype=pandas_dtypes(), keep_default_na=False, na_values=[""])
    assert list(frame.columns) == GDELT_COLUMNS and len(frame) == rows > 0
    reported = sum(e.status not in ("referenced", "hypothetical") for r in example_reports for e in r.events)
    assert rows == reported
    assert str(frame["SQLDATE"].dtype) == "Int64" and str(frame["GoldsteinScale"].dtype) == "float64"
    assert str(frame["EventCode"].dtype) == "string" and (frame["EventCode"].str.len() >= 3).all()
    assert (frame["EventRootCode"] == frame["EventCode"].str[:2]).all()
    assert frame["SQLDATE"].notna().all() and frame["SQLDATE"].between(19000101, 21001231).all()
    join = frame[(frame["PloverMode"] == "join")].iloc[0]
    assert join["Actor1Code"] == "KAZGOV" and join["Actor1CountryCode"] == "KAZ"
    assert join["GoldsteinScale"] == 8.0 and join["QuadClass"] == 1
    assert not frame["Status"].isin(["referenced", "hypothetical"]).any()


def test_the_export_loads_typed_in_duckdb(gdelt_file):
    duckdb = pytest.importorskip("duckdb")
    path, rows = gdelt_file
    con = duckdb.connect()
    relation = con.execute(
        "select * from read_csv(?, delim='\t', header=true, quote='\"', columns=?)", [str(path), duckdb_columns()])
    types = dict(zip([d[0] for d in relation.description], [str(d[1]) for d in relation.description]))
    assert types["SQLDATE"] == "INTEGER" and types["GoldsteinScale"] == "DOUBLE" and types["EventCode"] == "VARCHAR"
    count, with_actor, mean_goldstein = con.execute(
        "select count(*), count(nullif(Actor1Code, '')), avg(GoldsteinScale) from read_csv(?, delim='\t', "
        "header=true, quote='\"', columns=?)", [str(path), duckdb_columns()]).fetchone()
    assert count == rows and with_actor > 0 and -10 <= mean_goldstein <= 10


def test_rows_take_codes_place_country_and_dates_from_the_report():
    text = "قصفت الطائرات مواقع في بغداد. وأدانت الحكومة الهجوم."
    report = Report(id="r1", text=text, meta={"published": "2015-08-03T10:00:00"}, entities=[], events=[
        Event(trigger=Span.of(text, 0, 4), type="ASSAULT", mode="aerial", cameo="195", status="happened",
              actor_span=Span.of(text, 5, 13), actor_code="MIL", evidence=[Span.of(text, 0, 4)]),
        Event(trigger=Span.of(text, text.index("الهجوم"), len(text) - 1), type="ASSAULT", cameo="190",
              status="referenced", evidence=[Span.of(text, text.index("الهجوم"), len(text) - 1)]),
    ])
    rows = list(event_rows(report))
    assert len(rows) == 1  # the attack the government condemns is a mention, not a second event
    row = rows[0]
    assert (row["SQLDATE"], row["MonthYear"], row["Year"]) == (20150803, 201508, 2015)
    assert (row["Actor1Code"], row["Actor1Type1Code"], row["Actor1Span"]) == ("MIL", "MIL", "الطائرات")
    assert (row["EventBaseCode"], row["EventRootCode"], row["QuadClass"], row["GoldsteinScale"]) == ("195", "19", 4, -10.0)
    assert len(list(event_rows(report, include_referenced=True))) == 2
