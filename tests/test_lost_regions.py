"""Regions of a hard scan that OCR lost whole come back, read again from the page image.

The class: on a hard 200 dpi scan Tesseract's page segmentation sometimes returns no words
for a large inked, legible part of a page (a page kept its right column only; a table at a
page's top; a table's whole status column). The page drawn here is the real case: the last
bilaga page of tests/test_goal_shapes_scans.py's serif bilagor, scanned hard at seed 4,
whose left half (a goal column and two bilaga titles) Tesseract read as nothing. Demanded:
the lost words come back where they stand, doubtful (the re-read rung of the confidence
ladder), and the values read from them are right or doubtful, never wrong and sure; a page
whose words cover its ink, and a born-digital page, are not touched. A second case is data:
the status column's words taken out of the OCR result, as OCR loses a column.
``FINSAM_TEST_OCR_CACHE=DIR`` keeps the OCR'd copy between runs.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest

from core.lexicon import fold
from core.settings import DIGITAL
from finsam.pipeline import OcrOptions, process_bytes
from fixtures.compare import goal_pairs, statuses_sure_but_wrong
from fixtures.scan import scan_pdf
from ingest.ocr import OcrSettings, ocr_copy
from ingest.pdftext import OCR_WORD_SETTINGS, read_pdf
from repair.regions import reread_lost_regions
from repair.reread import PageImages
from tests.test_goal_shapes_scans import draw_bilagor

DOUBT = DIGITAL.checks.uncertain_below
SEED, PAGE = 4, 6  # the scan's seed and the page that lost its left half to Tesseract


@pytest.fixture(scope="module")
def lost_page(tmp_path_factory) -> tuple[Path, list, str]:
    """(the one-page hard scan, the goals drawn on it, the OCR cache directory)."""
    tmp = tmp_path_factory.mktemp("lost")
    pdf, truth = draw_bilagor(tmp / "bilagor.pdf", "serif")
    scan = tmp / "scan.pdf"
    scan_pdf(pdf, scan, "scan200hard", SEED)  # the whole file: each page's damage is seeded in turn
    one = tmp / "page.pdf"
    with pikepdf.open(scan) as src:
        out = pikepdf.new()
        out.pages.append(src.pages[PAGE - 1])
        out.save(one)
    on_page = {"Mötesplatsen", "Vindrosen"}
    return one, [g for g in truth if g.insats in on_page], \
        os.environ.get("FINSAM_TEST_OCR_CACHE") or str(tmp / "ocr")


def _ocr(path: Path, cache: str) -> tuple[PageImages, object]:
    """The page's OCR (the pipeline's own, cached) and its page images."""
    data = path.read_bytes()
    ocr_data, _, cached, _ = ocr_copy(data, hashlib.sha256(data).hexdigest(), [1], OcrSettings(),
                                      Path(cache))
    page = replace(read_pdf(ocr_data, OCR_WORD_SETTINGS).pages[0], source="ocr")
    return PageImages(ocr_data, cached.with_suffix(".reread.json")), page


def test_a_half_page_ocr_lost_comes_back_doubtful_never_wrong_and_sure(lost_page):
    path, truth, cache = lost_page
    result = process_bytes(str(path), path.read_bytes(), OcrOptions(cache_dir=cache))
    pairs = goal_pairs(truth, result.goals)
    right = [g for g, o in pairs if o.status == g.status and fold(o.insats) == fold(g.insats)]
    assert statuses_sure_but_wrong(truth, result.goals, DOUBT) == []
    # Both bilagor's goals are read (none was: their goal column was lost), each doubtful.
    assert len(pairs) == len(truth) == 6
    assert all(o.confidence < DOUBT for _, o in pairs)
    assert len(right) >= 4, [(g.status, o.status, o.status_text) for g, o in pairs]
    # Said after the tally (a line a page), and kept in the page's triage record, each
    # region with its numbers.
    # (The page stays 1.2° askew after OCR's deskew and is turned level: its lost ink may
    # gather into one region, said "an inked region".)
    (said,) = [s for p, s in result.ocr_said if "inked region" in s]
    assert re.search(r"OCR read no words in (?:\d+|an) inked regions? .*ink \d+\.\d %.*: \d\d words taken",
                     said)
    assert re.search(r"inked region \(\d+-\d+ × \d+-\d+ pt, ink \d+\.\d %\); read again as a block: "
                     r"\d\d words", result.page_decisions[0].reason)


def test_a_status_column_taken_out_of_the_ocr_comes_back_where_it_stands(lost_page):
    """The page's OCR after the lost half is read again, then its status column's words
    taken out (a column OCR lost): they come back at their places, re-read (doubtful); the
    page read whole again is left as it is."""
    path, _, cache = lost_page
    images, page = _ocr(path, cache)
    whole, lost = reread_lost_regions(page, images)
    assert sum(r.words for r in lost) >= 30  # the left half: two titles and six goals
    assert [r for r in reread_lost_regions(whole, images)[1] if r.words] == []
    column = [w for w in whole.words if w.x0 > whole.width * 0.6 and w.top < whole.height * 0.6]
    assert {"mätbart", "Uppnått"} <= {w.text for w in column}
    without = replace(whole, words=[w for w in whole.words if w not in column])
    back, found = reread_lost_regions(without, images)
    new = [w for w in back.words if w not in without.words]
    assert found and sum(r.words for r in found) == len(new)
    assert all(w.confidence < DOUBT for w in new)
    # Every word taken out is read again where it stood (its box overlaps a new word's).
    kept = [w for w in column if any(n.x0 < w.x1 and w.x0 < n.x1 and n.top < w.bottom
                                     and w.top < n.bottom for n in new)]
    assert len(kept) >= 0.8 * len(column), sorted({w.text for w in column} - {w.text for w in kept})
    images.save()


def test_a_born_digital_page_is_never_touched(tmp_path):
    pdf, _ = draw_bilagor(tmp_path / "bilagor.pdf", "serif")
    data = pdf.read_bytes()
    page = read_pdf(data).pages[0]
    images = PageImages(data)
    assert reread_lost_regions(page, images) == (page, [])
    # Its words cover its ink: looked at as if OCR had made them, no region is lost either.
    for page in read_pdf(data).pages:
        assert images.lost_regions(page.number, [(w.x0, w.top, w.x1, w.bottom)
                                                 for w in page.words]) == [], page.number


def test_a_page_read_again_whole_has_its_lost_regions_read_on_its_rows(lost_page):
    """A page OCR left next to bare is read again whole, its words and its image turned
    level alike (reread_sparse_page); its regions OCR still lost are read again too, from the
    turned image, so each word read there stands on its own row: where the page's full OCR,
    turned by the same slope, has the same word. (Read while the image stayed as scanned,
    such words stood a slope's drift off their rows: a note's total in an item's row; so
    such pages were once left alone, and a summary table OCR lost stayed lost.)"""
    from parsers.layout import turned_words
    from repair import passes
    path, _, cache = lost_page
    images, page = _ocr(path, cache)
    ctx = passes.Context({}, {1}, images)
    passes.run("words", page, ctx)
    assert ctx.read_whole == set() and sum(r.words for r in ctx.lost) >= 30
    bare = replace(page, words=page.words[:10])
    ctx = passes.Context({}, {1}, images)
    before_regions = bare
    for p in passes.PASSES:
        if p.name == "reread_lost_regions":
            before_regions = bare
        if p.stage == "words":
            bare = p.apply(bare, ctx)
    slope = images.turns.get(1, 0.0)
    assert ctx.read_whole == {1} and slope and sum(r.words for r in ctx.lost) >= 5
    reference = turned_words(page.words, slope, page.width / 2, page.height / 2)
    regions = [w for w in bare.words if not any(v.x0 == w.x0 and v.top == w.top
                                                 for v in before_regions.words)]
    placed = [(w.text, min(abs((w.top + w.bottom) / 2 - (v.top + v.bottom) / 2)
                           for v in same))
              for w in regions for same in [[v for v in reference if fold(v.text) == fold(w.text)
                                             and v.x0 < w.x1 and w.x0 < v.x1]] if same]
    # Each within a point or so of its row (read on the image as scanned: 2.4 to 5.4 pt off).
    assert len(placed) >= 4, placed
    assert all(off < 2 for _, off in placed), placed
    images.save()


def test_a_goal_table_a_ruling_line_made_ocr_read_as_glyphs_comes_back(tmp_path):
    """A serif, ruled, narrow report's hard 200 dpi scan: Tesseract read a bilaga's goal
    table page as stacks of glyphs ("2", "a", "gs.", "oO") down the rules crossing its text,
    the title, headings, goals and statuses lost, and reading the page again whole found
    only its footer. On such a bare page the marks cover no ink: the table's region is read
    again as a block, the block's words taking the marks' place. Both goals come back with
    their printed status, doubtful."""
    import dataclasses

    from fixtures.truth import Report
    from fixtures.variety import build_family
    from fixtures.variety_render import render_variety
    name, spec, report = build_family("variety", 40, 7)[30]
    src = tmp_path / f"{name}-serif-ruled-narrow.pdf"  # the scan's damage is seeded by its name
    render_variety(dataclasses.replace(spec, font="serif", ruled=True, narrow=True), report, src)
    report.save(src.with_suffix(".json"))
    scan = tmp_path / "scan.pdf"
    scan_pdf(src, scan, "scan200hard", 7)
    one = tmp_path / "page.pdf"
    with pikepdf.open(scan) as pdf:
        out = pikepdf.new()
        out.pages.append(pdf.pages[7])  # page 8: "Måluppfyllelse Bron"
        out.save(one)
    truth = [g for g in Report.load(src.with_suffix(".json")).activity.goals if g.insats == "Bron"]
    cache = os.environ.get("FINSAM_TEST_OCR_CACHE") or str(tmp_path / "ocr")
    result = process_bytes(str(one), one.read_bytes(), OcrOptions(cache_dir=cache))
    pairs = goal_pairs(truth, result.goals)
    assert len(pairs) == len(truth) == 2
    assert [(g.status, fold(o.insats)) for g, o in pairs] == [(o.status, "bron") for _, o in pairs]
    assert all(o.confidence < DOUBT for _, o in pairs)
    assert statuses_sure_but_wrong(truth, result.goals, DOUBT) == []


def test_a_word_read_again_with_a_box_of_no_height_stays_on_its_heading_line():
    """Tesseract read a lost heading again as a block and gave its first word a box 0.2 pt
    tall ("Fem" beside "ar i sammandrag", a hard serif scan): left so, the word made a line of
    its own, neither line was the heading, and the five-year overview was lost whole."""
    from core.lexicon import load_lexicon
    from core.types import Page, Word
    from parsers.layout import page_lines
    from parsers.sections import split_sections
    from repair.regions import flat_boxes_levelled

    read = [("Fem", 50.4, 79.2, 210.72, 210.96), ("ar", 86.9, 101.0, 210.72, 222.0),
            ("i", 108.7, 115.0, 212.16, 221.76), ("sammandrag", 115.7, 204.7, 212.16, 224.4)]
    block = flat_boxes_levelled([Word(t, a, b, c, d, size=d - c, confidence=0.7)
                                 for t, a, b, c, d in read])
    fem = block[0]
    assert (fem.top, fem.bottom) == (210.72, 222.0)  # the height of "ar" beside it
    assert block[1:] == [Word(t, a, b, c, d, size=d - c, confidence=0.7) for t, a, b, c, d in read[1:]]
    rows = [Word(t, x, x + 5 * len(t), 240, 248) for t, x in
            [("Belopp", 57), ("i", 89), ("tkr", 94), ("2017", 353), ("2016", 393), ("2015", 433)]] + \
        [Word(t, x, x + 5 * len(t), 260, 268) for t, x in
         [("Summa", 57), ("intäkter", 95), ("17971", 345), ("17905", 387), ("17908", 427)]]
    lines = page_lines(Page(2, 595, 842, block + rows))
    assert lines[0].text == "Fem ar i sammandrag"
    kinds = [s.kind for s in split_sections(lines, load_lexicon())]
    assert "femarsoversikt" in kinds
    # A block whose words are all one height is left as read.
    assert flat_boxes_levelled(block) == block


def test_a_heading_over_a_ruling_line_ocr_read_as_one_glyph_comes_back(tmp_path):
    """A note's heading above a ruling line across the page: a hard scan's OCR read the
    heading as nothing and the line as one glyph, "a", boxed from the page's left edge to
    its right (variety-35, scan seed 11: note 2 ran into note 1, its 26 amounts lost). The
    glyph covers no word: the heading is read again and joins the page, doubtful, and the
    glyph is dropped."""
    from PIL import Image, ImageDraw, ImageFont

    from core.types import Page, Word
    from tests.test_repair_passes import _image_pdf
    px = 300 / 72
    image = Image.new("L", (int(595 * px), int(842 * px)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", int(10 * px))
    bold = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", int(12 * px))
    rows = [(380, "Övriga intäkter", "124"), (395, "Summa", "17 971"),
            (450, "Lämnade bidrag", "1 281"), (465, "Lokalhyra", "2 408")]
    words = []
    for top, label, figure in rows:
        draw.text((56 * px, top * px), label, font=font, fill=0)
        draw.text((470 * px, top * px), figure, font=font, fill=0)
        words += [Word(t, 56 + 40 * k, 56 + 40 * k + 35, top + 2, top + 10, confidence=0.95)
                  for k, t in enumerate(label.split())]
        words.append(Word(figure.replace(" ", ""), 470, 500, top + 2, top + 10, confidence=0.95))
    draw.text((56 * px, 414 * px), "Not 2 Verksamhetens kostnader", font=bold, fill=0)
    draw.line((40 * px, 432 * px, 555 * px, 432 * px), fill=0, width=3)
    path = _image_pdf(image, tmp_path / "heading.pdf")
    rule = Word("a", 0, 595, 424, 440, confidence=0.3)
    page = Page(1, 595, 842, [*words, rule], source="ocr")
    back, found = reread_lost_regions(page, PageImages(path.read_bytes()))
    new = [w for w in back.words if w not in page.words]
    assert [w.text for w in new] == ["Not", "2", "Verksamhetens", "kostnader"]
    assert all(w.confidence < DOUBT for w in new)
    assert rule not in back.words and found
    # A dash (a table's nil) is boxed flat, far wider than its height: measured by the page's
    # usual height it is no ruling line.
    from repair.regions import _rule_mark
    assert _rule_mark(rule, 8.0) and not _rule_mark(Word("–", 470, 478, 425, 425.7), 8.0)


def test_a_line_of_text_a_ruling_line_runs_through_is_read_again_without_it(tmp_path):
    """variety-155 (scan seed 28): a scan's line across a paragraph's first line ("Under året
    har 16 personer deltagit ...", the bilaga's only counts) above the x-height: OCR read no
    word of it, and the region read again as a block gave nothing either. Read once more
    with its level lines whitened, the line's words come back, doubtful."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas
    path = tmp_path / "ruled.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica", 10)
    for i, text in enumerate(["Deltagare", "Under året har 16 personer deltagit i insatsen, varav 10 nya.",
                              "Av de 6 som avslutades har två gått till arbete och en till studier."]):
        c.drawString(57, 700 - 14 * i, text)
    c.setStrokeGray(0.3)
    c.setLineWidth(0.8)
    c.line(0, 689.5, 595, 689.5)
    c.showPage()
    c.save()
    data = path.read_bytes()
    page = read_pdf(data).pages[0]
    lost_line = [w for w in page.words if 140 < w.top < 160]
    assert lost_line[0].text == "Under"
    page = replace(page, source="ocr", words=[replace(w, confidence=0.95) for w in page.words
                                              if w not in lost_line])
    out, lost = reread_lost_regions(page, PageImages(data))
    new = [w for w in out.words if w not in page.words]
    assert {"Under", "året", "personer", "insatsen,", "nya."} <= {w.text for w in new}
    assert all(w.confidence < DOUBT and 140 < w.top < 160 for w in new)
    assert sum(r.words for r in lost) == len(new)
