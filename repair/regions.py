"""Regions of an OCR'd page that OCR lost whole, read again from the page image.

On a hard scan Tesseract's page segmentation sometimes returns no words for a large inked
part of a page that is legible ("[tesseract] Error during processing.": a page kept its
right column only; a table at a page's top, a table's whole status column read as nothing).
Nothing downstream can read what was never in the text. Here the page image's ink is looked
at in blocks (pure image work, repair/reread.py ``PageImages.lost_regions``); a region of
ink under no OCR word is read again as one block of text, and the words Tesseract is sure
of join the page where they stand, as re-read words: their confidence is the ladder's
re-read (core/settings.py), below the checks' doubt line, so a value resting on them is
doubtful, never sure. A born-digital page, and a page whose words cover its ink, is never
touched. Each region read again is said with its numbers (``Lost``), for the warnings after
the tally and the page's triage record.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from statistics import median

from core.settings import OCR
from core.types import Page, Word
from repair.ocrfix import REREAD_CONFIDENCE
from repair.reread import CellBox, PageImages

MIN_SCORE = OCR.reread.lost_word_min_score
MAX_REGIONS = OCR.reread.lost_max_regions
PAD = OCR.reread.lost_pad_pt
FLAT_SHARE = OCR.reread.lost_flat_box_share
RULE_MARK_WIDTH = OCR.reread.lost_rule_mark_width


@dataclass(frozen=True)
class Lost:
    """A region of a page that held ink but no OCR word, and what reading it again found."""
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    ink_share: float  # of the region's area, ink under no word
    words: int  # words read again and taken

    def said(self) -> str:
        found = f"{self.words} word{'s' if self.words != 1 else ''} taken, each doubtful" \
            if self.words else "no word read surely"
        return (f"OCR read no words in an inked region ({self.x0:.0f}-{self.x1:.0f} × "
                f"{self.top:.0f}-{self.bottom:.0f} pt, ink {100 * self.ink_share:.1f} %); read "
                f"again as a block: {found}")


def page_summary(lost: list[Lost]) -> str:
    """One line for a page's regions (the warnings after the tally): how many, the largest
    with its numbers, and the words taken in all."""
    if len(lost) == 1:
        return lost[0].said()
    big = max(lost, key=lambda r: (r.x1 - r.x0) * (r.bottom - r.top))
    words = sum(r.words for r in lost)
    found = f"{words} word{'s' if words != 1 else ''} taken, each doubtful" if words \
        else "no word read surely"
    return (f"OCR read no words in {len(lost)} inked regions (the largest {big.x0:.0f}-{big.x1:.0f}"
            f" × {big.top:.0f}-{big.bottom:.0f} pt, ink {100 * big.ink_share:.1f} %); read again "
            f"as blocks: {found}")


def reread_lost_regions(page: Page, images: PageImages, bare: bool = False) -> tuple[Page, list[Lost]]:
    """The page with the words read again in each region of ink that OCR read no word in,
    and those regions; an OCR'd page only. On a page OCR left next to bare (``bare``) marks
    of two glyphs cover no ink: a ruling line crossing the text read as a stack of glyphs
    ("2", "a", "oO") where the words were lost."""
    if page.source != "ocr":
        return page, []
    boxes = [(w.x0, w.top, w.x1, w.bottom) for w in page.words if not (bare and _mark(w))]
    usual = median(w.height for w in page.words) if page.words else 0.0
    # The largest regions first, a few a page: the cost of a page OCR read badly all over
    # stays bounded (reread_sparse_page reads such a page again whole).
    regions = sorted(images.lost_regions(page.number, boxes),
                     key=lambda r: (r[2] - r[0]) * (r[3] - r[1]), reverse=True)[:MAX_REGIONS]
    added: list[Word] = []
    found: list[Lost] = []
    for x0, top, x1, bottom, share in regions:
        box = CellBox(page.number, max(x0 - PAD, 0), max(top - PAD, 0), min(x1 + PAD, page.width),
                      min(bottom + PAD, page.height))
        taken = page.words + added  # built once a region, not once a word read
        # A ruling line read as one glyph boxed along it covers nothing on any page.
        taken = [v for v in taken if not _rule_mark(v, usual)]
        unmarked = [v for v in taken if not (bare and _mark(v))]
        words = _new_words(images.read_block(box), taken, unmarked)
        # Nothing new: a line the scan ran through the text may be why Tesseract lost it
        # here too; the region is read once more with its level lines whitened.
        if not words and usual:
            words = _new_words(images.read_block(box, usual), taken, unmarked)
        junk = {id(v) for v in page.words if (bare and _mark(v) or _rule_mark(v, usual)) and any(
            _word_of_letters(w) and _overlaps(v.x0, v.top, v.x1, v.bottom, [w]) for w in words)}
        if junk:
            page = replace(page, words=[v for v in page.words if id(v) not in junk])
        added += words
        found.append(Lost(page.number, x0, top, x1, bottom, share, len(words)))
    if not added:
        return page, found
    return replace(page, words=[*page.words, *added]), found


def _new_words(read: list[tuple[str, float, float, float, float, float]], taken: list[Word],
               unmarked: list[Word]) -> list[Word]:
    """The words of a block's reading surer than MIN_SCORE that stand where the page has
    none. A word read over marks only ("2", "a", "oO": a ruling line crossing the text read
    as a stack of glyphs, the words lost) takes their place (``unmarked``: the page's words
    without such marks); else the page's own stand (``taken``)."""
    words = flat_boxes_levelled([Word(t, a, b, c, d, size=d - c, confidence=REREAD_CONFIDENCE)
                                 for t, a, c, b, d, conf in read if conf >= MIN_SCORE])
    return [w for w in words if not _overlaps(w.x0, w.top, w.x1, w.bottom,
                                              unmarked if _word_of_letters(w) else taken)]


def flat_boxes_levelled(words: list[Word]) -> list[Word]:
    """The words of a block read again, a word Tesseract gave a box of next to no height
    (under FLAT_SHARE of the block's median word height) given the height of the nearest word
    whose box its own touches (the word beside it on its line). Left as it was, such a word
    made a line of its own, and a heading broken so ("Fem" / "ar i sammandrag") was no
    heading: a five-year overview was lost whole."""
    if len(words) < 2:
        return words
    tall = median(w.bottom - w.top for w in words)
    flat = {id(w) for w in words if w.bottom - w.top < FLAT_SHARE * tall}
    if not flat:
        return words
    out = []
    for w in words:
        beside = [v for v in words if id(v) not in flat and v.top <= w.bottom and w.top <= v.bottom] \
            if id(w) in flat else []
        if beside:
            v = min(beside, key=lambda v: max(v.x0 - w.x1, w.x0 - v.x1))
            w = replace(w, top=v.top, bottom=v.bottom, size=v.bottom - v.top)
        out.append(w)
    return out


def _mark(w: Word) -> bool:
    """Two glyphs or fewer, or three not all letters ("gs."): what OCR reads in a ruling line
    or a speck."""
    text = w.text.strip()
    return len(text) <= 2 or (len(text) <= 3 and not text.isalpha())


def _rule_mark(w: Word, usual: float) -> bool:
    """A mark boxed far wider than its glyphs: a ruling line read as a glyph ("a" from the
    page's left edge to its right under a heading). Measured by the page's usual word height
    (``usual``): a dash's own box is flat, and a dash is printed (a table's nil)."""
    return _mark(w) and w.x1 - w.x0 > RULE_MARK_WIDTH * max(len(w.text.strip()), 1) * usual


def _word_of_letters(w: Word) -> bool:
    return len(w.text) >= 2 and w.text.isalpha()


def _overlaps(x0: float, top: float, x1: float, bottom: float, words: list[Word]) -> bool:
    return any(x0 < w.x1 and w.x0 < x1 and top < w.bottom and w.top < bottom for w in words)
