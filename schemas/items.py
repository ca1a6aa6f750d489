"""Extracted items: references, quantities, targets, assignments, movements, awards.

Each item flattens :class:`~schemas.common.Provenance` (text, span, block, page, section)
and records the extractor version that produced it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field, PlainSerializer

from schemas.common import CharSpan, Provenance


def _json_number(d: Decimal) -> int | float:
    """JSON has no decimal type: integral values print as ints, others as shortest floats."""
    return int(d) if d == d.to_integral_value() else float(d)


#: An exact decimal in Python, a plain number in JSON.
Num = Annotated[Decimal, PlainSerializer(_json_number, when_used="json")]


class Relation(StrEnum):
    """How the citing document relates to the cited one (legal-database link taxonomy)."""

    CAN_CU = "căn cứ"
    THUC_HIEN = "thực hiện"
    HUONG_DAN = "hướng dẫn"
    SUA_DOI = "sửa đổi, bổ sung"
    THAY_THE = "thay thế"
    BAI_BO = "bãi bỏ"
    HET_HIEU_LUC = "hết hiệu lực"
    DINH_CHINH = "đính chính"
    KHEN_THUONG = "khen thưởng tại"
    DAN_CHIEU = "dẫn chiếu"


class Reference(Provenance):
    """A citation of another document ('Quyết định số 01/QĐ-UBND ngày 20/01/2023 của …')."""

    extractor: str = "references.v1"
    doc_type: str | None = Field(None, description="canonical type word, e.g. 'Quyết định'")
    doc_type_raw: str | None = None
    number: str | None = Field(None, description="as written, leading zeros kept ('01')")
    year: int | None = Field(None, description="only when the symbol carries it (98/2023/NĐ-CP)")
    symbol: str | None = Field(None, description="normalised: 'QĐ-UBND', 'UBND-NV', 'CT/TW'")
    symbol_raw: str | None = None
    party: bool = Field(False, description="Party numbering 'số 34-CT/TW'")
    name: str | None = Field(None, description="laws cited by name: 'Luật Thi đua, khen thưởng'")
    date: dt.date | None = None
    date_raw: str | None = None
    issuer: str | None = Field(None, description="as written after 'của'")
    issuer_resolved: str | None = Field(None, description="issuer in the citing doc's jurisdiction")
    issuer_resolution: str | None = Field(None, description="how issuer_resolved was obtained")
    subject: str | None = None
    relation: Relation = Relation.DAN_CHIEU
    cue: str | None = Field(None, description="the cue phrase that set the relation")
    key: str = Field(description="canonical identity key, e.g. 'KH|104|KH-UBND|2024|ubnd-huyen-ba-to'")
    in_footnote: bool = False


class Comparator(StrEnum):
    EQ = "eq"
    APPROX = "approx"
    GTE = "gte"
    GT = "gt"
    LTE = "lte"
    LT = "lt"
    RANGE = "range"


class QuantityKind(StrEnum):
    NUMBER = "number"
    PERCENT = "percent"
    MONEY = "money"
    RANGE = "range"
    RATIO = "ratio"  # 553/553 nhà, 93/10.345 học sinh
    RANK = "rank"  # 03/06, xếp thứ 05/06
    DURATION = "duration"  # 15 ngày làm việc, 10 năm (never a target on its own)
    AGE = "age"  # 5-6 tuổi


class Quantity(Provenance):
    """A number with its unit, parsed exactly ('2.308,61 tỷ đồng' → 2308.61 tỷ đồng)."""

    extractor: str = "quantities.v1"
    kind: QuantityKind = QuantityKind.NUMBER
    value: Num
    value_max: Num | None = None
    denominator: Num | None = Field(None, description="ratios and ranks: the part after '/'")
    unit: str | None = Field(None, description="unit as written, scale word included ('tỷ đồng')")
    unit_canonical: str | None = Field(None, description="canonical unit ('đồng', '%', 'ha', 'người')")
    value_canonical: Num | None = Field(None, description="value in unit_canonical (money in đồng)")
    comparator: Comparator = Comparator.EQ
    value_text: str | None = Field(None, description="the number as written ('2.308,61')")


class Role(StrEnum):
    TARGET = "target"  # chỉ tiêu / phấn đấu / mục tiêu
    PLAN = "plan"  # kế hoạch giao (plan value in a report)
    ACTUAL = "actual"  # thực hiện / đạt (reported result)
    ESTIMATE = "estimate"  # ước đạt / ước thực hiện
    PERCENT_OF_PLAN = "percent_of_plan"  # đạt 100,18% KH
    CHANGE = "change"  # tăng 9,96% so với cùng kỳ
    BASELINE = "baseline"
    SCORE = "score"  # điểm thi đua
    DEDUCTION = "deduction"  # bị trừ 2 điểm
    RANK = "rank"  # xếp thứ 05/06
    NORM = "norm"  # support level, fee, rate fixed by the document
    REQUESTED = "requested"
    FORECAST = "forecast"


class Target(Provenance):
    """An indicator with a figure and its role: a chỉ tiêu or a reported result."""

    extractor: str = "targets.v1"
    indicator: str = Field(description="indicator name as written (trimmed)")
    indicator_key: str | None = Field(None, description="match key for cross-document matching")
    value: Num
    value_max: Num | None = None
    denominator: Num | None = Field(None, description="ranks and ratios: 05/06 → value 5, denominator 6")
    unit: str | None = None
    unit_canonical: str | None = None
    value_canonical: Num | None = None
    comparator: Comparator = Comparator.EQ
    role: Role = Role.TARGET
    direction: str | None = Field(None, description="tăng | giảm | giữ vững")
    year: int | None = None
    period: str | None = Field(None, description="e.g. '2021-2025', 'năm 2024', '6 tháng đầu năm'")
    scope: str | None = Field(None, description="what/where the figure applies to, e.g. 'huyện Ba Tơ'")
    quantity_span: CharSpan | None = Field(None, description="span of the figure itself")


class Assignment(Provenance):
    """A task given to an agency: chủ trì / phối hợp / thời hạn."""

    extractor: str = "agencies.v1"
    lead: str | None = Field(None, description="responsible body as written")
    lead_canonical: str | None = None
    cooperating: list[str] = Field(default_factory=list)
    cooperating_canonical: list[str] = Field(default_factory=list)
    deadline: str | None = Field(None, description="ISO date when a calendar date is given, else the wording")
    deadline_date: dt.date | None = None
    deadline_raw: str | None = None
    task: str | None = Field(None, description="the task text or the title of the section it governs")


class AgencyMention(Provenance):
    """An agency name found by the gazetteer (raw and canonical)."""

    extractor: str = "agencies.v1"
    canonical: str
    agency_id: str | None = None


class Movement(Provenance):
    """An emulation movement (phong trào thi đua), usually quoted."""

    extractor: str = "awards.v1"
    name: str
    launched_by: str | None = Field(None, description="Thủ tướng | tỉnh | huyện | … as written")
    launcher: str | None = Field(
        None, description="canonical launcher: Thủ tướng Chính phủ | Trung ương | tỉnh | huyện"
    )
    period: str | None = None


class Award(Provenance):
    """An award: level, form, recipients count and the decision it was given in."""

    extractor: str = "awards.v1"
    level: str | None = Field(None, description="nhà nước | trung ương | tỉnh | huyện | xã")
    form: str | None = Field(None, description="Cờ thi đua, Bằng khen, Giấy khen, …")
    granted_by: str | None = None
    collectives: int | None = Field(None, description="số tập thể")
    individuals: int | None = Field(None, description="số cá nhân")
    decision: str | None = Field(None, description="identity key of the decision cited")
    decision_text: str | None = None
    year: int | None = None
    households: int | None = Field(None, description="số hộ gia đình (family awards)")
    movement: str | None = Field(None, description="name of the movement the award was given in")


__all__ = [
    "AgencyMention",
    "Assignment",
    "Award",
    "CharSpan",
    "Comparator",
    "Movement",
    "Quantity",
    "QuantityKind",
    "Reference",
    "Relation",
    "Role",
    "Target",
]
