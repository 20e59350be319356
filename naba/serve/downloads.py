"""CSV and JSON downloads of exactly the rows a list page shows (same query, same page)."""

from __future__ import annotations

import csv
import io
import json

from fastapi.responses import Response

FORMATS = ("csv", "json")


def _flat(row: dict) -> dict:
    """Nested values as CSV cells: lists joined by ' | ', dicts spread into ``key.sub`` columns."""
    out = {}
    for key, value in row.items():
        if isinstance(value, dict):
            for sub, inner in value.items():
                out[f"{key}.{sub}"] = inner
        elif isinstance(value, (list, tuple)):
            out[key] = " | ".join(str(v) for v in value)
        else:
            out[key] = value
    return out


def download(rows: list[dict], name: str, fmt: str) -> Response:
    """The rows as an attachment ``name.csv`` (UTF-8 with BOM, so spreadsheet programs read Arabic) or ``name.json``."""
    if fmt == "json":
        body = json.dumps(rows, ensure_ascii=False, indent=1).encode("utf-8")
        media = "application/json"
    else:
        flat = [_flat(row) for row in rows]
        columns = list(dict.fromkeys(key for row in flat for key in row))
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(flat)
        body = ("\ufeff" + buffer.getvalue()).encode("utf-8")
        media = "text/csv; charset=utf-8"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'})
