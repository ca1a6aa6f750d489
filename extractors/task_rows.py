"""Task tables and deadlines: rows "step | task | body | time" and "trước ngày 31/12/2024".

Procedure annexes list each step as a table row whose cells name the task, the body that
does it and the time allowed (dev-eval 009 Phụ lục III). Markdown sources write a row as
cells between lines holding a single "|"; .docx/.pdf readers give TABLE_ROW blocks with
cells joined by " | " or one TABLE_CELL block per cell.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractors.agency_names import clean_name, is_agency_subject, parse_label_value
from extractors.patterns.agencies import DATE_RE, DEADLINE_RE, HEAD_RE, TIME_CELL_RE
from schemas import BlockKind, ExtractedDocument

#: A body cell is short: "Trung tâm Phục vụ hành chính công cấp tỉnh/cấp xã".
MAX_BODY_CELL_WORDS = 14
_MD_CELL_SEP_RE = re.compile(r"\n[ \t]*\|[ \t]*\n")
_MD_ROW_SEP_RE = re.compile(r"\n[ \t]*\|[ \t]*\n[ \t]*\|[ \t]*\n")
_MD_VERTICAL_TABLE_RE = re.compile(r"(?:^|\n)[ \t]*\|[ \t]*\n(?:.*\n)*?.*(?=\n\s*\n[^|]|\Z)")
_MD_LINE_ROW_RE = re.compile(r"(?m)^[ \t]*\|(?P<cells>[^\n]*\|[^\n]*)\|[ \t]*$")
_MD_RULE_RE = re.compile(r"[\s|:\-]*")
#: A header cell is a short column title.
MAX_HEADER_CHARS = 60
#: Column titles of task tables (lead, partners, time), tried in this order per cell.
_HEADER_ROLES = (
    ("coop", re.compile(r"phối\s+hợp")),
    ("time", re.compile(r"thời\s+(?:gian|hạn|điểm)|tiến\s+độ|hoàn\s+thành")),
    ("lead", re.compile(r"chủ\s+trì|thực\s+hiện|phân\s+công|trách\s+nhiệm|cơ\s+quan|đơn\s+vị")),
)


@dataclass(frozen=True)
class TaskRow:
    """A table row that assigns a task: [start, end) in doc.text, the bodies and the time cell."""

    start: int
    end: int
    body: str
    time: str | None
    cooperating: tuple[str, ...] = ()


Cell = tuple[int, int]


def table_rows(doc: ExtractedDocument) -> list[TaskRow]:
    """Rows of task tables, from markdown pipe layouts and from table blocks.

    A header row naming its columns ("Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn
    thành", "Phân công nhiệm vụ | Thời gian thực hiện") maps the rows under it; without
    one, a row counts when one cell is a body and a later one a time.
    """
    text = doc.text
    out: list[TaskRow] = []
    for table in _tables(doc):
        header: dict[str, int] | None = None
        for cells in table:
            cols = _header(text, cells)
            if cols:
                header = cols
                continue
            row = _mapped_row(text, cells, header) if header else _task_row(text, cells)
            if row:
                out.append(row)
    return out


def _tables(doc: ExtractedDocument) -> list[list[list[Cell]]]:
    text = doc.text
    tables: list[list[list[Cell]]] = []
    if "\n|" in text or text.startswith("|"):
        tables += _markdown_tables(text)
    by_table: dict[int, list[list[Cell]]] = {}
    cells_by_row: dict[tuple[int, int], list[Cell]] = {}
    for b in doc.blocks:
        if b.kind == BlockKind.TABLE_ROW and " | " in b.text:
            cells, pos = [], b.start
            for part in b.text.split(" | "):
                cells.append((pos, pos + len(part)))
                pos += len(part) + 3
            by_table.setdefault(b.table if b.table is not None else -1, []).append(cells)
        elif b.kind == BlockKind.TABLE_CELL and b.table is not None:
            cells_by_row.setdefault((b.table, b.row or 0), []).append((b.start, b.end))
    for (t, _), cells in sorted(cells_by_row.items()):
        by_table.setdefault(1000 + t, []).append(cells)
    return tables + list(by_table.values())


def _markdown_tables(text: str) -> list[list[list[Cell]]]:
    tables = []
    # thuvienphapluat layout: every cell on its own lines, cells and rows between "|" lines
    for table in _MD_VERTICAL_TABLE_RE.finditer(text):
        rows = []
        for r in _split(text, table.start(), table.end(), _MD_ROW_SEP_RE):
            cells = [c for c in _split(text, r[0], r[1], _MD_CELL_SEP_RE) if text[c[0] : c[1]].strip(" |\n")]
            if len(cells) >= 3:
                rows.append(cells)
        tables.append(rows)
    # one row per line: "| 1 | Nhiệm vụ | Phòng Nội vụ | Quý II/2024 |"
    rows, last = [], -2
    for m in _MD_LINE_ROW_RE.finditer(text):
        line = text.count("\n", 0, m.start())
        if line != last + 1 and rows:
            tables.append(rows)
            rows = []
        cells, pos = [], m.start() + 1
        for part in m.group("cells").split("|"):
            cells.append((pos, pos + len(part)))
            pos += len(part) + 1
        if len(cells) >= 3 and not _MD_RULE_RE.fullmatch(m.group("cells")):
            rows.append(cells)
        last = line
    if rows:
        tables.append(rows)
    return tables


def _header(text: str, cells: list[Cell]) -> dict[str, int] | None:
    """Column roles of a header row ('lead', 'coop', 'time'), or None for a body row."""
    cols: dict[str, int] = {}
    for i, (s, e) in enumerate(cells):
        cell = " ".join(text[s:e].split()).strip(" |*").lower()
        if len(cell) > MAX_HEADER_CHARS:
            return None
        for role, pattern in _HEADER_ROLES:
            if role not in cols and pattern.search(cell):
                cols[role] = i
                break
    return cols if "lead" in cols and ("time" in cols or "coop" in cols) else None


def _mapped_row(text: str, cells: list[Cell], cols: dict[str, int]) -> TaskRow | None:
    """A body row under a header: bodies from the lead column, partners, time."""
    if len(cells) <= max(cols.values()):
        return None

    def cell(role: str) -> str:
        s, e = cells[cols[role]] if role in cols else (0, 0)
        return clean_name(text[s:e].strip(" |\n"))

    bodies = parse_label_value(cell("lead"))
    if not bodies or not HEAD_RE.match(bodies[0]):
        return None
    partners = parse_label_value(cell("coop"), lead=False) if cell("coop") else []
    start, end = _trim(text, cells[0][0], cells[-1][1])
    return TaskRow(start, end, bodies[0], cell("time") or None, tuple(bodies[1:] + partners))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " |\n":
        start += 1
    while end > start and text[end - 1] in " |\n":
        end -= 1
    return start, end


def _split(text: str, start: int, end: int, sep: re.Pattern) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in sep.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _task_row(text: str, cells: list[Cell]) -> TaskRow | None:
    """A row with a body cell (not the first) and a time cell after it; None otherwise."""
    if len(cells) < 3:
        return None
    body = time = None
    for s, e in cells[1:]:
        cell = clean_name(text[s:e].strip(" |\n"))
        if body is None and cell and len(cell.split()) <= MAX_BODY_CELL_WORDS and is_agency_subject(cell):
            body = cell
        elif body is not None and time is None and TIME_CELL_RE.search(cell):
            time = cell
    if not body or not time:
        return None
    start, end = _trim(text, cells[0][0], cells[-1][1])
    return TaskRow(start, end, body, time)


def deadline_phrase(text: str) -> str | None:
    m = DEADLINE_RE.search(text)
    return " ".join(m.group("phrase").split()) if m else None


def parse_deadline(raw: str | None) -> tuple[str | None, dt.date | None]:
    """ISO date when the wording gives a full calendar date, else the wording itself.

    >>> parse_deadline("Thường xuyên, cung cấp tài liệu minh chứng trước ngày 31/12/2024")
    ('2024-12-31', datetime.date(2024, 12, 31))
    >>> parse_deadline("Quý II/2024")
    ('Quý II/2024', None)
    """
    if not raw:
        return None, None
    for m in DATE_RE.finditer(raw):
        if re.search(r"(?:^|\W)từ\s+(?:ngày\s+)?$", raw[: m.start()], re.IGNORECASE):
            continue  # "Từ 01/7/2025" is a start date, kept as wording
        try:
            d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        return d.isoformat(), d
    return raw, None
