"""Hand-built ExtractedDocuments for store tests, on the real seed texts.

The extractors fill these fields in production; here each item is placed by hand on the
words the seed really contains (``_at`` finds them, so spans slice back exactly), with
values read from the documents. The store's behaviour is then testable on its own.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

import pipeline
from pipeline import store
from pipeline.store import api
from schemas import Assignment, DocumentMeta, ExtractedDocument, Jurisdiction, Reference, Relation, Role, Target
from tests.conftest import seed_path

BA_TO = Jurisdiction(province="Quảng Ngãi", district="Ba Tơ", district_kind="huyện", level="huyện")
BINH_SON = Jurisdiction(province="Quảng Ngãi", district="Bình Sơn", district_kind="huyện", level="huyện")
CAM_LINH = Jurisdiction(commune="Cẩm Lĩnh", commune_kind="xã", level="xã")


def _at(doc: ExtractedDocument, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(needle, start + 1)
    return (start, start + len(needle))


def ref(doc: ExtractedDocument, needle: str, key: str, **fields) -> Reference:
    """A reference on the exact words ``needle`` of ``doc``."""
    return Reference(text=needle, span=_at(doc, needle), key=key, **fields)


def target(doc: ExtractedDocument, needle: str, **fields) -> Target:
    return Target(text=needle, span=_at(doc, needle), **fields)


def _read(n: int) -> ExtractedDocument:
    return pipeline.read_document(seed_path(n, "txt"))


CT34 = dict(doc_type="Chỉ thị", number="34", symbol="CT/TW", party=True, issuer="Bộ Chính trị")
CT34_KEY = "CT|34|CT/TW||tw"


def seed0() -> ExtractedDocument:
    d = _read(0)
    meta = DocumentMeta(
        doc_type="Kế hoạch",
        subject="Khắc phục, cải thiện và nâng cao điểm thi đua Cụm các huyện Miền núi và Hải đảo năm 2024 của UBND huyện",
    )
    qd01 = "Quyết định số 01/QĐ-UBND ngày 20/01/2023 của Cụm thi đua các huyện Miền núi và Hải đảo"
    refs = [
        ref(d, qd01, "QĐ|01|QĐ-UBND|2023|cum-thi-dua-mien-nui-hai-dao", doc_type="Quyết định", number="01",
            symbol="QĐ-UBND", date=dt.date(2023, 1, 20), issuer="Cụm thi đua các huyện Miền núi và Hải đảo",
            issuer_resolved="Cụm thi đua các huyện Miền núi và Hải đảo", relation=Relation.CAN_CU,
            subject="ban hành Quy chế hoạt động của Cụm thi đua các huyện Miền núi và Hải đảo năm 2022"),
    ]  # fmt: skip
    lead = "Cơ quan chủ trì tham mưu: Phòng Nội vụ."
    assignment = Assignment(
        text=lead,
        span=_at(d, lead),
        lead="Phòng Nội vụ",
        cooperating=["Văn phòng HĐND và UBND huyện"],
        deadline="2024-12-31",
        deadline_date=dt.date(2024, 12, 31),
        task="Nâng cao chỉ số Công tác cải cách hành chính trong năm 2024 cao hơn 2023.",
    )
    return d.model_copy(update={"meta": meta, "jurisdiction": BA_TO, "references": refs, "assignments": [assignment]})


def seed1() -> ExtractedDocument:
    d = _read(1)
    meta = DocumentMeta(doc_type="Báo cáo", subject="Tổng kết công tác thi đua, khen thưởng năm 2024")
    kh104 = (
        "Kế hoạch số 104/KH-UBND ngày 26/4/2024 về việc khắc phục, cải thiện và nâng cao điểm thi đua"
        " miền núi và hải đảo năm 2024"
    )
    refs = [
        ref(d, "Công văn số 128/BTĐKT-THHC ngày 17/10/2024 của Ban Thi đua - Khen thưởng tỉnh",
            "CV|128|BTĐKT-THHC|2024|ban-thi-dua-khen-thuong-tinh-quang-ngai", doc_type="Công văn", number="128",
            symbol="BTĐKT-THHC", date=dt.date(2024, 10, 17), issuer="Ban Thi đua - Khen thưởng tỉnh",
            issuer_resolved="Ban Thi đua - Khen thưởng tỉnh Quảng Ngãi", relation=Relation.THUC_HIEN),
        ref(d, kh104, "KH|104|KH-UBND|2024|ubnd-huyen-ba-to", doc_type="Kế hoạch", number="104", symbol="KH-UBND",
            date=dt.date(2024, 4, 26), relation=Relation.DAN_CHIEU,
            subject="khắc phục, cải thiện và nâng cao điểm thi đua miền núi và hải đảo năm 2024"),
        ref(d, "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị", CT34_KEY, date=dt.date(2014, 4, 7),
            relation=Relation.THUC_HIEN, **CT34),
    ]  # fmt: skip
    targets = [
        target(d, "số giường bệnh/vạn dân là 19,6 giường", indicator="số giường bệnh/vạn dân", value=Decimal("19.6"),
               unit="giường", role=Role.ACTUAL, year=2024),
    ]  # fmt: skip
    return d.model_copy(update={"meta": meta, "jurisdiction": BA_TO, "references": refs, "targets": targets})


def seed2() -> ExtractedDocument:
    d = _read(2)
    meta = DocumentMeta(
        doc_type="Kế hoạch", subject="Phát động phong trào thi đua thực hiện thắng lợi nhiệm vụ năm 2021"
    )
    refs = [
        ref(d, "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị", CT34_KEY, date=dt.date(2014, 4, 7),
            relation=Relation.THUC_HIEN, **CT34),
    ]  # fmt: skip
    targets = [
        target(d, "Số giường bệnh/lạ dân: 19,3 giường", indicator="Số giường bệnh/lạ dân", value=Decimal("19.3"),
               unit="giường", role=Role.TARGET, year=2021),
    ]  # fmt: skip
    return d.model_copy(update={"meta": meta, "jurisdiction": BA_TO, "references": refs, "targets": targets})


def seed3() -> ExtractedDocument:
    d = _read(3)
    meta = DocumentMeta(doc_type="Kế hoạch", symbol="KH-UBND", subject="Tổ chức phong trào thi đua năm 2024")
    refs = [
        ref(d, "công văn số 351/UBND - NV ngày 25/01/2024 của UBND huyện", "CV|351|UBND-NV|2024|ubnd-huyen",
            doc_type="Công văn", number="351", symbol="UBND-NV", date=dt.date(2024, 1, 25), issuer="UBND huyện",
            relation=Relation.THUC_HIEN),
        ref(d, "Chỉ thị 34-CT/TW của Bộ Chính trị", CT34_KEY, relation=Relation.DAN_CHIEU, **CT34),
    ]  # fmt: skip
    return d.model_copy(update={"meta": meta, "jurisdiction": CAM_LINH, "references": refs})


def seed4() -> ExtractedDocument:
    d = _read(4)
    meta = DocumentMeta(doc_type="Công văn", symbol="UBND", issuer="UBND huyện Bình Sơn",
                        subject="đăng ký giao ước thi đua năm 2024")  # fmt: skip
    refs = [
        ref(d, "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ", "NĐ|98|NĐ-CP|2023|cp", doc_type="Nghị định",
            number="98", year=2023, symbol="NĐ-CP", date=dt.date(2023, 12, 31), issuer="Chính phủ",
            relation=Relation.CAN_CU),
        ref(d, "Quyết định 05/2024/QĐ-UBND ngày 24/01/2024 của UBND tỉnh Quảng Ngãi",
            "QĐ|05|QĐ-UBND|2024|ubnd-tinh-quang-ngai", doc_type="Quyết định", number="05", year=2024,
            symbol="QĐ-UBND", date=dt.date(2024, 1, 24), issuer="UBND tỉnh Quảng Ngãi",
            issuer_resolved="UBND tỉnh Quảng Ngãi", relation=Relation.CAN_CU),
        ref(d, "Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị", CT34_KEY, date=dt.date(2014, 4, 7),
            relation=Relation.THUC_HIEN, **CT34),
    ]  # fmt: skip
    return d.model_copy(update={"meta": meta, "jurisdiction": BINH_SON, "references": refs})


SEED_FACTORIES = [seed0, seed1, seed2, seed3, seed4]


# --- databases: every store test runs on SQLite and on the machine's PostgreSQL ------------

BACKENDS = ["sqlite", "postgresql"]
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@contextmanager
def fresh_database(backend: str, directory: Path) -> Iterator[str]:
    """A new empty database: an SQLite file, or a uniquely named PostgreSQL database."""
    name = f"vanban_test_{uuid.uuid4().hex[:10]}"
    if backend == "sqlite":
        yield f"sqlite:///{directory / name}.db"
        api.close_all()
        return
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        api.close_all()
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture(params=BACKENDS)
def fresh_url(request, tmp_path) -> Iterator[str]:
    """URL of an empty database (function scope), once per backend."""
    with fresh_database(request.param, tmp_path) as url:
        yield url


@pytest.fixture(params=BACKENDS, scope="module")
def seeded(request, tmp_path_factory):
    """An engine with the five hand-built seeds loaded (module scope, read-only tests)."""
    with fresh_database(request.param, tmp_path_factory.mktemp("store")) as url:
        engine = store.connect(url)
        for factory in SEED_FACTORIES:
            store.load_document(engine, factory())
        yield engine
        engine.dispose()
