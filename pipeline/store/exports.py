"""Exports for scoring tools: targets, references and assignments as CSV, JSON or Parquet.

Columns are stable (add at the end, never rename). Every table starts with the document
and where it belongs, and ends with the exact words and their span:

targets      document_id, path, province, district, commune, doc_year, year, indicator,
             indicator_key, role, comparator, value, value_max, unit, unit_canonical,
             value_canonical, direction, period, scope, section, page, text, span_start,
             span_end, extractor
references   document_id, path, province, district, commune, doc_year, relation, doc_type,
             number, symbol, year, date, issuer, issuer_resolved, subject, key, status,
             resolved_document_id, method, confidence, section, page, text, span_start,
             span_end, extractor
assignments  document_id, path, province, district, commune, doc_year, lead, lead_canonical,
             cooperating (";"-joined in CSV, a list in JSON/Parquet), deadline,
             deadline_date, task, section, page, text, span_start, span_end, extractor

Values are exact decimals: text in CSV ("19.3"), numbers in JSON, decimal128(38, 10) in
Parquet. Dates are ISO strings. Rows stream from the database to the file in batches, so
an archive-wide export holds one batch in memory, not the whole table.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from decimal import Decimal
from itertools import islice
from pathlib import Path

from sqlalchemy import Connection, select

from pipeline.errors import StoreError
from pipeline.store import models as m

_DOC = ["document_id", "path", "province", "district", "commune", "doc_year"]
_TAIL = ["section", "page", "text", "span_start", "span_end", "extractor"]
COLUMNS = {
    "targets": _DOC
    + ["year", "indicator", "indicator_key", "role", "comparator", "value", "value_max", "unit", "unit_canonical"]
    + ["value_canonical", "direction", "period", "scope"]
    + _TAIL,
    "references": _DOC
    + ["relation", "doc_type", "number", "symbol", "year", "date", "issuer", "issuer_resolved", "subject", "key"]
    + ["status", "resolved_document_id", "method", "confidence"]
    + _TAIL,
    "assignments": _DOC + ["lead", "lead_canonical", "cooperating", "deadline", "deadline_date", "task"] + _TAIL,
}
_MODELS = {"targets": m.Target, "references": m.Citation, "assignments": m.Assignment}
_DECIMALS = {"value", "value_max", "value_canonical"}
_RENAMED = {"resolved_document_id": "resolved_doc_id"}
FORMATS = ("csv", "json", "parquet")
#: Rows fetched from the database (and written to Parquet) at a time.
STREAM_BATCH = 10_000


def export_rows(conn: Connection, what: str) -> list[dict]:
    """The rows of one export table, in document then text order."""
    return list(iter_rows(conn, what))


def iter_rows(conn: Connection, what: str) -> Iterator[dict]:
    """The rows of one export table, streamed from the database in batches."""
    if what not in COLUMNS:
        raise StoreError(f"cannot export {what!r}: choose one of {', '.join(COLUMNS)}")
    model = _MODELS[what]
    stmt = (
        select(
            model,
            m.Document.path,
            m.Document.province,
            m.Document.district,
            m.Document.commune,
            m.Document.year.label("doc_year"),
        )
        .join(m.Document, m.Document.id == model.document_id)
        .order_by(m.Document.path, model.document_id, model.ordinal)
    )
    columns = [(col, _RENAMED.get(col, col), col in _DECIMALS) for col in COLUMNS[what]]
    for r in conn.execution_options(yield_per=STREAM_BATCH).execute(stmt):
        row = {}
        for col, attr, decimal in columns:
            value = getattr(r, attr)
            if decimal and value is not None:
                value = Decimal(value)
            elif hasattr(value, "isoformat"):
                value = value.isoformat()
            row[col] = value
        yield row


def export(conn: Connection, what: str, fmt: str, out: str | Path) -> int:
    """Write one export table to ``out`` in ``fmt``; returns the number of rows."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    rows = iter_rows(conn, what)
    out = Path(out)
    if fmt == "csv":
        return _write_csv(rows, COLUMNS[what], out)
    if fmt == "json":
        return _write_json(rows, out)
    return _write_parquet(rows, what, out)


def _json_default(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(type(value))


def _write_csv(rows: Iterator[dict], columns: list[str], out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        for n, row in enumerate(rows, 1):  # noqa: B007 - n is the count written
            if isinstance(row.get("cooperating"), list):
                row = row | {"cooperating": "; ".join(row["cooperating"])}
            writer.writerow(row)
    return n


def _write_json(rows: Iterator[dict], out: Path) -> int:
    """A JSON array, one row per line (what ``json.dumps(indent=1)`` of the list gave, streamed)."""
    n = 0
    with out.open("w", encoding="utf-8") as f:
        f.write("[")
        for n, row in enumerate(rows, 1):  # noqa: B007 - n is the count written
            f.write(("," if n > 1 else "") + "\n " + json.dumps(row, ensure_ascii=False, default=_json_default))
        f.write("\n]\n" if n else "]\n")
    return n


def _write_parquet(rows: Iterator[dict], what: str, out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    ints = {"doc_year", "year", "page", "span_start", "span_end"}
    fields = []
    for col in COLUMNS[what]:
        if col in _DECIMALS:
            kind = pa.decimal128(38, 10)
        elif col in ints:
            kind = pa.int64()
        elif col == "confidence":
            kind = pa.float64()
        elif col == "cooperating":
            kind = pa.list_(pa.string())
        else:
            kind = pa.string()
        fields.append(pa.field(col, kind))
    schema = pa.schema(fields)
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        while batch := list(islice(rows, STREAM_BATCH)):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n
