"""Date patterns shared by extractors: '20/01/2023', '17-6-2022', '20 tháng 01 năm 2023'.

Day-first always (never MM/DD). Line breaks may fall anywhere inside the long form
("ngày 14 tháng\\n12 năm 2020", dev-eval 010), so the long form separates with ``\\s+``.
Other modules embed :func:`date_fragment` in their own patterns (group names get a prefix so
several dates can live in one regex) and read a match back with :func:`date_from_groups`.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["DATE_RE", "date_fragment", "date_from_groups", "parse_date"]


def date_fragment(prefix: str = "") -> str:
    """Regex source for one date, groups ``{prefix}d``, ``{prefix}m``, ``{prefix}y``, ``{prefix}dl``…

    Short form: day, month, year with one separator kind ('/', '.', '-'), optional single
    spaces around it ("20 / 01 / 2023" in OCR text). Long form: "20 tháng 01 năm 2023".
    """
    p = prefix
    short = (
        rf"(?P<{p}d>\d{{1,2}})\s?(?P<{p}sep>[/.-])\s?(?P<{p}m>\d{{1,2}})\s?(?P={p}sep)\s?"
        rf"(?P<{p}y>(?:19|20)\d{{2}})(?!\d)"
    )
    long = rf"(?P<{p}dl>\d{{1,2}})\s+tháng\s+(?P<{p}ml>\d{{1,2}})\s+năm\s+(?P<{p}yl>(?:19|20)\d{{2}})(?!\d)"
    return rf"(?:{short}|{long})"


# A date anywhere (tests, other extractors); "ngày" optional in front.
DATE_RE = re.compile(r"(?<!\d)" + date_fragment())


def date_from_groups(m: re.Match[str], prefix: str = "") -> dt.date | None:
    """The date a :func:`date_fragment` match denotes, or None when it is not a real day.

    >>> date_from_groups(DATE_RE.search("ngày 20/01/2023"))
    datetime.date(2023, 1, 20)
    >>> date_from_groups(DATE_RE.search("ngày 31 tháng 02 năm 2024")) is None
    True
    """
    p = prefix
    if m.group(f"{p}d") is not None:
        d, mo, y = m.group(f"{p}d"), m.group(f"{p}m"), m.group(f"{p}y")
    elif m.group(f"{p}dl") is not None:
        d, mo, y = m.group(f"{p}dl"), m.group(f"{p}ml"), m.group(f"{p}yl")
    else:
        return None
    try:
        return dt.date(int(y), int(mo), int(d))
    except ValueError:
        return None


def parse_date(text: str) -> dt.date | None:
    """First date in ``text`` ('ngày 05 tháng 3 năm 2020' → 2020-03-05), None if none.

    >>> parse_date("Quảng Ngãi, ngày 05 tháng 3 năm 2020")
    datetime.date(2020, 3, 5)
    """
    m = DATE_RE.search(text)
    return date_from_groups(m) if m else None
