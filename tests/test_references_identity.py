"""Identity keys, issuer resolution and human reference queries (for the store and the CLI)."""

from __future__ import annotations

import pytest

from extractors.reference_identity import KeyParts, issuer_code, parse_reference_query, reference_key, resolve_issuer
from schemas import Jurisdiction

BA_TO = Jurisdiction(province="Quảng Ngãi", district="Ba Tơ", district_kind="huyện", level="huyện")
CAM_LINH = Jurisdiction(commune="Cẩm Lĩnh", commune_kind="xã", level="xã")
HCM = Jurisdiction(province="Hồ Chí Minh", level="tỉnh")


@pytest.mark.parametrize(
    ("args", "kwargs", "key"),
    [
        (("Kế hoạch", "104", "KH-UBND", 2024, "UBND huyện Ba Tơ"), {}, "KH|104|KH-UBND|2024|ubnd-huyen-ba-to"),
        (("Quyết định", "01", "QĐ-UBND", 2023, "Chủ tịch UBND tỉnh Quảng Ngãi"), {}, "QĐ|1|QĐ-UBND|2023|ubnd-tinh-quang-ngai"),
        (("Nghị định", "98", "NĐ-CP", 2023, "Chính phủ"), {}, "NĐ|98|NĐ-CP|2023|"),
        (("Chỉ thị", "34", "CT/TW", 2014, "Bộ Chính trị"), {}, "CT|34|CT/TW|2014|"),
        (("Tờ trình", "127", "TTr - HĐQT", 2025, "Ngân hàng Chính sách xã hội"), {}, "TTr|127|TTR-HĐQT|2025|ngan-hang-chinh-sach-xa-hoi"),
        (("Công văn", "461", "UBND", 2024, "UBND huyện Ba Tơ"), {}, "CV|461|UBND|2024|ubnd-huyen-ba-to"),
        (("Thông báo", "06", "KH/BCĐ", 2024, None), {}, "KH|6|KH/BCĐ|2024|"),  # the symbol's type wins
        (("Luật", None, None, 2022), {"date_iso": "2022-06-15", "name": "Luật Thi đua, khen thưởng"}, "LUAT|||2022|2022-06-15"),
        (("Luật", None, None, 2025), {"name": "Luật NSNN"}, "LUAT|||2025|luat-nsnn"),
        (("Luật", "22", "QH15", 2023), {}, "LUAT|22|QH15|2023|"),
        (("Nghị quyết", "149", "NQ-HĐND", 2023, "HĐND huyện"), {"issuer_how": "unresolved", "context": "UBND xã Cẩm Lĩnh"},
         "NQ|149|NQ-HĐND|2023|hdnd-huyen~ubnd-xa-cam-linh"),
    ],
)  # fmt: skip
def test_references_identity_key(args, kwargs, key):
    assert reference_key(*args, **kwargs) == key


@pytest.mark.parametrize(
    ("query", "parts"),
    [
        ("QĐ 01/QĐ-UBND 2023", KeyParts("QĐ", "1", "QĐ-UBND", "2023", "")),
        ("Chỉ thị 34-CT/TW", KeyParts("CT", "34", "CT/TW", "", "")),
        ("Nghị định 98/2023/NĐ-CP", KeyParts("NĐ", "98", "NĐ-CP", "2023", "")),
        ("Kế hoạch số 104/KH-UBND ngày 26/4/2024", KeyParts("KH", "104", "KH-UBND", "2024", "")),
        ("104/KH-UBND", KeyParts("KH", "104", "KH-UBND", "", "")),
        ("Luật Thi đua, khen thưởng 2022", KeyParts("LUAT", "", "", "2022", "")),
    ],
)
def test_references_identity_parse_query(query, parts):
    assert parse_reference_query(query) == parts


@pytest.mark.parametrize(
    ("issuer", "symbol", "juris", "expected"),
    [
        ("UBND tỉnh", "QĐ-UBND", BA_TO, ("UBND tỉnh Quảng Ngãi", "jurisdiction:province")),
        ("UBND huyện", "QĐ-UBND", BA_TO, ("UBND huyện Ba Tơ", "jurisdiction:district")),
        ("Ủy ban nhân dân huyện", "QĐ-UBND", BA_TO, ("UBND huyện Ba Tơ", "jurisdiction:district")),
        ("Hội đồng nhân dân huyện", "NQ-HĐND", BA_TO, ("HĐND huyện Ba Tơ", "jurisdiction:district")),
        ("Ban Thường vụ Tỉnh ủy", "KH/TU", BA_TO, ("Ban Thường vụ Tỉnh ủy Quảng Ngãi", "jurisdiction:province")),
        ("UBND tỉnh Quảng Ngãi", "QĐ-UBND", BA_TO, ("UBND tỉnh Quảng Ngãi", "as-written")),
        (None, "NĐ-CP", BA_TO, ("Chính phủ", "symbol")),
        (None, "QĐ/HU", BA_TO, ("Huyện ủy Ba Tơ", "jurisdiction:district")),
        (None, "KH/TU", BA_TO, ("Tỉnh ủy Quảng Ngãi", "jurisdiction:province")),
        (None, "KH-UBND", BA_TO, ("UBND huyện Ba Tơ", "citing-issuer")),
        ("HĐND xã", "NQ-HĐND", CAM_LINH, ("HĐND xã Cẩm Lĩnh", "jurisdiction:commune")),
        ("UBND huyện", "UBND-NV", CAM_LINH, ("UBND huyện", "unresolved")),
        (None, "QĐ/BCĐ", BA_TO, (None, "unresolved")),
        ("Sở Nội vụ", "HD-SNV", BA_TO, ("Sở Nội vụ Quảng Ngãi", "jurisdiction:province")),
        ("Sở Nội vụ tỉnh Quảng Ngãi", "HD-SNV", BA_TO, ("Sở Nội vụ tỉnh Quảng Ngãi", "as-written")),
        ("Ủy ban nhân dân Thành phố", "KH-UBND", HCM, ("UBND Thành phố Hồ Chí Minh", "jurisdiction:province")),
    ],
)
def test_references_identity_resolve_issuer(issuer, symbol, juris, expected):
    from extractors.jurisdiction import own_issuer

    assert resolve_issuer(issuer, symbol, juris, own_issuer(juris)) == expected


@pytest.mark.parametrize(
    ("symbol", "code"),
    [("QĐ-UBND", "UBND"), ("CT/TW", "TW"), ("UBND-NV", "UBND"), ("TT-BTC", "BTC"), ("QH15", "QH"), ("CT-TTG", "TTg"),
     ("TTLT-BNV-BTC", "BNV"), ("QĐ-CT.UB", None)],
)  # fmt: skip
def test_references_identity_issuer_code(symbol, code):
    e = issuer_code(symbol)
    assert (e["code"] if e else None) == code
