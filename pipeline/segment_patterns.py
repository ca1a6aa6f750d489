"""Every regex segmentation uses (header, section markers, closing), compiled once.

Segmentation runs before the extractors, so its patterns live here rather than in
``extractors/patterns/`` (the pipeline never imports from ``extractors``). Each pattern
has named groups and a comment naming the layout it matches (ND30 Phụ lục I, HD 36 for
Party documents, and what real files do instead).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from pipeline.errors import LexiconError

DATA_DIR = Path(__file__).resolve().parent / "data"
#: Upper- and lower-case letters of Latin-1 and Latin Extended (Vietnamese included), for
#: character classes: a range such as "À-Ỹ" would mix both cases (Ạ ạ Ả ả … alternate).
_UP = "A-Z" + "".join(chr(c) for c in range(0xC0, 0x1EFA) if chr(c).isupper())
_LOW = "a-z" + "".join(chr(c) for c in range(0xC0, 0x1EFA) if chr(c).islower())
#: Any lower-case letter (a caps line has none).
LOWER_RE = re.compile("[" + _LOW + "]")

# --------------------------------------------------------------------------- header

#: Quốc hiệu, possibly wrapped ("CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM") or lower-cased (2002 .doc).
MOTTO_RE = re.compile(
    r"C[ỘộOo]NG\s+H(?:ÒA|OÀ|òa|oà)\s+X[ÃãAa]\s+H[ỘộOo]I\s+CH[ỦủUu]\s+NGH[ĨĩIi]A\s+VI[ỆệEe]T\s+NAM", re.I
)
#: Tiêu ngữ ("Độc lập - Tự do - Hạnh phúc", "Độc lập-Tự do-Hạnh phúc").
TAGLINE_RE = re.compile(r"Độc\s+lập\s*-\s*Tự\s+do\s*-\s*Hạnh\s+phúc", re.I)
#: Party header instead of the Quốc hiệu (HD 36-HD/VPTW).
PARTY_RE = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
#: Rules and decorations drawn under header boxes: "-------", "___", "-0-", "* *", "|", "*".
RULE_LINE_RE = re.compile(r"^[\s\-_=*.~|•+]*(?:-0-)?[\s\-_=*.~|•+]*$")
#: Công báo running head and bare page numbers in PDF text ("CÔNG BÁO/Số 271/Ngày 12-05-2026").
RUNNING_HEAD_RE = re.compile(r"^(?:CÔNG BÁO\b.*|\d{1,4}|PAGE\s*\d*)$")
#: Stamps that may sit in the header: draft, urgency, secrecy marks.
STAMP_RE = re.compile(r"^(?:DỰ\s+THẢO.*|Dự\s+thảo.*|HỎA\s+TỐC|HOẢ\s+TỐC|THƯỢNG\s+KHẨN|KHẨN|MẬT|TỐI\s+MẬT|TUYỆT\s+MẬT)$")

#: "Số: 15/QĐ-SNV", blank drafts "Số: /KH-UBND", Party "Số 12-KH/HU", old "SỐ:  144 /2002/QĐ/BTC",
#: TVPL "Số:\n2682/QĐ-UBND". ``raw`` stops at the first space not followed by "/" or "-".
NUMBER_RE = re.compile(
    r"^(?:Luật\s+)?S[ốỐ]\s*[:.]?\s*"
    r"(?P<raw>(?:\d+[a-zA-Z]?)?(?:\s*[/-]\s*[\w.&]+)+|\d+[a-zA-Z]?)",
    re.M,
)
#: Place and date line; day/month may be blank in drafts ("ngày   tháng 3 năm 2024"), the
#: place may wrap in TVPL markdown ("Thành phố Hồ\nChí Minh, ngày 18 tháng 11 năm 2025").
DATE_LINE_RE = re.compile(
    r"(?P<place>[^\W\d_][^\n,;:|/()\d]{0,24}?(?:\n[^\W\d_][^\n,;:|/()\d]{0,30}?)?)\s*,\s*"
    r"(?P<date>ngày[\s.…_]*(?P<day>\d{1,2})?[\s.…_]*tháng[\s.…_]*(?P<month>\d{1,2})?[\s.…_]*năm\s*(?P<year>\d{4}))",
    re.I,
)
#: A date line with no place ("ngày 05 tháng 3 năm 2020" alone on its line).
BARE_DATE_RE = re.compile(
    r"^(?P<date>ngày[\s.…_]*(?P<day>\d{1,2})?[\s.…_]*tháng[\s.…_]*(?P<month>\d{1,2})?[\s.…_]*năm\s*(?P<year>\d{4}))",
    re.I | re.M,
)
#: Trích yếu of a công văn under the number: "V/v triển khai …" (also "Về việc …").
VV_RE = re.compile(r"^(?P<label>V/v|V/V|v/v)\s*[:.]?\s*(?P<text>.*)$")
#: "Kính gửi:" (label may wrap in TVPL: "Kính\ngửi:").
KINH_GUI_RE = re.compile(r"^Kính\s+gửi\s*:?\s*", re.I)
#: Lines that open the body: căn cứ, preambles, enacting formulas ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:").
BODY_START_RE = re.compile(
    r"^(?:[Cc]ăn\s+cứ|[Tt]hực\s+hiện|[Tt]heo\s+đề\s+nghị|[Xx]ét\s+đề\s+nghị|Triển\s+khai|Trên\s+cơ\s+sở|"
    r"Để\s|Năm\s+\d{4}|[" + _UP + r" ]{4,30}:\s*$)"
)
#: The authority line of a quyết định/nghị quyết ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN GIANG",
#: "ỦY BAN NHÂN DÂN TỈNH", "CHÍNH PHỦ", "bộ trưởng bộ tài chính"): ends a trích yếu.
AUTHORITY_LINE_RE = re.compile(
    r"^(?:(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC|CHÁNH\s+ÁN|VIỆN\s+TRƯỞNG)\s*)?"
    r"(?:[UỦỦ]Y\s+BAN|UỶ\s+BAN|HỘI\s+ĐỒNG|CHÍNH\s+PHỦ|BỘ\s+\w+|ĐẢNG\s+ỦY|BAN\s+THƯỜNG\s+VỤ)"
    r"|^(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC)\s*$",
    re.I,
)
#: First words of an issuing body: a new header line starting with one opens a new body
#: (parent body above, issuer below); other lines continue the previous one.
BODY_HEAD_RE = re.compile(
    r"^(?:UBND|HĐND|[UỦ]Y\s+BAN|UỶ\s+BAN|HỘI\s+ĐỒNG|SỞ|BỘ|BAN|VĂN\s+PHÒNG|PHÒNG|CỤC|CHI\s+CỤC|"
    r"TỔNG\s+CỤC|TRUNG\s+TÂM|TRƯỜNG|CÔNG\s+AN|THỦ\s+TƯỚNG|CHÍNH\s+PHỦ|QUỐC\s+HỘI|VIỆN|TÒA\s+ÁN|"
    r"ĐẢNG\s+ỦY|ĐẢNG\s+BỘ|HUYỆN\s+ỦY|TỈNH\s+ỦY|THÀNH\s+ỦY|CHI\s+BỘ|MẶT\s+TRẬN|HỘI\s|ĐOÀN|"
    r"LIÊN\s+ĐOÀN|KHO\s+BẠC|NGÂN\s+HÀNG|BỘ\s+CHỈ\s+HUY|BAN\s+CHỈ\s+HUY|BAN\s+CHẤP\s+HÀNH)\b",
    re.I,
)

# --------------------------------------------------------------------------- sections

#: "Phần I", "PHẦN THỨ NHẤT", "Phần thứ hai:", "Chương II" (ND30 Phụ lục I II.6: caps headings).
PART_RE = re.compile(
    r"^(?P<marker>(?P<word>Phần|PHẦN|Chương|CHƯƠNG)\s+(?:(?:THỨ|thứ|Thứ)\s+)?"
    r"(?P<value>[IVXLC]+|\d{1,2}|NHẤT|nhất|HAI|hai|BA|ba|BỐN|bốn|TƯ|tư|NĂM|năm|SÁU|sáu|BẢY|bảy|TÁM|tám|CHÍN|chín|MƯỜI|mười))"
    r"(?![\w])\s*[.:\-]?\s*(?P<title>.*)$"
)
#: "Điều 1.", "Điều 2:" (articles of decisions and resolutions).
ARTICLE_RE = re.compile(r"^(?P<marker>Điều\s+(?P<value>\d{1,3})\s*[.:]?)(?=\s|$)\s*(?P<title>.*)$")
#: Roman heading "I.", "IV.", Party style "I-"; not "V/v" (the "/" is excluded).
ROMAN_RE = re.compile(r"^(?P<marker>(?P<value>[IVX]{1,5})\s*[.\-])(?=\s|$)\s*(?P<title>.*)$")
#: Multi-level "2.1.", "2.1.3." or "2.1 " (parts of one or two digits, so "2.308,61" is not one).
MULTI_RE = re.compile(r"^(?P<marker>(?P<value>\d{1,2}(?:\.\d{1,2}){1,3})\.?)(?=\s|$)\s*(?P<title>.*)$")
#: Arabic "1.", "1)" (one or two digits, so a wrapped "2025. …" is not one).
ARABIC_RE = re.compile(r"^(?P<marker>(?P<value>\d{1,2})\s*[.)])(?=\s|$)\s*(?P<title>.*)$")
#: Vietnamese letter items "a)" … "đ)" … "y)".
LETTER_RE = re.compile(r"^(?P<marker>(?P<value>[a-zđăâêôơư])\))\s*(?P<title>.*)$")
#: Parenthesised "(1)", "(a)".
PAREN_RE = re.compile(r"^(?P<marker>\((?P<value>\d{1,2}|[a-zđ])\))\s*(?P<title>.*)$")
#: Cheap prefilter: could this line open with any section marker above? (Most lines cannot.)
MARKER_START_RE = re.compile(r"(?:Phần|PHẦN|Chương|CHƯƠNG|Điều|[IVX]{1,5}\s*[.\-]|\d{1,2}[.)\s]|[a-zđăâêôơư]\)|\()")
#: One match per body line: does it open with a footnote mark, a marker candidate or a
#: bullet? Lines that open with none of them (most hard-wrapped lines) are continuations.
LINE_START_RE = re.compile(
    r"(?P<foot>[\u00b9\u00b2\u00b3\u2070-\u2079])|(?P<mark>"
    + MARKER_START_RE.pattern
    + r")|(?P<bullet>[-+*•→●▪◦–]\s*\S)"
)
#: Bullets: "-", "+", "*", "•", "→" and friends (list items, never headings).
BULLET_RE = re.compile(r"^[-+*•→●▪◦–]\s*\S")
#: A sentence break inside a paragraph: ". " before a capital, digit or quote (an item, not a title).
SENTENCE_BREAK_RE = re.compile(r"(?<![A-ZĐ.])\.\s+[" + _UP + r"\d\"(]")
#: A paragraph that ends mid-sentence (no final punctuation): the next block may continue it.
#: (Matched at the last character: ``OPEN_END_RE.match(text, len(text) - 1)``.)
OPEN_END_RE = re.compile(r"[^.:;!?)\"”]$")
#: A dash line that is the second half of a year range wrapped before its dash (TVPL:
#: "Trong giai đoạn 2026\n- 2030 phấn đấu …"), not a bullet.
YEAR_RANGE_WRAP_RE = re.compile(r"^-\s*(?:19|20)\d{2}\b")
#: Superscript footnote marks left in titles ("Chỉ tiêu thi đua¹").
SUPERSCRIPT_RE = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079]+")
#: A footnote paragraph in plain text: starts with a superscript number ("¹ Bám sát …").
FOOTNOTE_LINE_RE = re.compile(r"^[\u00b9\u00b2\u00b3\u2070-\u2079]+")
#: End of an item title: the first ":" / ";" / sentence-final "." (the clause that names it).
ITEM_TITLE_END_RE = re.compile(r"[:;]|\.(?=\s|$)")

# --------------------------------------------------------------------------- closing

#: "Nơi nhận:" (bold italic in the layout; markdown stripped before we see it).
#: Not "Nơi nhận văn bản …" in running text: the label ends with ":" or the line.
NOI_NHAN_RE = re.compile(r"^Nơi\s+nhận\s*(?::\s*|$)", re.I)
#: Authority form of a signature: TM., KT., TL., TUQ., Q., Party "T/M", old "KT/", "tm .".
AUTHORITY_RE = re.compile(
    r"^(?P<form>TM|KT|TL|TUQ|Q|T/M|K/T|T/L|tm|kt|tl)\s*[./]\s*(?P<body>\S.*)$|"
    r"^(?P<form2>T/M|K/T|T/L)\s+(?P<body2>\S.*)$"
)
#: A signer's title line ("CHỦ TỊCH", "PHÓ CHỦ NHIỆM", "Thứ trưởng", "chủ tịch").
TITLE_LINE_RE = re.compile(
    r"^(?:PHÓ\s+|Phó\s+|phó\s+|Q\.\s*)?(?:CHỦ\s+TỊCH|THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|THỨ\s+TRƯỞNG|CHỦ\s+NHIỆM|"
    r"GIÁM\s+ĐỐC|TỔNG\s+GIÁM\s+ĐỐC|CỤC\s+TRƯỞNG|VỤ\s+TRƯỞNG|CHÁNH\s+VĂN\s+PHÒNG|CHÁNH\s+THANH\s+TRA|"
    r"TRƯỞNG\s+\w+|BÍ\s+THƯ|HIỆU\s+TRƯỞNG|VIỆN\s+TRƯỞNG|CHÁNH\s+ÁN|THỦ\s+TRƯỞNG|TỔNG\s+CỤC\s+TRƯỞNG|"
    r"CHI\s+CỤC\s+TRƯỞNG|TỔNG\s+THƯ\s+KÝ|KIỂM\s+TOÁN\s+TRƯỞNG|CHỈ\s+HUY\s+TRƯỞNG)\b.{0,40}$",
    re.I,
)
#: A person's name: two to six capitalised syllables, nothing else (six: a name printed twice).
NAME_RE = re.compile(r"^(?:[" + _UP + r"][" + _LOW + r"]+)(?:\s+[" + _UP + r"][" + _LOW + r"]*){1,5}$")
#: Signing stamps that sit between title and name: "(Đã ký)", "Ký bởi: …", "[daky]".
SIGN_STAMP_RE = re.compile(r"^(?:\(\s*đã\s+ký\s*\)|\[.*\]|Ký\s+bởi\b.*|Cơ\s+quan\s*:.*|Ngày\s+ký\b.*|"
                           r"Thời\s+gian\s+ký\b.*|Email\b.*|Người\s+ký\b.*)$", re.I)  # fmt: skip
#: End of the content ("./." per ND30; Party texts may end with ".").
END_MARK_RE = re.compile(r"\./\.")


@lru_cache(maxsize=1)
def doc_titles() -> tuple[tuple[str, str], ...]:
    """(title, canonical) pairs from data/doc_titles.yaml, longest title first."""
    path = DATA_DIR / "doc_titles.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        pairs = [(e["title"], e["canonical"]) for e in data["entries"]]
    except (OSError, yaml.YAMLError, KeyError, TypeError) as e:
        raise LexiconError(f"{path}: invalid doc title table ({e})") from e
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@lru_cache(maxsize=1)
def title_re() -> re.Pattern[str]:
    """The document-type title line: a type word alone, with caps words ("KẾ HOẠCH HÀNH ĐỘNG"),
    or with its issuer ("QUYẾT ĐỊNH của ủY BAN …", 2002-2004 .doc layouts); never "QUYẾT ĐỊNH:".
    """
    words = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t, _ in doc_titles())
    return re.compile(
        r"^(?P<raw>(?P<type>" + words + r")(?P<extra>(?:\s+(?!của\b)[" + _UP + r"(),]+)*))\s*(?P<of>\s+của\s+.*)?$",
        re.I,
    )
