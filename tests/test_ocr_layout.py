"""OCR post-processing on hand-made Tesseract TSV: footnote numbers, page breaks, word repairs.

Boxes are in pixels at 300 dpi (an A4 page is 2481 x 3508); body words are 40 px high.
"""

from __future__ import annotations

import doctest
import importlib

import pytest

from pipeline.readers.ocr_layout import finish_pages, page_from_tsv

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
LEFT, RIGHT = 350, 2230  # the text block's margins


def _tsv(lines: list[list[tuple[str, int, int, float]]], first_top: int = 300, par_breaks: tuple[int, ...] = ()):
    """A one-page TSV: each line a list of (text, width, height, conf); words laid left to right.

    Small words (height < 30) are raised like superscripts. A line whose words do not reach
    ``RIGHT`` ends short. ``par_breaks`` are line indexes that start a new Tesseract paragraph.
    """
    rows = [HEADER, "1\t1\t0\t0\t0\t0\t0\t0\t2481\t3508\t-1\t"]
    par, line_no = 1, 0
    for i, words in enumerate(lines):
        if i in par_breaks:
            par, line_no = par + 1, 0
        line_no += 1
        top, x = first_top + 60 * i, LEFT
        for w, (text, width, height, conf) in enumerate(words, 1):
            word_top = top if height >= 30 else top - 12
            rows.append(f"5\t1\t1\t{par}\t{line_no}\t{w}\t{x}\t{word_top}\t{width}\t{height}\t{conf}\t{text}")
            x += width + 20
    return "\n".join(rows)


def _full_line(*texts: str) -> list[tuple[str, int, int, float]]:
    """Words spread to fill the measure from LEFT to RIGHT."""
    width = (RIGHT - LEFT - 20 * (len(texts) - 1)) // len(texts)
    return [(t, width, 40, 96.5) for t in texts]


def test_ocr_layout_footnote_numbers_become_superscripts():
    tsv = _tsv(
        [
            [("*3", 30, 22, 39.0), ("Hoàn", 97, 40, 97.0), ("thành", 120, 40, 97.0), ("kế", 50, 40, 97.0)],
            [("vi", 40, 40, 97.0), ("phạm", 100, 40, 97.0), ("10", 25, 22, 60.0), ("điều", 90, 40, 97.0)],
            [("*ˆ", 29, 22, 38.0), ("Bổ", 51, 40, 97.0), ("nhiệm", 130, 40, 97.0), ("mới", 80, 40, 97.0)],
            [("“Thu", 111, 41, 95.5), ("hút", 80, 40, 97.0), ("+", 27, 27, 97.0), ("đầu", 80, 40, 97.0)],
        ],
        par_breaks=(1, 2, 3),
    )
    page = page_from_tsv(tsv, 1, 72 / 300)
    finish_pages([page])
    assert [b.text for b in page.blocks] == ["³ Hoàn thành kế", "vi phạm¹⁰ điều", "Bổ nhiệm mới", "“Thu hút + đầu"]


def test_ocr_layout_paragraph_goes_on_across_a_page_break():
    end_of_page = _tsv([_full_line("thực", "hiện", "giảm", "1.200", "hộ.")], first_top=3200)
    next_page = _tsv(
        [
            [("còn", 80, 40, 97.0), ("2.940", 120, 40, 97.0), ("hộ.", 60, 40, 97.0)],
            [("Tiếp", 90, 40, 97.0), ("theo", 90, 40, 97.0)],
        ],
        first_top=300,
        par_breaks=(1,),
    )
    new_sentence = _tsv([[("Hộ", 80, 40, 97.0), ("cận", 80, 40, 97.0)]], first_top=300)
    pages = [page_from_tsv(t, n, 72 / 300) for n, t in ((1, end_of_page), (2, next_page), (3, new_sentence))]
    finish_pages(pages, [1, 2, 3])
    assert [b.text for b in pages[0].blocks] == ["thực hiện giảm 1.200 hộ. còn 2.940 hộ."]
    assert pages[0].blocks[0].page == 1
    assert [b.text for b in pages[1].blocks] == ["Tiếp theo"]  # a short line ends the paragraph
    assert [b.text for b in pages[2].blocks] == ["Hộ cận"]


def test_ocr_layout_no_join_across_pages_not_read_together():
    pages = [page_from_tsv(_tsv([_full_line("một", "hai", "ba")]), n, 72 / 300) for n in (1, 3)]
    finish_pages(pages, [1, 3])
    assert [len(p.blocks) for p in pages] == [1, 1]


def test_ocr_layout_repairs_with_the_documents_own_pairs():
    """'số tiền' is in no word list; read surely in one place, it repairs an unsure 'số tiên'."""
    tsv = _tsv(
        [
            [("số", 50, 40, 97.0), ("tiền:", 100, 40, 96.9), ("822.800.000", 300, 40, 96.0)],
            [("số", 50, 40, 97.0), ("tiên:", 100, 40, 86.0), ("2.353.100.000", 300, 40, 96.0)],
        ],
        par_breaks=(1,),
    )
    page = page_from_tsv(tsv, 1, 72 / 300)
    finish_pages([page])
    assert [b.text for b in page.blocks] == ["số tiền: 822.800.000", "số tiền: 2.353.100.000"]


def test_ocr_layout_sure_reading_not_turned_into_a_rare_word():
    """'triệu đông' is in Viet74K; a document that prints 'triệu đồng' surely keeps it."""
    page = page_from_tsv(
        _tsv(
            [
                [("36.400", 150, 40, 97.0), ("triệu", 100, 40, 97.0), ("đồng.", 100, 40, 96.9)],
                [("342,700", 150, 40, 96.4), ("triệu", 100, 40, 97.0), ("đồng;", 100, 40, 75.3)],
            ],
            par_breaks=(1,),
        ),
        1,
        72 / 300,
    )
    finish_pages([page])
    assert [b.text for b in page.blocks] == ["36.400 triệu đồng.", "342,700 triệu đồng;"]


@pytest.mark.parametrize("name", ["pipeline.readers.ocr", "pipeline.readers.ocr_words", "pipeline.readers.ocr_fixes"])
def test_ocr_layout_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
