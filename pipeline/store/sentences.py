"""The sentence a citation sits in, kept with the citation for ``cited-by``.

Cut once at load time from the document's text: answering "who cites Chỉ thị 34-CT/TW"
for thousands of documents must not read (or, on PostgreSQL, decompress) thousands of
whole documents to show one sentence each.
"""

from __future__ import annotations

import re

#: Characters read on each side of a citation to find its sentence.
SENTENCE_WINDOW = 300
_SENTENCE_END_RE = re.compile(r"(?:\n|[.;:](?=\s))")


def citing_sentence(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around [start, end), at most a window either side, whitespace collapsed.

    >>> citing_sentence("Căn cứ Luật A. Thực hiện Chỉ thị 34-CT/TW; UBND huyện báo cáo.", 25, 41)
    'Thực hiện Chỉ thị 34-CT/TW;'
    """
    lo = max(0, start - SENTENCE_WINDOW)
    window = text[lo : end + SENTENCE_WINDOW]
    start, end = start - lo, end - lo
    ends_before = [x.end() for x in _SENTENCE_END_RE.finditer(window, 0, start)]
    after = _SENTENCE_END_RE.search(window, end)
    return " ".join(window[ends_before[-1] if ends_before else 0 : after.end() if after else len(window)].split())
