"""Render Word automatic numbering ("I.", "1.", "a)", "(1)") the way Word displays it.

Word keeps list markers out of the text: a paragraph says only "numId 5, level 1" and
numbering.xml says level 1 of that list prints ``%1.%2.`` in decimal starting at 1.
Counting follows Word, not the letter of the spec:

- counters belong to the *abstract* list, so two ``w:num`` that share an abstractNum
  continue one another unless a ``w:startOverride`` restarts them (that override is what
  Word writes when the user clicks "Restart at 1");
- using a level resets every deeper level (unless its ``w:lvlRestart`` says otherwise);
- a level that has not been used yet shows its start value in ``%n``;
- ``lowerLetter`` runs a, b, … z, aa, bb, … (Word's alphabet, not the Vietnamese one:
  offices that want "đ)" type it by hand);
- bullets render as "-" (or the "+", "*", "-" typed as the bullet), so later stages see
  one bullet form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from pipeline.readers import docx_ns as ns

MAX_LEVELS = 9
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"))
_ROMAN += ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
#: Bullet characters kept as typed; any other bullet glyph (Symbol-font dots, "•", "o") becomes "-".
_KEPT_BULLETS = {"-": "-", "+": "+", "*": "*", "–": "-", "—": "-", "→": "→"}
_SUFFIX = {"tab": " ", "space": " ", "nothing": ""}
_ABSTRACT_NUM, _ABSTRACT_NUM_ID, _LVL = ns.w("abstractNum"), ns.w("abstractNumId"), ns.w("lvl")
_NUM, _NUM_STYLE_LINK, _LVL_OVERRIDE, _START_OVERRIDE = (
    ns.w("num"),
    ns.w("numStyleLink"),
    ns.w("lvlOverride"),
    ns.w("startOverride"),
)
_NUM_FMT, _LVL_TEXT, _START, _LVL_RESTART = ns.w("numFmt"), ns.w("lvlText"), ns.w("start"), ns.w("lvlRestart")
_IS_LGL, _SUFF = ns.w("isLgl"), ns.w("suff")


def format_number(n: int, fmt: str) -> str:
    """One counter value in a Word number format.

    >>> [format_number(n, f) for n, f in [(4, "upperRoman"), (28, "lowerLetter"), (3, "decimalZero")]]
    ['IV', 'bb', '03']
    """
    if fmt in ("upperRoman", "lowerRoman"):
        out, rest = "", max(n, 1)
        for value, letters in _ROMAN:
            while rest >= value:
                out, rest = out + letters, rest - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt in ("upperLetter", "lowerLetter"):
        n = max(n, 1)
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "none":
        return ""
    return str(n)  # decimal and every format Vietnamese documents do not use


@dataclass(slots=True)
class Level:
    """One ``w:lvl``: how a list level counts and prints."""

    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    restart: int | None = None  # w:lvlRestart; None = after any higher level, 0 = never
    legal: bool = False  # w:isLgl: print every level's number in decimal
    suffix: str = " "
    pstyle: str | None = None


@dataclass(slots=True)
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # w:startOverride per level
    levels: dict[int, Level] = field(default_factory=dict)  # whole-level overrides


class Numbering:
    """List definitions of one document plus the running counters (one instance per read)."""

    def __init__(self, root: etree._Element | None, style_nums: dict[str, str] | None = None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstractNum id -> numbering style it follows (numStyleLink)
        self.nums: dict[str, _Num] = {}
        self.style_nums = style_nums or {}  # numbering style id -> numId (for numStyleLink)
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[tuple[str, int]] = set()
        if root is not None:
            self._load(root)

    def _load(self, root: etree._Element) -> None:
        for absnum in root.iter(_ABSTRACT_NUM):
            aid = absnum.get(_ABSTRACT_NUM_ID, "")
            self.abstracts[aid] = {lvl_i: lvl for lvl_i, lvl in (_read_level(el) for el in absnum.iter(_LVL))}
            link = absnum.find(_NUM_STYLE_LINK)
            if link is not None:
                self.links[aid] = link.get(ns.VAL, "")
        for num in root.iter(_NUM):
            abstract = num.find(_ABSTRACT_NUM_ID)
            if abstract is None:
                continue
            entry = _Num(abstract.get(ns.VAL, ""))
            for override in num.iter(_LVL_OVERRIDE):
                ilvl = _int(override.get(ns.ILVL), 0)
                start = override.find(_START_OVERRIDE)
                if start is not None:
                    entry.starts[ilvl] = _int(start.get(ns.VAL), 1)
                lvl = override.find(_LVL)
                if lvl is not None:
                    entry.levels[ilvl] = _read_level(lvl)[1]
            self.nums[num.get(ns.NUM_ID, "")] = entry

    def _abstract_of(self, num_id: str) -> str | None:
        """Follow numStyleLink indirection (a list defined through a numbering style)."""
        num = self.nums.get(num_id)
        aid = num.abstract if num else None
        for _ in range(3):
            if aid is None or aid not in self.links:
                break
            linked = self.nums.get(self.style_nums.get(self.links[aid], ""))
            aid = linked.abstract if linked else None
        return aid

    def level_for_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level whose ``w:pStyle`` is the paragraph's style (style-level numbering)."""
        aid = self._abstract_of(num_id)
        for ilvl, lvl in self.abstracts.get(aid or "", {}).items():
            if lvl.pstyle and lvl.pstyle == style_id:
                return ilvl
        return None

    def _level(self, num_id: str, aid: str, ilvl: int) -> Level:
        num = self.nums.get(num_id)
        if num and ilvl in num.levels:
            return num.levels[ilvl]
        return self.abstracts.get(aid, {}).get(ilvl) or Level()

    def marker(self, num_id: str | None, ilvl: int | None) -> str | None:
        """Count one numbered paragraph and return its rendered marker with suffix, or None."""
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        aid = self._abstract_of(num_id)
        if aid is None or aid not in self.abstracts:
            return None
        ilvl = min(max(ilvl or 0, 0), MAX_LEVELS - 1)
        counters = self._counters.setdefault(aid, [None] * MAX_LEVELS)
        level = self._level(num_id, aid, ilvl)
        starts = self.nums[num_id].starts
        if ilvl in starts and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            counters[ilvl] = starts[ilvl]
        elif counters[ilvl] is None:
            counters[ilvl] = level.start
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            restart = self._level(num_id, aid, deeper).restart
            if restart is None or (restart and ilvl < restart):
                counters[deeper] = None
        return self._render(num_id, aid, ilvl, level, counters)

    def _render(self, num_id: str, aid: str, ilvl: int, level: Level, counters: list[int | None]) -> str | None:
        if level.fmt == "bullet":
            text = level.text.strip()
            return _KEPT_BULLETS.get(text, "-") + level.suffix
        if not level.text:
            return None
        out = level.text
        for k in range(MAX_LEVELS - 1, -1, -1):  # %10 cannot exist; go high to low so %1 does not eat %12
            placeholder = f"%{k + 1}"
            if placeholder not in out:
                continue
            ref = self._level(num_id, aid, k)
            value = counters[k] if counters[k] is not None else ref.start
            fmt = "decimal" if level.legal and ref.fmt != "bullet" else ref.fmt
            out = out.replace(placeholder, format_number(value, fmt))
        out = out.strip()
        return out + level.suffix if out else None


def _read_level(el: etree._Element) -> tuple[int, Level]:
    lvl = Level()
    for child in el:
        tag, val = child.tag, child.get(ns.VAL)
        if tag == _NUM_FMT:
            lvl.fmt = val or "decimal"
        elif tag == _LVL_TEXT:
            lvl.text = val or ""
        elif tag == _START:
            lvl.start = _int(val, 1)
        elif tag == _LVL_RESTART:
            lvl.restart = _int(val, 0)
        elif tag == _IS_LGL:
            lvl.legal = val not in {"0", "false", "off"}
        elif tag == _SUFF:
            lvl.suffix = _SUFFIX.get(val or "tab", " ")
        elif tag == ns.PSTYLE:
            lvl.pstyle = val
    return _int(el.get(ns.ILVL), 0), lvl


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
