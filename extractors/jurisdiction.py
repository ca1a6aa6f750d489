"""Jurisdiction: the province / district / commune a document belongs to.

Read from, in order of trust: the header issuer lines ("UBND TỈNH QUẢNG NGÃI", "ỦY BAN NHÂN
DÂN\\nHUYỆN BA TƠ"), the place line ("Bình Sơn, ngày …"), and body mentions ("huyện Ba Tơ",
"tỉnh Quảng Ngãi", "trên địa bàn huyện"). Many archived copies lack the header (seeds 000-002
start at the title), so the body counts matter. A district the text names without its
province is completed from places.yaml. Every inference is recorded in ``evidence``.
The references extractor uses the result to resolve "UBND tỉnh" / "UBND huyện".
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from extractors.base import Extractor
from extractors.lexicon import load_lexicon
from extractors.patterns import word_start
from extractors.patterns.references import LOWER, UPPER
from pipeline.normalize import match_key
from schemas import ExtractedDocument, Jurisdiction

__all__ = ["EXTRACTOR", "HEADER_UNIT_RE", "UNIT_RE", "extract_jurisdiction", "infer_jurisdiction", "own_issuer"]

#: Characters of the document start searched for header lines.
HEADER_CHARS = 1500
#: Body mentions of one generic level ("của huyện", "UBND huyện") that make it the level.
GENERIC_LEVEL_MIN = 3

_NAME = rf"[{UPPER}][{LOWER}{UPPER}']*(?:(?:[ ]|[ ]-[ ])[{UPPER}][{LOWER}{UPPER}']*){{0,3}}"
_KINDS = ("tỉnh", "thành phố", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn")
# Each kind in lower, Capitalised and UPPER case: an explicit alternation scans much faster
# than an IGNORECASE one (and ``word_start`` lets re jump to the kinds' first letters).
_KIND = word_start(v for k in _KINDS for v in dict.fromkeys((k, k[0].upper() + k[1:], k.upper())))
# "tỉnh Quảng Ngãi", "huyện Ba Tơ", "xã Cẩm Lĩnh", "Thành phố Hồ Chí Minh" (body mentions).
UNIT_RE = re.compile(rf"(?P<kind>{_KIND})[ ](?P<name>{_NAME})(?!\w)")
# Header issuer cell: "UBND TỈNH QUẢNG NGÃI", "HUYỆN BÌNH SƠN" (after "ỦY BAN NHÂN DÂN"),
# "thành phố cần thơ" (2004 transcript, dev-eval 014), "HUYỆN ỦY BA TƠ". One cell at a time.
HEADER_UNIT_RE = re.compile(
    r"^(?:(?:ủy|uỷ)\s+ban\s+nhân\s+dân|ubnd|hội\s+đồng\s+nhân\s+dân|hđnd)?\s*"
    r"(?P<kind>tỉnh|thành\s+phố|huyện|thị\s+xã|quận|xã|phường|thị\s+trấn)(?:\s+(?:ủy|uỷ))?\s+"
    rf"(?!hội(?!\w))(?P<name>[{LOWER}{UPPER}]+(?:(?:\s|\s-\s)[{LOWER}{UPPER}]+){{0,3}})$",
    re.I,
)
# Central issuers open the header: "THỦ TƯỚNG CHÍNH\nPHỦ", "VĂN PHÒNG CHÍNH PHỦ", "bộ tài chính".
CENTRAL_RE = re.compile(
    r"^(?:thủ tướng chính phủ|văn phòng chính phủ|chính phủ|quốc hội|bộ\s|ban chấp hành trung ương)", re.I
)
_HEADER_END_RE = re.compile(r"^[\s*|]*(?i:số)\b", re.M)
# Cells: tabs, runs of spaces, table pipes, or the right column's first words once the
# normaliser has collapsed the spacing ("TỈNH BÌNH PHƯỚC Độc lập - …", dev-eval 013).
_CELL_SPLIT_RE = re.compile(r"\t+| {2,}|\||\s(?=(?i:cộng\s+hòa|cộng\s+hoà|độc\s+lập|đảng\s+cộng)\b)")
# Place line: "Bình Sơn, ngày 12 tháng 3 năm 2024" / "Cẩm Lĩnh, ngày   tháng 3 năm 2024".
PLACE_RE = re.compile(rf"^[ \t]*(?P<place>{_NAME})\s*,\s*ngày\b", re.M)
# Generic self-references of a level: "UBND huyện", "của huyện", "trên địa bàn huyện".
GENERIC_RE = re.compile(
    word_start(["UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "của", "địa bàn", "toàn"])
    + r"[ ](?P<kind>tỉnh|huyện|xã)(?![ ]?[\w])"
)
_LEVEL_OF = {"tỉnh": "tỉnh", "thành phố": "tỉnh", "huyện": "huyện", "thị xã": "huyện", "quận": "huyện",
             "xã": "xã", "phường": "xã", "thị trấn": "xã"}  # fmt: skip


@cache
def _places() -> tuple[dict[str, dict], dict[str, dict]]:
    provinces = {}
    for e in load_lexicon("places", "provinces", required=("name", "kind", "examples")):
        for n in [e["name"], *e.get("aliases", [])]:
            provinces[match_key(n)] = e
    districts = {match_key(e["name"]): e for e in load_lexicon("places", "districts", required=("name", "province"))}
    return provinces, districts


def _title(name: str) -> str:
    """'QUẢNG NGÃI' → 'Quảng Ngãi' (header capitals to the usual spelling)."""
    return " ".join(w[:1].upper() + w[1:].lower() for w in name.split())


def infer_jurisdiction(doc: ExtractedDocument) -> Jurisdiction:
    """Province, district, commune and level of ``doc``, with the evidence for each."""
    text = doc.text
    provinces, districts = _places()
    evidence: list[str] = []
    found: dict[str, tuple[str, str]] = {}  # level -> (name, kind)
    head = text[:HEADER_CHARS]
    header_level = _header_units(head, found, evidence)
    place = PLACE_RE.search(head)
    level = header_level or _generic_level(text, evidence)
    if place and header_level is None:
        _use_place(place.group("place"), level, found, evidence, provinces, districts)
    body = _body_counts(text)
    for lvl in ("tỉnh", "huyện", "xã"):
        if lvl in found or not body[lvl] or (level and _rank(lvl) > max(_rank(level), 1)):
            continue
        (name, kind), n = body[lvl].most_common(1)[0]
        if lvl == "tỉnh" and match_key(name) not in provinces:
            continue
        if lvl == "tỉnh":
            name = provinces[match_key(name)]["name"]
        found[lvl] = (name, kind)
        evidence.append(f"body: '{kind} {name}' ×{n}")
    if "huyện" in found and "tỉnh" not in found:
        d = districts.get(match_key(found["huyện"][0]))
        if d:
            found["tỉnh"] = (d["province"], "tỉnh")
            evidence.append(f"places.yaml: {d['kind']} {d['name']} is in {d['province']}")
    return _build(found, level, evidence)


def _header_units(head: str, found: dict, evidence: list[str]) -> str | None:
    """Units named by the issuer cells of the header (before the "Số:" line); the lowest level."""
    end = _HEADER_END_RE.search(head)
    zone = head[: end.start()] if end else head[:600]
    flat = " ".join(zone.replace("*", " ").replace("|", " ").split())
    if CENTRAL_RE.match(flat):
        evidence.append(f"header: central issuer {flat[:40]!r}")
        return "trung ương"
    level = None
    for line in zone.splitlines():
        for cell in _CELL_SPLIT_RE.split(line.replace("*", "")):
            m = HEADER_UNIT_RE.match(" ".join(cell.split()))
            if m is None:
                continue
            kind = " ".join(m.group("kind").lower().split())
            lvl = _LEVEL_OF[kind]
            if lvl not in found:
                name = _title(m.group("name"))
                known = _places()[0].get(match_key(name)) if lvl == "tỉnh" else None
                found[lvl] = (known["name"] if known else name, kind)
                evidence.append(f"header: {cell.strip()!r}")
                level = lvl if level is None or _rank(lvl) > _rank(level) else level
    return level


def _rank(level: str) -> int:
    return {"trung ương": 0, "tỉnh": 1, "huyện": 2, "xã": 3}[level]


def _body_counts(text: str) -> dict[str, Counter]:
    """Mentions per level. A one-syllable name counts only when places.yaml knows it, so
    "các huyện Miền núi" (seed 000) is not a district but "thành phố Huế" is a city."""
    provinces, districts = _places()
    counts: dict[str, Counter] = {"tỉnh": Counter(), "huyện": Counter(), "xã": Counter()}
    for m in UNIT_RE.finditer(text):
        kind = m.group("kind").lower()
        name = m.group("name")
        if " " not in name and match_key(name) not in provinces and match_key(name) not in districts:
            continue
        if kind == "xã" and name.split()[0].casefold() in ("hội", "nông"):
            continue
        counts[_LEVEL_OF[kind]][(name, kind)] += 1
    return counts


def _generic_level(text: str, evidence: list[str]) -> str | None:
    """Level from self-references ("UBND huyện ban hành…", "trên địa bàn huyện", "của xã")."""
    c = Counter(m.group("kind") for m in GENERIC_RE.finditer(text))
    for kind in ("xã", "huyện", "tỉnh"):  # the lowest level that the text keeps calling itself
        if c[kind] >= GENERIC_LEVEL_MIN:
            evidence.append(f"generic: '{kind}' ×{c[kind]} (UBND/của/địa bàn {kind})")
            return kind
    return None


def _use_place(
    place: str, level: str | None, found: dict, evidence: list[str], provinces: dict, districts: dict
) -> None:
    """The place line names the issuer's own unit (ND30 Phụ lục I II.4): a district or commune."""
    key = match_key(place)
    if key in districts:
        d = districts[key]
        found["huyện"] = (d["name"], d["kind"])
        evidence.append(f"place line: {place!r} (district in places.yaml)")
    elif level == "xã" and key not in provinces:
        found["xã"] = (place, "xã")
        evidence.append(f"place line: {place!r} (commune-level text)")
    elif level == "huyện" and key not in provinces:
        found["huyện"] = (place, "huyện")
        evidence.append(f"place line: {place!r} (district-level text)")


def _build(found: dict[str, tuple[str, str]], level: str | None, evidence: list[str]) -> Jurisdiction:
    prov = found.get("tỉnh")
    dist = found.get("huyện")
    comm = found.get("xã")
    if level == "huyện":
        comm = None
    elif level in ("tỉnh", "trung ương"):
        dist = comm = None
    return Jurisdiction(
        province=prov[0] if prov else None,
        district=dist[0] if dist else None,
        district_kind=dist[1] if dist else None,
        commune=comm[0] if comm else None,
        commune_kind=comm[1] if comm else None,
        level=level,
        evidence=evidence,
    )


def own_issuer(j: Jurisdiction) -> str | None:
    """The citing body implied by the jurisdiction: 'UBND huyện Ba Tơ' for a district document."""
    if j.level == "xã" and j.commune:
        return f"UBND {j.commune_kind or 'xã'} {j.commune}"
    if j.level == "huyện" and j.district:
        return f"UBND {j.district_kind or 'huyện'} {j.district}"
    if j.level == "tỉnh" and j.province:
        return f"UBND tỉnh {j.province}"
    return None


def extract_jurisdiction(doc: ExtractedDocument) -> dict:
    """Extractor entry point: ``{"jurisdiction": Jurisdiction}``."""
    return {"jurisdiction": infer_jurisdiction(doc)}


EXTRACTOR = Extractor(
    name="jurisdiction", version="jurisdiction.v1", provides=("jurisdiction",), extract=extract_jurisdiction
)
