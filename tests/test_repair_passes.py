"""The repair's one map (repair/passes.py): its passes in order, each stage run through one
function, and a line pass that gives new lines and leaves the ones it was given alone (read
from a real page image with real Tesseract)."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from core.settings import DIGITAL
from core.types import Amount, Cell, Line
from ingest.pdftext import Page, Word, read_pdf
from parsers.document import document_lines
from parsers.layout import make_cell
from repair import passes
from repair.cells import fill_headings
from repair.ocrfix import BREAKS_ARITHMETIC_CONFIDENCE, REREAD_CONFIDENCE
from repair.ocrfix import CONFIRMED_CONFIDENCE as OCR_CONFIRMED
from repair.ocrfix import REPAIRED_NUMBER_CONFIDENCE as REPAIRED
from repair.reread import CellBox, PageImages


def _image_pdf(image, path):
    """``image`` (an A4 page drawn at any resolution) as a PDF page at ``path``: a scan."""
    png = path.with_suffix(".png")
    image.save(png)
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.drawImage(str(png), 0, 0, 595, 842)
    c.showPage()
    c.save()
    return path


def test_the_passes_in_the_order_they_run():
    assert [(p.stage, p.name) for p in passes.PASSES] == [
        ("words", "reread_upright_junk"), ("words", "reread_sparse_page"), ("words", "reread_lost_regions"),
        ("words", "repair_words"),
        ("lines", "document_spelling"), ("lines", "reread_names"), ("lines", "reread_ruled_labels"),
        ("lines", "reread_lost_labels"), ("lines", "reread_cut_line_starts"),
        ("lines", "reread_ruled_headings"),
        ("lines", "drop_glued_junk"), ("lines", "place_ruled_pieces"), ("lines", "unsign_ruled"),
        ("lines", "reread_doubtful"), ("lines", "read_streak_cut_ends"), ("lines", "read_streak_crossed"),
        ("lines", "fill_gaps"),
        ("lines", "fill_from_ink"),
        ("lines", "take_misread_words"), ("lines", "split_straddling"), ("lines", "join_crowded"),
        ("lines", "unsign_ruled"), ("lines", "reread_doubtful"), ("lines", "reread_ruled_figures"),
        ("lines", "reread_figureless_rows"), ("lines", "reread_rule_cut_starts"),
        ("lines", "unparen_ruled"), ("lines", "sign_from_ink"),
        ("lines", "fill_headings"), ("lines", "reread_year_headings"), ("parsed", "reread_status_cells"),
        ("parsed", "match_status_symbols"),
        ("parsed", "repair_by_arithmetic"), ("parsed", "repair_counts_by_arithmetic"),
        ("parsed", "place_lost_columns")]
    assert all(p.does for p in passes.PASSES)


def test_an_unknown_stage_is_refused():
    with pytest.raises(ValueError, match="repair stage"):
        passes.run("cells", [], passes.Context({}))


def test_without_page_images_lines_are_left_as_they_are():
    lines: list = []
    assert passes.run("lines", lines, passes.Context({})) is lines


def _one_row_pdf(path, label: str, figure: str, x: float = 430, note: str | None = None
                 ) -> bytes:
    """A page of one table row: a label, (a note number,) a figure right-aligned at ``x``."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(60, 700, label)
    if note is not None:
        c.drawString(400, 700, note)
    c.drawRightString(x, 700, figure)
    c.showPage()
    c.save()
    return path.read_bytes()


def _two_column_pdf(path, rows: tuple[tuple[str, str, str], ...], prev_x: float = 510,
                    rule: tuple[float, float, float, float] | None = None, rule_width: float = 1.2,
                    rule_gray: float = 0.0) -> bytes:
    """A page of table rows 15 pt apart from y 700: a label, this year's figure right-aligned
    at 430 and last year's at ``prev_x``; ``rule``: a line (x0, y0, x1, y1) a scan drew,
    ``rule_width`` thick, ``rule_gray`` light (0 black)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    for i, (label, cur, prev) in enumerate(rows):
        c.drawString(60, 700 - 15 * i, label)
        c.drawRightString(430, 700 - 15 * i, cur)
        c.drawRightString(prev_x, 700 - 15 * i, prev)
    if rule is not None:
        c.setStrokeGray(rule_gray)
        c.setLineWidth(rule_width)
        c.line(*rule)
    c.showPage()
    c.save()
    return path.read_bytes()


def _two_column_lines(path, rows: tuple[tuple[str, str, str], ...], prev_x: float = 510,
                      rule: tuple[float, float, float, float] | None = None,
                      rule_width: float = 1.2) -> tuple[bytes, list[Line]]:
    """``_two_column_pdf``'s page and its lines as read."""
    data = _two_column_pdf(path, rows, prev_x, rule, rule_width)
    return data, document_lines(read_pdf(data))


@pytest.fixture(scope="module")
def one_row(tmp_path_factory) -> bytes:
    return _one_row_pdf(tmp_path_factory.mktemp("repair") / "row.pdf", "Kassa och bank",
                        "2 345 678")


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


def test_a_broken_sum_in_tkr_is_mended_in_kronor(tmp_path):
    """A tkr table's amount misread ("775" as "7715") holds 7 715 000 kr: its re-reading
    from the image is scaled like the table's amounts before the sums are tried again."""
    path = tmp_path / "tkr.pdf"
    _one_row_pdf(path, "Avräkning sociala avgifter", "775")
    (line,) = document_lines(read_pdf(path.read_bytes()))
    (cell,) = line.cells
    misread = Amount("current", 2017, 7_715_000, "7715", line.page,
                     (cell.x0, cell.top, cell.x1, cell.bottom), scale=1000)
    doc = SimpleNamespace(statements={}, notes=[])

    def breaks(statements, notes, final):  # the note's total says 775 tkr
        return (0, []) if misread.value == 775_000 else (1, [misread])

    ctx = passes.Context({}, {line.page}, PageImages(path.read_bytes()), breaks)
    passes.run("parsed", doc, ctx)
    assert (misread.value, misread.confidence) == (775_000, REREAD_CONFIDENCE)


def test_a_grouped_amount_is_read_again_with_confidence(tmp_path):
    """"17 908" read from the image is two digit groups Tesseract is sure of: the grouping
    space is in the whitelist (it was lost from the config, and the reading, one word with
    no confidence, was never taken where a slot asks for a sure one)."""
    path = tmp_path / "grouped.pdf"
    _one_row_pdf(path, "Verksamhetens intäkter", "17 908")
    (line,) = document_lines(read_pdf(path.read_bytes()))
    (cell,) = line.cells
    box = CellBox(line.page, cell.x0, cell.top, cell.x1, cell.bottom)
    assert PageImages(path.read_bytes()).read([box], 70) == ["17 908"]


def test_a_year_heading_read_from_ink_names_its_column(tmp_path):
    """OCR lost this year's heading ("2015") of a table whose figures it read: read from the
    ink, it becomes a word of the heading line, so the column under it is this year's."""
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table
    from repair.cells import fill_from_ink
    path = tmp_path / "heading.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(60, 760, "Kassaflödesanalys")
    c.drawString(350, 730, "Not")
    for x, year in ((430, "2015"), (510, "2014")):
        c.drawRightString(x, 730, year)
    for y, label, cur, prev in ((710, "Årets resultat", "656", "13"),
                                (695, "Årets kassaflöde", "315", "-70")):
        c.drawString(60, y, label)
        c.drawRightString(430, y, cur)
        c.drawRightString(510, y, prev)
    c.showPage()
    c.save()
    lines = document_lines(read_pdf(path.read_bytes()))
    head = lines[1]
    lost = [w for w in head.words if w.text != "2015"]
    lines[1] = replace(head, words=lost, cells=[c for c in head.cells if c.text != "2015"])
    mended = fill_from_ink(lines, {1}, PageImages(path.read_bytes()))
    assert "2015" in [w.text for w in mended[1].words]
    table = parse_table(mended, load_lexicon(), 2015)
    assert [(c.role, c.year) for c in table.columns] == [("current", 2015), ("previous", 2014)]


def test_a_note_number_glued_to_an_amount_is_read_apart(tmp_path):
    """OCR read "2   15 653" (a note number close before its row's amount) as one figure,
    215 653; the sum it breaks is mended by the figures after the note number."""
    path = tmp_path / "glued.pdf"
    _one_row_pdf(path, "Verksamhetens kostnader", "15 653", 460, note="2")
    (line,) = document_lines(read_pdf(path.read_bytes()))
    first, last = line.cells[0], line.cells[-1]
    glued = Amount("current", 2019, -215_653_000, "215.653", line.page,
                   (first.x0, first.top, last.x1, last.bottom), scale=1000)
    doc = SimpleNamespace(statements={}, notes=[])

    def breaks(statements, notes, final):  # the result line says 15 653 tkr of costs
        return (0, []) if glued.value == -15_653_000 else (1, [glued])

    passes.run("parsed", doc, passes.Context({}, {line.page}, PageImages(path.read_bytes()), breaks))
    assert (glued.value, glued.confidence) == (-15_653_000, REREAD_CONFIDENCE)


@pytest.mark.parametrize("first, second, confirmed", [
    (0.95, 100, True),  # read the same by the other view too: a misprint, taken as printed
    (0.95, None, False),  # the other view is not sure of it: a doubt
    (0.85, 100, False),  # its first reading was doubtful already (groups lost): a doubt
])
def test_a_figure_read_the_same_confirms_a_misprint_only_when_sure(first, second, confirmed):
    from repair.arithmetic import repair_by_arithmetic
    amount = Amount("current", 2024, 100, "100", 1, (0, 0, 1, 1), first)
    repair_by_arithmetic(lambda final: (1, [amount]), reread=lambda amounts: [100],
                         rereadable=lambda a: True, reread_confidence=0.7, doubt_confidence=0.5,
                         sure=lambda amounts: [second], confirm_from=0.95)
    assert amount.confidence == (first if confirmed else 0.5)


def test_a_grouped_amount_is_no_note_number_and_figures(tmp_path):
    """"7 240" read again is seven thousand two hundred and forty, never a note number 7 and
    240, even where 240 would mend a sum."""
    path = tmp_path / "grouped.pdf"
    _one_row_pdf(path, "Medlemsavgift", "7 240", 460)
    (line,) = document_lines(read_pdf(path.read_bytes()))
    (cell,) = line.cells
    amount = Amount("deviation", 2015, 7_240, "7 240", line.page,
                    (cell.x0, cell.top, cell.x1, cell.bottom))
    doc = SimpleNamespace(statements={}, notes=[])

    def breaks(statements, notes, final):
        return (0, []) if amount.value == 240 else (1, [amount])

    passes.run("parsed", doc, passes.Context({}, {line.page}, PageImages(path.read_bytes()), breaks))
    assert amount.value == 7_240


def _scan(tmp_path, dpi: int):
    """A one-line page scanned at ``dpi``: "Kassa och bank ... 6 391", the figure's box."""
    from PIL import Image, ImageDraw, ImageFont
    px = dpi / 72
    image = Image.new("L", (int(595 * px), int(842 * px)), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", int(11 * px))
    draw = ImageDraw.Draw(image)
    draw.text((60 * px, 130 * px), "Kassa och bank", font=font, fill=0)
    draw.text((400 * px, 130 * px), "6 391", font=font, fill=0)
    path = _image_pdf(image, tmp_path / f"scan{dpi}.pdf")
    return path.read_bytes(), (398.0, 129.0, 436.0, 143.0)


@pytest.mark.parametrize("dpi, confirmed", [(300, True), (150, False)])
def test_a_misprint_is_confirmed_only_from_a_fine_scan(tmp_path, dpi, confirmed):
    """A broken sum's figure read the same again (and by the other view, sure) is taken as
    printed on a 300 dpi scan; on a coarser one both readings may share a misread: a doubt."""
    data, bbox = _scan(tmp_path, dpi)
    images = PageImages(data)
    assert round(images.scan_dpi(1)) == dpi
    amount = Amount("current", 2024, 6391, "6 391", 1, bbox, 0.95)
    doc = SimpleNamespace(statements={}, notes=[])
    passes.run("parsed", doc, passes.Context({}, {1}, images, lambda st, notes, final: (1, [amount])))
    assert amount.confidence == (0.95 if confirmed else BREAKS_ARITHMETIC_CONFIDENCE)


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


def test_a_count_that_breaks_its_tables_sum_is_read_again(summary_table, tmp_path):
    """A 300 dpi scan read KRUS's 7 new participants as 1: the summary row's sum breaks
    (29 ≠ 22 + 1), the counts it compares are read again from the image, and the reading
    that mends the sum is taken, at re-read confidence. Where the image gives nothing (here a
    blank page), what still breaks is left as read, doubtful: a warning, not a false error."""
    from checks.parsed import broken_counts
    from core.lexicon import load_lexicon
    from parsers.participants import parse_participants
    from parsers.sections import Section

    lexicon = load_lexicon()
    lines = document_lines(read_pdf(summary_table))

    def parsed():
        counts = parse_participants(Section("deltagare", lines[0].text, lines, table_title=True),
                                    lexicon, 2024)
        for c in counts:
            c.confidence = 0.95
        krus = next(c for c in counts if c.insats == "KRUS" and c.measure == "nya")
        krus.value = 1
        return SimpleNamespace(statements={}, notes=[], participants=counts, goals=[]), krus

    def ctx(images: bytes, ocr_pages: set[int]):
        return passes.Context({}, ocr_pages, PageImages(images), lexicon=lexicon,
                              count_breaks=lambda counts, final: broken_counts(counts, lexicon,
                                                                               2024, final))
    doc, krus = parsed()
    passes.run("parsed", doc, ctx(summary_table, {1}))
    assert (krus.value, krus.confidence) == (7, REREAD_CONFIDENCE)
    assert broken_counts(doc.participants, lexicon, 2024) == (0, [])
    blank = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(blank), pagesize=A4)
    c.showPage()
    c.save()
    doc, krus = parsed()
    passes.run("parsed", doc, ctx(blank.read_bytes(), {1}))
    assert (krus.value, krus.confidence) == (1, BREAKS_ARITHMETIC_CONFIDENCE)
    doc, krus = parsed()
    passes.run("parsed", doc, ctx(summary_table, set()))  # a page as the file printed it
    assert (krus.value, krus.confidence) == (1, 0.95)


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


def _statistics(c, title: str, title_y: float, heads: tuple[str, ...],
                rows: tuple[tuple[str, str, str, str], ...]) -> None:
    """A bilaga's statistics table on canvas ``c``: its title, group headings right-aligned
    at 300, 360 and 420 (y 706), and measure rows 16 pt apart from y 690."""
    c.setFont("Helvetica", 11)
    c.drawString(60, title_y, title)
    for x, text in zip((300, 360, 420), heads, strict=True):
        c.drawRightString(x, 706, text)
    for y, row in zip((690, 674, 658), rows, strict=True):
        c.drawString(60, y, row[0])
        for x, value in zip((300, 360, 420), row[1:], strict=True):
            c.drawRightString(x, y, value)


@pytest.fixture(scope="module")
def form_statistics(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("repair") / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _statistics(c, "Statistik Framåt", 730, ("Totalt", "Män", "Kvinnor"),
                (("Deltagare under året", "37", "17", "20"), ("Nya deltagare", "19", "16", "3"),
                 ("Avslutade", "14", "2", "12")))
    c.showPage()
    c.save()
    return path.read_bytes()


@pytest.fixture(scope="module")
def form_with_exits(tmp_path_factory) -> bytes:
    """A bilaga's statistics ("Totalt M K") and its exits under "Antal" below."""
    path = tmp_path_factory.mktemp("repair") / "form_exits.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    _statistics(c, "Statistik Bron", 760, ("Totalt", "M", "K"),
                (("Totalt antal deltagare", "26", "11", "15"), ("Nya deltagare", "11", "2", "9"),
                 ("Avslutade deltagare", "15", "13", "2")))
    c.drawString(60, 630, "Avslut")
    c.drawRightString(300, 614, "Antal")
    for y, (label, value) in zip((598, 582, 566), (("Till arbete", "5"), ("Till studier", "2"),
                                                   ("Annat avslut", "8")), strict=True):
        c.drawString(60, y, label)
        c.drawRightString(300, y, value)
    c.showPage()
    c.save()
    return path.read_bytes()


def test_column_headings_ocr_dropped_beside_a_lone_heading_are_read_once(form_with_exits):
    """"Totalt M K" read as "Totalt" alone (the single letters dropped): one heading word
    over a count table is no title, its columns without one are read again; the slots of
    the two dropped headings both reach over "M", read once."""
    lines = document_lines(read_pdf(form_with_exits))
    heading = next(i for i, ln in enumerate(lines) if ln.label == "Totalt M K")
    lone = replace(lines[heading], words=lines[heading].words[:1],
                   label_words=lines[heading].label_words[:1])
    dropped = [*lines[:heading], lone, *lines[heading + 1:]]
    mended = fill_headings(dropped, {1}, PageImages(form_with_exits))
    assert mended[heading].label == "Totalt M K"


def test_a_lone_capital_heading_is_read_again_from_a_scan(tmp_path):
    """"Kvinnor  M  Totalt" on a 300 dpi scan, the "M" dropped by OCR: read again over the
    gap between its neighbours, where Tesseract's block reading finds nothing in the crop
    of one capital; the crop read as a line of text gives it."""
    from fixtures.scan import scan_pdf
    from repair.reread import CellBox
    src, dst = tmp_path / "heading.pdf", tmp_path / "heading_scan.pdf"
    c = canvas.Canvas(str(src), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 11)
    for x, text in ((300, "Kvinnor"), (360, "M"), (420, "Totalt")):
        c.drawRightString(x, 320, text)
    c.showPage()
    c.save()
    scan_pdf(src, dst, "scan300", 1)
    read = PageImages(dst.read_bytes()).read_words(CellBox(1, 304.5, 510, 387.5, 530), 70, 8.0)
    assert [w[0] for w in read] == ["M"] and 348 < read[0][1] < 356


def test_a_figure_read_in_a_wide_heading_slot_stands_where_its_ink_is(form_with_exits):
    """"Till arbete 5" with the 5 lost: a slot under the page's headings may reach over
    the three columns of "Totalt M K" (the spans of another form's headings on the page,
    merged); the figure read there is placed at its ink (under "Antal"), not over all
    three columns, which would make one column of them. A slot as narrow as its figure
    stays as it is."""
    from repair.cells import _ink_span
    lines = document_lines(read_pdf(form_with_exits))
    row = next(ln for ln in lines if ln.label == "Till arbete")
    images = PageImages(form_with_exits)
    x0, x1 = _ink_span(images, row, 262.0, 425.0, 5)
    assert 290 < x0 < x1 < 302
    assert _ink_span(images, row, 292.0, 301.0, 5) == (292.0, 301.0)


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


def test_counts_under_a_heading_read_again_from_the_image_say_so(form_statistics):
    # The heading names the group ("Män", "Kvinnor"): read again from the image, it is less
    # sure than the page's own words, and so is every count it names.
    from core.lexicon import load_lexicon
    from parsers.participants import parse_participants
    from parsers.sections import Section

    lines = document_lines(read_pdf(form_statistics))
    ocr = [replace(ln, words=[replace(w, confidence=0.95) for w in ln.words],
                   cells=[replace(c, confidence=0.95) for c in ln.cells]) for ln in lines]
    ctx = passes.Context({}, {1}, PageImages(form_statistics))
    mended = fill_headings([ocr[0], *ocr[2:]], ctx.ocr_pages, ctx.images)
    counts = parse_participants(Section("insatsrapport", mended[0].text, mended, title="Framåt"),
                                load_lexicon(), 2024)
    kvinnor = [c for c in counts if c.group == "kvinnor"]
    assert kvinnor and all(c.confidence < 0.95 and c.key_match != "exact" for c in kvinnor)
    as_read = parse_participants(Section("insatsrapport", ocr[0].text, ocr, title="Framåt"),
                                 load_lexicon(), 2024)
    assert {c.confidence for c in as_read if c.group == "kvinnor"} == {0.95}


def test_two_figures_read_as_one_cell_over_two_columns_are_read_apart(tmp_path):
    """"193" and "485" of one row read as one cell "193485" over both columns (a hard
    scan's specks joined their ink): the cell stands over both columns of the rows around,
    and read again column by column it is the two figures, each where its column stands."""
    from parsers.gaps import straddling_cells
    from repair.cells import split_straddling
    data, lines = _two_column_lines(tmp_path / "straddle.pdf", (("Kortfristiga fordringar", "193", "485"),
                           ("Kassa och bank", "5 721", "5 956"),
                           ("Summa omsättningstillgångar", "5 914", "6 441"),
                           ("Summa tillgångar", "5 914", "6 441")))
    first = lines[0]
    a, b = first.cells
    glued = replace(a, words=[replace(a.words[0], text="193485", x1=b.x1)], value=193485)
    lines[0] = replace(first, cells=[glued])
    assert [(s.line_index, s.cell_index, len(s.parts)) for s in straddling_cells(lines)] == [(0, 0, 2)]
    assert straddling_cells(lines[1:]) == []  # figures in their own columns: none
    mended = split_straddling(lines, {1}, PageImages(data))
    cells = mended[0].cells
    assert [(c.value, c.confidence) for c in cells] == [(193, REREAD_CONFIDENCE), (485, REREAD_CONFIDENCE)]
    assert cells[1].x0 - cells[0].x1 > 20  # apart: no digit groups of one figure
    assert lines[0].cells == [glued]  # the input is unchanged


@pytest.mark.parametrize("dpi, ruled, respelled", [(300, False, True), (200, False, True),
                                                    (200, True, False), (300, True, False)])
def test_a_name_read_without_its_a_umlaut_is_read_again_word_by_word(tmp_path, dpi, ruled,
                                                                      respelled):
    """"Vägvisaren", an insats the report prints once, read "Vagvisaren" by the page's OCR
    (its binarisation lost the dots): neither the lexicon nor the document spells it, so
    the word is read again from the grey image, also of a 200 dpi scan (a hard scan's
    summary table prints its insatser once), and a reading that differs by diacritics alone
    is its spelling. A reading with other letters changed is no spelling of it; a word an
    upright ruling line crosses stays as read (where the line crosses an a or o, Tesseract
    reads its dots: "Kundfördringar")."""
    from PIL import Image, ImageDraw, ImageFont

    from core.lexicon import load_lexicon
    from parsers.layout import page_lines
    from repair.ocrfix import reread_names
    px = dpi / 72
    image = Image.new("L", (int(595 * px), int(842 * px)), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", int(11 * px))
    draw = ImageDraw.Draw(image)
    words = []
    for i, (printed, read, count) in enumerate((("Vägvisaren", "Vagvisaren", "43"),
                                                ("Trampolinen", "Trampalinen", "40"))):
        for text, as_read, x in ((printed, read, 60), (count, count, 280)):
            draw.text((x * px, (130 + 16 * i) * px), text, font=font, fill=0)
            x0, top, x1, bottom = (v / px for v in draw.textbbox((x * px, (130 + 16 * i) * px),
                                                                  text, font=font))
            words.append(Word(as_read, x0, x1, top, bottom, confidence=0.95))
    if ruled:  # a faint column rule down the page, through the first name's second a
        draw.line(((118 * px, 100 * px), (118 * px, 200 * px)), fill=150, width=max(1, int(px / 2)))
    path = _image_pdf(image, tmp_path / "names.pdf")
    ocr = page_lines(Page(1, 595, 842, words, source="ocr"))
    vocabulary = load_lexicon().vocabulary
    mended = reread_names(ocr, {1}, PageImages(path.read_bytes()), vocabulary)
    assert [ln.label for ln in mended] == ["Vägvisaren" if respelled else "Vagvisaren",
                                           "Trampalinen"]
    assert mended[0].cells == ocr[0].cells
    if respelled:
        assert mended[0].label_words[0].raw == "Vagvisaren"
    assert reread_names(ocr, set(), PageImages(path.read_bytes()), vocabulary) == ocr


@pytest.mark.parametrize("specked", [(0,), (0, 1)])
def test_a_speck_over_one_printing_of_a_name_adds_no_diacritics(tmp_path, specked):
    """"Gruvbo", a kommun the report prints twice, read again from the grey image of a hard
    scan where a speck stood over its first printing's o: Tesseract read "Gruvbö", and the
    note item "Driftbidrag från Gruvbö kommun" was stored under that name (its key wrong,
    sure). A name's printings are read again, up to reread.name_printings, and one read as
    printed ("Gruvbo") says the dots were a speck's. Specks over every printing read alike
    still respell it: the image shows dots wherever the word is printed."""
    from PIL import Image, ImageDraw, ImageFont

    from core.lexicon import load_lexicon
    from parsers.layout import page_lines
    from repair.ocrfix import reread_names
    px = 300 / 72
    image = Image.new("L", (int(595 * px), int(842 * px)), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", int(11 * px))
    draw = ImageDraw.Draw(image)
    words = []
    for i, top in enumerate((130, 300)):
        x = 60
        for text in ("Driftbidrag", "från", "Gruvbo", "kommun", "681"):
            x = 280 if text == "681" else x
            draw.text((x * px, top * px), text, font=font, fill=0)
            x0, y0, x1, y1 = (v / px for v in draw.textbbox((x * px, top * px), text, font=font))
            words.append(Word(text, x0, x1, y0, y1, confidence=0.95))
            if text == "Gruvbo" and i in specked:  # two dots over its o, as a speck leaves
                ox = x1 - 3.6
                for dx in (0.0, 2.4):
                    draw.ellipse((((ox + dx) * px, (y0 - 0.2) * px),
                                  ((ox + dx + 1.1) * px, (y0 + 0.9) * px)), fill=0)
            x = x1 + 3.5
    path = _image_pdf(image, tmp_path / "names.pdf")
    ocr = page_lines(Page(1, 595, 842, words, source="ocr"))
    images = PageImages(path.read_bytes())
    first = next(w for w in ocr[0].label_words if w.text == "Gruvbo")
    assert images.read_word(CellBox(1, first.x0, first.top, first.x1, first.bottom)) == "Gruvbö"
    mended = reread_names(ocr, {1}, images, load_lexicon().vocabulary)
    name = "Gruvbö" if len(specked) == 2 else "Gruvbo"
    assert [ln.label for ln in mended] == [f"Driftbidrag från {name} kommun"] * 2


@pytest.mark.parametrize("as_read, parts", [
    ("12652049", [1_265, 2_049]),
    # Digits the parts do not cut into ("1136" read where "2136" stood: the whitening took a
    # stroke with the line): no parts are taken, the cell stays, doubtful.
    ("12652048", None),
])
def test_two_figures_a_level_line_glued_are_read_apart_with_the_line_whitened(tmp_path, as_read,
                                                                              parts):
    """Untuned variety-92: a level line through "1 265   2 049" (a note's row): OCR read
    one word "12652049" over both columns and a plain reading of each column's part read
    nothing clean (the line through its digits); the row lost this year's figure and kept
    12 652 049 as last year's. Each part is read with the line whitened, and taken when
    the parts' digits are OCR's, in order; doubtful."""
    from parsers.layout import Cell
    from repair.cells import split_straddling
    rows = (("Driftbidrag från Holmby kommun", "1 265", "2 049"),
            ("Bidrag från Försäkringskassan", "9 845", "9 716"),
            ("Driftbidrag från Sälje kommun", "1 941", "1 525"), ("Övriga intäkter", "154", "117"))
    data, lines = _two_column_lines(tmp_path / "glued.pdf", rows, rule=(40, 704, 560, 704))
    first = lines[0]
    a, b = first.cells
    word = Word(as_read, a.x0, b.x1, a.top, a.bottom, confidence=0.95)
    lines[0] = replace(first, cells=[Cell([word], int(as_read), 0.95)])
    mended = split_straddling(lines, {1}, PageImages(data))[0]
    if parts is None:
        assert len(mended.cells) == 1 and mended.cells[0].confidence < 0.8
    else:
        assert [(c.value, c.confidence) for c in mended.cells] == [(v, REREAD_CONFIDENCE) for v in parts]


def test_figures_of_two_columns_joined_by_a_lost_grouping_space_part_at_the_column_gap(tmp_path):
    """"Summa 349 790 320907" (a 300 dpi scan lost the space in "320 907", and the figure
    read as one group joined this year's): the cell stands over both columns and its words
    divide at the gap between them, so they are the two figures as read, with no re-read
    (the page's ink under the row is blank here: a re-read would find nothing)."""
    from parsers.gaps import straddling_cells
    from parsers.layout import Cell
    from repair.cells import split_straddling
    data, lines = _two_column_lines(tmp_path / "straddle_words.pdf", (("Fordran moms", "112 112", "124 673"),
                           ("Kundfordringar", "119 165", "87 182"),
                           ("Förutbetalda kostnader", "118 513", "109 052"), ("Summa", "", "")))
    last = lines[-1]
    top, bottom = lines[-2].cells[0].top + 15, lines[-2].cells[0].bottom + 15
    words = [Word(t, x0, x1, top, bottom, confidence=0.95)
             for t, x0, x1 in (("349", 393, 411), ("790", 414, 430), ("320907", 476, 510))]
    lines[-1] = replace(last, cells=[Cell(words, 349_790_320_907, 0.85)], page=1)
    assert [(s.line_index, len(s.parts)) for s in straddling_cells(lines)] == [(len(lines) - 1, 2)]
    mended = split_straddling(lines, {1}, PageImages(data))
    assert [c.value for c in mended[-1].cells] == [349_790, 320_907]
    assert all(c.confidence < 1 for c in mended[-1].cells)
    # A gap inside a part as wide as the one at the cut: no sure division, left to the
    # re-read (which finds nothing here: the cell stays, doubtful).
    wide = [Word(t, x0, x1, top, bottom, confidence=0.95)
            for t, x0, x1 in (("3", 354, 360), ("490", 410, 430), ("320907", 476, 510))]
    lines[-1] = replace(last, cells=[Cell(wide, 3_490_320_907, 0.85)], page=1)
    kept = split_straddling(lines, {1}, PageImages(data))[-1].cells
    assert [c.value for c in kept] == [3_490_320_907] and kept[0].confidence < 0.85


def test_a_wider_figure_begun_left_of_the_column_cut_still_parts_at_the_gap(tmp_path):
    """"Summa 270145 216745" (a hard scan, narrow columns: the gap between the figures lost,
    one cell): the cut at the middle of the gap between the columns passes through the first
    digit of the next column's figure, wider than the figures above it. Each word belongs to
    the part its middle stands in: the two figures as read, no re-read (the page's ink under
    the row is blank here)."""
    from parsers.gaps import straddling_cells
    from parsers.layout import Cell
    from repair.cells import split_straddling
    data, lines = _two_column_lines(tmp_path / "straddle_wide.pdf", (("Fordran moms", "101 926", "62 964"),
                           ("Kundfordringar", "79 525", "76 798"),
                           ("Förutbetalda kostnader", "88 694", "76 983"), ("Summa", "", "")))
    last = lines[-1]
    top, bottom = lines[-2].cells[0].top + 15, lines[-2].cells[0].bottom + 15
    first = Word("270145", lines[-2].cells[0].x1 - 40, lines[-2].cells[0].x1, top, bottom, confidence=0.95)
    x1 = lines[-2].cells[1].x1
    lines[-1] = replace(last, cells=[Cell([first, replace(first, text="216745", x0=x1 - 42, x1=x1)],
                                          270_145_216_745, 0.85)], page=1)
    cut = straddling_cells(lines)[0].parts[0][1]
    second = replace(first, text="216745", x0=cut - 2, x1=x1)  # begun left of the cut
    lines[-1] = replace(last, cells=[Cell([first, second], 270_145_216_745, 0.85)], page=1)
    assert straddling_cells(lines)[0].parts[0][1] == cut
    mended = split_straddling(lines, {1}, PageImages(data))
    assert [c.value for c in mended[-1].cells] == [270_145, 216_745]
    # A word reaching further over the cut ("234567": a figure's groups run into the next
    # column's) is no column's figure as read: nothing is parted sure (the re-read finds
    # nothing on this blank row; the cell stays, doubtful).
    run = [replace(first, text="1", x0=cut - 30, x1=cut - 26),
           replace(first, text="234567", x0=cut - 22, x1=cut + 30),
           replace(first, text="890", x0=cut + 32, x1=x1)]
    lines[-1] = replace(last, cells=[Cell(run, 1_234_567_890, 0.85)], page=1)
    kept = split_straddling(lines, {1}, PageImages(data))[-1].cells
    assert all(c.confidence < DIGITAL.checks.uncertain_below for c in kept), kept


def test_ink_of_two_figures_close_together_is_read_column_by_column(tmp_path):
    """A row whose figures OCR dropped, printed close together ("5 721  5 956"): their ink is
    one run, read whole as no amount. Over the two columns of the rows around it is read
    column by column, and the readings (holding the whole run's digits) are two cells."""
    from repair.cells import fill_from_ink
    data, lines = _two_column_lines(tmp_path / "ink.pdf", (("Årets kassaflöde", "235", "222"),
                           ("Likvida medel vid periodens början", "5 956", "5 734"),
                           ("Likvida medel vid periodens slut", "5 721", "5 956")), prev_x=466)
    last = lines[2]
    lines[2] = replace(last, cells=[], words=last.label_words)  # OCR dropped its figures
    mended = fill_from_ink(lines, {1}, PageImages(data))
    assert [(c.value, c.confidence) for c in mended[2].cells] == [
        (5721, REREAD_CONFIDENCE), (5956, REREAD_CONFIDENCE)]
    assert mended[2].cells[1].x0 - mended[2].cells[0].x1 > 3  # apart, each in its column


def test_a_status_ocr_dropped_from_a_goal_table_is_read_again(tmp_path):
    """A 200 dpi scan's ruling line ran through "Delvis uppnått" and OCR read nothing in the
    goal's status cell: the goal knows where its cell stands, and the cell read again from
    the image gives its status, doubtful as a re-read."""
    from core.lexicon import load_lexicon
    from parsers.goals import parse_goals
    from parsers.sections import Section
    path = tmp_path / "goals.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    c.drawString(57, 780, "Måluppfyllelse")
    for x, text in ((57, "Resultatmål"), (149, "Mål"), (305, "Aktivitet"), (449, "Måluppnåelse")):
        c.drawString(x, 755, text)
    rows = ((730, "Mål på", "Deltagarna ska få stöd", "Enkät till deltagarna", "Uppnått"),
            (700, "Mål på", "Personalen ska uppleva", "Enkät till personalen", "Delvis uppnått"))
    for y, level, goal, activity, status in rows:
        for x, text in ((57, level), (149, goal), (305, activity), (449, status)):
            c.drawString(x, y, text)
    c.line(453, 690, 453, 745)  # the table's ruling, through the "D" of "Delvis"
    c.showPage()
    c.save()
    lexicon = load_lexicon()
    lines = document_lines(read_pdf(path.read_bytes()))
    lost = lines[-1]  # OCR read nothing right of the ruling line on the second row
    lines[-1] = replace(lost, words=[w for w in lost.words if w.x0 < 440],
                        label_words=[w for w in lost.label_words if w.x0 < 440])
    goals = parse_goals(Section("maluppfyllelse", lines[0].text, lines), lexicon)
    assert [(g.status, g.status_cell is not None) for g in goals] == [
        ("uppnatt", False), ("okand", True)]
    doc = SimpleNamespace(goals=goals)
    ctx = passes.Context({}, {1}, PageImages(path.read_bytes()), lexicon=lexicon)
    mended = passes.run("parsed", doc, ctx).goals
    assert [g.status for g in mended] == ["uppnatt", "delvis"]
    assert mended[1].confidence <= REREAD_CONFIDENCE and mended[0] is goals[0]
    # Born-digital pages are not read again.
    kept = passes.run("parsed", SimpleNamespace(goals=goals), passes.Context(
        {}, set(), PageImages(path.read_bytes()), lexicon=lexicon)).goals
    assert [g.status for g in kept] == ["uppnatt", "okand"]


def test_a_page_whose_labels_ocr_lost_is_read_again():
    """Uneven light on a 200 dpi scan: OCR read a note page's figures (41 words, more than a
    sparse page has) but none of its labels; the page is read again whole, like a bare one."""
    from core.types import Page, Word
    from repair.cells import page_read_poorly

    figures = [Word(t, x, x + 18, top, top + 8) for top in range(100, 300, 15)
               for t, x in (("135", 453), ("005", 473), ("218", 501), ("699", 522))][:41]
    labels = [Word("Fordran", 57, 100, top, top + 8) for top in range(100, 300, 15)]
    assert page_read_poorly(Page(6, 595, 842, figures, source="ocr"))
    assert not page_read_poorly(Page(6, 595, 842, [*labels, *figures], source="ocr"))
    assert not page_read_poorly(Page(6, 595, 842, figures, source="text"))


def test_words_read_again_from_a_skewed_page_are_levelled():
    """Tesseract failed on a skewed 200 dpi page; read again whole from the un-deskewed image,
    a row's figures stand 7-11 pt below its label (words as read there)."""
    from repair.cells import level
    read = [("Framåt", 66.5, 115.9, 99.8, 125.0, 96), ("43", 248.2, 122.6, 259.4, 130.1, 96),
            ("28", 310.3, 124.3, 321.4, 132.2, 96), ("15", 373.2, 126.7, 383.3, 134.2, 96),
            ("Ankaret", 64.3, 130.8, 102.7, 142.6, 96), ("60", 247.9, 137.5, 259.2, 145.2, 96),
            ("33", 309.8, 139.4, 320.9, 147.4, 96), ("27", 372.2, 141.6, 382.8, 149.0, 96),
            ("Bron", 65.5, 146.6, 86.9, 154.6, 96), ("19", 247.9, 152.9, 258.7, 160.3, 96),
            ("10", 309.8, 154.8, 320.6, 162.5, 96), ("9", 377.5, 157.0, 382.3, 164.4, 96)]
    got = level(read, 595.44, 842.04)
    for row in (got[0:4], got[4:8], got[8:12]):
        mids = [(w[2] + w[4]) / 2 for w in row]
        assert max(mids) - min(mids) < 3.0, row
    straight = [(t, x0, 100.0, x1, 110.0, c) for t, x0, _, x1, _, c in read[:4]]
    assert level(straight, 595.44, 842.04) == straight


def test_a_figure_not_trusted_at_all_takes_its_clean_reread():
    """A figure OCR read with letters inside it ("112108" around "Ti") has confidence 0:
    its clean re-read replaces it; a figure read surely keeps its value against a re-read."""
    from core.types import Cell, Word
    from repair.cells import _reread_cell
    lost = Cell([Word("112108", 493, 553, 620, 630, confidence=0.0)], 112108, 0.0)
    assert _reread_cell(lost, 1172798).value == 1172798
    sure = Cell([Word("112108", 493, 553, 620, 630, confidence=0.5)], 112108, 0.5)
    assert _reread_cell(sure, 1172798).value == 112108


def test_a_page_opening_with_column_headings_without_their_title_is_read_again():
    """Uneven light lost "Driftredovisning per verksamhet" at the top of a page: it opens with
    the table's column headings, wholly right of the middle, and their years; read again.
    A page opening with its title, or with a running header on the right, is not."""
    from core.types import Page, Word
    from repair.cells import page_read_poorly

    def words(y, *items):
        return [Word(t, x, x + 6 * len(t), y, y + 9) for t, x in items]
    rows = [w for y in range(130, 400, 15) for w in words(y, ("Nettokostnad", 57), ("17", 310), ("252", 323))]
    heads = words(96, ("utfall", 307), ("Budget", 368), ("Budget-", 434), ("utfall", 515)) + \
        words(111, ("2017", 309), ("2017", 370), ("avvikelse", 434), ("2016", 515))
    assert page_read_poorly(Page(5, 595, 842, heads + rows, source="ocr"))
    titled = words(66, ("DRIFTREDOVISNING", 57)) + heads + rows
    assert not page_read_poorly(Page(5, 595, 842, titled, source="ocr"))
    header = words(40, ("Årsredovisning", 400), ("2017", 500)) + words(70, ("Noter", 57)) + rows
    assert not page_read_poorly(Page(5, 595, 842, header, source="ocr"))


def _ruled_sum_pdf(path, line_y: float | None, minus: bool, figure: str = "444") -> bytes:
    """A note's sum row, this year's figure right-aligned at 430 and last year's ``figure``
    at 510 (with a minus when ``minus``), a ruling line drawn across the row at ``line_y``
    (points above the baseline; None: no line), as a scan draws one through a row."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(60, 700, "Summa")
    c.drawRightString(430, 700, "425")
    c.drawRightString(510, 700, f"-{figure}" if minus else figure)
    if line_y is not None:
        c.setLineWidth(0.8)
        c.line(40, 700 + line_y, 560, 700 + line_y)
    c.showPage()
    c.save()
    return path.read_bytes()


@pytest.mark.parametrize("line_y, minus, unsigned", [
    (3.0, False, True),   # a line through the row read as a minus before "444": no sign
    (-1.5, False, True),  # a line under the row's figures, read so: no sign either
    (None, True, False),  # a printed minus, paper left of it: the sign stays
    (-3.0, True, False),  # a printed minus over a line under the row: the sign stays
    # A minus OCR read where only paper is (a line just outside the row's box, or nothing):
    # its own box holds no ink, so no sign is printed there ("916 719  — 664 900").
    (None, False, True),
    (12.0, False, True),
])
def test_a_minus_that_is_a_ruling_line_is_no_sign(tmp_path, line_y, minus, unsigned):
    """A hard scan's ruling line through or under a row, read by OCR as a detached minus
    before the next column's figure ("425 — 444"), ran on left of the 'sign' over the gap;
    the figure was stored negative at OCR's confidence (wrong but sure). Such a cell keeps
    its digits, doubtful; a printed minus, with paper left of it, keeps its sign."""
    from repair.cells import unsign_ruled
    data = _ruled_sum_pdf(tmp_path / "ruled.pdf", line_y, minus)
    (line,) = document_lines(read_pdf(data))
    cur = line.cells[0]
    prev = line.cells[-1]
    # As OCR read it: the figure's words at OCR's confidence, a sign word of its own before
    # it (the printed minus where it is printed; else a dash where the line runs).
    width = 3.7 if minus else 0  # Helvetica's hyphen at 11 pt
    digits = Word("444", prev.x0 + width, prev.x1, prev.top, prev.bottom, confidence=0.95)
    sign = Word("\u2014", prev.x0, prev.x0 + width, prev.top, prev.bottom, confidence=0.95) \
        if minus else Word("\u2014", prev.x0 - 15, prev.x0 - 4, prev.top, prev.bottom, confidence=0.95)
    signed = make_cell([sign, digits])
    assert signed.value == -444
    ocr = replace(line, cells=[cur, signed],
                  words=[w for w in line.words if w.x1 <= cur.x1] + [sign, digits])
    (out,) = unsign_ruled([ocr], {line.page}, PageImages(data))
    (got,) = [c for c in out.cells if c.x1 > 480]
    if unsigned:
        assert got.value == 444 and got.confidence < 0.8
        # A printed minus under the line is still possible: a re-read of the digits alone
        # confirms them, never the sign.
        from repair.cells import _reread_cell
        assert got.sign_lost and _reread_cell(got, 444).confidence == got.confidence
    else:
        assert got is signed
    assert ocr.cells[-1] is signed  # the input is unchanged


@pytest.mark.parametrize("line_y, minus, confirmed", [
    (None, False, True),  # no line: the re-read's digits confirm the figure and its sign
    (-3.0, False, True),  # a line under the row's figures hides no sign
    (0.5, True, False),   # a printed minus over a line along the digits' foot: the digits'
    (1.0, True, False),   # re-read reads "444", the minus lost to the line; never stored sure
    (0.5, False, False),  # so a line through the digits leaves a figure's sign unknown
    (3.5, True, False),   # a printed minus on the line
])
def test_a_reread_confirms_no_sign_a_line_through_the_figure_may_hide(tmp_path, line_y, minus,
                                                                      confirmed):
    """A hard scan's ruling line ran through "-684": OCR boxed the sign with the digits and
    read "684" (a wide box, doubtful), the digits' re-read read "684" too, and the figure
    was stored positive at the re-read's confirmed confidence (wrong but sure). A reading
    of the same digits confirms them; their sign only where no line crosses the figure's
    own band (a line under its row hides nothing)."""
    from repair.cells import reread_doubtful
    data = _ruled_sum_pdf(tmp_path / "ruled.pdf", line_y, minus)
    (line,) = document_lines(read_pdf(data))
    prev = line.cells[-1]
    digits = Word("444", prev.x0, prev.x1, prev.top, prev.bottom, confidence=REPAIRED)
    ocr = replace(line, cells=[line.cells[0], make_cell([digits])],
                  words=[w for w in line.words if w.x1 <= line.cells[0].x1] + [digits])
    (out,) = reread_doubtful([ocr], {line.page}, PageImages(data))
    got = out.cells[-1]
    if confirmed:
        assert got.value == 444 and got.confidence == OCR_CONFIRMED
    else:
        assert got.value == -444 or got.confidence < DIGITAL.checks.uncertain_below, got


def _column_rule_pdf(path, rule: float | None, parenthesised: bool, faint: bool = False) -> bytes:
    """A driftredovisning's row, last year's figure right-aligned at 510 ("(17 427 269)" when
    ``parenthesised``), a table's upright column rule at x ``rule`` (None: none; from well
    above the row to well below it, as a ruled narrow table draws one)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 11)
    c.drawString(60, 700, "Medlemsavgift")
    c.drawRightString(400, 700, "16 831 047")
    c.drawRightString(510, 700, "(17 427 269)" if parenthesised else "17 427 269")
    if rule is not None:
        c.setLineWidth(0.8)
        c.line(rule, 660, rule, 740)
    if faint:  # a copier's faint upright line through the printed "(" (a hard scan's)
        from reportlab.pdfbase.pdfmetrics import stringWidth
        x = 510 - stringWidth("(17 427 269)", "Times-Roman", 11) + 1.2
        c.setStrokeGray(0.72)
        c.setLineWidth(0.6)
        c.line(x, 660, x, 740)
    c.showPage()
    c.save()
    return path.read_bytes()


@pytest.mark.parametrize("rule, parenthesised, unsigned", [
    ("left", False, True),   # the column rule before the figure read as "(": no sign
    ("right", False, True),  # the rule after it read as ")" ("1515614)"): no sign
    (None, True, False),     # a printed "(" whose ")" OCR lost, no rule: the negative stays
    ("faint", True, False),  # ... a copier's faint line through it (serif variety-35 "(772"): stays
])
def test_a_lone_parenthesis_that_is_a_column_rule_is_no_sign(tmp_path, rule, parenthesised, unsigned):
    """Serif ruled narrow variety-31: the table's upright rule just left of last year's
    "17 427 269" read as "(17427 269", taken as a negative that lost its ")": the row stored
    negative and the column's signs turned; one right of "1 515 614" read "1515614)". A
    parenthesis the rule runs through, on above and below the row, is the line: the digits
    kept, positive, doubtful; a printed one keeps its sign."""
    from repair.cells import unparen_ruled
    data = _column_rule_pdf(tmp_path / "col.pdf", {"left": 455, "right": 514}.get(rule), parenthesised,
                            faint=rule == "faint")
    (line,) = document_lines(read_pdf(data))
    cur, prev = line.cells[0], line.cells[-1]
    first, last = prev.words[0], prev.words[-1]
    # As OCR read it: "(17427 269" (the "(" glued to the first group, at the rule's x or the
    # printed parenthesis's, the ")" lost), or "17427 269)" (the rule's ")" glued to the last).
    if rule == "right":
        words = [Word("17427", first.x0, prev.words[1].x1, first.top, first.bottom, confidence=0.95),
                 Word("269)", last.x0, 515.0, first.top, first.bottom, confidence=0.95)]
    else:
        words = [Word("(17427", 453.5 if rule in ("left", "right") else first.x0, prev.words[1].x1,
                      first.top, first.bottom,
                      confidence=0.95),
                 Word("269", last.x0, last.x1 - (3.7 if parenthesised else 0), first.top, first.bottom,
                      confidence=0.95)]
    signed = make_cell(words)
    assert signed.value == -17427269
    ocr = replace(line, cells=[cur, signed], words=[w for w in line.words if w.x1 <= cur.x1] + words)
    (out,) = unparen_ruled([ocr], {line.page}, PageImages(data))
    got = out.cells[-1]
    if unsigned:
        assert got.value == 17427269 and got.confidence <= REPAIRED
    else:
        assert got is signed
    assert ocr.cells[-1] is signed  # the input is unchanged


@pytest.mark.parametrize("line_y, minus, unsigned, figure", [
    (3.0, False, True, "444"),   # a faint line through a count's row read as "—26", one word
    (None, True, False, "444"),  # a printed minus glued to its digits, paper left of it: kept
    # An amount of two groups, the dash glued to the first ("—171 023", untuned variety-79's
    # driftredovisning: stored -171 023, sure); a printed one keeps its sign.
    (3.0, False, True, "171 023"),
    (None, True, False, "171 023"),
])
def test_a_minus_a_ruling_line_glued_to_the_digits_is_no_sign(tmp_path, line_y, minus, unsigned,
                                                               figure):
    """Serif variety-21: a line through a participant row read "—26" (one word, the line's
    dash glued to the digits): a count of -26, sure, was dropped. The sign's share of the
    word is judged as a sign word of its own is: a line that runs on left of it is no sign,
    the digits kept, doubtful; a printed minus keeps its sign."""
    from repair.cells import unsign_ruled
    data = _ruled_sum_pdf(tmp_path / "glued.pdf", line_y, minus, figure)
    (line,) = document_lines(read_pdf(data))
    cur, prev = line.cells[0], line.cells[-1]
    first, rest = prev.words[0], prev.words[1:]
    x0 = first.x0 if minus else first.x0 - 5
    glued = Word("\u2014" + first.text.lstrip("-"), x0, first.x1, first.top, first.bottom, confidence=0.95)
    words = [glued, *(replace(w, confidence=0.95) for w in rest)]
    signed = make_cell(words)
    digits = int(figure.replace(" ", ""))
    assert signed.value == -digits
    ocr = replace(line, cells=[cur, signed], words=[w for w in line.words if w.x1 <= cur.x1] + words)
    (out,) = unsign_ruled([ocr], {line.page}, PageImages(data))
    (got,) = [c for c in out.cells if c.x1 > 480]
    if unsigned:
        assert got.value == digits and got.confidence < 0.8
    else:
        assert got is signed


def test_parts_of_one_figure_read_apart_in_its_column_are_read_again_whole(tmp_path):
    """"1 145 041" read by a hard scan's OCR as "1 145" (repaired from "1-145", a ruling
    line through it) and "04)" (no amount): two cells in last year's column, the first
    taken for a column of its own, which took the year heading from the real column (all
    of last year's figures of the note were lost). The parts are one doubtful cell over
    the column, read again whole; cells in columns of their own are left alone."""
    from repair.cells import join_crowded, reread_doubtful
    data, lines = _two_column_lines(tmp_path / "crowded.pdf", (("Lokalhyra", "2 235 706", "1 123 803"),
                           ("Revisionsarvode", "2 600 045", "1 772 355"),
                           ("Resekostnader", "1 734 047", "1 145 041"),
                           ("Lön tjänstemän", "719 818", "805 529")))
    row = lines[2]
    cur, prev = row.cells
    ocr = [replace(w, confidence=0.95) for w in prev.words]  # "1", "145", "041"
    first = make_cell([replace(ocr[0], text="1 145", x1=ocr[1].x1, confidence=0.6)])
    second = make_cell([replace(ocr[2], text="04)")])
    assert first.value == 1145 and second.value is None
    lines[2] = replace(row, cells=[cur, first, second])
    images = PageImages(data)
    joined = join_crowded(lines, {1}, images)
    assert [c.value for c in joined[2].cells] == [1_734_047, None]
    assert joined[2].cells[1].x0 <= first.x0 and joined[2].cells[1].x1 >= second.x1
    assert joined[:2] == lines[:2] and joined[3] == lines[3]  # one figure per column: alone
    read = reread_doubtful(joined, {1}, images)
    assert [(c.value, c.confidence) for c in read[2].cells[1:]] == [(1_145_041, REREAD_CONFIDENCE)]
    assert lines[2].cells[1] is first  # the input is unchanged


def test_groups_of_one_figure_read_apart_keep_the_figure_they_make_doubtful(tmp_path):
    """Serif ruled narrow variety-31: a note's six-digit figures "393 869", "563 255" read
    with their grouping space wide, each group a doubtful cell of its own; joined with no
    value, the digits-only re-read of the narrow serif column gave "55" and "963 299" (5
    read as 9). Groups that make a figure as printers group one, no farther apart than a
    grouping space, keep that figure, doubtful, for the re-read to confirm or leave."""
    from repair.cells import join_crowded
    data, lines = _two_column_lines(tmp_path / "groups.pdf", (("Leverantörsskulder", "393 869", "563 255"),
                           ("Upplupna semesterlöner", "428 048", "512 266"),
                           ("Avräkning sociala avgifter", "544 588", "495 919"),
                           ("Övriga kortfristiga skulder", "387 496", "400 137")))
    row = lines[0]
    cur, prev = row.cells
    parts = [make_cell([replace(w, confidence=0.5)]) for w in prev.words]  # "563", "255"
    assert [c.value for c in parts] == [563, 255]
    lines[0] = replace(row, cells=[cur, *parts])
    joined = join_crowded(lines, {1}, PageImages(data))
    (got,) = joined[0].cells[1:]
    assert got.value == 563_255 and got.confidence <= REPAIRED
    assert lines[0].cells[1] is parts[0]  # the input is unchanged


def test_a_clean_figure_beside_a_mark_in_one_column_stays_a_figure(tmp_path):
    """Only parts that are all doubtful are joined: a clean figure with a mark after it
    ("801 667", "1100891", "=" where a neighbour's wide cell made the rows' columns one)
    keeps its figures."""
    from repair.cells import join_crowded
    data, lines = _two_column_lines(tmp_path / "marks.pdf", (("Lokalhyra", "2 235 706", "1 123 803"),
                           ("Revisionsarvode", "2 600 045", "1 772 355"),
                           ("Resekostnader", "1 734 047", "1 145 041"),
                           ("Lön tjänstemän", "719 818", "805 529")))
    row = lines[2]
    cur, prev = row.cells
    ocr = [replace(w, confidence=0.95) for w in prev.words]
    first = make_cell([replace(ocr[0], text="1145", x1=ocr[1].x1)])
    mark = make_cell([replace(ocr[2], text="=")])
    lines[2] = replace(row, cells=[cur, first, mark])
    assert join_crowded(lines, {1}, PageImages(data))[2].cells == [cur, first, mark]


def test_a_slot_that_cuts_a_figure_on_the_page_reads_no_part_of_it(tmp_path):
    """A row whose figure OCR lost, printed left of the column the rows around fill (a
    slot placed by another table's column): the slot's edge cut "282 345" and its reading
    "345" was stored. A reading in a slot that cuts a run of ink is no figure; the ink
    read whole is."""
    from repair.cells import fill_from_ink, fill_gaps
    path = tmp_path / "cut.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    rows = (("Lokalhyra", "5 721", 430), ("Kortfristiga fordringar", "282 345", 412),
            ("Kassa och bank", "5 914", 430), ("Summa tillgångar", "6 441", 430))
    for i, (label, figure, x) in enumerate(rows):
        c.drawString(60, 700 - 15 * i, label)
        c.drawRightString(x, 700 - 15 * i, figure)
        c.drawRightString(510, 700 - 15 * i, "1 000")
    c.showPage()
    c.save()
    data = path.read_bytes()
    lines = document_lines(read_pdf(data))
    lost = replace(lines[1], cells=lines[1].cells[1:],
                   words=[w for w in lines[1].words if w.x0 < 200 or w.x0 > 480])
    lines = [lines[0], lost, *lines[2:]]
    images = PageImages(data)
    filled = fill_gaps(lines, {1}, images)
    assert [c.value for c in filled[1].cells] == [1000]  # no "345" from the slot's cut
    inked = fill_from_ink(filled, {1}, images)
    assert [c.value for c in inked[1].cells] == [282_345, 1000]


def test_a_slot_a_level_line_runs_through_is_read_with_the_line_whitened(tmp_path):
    """Untuned variety-84: a skewed scan's level line across a five-year table's row
    ("Finansnetto  60  72  28  97  49", the line through 60, 97 and 49): OCR lost those
    three, and no plain reading of their slots was clean. A slot whose row a level line
    runs through or by is read with the line whitened, doubtful."""
    from repair.cells import fill_gaps
    rows = (("Summa intäkter", "20 027", "19 337"), ("Verksamhetens kostnader", "19 276", "18 557"),
            ("Finansnetto", "60", "72"), ("Årets resultat", "811", "852"))
    # The line's piece left there once the scan is made black and white.
    data, lines = _two_column_lines(tmp_path / "ruled_slot.pdf", rows, rule=(399, 672.5, 431, 672.5),
                                    rule_width=0.8)
    lost = replace(lines[2], cells=lines[2].cells[1:],
                   words=[w for w in lines[2].words if w.x0 < 200 or w.x0 > 480])
    lines = [*lines[:2], lost, *lines[3:]]
    filled = fill_gaps(lines, {1}, PageImages(data))
    assert [(c.value, c.confidence) for c in filled[2].cells] == [(60, REREAD_CONFIDENCE), (72, 1.0)]


def test_figures_ocr_read_as_marks_far_right_are_looked_for_after_the_label(tmp_path):
    """"Driftbidrag från Sjöhaga kommun    a    ee": a hard scan's row whose figures OCR
    read as marks boxed right of them (a ruling line through the row). The ink was looked
    for after the last label word, the marks, so past the figures; now after the label,
    over the marks' boxes too, and the figures are read."""
    from repair.cells import fill_from_ink
    path = tmp_path / "marks.pdf"
    data = _two_column_pdf(path, (("Lokalhyra", "2 235", "1 123"),
                                  ("Driftbidrag från Sjöhaga kommun", "1 387", "2 269"),
                                  ("Lön tjänstemän", "719", "805")))
    lines = document_lines(read_pdf(data))
    row = lines[1]
    marks = [Word("a", 435, 457, row.top, row.bottom, confidence=0.95),
             Word("ee", 520, 553, row.top, row.bottom, confidence=0.95)]
    label = [replace(w, confidence=0.95) for w in row.label_words]
    lines[1] = replace(row, cells=[], words=label + marks, label_words=label + marks)
    inked = fill_from_ink(lines, {1}, PageImages(data))
    assert [c.value for c in inked[1].cells] == [1387, 2269]


def test_the_band_of_a_figures_ink_in_a_taller_box(tmp_path):
    """A figure found as ink in a row boxed taller than it (marks in the row) is read in
    the band its ink stands in: Tesseract reading the whole box at 200 dpi was unsure."""
    data = _one_row_pdf(tmp_path / "band.pdf", "Driftbidrag", "1 387")
    (line,) = document_lines(read_pdf(data))
    (cell,) = line.cells
    images = PageImages(data)
    top, bottom = images.ink_band(1, CellBox(1, cell.x0 - 2, cell.top - 8, cell.x1 + 2, cell.bottom + 8))
    assert cell.top - 1 <= top < bottom <= cell.bottom + 1 and bottom - top > 5
    assert images.ink_band(1, CellBox(1, 450, 600, 500, 620)) is None  # paper alone


def test_a_figure_with_dust_read_as_a_mark_after_it_keeps_its_digits_doubtful(tmp_path):
    """"2225,": a hard scan's figure with a speck after it, no amount as read; when the
    image reads nothing there either (an askew row's crop cut the figure), the digits are
    the figure, doubtful. Marks after no figure, or a grouping no printer sets, stay no
    amount."""
    from repair.cells import reread_doubtful
    data = _one_row_pdf(tmp_path / "dust.pdf", "Kortfristiga skulder", "1 902")
    (line,) = document_lines(read_pdf(data))

    def doubtful(text: str) -> Cell:
        return Cell([Word(text, 480, 510, line.top, line.bottom, confidence=0.95)], None, 0.0)
    cells = [doubtful("2225,"), doubtful("2 225:"), doubtful("ab,"), doubtful("22 25,")]
    out = reread_doubtful([replace(line, cells=[line.cells[0], *cells])], {1}, PageImages(data))
    got = [(c.value, c.confidence) for c in out[0].cells[1:]]
    assert got == [(2225, REPAIRED), (2225, REPAIRED), (None, 0.0), (None, 0.0)]


def test_the_band_of_a_figure_a_skewed_scan_set_higher_than_its_label(tmp_path):
    """A skewed 200 dpi page: the last column's figure stands half a line above its label,
    so the label's band cut it and nothing was read. Its band is where its ink is, the
    figure most inside the row's box; a heading line above the row whose box reaches into
    the figure does not take it (the row holds more of it)."""
    from repair.cells import _ink_band
    path = tmp_path / "skew.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(60, 715, "Kortfristiga skulder")
    c.drawString(60, 700, "Kundfordringar")
    c.drawRightString(510, 705, "118")  # 5 pt above its label's baseline
    c.showPage()
    c.save()
    data = path.read_bytes()
    heading, read = document_lines(read_pdf(data))
    # As OCR left the row: its label alone, the figure lost.
    row = replace(read, words=read.label_words, cells=[])
    images = PageImages(data)
    box = CellBox(1, 480, row.top, 515, row.bottom)
    top, bottom = images.ink_band(1, box)
    assert top < row.top - 2 and bottom < row.bottom - 2  # higher than the label's band
    assert _ink_band(images, box, [heading, row], 1) == (top, bottom)
    over = CellBox(1, 480, heading.top, 515, heading.bottom)
    assert _ink_band(images, over, [heading, row], 0) is None


def test_a_short_bold_heading_alone_in_a_tight_crop_is_read_enlarged(tmp_path):
    """"Män" in bold over a 200 dpi form's third column, OCR dropped with its figures: in
    the heading slot's tight crop Tesseract read nothing, black and white or grey, as a
    block or as a line, so the column was counted as a second total. The grey crop made
    twice as large reads it."""
    from PIL import Image, ImageDraw, ImageFont
    px = 200 / 72
    image = Image.new("L", (int(595 * px), int(842 * px)), 235)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", int(9 * px))
    draw = ImageDraw.Draw(image)
    draw.text((401 * px, 116.5 * px), "Män", font=font, fill=20)
    draw.line(((300 * px, 130 * px), (450 * px, 130 * px)), fill=200, width=1)
    path = _image_pdf(image, tmp_path / "heading.pdf")
    words = PageImages(path.read_bytes()).read_words(CellBox(1, 364.7, 115.4, 435.4, 130.5), 70, 7.2)
    assert [w[0] for w in words] == ["Män"]
    assert 400 < words[0][1] < 404 and 116 < words[0][2] < 120  # where it stands, in points


def test_a_total_ocr_dropped_from_a_row_written_out_is_read_from_its_ink(tmp_path):
    """"Nya deltagare      13   8 kvinnor och 5 män": OCR (an English-only layer's page read
    again) dropped the 13 standing alone in the column gap, and the row, read without
    cells, had no total. Ink in the gap before a written-out row's figures, where no word
    was read, is read as a figure and joins the row's words where it stands, as a re-read.
    A gap without ink gets nothing."""
    from PIL import Image, ImageDraw, ImageFont

    from parsers.layout import page_lines
    from repair.cells import fill_from_ink
    px = 300 / 72
    image = Image.new("L", (int(595 * px), int(842 * px)), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", int(10 * px))
    draw = ImageDraw.Draw(image)
    printed = [[("Deltagare", 56), ("under", 106), ("året", 137), ("20", 288), ("9", 318),
                ("kvinnor", 327), ("och", 366), ("11", 386), ("män", 401)],
               [("Nya", 56), ("deltagare", 78), ("13", 288), ("8", 318), ("kvinnor", 327),
                ("och", 366), ("5", 386), ("män", 395)],
               [("Avslutade", 56), ("3", 318), ("kvinnor", 327), ("och", 366), ("2", 386),
                ("män", 395)]]
    words = []
    for k, row in enumerate(printed):
        top = 133 + 15 * k
        for text, x in row:
            draw.text((x * px, top * px), text, font=font, fill=0)
            if (k, text) != (1, "13"):  # OCR dropped it
                x0, t, x1, b = (v / px for v in draw.textbbox((x * px, top * px), text, font=font))
                words.append(Word(text, x0, x1, top + 2, top + 10, confidence=0.95))
    path = _image_pdf(image, tmp_path / "written.pdf")
    lines = page_lines(Page(1, 595, 842, words, source="ocr"))
    assert [ln.cells for ln in lines] == [[], [], []]  # rows written out: no cells
    mended = fill_from_ink(lines, {1}, PageImages(path.read_bytes()))
    assert [ln.label for ln in mended] == ["Deltagare under året 20 9 kvinnor och 11 män",
                                           "Nya deltagare 13 8 kvinnor och 5 män",
                                           "Avslutade 3 kvinnor och 2 män"]
    assert mended[1].label_words[2].confidence == REREAD_CONFIDENCE
    assert fill_from_ink(lines, set(), PageImages(path.read_bytes())) == lines


def test_three_exit_reasons_that_do_not_sum_to_the_ended_break_their_rule():
    """"Till arbete 5 | Till studier 0 | Annat avslut 1" under "Avslutade deltagare 12": a
    300 dpi scan read the 7 as 1, at OCR's confidence. Three exit reasons (a bilaga's
    usual list: arbete, studier, annat avslut) are enough to check the sum by: the break
    sends the counts to be read again (the 7), and what stays broken is doubtful, never
    stored sure. Reasons without the catch-all ("annat avslut") may be a part of the list:
    no sum to check."""
    from checks.parsed import broken_counts
    from core.lexicon import load_lexicon
    from core.types import Count

    def form(values: dict[str, int]) -> list[Count]:
        return [Count("Kugghjulet", m, "total", 2011, v, "form", 7, (290, 100 + 15 * k, 300, 108 + 15 * k),
                      str(v), 0.95) for k, (m, v) in enumerate(values.items())]

    lexicon = load_lexicon()
    read = form({"avslutade": 12, "till_arbete": 5, "till_studier": 0, "avslut_annat": 1})
    broken, compared = broken_counts(read, lexicon, 2011)
    assert broken == 1 and [c.measure for c in compared] == [
        "avslutade", "till_arbete", "till_studier", "avslut_annat"]
    assert broken_counts(form({"avslutade": 12, "till_arbete": 5, "till_studier": 0,
                               "avslut_annat": 7}), lexicon, 2011) == (0, [])
    assert broken_counts(form({"avslutade": 12, "till_arbete": 5, "till_studier": 1}),
                         lexicon, 2011) == (0, [])


def test_a_bold_heading_word_blotted_in_black_and_white_is_read_at_a_darker_level():
    """A form's "Män" over its column on a 200 dpi scan, bold and blurred: made black and
    white at the usual level its strokes run together and Tesseract reads nothing in any of
    the views (nor the grey crop enlarged), so the column went without its heading and its
    figures were taken for the row's total. Read at a darker level, it is "Män"."""
    import io

    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    from repair.reread import REREAD_DPI, CellBox, PageImages
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", 38)
    image = Image.new("L", (600, 300), 240)
    ImageDraw.Draw(image).text((200, 120), "Män", font=font, fill=0)
    pdf = io.BytesIO()
    image.filter(ImageFilter.GaussianBlur(2.0)).save(pdf, "PDF", resolution=REREAD_DPI)
    scale = REREAD_DPI / 72
    box = CellBox(1, 190 / scale, 112 / scale, 300 / scale, 170 / scale)
    assert [w[0] for w in PageImages(pdf.getvalue()).read_words(box, 70, 9)] == ["Män"]


def test_a_lost_headings_slot_reaches_down_to_the_first_row():
    """A skewed 200 dpi scan sets a form's "Män" (right of "Totalt Kvinnor") 5 pt below
    their line; OCR dropped it. Its slot ended half a text height under the heading line,
    cutting the word's lower half, read as nothing: it reaches down to the first row now
    (not into it)."""
    from parsers.gaps import headless_columns
    from parsers.layout import page_lines

    def words(top, *items):
        return [Word(t, x, x + 6 * len(t), top, top + 8, confidence=0.95) for t, x in items]
    page = Page(7, 595, 842, [
        *words(498, ("Statistik", 57), ("Ankaret", 112)),
        *words(526, ("Totalt", 272), ("Kvinnor", 324)),
        *words(542, ("Deltagare", 57), ("46", 289), ("17", 349), ("29", 409)),
        *words(557, ("Nyinskrivna", 57), ("26", 289), ("13", 349), ("13", 409)),
        *words(572, ("Avslutade", 57), ("27", 289), ("25", 349), ("2", 415))], source="ocr")
    lines = page_lines(page)
    slots = [s for s in headless_columns(lines) if s.x0 > 361]
    assert len(slots) == 1 and slots[0].top < 526
    assert 540 <= slots[0].bottom <= 542  # the "Män" 531-539 whole, above the row at 542
    # A line with a word over the row labels is a row's label (a note's subtotal heading
    # "Övriga externa kostnader"), not headings: its slots stay clear of the row below.
    labelled = Page(7, 595, 842, [w for w in page.words if w.text not in ("Totalt", "Kvinnor")] +
                    words(526, ("Övriga", 57), ("Totalt", 272), ("Kvinnor", 324)), source="ocr")
    kept = [s for s in headless_columns(page_lines(labelled)) if s.x0 > 361]
    assert len(kept) == 1 and kept[0].bottom < 540


def test_a_word_ocr_cut_short_at_a_ruling_line_is_completed_by_the_page_read_again():
    """A summary's insats names on a 200 dpi page read poorly: an upright ruling line
    through their last letters, OCR read "Mötesplatse" and "Trampoline" (their counts were
    stored under names the document does not print). The page read again whole reads
    "Mötesplatsen" where it stands: the word is completed, raw text kept. A reading three
    letters longer, elsewhere, or another word, completes nothing."""
    from repair.cells import completed_words

    def word(text, x0, top):
        return Word(text, x0, x0 + 5.2 * len(text), top, top + 9.4, confidence=0.95)
    page = Page(3, 595, 842, [word("Mötesplatse", 52, 158.8), word("Trampoline", 52, 173.5),
                              word("Vindrosen", 52, 143.6), word("29", 234, 157.2)], source="ocr")
    read = [("Mötesplatsen", 53.0, 157.4, 115.0, 166.8, 96), ("Trampolinen", 52.6, 171.1, 111.6, 182.6, 90),
            ("Vindrosenxyz", 52.3, 142.6, 98.9, 150.2, 96), ("290", 235.0, 155.3, 246.0, 162.7, 96)]
    got = completed_words(page, read)
    assert [w.text for w in got.words] == ["Mötesplatsen", "Trampolinen", "Vindrosen", "29"]
    assert got.words[0].raw == "Mötesplatse" and got.words[0].confidence <= 0.95
    elsewhere = [("Mötesplatsen", 53.0, 300.0, 115.0, 309.0, 96)]
    unsure = [("Mötesplatsen", 53.0, 157.4, 115.0, 166.8, 40)]
    assert completed_words(page, elsewhere) is page and completed_words(page, unsure) is page


def test_a_count_tables_upper_heading_lines_ocr_lost_are_read_again(tmp_path):
    """A summary whose third column is headed on three lines ("Antal / avslutade / delt."):
    OCR kept the bottom line's "delt." alone, a second column of the deltagare, and the
    ended went unread. The band above the headings where no word stands is read again, and
    its lines stay lines; the column is the avslutade again."""
    from core.lexicon import load_lexicon
    from parsers.participants import parse_participants
    from parsers.sections import Section

    path = tmp_path / "summary.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 14)
    c.drawString(55, 770, "Insatsredovisning")
    c.setFont("Helvetica-Bold", 10)
    c.drawRightString(372, 745, "Antal")
    c.drawRightString(372, 730, "avslutade")
    for x, text in ((55, "Insats"), (250, "Antal delt."), (310, "Nya delt."), (372, "delt.")):
        (c.drawString if x == 55 else c.drawRightString)(x, 715, text)
    c.setFont("Helvetica", 11)
    rows = (("Horisonten", "21", "6", "6"), ("Framåt", "47", "12", "17"), ("Vindrosen", "12", "5", "8"))
    for y, row in zip((699, 684, 669), rows, strict=True):
        c.drawString(55, y, row[0])
        for x, value in zip((250, 310, 372), row[1:], strict=True):
            c.drawRightString(x, y, value)
    c.showPage()
    c.save()
    lines = document_lines(read_pdf(path.read_bytes()))
    assert [ln.label for ln in lines[:4]] == ["Insatsredovisning", "Antal", "avslutade",
                                              "Insats Antal delt. Nya delt. delt."]
    lost = [lines[0], *lines[3:]]
    mended = fill_headings(lost, {1}, PageImages(path.read_bytes()))
    assert [ln.label for ln in mended[:4]] == [ln.label for ln in lines[:4]]
    lexicon = load_lexicon()
    counts = parse_participants(Section("deltagare", "Insatsredovisning", mended[1:]), lexicon, 2017)
    got = {(c.insats, c.measure): c.value for c in counts}
    assert got[("Framåt", "avslutade")] == 17 and got[("Framåt", "deltagare")] == 47


def test_a_cell_is_read_again_in_the_runs_languages(tmp_path):
    """The run's OCR settings reach Tesseract: a language that is not installed reads
    nothing (and says so nowhere but in the missing reading), where the default reads it."""
    from ingest.ocr import OcrSettings
    path = tmp_path / "grouped.pdf"
    _one_row_pdf(path, "Verksamhetens intäkter", "17 908")
    (line,) = document_lines(read_pdf(path.read_bytes()))
    (cell,) = line.cells
    box = CellBox(line.page, cell.x0, cell.top, cell.x1, cell.bottom)
    data = path.read_bytes()
    assert PageImages(data, settings=OcrSettings.with_languages(("xqz",))).read([box], 70) == [None]
    assert PageImages(data, settings=OcrSettings.with_languages(("eng",))).read([box], 70) == \
        ["17 908"]


def test_column_headings_over_a_count_tables_columns_hold_no_misread_figures():
    """A form's headings "Summa  K  M" read "Summa z" (the M as a "z", the K lost): a line
    with no label where its rows have theirs, its first word over the first column, is the
    headings; its letters are no figures read as letters (the "z" became a cell and the line
    a row, so the lost "K" had no heading slot). A row's misread figure still is one."""
    from parsers.gaps import misread_words
    from parsers.layout import page_lines

    def words(top, *items):
        return [Word(t, x, x + 5.5 * len(t), top, top + 8, confidence=0.95) for t, x in items]
    page = Page(7, 595, 842, [
        *words(118, ("Summa", 265), ("z", 414)),
        *words(132, ("Deltagare", 57), ("under", 106), ("året", 137), ("21", 289), ("12", 349), ("9", 415)),
        *words(147, ("Nyinskrivna", 57), ("6", 295), ("5", 355), ("1", 415)),
        *words(162, ("Avslutade", 57), ("6", 295), ("5", 355), ("ST", 409))], source="ocr")
    lines = page_lines(page)
    found = {m.line_index for m in misread_words(lines)}
    assert [ln.label for ln in lines].index("Summa z") not in found
    assert [ln.label for ln in lines].index("Avslutade 6 5 ST") in found


def test_a_mark_where_a_figure_is_read_again_is_no_label_word():
    """"Nyinskrivna 6 5 H": OCR read the M column's "1" as "H" (kept as gutter noise of the
    label); the ink there read again as 1 joins the row, and the "H" leaves its label."""
    from parsers.layout import page_lines
    from repair.cells import _add_read_cells

    row = [Word(t, x, x + 5.5 * len(t), 147, 155, confidence=0.95)
           for t, x in (("Nyinskrivna", 57), ("H", 414))]
    (line,) = page_lines(Page(7, 595, 842, row, source="ocr"))
    assert line.label == "Nyinskrivna H"
    (mended,) = _add_read_cells([line], [(0, 289.0, 300.0, 6), (0, 349.0, 360.0, 5), (0, 414.0, 420.0, 1)])
    assert mended.label == "Nyinskrivna" and [c.value for c in mended.cells] == [6, 5, 1]
    assert "H" not in [w.text for w in mended.words]


def test_the_words_over_two_columns_of_one_year_are_read_again(tmp_path):
    """"Budget | Utfall | Utfall" over "2017 | 2017 | 2016" on a hard scan: OCR lost the line
    of words whole and read the years. Which 2017 is the budget only the words say: the band
    above the years is read again as text and its words head the columns."""
    from core.lexicon import load_lexicon
    from parsers.tables import parse_table
    path = tmp_path / "twins.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    c.drawString(60, 760, "Resultaträkning")
    for x, head, year in ((430, "Budget", "2017"), (490, "Utfall", "2017"), (550, "Utfall", "2016")):
        c.drawRightString(x, 730, head)
        c.drawRightString(x, 716, year)
    c.drawString(60, 716, "Belopp i tkr")
    for y, row in ((700, ("Verksamhetens resultat", "387", "266", "-202")),
                   (684, ("Finansiella intäkter", "0", "34", "41"))):
        c.drawString(60, y, row[0])
        for x, value in zip((430, 490, 550), row[1:], strict=True):
            c.drawRightString(x, y, value)
    c.showPage()
    c.save()
    lines = document_lines(read_pdf(path.read_bytes()))
    assert [ln.label for ln in lines[:3]] == ["Resultaträkning", "Budget Utfall Utfall", "Belopp i tkr"]
    lost = [lines[0], *lines[2:]]  # as OCR left it: the words' line gone, the years read
    mended = fill_headings(lost, {1}, PageImages(path.read_bytes()))
    assert [ln.label for ln in mended[:3]] == ["Resultaträkning", "Budget Utfall Utfall", "Belopp i tkr"]
    table = parse_table(mended, load_lexicon(), 2017)
    assert [(c.role, c.year) for c in table.columns] == [
        ("budget", 2017), ("current", 2017), ("previous", 2016)]
    # Words over the years already: nothing read again.
    assert fill_headings(lines, {1}, PageImages(path.read_bytes())) == lines


def test_a_figure_with_a_rule_mark_after_it_the_image_does_not_read_keeps_its_digits(tmp_path):
    """"Kundfordringar  94 486  138894 =" on a hard scan: a ruling line's end read as "="
    beside last year's figure made one doubtful cell; the re-read read nothing (the line runs
    through it) and the figure was lost. The digits before the mark are the figure, doubtful:
    the cell holds them from the start (parsers/layout.py, marks after a figure), and a
    re-read that reads nothing leaves them so."""
    from ingest.pdftext import Page
    from parsers.layout import page_lines
    from repair.cells import reread_doubtful
    blank = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(blank), pagesize=A4)
    c.showPage()
    c.save()
    words = [Word(t, x0, x1, 545, 553, confidence=0.95) for t, x0, x1 in (
        ("Kundfordringar", 57, 130), ("94", 435, 445), ("486", 449, 467), ("138894", 502, 557),
        ("=", 550, 558))]
    line = page_lines(Page(1, 595, 842, words, source="ocr"))[0]
    assert [c.value for c in line.cells] == [94_486, 138_894]
    assert line.cells[0].confidence == 0.95 and line.cells[1].confidence <= REPAIRED
    read = reread_doubtful([line], {1}, PageImages(blank.read_bytes()))[0]
    assert [c.value for c in read.cells] == [94_486, 138_894]
    assert read.cells[1].confidence <= REPAIRED


def test_a_sign_rule_reading_cached_by_an_older_method_is_not_reused(tmp_path):
    # The "signrule" reading's key carries the re-read method as the others do: a reading
    # kept by an older way of judging (here True, under the untagged key) is judged again
    # (the empty file cannot be rendered: the fallback, False, a failure not kept), not reused.
    images = PageImages(b"")
    sign, left = CellBox(1, 300.0, 100.0, 304.0, 108.0), 280.0
    stale = f"signrule:1:{sign.x0:.1f}:{sign.top:.1f}:{sign.x1:.1f}:{sign.bottom:.1f}:{left:.1f}"
    images.known[stale] = True
    assert images.sign_is_rule(1, sign, left) is False
    assert any(k.startswith("signrule:") and k != stale for k in images.failed)


def test_a_lost_minus_is_turned_back_only_when_it_mends_a_sum():
    """"Kassaflöde från investeringsverksamheten −30" read "30" (the minus lost whole, read
    "30" again): the sum it breaks holds with its sign turned: taken, at a re-read's
    confidence (doubtful). A figure whose turned sign mends nothing stays as read."""
    from repair.arithmetic import repair_by_arithmetic
    part = Amount("current", 2015, -30, "−30", 1, (0, 0, 1, 1), 0.95)
    total = Amount("current", 2015, 30, "30", 1, (0, 0, 1, 1), 0.95)
    other = Amount("current", 2015, 25, "25", 1, (0, 0, 1, 1), 0.95)

    def broken(final):
        n = int(part.value != total.value)
        return n, [part, total, other] if n else []

    def repair(sure_view, signed=lambda a: True):  # a coarse scan has no sure second view
        return repair_by_arithmetic(broken, reread=lambda amounts: [a.value for a in amounts],
                                    rereadable=lambda a: True, reread_confidence=0.7,
                                    doubt_confidence=0.5, confirm_from=0.95,
                                    sure=lambda amounts: [sure_view(a) for a in amounts], signed=signed)
    # Not a cash flow's or a balance sheet's figure: a turned sign may be a convention's.
    assert repair(lambda a: None, signed=lambda a: False) == 0
    assert total.value == 30
    for a in (part, total, other):
        a.confidence = 0.95
    assert repair(lambda a: None) == 1
    assert (total.value, total.confidence) == (-30, 0.7)
    assert (part.value, other.value, other.confidence) == (-30, 25, 0.95)
    # Read "30" again by a fine scan's sure view: as printed (a misprint), never turned.
    total.value, total.confidence = 30, 0.95
    assert repair(lambda a: a.value) == 0
    assert total.value == 30


def _scanned_lines(data: bytes) -> list[Line]:
    """A drawn page's lines, their cells as sure as OCR reads them (0.95)."""
    return [replace(ln, cells=[replace(c, confidence=0.95) for c in ln.cells])
            for ln in document_lines(read_pdf(data))]


def _foot_ruled_pdf(path, ruled: int) -> bytes:
    """Five rows of a two-column table (``_two_column_pdf``'s places), a level rule through
    the foot of row ``ruled``'s figures (0.4 pt over its baseline)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 11)
    rows = (("Intäkter", "4 120", "3 980"), ("Kostnader", "3 702", "4 211"), ("Soliditet", "71", "68"),
            ("Eget kapital", "1 402", "1 669"), ("Antal", "30", "27"))
    for i, (label, cur, prev) in enumerate(rows):
        c.drawString(60, 700 - 15 * i, label)
        c.drawRightString(430, 700 - 15 * i, cur)
        c.drawRightString(510, 700 - 15 * i, prev)
    c.setLineWidth(0.6)
    c.line(60, 700 - 15 * ruled + 0.4, 510, 700 - 15 * ruled + 0.4)
    c.showPage()
    c.save()
    return path.read_bytes()


def test_figures_a_rule_runs_through_are_read_again_without_it(tmp_path):
    """A rule through the foot of a row's figures on a hard scan: OCR read "71" as "21"
    (the 7's foot on the line) at its usual confidence, stored wrong and sure; and it lost
    a figure whole. The row's cells are read again column by column with the line
    whitened: a figure the re-read does not confirm is doubtful; a lost one read there
    joins the row, doubtful. A row no line runs through is not read again."""
    from repair.cells import reread_ruled_figures
    data = _foot_ruled_pdf(tmp_path / "foot.pdf", 2)
    lines = document_lines(read_pdf(data))
    ocr = [replace(ln, cells=[replace(c, confidence=0.95) for c in ln.cells]) for ln in lines]
    row = ocr[2]
    misread = make_cell([replace(row.cells[0].words[0], text="21", confidence=0.95)])
    ocr[2] = replace(row, cells=[misread])  # "71" read as "21", "68" lost
    out = reread_ruled_figures(ocr, {1}, PageImages(data))
    got = [(c.value, c.confidence < 0.8) for c in out[2].cells]
    assert got == [(21, True), (68, True)]
    assert [ln.cells for ln in out[:2] + out[3:]] == [ln.cells for ln in ocr[:2] + ocr[3:]]
    # A rule under the table, through no row: the same misread stays as OCR read it, sure
    # (read again, the 21 the image does not confirm would be made doubtful).
    data = _foot_ruled_pdf(tmp_path / "under.pdf", 7)
    clean = document_lines(read_pdf(data))
    clean = [replace(ln, cells=[replace(c, confidence=0.95) for c in ln.cells]) for ln in clean]
    clean[2] = replace(clean[2], cells=[make_cell([replace(clean[2].cells[0].words[0], text="21",
                                                           confidence=0.95)]), *clean[2].cells[1:]])
    assert reread_ruled_figures(clean, {1}, PageImages(data)) == clean
    assert (clean[2].cells[0].value, clean[2].cells[0].confidence) == (21, 0.95)


def test_parts_of_a_figure_an_upright_line_split_join_when_the_column_reads_them_whole(tmp_path):
    """"−17 118 290" with a scan's upright line through it, read as "-17" (sure) and
    "118290": two figures in one column, the first sure, so they stayed apart and the column
    kept only "118290". Read again over the column with the line whitened, the column gives
    the parts' digits as one figure: one cell, doubtful. Parts the column does not read as
    one (two figures of their own) stay apart."""
    from repair.cells import join_crowded
    path = tmp_path / "upright.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 11)
    for i, (label, fig) in enumerate((("Intäkter", "16 203 877"), ("Kostnader", "−17 118 290"),
                                      ("Eget kapital", "5 455 657"), ("Skulder", "4 120 500"))):
        c.drawString(60, 700 - 15 * i, label)
        c.drawRightString(479, 700 - 15 * i, fig)
    c.setLineWidth(0.5)
    c.line(438, 600, 438, 760)
    c.showPage()
    c.save()
    data = path.read_bytes()
    lines = [replace(ln, cells=[replace(cl, confidence=0.95) for cl in ln.cells])
             for ln in document_lines(read_pdf(data))]
    row = lines[1]
    (whole,) = row.cells
    word = whole.words[0]  # as OCR read it: apart where the line runs (x 438)
    split = [make_cell([replace(word, text="-17", x1=437.0, confidence=0.95)]),
             make_cell([replace(word, text="118290", x0=442.0, x1=whole.x1, confidence=0.85)])]
    rest = [split[1].words[0]]
    ocr = [*lines[:1], replace(row, cells=split), *lines[2:]]
    (cell,) = join_crowded(ocr, {1}, PageImages(data))[1].cells
    assert (cell.value, cell.confidence < 0.8) == (-17_118_290, True)
    other = [*lines[:1], replace(row, cells=[split[0], make_cell([replace(rest[0], text="555",
                                                                          confidence=0.95)])]),
             *lines[2:]]
    assert len(join_crowded(other, {1}, PageImages(data))[1].cells) == 2


def _four_rows(tmp_path, label: str):
    """A drawn statement of four rows, ``label`` the third's, and its lines as OCR would read
    them (figures below confidence 1)."""
    path = tmp_path / "rows.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 11)
    for i, (text, cur, prev) in enumerate((("Medlemsavgift", "12 400", "11 900"),
                                           ("Nettokostnad", "11 812", "10 256"), (label, "21", "18"),
                                           ("Resultat", "608", "1 662"))):
        c.drawString(60, 700 - 15 * i, text)
        c.drawRightString(430, 700 - 15 * i, cur)
        c.drawRightString(510, 700 - 15 * i, prev)
    c.showPage()
    c.save()
    data = path.read_bytes()
    return data, [replace(ln, cells=[replace(cl, confidence=0.95) for cl in ln.cells])
                  for ln in document_lines(read_pdf(data))]


@pytest.mark.parametrize("label, taken", [("Finansnetto", True), ("Qwerty zxcvb", False)])
def test_a_row_whose_label_ocr_lost_whole_reads_it_again_from_the_lexicon(tmp_path, label, taken):
    """A driftredovisning row on a hard scan: OCR read its four figures and nothing of
    "Finansnetto" (stored unkeyed). Read again where the labels around stand, a label of
    lexicon words is the row's, its figures doubtful; words the lexicon lacks are not."""
    from repair.ocrfix import reread_lost_labels
    data, lines = _four_rows(tmp_path, label)
    row = lines[2]
    lost = replace(row, words=[w for cl in row.cells for w in cl.words], label_words=[])
    ocr = [*lines[:2], lost, *lines[3:]]
    from core.lexicon import load_lexicon
    out = reread_lost_labels(ocr, {1}, PageImages(data), load_lexicon().vocabulary)
    if taken:
        assert out[2].label == "Finansnetto"
        assert [(cl.value, cl.confidence < 0.8) for cl in out[2].cells] == [(21, True), (18, True)]
    else:
        assert out[2] is lost
    assert out[:2] + out[3:] == ocr[:2] + ocr[3:]


@pytest.mark.parametrize("junk_at_figure, taken", [(True, True), (False, False)])
def test_a_row_whose_first_figure_ocr_read_as_its_label_reads_its_label_again(tmp_path, junk_at_figure,
                                                                            taken):
    """Serif variety-10's five-year overview on a hard scan: a line through "Finansnetto"
    and its figures; OCR lost the label and read the first figures garbled ("72 — 84 EMT
    a"), which stood as the row's label: no row without a label, so nothing read it again
    and the row was stored unkeyed. A "label" standing where the rows around begin their
    figures, no word of it the lexicon's, is no label: read again where the labels stand,
    up to it. A label where labels stand is left alone."""
    from core.lexicon import load_lexicon
    from repair.ocrfix import reread_lost_labels
    data, lines = _four_rows(tmp_path, "Finansnetto")
    row = lines[2]
    first, rest = row.cells[0], row.cells[1:]
    at = first.words[0] if junk_at_figure else row.label_words[0]
    junk = replace(at, text="EMT", confidence=0.95)
    garbled = replace(row, words=[junk, *[w for cl in rest for w in cl.words]], label_words=[junk],
                      cells=rest)
    ocr = [*lines[:2], garbled, *lines[3:]]
    out = reread_lost_labels(ocr, {1}, PageImages(data), load_lexicon().vocabulary)
    if taken:
        assert out[2].label == "Finansnetto"
        assert [(cl.value, cl.confidence < 0.8) for cl in out[2].cells] == [(18, True)]
    else:
        assert out[2] is garbled


def test_a_row_ocr_read_no_figure_of_is_read_column_by_column(tmp_path):
    """"Finansnetto  [435°  80-32: 8" for five figures on a hard scan (a faint line through
    them): cells, but no figure in any. The row is read again where each column of the rows
    around stands; the columns that read as a figure are its cells, doubtful."""
    from repair.cells import reread_ruled_figures
    data = _foot_ruled_pdf(tmp_path / "garbled.pdf", 7)  # no rule on the page's rows
    lines = [replace(ln, cells=[replace(c, confidence=0.95) for c in ln.cells])
             for ln in document_lines(read_pdf(data))]
    row = lines[2]
    words = [w for c in row.cells for w in c.words]
    junk = Cell([Word("[435°", words[0].x0 - 8, words[-1].x1 - 20, row.top, row.bottom, confidence=0.5)],
                None, 0.0)
    ocr = [*lines[:2], replace(row, cells=[junk]), *lines[3:]]
    out = reread_ruled_figures(ocr, {1}, PageImages(data))
    assert [(c.value, c.confidence < 0.8) for c in out[2].cells] == [(71, True), (68, True)]


def test_a_row_whose_figures_ocr_read_as_words_is_read_column_by_column(tmp_path):
    """"Summa övriga externa kostnader  W hs hasten fe" for "7 975  7 771" on a hard scan
    (a ruling line through the figures): no cell at all, the figures words of the label no
    pass took for misread figures (too long, lower case). The columns of the rows around
    are read again: their figures are the row's cells, doubtful, and the junk leaves the
    label. A word there the vocabulary holds (a label's end, a count's "kvinnor"), a goal's
    status ("röd", "●"), or a row with nothing over the columns (a group's heading), stays
    as it is."""
    from core.lexicon import load_lexicon
    from repair.cells import reread_figureless_rows
    lexicon = load_lexicon()
    # No rule on the page's rows: the pass asks for none (OCR garbled the row, whatever did
    # it), and a digit's foot on a line may read as another ("4 211" as "4711": why the
    # cells are doubtful).
    data = _foot_ruled_pdf(tmp_path / "words.pdf", 7)
    lines = [replace(ln, cells=[replace(c, confidence=0.95) for c in ln.cells])
             for ln in document_lines(read_pdf(data))]
    row = lines[1]
    (a, b), label = [c.words for c in row.cells], row.label_words

    def read_as(*texts: tuple[str, float, float]) -> list:
        junk = [Word(t, x0, x1, row.top, row.bottom, confidence=0.9) for t, x0, x1 in texts]
        ocr = [*lines[:1], replace(row, words=[*label, *junk], label_words=[*label, *junk],
                                   cells=[]), *lines[2:]]
        return reread_figureless_rows(ocr, {1}, PageImages(data), lexicon.vocabulary, lexicon)
    out = read_as(("W", a[0].x0 - 2, a[0].x0 + 2), ("hs", a[0].x0 + 4, a[-1].x1),
                  ("hasten", a[-1].x1 + 2, b[0].x0), ("fe", b[0].x0 + 6, b[-1].x1 - 4))
    assert out[1].label == "Kostnader"
    assert [(c.value, c.confidence < 0.8) for c in out[1].cells] == [(3702, True), (4211, True)]
    assert [ln.cells for ln in out[:1] + out[2:]] == [ln.cells for ln in lines[:1] + lines[2:]]
    kept = read_as(("hs", a[0].x0 + 4, a[-1].x1), ("kvinnor", b[0].x0, b[-1].x1))
    assert kept[1].cells == [] and kept[1].label.endswith("kvinnor")
    for status in ("röd", "●"):  # a goal's status, in words or a symbol
        assert read_as((status, b[0].x0, b[-1].x1))[1].label.endswith(status)
    # Both figures run together into one word of digits and marks (variety-02, scan seed 8:
    # "Resekostnader  29544-1455\"" was taken for a group heading)
    together = read_as(("29544-1455\"", a[0].x0 + 4, b[-1].x1))
    assert together[1].label == "Kostnader" and together[1].cells == out[1].cells
    heading = [*lines[:1], replace(row, words=label, label_words=label, cells=[]), *lines[2:]]
    assert reread_figureless_rows(heading, {1}, PageImages(data), lexicon.vocabulary) == heading


def test_a_row_with_most_of_its_figures_read_as_words_is_read_column_by_column(tmp_path):
    """Variety-182's five-year overview on a hard scan (set QD): the row under the heading's
    rule read "Verksamhetens intäkter 22216 21 220 2059) BIR a SET Leva  602," for five
    figures. One cell only ("602,", the last figure's end), so the pass for rows without a
    figure left it, and the overview lost its income for every year. A row with a figure in
    under half its columns and words of no language over the others is read column by
    column too, every column doubtful. A row with half its figures read is left to the
    passes for single figures."""
    from core.lexicon import load_lexicon
    from repair.cells import reread_figureless_rows
    lexicon = load_lexicon()
    path = tmp_path / "overview.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    rows = (("Intäkter", "4 120", "3 980", "3 870", "3 650"),
            ("Kostnader", "3 702", "4 211", "3 590", "3 508"), ("Finansnetto", "12", "9", "14", "7"),
            ("Eget kapital", "1 402", "1 669", "1 388", "1 102"))
    for i, (label, *figures) in enumerate(rows):
        c.drawString(60, 700 - 15 * i, label)
        for k, fig in enumerate(figures):
            c.drawRightString(330 + 60 * k, 700 - 15 * i, fig)
    c.showPage()
    c.save()
    data = path.read_bytes()
    lines = _scanned_lines(data)
    row = lines[1]
    label = row.label_words

    def read_as(kept: int) -> list:
        """The row with its last ``kept`` cells read and the others as junk words."""
        lost, cells = row.cells[:len(row.cells) - kept], row.cells[len(row.cells) - kept:]
        junk = [Word(t, cl.x0, cl.x1, row.top, row.bottom, confidence=0.9)
                for t, cl in zip(("37O2)", "BIR", "SET")[:len(lost)], lost, strict=True)]
        ocr = [*lines[:1], replace(row, words=[*label, *junk, *(w for cl in cells for w in cl.words)],
                                   label_words=[*label, *junk], cells=cells), *lines[2:]]
        return reread_figureless_rows(ocr, {1}, PageImages(data), lexicon.vocabulary, lexicon), ocr
    out, _ = read_as(1)  # "3 508" read, the other three as junk
    assert out[1].label == "Kostnader"
    assert [c.value for c in out[1].cells] == [3702, 4211, 3590, 3508]
    # "3 508" read the same again stays as sure as OCR read it
    assert [c.confidence < 0.8 for c in out[1].cells] == [True, True, True, False]
    # Variety-79 (set U): "7441730425917 722 323", three figures run together over the
    # columns, and a cell of no figure ("—_16 663 281"), no junk word in the label.
    a, b, cc, d = row.cells
    glued = make_cell([replace(b.words[0], text="42113590", x1=cc.x1)])
    lost = Cell([replace(d.words[0], text="—_3 508")], None, 0.0)
    ocr = [*lines[:1], replace(row, words=[*label, *a.words, *glued.words, *lost.words],
                               cells=[a, glued, lost]), *lines[2:]]
    out = reread_figureless_rows(ocr, {1}, PageImages(data), lexicon.vocabulary, lexicon)
    assert [(c.value, c.confidence < 0.8) for c in out[1].cells] == [
        (3702, False), (4211, True), (3590, True), (3508, True)]
    # Decimals and percentages are figures read, no junk: a key ratio's row stays as read
    # (a re-read reads digits only: "45,2" would come back 452).
    shares = [Cell([replace(cl.words[0], text=t)], None, 0.95) for cl, t in
              zip(row.cells, ("45,2", "44,9 %", "18/12", "40,0"), strict=True)]
    ratio = [*lines[:1], replace(row, words=[*label, *(w for cl in shares for w in cl.words)],
                                 cells=shares), *lines[2:]]
    assert reread_figureless_rows(ratio, {1}, PageImages(data), lexicon.vocabulary, lexicon)[1] is ratio[1]
    # ... but a comma before three digits is a grouping space misread ("4,211"): no decimal
    commas = [a, *(Cell([replace(cl.words[0], text=f"{cl.value // 1000},{cl.value % 1000:03d}")], None, 0.6)
                   for cl in (b, cc, d))]
    misread = [*lines[:1], replace(row, words=[*label, *(w for cl in commas for w in cl.words)],
                                   cells=commas), *lines[2:]]
    out = reread_figureless_rows(misread, {1}, PageImages(data), lexicon.vocabulary, lexicon)
    assert [c.value for c in out[1].cells] == [3702, 4211, 3590, 3508]
    # One figure of four, whole, after a word of no language (a name) ends the label
    name = replace(label[-1], text="Qvarnsta", x0=label[-1].x1 + 4, x1=label[-1].x1 + 40)
    sparse = [*lines[:1], replace(row, words=[*label, name, *a.words], label_words=[*label, name],
                                  cells=[a]), *lines[2:]]
    assert reread_figureless_rows(sparse, {1}, PageImages(data), lexicon.vocabulary, lexicon)[1] is sparse[1]
    half, ocr = read_as(2)  # two of four read
    assert half[1] is ocr[1]


def test_parts_reading_as_more_digits_than_their_columns_figures_stay_apart(tmp_path):
    """Two columns' figures in what the rows around make one column ("1 023 983" and
    "570 442" of a note, its columns run together) read again over both as "1023983
    570442": the parts' digits, but more than any figure of the column has. Joined, they
    were one figure of 13 digits; they stay apart."""
    from repair.cells import _one_figure, join_crowded
    path = tmp_path / "wide.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    for i, (label, fig) in enumerate((("Hyra", "1 234"), ("Resor", "12 345"), ("Porto", "4 567"),
                                      ("Tryck", "7 890"))):
        c.drawString(60, 700 - 15 * i, label)
        c.drawRightString(479, 700 - 15 * i, fig)
    c.showPage()
    c.save()
    data = path.read_bytes()
    lines = [replace(ln, cells=[replace(cl, confidence=0.95) for cl in ln.cells])
             for ln in document_lines(read_pdf(data))]
    row = lines[1]
    (whole,) = row.cells
    word = whole.words[0]
    mid = (whole.x0 + whole.x1) / 2
    split = [make_cell([replace(word, text="12", x1=mid - 4, confidence=0.95)]),
             make_cell([replace(word, text="345", x0=mid - 1, x1=whole.x1, confidence=0.85)])]
    ocr = [*lines[:1], replace(row, cells=split), *lines[2:]]
    images = PageImages(data)
    # The column read whole gives the parts' digits: only their count keeps them apart.
    assert _one_figure(images, ocr[1], (whole.x0, whole.x1), split) == 12345
    assert len(join_crowded(ocr, {1}, images)[1].cells) == 2


def _upright_ruled_pdf(path) -> tuple[bytes, float]:
    """A participant summary of four columns, a scan's upright line down the last one (through
    its figures' first digit, or just left of them), and the x the line runs at."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 11)
    rows = (("Ankaret", "20", "8", "13", "10"), ("Trampolinen", "18", "5", "9", "9"),
            ("Kugghjulet", "50", "13", "26", "24"), ("Vägvisaren", "39", "20", "20", "19"),
            ("Summa", "127", "46", "68", "59"))
    for i, (label, *figures) in enumerate(rows):
        c.drawString(60, 700 - 15 * i, label)
        for right, fig in zip((250, 312, 374, 446), figures, strict=True):
            c.drawRightString(right, 700 - 15 * i, fig)
    line_x = 434.0
    c.setLineWidth(0.8)
    c.line(line_x, 600, line_x, 760)
    c.showPage()
    c.save()
    return path.read_bytes(), line_x


def test_a_figure_block_ocr_took_for_upright_text_is_dropped_for_the_reread():
    """A hard serif scan's note page (two columns of six-digit figures, "370 253 | 621 429"):
    Tesseract read the figure block as upright text, each line cut into boxes of one
    character one under the other, touching ("3 3 3 3 0 8", "S h )": digits, letters and
    marks at one x), and stray parts beside them ("4", a "5" a point tall under the block, at
    a line's x; "aa?sis" boxed 53 pt tall, 21 wide). They stood where the page read again
    whole put its figures, which were taken only where no word stood: the note's figures
    came out in pieces (621, 3, 434, 6434). Every part of the block is dropped; a figure
    read level inside it, a column of real one-digit figures (rows apart) and a speck of
    two letters ("o" over "c") are kept."""
    from repair.upright import reread_upright_junk

    def chain(text: str, x0: float, x1: float, top: float, tops: list[float]) -> list[Word]:
        edges = [top, *tops]
        return [Word(t, x0, x1, a, b, confidence=0.95)
                for t, a, b in zip(text, edges[:-1], edges[1:], strict=True)]
    block = [*chain("333308", 527.2, 537.4, 82.4, [96.2, 109.9, 123.7, 137.4, 151.1, 164.9]),
             *chain("Sh)", 417.7, 429.9, 96.5, [122.1, 150.9, 164.9]),
             *chain("os", 498.5, 505.5, 96.5, [109.3, 119.5]),
             *chain("IN", 498.5, 505.5, 141.5, [148.6, 164.5])]
    debris = [Word("4", 498.5, 505.5, 125.0, 131.0, confidence=0.95),
              Word("5", 527.2, 537.4, 167.0, 167.8, confidence=0.95),  # a part boxed under it
              Word("a", 560.0, 565.0, 40.0, 47.0, confidence=0.95),  # at no line's x: kept
              Word("aa?sis", 500.4, 521.3, 112.1, 165.5, confidence=0.95)]
    level = [Word("Leverantörsskulder", 56, 152, 100, 110, confidence=0.95),
             Word("370", 424, 440, 100, 110, confidence=0.9),  # a figure read level in the block
             *[Word(d, 300, 305, 100 + 14 * k, 109 + 14 * k, confidence=0.95) for k, d in enumerate("3508")],
             Word("o", 355, 359, 300, 304.8, confidence=0.95),
             Word("c", 355, 359, 304.8, 308.6, confidence=0.95)]
    page = Page(6, 595, 842, [*block, *debris, *level], source="ocr")
    out = reread_upright_junk(page, None)  # no letter stack of a ruling line: nothing read again
    assert [w.text for w in out.words] == ["a", *(w.text for w in level)]


def test_figures_an_upright_line_hid_are_read_again_beside_it(tmp_path):
    """An upright line down a column of a hard scan: Tesseract read the line as a stack of
    single letters one over the other ("e o a n a t", each box as wide as the line) and the
    column's figures as nothing. The stack is dropped; each row beside it with figures in
    the other columns is read again there with the line whitened, digits only: the figures
    join the page doubtful, where their ink stands. A column of one mark ("X" in every row)
    is no line read as letters: kept."""
    from repair.upright import reread_upright_junk
    data, line_x = _upright_ruled_pdf(tmp_path / "upright.pdf")
    (page,) = read_pdf(data).pages
    figures = [w for w in page.words if w.x0 < line_x + 14 and w.x1 > line_x - 2]
    assert [w.text for w in figures] == ["10", "9", "24", "19", "59"]
    kept = [w for w in page.words if w not in figures]
    top, bottom = min(w.top for w in figures) - 8, max(w.bottom for w in figures)
    step = (bottom - top) / 6
    letters = [Word(t, line_x - 2.4, line_x + 2.4, top + k * step, top + (k + 1) * step)
               for k, t in enumerate("eoanat")]
    ocr = replace(page, words=[*kept, *letters], source="ocr")
    out = reread_upright_junk(ocr, PageImages(data))
    assert not any(w in out.words for w in letters)
    read = sorted((w for w in out.words if w not in kept), key=lambda w: w.top)
    assert [(w.text, w.confidence < 0.8) for w in read] == [(f.text, True) for f in figures]
    assert all(w.x0 <= f.x0 + 1 and w.x1 >= f.x1 - 1 for w, f in zip(read, figures, strict=True))
    marks = [replace(w, text="X") for w in letters]
    same = replace(ocr, words=[*kept, *marks])
    assert reread_upright_junk(same, PageImages(data)) == same
    assert reread_upright_junk(replace(page, source="ocr"), PageImages(data)).words == page.words


def test_a_line_left_through_a_narrow_crop_read_again_unruled_is_no_sign():
    """A level line through a one-digit figure's crop too narrow for the whitening (a run
    shorter than LEVEL_RULE text heights stays): read with its lines whitened, Tesseract
    read the line as a sign ("-", "=") where the crop read the same way uncut (``read``)
    takes no sign from a line crossing it. Both now go through one guard."""
    from repair.reread import _read_unruled
    cases = (("1", 3.5), ("3", 4.5), ("5", 4.5))
    data = _narrow_ruled_pdf(cases)
    image = PageImages(data).render(1)
    readings = []
    for i, _ in enumerate(cases):
        x, y = 150, 780 - 25 * i
        top = A4[1] - y - 8.5
        readings.append(_read_unruled(image, CellBox(1, x - 6, top, x + 0.5, top + 10.5), "swe+eng"))
    assert not any(r and r[:1] in "-=" for r in readings), readings


def _narrow_ruled_pdf(cases: tuple[tuple[str, float], ...]) -> bytes:
    """One-digit figures right-aligned at x 150, each with a level line (0.6 pt) ``dy`` points
    over its baseline running from 130 pt left of the figure to 40 pt right of it."""
    import io
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 11)
    for i, (fig, dy) in enumerate(cases):
        x, y = 150, 780 - 25 * i
        c.drawRightString(x, y, fig)
        c.setLineWidth(0.6)
        c.line(x - 130, y + dy, x + 40, y + dy)
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_note_number_beside_a_figure_is_no_part_of_it(tmp_path):
    """A balance sheet row on a hard scan: its note number "3" stands in the column the rows
    around fill ("5 053 000"), 26 pt left of its figure "425". Read again over the column,
    Tesseract gives "3 425": the parts' digits, so they were joined as 3 425, doubtful and
    wrong. Parts farther apart than any grouping space are two things: they stay apart. The
    parts of one figure stay joined (test above)."""
    from repair.cells import join_crowded
    path = tmp_path / "note.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Times-Roman", 11)
    for i, (label, fig) in enumerate((("Inventarier", "1 234 000"), ("Kortfr. fordr.", "425"),
                                      ("Kassa och bank", "5 053 000"), ("Summa", "5 478 000"))):
        c.drawString(60, 700 - 15 * i, label)
        c.drawRightString(479, 700 - 15 * i, fig)
    c.drawString(431, 685, "3")
    c.showPage()
    c.save()
    data = path.read_bytes()
    lines = [replace(ln, cells=[replace(cl, confidence=0.95) for cl in ln.cells])
             for ln in document_lines(read_pdf(data))]
    assert [cl.text for cl in lines[1].cells] == ["3", "425"]
    images = PageImages(data)
    assert [cl.text for cl in join_crowded(lines, {1}, images)[1].cells] == ["3", "425"]


def _streaked_note_pdf(path, line_x: float) -> bytes:
    """A note of two columns in serif (a tkr report's "166 | 223"), a scanner's grey streak
    down the page at ``line_x`` (under the ink: a streak darkens the paper, not the glyphs)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setStrokeGray(0.6)
    c.setLineWidth(1.0)
    c.line(line_x, 100, line_x, 800)
    c.setFont("Times-Roman", 11)
    rows = (("Fordran moms", "166", "223"), ("Kundfordringar", "217", "189"),
            ("Leverantörsskulder", "576", "1 064"), ("Summa", "959", "1 476"))
    for i, (label, cur, prev) in enumerate(rows):
        c.drawString(60, 700 - 15 * i, label)
        c.drawRightString(480, 700 - 15 * i, cur)
        c.drawRightString(540, 700 - 15 * i, prev)
    c.showPage()
    c.save()
    return path.read_bytes()


def _cut_short(line: Line, line_x: float, boxed: bool = False) -> Line:
    """The row as OCR read it with the streak through its last column's last digit: the
    figure ends before the line, its last digit lost ("106" for "1 064": one word), sure.
    ``boxed``: OCR's box holds the lost digit (its text does not)."""
    *rest, last = line.cells
    word = replace(last.words[0], text=last.text.replace(" ", "")[:-1],
                   x1=last.x1 if boxed else line_x - 3.5, confidence=0.95)
    return replace(line, cells=[*rest, make_cell([word])])


def test_a_figure_whose_last_digit_an_upright_streak_cut_is_read_across_it(tmp_path):
    """A hard serif scan's note page: a scanner's streak runs down the page through the last
    digit of the previous year's column, and Tesseract ended every figure there ("22" for
    223, "106" for 1 064), or boxed the digit and read none ("18" over "189"), sure. Read
    again across the line with it whitened, OCR's digits and the one after them are the
    figure, doubtful. A figure the streak does not touch (a
    line past a gap of paper) stays as OCR read it."""
    from repair.upright import read_streak_cut_ends
    line_x = 536.5  # through the middle of the last digit
    data = _streaked_note_pdf(tmp_path / "streak.pdf", line_x)
    lines = [replace(ln, cells=[replace(cl, confidence=0.95) for cl in ln.cells])
             for ln in document_lines(read_pdf(data))]
    ocr = [_cut_short(ln, line_x, boxed=k == 1) if ln.cells else ln for k, ln in enumerate(lines)]
    assert [ln.cells[-1].value for ln in ocr] == [22, 18, 106, 147]
    out = read_streak_cut_ends(ocr, {1}, PageImages(data))
    assert [(ln.cells[-1].value, ln.cells[-1].confidence) for ln in out] == \
        [(v, REREAD_CONFIDENCE) for v in (223, 189, 1064, 1476)]
    assert [ln.cells[0] for ln in out] == [ln.cells[0] for ln in ocr]
    # The streak 6 pt right of figures read whole (paper between): nothing cut.
    apart = _streaked_note_pdf(tmp_path / "apart.pdf", 546.0)
    whole = [replace(ln, cells=[replace(cl, confidence=0.95) for cl in ln.cells])
             for ln in document_lines(read_pdf(apart))]
    assert read_streak_cut_ends(whole, {1}, PageImages(apart)) == whole


def _crossed_note_pdf(path, line_x: float | None) -> bytes:
    """A tkr note's column of figures right-aligned at 498 ("2 214", "2 995", "3 220",
    "21 995"), a scanner's dark streak down the page at ``line_x`` (None: none)."""
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    if line_x is not None:
        c.setLineWidth(0.9)
        c.line(line_x, 100, line_x, 800)
    c.setFont("Helvetica", 11)
    for i, (label, cur) in enumerate((("Lämnade bidrag", "2 214"), ("Kurs- och konferensavgifter", "2 995"),
                                      ("Övriga främmande tjänster", "3 220"), ("Lokalhyra", "21 995"))):
        c.drawString(60, 700 - 15 * i, label)
        c.drawRightString(498, 700 - 15 * i, cur)
    c.showPage()
    c.save()
    return path.read_bytes()


def test_a_streak_between_a_figures_digits_read_as_a_one_is_read_again(tmp_path):
    """Untuned variety-89: a scanner's streak down a note's column just after the first
    digit of its figures, read by OCR as one more digit ("21995" for "2 995", "31220" for
    "3 220"), sure; the column's sum broke and the figures were stored wrong. Where an
    upright line crosses a figure at a "1" OCR read, the figure read again with the line
    whitened is OCR's digits without that "1", doubtful. A printed "21 995" the line crosses
    past its "1" keeps its digits; without a line nothing is read again."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from repair.upright import read_streak_crossed
    line_x = 498 - stringWidth("2 995", "Helvetica", 11) + stringWidth("2", "Helvetica", 11) + 1.6
    data = _crossed_note_pdf(tmp_path / "crossed.pdf", line_x)
    lines = document_lines(read_pdf(data))

    def as_read(ln: Line, text: str) -> Line:
        (cell,) = ln.cells
        return replace(ln, cells=[make_cell([Word(text, cell.x0, cell.x1, cell.top, cell.bottom,
                                                  confidence=0.95)])])
    ocr = [as_read(ln, t) for ln, t in zip(lines, ("2214", "21995", "31220", "21995"), strict=True)]
    out = read_streak_crossed(ocr, {1}, PageImages(data))
    assert [(ln.cells[0].value, ln.cells[0].confidence) for ln in out[1:3]] == [
        (2995, REREAD_CONFIDENCE), (3220, REREAD_CONFIDENCE)]
    assert out[0].cells[0] is ocr[0].cells[0]  # no "1" where the line crosses "2214"
    assert out[3].cells[0].value == 21995  # the line past the printed "1": its digits read
    plain = _crossed_note_pdf(tmp_path / "plain.pdf", None)
    assert read_streak_crossed(ocr, {1}, PageImages(plain)) == ocr  # no line: as read


def test_a_streak_through_a_printed_one_leaves_the_figure(tmp_path):
    """Review of the streak pass: a line through a printed "1" ("2 195", read "2195") is
    whitened with the digit, and the reading without it ("295") looked like the streak's
    "1" dropped. A "1" with two digits after it stands where no grouping space does: the
    figure is not read again."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from repair.upright import read_streak_crossed
    path = tmp_path / "ones.pdf"
    line_x = 498 - stringWidth("195", "Helvetica", 11) + stringWidth("1", "Helvetica", 11) / 2
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setLineWidth(1.5)
    c.line(line_x, 100, line_x, 800)
    c.setFont("Helvetica", 11)
    figures = ("2 195", "3 128", "4 100", "5 150")
    for i, figure in enumerate(figures):
        c.drawString(60, 700 - 15 * i, "Resekostnader")
        c.drawRightString(498, 700 - 15 * i, figure)
    c.showPage()
    c.save()
    data = path.read_bytes()
    lines = document_lines(read_pdf(data))
    ocr = [replace(ln, cells=[make_cell([Word(f.replace(" ", ""), ln.cells[0].x0, ln.cells[0].x1,
                                              ln.cells[0].top, ln.cells[0].bottom, confidence=0.95)])])
           for ln, f in zip(lines, figures, strict=True)]
    assert read_streak_crossed(ocr, {1}, PageImages(data)) == ocr


def test_ink_of_a_figure_outside_its_box_is_no_figure_of_its_own(tmp_path):
    """A hard 200 dpi scan Tesseract left bare, askew: read again whole, its words are turned
    level about the page's middle, a table high on the page moving ~8 pt right of its ink
    on the image. The ink each figure left uncovered, just left of its box, read with the
    figure reads that figure: it is the figure's own, no figure of its own (read alone it
    gave "23" beside "23", then 3 for 23). A figure whose box lost nothing gains no twin."""
    from PIL import Image, ImageDraw, ImageFont

    from repair.cells import fill_from_ink
    from repair.reread import PageImages
    from tests.words import lines

    scale = 200 / 72
    image = Image.new("L", (int(595.44 * scale), int(842.04 * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", int(10 * scale))
    rows = [("Framåt", "38", "27", "14", "24"), ("Vindrosen", "43", "23", "12", "31"),
            ("Mötesplatsen", "29", "19", "15", "14"), ("Trampolinen", "40", "23", "22", "18")]
    placed = []
    for r, row in enumerate(rows):
        y = 110 + 16 * r
        draw.text((57 * scale, y * scale), row[0], font=font, fill=0)
        words = [Word(row[0], 57, 57 + draw.textlength(row[0], font=font) / scale, y + 2, y + 9.5,
                      confidence=0.9)]
        for k, figure in enumerate(row[1:]):
            right = 250 + 62 * k
            width = draw.textlength(figure, font=font) / scale
            draw.text(((right - width) * scale, y * scale), figure, font=font, fill=0)
            # Boxed where the levelled words stand: 8 pt right of the ink.
            words.append(Word(figure, right - width + 8, right + 8, y + 2, y + 9.5, confidence=0.9))
        placed.append(words)
    path = tmp_path / "drift.pdf"
    image.save(path, resolution=200)
    got = fill_from_ink(lines(*placed), {1}, PageImages(path.read_bytes()))
    assert [[c.value for c in ln.cells] for ln in got] == [[int(f) for f in row[1:]] for row in rows]


@pytest.mark.parametrize("rule_grey", [0, 170])
def test_a_figure_whose_first_digit_an_upright_rule_ate_is_read_over_its_column(tmp_path, rule_grey):
    """A ruled table's column rule through the first digit of "21" on a hard scan: OCR read
    "1", standing short of the figures above and below it right aligned with it. Read
    again over the column's width with the rule whitened: 21, doubtful. A "9" the rule
    passes left of reads 9 again and stays as read; so does a figure without a rule beside.
    A grey rule under the digits is a rule too: the eaten digit darkens it in the row (a
    parenthesis test of the row's own ink had let "1" stand, sure: review)."""
    from PIL import Image, ImageDraw, ImageFont

    from parsers.layout import REPAIRED_NUMBER_CONFIDENCE
    from repair.cells import reread_rule_cut_starts
    from repair.reread import PageImages
    from tests.words import lines

    scale = 200 / 72
    image = Image.new("L", (int(595.44 * scale), int(842.04 * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", int(10 * scale))
    rows = [("Framåt", "38", "21", "14"), ("Kugghjulet", "52", "24", "16"),
            ("Horisonten", "60", "9", "20"), ("Ankaret", "41", "7", "33")]
    read_as = {(0, 2): "1"}
    # The nya column's rule, through the first digit of the two-digit figures, over three
    # rows, under the ink.
    rule_x = (312 - draw.textlength("21", font=font) / scale + 2) * scale
    draw.line([(rule_x, 100 * scale), (rule_x, 152 * scale)], fill=rule_grey, width=2)
    placed = []
    for r, row in enumerate(rows):
        y = 110 + 16 * r
        draw.text((57 * scale, y * scale), row[0], font=font, fill=0)
        words = [Word(row[0], 57, 57 + draw.textlength(row[0], font=font) / scale, y + 2, y + 9.5)]
        for k, figure in enumerate(row[1:], start=1):
            right = 250 + 62 * (k - 1)
            width = draw.textlength(figure, font=font) / scale
            draw.text(((right - width) * scale, y * scale), figure, font=font, fill=0)
            text = read_as.get((r, k), figure)
            shown = draw.textlength(text, font=font) / scale
            words.append(Word(text, right - shown, right, y + 2, y + 9.5, confidence=0.9))
        placed.append(words)
    path = tmp_path / "ruled.pdf"
    image.save(path, resolution=200)
    got = reread_rule_cut_starts(lines(*placed), {1}, PageImages(path.read_bytes()))
    cells = {(ln.words[0].text, k): c for ln in got for k, c in enumerate(ln.cells)}
    assert cells[("Framåt", 1)].value == 21
    assert cells[("Framåt", 1)].confidence <= REPAIRED_NUMBER_CONFIDENCE
    assert cells[("Horisonten", 1)].value == 9 and cells[("Ankaret", 1)].value == 7
    assert cells[("Kugghjulet", 1)].value == 24 and cells[("Framåt", 0)].value == 38


def test_a_level_rule_struck_through_a_row_is_no_figure_in_its_gaps(tmp_path):
    """A table's level rule struck through a row near its baseline, on a hard scan left in
    pieces (dashes) by the black-and-white level: between the row's figures it is ink OCR
    read no word of, and read as amounts it gave "3" and "7", made columns of their own that
    took the headings of the real ones. A thin band of ink longer than any dash is no figure;
    a figure OCR lost in the same row is still found."""
    from PIL import Image, ImageDraw, ImageFont

    from repair.cells import fill_from_ink
    from repair.reread import PageImages
    from tests.words import lines

    scale = 200 / 72
    image = Image.new("L", (int(595.44 * scale), int(842.04 * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", int(10 * scale))
    y = 130
    draw.text((57 * scale, y * scale), "Ankaret", font=font, fill=0)
    words = [Word("Ankaret", 57, 57 + draw.textlength("Ankaret", font=font) / scale, y + 2, y + 11.5,
                  confidence=0.9)]
    for k, figure in enumerate(("48", "27", "17", "25")):
        right = 250 + 62 * k
        width = draw.textlength(figure, font=font) / scale
        draw.text(((right - width) * scale, y * scale), figure, font=font, fill=0)
        if k < 3:  # the last figure OCR lost
            words.append(Word(figure, right - width, right, y + 2, y + 11.5, confidence=0.9))
    # The rule, 1 pt thick, 8 pt below the line's top, broken into 20 pt dashes (ending
    # before the last figure).
    for x in range(45, 380, 24):
        draw.rectangle((x * scale, (y + 10) * scale, (x + 20) * scale, (y + 11) * scale), fill=0)
    path = tmp_path / "ruled.pdf"
    image.save(path, resolution=200)
    images = PageImages(path.read_bytes())
    (got,) = fill_from_ink(lines(words), {1}, images)
    assert [c.value for c in got.cells] == [48, 27, 17, 25]
    # With every figure's box covered, the rule's pieces between them are no ink run.
    assert images.ink_runs(1, y + 2, y + 11.5, 100, [(c.x0 - 2, c.x1 + 2) for c in got.cells], 5) == []


def test_a_column_edge_a_two_column_reading_widened_never_joins_the_figure_before(tmp_path):
    """A hard scan's row whose two figures OCR read as one word over both columns
    ("15444455" for "1544  1455") gives the previous year's column a left edge inside this
    year's. A figure of that column whose box starts right of that edge is no figure whose
    first digits a rule ate: read over the widened box it takes this year's figure before
    it as its own first digits ("892" + "817" = 892817, "428566"). The box never reaches
    the row's figure before: each figure stays as OCR read it."""
    from PIL import Image, ImageDraw, ImageFont

    from repair.cells import reread_rule_cut_starts
    from repair.reread import PageImages
    from tests.words import lines

    scale = 200 / 72
    image = Image.new("L", (int(595.44 * scale), int(842.04 * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", int(9 * scale))
    rows = [("Lokalhyra", "1329", "1295"), ("Resekostnader", "1544", "1455"),
            ("Dataprogram", "992", "982"), ("Lön", "428", "566"), ("Arbetsgivaravgifter", "553", "427"),
            ("Pensionskostnader", "425", "551"), ("Sammanträdesarvoden", "532", "520")]
    placed = []
    for r, (label, *figures) in enumerate(rows):
        y = 110 + 12 * r  # set tight: the rows' digits stack up like a rule
        draw.text((57 * scale, y * scale), label, font=font, fill=0)
        words = [Word(label, 57, 57 + draw.textlength(label, font=font) / scale, y + 1, y + 9)]
        boxes = []
        for figure, right in zip(figures, (499, 540), strict=True):
            width = draw.textlength(figure, font=font) / scale
            draw.text(((right - width) * scale, y * scale), figure, font=font, fill=0)
            boxes.append((figure, right - width, right))
        if label == "Resekostnader":  # both columns' figures read as one word
            words.append(Word("15444455", boxes[0][1], boxes[1][2], y + 1, y + 9, confidence=0.5))
        else:
            words += [Word(f, x0, x1, y + 1, y + 9, confidence=0.9) for f, x0, x1 in boxes]
        placed.append(words)
    path = tmp_path / "glued.pdf"
    image.save(path, resolution=200)
    got = reread_rule_cut_starts(lines(*placed), {1}, PageImages(path.read_bytes()))
    values = {ln.words[0].text: [c.value for c in ln.cells] for ln in got}
    for label, *figures in rows:
        if label != "Resekostnader":
            assert values[label] == [int(f) for f in figures], label


def test_the_foot_of_the_row_aboves_figure_is_no_figure_of_the_next_row(tmp_path):
    """A note on a page read again whole and turned level: the boxes OCR gave stand a drift
    above the image's ink, so the foot of "Övriga kortfristiga skulder"'s "647  790" lies in
    the box of the "Summa" row below it, whose own figures OCR lost. Read as a lost figure,
    that ink gave 647 and 790 again: the row above's figures stored twice, the total wrong.
    Ink whose band reaches into the box of a neighbour's cell holding the very figure read
    is that cell's: no figure of this row. (Drawn as read: figures boxed 5 pt below their
    label, their ink 5 pt below their boxes.)"""
    from PIL import Image, ImageDraw, ImageFont

    from repair.cells import fill_from_ink
    from repair.reread import PageImages
    from tests.words import lines

    scale = 200 / 72
    image = Image.new("L", (int(595.44 * scale), int(842.04 * scale)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf", int(9 * scale))
    rows = [("Leverantörsskulder", "751", "756"), ("Upplupna", "612", "823"),
            ("Avräkning", "775", "726"), ("Övriga", "647", "790"), ("Summa", None, None)]
    placed = []
    for r, (label, *figures) in enumerate(rows):
        y = 95 + 15 * r
        draw.text((66 * scale, y * scale), label, font=font, fill=0)
        words = [Word(label, 66, 66 + draw.textlength(label, font=font) / scale, y + 1, y + 10)]
        for figure, right in zip(figures, (505, 541), strict=True):
            if figure is None:
                continue
            width = draw.textlength(figure, font=font) / scale
            draw.text(((right - width) * scale, (y + 11) * scale), figure, font=font, fill=0)
            words.append(Word(figure, right - width, right, y + 6, y + 14, confidence=0.9))
        placed.append(words)
    path = tmp_path / "drift.pdf"
    image.save(path, resolution=200)
    got = fill_from_ink(lines(*placed), {1}, PageImages(path.read_bytes()))
    values = {ln.words[0].text: [c.value for c in ln.cells] for ln in got}
    assert values["Övriga"] == [647, 790]
    assert values.get("Summa", []) == []


def test_a_figure_read_again_replaces_the_label_word_ocr_read_of_its_very_digits():
    """"Pågående  29  14  18  TI": a streak after the row's figures made OCR's reading of
    them gutter noise (label words), and the ink there was read again as figures. Each
    figure read again replaces the label word of its very digits where it stands, so the
    row reads its figures once ("29 29 14 14 18 18" doubled them); a label word of other
    digits, or standing elsewhere, stays."""
    from repair.cells import _add_read_cells
    words = [Word("Pågående", 56, 100, 200, 208, confidence=0.9)]
    words += [Word(t, x, x + 10, 200, 208, confidence=0.6)
              for t, x in (("29", 300), ("14", 360), ("18", 420), ("7", 470))]
    line = Line(1, words, label_words=list(words))
    found = [(0, 298.0, 312.0, 29), (0, 358.0, 372.0, 14), (0, 418.0, 432.0, 81)]
    (mended,) = _add_read_cells([line], found)
    assert [w.text for w in mended.words] == ["Pågående", "29", "14", "81", "18", "7"]
    assert [w.text for w in mended.label_words] == ["Pågående", "18", "7"]
    assert [c.value for c in mended.cells] == [29, 14, 81]


def test_cells_ending_under_two_years_of_the_heading_are_two_columns_figures():
    """A narrow note on a hard scan (variety-31, scan seed 11): rows read as one cell over
    both years make one wide column of the rows around, and a row whose figures were read
    apart ("98849" | "144697") stood "crowded" in it and was joined again. Cells ending each
    at another year's right edge of the heading ("2017 = 2016": a speck's mark beside a year
    still heads its column) are two columns' figures; parts of one figure in one column are
    not. tests/test_scan_regressions.py reads the real page."""
    from parsers.gaps import under_two_years
    from parsers.layout import page_lines
    read = [("2017", 469, 492, 84), ("=", 505, 507, 84), ("2016", 515, 541, 84),
            ("Kundfordringar", 57, 128, 99), ("98849", 459, 492, 99), ("144697", 503, 541, 99),
            ("Summa", 57, 95, 114), ("351", 449, 469, 114), ("396", 472, 492, 114),
            ("582", 498, 518, 114), ("650", 521, 542, 114)]
    words = [Word(t, x0, x1, top, top + 11, confidence=0.95) for t, x0, x1, top in read]
    lines = page_lines(Page(1, 595, 842, words, source="ocr"))
    kund = [make_cell([w]) for w in lines[1].words[1:]]
    assert under_two_years(lines, 1, kund)
    figures = lines[2].words[1:]
    assert not under_two_years(lines, 2, [make_cell([w]) for w in figures[:2]])  # "351" "396"
    assert under_two_years(lines, 2, [make_cell(figures[:2]), make_cell(figures[2:])])
    no_heading = page_lines(Page(1, 595, 842, words[3:], source="ocr"))
    assert not under_two_years(no_heading, 0, kund)


def _title_lines(tmp_path, rule: bool, torn: bool = False, set_in: bool = False):
    """A drawn page: a title "Måluppfyllelse Framåt" among lines beginning at the margin,
    with (``rule``) or without an upright line down the margin; its lines as OCR would read
    them with the title's first word lost (``torn``: its first six letters only).
    ``set_in``: "Framåt" alone is printed, where it stands in the title (paper left of it)."""
    path = tmp_path / f"title-{rule}-{set_in}.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    for i, text in enumerate(("Under året har insatsen haft många deltagare.",
                              "Måluppfyllelse Framåt",
                              "Deltagarna ska stärka sin förmåga att söka arbete.",
                              "Personalen ska träffas varje månad.")):
        if set_in and i == 1:
            c.drawString(60 + c.stringWidth("Måluppfyllelse ", "Helvetica", 11), 700 - 22 * i, "Framåt")
            continue
        c.drawString(60, 700 - 22 * i, text)
    cut = 60 + c.stringWidth("Målupp", "Helvetica", 11)
    if rule:
        c.setLineWidth(1)
        c.line(cut, 600, cut, 760)
    c.showPage()
    c.save()
    data = path.read_bytes()
    lines = document_lines(read_pdf(data))
    (k,) = [k for k, ln in enumerate(lines) if ln.text.startswith(("Måluppfyllelse", "Framåt"))]
    title = lines[k]
    first = title.label_words[0]
    kept = [replace(first, text="fyllelse", x0=cut + 1)] if torn else []
    lost = [replace(w, confidence=0.95) for w in kept + title.label_words[0 if set_in else 1:]]
    lines[k] = replace(title, words=lost, label_words=lost)
    return lines, k, data


@pytest.mark.parametrize("rule,torn,set_in", [
    (True, False, False), (True, True, False),
    # No rule, the word's start lost all the same (untuned variety-86: "räkning per 31
    # december", "Balans" lost; the balance sheet's rows were keyed in the resultaträkning):
    # ink where OCR read no word is read again too, as the start of the first word only.
    (False, True, False),
    (False, False, False),  # no rule, a whole word lost: the ink may be another column's
    (False, False, True),  # a line set in, paper left of it: left as read
])
def test_a_title_whose_start_an_upright_line_made_ocr_lose_is_read_again(tmp_path, rule, torn,
                                                                         set_in):
    """"Framåt" for "Måluppfyllelse Framåt", an upright line down the margin where the
    lines begin: read again from the margin, the lexicon's word comes back, doubtful; so does
    a first word torn by the line ("fyllelse Framåt"), replaced. A line set in with no line
    and no ink left of it is left as read."""
    from repair.ocrfix import reread_cut_line_starts
    lines, k, data = _title_lines(tmp_path, rule, torn, set_in)
    from core.lexicon import load_lexicon
    vocabulary = load_lexicon().vocabulary
    read = reread_cut_line_starts(lines, {1}, PageImages(data), vocabulary)[k]
    if rule or torn:
        assert read.text == "Måluppfyllelse Framåt"
        assert read.label_words[0].confidence < 0.8
    else:
        assert read is lines[k]


def test_a_table_row_whose_start_an_upright_line_made_ocr_lose_is_read_again(tmp_path):
    """Variety-195's five-year overview (set QT, ruled and narrow, hard scan): an upright
    line down the margin through the labels' first letters; OCR read "‘ets resultat" for
    "Årets resultat", and the row went unkeyed, with it the overview's planted break. A
    table row whose first word the lexicon does not spell, standing right of where the
    rows around begin, is read again from there like a title. A row whose first word the
    lexicon spells is whole, and so is a row set in with paper left of it."""
    from core.lexicon import load_lexicon
    from repair.ocrfix import reread_cut_line_starts
    path = tmp_path / "rows.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 11)
    rows = (("Summa intäkter", "17 907"), ("Verksamhetens kostnader", "17 265"),
            ("Finansnetto", "14"), ("Årets resultat", "656"), ("Eget kapital", "4 878"),
            ("  Qvarnsta bidrag", "12"))
    for i, (label, figure) in enumerate(rows):
        c.drawString(60 + 6 * (len(label) - len(label.lstrip())), 700 - 15 * i, label.strip())
        c.drawRightString(400, 700 - 15 * i, figure)
    cut = 60 + c.stringWidth("År", "Helvetica", 11)
    c.setLineWidth(1)
    c.line(cut, 640, cut, 720)
    c.showPage()
    c.save()
    data = path.read_bytes()
    lines = [replace(ln, words=[replace(w, confidence=0.95) for w in ln.words],
                     label_words=[replace(w, confidence=0.95) for w in ln.label_words])
             for ln in document_lines(read_pdf(data))]
    k = 3
    torn = replace(lines[k].label_words[0], text="‘ets", x0=cut + 1)
    lines[k] = replace(lines[k], words=[torn, *lines[k].words[1:]],
                       label_words=[torn, *lines[k].label_words[1:]])
    vocabulary = load_lexicon().vocabulary
    read = reread_cut_line_starts(lines, {1}, PageImages(data), vocabulary)
    assert read[k].label == "Årets resultat"
    assert read[k].label_words[0].confidence < 0.8
    assert read[k].cells == lines[k].cells
    assert lines[5].label == "Qvarnsta bidrag" and read[5] is lines[5]
    # "kostnader" alone (OCR lost "Verksamhetens"): a word of the lexicon, left as read
    set_in = [*lines[:1], replace(lines[1], words=lines[1].words[1:],
                                  label_words=lines[1].label_words[1:]), *lines[2:]]
    assert reread_cut_line_starts(set_in, {1}, PageImages(data), vocabulary)[1] is set_in[1]


def test_marks_before_a_whole_figure_are_a_speck_not_a_lost_figure():
    """"=" before "787162" in its column (the rows around: six digits) is a speck; before
    "162" it may be the lost "787" (review), and "~" may be a minus: those are read again."""
    from repair.cells import _marks_before_figure
    mark = Word("=", 416, 425, 236, 245, confidence=0.95)
    span = (418.0, 481.0)

    def cell(text):
        return make_cell([Word(text, 481 - 5 * len(text), 481, 236, 245, confidence=0.95)])
    assert _marks_before_figure([mark], span, [cell("787162")], 6)
    assert not _marks_before_figure([mark], span, [cell("162")], 6)
    assert not _marks_before_figure([replace(mark, text="~")], span, [cell("787162")], 6)
    assert not _marks_before_figure([replace(mark, text="a")], span, [cell("787162")], 6)


def test_a_heading_read_again_must_keep_its_numbers_and_long_words():
    """A heading read again across a level line (reread_ruled_headings) is taken only when
    the reading stands over every long word and every figure OCR read there, and every
    word of it is the lexicon's but a heading's number standing first or second."""
    from core.lexicon import load_lexicon
    from repair.ocrfix import _covers, _heading_words, _numbers_agree
    vocabulary = load_lexicon().vocabulary
    ocr = [Word("Årsrapport", 50, 110, 100, 110), Word("för", 112, 130, 100, 110),
           Word("insatsen", 132, 180, 100, 110), Word("Trampolinen", 185, 260, 100, 110)]
    read = [("Årsrapport", 50, 100, 110, 110), ("för", 112, 100, 130, 110),
            ("insatsen", 132, 100, 180, 110)]
    assert not _covers(read, ocr, vocabulary)  # the insats's name lost
    assert _covers([*read, ("Trampolinen", 185, 100, 262, 110)], ocr, vocabulary)
    count = [Word("varav", 50, 80, 100, 110), Word("män", 82, 100, 100, 110),
             Word("20", 300, 310, 100, 110)]
    assert not _covers([("varav", 50, 100, 80, 110), ("män", 82, 100, 100, 110)], count, vocabulary)
    assert _heading_words(["Not", "1:", "Verksamhetens", "intäkter", "och", "bidrag"], vocabulary)
    assert _heading_words(["5.", "Noter"], vocabulary)
    assert not _heading_words(["Verksamhetens", "intäkter", "12"], vocabulary)
    assert not _heading_words(["Not", "1:", "asa", "bidrag"], vocabulary)
    # A short lexicon word OCR read is kept too ("Not" of "Not Verksamhetens intäkter").
    short = [Word("Not", 50, 68, 100, 110), Word("Verksamhetens", 80, 150, 100, 110)]
    assert not _covers([("Verksamhetens", 80, 100, 150, 110)], short, vocabulary)
    # The number read again says what OCR read where it stands ("Not 7" is no "Not 1").
    seven = [Word("Not", 50, 68, 100, 110), Word("7", 72, 77, 100, 110)]
    assert not _numbers_agree([("Not", 50, 100, 68, 110), ("1", 72, 100, 77, 110)], seven)
    assert _numbers_agree([("Not", 50, 100, 68, 110), ("7:", 72, 100, 79, 110)], seven)



def test_cells_over_both_columns_draw_no_column_over_the_other(tmp_path):
    """A narrow note where two rows' figures were read as one word over both years ("5751
    022" for "575 | 1 022", "124 175" for "124 | 175"): they cluster at the second column's
    right edge, and its span drawn left over the first column put the cut between the
    columns inside the first one's figures. The second column begins where its own figures
    begin: the cut falls in the gap, and a word whose space stands at the gap parts there
    into the two figures as read, each ending at its column's edge (no re-read)."""
    from parsers.gaps import straddling_cells
    from repair.cells import split_straddling
    data, lines = _two_column_lines(tmp_path / "narrow.pdf", (
        ("Bidrag från Försäkringskassan", "3 337", "3 385"),
        ("Driftbidrag från regionen", "1 668", "1 692"),
        ("Driftbidrag från kommunen", "1 093", "670"),
        ("Driftbidrag från Gruvbo kommun", "575", "1 022"),
        ("Övriga intäkter", "", "")))  # its ink blank here: a re-read reads nothing
    first_right = max(ln.cells[0].x1 for ln in lines[:3])
    second_left = min(ln.cells[1].x0 for ln in lines[:3])
    a, b = lines[3].cells
    for k, text, value in ((3, "5751 022", 5_751_022), (4, "124 175", 124_175)):
        word = replace(a.words[0], text=text, x0=a.x0, x1=b.x1, confidence=0.95,
                       top=lines[k].top, bottom=lines[k].bottom)
        lines[k] = replace(lines[k], cells=[replace(a, words=[word], value=value, confidence=0.95)],
                           page=1)
    found = {s.line_index: s for s in straddling_cells(lines)}
    assert set(found) == {3, 4}
    for s in found.values():
        cut = s.parts[0][1]
        assert first_right <= cut <= second_left, (cut, first_right, second_left)
    mended = split_straddling(lines, {1}, PageImages(data))
    assert [c.value for c in mended[4].cells] == [124, 175]
    # Placed by their share of the characters, OCR's sure word or not: doubtful.
    assert all(c.confidence < DIGITAL.checks.uncertain_below for c in mended[4].cells)
    assert abs(mended[4].cells[0].x1 - first_right) < 2  # ends at its column's edge


def test_a_ruled_rows_figure_read_in_part_or_glued_takes_its_columns_re_read(tmp_path):
    """A five-year overview's first row under a ruling line a hard scan ran through it:
    OCR read "21 345" as "1345" (the line took the first digit) and "21 602  21 370  22 429"
    as one figure, 6022137022429, stored doubtful under the last year; each column's
    whitened re-read gave the figure whole but OCR's reading stayed. A re-read that holds
    all of OCR's digits after more, or the last part of a glued cell's digits at the glued
    cell's right edge, is the column's figure, doubtful; the columns a glued cell left
    empty take their re-reads. A re-read wider than the column's figures around, or digits
    that do not match so, change nothing but the doubt."""
    from core.types import Word
    from repair.cells import reread_ruled_figures
    data = _foot_ruled_pdf(tmp_path / "foot.pdf", 0)
    lines = document_lines(read_pdf(data))
    ocr = [replace(ln, cells=[replace(c, confidence=0.95) for c in ln.cells]) for ln in lines]
    row = ocr[0]
    cur, prev = row.cells
    assert (cur.value, prev.value) == (4120, 3980)

    def cell(text: str, x0: float, x1: float):
        return make_cell([Word(text, x0, x1, cur.top, cur.bottom, confidence=0.95)])

    # "4 120" read "120" (its last group's box), "3 980" as printed (and confirmed).
    part = cell(cur.words[-1].text, cur.words[-1].x0, cur.x1)
    ocr[0] = replace(row, cells=[part, prev])
    out = reread_ruled_figures(ocr, {1}, PageImages(data))
    assert [(c.value, c.confidence < 0.8) for c in out[0].cells] == [(4120, True), (3980, False)]
    # Both glued into one cell over the two columns.
    ocr[0] = replace(row, cells=[cell(f"{cur.value}{prev.value}", cur.x0, prev.x1)])
    out = reread_ruled_figures(ocr, {1}, PageImages(data))
    assert [(c.value, c.confidence < 0.8) for c in out[0].cells] == [(4120, True), (3980, True)]
    # Digits that are no part of the re-read's: OCR's reading stays, doubtful.
    ocr[0] = replace(row, cells=[cell("125", cur.words[-1].x0, cur.x1), prev])
    out = reread_ruled_figures(ocr, {1}, PageImages(data))
    assert [(c.value, c.confidence < 0.8) for c in out[0].cells][0] == (125, True)


def test_a_faint_line_black_and_white_loses_still_has_its_row_read_again(tmp_path):
    """A five-year overview's last row on a hard scan, a faint scan line across its
    figures (grey, near the black-and-white level: that view kept it in dashes or not at
    all, so no rule was found through the row) and OCR read "3 130  3 345" as "3345339)"
    and nothing. The line still darkens the paper either side of the figures at their
    height: the row is read again column by column like a ruled one."""
    from repair.cells import reread_ruled_figures
    rows = (("Intäkter", "4 120", "3 980"), ("Kostnader", "3 702", "4 211"),
            ("Resultat", "418", "231"), ("Eget kapital", "3 130", "3 345"))
    data = _two_column_pdf(tmp_path / "faint.pdf", rows, rule=(300, 660.5, 540, 660.5),
                           rule_width=0.6, rule_gray=0.68)
    images = PageImages(data)
    lines = [replace(ln, cells=[replace(cl, confidence=0.95) for cl in ln.cells])
             for ln in document_lines(read_pdf(data))]
    row = lines[3]
    cur, prev = row.cells
    box = CellBox(1, cur.x0, cur.top, prev.x1, cur.bottom)
    assert not images.rule_through(box, cur.bottom - cur.top) and images.line_through(box)
    glued = make_cell([Word("31303345", cur.x0, prev.x1, cur.top, cur.bottom, confidence=0.9)])
    lines[3] = replace(row, cells=[glued])
    out = reread_ruled_figures(lines, {1}, images)
    assert [(cl.value, cl.confidence < 0.8) for cl in out[3].cells] == [(3130, True), (3345, True)]
    assert out[:3] == lines[:3]


@pytest.mark.parametrize(("text", "x0", "value", "widest", "before", "part"), [
    # Read in part inside its column (351-387): the line took the first digit.
    ("1345", 360.0, 21345, 5, None, True),
    ("1345", 360.0, 213450, 5, None, False),  # the re-read wider than the column's figures
    ("1345", 351.5, 21345, 5, None, False),  # no paper in the column for the lost digit
    ("5", 380.0, 21345, 5, None, False),  # one digit left: a match by chance
    ("O", 380.0, 7, 5, None, False),  # no digit at all
    ("-1345", 360.0, 21345, 5, None, False),  # another sign
    # Glued from the column before (its figures end at 340, five digits wide) over this one.
    ("2160221345", 300.0, 21345, 5, (340.0, 5), True),
    ("1221345", 330.0, 21345, 5, (340.0, 5), False),  # a total a little wider: "12" before
    ("2160221345", 300.0, 21345, 5, None, False),  # the first column: nothing to glue over
    ("-2160221345", 300.0, -21345, 5, (340.0, 5), False),  # a glued cell's sign is its first's
])
def test_what_a_ruled_columns_re_read_may_complete(text, x0, value, widest, before, part):
    """repair/cells.py _ruled_part: a ruled row's cell a column's whitened re-read completes
    (read in part, or glued over the column before) only when the digits, the paper and
    the column's figures around say so (review: a total wider than its items, a cell of no
    digits, a speck's digit before a whole figure)."""
    from core.types import Word
    from repair.cells import _ruled_part
    cell = make_cell([Word(text, x0, 387.0, 100.0, 108.0, confidence=0.95)])
    assert _ruled_part(cell, value, 351.0, 387.0, widest, before) == part


def test_figures_read_as_one_token_on_a_ruling_line_stand_in_the_columns_it_covers(tmp_path):
    """variety-157 (scan seed 28): "Årets resultat  302  460  -76" with a ruling line through
    it read as one token, "302—_460—_-76__", boxed far past the table: split where their
    characters fall, the figures stood 12, 24 and 35 pt right of their columns and the row
    was lost from the income statement. They move to the columns the token covers, one
    each, still doubtful; when the token covers another number of columns they stay."""
    from core.lexicon import load_lexicon
    from core.types import Page, Word
    from repair.cells import place_ruled_pieces
    from repair.ocrfix import repair_words
    data = _foot_ruled_pdf(tmp_path / "foot.pdf", 7)
    lines = [replace(ln, cells=[replace(c, confidence=0.95) for c in ln.cells])
             for ln in document_lines(read_pdf(data))]
    row = lines[2]
    cur, prev = row.cells
    token = Word("71—_68__", cur.x0, prev.x1 + 80, cur.top, cur.bottom, confidence=0.9)
    page = Page(1, 595, 842, [token], source="ocr")
    pieces = repair_words(page, load_lexicon().vocabulary).words
    assert [w.text for w in pieces] == ["71", "68"] and pieces[1].x1 > prev.x1 + 10
    lines[2] = replace(row, cells=[make_cell([w]) for w in pieces])
    out = place_ruled_pieces(lines, {1}, PageImages(data))
    moved = out[2].cells
    assert [c.value for c in moved] == [71, 68]
    assert abs(moved[0].x1 - cur.x1) < 2 and abs(moved[1].x1 - prev.x1) < 2
    assert all(c.confidence < 0.8 for c in moved)
    assert out[:2] + out[3:] == lines[:2] + lines[3:]
    # Three figures over the two columns: no telling which is whose.
    token = Word("71—_68__5", cur.x0, prev.x1 + 80, cur.top, cur.bottom, confidence=0.9)
    three = repair_words(Page(1, 595, 842, [token], source="ocr"), load_lexicon().vocabulary).words
    lines[2] = replace(row, cells=[make_cell([w]) for w in three])
    assert place_ruled_pieces(lines, {1}, PageImages(data)) == lines


def test_a_reading_that_failed_is_not_kept_for_later_runs(tmp_path, monkeypatch):
    """A re-read that fails (a page that cannot be rendered; Tesseract stopped at its time
    limit on a machine busy with other runs) reads as nothing this run, and is not written
    to the file's readings: kept, a busy machine's failure stood for the cell's reading in
    every later run of the same file, and two runs of one archive stored different figures."""
    import json

    from repair.reread import PageImages
    cache = tmp_path / "readings.json"
    box = CellBox(1, 400, 100, 450, 110)
    broken = PageImages(b"%PDF-1.4 no page here", cache)
    assert broken.read([box]) == [None]
    assert broken.read_words(box, 0, 8.0) == []
    broken.save()
    assert not cache.exists() or json.loads(cache.read_text(encoding="utf-8")) == {}
    # Tesseract stopped at its time limit (a real one, made a microsecond): nothing read,
    # nothing kept; with its usual limit, the same cell reads and is kept.
    import repair.reread as reread
    data = _foot_ruled_pdf(tmp_path / "page.pdf", 7)
    row = document_lines(read_pdf(data))[1]
    figure = CellBox(1, row.cells[0].x0 - 2, row.top, row.cells[0].x1 + 2, row.bottom)
    with monkeypatch.context() as m:
        m.setattr(reread, "REREAD_TIMEOUT", 1e-6)
        busy = PageImages(data, cache)
        assert busy.read([figure]) == [None] and busy.read_unruled([figure]) == [None]
        busy.save()
    assert not cache.exists() or json.loads(cache.read_text(encoding="utf-8")) == {}
    images = PageImages(data, cache)
    read = images.read([figure])
    assert read[0] is not None
    images.save()
    assert list(json.loads(cache.read_text(encoding="utf-8")).values()) == read
