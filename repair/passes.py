"""Every OCR repair and re-read, in the order it runs: the one map of this package.

The pipeline calls ``run(stage, subject, context)`` at three points of a file's way:

    words   each OCR'd page, before layout      Page -> Page
    lines   the document's lines, after layout  list[Line] -> list[Line]
    parsed  the parse result, after parsing     ParsedDocument -> ParsedDocument

and each stage runs its passes of ``PASSES`` in order. A word or line pass returns new
pages and lines and changes none it was given; the arithmetic repair, the one parsed pass,
sets values and confidences of the parse result's amounts in place (its rule evaluator
reads them there) and returns the result. Nothing is invented: a pass takes a reading only
when it is clean (see the confidence ladder in core/settings.py and repair/ocrfix.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from core.lexicon import Lexicon
from core.settings import OCR
from core.types import Amount, Count, Line, Note, Statement
from repair.arithmetic import Breaks, repair_by_arithmetic
from repair.cells import (
    amount_as_first_read,
    drop_glued_junk,
    fill_from_ink,
    fill_gaps,
    fill_headings,
    join_crowded,
    page_read_poorly,
    place_ruled_pieces,
    read_amounts,
    read_trailing_amounts,
    read_turned,
    reread_doubtful,
    reread_figureless_rows,
    reread_rule_cut_starts,
    reread_ruled_figures,
    reread_sparse_page,
    reread_status_cells,
    reread_year_headings,
    sign_from_ink,
    split_straddling,
    take_misread_words,
    unparen_ruled,
    unsign_ruled,
)
from repair.ocrfix import (
    BREAKS_ARITHMETIC_CONFIDENCE,
    OCR_CONFIDENCE,
    REREAD_CONFIDENCE,
    document_spelling,
    repair_words,
    reread_cut_line_starts,
    reread_lost_labels,
    reread_names,
    reread_ruled_headings,
    reread_ruled_labels,
)
from repair.placed import place_counts
from repair.regions import Lost, reread_lost_regions
from repair.reread import CellBox, PageImages
from repair.symbols import match_status_symbols
from repair.upright import read_streak_crossed, read_streak_cut_ends, reread_upright_junk

STAGES = ("words", "lines", "parsed")
# A broken sum's figure read the same again confirms it only from a reading this sure.
CONFIRM_MIN_CONFIDENCE = OCR.reread.confirm_min_score
CONFIRM_MIN_DPI = OCR.reread.confirm_min_dpi


@dataclass
class Context:
    """What the passes need besides their subject."""
    vocabulary: dict[str, str]  # the lexicon's spelling of Swedish words (Lexicon.vocabulary)
    ocr_pages: set[int] = field(default_factory=set)  # pages whose words OCR made
    images: PageImages | None = None  # the OCR'd file's page images, for re-reads
    # The rule evaluator for the arithmetic repair, given by the wiring layer (finsam):
    # (statements, notes, final) -> (number of broken rules, the amounts they compare).
    breaks: Callable[[dict[str, Statement], list[Note], bool],
                     tuple[int, list[Amount]]] | None = None
    # The lexicon, for what a re-read reads as words (a goal's status).
    lexicon: Lexicon | None = None
    # The rule evaluator of participant counts, given by the wiring layer once the fiscal
    # year is known: (counts, final) -> (number of broken rules, the counts they compare).
    count_breaks: Callable[[list[Count], bool], tuple[int, list[Count]]] | None = None
    # The same rules as evidence for a guessed key: counts -> (indexes a broken rule
    # compares, how many holding rules compare each) (repair/placed.py).
    count_support: Callable[[list[Count]], tuple[set[int], dict[int, int]]] | None = None
    # Regions of OCR'd pages that OCR lost whole and were read again (repair/regions.py):
    # the wiring layer lists them after the tally and in the pages' triage records.
    lost: list[Lost] = field(default_factory=list)
    read_whole: set[int] = field(default_factory=set)  # ... of those, the pages turned level
    read_poorly: set[int] = field(default_factory=set)  # OCR'd pages left next to bare


@dataclass(frozen=True)
class Pass:
    name: str
    stage: str
    apply: Callable[[Any, Context], Any]
    does: str


def _on_lines(step: Callable[[list[Line], set[int], PageImages], list[Line]]):
    def apply(lines: list[Line], ctx: Context) -> list[Line]:
        return lines if ctx.images is None else step(lines, ctx.ocr_pages, ctx.images)
    return apply


def _names(lines: list[Line], ctx: Context) -> list[Line]:
    return lines if ctx.images is None else reread_names(lines, ctx.ocr_pages, ctx.images,
                                                         ctx.vocabulary)


def _ruled_labels(lines: list[Line], ctx: Context) -> list[Line]:
    return lines if ctx.images is None else reread_ruled_labels(lines, ctx.ocr_pages, ctx.images,
                                                                ctx.vocabulary)


def _figureless_rows(lines: list[Line], ctx: Context) -> list[Line]:
    return lines if ctx.images is None else reread_figureless_rows(lines, ctx.ocr_pages, ctx.images,
                                                                   ctx.vocabulary, ctx.lexicon)


def _cut_line_starts(lines: list[Line], ctx: Context) -> list[Line]:
    return lines if ctx.images is None else reread_cut_line_starts(lines, ctx.ocr_pages,
                                                                   ctx.images, ctx.vocabulary)


def _ruled_headings(lines: list[Line], ctx: Context) -> list[Line]:
    return lines if ctx.images is None else reread_ruled_headings(lines, ctx.ocr_pages, ctx.images,
                                                                  ctx.vocabulary)


def _lost_labels(lines: list[Line], ctx: Context) -> list[Line]:
    return lines if ctx.images is None else reread_lost_labels(lines, ctx.ocr_pages, ctx.images,
                                                               ctx.vocabulary)


def _glued_junk(lines: list[Line], ctx: Context) -> list[Line]:
    return drop_glued_junk(lines, ctx.ocr_pages, ctx.images, ctx.vocabulary)


def _misread_words(lines: list[Line], ctx: Context) -> list[Line]:
    return lines if ctx.images is None else take_misread_words(lines, ctx.ocr_pages, ctx.vocabulary)


def _scaled(amounts: list[Amount], values: list[int | None]) -> list[int | None]:
    """Figures read from the image as the amounts hold them (a tkr table's in kronor; a
    count as read)."""
    return [None if v is None else v * getattr(a, "scale", 1)
            for a, v in zip(amounts, values, strict=True)]


def _signed_like(amounts: list[Amount], values: list[int | None]) -> list[int | None]:
    """Unsigned readings with the sign of the amounts they read again (a cost printed
    negative keeps its sign when only the figures after a note number are taken)."""
    return [-v if v is not None and v > 0 and a.value < 0 else v
            for a, v in zip(amounts, values, strict=True)]


def _sure_readings(images: PageImages, amounts: list[Amount]) -> list[int | None]:
    """Readings that may confirm a misprint: the other view's, sure, of a fine scan (a coarse
    one's re-reads share its misreads); None elsewhere."""
    fine = [a for a in amounts if round(images.scan_dpi(a.page) or 0) >= CONFIRM_MIN_DPI]
    read = dict(zip(map(id, fine), _scaled(fine, read_amounts(
        images, [CellBox(a.page, *a.bbox) for a in fine], CONFIRM_MIN_CONFIDENCE,
        other_view=True)), strict=True))
    return [read.get(id(a)) for a in amounts]


def _unread(amounts: list) -> list[None]:
    return [None] * len(amounts)


def _doubt_without_images(breaks: Breaks, ctx: Context) -> None:
    """OCR'd words without page images to read again (a scan's old OCR layer kept: --ocr
    never): nothing is mended, but the figures of what still breaks are doubtful, as a
    re-read that could not mend them leaves them."""
    repair_by_arithmetic(breaks, reread=_unread, rereadable=lambda a: a.page in ctx.ocr_pages,
                         reread_confidence=REREAD_CONFIDENCE,
                         doubt_confidence=BREAKS_ARITHMETIC_CONFIDENCE)


def _arithmetic(doc, ctx: Context):
    """``doc``: anything with ``statements`` and ``notes`` (parsers.document.ParsedDocument)."""
    if ctx.breaks is None or not ctx.ocr_pages:
        return doc
    images, evaluate = ctx.images, ctx.breaks
    breaks: Breaks = lambda final: evaluate(doc.statements, doc.notes, final)  # noqa: E731
    if images is None:
        _doubt_without_images(breaks, ctx)
        return doc
    repair_by_arithmetic(
        breaks,
        reread=lambda amounts: _scaled(amounts, read_amounts(
            images, [CellBox(a.page, *a.bbox) for a in amounts])),
        alternatives=(
            lambda amounts: _signed_like(amounts, _scaled(amounts, read_trailing_amounts(
                images, [CellBox(a.page, *a.bbox) for a in amounts]))),
            lambda amounts: _signed_like(amounts, _scaled(amounts, [
                amount_as_first_read(a.raw) for a in amounts]))),
        sure=lambda amounts: _sure_readings(images, amounts),
        confirm_from=OCR_CONFIDENCE, signed=_signed_statements(doc, ctx),
        rereadable=lambda a: a.page in ctx.ocr_pages,
        reread_confidence=REREAD_CONFIDENCE, doubt_confidence=BREAKS_ARITHMETIC_CONFIDENCE)
    return doc


def _signed_statements(doc, ctx: Context) -> Callable[[Amount], bool]:
    """Whether an amount is a line of a statement that prints no costs (a cash flow, a
    balance sheet): its sign is its own, never a convention's, so a lost minus may be put
    back where it mends a sum. Elsewhere a turned sign may be a cost printed positive."""
    free = set(ctx.lexicon.no_cost_statements()) if ctx.lexicon is not None else set()
    ids = {id(a) for st in doc.statements.values() if st.statement in free
           for row in st.rows for a in row.amounts}
    return lambda a: id(a) in ids


def _count_arithmetic(doc, ctx: Context):
    """The participant counts of broken count rules read again, as amounts are: a 300 dpi
    scan's "21" for a printed 27 breaks the summary row's sum, and reads 27 again."""
    if ctx.count_breaks is None or not ctx.ocr_pages:
        return doc
    images, evaluate = ctx.images, ctx.count_breaks
    if images is None:
        _doubt_without_images(lambda final: evaluate(doc.participants, final), ctx)
        return doc
    repair_by_arithmetic(
        lambda final: evaluate(doc.participants, final),
        reread=lambda counts: read_amounts(images, [CellBox(c.page, *c.bbox) for c in counts]),
        sure=lambda counts: _sure_readings(images, counts), confirm_from=OCR_CONFIDENCE,
        rereadable=lambda c: c.page in ctx.ocr_pages,
        reread_confidence=REREAD_CONFIDENCE, doubt_confidence=BREAKS_ARITHMETIC_CONFIDENCE)
    return doc


def _place_counts(doc, ctx: Context):
    """A scan's column (form row) of counts whose heading (label) OCR lost, keyed by the
    count rules; the rest of the unplaced counts are dropped."""
    lost, doc.unplaced = getattr(doc, "unplaced", []), []
    if lost and ctx.count_support is not None and ctx.lexicon is not None:
        doc.participants += place_counts(doc.participants, lost,
                                         ctx.lexicon.count_words.lost_heading_measures, ctx.count_support)
    return doc


def _status_cells(doc, ctx: Context):
    if ctx.images is not None and ctx.lexicon is not None:
        doc.goals = reread_status_cells(doc.goals, ctx.ocr_pages, ctx.images, ctx.lexicon)
    return doc


def _status_symbols(doc, ctx: Context):
    if ctx.images is not None and getattr(doc, "goals", None):
        doc.goals = match_status_symbols(doc.goals, ctx.ocr_pages, ctx.images)
    return doc


def _lost_regions(page, ctx: Context):
    # A page read again whole (reread_sparse_page) has its words and its image turned level
    # alike, so its regions are read on the turned image and stand on their rows: a table
    # the whole reading still lost (a summary table's names and half its columns) comes back.
    if ctx.images is None:
        return page
    page, lost = reread_lost_regions(page, ctx.images, page.number in ctx.read_poorly)
    ctx.lost += lost
    return page


def _upright_junk(page, ctx: Context):
    # Before a page is read again whole: the letters of the stacks would keep the words
    # read there from joining the page.
    if ctx.images is None:
        return page
    return reread_upright_junk(page, ctx.images)


def _sparse_page(page, ctx: Context):
    if ctx.images is None:
        return page
    # Pages read again whole, and those of them turned level, are recorded (the run's
    # account of what it did to a page).
    if page_read_poorly(page):
        ctx.read_poorly.add(page.number)
        if read_turned(page, ctx.images):
            ctx.read_whole.add(page.number)
    return reread_sparse_page(page, ctx.images, ctx.vocabulary)


PASSES: tuple[Pass, ...] = (
    Pass("reread_upright_junk", "words", _upright_junk,
         "an upright line down a table's column that OCR read as a stack of single letters "
         "dropped; the rows beside it read again there with the line whitened, digits only; "
         "a figure whose ink fits joins the page doubtful (repair/upright.py)"),
    Pass("reread_sparse_page", "words", _sparse_page,
         "a page OCR left next to bare read again from its image made black and white; "
         "words read surely where it has none join it (repair/cells.py)"),
    Pass("reread_lost_regions", "words", _lost_regions,
         "regions of a page's image that hold ink but no OCR word (Tesseract's page layout "
         "lost a column, a table) read again as a block; the words join the page doubtful "
         "(repair/regions.py)"),
    Pass("repair_words", "words", lambda page, ctx: repair_words(page, ctx.vocabulary),
         "amount tokens made clean (dots, hyphens, stray marks, letters for digits) and "
         "Swedish words given the lexicon's å/ä/ö; the raw text kept (repair/ocrfix.py)"),
    Pass("document_spelling", "lines", lambda lines, ctx: document_spelling(lines, ctx.ocr_pages,
                                                                           ctx.vocabulary),
         "names OCR read without å/ä/ö, or split in two ('Fyr båken'), spelled as the "
         "document prints them elsewhere (repair/ocrfix.py)"),
    Pass("reread_names", "lines", _names,
         "names OCR read without å/ä/ö that nothing else spells read again word by word from "
         "the grey image; a reading with the diacritics restored is taken (repair/ocrfix.py)"),
    Pass("reread_ruled_labels", "lines", _ruled_labels,
         "a row's label OCR read as junk beside its figures (a ruling line through it) read "
         "again with level ruling lines whitened, or else with a faint line gone with the paper "
         "(black and white at a darker level); taken when every word is the lexicon's and no "
         "word OCR read is lost (repair/ocrfix.py)"),
    Pass("reread_lost_labels", "lines", _lost_labels,
         "a row OCR read figures of and no label (or a 'label' of garbled figures standing "
         "among the columns) read again where the labels around stand; taken when every word "
         "is the lexicon's, the row then doubtful (repair/ocrfix.py)"),
    Pass("reread_cut_line_starts", "lines", _cut_line_starts,
         "a title or heading whose start an upright ruling line made OCR lose (a torn first "
         "word, or first words lost whole), or a table row's whose first word is none the "
         "lexicon spells, read again from where the lines around begin, the lines whitened; "
         "taken when every word is the lexicon's (repair/ocrfix.py)"),
    Pass("reread_ruled_headings", "lines", _ruled_headings,
         "a heading or title a level ruling line runs through (OCR read it garbled, or as two "
         "lines) read again across it with the lines whitened; taken as one line when every "
         "word is the lexicon's (a heading's number aside), the words doubtful "
         "(repair/ocrfix.py)"),
    Pass("drop_glued_junk", "lines", _glued_junk,
         "a label's last words the lexicon lacks glued to the row's first figure (its first "
         "digits read as letters) dropped from the label; the figure doubtful unless junk and "
         "figure read again give it whole (repair/cells.py)"),
    Pass("place_ruled_pieces", "lines", _on_lines(place_ruled_pieces),
         "figures OCR read as one token on a ruling line, split where their characters fall, "
         "moved to the columns the token covers, one each (repair/cells.py)"),
    Pass("unsign_ruled", "lines", _on_lines(unsign_ruled),
         "a minus that is a ruling line through or under the row (it runs on left of the "
         "sign; a word of its own or glued to the digits) dropped; the figure kept, doubtful, "
         "for the re-read (repair/cells.py)"),
    Pass("reread_doubtful", "lines", _on_lines(reread_doubtful),
         "cells that are no clean amount, or were repaired, read again from the image, "
         "digits only (repair/cells.py)"),
    Pass("read_streak_cut_ends", "lines", _on_lines(read_streak_cut_ends),
         "a figure an upright line (a scanner's streak) runs through the last digit of, OCR "
         "reading it short ('22' for 223), read again across the line with it whitened; "
         "OCR's digits and one or two more are the figure, doubtful; another reading leaves "
         "OCR's figure doubtful (repair/upright.py)"),
    Pass("read_streak_crossed", "lines", _on_lines(read_streak_crossed),
         "a figure an upright line crosses at a '1' OCR read between its digits ('21995' for "
         "2 995) read again with the line whitened; OCR's digits without that '1' are the "
         "figure, doubtful; another reading leaves OCR's figure doubtful (repair/upright.py)"),
    Pass("fill_gaps", "lines", _on_lines(fill_gaps),
         "empty slots under a column the rows around fill, and under a form's column "
         "headings, read again (slots found by parsers/gaps.py)"),
    Pass("fill_from_ink", "lines", _on_lines(fill_from_ink),
         "ink right of a short row's label where OCR read no word, read as an amount; and "
         "ink in the column gap before a written-out row's figures, read as its total"),
    Pass("take_misread_words", "lines", _misread_words,
         "with the columns known, label words standing in them ('51' read as 'ST') become "
         "cells of their row"),
    Pass("split_straddling", "lines", _on_lines(split_straddling),
         "a cell over two columns of its table (two figures read as one) read again column "
         "by column (repair/cells.py)"),
    Pass("join_crowded", "lines", _on_lines(join_crowded),
         "cells of a row standing together in one column, all doubtful (parts of "
         "one figure OCR read apart), made one doubtful cell over the column (repair/cells.py)"),
    Pass("unsign_ruled", "lines", _on_lines(unsign_ruled),
         "again, for the cells the misread words made"),
    Pass("reread_doubtful", "lines", _on_lines(reread_doubtful),
         "again, for the cells the misread words and the joined parts made"),
    Pass("reread_ruled_figures", "lines", _on_lines(reread_ruled_figures),
         "rows whose figures a level ruling line runs through read again column by column "
         "with the line whitened; a figure the two readings disagree on, or OCR lost, is "
         "doubtful; a row OCR read no figure of is read so too (repair/cells.py)"),
    Pass("reread_figureless_rows", "lines", _figureless_rows,
         "a table's row OCR read a whole figure of in under half its columns, words of no "
         "language or cells of no figure where the columns stand (a ruling line through its "
         "figures), read again column by column; at least half read as figures are its "
         "cells, doubtful unless read the same twice (repair/cells.py)"),
    Pass("reread_rule_cut_starts", "lines", _on_lines(reread_rule_cut_starts),
         "a figure standing short of its column's left edge with an upright ruling line in "
         "the paper between (the rule ate its first digits: '21' read '1') read again over "
         "the column's width with the rules whitened; a longer reading ending in its digits "
         "taken, doubtful (repair/cells.py)"),
    Pass("unparen_ruled", "lines", _on_lines(unparen_ruled),
         "a negative read from a lone '(' that is a table's upright column rule (the line runs "
         "on above and below the row) made positive, doubtful (repair/cells.py)"),
    Pass("sign_from_ink", "lines", _on_lines(sign_from_ink),
         "a positive figure with a dash of ink of its own just left of its digits, at their "
         "mid-height (a minus OCR dropped), signed, doubtful (repair/cells.py)"),
    Pass("fill_headings", "lines", _on_lines(fill_headings),
         "column headings OCR dropped with their column, and the words over two columns of "
         "one year ('Budget | Utfall' over '2017 | 2017'), read again from the image as text"),
    Pass("reread_year_headings", "lines", _on_lines(reread_year_headings),
         "a multi-year table's line of years OCR damaged ('201' over five columns) read again "
         "in two views; years both read alike over their columns, one a column (repair/cells.py)"),
    Pass("reread_status_cells", "parsed", _status_cells,
         "a goal's empty status cell (OCR dropped a status word a ruling line runs through) "
         "read again from the image as text; a status phrase read there is the goal's status"),
    Pass("match_status_symbols", "parsed", _status_symbols,
         "a goal's status symbol ('●', '✓', an arrow) matched to the legend's keys by its ink, "
         "not by what OCR read of the glyphs (repair/symbols.py)"),
    Pass("repair_by_arithmetic", "parsed", _arithmetic,
         "amounts of broken sums read again; a reading is taken when fewer rules break, what "
         "still breaks gets a lowered confidence (repair/arithmetic.py)"),
    Pass("repair_counts_by_arithmetic", "parsed", _count_arithmetic,
         "participant counts of broken count rules (a summary row's sum) read again the same "
         "way; what still breaks gets a lowered confidence"),
    Pass("place_lost_columns", "parsed", _place_counts,
         "a scan's column (form row) of counts whose heading (label) OCR lost keyed as the one "
         "measure the count rules confirm and none breaks, doubtful (repair/placed.py)"),
)


def run(stage: str, subject, ctx: Context):
    """``subject`` after every pass of ``stage``, in order."""
    if stage not in STAGES:
        raise ValueError(f"repair stage must be one of {STAGES}, not {stage!r}")
    for p in PASSES:
        if p.stage == stage:
            subject = p.apply(subject, ctx)
    return subject
