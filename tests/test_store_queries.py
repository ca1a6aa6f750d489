"""Auditor queries on the five hand-built seeds, identical on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import store
from pipeline.errors import StoreError
from pipeline.store import exports
from tests import store_factories

seeded = store_factories.seeded  # a shared fixture (tests/store_factories.py)


def _seed(path: str) -> str:
    return Path(path).name[:3]


@pytest.fixture
def conn(seeded):
    with seeded.connect() as conn:
        yield conn


def test_store_cites_groups_by_relation_and_marks_missing(conn):
    rows = store.cites(conn, "001_4ac327585f95c1a6.txt")
    assert [(r["relation"], r["number"], r["status"], r["target_path"] and _seed(r["target_path"])) for r in rows] == [
        ("thực hiện", "128", "unmatched", None),
        ("thực hiện", "34", "unmatched", None),
        ("dẫn chiếu", "104", "resolved", "000"),
    ]


@pytest.mark.parametrize("query", ["Chỉ thị 34-CT/TW", "CT 34-CT/TW", "chỉ thị số 34 - CT/TW"])
def test_store_cited_by_party_directive(conn, query):
    rows = store.cited_by(conn, query)
    assert [_seed(r["path"]) for r in rows] == ["001", "002", "003", "004"]
    by_seed = {_seed(r["path"]): r["sentence"] for r in rows}
    assert by_seed["004"] == (
        "a) Tiếp tục thực hiện tốt Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị về tiếp tục đổi mới"
        " công tác thi đua, khen thưởng;"
    )


@pytest.mark.parametrize(
    ("query", "seeds"),
    [("QĐ 01/QĐ-UBND 2023", ["000"]), ("QĐ 01/QĐ-UBND 2022", []), ("Nghị định 98/2023/NĐ-CP", ["004"])],
    ids=["with-year", "wrong-year", "decree"],
)
def test_store_cited_by_human_input(conn, query, seeds):
    assert [_seed(r["path"]) for r in store.cited_by(conn, query)] == seeds


def test_store_missing_lists_cluster_decision_cited_by_000(conn):
    rows = store.missing(conn)
    assert rows[0]["number"] == "34" and rows[0]["citing_documents"] == 4
    qd = next(r for r in rows if r["number"] == "01")
    assert (qd["doc_type"], qd["symbol"], qd["date"], qd["issuer"]) == (
        "Quyết định", "QĐ-UBND", "2023-01-20", "Cụm thi đua các huyện Miền núi và Hải đảo")  # fmt: skip
    assert [_seed(p) for p in qd["cited_by"]] == ["000"]
    assert "104" not in [r["number"] for r in rows]  # resolved to seed 000, so not missing


def test_store_targets_timeline_plan_beside_actual(conn):
    rows = store.targets(conn, where="Ba To", indicator="giường bệnh")
    assert [(r["year"], r["role"], r["value"], r["unit"], _seed(r["path"])) for r in rows] == [
        (2021, "target", "19.3", "giường", "002"),
        (2024, "actual", "19.6", "giường", "001"),
    ]
    assert store.targets(conn, where="Bình Sơn", indicator="giường bệnh") == []


def test_store_assignments_of_an_agency(conn):
    rows = store.assignments(conn, agency="phong noi vu")
    assert [(r["role"], r["agency"], r["deadline"], _seed(r["path"])) for r in rows] == [
        ("lead", "Phòng Nội vụ", "2024-12-31", "000")
    ]
    assert [r["role"] for r in store.assignments(conn, agency="Văn phòng HĐND")] == ["cooperating"]


@pytest.mark.parametrize("query", ["ho ngheo", "hộ nghèo", "HỘ NGHÈO"])
def test_store_search_with_or_without_diacritics(conn, seeded, query):
    rows = store.search(conn, query)
    assert [_seed(r["path"]) for r in rows][0] == "001"
    assert sorted(_seed(r["path"]) for r in rows) == ["000", "001", "002", "003", "004"]
    text = store.get_document(conn, rows[0]["document_id"]).text
    start, end = rows[0]["span"]
    assert text[start:end].lower() == "hộ nghèo"
    assert "«hộ nghèo»" in rows[0]["snippet"]


def test_store_search_nothing(conn):
    assert store.search(conn, "tàu vũ trụ") == []
    assert store.search(conn, "  ") == []


def test_store_find_document_errors_are_readable(conn):
    with pytest.raises(StoreError, match="no document matches"):
        store.find_document(conn, "999_nothing")
    with pytest.raises(StoreError, match="matches 5 documents"):
        store.find_document(conn, "00")


def test_store_graph_neighbourhood_and_formats(conn):
    g = store.neighbourhood(conn, "001", depth=2)
    kinds = sorted((n["kind"], n["label"]) for n in g["nodes"])
    assert ("document", "Kế hoạch 104/KH-UBND") in kinds  # seed 000, named by the learnt number
    assert ("missing", "Quyết định 01/QĐ-UBND") in kinds  # reached through seed 000 at depth 2
    assert len(g["edges"]) == 4
    root = ET.fromstring(store.to_graphml(g))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) == len(g["nodes"])
    assert len(root.findall(".//g:edge", ns)) == 4
    dot = store.to_dot(g)
    assert dot.startswith("digraph citations {") and dot.count(" -> ") == 4


def test_store_whole_graph(conn):
    g = store.whole_graph(conn)
    assert sum(n["kind"] == "document" for n in g["nodes"]) == 5
    assert len(g["edges"]) == 10


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_store_export_targets(conn, tmp_path, fmt):
    out = tmp_path / f"targets.{fmt}"
    assert exports.export(conn, "targets", fmt, out) == 2
    if fmt == "csv":
        with out.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        values = [r["value"] for r in rows]
    elif fmt == "json":
        rows = json.loads(out.read_text(encoding="utf-8"))
        values = [r["value"] for r in rows]
    else:
        table = pq.read_table(out)
        rows = table.to_pylist()
        values = [r["value"] for r in rows]
        assert table.schema.names == exports.COLUMNS["targets"]
    assert list(rows[0]) == exports.COLUMNS["targets"]
    expected = {"csv": ["19.6", "19.3"], "json": [19.6, 19.3], "parquet": [Decimal("19.6"), Decimal("19.3")]}[fmt]
    assert values == expected  # path order: seed 001, then 002
    first = [str(rows[0][k]) for k in ("district", "year", "role", "unit", "span_start")]
    assert first == ["Ba Tơ", "2024", "actual", "giường", "33056"]


@pytest.mark.parametrize("what", ["references", "assignments"])
def test_store_export_other_tables(conn, tmp_path, what):
    out = tmp_path / f"{what}.json"
    n = exports.export(conn, what, "json", out)
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert n == len(rows) == {"references": 10, "assignments": 1}[what]
    assert list(rows[0]) == exports.COLUMNS[what]
    assert all(isinstance(r["span_start"], int) for r in rows)
