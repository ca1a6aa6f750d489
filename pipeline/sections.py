"""The body's section tree: markers, nesting, heading-or-item roles, numbering problems.

A *unit* is a paragraph as segmentation sees it: a line that opens with a marker or a
bullet, or the first line of a block, plus the following lines of the same block that
open with neither. Units with a marker (Phần/Chương, Điều, I., 1., 2.1., a), (1)) become
sections; bullets never do (they are list items inside their section's body).

Nesting uses a stack of marker *styles* in order of first appearance: a style already on
the stack closes everything below it (a sibling), a new style opens a child. A first
ordinal ("1.", "a)") of a style that sits *above* the current top opens a child instead,
so a style reused at a deeper level ("a) … 1. 2.") nests rather than closing its parent.

Role: a short title that opens a subtree is a ``heading``; a numbered paragraph that *is*
the content (a task, a target) is an ``item``: it holds a sentence break or a ";", or it
ends with "." and has no body of its own, or it is very long — unless it is short (≤ 160
characters), one clause, and either has a body of its own or is styled as a heading
(Word Heading n, bold). Style alone never makes a multi-sentence paragraph a heading, so
the same paragraph gets the same role in .txt, .docx and .pdf. Items are still sections
(a leaf of their parent as a rule), so extractors can hang assignments on them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.lines import Line
from pipeline.numbering import numbering_problem, ordinal_of, roman_value
from pipeline.segment_patterns import (
    ARABIC_RE,
    ARTICLE_RE,
    BULLET_RE,
    FOOTNOTE_LINE_RE,
    ITEM_TITLE_END_RE,
    LETTER_RE,
    LINE_START_RE,
    MARKER_START_RE,
    MULTI_RE,
    OPEN_END_RE,
    PAREN_RE,
    PART_RE,
    ROMAN_RE,
    SENTENCE_BREAK_RE,
    SUPERSCRIPT_RE,
    YEAR_RANGE_WRAP_RE,
)
from schemas import Block, BlockKind, Problem, Section, SectionKind

#: Longer than this, a numbered paragraph is an item even without a sentence break.
MAX_HEADING_CHARS = 300
#: A numbered paragraph up to this long with a body of its own and one sentence is a heading.
SHORT_HEADING_CHARS = 160
#: A line at least this long that ends mid-sentence is hard-wrapped (TVPL, PDF): a "- " or
#: "2." opening the next line of the same block continues it.
HARD_WRAP_CHARS = 50
#: A wrapped caps heading continues into the next block only when that block is this short.
MAX_TITLE_CONTINUATION = 160
_PATTERNS = [
    (PART_RE, SectionKind.PART),
    (ARTICLE_RE, SectionKind.ARTICLE),
    (MULTI_RE, SectionKind.MULTI),
    (ARABIC_RE, SectionKind.ARABIC),
    (ROMAN_RE, SectionKind.ROMAN),
    (PAREN_RE, SectionKind.PAREN),
    (LETTER_RE, SectionKind.LETTER),
]


@dataclass(slots=True)
class Unit:
    """A paragraph: lines[first:last+1] of one block, with its marker match if any."""

    first: int
    last: int
    kind: SectionKind | None = None
    marker: str = ""
    value: str = ""
    title: str = ""  # text after the marker, lines joined
    title_start: int = 0  # offset of the title in doc.text
    is_bullet: bool = False


def match_marker(text: str) -> tuple[SectionKind, str, str, str, int] | None:
    """(kind, marker, value, title, title offset) when ``text`` opens with a section marker.

    >>> match_marker("2.1. Kết quả")[:4]
    (<SectionKind.MULTI: 'multi'>, '2.1.', '2.1', 'Kết quả')
    >>> match_marker("V/v đăng ký") is None
    True
    """
    if not MARKER_START_RE.match(text):
        return None
    for pattern, kind in _PATTERNS:
        m = pattern.match(text)
        if m:
            if kind == SectionKind.ROMAN and roman_value(m.group("value")) is None:
                continue
            return kind, m.group("marker"), m.group("value"), m.group("title"), m.start("title")
    return None


def build_units(lines: list[Line], lo: int, hi: int) -> list[Unit]:
    """Group lines[lo:hi] into units (see module docstring)."""
    units: list[Unit] = []
    for i in range(lo, hi):
        line = lines[i]
        start = LINE_START_RE.match(line.text)
        what = start.lastgroup if start else None
        if what is None and not line.first_in_block and units:
            _extend(units[-1], i, line)  # the common case: a wrapped line of the same paragraph
            continue
        found = match_marker(line.text) if what == "mark" else None
        bullet = found is None and BULLET_RE.match(line.text) is not None
        if (found or bullet) and units and not line.first_in_block and _hard_wrap(lines[i - 1], line, units[-1], i):
            found, bullet = None, False
        split = (
            line.first_in_block
            and units
            and what != "foot"
            and _continues_page_split(lines[units[-1].last].text, line.text)
        )
        if found or bullet or (line.first_in_block and not split) or not units or what == "foot":
            unit = Unit(i, i, is_bullet=bullet)
            if found:
                unit.kind, unit.marker, unit.value, unit.title, off = found
                unit.title_start = line.start + off
            units.append(unit)
        else:
            _extend(units[-1], i, line)
    return units


def _extend(unit: Unit, i: int, line: Line) -> None:
    unit.last = i
    if unit.kind is not None:
        unit.title += " " + line.text


def _open_end(text: str) -> bool:
    """The text ends mid-sentence (checked on its last character only)."""
    return bool(text) and OPEN_END_RE.match(text, len(text) - 1) is not None


def _hard_wrap(prev: Line, line: Line, unit: Unit, i: int) -> bool:
    """A marker or dash at the start of a line that only continues a hard-wrapped sentence
    (TVPL markdown, PDF text): the previous line is long, ends mid-sentence, and does not
    itself open the unit with a marker; or a year range broken before its dash
    ("Trong giai đoạn 2026\n- 2030 phấn đấu …")."""
    if prev.text[-1:].isdigit() and YEAR_RANGE_WRAP_RE.match(line.text):
        return True
    if len(prev.text) < HARD_WRAP_CHARS or not _open_end(prev.text):
        return False
    return not (unit.first == i - 1 and (unit.kind is not None or unit.is_bullet))


def _continues_page_split(prev: str, text: str) -> bool:
    """A block that goes on with the previous paragraph (split by a page break in the source)."""
    if not _open_end(prev) or FOOTNOTE_LINE_RE.match(text) or FOOTNOTE_LINE_RE.match(prev):
        return False
    return text[:1].islower() or prev.endswith(("-", ",", "/"))


def build_sections(lines: list[Line], lo: int, hi: int, blocks: list[Block], first_id: int = 0,
                   root: str | None = None) -> tuple[list[Section], list[Problem]]:  # fmt: skip
    """Sections (flat, parent ids, document order) and numbering problems for lines[lo:hi].

    ``first_id`` numbers the sections after those already built; ``root`` prefixes the paths
    of a second tree (an attached document after the signature: "A1/Chương I/Điều 1").
    """
    units = build_units(lines, lo, hi)
    _absorb_split_titles(units, lines)
    rank: dict[SectionKind, int] = {}
    for u in units:
        if u.kind is not None:
            rank.setdefault(u.kind, len(rank))
    stack: list[tuple[str, Section, int]] = []  # (style key, section, ordinal)
    sections: list[Section] = []
    problems: list[Problem] = []
    for k, unit in enumerate(units):
        if unit.kind is None:
            continue
        key = _style_key(unit)
        ordinal = ordinal_of(unit.kind, unit.value)
        parent, prev_ordinal = _place(stack, key, ordinal)
        section = _make_section(unit, units, k, lines, blocks, first_id + len(sections), parent, rank, root)
        sections.append(section)
        if parent is not None:
            parent.children.append(section.id)
        stack.append((key, section, ordinal))
        problem = numbering_problem(unit.kind, unit.marker, section, prev_ordinal, ordinal)
        if problem:
            problems.append(problem)
    _close_spans(sections, lines, hi)
    return sections, problems


def _place(stack: list[tuple[str, Section, int]], key: str, ordinal: int | None) -> tuple[Section | None, int | None]:
    """Pop the stack to where a marker of style ``key`` belongs; return (parent, previous sibling ordinal)."""
    idx = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == key), None)
    if idx is not None and not (ordinal == 1 and idx != len(stack) - 1 and (stack[idx][2] or 0) >= 1):
        prev = stack[idx][2]
        del stack[idx:]
        return (stack[-1][1] if stack else None), prev
    return (stack[-1][1] if stack else None), None


def _style_key(unit: Unit) -> str:
    if unit.kind == SectionKind.MULTI:
        return f"multi{unit.value.count('.')}"
    if unit.kind == SectionKind.PART:
        return "chapter" if unit.marker.lower().startswith("chương") else "part"
    return unit.kind.value


def _make_section(unit: Unit, units: list[Unit], k: int, lines: list[Line], blocks: list[Block], sid: int,
                  parent: Section | None, rank: dict[SectionKind, int], root: str | None) -> Section:  # fmt: skip
    first, last = lines[unit.first], lines[unit.last]
    role = _role(unit, units, k, blocks[first.block], rank)
    m = ITEM_TITLE_END_RE.search(unit.title) if role == "item" else None
    if m:
        title, head_end = _clean_title(unit.title[: m.start()]), unit.title_start + m.start()
    else:
        title, head_end = _clean_title(unit.title), last.end
    component = _path_component(unit)
    return Section(
        id=sid,
        parent=parent.id if parent else None,
        path=f"{parent.path}/{component}" if parent else (f"{root}/{component}" if root else component),
        marker=unit.marker,
        kind=unit.kind,
        role=role,
        level=(parent.level + 1) if parent else 1,
        title=title,
        heading_span=(first.start, head_end),
        body_span=(first.start, last.end),
        block=first.block,
    )


def _role(unit: Unit, units: list[Unit], k: int, block: Block, rank: dict[SectionKind, int]) -> str:
    """'heading' or 'item' for a marked unit (rules in the module docstring)."""
    if unit.kind in (SectionKind.PART, SectionKind.ROMAN):
        return "heading"
    text = _drop_superscripts(unit.title).strip()
    breaks = SENTENCE_BREAK_RE.search(text) is not None
    has_body = not _has_no_body(units, k, rank)
    styled = block.kind == BlockKind.HEADING or block.style.heading_level or block.style.bold
    if styled and not breaks and ";" not in text and len(text) <= SHORT_HEADING_CHARS:
        return "heading"
    if has_body and not breaks and len(text) <= SHORT_HEADING_CHARS:
        return "heading"
    if breaks or ";" in text or len(text) > MAX_HEADING_CHARS:
        return "item"
    if text.endswith(".") and not has_body:
        return "item"
    return "heading"


def _has_no_body(units: list[Unit], k: int, rank: dict[SectionKind, int]) -> bool:
    """True when the next unit is another marker of the same or a shallower style (or none).

    ``rank`` orders styles by first appearance: a style first seen later is deeper.
    """
    if k + 1 >= len(units):
        return True
    nxt = units[k + 1]
    if nxt.kind is None:
        return False
    return rank[nxt.kind] <= rank[units[k].kind]


def _absorb_split_titles(units: list[Unit], lines: list[Line]) -> None:
    """Join a title printed in the next block ("Phần I" / "KẾT QUẢ …") or a caps heading wrapped across blocks."""
    drop = []
    for k, unit in enumerate(units[:-1]):
        if unit.kind not in (SectionKind.PART, SectionKind.ROMAN, SectionKind.ARTICLE):
            continue
        nxt = units[k + 1]
        if nxt.kind is not None or nxt.is_bullet:
            continue
        text = " ".join(lines[i].text for i in range(nxt.first, nxt.last + 1))
        empty = not unit.title.strip()
        caps_wrap = unit.title.isupper() and text.isupper() and not unit.title.rstrip().endswith(".")
        if (empty or caps_wrap) and len(text) <= MAX_TITLE_CONTINUATION:
            unit.title = (unit.title + " " + text).strip()
            unit.last = nxt.last
            drop.append(k + 1)
    for k in reversed(drop):
        del units[k]


def _close_spans(sections: list[Section], lines: list[Line], hi: int) -> None:
    """body_span of each section runs to the line before the next section at its level or above."""
    body_end = lines[hi - 1].end if hi > 0 else 0
    open_: list[Section] = []
    for s in sections:
        while open_ and open_[-1].level >= s.level:
            done = open_.pop()
            done.body_span = (done.body_span[0], _end_before(lines, s.heading_span[0], done.body_span[1]))
        open_.append(s)
    for s in open_:
        s.body_span = (s.body_span[0], max(s.body_span[1], body_end))


def _end_before(lines: list[Line], start: int, floor: int) -> int:
    """End offset of the last line that ends before ``start`` (at least ``floor``)."""
    lo, hi = 0, len(lines)
    while lo < hi:
        mid = (lo + hi) // 2
        if lines[mid].end <= start:
            lo = mid + 1
        else:
            hi = mid
    return max(lines[lo - 1].end, floor) if lo > 0 else floor


def _clean_title(title: str) -> str:
    """Collapse spaces, drop footnote marks and trailing ':' '.' ';'."""
    if "\n" in title or "  " in title:
        title = " ".join(title.split())
    return _drop_superscripts(title).rstrip(" :.;,")


def _drop_superscripts(text: str) -> str:
    """Remove footnote marks ("Chỉ tiêu thi đua¹"); most titles have none, so search first."""
    return SUPERSCRIPT_RE.sub("", text) if SUPERSCRIPT_RE.search(text) else text


def _path_component(unit: Unit) -> str:
    marker = unit.marker.strip().rstrip(".:-)")
    if unit.kind == SectionKind.PAREN:
        return unit.marker.strip()
    return " ".join(marker.split())
