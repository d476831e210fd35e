"""The repair's one map (repair/passes.py): its passes in order, each stage run through one
function, and a line pass that gives new lines and leaves the ones it was given alone (read
from a real page image with real Tesseract)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from ingest.pdftext import read_pdf
from parsers.document import document_lines
from repair import passes
from repair.cells import fill_headings
from repair.ocrfix import REREAD_CONFIDENCE
from repair.reread import PageImages


def test_the_passes_in_the_order_they_run():
    assert [(p.stage, p.name) for p in passes.PASSES] == [
        ("words", "reread_sparse_page"), ("words", "repair_words"),
        ("lines", "reread_doubtful"), ("lines", "fill_gaps"), ("lines", "fill_from_ink"),
        ("lines", "take_misread_words"), ("lines", "reread_doubtful"),
        ("lines", "fill_headings"), ("parsed", "repair_by_arithmetic")]
    assert all(p.does for p in passes.PASSES)


def test_an_unknown_stage_is_refused():
    with pytest.raises(ValueError, match="repair stage"):
        passes.run("cells", [], passes.Context({}))


def test_without_page_images_lines_are_left_as_they_are():
    lines: list = []
    assert passes.run("lines", lines, passes.Context({})) is lines


@pytest.fixture(scope="module")
def one_row(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("repair") / "row.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(60, 700, "Kassa och bank")
    c.drawRightString(430, 700, "2 345 678")
    c.showPage()
    c.save()
    return path.read_bytes()


def test_a_doubtful_cell_is_read_again_into_a_new_line(one_row):
    (line,) = document_lines(read_pdf(one_row))
    (cell,) = line.cells
    assert cell.value == 2_345_678
    # As OCR might have left it: no clean amount, doubtful.
    doubtful = replace(line, cells=[replace(cell, value=None, confidence=0.0)])
    ctx = passes.Context({}, {line.page}, PageImages(one_row))
    (mended,) = passes.run("lines", [doubtful], ctx)
    assert (mended.cells[0].value, mended.cells[0].confidence) == (2_345_678, REREAD_CONFIDENCE)
    assert mended is not doubtful and doubtful.cells[0].value is None  # the input is unchanged


@pytest.fixture(scope="module")
def summary_table(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("repair") / "table.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    for x, text in ((60, "Insats"), (250, "Deltagare"), (340, "Nya"), (430, "Avslutade")):
        c.drawRightString(x + 50, 700, text) if x > 60 else c.drawString(x, 700, text)
    for y, row in ((684, ("Kompass", "40", "22", "18")), (668, ("KRUS", "12", "7", "5")),
                   (652, ("Summa", "52", "29", "23"))):
        c.drawString(60, y, row[0])
        for x, value in zip((300, 390, 480), row[1:], strict=True):
            c.drawRightString(x, y, value)
    c.showPage()
    c.save()
    return path.read_bytes()


def test_a_column_heading_ocr_dropped_with_its_column_is_read_again(summary_table):
    lines = document_lines(read_pdf(summary_table))
    heading = lines[0]
    assert heading.label == "Insats Deltagare Nya Avslutade"
    # As OCR might have left it: the sparse column's heading dropped (its figures re-read).
    dropped = replace(heading, words=[w for w in heading.words if w.text != "Nya"],
                      label_words=[w for w in heading.label_words if w.text != "Nya"])
    ctx = passes.Context({}, {heading.page}, PageImages(summary_table))
    mended = fill_headings([dropped, *lines[1:]], ctx.ocr_pages, ctx.images)
    assert mended[0].label == "Insats Deltagare Nya Avslutade"
    assert mended[1:] == lines[1:] and dropped.label == "Insats Deltagare Avslutade"
    # A table whose headings are all there is not read again.
    assert fill_headings(lines, ctx.ocr_pages, ctx.images) == lines


@pytest.fixture(scope="module")
def table_page(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("repair") / "page.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    for i, (label, value) in enumerate((("Lokalhyra", "2 091 039"), ("Revisionsarvode", "613 985"),
                                        ("Resekostnader", "596 315"), ("Lön tjänstemän", "663 986"),
                                        ("Pensionskostnader", "687 117"), ("Summa", "4 652 442"))):
        c.drawString(60, 700 - 16 * i, f"{label} och annat")
        c.drawRightString(430, 700 - 16 * i, value)
    c.drawString(60, 60, "Finsam Norrsjön")
    c.showPage()
    c.save()
    return path.read_bytes()


def test_a_page_ocr_left_bare_is_read_again_black_and_white(table_page):
    # As OCR might have left it: the running footer alone (Tesseract's binarisation lost
    # the table to a scan's uneven light).
    (page,) = read_pdf(table_page).pages
    bare = replace(page, words=[w for w in page.words if w.top > 700], source="ocr")
    assert [w.text for w in bare.words] == ["Finsam", "Norrsjön"]
    ctx = passes.Context({}, {1}, PageImages(table_page))
    read = passes.run("words", bare, ctx)
    assert {"Lokalhyra", "Revisionsarvode", "Pensionskostnader"} <= {w.text for w in read.words}
    # What OCR read stays, once: the new words fill where it read nothing.
    assert [w.text for w in read.words].count("Norrsjön") == 1
    assert all(w.confidence < 1 for w in read.words)
    # A page with its words, or a file's own text layer, is left as it was.
    assert [w.text for w in passes.run("words", replace(page, source="text"), ctx).words] == \
        [w.text for w in page.words]


@pytest.fixture(scope="module")
def form_statistics(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("repair") / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(60, 730, "Statistik Framåt")
    for x, text in ((300, "Totalt"), (360, "Män"), (420, "Kvinnor")):
        c.drawRightString(x, 706, text)
    for y, row in ((690, ("Deltagare under året", "37", "17", "20")),
                   (674, ("Nya deltagare", "19", "16", "3")), (658, ("Avslutade", "14", "2", "12"))):
        c.drawString(60, y, row[0])
        for x, value in zip((300, 360, 420), row[1:], strict=True):
            c.drawRightString(x, y, value)
    c.showPage()
    c.save()
    return path.read_bytes()


def test_a_count_tables_heading_line_ocr_lost_whole_is_read_again(form_statistics):
    lines = document_lines(read_pdf(form_statistics))
    assert lines[1].label == "Totalt Män Kvinnor"
    # As OCR might have left it: the title, then no headings' line above the counts.
    lost = [lines[0], *lines[2:]]
    ctx = passes.Context({}, {1}, PageImages(form_statistics))
    mended = fill_headings(lost, ctx.ocr_pages, ctx.images)
    assert len(mended) == len(lines) and mended[2:] == lost[1:]
    assert mended[1].label == "Totalt Män Kvinnor"
    assert all(w.confidence < 1 for w in mended[1].words)
