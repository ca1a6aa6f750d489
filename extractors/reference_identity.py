"""Identity of a cited document: issuer resolution, the canonical key, human queries.

"01/QĐ-UBND" exists in every district every year, so the key combines type, number, symbol,
year and — for local symbols — the issuer resolved in the citing document's jurisdiction
("UBND huyện" cited from a Ba Tơ document is UBND huyện Ba Tơ). National symbols (NĐ-CP,
QĐ-TTg, TT-BTC, /QH15, -CT/TW) are unique by number + year + symbol and carry no issuer.

The key is a readable string ``TYPE|NUMBER|SYMBOL|YEAR|QUALIFIER`` (DESIGN.md):
``KH|104|KH-UBND|2024|ubnd-huyen-ba-to``, ``NĐ|98|NĐ-CP|2023|``, ``CT|34|CT/TW|2014|``,
``LUAT|||2022|2022-06-15`` (a law by name and date), ``LUAT|||2025|luat-nsnn`` (by name and
year). The store matches a human query on the parts it gives (an empty part is a wildcard).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from extractors.lexicon import load_lexicon
from extractors.patterns.dates import DATE_RE
from extractors.patterns.references import NUMSYM_RE, TYPE_WORD_RE, type_entry
from pipeline.normalize import fold_diacritics
from schemas import Jurisdiction

__all__ = ["KeyParts", "issuer_code", "parse_reference_query", "reference_key", "resolve_issuer", "slug"]

_SLUG_RE = re.compile(r"[^a-z0-9]+")
_UNIT_WORDS = ("tỉnh", "huyện", "xã", "thành phố", "thị xã", "quận", "phường", "thị trấn")
# "UBND tỉnh", "Chủ tịch UBND huyện", "Ban Thường vụ Tỉnh ủy", "HĐND xã": a body named by its
# level only, to be completed from the citing document's jurisdiction.
_RELATIVE_RE = re.compile(
    r"(?P<head>.*?)\b(?P<unit>tỉnh|huyện|xã|thị xã|thị trấn|quận|phường|thành phố)$"
    r"|(?P<party>.*?\b(?P<pu>Tỉnh ủy|Tỉnh uỷ|Huyện ủy|Huyện uỷ))$",
    re.I,
)


# A province department named without its province: "Sở Nội vụ", "Giám đốc Sở Tài chính".
_DEPARTMENT_RE = re.compile(r"^(?:Giám đốc\s+)?Sở\s")


@dataclass(frozen=True)
class KeyParts:
    """The parts of an identity key, as the store keeps them in columns."""

    type: str = ""
    number: str = ""
    symbol: str = ""
    year: str = ""
    qualifier: str = ""

    def key(self) -> str:
        return "|".join((self.type, self.number, self.symbol, self.year, self.qualifier))


def slug(text: str) -> str:
    """ASCII slug for keys: 'UBND huyện Ba Tơ' → 'ubnd-huyen-ba-to'."""
    return _SLUG_RE.sub("-", fold_diacritics(text).lower()).strip("-")


@cache
def _issuers() -> tuple[list[tuple[re.Pattern[str], dict]], list[str], list[tuple[re.Pattern[str], str]]]:
    codes = []
    for e in load_lexicon("issuers", "entries", required=("code", "name", "scope", "examples")):
        pat = e.get("pattern") or re.escape(e["code"])
        codes.append((re.compile(rf"(?:{pat})", re.I), e))
    titles = sorted((t["title"] for t in load_lexicon("issuers", "titles")), key=len, reverse=True)
    abbr = [
        (re.compile(r"(?<!\w)" + re.escape(a["long"]).replace(r"\ ", r"\s+") + r"(?!\w)", re.I), a["short"])
        for a in load_lexicon("issuers", "abbreviations")
    ]
    abbr.append((re.compile(r"(?<!\w)Uỷ\s+ban\s+nhân\s+dân(?!\w)", re.I), "UBND"))
    return codes, titles, abbr


@lru_cache(maxsize=4096)
def issuer_code(symbol: str | None) -> dict | None:
    """issuers.yaml entry for a symbol's issuer part ('QĐ-UBND' → UBND, 'CT/TW' → TW)."""
    if not symbol:
        return None
    groups = re.split(r"[-/]", symbol)
    first = 1 if len(groups) > 1 else 0
    if type_entry_code(groups[0]) is None:  # công văn: the first group is already the issuer
        first = 0
    codes, _, _ = _issuers()
    for g in groups[first:]:
        for pat, e in codes:
            if pat.fullmatch(g):
                return e
    return None


@cache
def _type_codes() -> dict[str, dict]:
    out = {}
    for e in load_lexicon("doc_types"):
        for c in e.get("codes", []):
            out[c.upper()] = e
    return out


def type_entry_code(code: str) -> dict | None:
    """doc_types entry for a type code in a symbol ('QĐ' → Quyết định)."""
    return _type_codes().get(code.upper())


def canonical_issuer(text: str) -> str:
    """Short form of an issuer as written: 'Ủy ban nhân dân huyện' → 'UBND huyện'."""
    _, _, abbr = _issuers()
    out = " ".join(text.split())
    for pat, short in abbr:
        out = pat.sub(short, out)
    return out


def _body(issuer: str) -> str:
    """The body without the signer's title: 'Chủ tịch UBND tỉnh X' → 'UBND tỉnh X'."""
    _, titles, _ = _issuers()
    for t in titles:
        if issuer.lower().startswith(t.lower() + " "):
            return issuer[len(t) + 1 :]
    return issuer


def resolve_issuer(
    issuer: str | None, symbol: str | None, juris: Jurisdiction, own_issuer: str | None
) -> tuple[str | None, str | None]:
    """Resolve an issuer in the citing document's jurisdiction; returns (resolved, how).

    ``how`` is one of: 'symbol' (national code), 'as-written', 'jurisdiction:province',
    'jurisdiction:district', 'jurisdiction:commune', 'citing-issuer' (no issuer written and a
    local symbol: the citing body's own series), 'unresolved'.
    """
    code = issuer_code(symbol)
    if issuer:
        canon = canonical_issuer(issuer)
        m = _RELATIVE_RE.match(canon)
        if m:
            return _complete(canon, m, juris)
        if (
            _DEPARTMENT_RE.match(canon)
            and juris.province
            and fold_diacritics(juris.province) not in fold_diacritics(canon)
        ):
            return f"{canon} {juris.province}", "jurisdiction:province"  # "Sở Nội vụ" of the province
        return canon, "as-written"
    if code is None:
        return None, "unresolved"
    if code["scope"] == "national":
        return code["name"], "symbol"
    if code["scope"] in ("province", "district"):
        level = "tỉnh" if code["scope"] == "province" else "huyện"
        place = juris.province if level == "tỉnh" else juris.district
        if place:
            return f"{code['name']} {place}", f"jurisdiction:{'province' if level == 'tỉnh' else 'district'}"
        return None, "unresolved"
    if own_issuer and code["code"] in ("UBND", "HĐND", "UB") and code["code"] in canonical_issuer(own_issuer):
        return own_issuer, "citing-issuer"
    return None, "unresolved"


def _complete(canon: str, m: re.Match[str], juris: Jurisdiction) -> tuple[str, str]:
    if m.group("pu"):
        pu = m.group("pu").lower()
        place = juris.province if pu.startswith("tỉnh") else juris.district
        how = "province" if pu.startswith("tỉnh") else "district"
        return (f"{canon} {place}", f"jurisdiction:{how}") if place else (canon, "unresolved")
    unit = m.group("unit").lower()
    if unit == "tỉnh" or (unit == "thành phố" and juris.level in ("tỉnh", "trung ương", None) and not juris.district):
        place, how = juris.province, "province"  # "UBND Thành phố" in a Hồ Chí Minh text
    elif unit in ("huyện", "thị xã", "quận", "thành phố"):
        place, how = juris.district, "district"
    else:
        place, how = juris.commune, "commune"
    if place:
        return f"{canon} {place}", f"jurisdiction:{how}"
    return canon, "unresolved"


def _number_key(number: str | None) -> str:
    if not number:
        return ""
    stripped = number.lstrip("0")
    return stripped or "0"


def symbol_key(symbol: str | None) -> str:
    """Symbol for keys: upper-case, no spaces, 'Đ' kept (NFC); 'QĐ - UBND' → 'QĐ-UBND'."""
    if not symbol:
        return ""
    return unicodedata.normalize("NFC", re.sub(r"\s+", "", symbol)).upper()


def reference_key(
    doc_type: str | None,
    number: str | None,
    symbol: str | None,
    year: int | None,
    issuer_resolved: str | None = None,
    *,
    date_iso: str | None = None,
    name: str | None = None,
    issuer_how: str | None = None,
    context: str | None = None,
) -> str:
    """Canonical identity key of a cited document (see the module docstring).

    >>> reference_key("Kế hoạch", "104", "KH-UBND", 2024, "UBND huyện Ba Tơ")
    'KH|104|KH-UBND|2024|ubnd-huyen-ba-to'
    >>> reference_key("Nghị định", "98", "NĐ-CP", 2023)
    'NĐ|98|NĐ-CP|2023|'
    >>> reference_key("Luật", None, None, 2022, date_iso="2022-06-15", name="Luật Thi đua, khen thưởng")
    'LUAT|||2022|2022-06-15'
    """
    return key_parts(doc_type, number, symbol, year, issuer_resolved, date_iso=date_iso, name=name,
                     issuer_how=issuer_how, context=context).key()  # fmt: skip


def key_parts(
    doc_type: str | None,
    number: str | None,
    symbol: str | None,
    year: int | None,
    issuer_resolved: str | None = None,
    *,
    date_iso: str | None = None,
    name: str | None = None,
    issuer_how: str | None = None,
    context: str | None = None,
) -> KeyParts:
    """The parts of :func:`reference_key` (the type comes from the symbol when it has one)."""
    sym = symbol_key(symbol)
    tcode = ""
    if sym:
        t = type_entry_code(re.split(r"[-/]", sym)[0])
        # The printed symbol names the type, except codes shared by two types: Party "QĐ" is
        # also Quy định, "TT" also Thông tri and old Tờ trình (vn-document-format §1.1, §3.4).
        ambiguous = (t or {}).get("key") in ("QĐ", "TT") and doc_type in ("Quy định", "Thông tri", "Tờ trình")
        if t is not None and not ambiguous:
            tcode = t["key"]
    if not tcode:
        entry = type_entry(doc_type) if doc_type else None
        tcode = entry["key"] if entry else "CV" if sym else ""
    yr = str(year) if year else ""
    if not number:
        qualifier = date_iso or (slug(name) if name else "")
        return KeyParts(tcode, "", "", yr, qualifier)
    code = issuer_code(sym)
    qualifier = ""
    if (code is None or code["scope"] != "national") and issuer_resolved:
        qualifier = slug(_body(issuer_resolved))
        if issuer_how == "unresolved" and context:
            qualifier += "~" + slug(context)
    return KeyParts(tcode, _number_key(number), sym, yr, qualifier)


_QUERY_YEAR_RE = re.compile(r"(?<![\d/])(?P<y>(?:19|20)\d{2})(?![\d/])")


def parse_reference_query(query: str) -> KeyParts:
    """Key parts from human input, for ``vanban cited-by``; absent parts stay empty.

    >>> parse_reference_query("QĐ 01/QĐ-UBND 2023")
    KeyParts(type='QĐ', number='1', symbol='QĐ-UBND', year='2023', qualifier='')
    >>> parse_reference_query("Chỉ thị 34-CT/TW")
    KeyParts(type='CT', number='34', symbol='CT/TW', year='', qualifier='')
    >>> parse_reference_query("Nghị định 98/2023/NĐ-CP")
    KeyParts(type='NĐ', number='98', symbol='NĐ-CP', year='2023', qualifier='')
    """
    text = " ".join(query.replace("Ð", "Đ").split())
    tm = TYPE_WORD_RE.search(text)
    doc_type = type_entry(tm.group())["name"] if tm else None
    m = NUMSYM_RE.search(text)
    if m is None:
        return KeyParts(type_entry(doc_type)["key"] if doc_type else "", "", "", _query_year(text) or "", "")
    party = m.group("pnum") is not None
    number = m.group("pnum") if party else m.group("num")
    symbol = m.group("psym") if party else m.group("sym")
    year = None if party else m.group("year")
    if year is None:
        year = _query_year(text[m.end() :]) or _query_year(text[: m.start()])
    parts = key_parts(doc_type, number, symbol, int(year) if year else None)
    return KeyParts(parts.type, parts.number, parts.symbol, parts.year, "")


def _query_year(text: str) -> str | None:
    """Year of a date ('ngày 26/4/2024') or a bare year ('2023') in a query."""
    dm = DATE_RE.search(text)
    if dm:
        return dm.group("y") or dm.group("yl")
    ym = _QUERY_YEAR_RE.search(text)
    return ym.group("y") if ym else None
