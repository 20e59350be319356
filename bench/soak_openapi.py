"""Schemathesis over the OpenAPI with many examples per operation (run by bench/soak.py through pytest).

The same check as tests/test_api.py, with ``NABA_SOAK_SCHEMATHESIS_EXAMPLES`` examples per operation:
no 5xx, every response as documented.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def test_every_operation_with_many_generated_requests():
    from serve_reports import accords_report, xss_report

    from naba.corpus import Store
    from naba.serve import create_app

    db = str(Path(tempfile.mkdtemp(prefix="naba-soak-api-")) / "naba.db")
    with Store.open(db) as store:
        store.add([accords_report(), xss_report()])
    app = create_app(db, max_body=64 * 1024)
    examples = int(os.environ.get("NABA_SOAK_SCHEMATHESIS_EXAMPLES", "60"))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def check(case):
            nonlocal calls
            calls += 1
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()
    print(f"schemathesis: {calls} generated requests")
    assert calls
