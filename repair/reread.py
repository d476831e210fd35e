"""Re-read single amount cells from the page image, digits only.

When OCR of the whole page leaves a cell that is no clean amount ("= E52" for "-152"), the
cell's box is cut from the page image and read again by Tesseract as one line of digits and
signs (pytesseract, page segmentation mode 7, a character whitelist). A clean result replaces
the cell's value with a lowered confidence; anything else leaves the cell without a value:
never a guess.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter, ImageOps

from core.geometry import runs
from core.settings import OCR
from ingest.ocr import OcrSettings

REREAD_DPI = OCR.reread.dpi
KEPT_PAGES = OCR.reread.kept_pages
# Padding around the cell, in text heights: enough for a clipped sign, not the next column.
PAD_X, PAD_Y = OCR.reread.pad_x, OCR.reread.pad_y
# A lone "(" before a figure tested for an upright rule through it (``upright_rule_at``).
R_PAREN_REACH, R_PAREN_PAD = OCR.reread.paren_rule_reach, OCR.reread.paren_rule_pad
R_PAREN_OWN_INK = OCR.reread.paren_own_ink
# "=" stays in: it is how a blurred minus reads, and the repair (core/ocrtext.py) mends it.
# The whitelist is quoted: pytesseract splits the config like a shell, and an unquoted
# trailing space (the grouping space of "17 908") was lost, so every grouped amount was read
# as one word Tesseract had no confidence in (0), and a slot's reading was never taken.
TESSERACT_CONFIG = '--psm 7 -c "tessedit_char_whitelist=0123456789-=() "'
REREAD_TIMEOUT = OCR.reread.timeout_s  # seconds per cell
# A crop holds a glyph when, specks filtered out, at least this many pixels are dark: a "0"
# at 300 dpi has a few hundred. Below it, Tesseract with a digit whitelist reads noise as "2".
MIN_INK_PIXELS = OCR.reread.min_ink_px
DARK_LEVEL = OCR.reread.dark_level
# Tesseract misreads glyphs that touch the image edge: a white border around the crop.
BORDER_PX = OCR.reread.border_px
# Grey levels below this are ink when a crop is made black and white before reading.
BINARY_LEVEL = OCR.reread.binary_level
# Part of every cached reading's key: readings made another way are not reused.
# (bw150s: re-reads with the grouping space; x: upright rules and sparse pages; p: paper,
# not black, beyond a page's edges.)
READ_METHOD = "bw150sxp"
# The other view of a crop: grey, enlarged this many times.
OTHER_VIEW, OTHER_VIEW_SCALE = "+grey2x", 2
# A heading's last view: black and white at a darker level (a bold word's blurred strokes).
BOLD_VIEW, BOLD_LEVEL = "+bold", OCR.reread.bold_level
FAINT_RULE_LEVEL = OCR.reread.faint_rule_level


@dataclass(frozen=True)
class CellBox:
    page: int  # 1-based
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class Langs:
    """Tesseract's languages for each kind of re-read, as ``lang`` strings ("swe+eng")."""
    text: str  # a heading, a word: Swedish text
    digit: str  # a cell's digits (a whitelist: the language only picks the model)
    page: str  # a page read again whole: the OCR's own languages
    tag: str  # part of a reading's cache key; empty for the default languages

    @classmethod
    def of(cls, settings: OcrSettings) -> Langs:
        text, digit, page = ("+".join(ls) for ls in (
            settings.heading_languages, settings.digit_languages, settings.languages))
        default = OcrSettings()
        usual = (settings.languages, settings.heading_languages, settings.digit_languages) == (
            default.languages, default.heading_languages, default.digit_languages)
        return cls(text, digit, page, "" if usual else f"[{text}|{digit}|{page}]")


def has_ink(crop: Image.Image) -> bool:
    """Whether the crop shows anything but paper, dust and scanner noise."""
    clean = crop.filter(ImageFilter.MedianFilter(3))
    histogram = clean.histogram()
    return sum(histogram[:DARK_LEVEL]) >= MIN_INK_PIXELS


class PageImages:
    """The page images of an OCR'd file, for re-reading cells.

    Readings are kept in a JSON file beside the cached OCR copy (``cache``), so an unchanged
    file is re-read once, like it is OCR'd once."""

    def __init__(self, pdf: bytes, cache: Path | None = None, settings: OcrSettings | None = None):
        self.pdf, self.cache = pdf, cache
        # The run's OCR languages (--ocr-lang): re-reads read in the languages the page was
        # OCR'd in; readings made in other languages are kept under keys of their own.
        self.langs = Langs.of(settings or OcrSettings())
        self.known: dict[str, str | None] = {}
        # Doubtful cells, empty slots and broken sums are re-read in three passes: each page
        # is rendered once for all of them, a few pages kept (a 300 dpi A4 page is ~9 MB).
        self.pages: OrderedDict[int, Image.Image] = OrderedDict()
        self.doc: pdfium.PdfDocument | None = None
        if cache is not None and cache.exists():
            with contextlib.suppress(OSError, ValueError):
                self.known = json.loads(cache.read_text(encoding="utf-8"))
        self.dirty = False
        # Readings that failed (a page that cannot be rendered, Tesseract killed at its time
        # limit on a busy machine): not tried again this run, and not kept in the cache,
        # where a busy machine's failure would stand for the page's reading in every later run.
        self.failed: set[str] = set()
        # Pages turned level (``turn``): page number -> the slope their rows ran along.
        self.turns: dict[int, float] = {}

    def read(self, boxes: list[CellBox], min_confidence: float = 0,
             other_view: bool = False) -> list[str | None]:
        """The text Tesseract reads in each box (None when it reads nothing, fails, or is less
        sure than ``min_confidence``, 0-100, of any word it read). ``other_view``: read the
        crop another way (grey, enlarged, not made black and white), for a reading that does
        not share the first one's misreads."""
        method = READ_METHOD + (OTHER_VIEW if other_view else "") + self.langs.tag
        keys = [f"{method}:{b.page}:{b.x0:.1f}:{b.top:.1f}:{b.x1:.1f}:{b.bottom:.1f}:"
                f"{min_confidence:g}" for b in boxes]
        todo = [i for i, k in enumerate(keys) if k not in self.known and k not in self.failed]
        if todo:
            try:
                fresh = _reread(self.render, [boxes[i] for i in todo], min_confidence, other_view,
                                self.langs.digit)
            except Exception:  # a page that cannot be rendered: nothing is re-read, nothing lost
                self.failed.update(keys[i] for i in todo)
            else:
                for i, text in zip(todo, fresh, strict=True):
                    self.known[keys[i]] = text
                self.dirty = True
        return [self.known.get(k) for k in keys]

    def _remember(self, key: str, compute: Callable[[], object], fallback: object) -> object:
        """The reading kept under ``key``, computed the first time; ``fallback`` when the page
        cannot be rendered or Tesseract fails (nothing is re-read, nothing lost)."""
        if key in self.failed:
            return fallback
        if key not in self.known:
            try:
                self.known[key] = compute()
            except Exception:
                self.failed.add(key)
                return fallback
            self.dirty = True
        return self.known[key]

    def read_words(self, box: CellBox, min_confidence: float,
                   text_height: float) -> list[tuple[str, float, float, float, float]]:
        """The words Tesseract reads in a box as a block of text (a column's heading), each
        (text, x0, top, x1, bottom) in PDF points; only words read at least this sure
        (0-100). ``text_height``: of the text's letters, in points (upright lines taller
        than letters are a scan's ruling lines, whitened first). Kept with the file's other
        readings."""
        where = f"{READ_METHOD}{self.langs.tag}:{box.page}:{box.x0:.1f}:{box.top:.1f}:" \
                f"{box.x1:.1f}:{box.bottom:.1f}:{min_confidence:g}:{text_height:.1f}"
        words = self._remember(f"words4:{where}", lambda: _read_words(
            self.render(box.page), box, min_confidence, text_height, self.langs.text), [])
        if not words:
            # A short bold word alone in a tight crop ("Män" over a form's column) Tesseract
            # may read nothing in at any of those views: the grey crop enlarged, as a line.
            words = self._remember(f"words4{OTHER_VIEW}:{where}", lambda: _read_words(
                self.render(box.page), box, min_confidence, text_height, self.langs.text,
                OTHER_VIEW_SCALE), [])
        if not words:
            # A bold word at a scan's blur ("Män" over a form's column) is one blot made black
            # and white at the usual level: read at a darker one, its strokes apart again.
            words = self._remember(f"words4{BOLD_VIEW}:{where}", lambda: _read_words(
                self.render(box.page), box, min_confidence, text_height, self.langs.text,
                bw_level=BOLD_LEVEL), [])
        return [tuple(w) for w in words]

    def read_word(self, box: CellBox, uncrossed: bool = False) -> str | None:
        """The one word Tesseract reads in a box, Swedish, from the grey page image (not
        made black and white: the dots of an ä are lost there first); None when it reads
        nothing or more than one word. ``uncrossed``: None too when an upright ruling line
        crosses the word (read as the dots of an ä or ö where it crosses an a or o). Kept
        with the file's other readings."""
        key = f"word{':uncrossed' if uncrossed else ''}:{self.langs.text}:{WORD_CONFIG}:{box.page}:" \
              f"{box.x0:.1f}:{box.top:.1f}:{box.x1:.1f}:{box.bottom:.1f}"
        return self._remember(key, lambda: _read_word(self.render(box.page), box, self.langs.text,
                                                      uncrossed), None)

    def read_cell_words(self, box: CellBox, min_confidence: float, text_height: float,
                        faint: bool = False) -> list[tuple[str, float, float, float, float]]:
        """As ``read_words``, with the scan's level ruling lines whitened too (a line along
        the top of a goal's status cell: Tesseract then read "Ante uppnåtE" for "Inte
        uppnått"). ``faint``: the crop made black and white at FAINT_RULE_LEVEL instead, a
        faint ruling line through the letters gone with the paper ("Intäkter" read as
        "tatakter are" through a copier's line, too broken into dashes to whiten). Kept with
        the file's other readings."""
        key = f"cellwords{':faint' if faint else ''}:{READ_METHOD}{LEVEL_TAG}{self.langs.tag}:{box.page}:" \
              f"{box.x0:.1f}:{box.top:.1f}:{box.x1:.1f}:{box.bottom:.1f}:{min_confidence:g}:" \
              f"{text_height:.1f}"
        words = self._remember(key, lambda: _read_words(
            self.render(box.page), box, min_confidence, text_height, self.langs.text,
            level_rules=not faint, bw_level=FAINT_RULE_LEVEL if faint else 0), [])
        return [tuple(w) for w in words]

    def read_page(self, number: int) -> list[tuple[str, float, float, float, float, float]]:
        """The words Tesseract reads on a whole page made black and white first, each
        (text, x0, top, x1, bottom, confidence 0-100) in PDF points: for a page whose own OCR
        found next to nothing (Tesseract's binarisation lost the text to uneven light). Kept
        with the file's other readings."""
        key = f"page:{READ_METHOD}{self.langs.tag}:{number}"
        return [tuple(w) for w in self._remember(
            key, lambda: _read_page(self.render(number), self.langs.page), [])]

    def lost_regions(self, number: int, covered: list[tuple[float, float, float, float]]
                     ) -> list[tuple[float, float, float, float, float]]:
        """(x0, top, x1, bottom, ink share), in PDF points, of the regions of page ``number``
        that hold ink under none of the ``covered`` boxes (the words OCR read): text OCR
        lost whole. Kept with the file's other readings, keyed by the boxes."""
        digest = hashlib.sha1(",".join(f"{x0:.0f}:{t:.0f}:{x1:.0f}:{b:.0f}" for x0, t, x1, b in
                                       sorted(covered)).encode()).hexdigest()[:12]
        key = f"lost:{READ_METHOD}:{number}:{digest}"
        return [tuple(r) for r in self._remember(key, lambda: _lost_regions(
            self.render(number), covered), [])]

    def read_block(self, box: CellBox, text_height: float = 0.0
                   ) -> list[tuple[str, float, float, float, float, float]]:
        """The words Tesseract reads in a region of the page read as a block of text (its
        own page segmentation on the crop alone, the OCR's languages), each (text, x0, top,
        x1, bottom, confidence 0-100) in PDF points; ``text_height`` (points): read black
        and white with the level ruling lines of text that tall whitened (a line a scan ran
        through a line of text: the plain reading lost it). Kept with the file's other
        readings."""
        ruled = f":unruled{text_height:.1f}" if text_height else ""
        key = f"block{ruled}:{READ_METHOD}{self.langs.tag}:{box.page}:{box.x0:.1f}:{box.top:.1f}:" \
              f"{box.x1:.1f}:{box.bottom:.1f}"
        return [tuple(w) for w in self._remember(
            key, lambda: _read_block(self.render(box.page), box, self.langs.page, text_height), [])]

    def ink_runs(self, page: int, top: float, bottom: float, x0: float,
                 covered: list[tuple[float, float]], min_gap: float) -> list[tuple[float, float]]:
        """(x0, x1), in PDF points, of the stretches of ink in the strip [top, bottom] right
        of ``x0`` (up to INK_RIGHT_SHARE of the page) outside ``covered``: figures that are
        on the page but that OCR did not read. Runs closer than ``min_gap`` are one."""
        key = f"ink{INK_TAG}:{READ_METHOD}:{page}:{top:.1f}:{bottom:.1f}:{x0:.1f}:" + \
            ",".join(f"{a:.0f}-{b:.0f}" for a, b in covered)
        runs = self._remember(key, lambda: _ink_runs(self.render(page), top, bottom, x0,
                                                     covered, min_gap), [])
        return [tuple(r) for r in runs]

    def sign_is_rule(self, page: int, sign: CellBox, left: float) -> bool:
        """Whether the detached sign in box ``sign`` is a ruling line read as a minus
        (``sign_continues_left``), judged from the paper between ``left`` (the word before
        it ends there) and the sign, at the sign's height and a little above and below; or
        a mark read where no sign is printed (its own box holds no ink). Kept with the
        file's other readings."""
        key = f"signrule:{READ_METHOD}{SIGN_INK_TAG}:{page}:{sign.x0:.1f}:{sign.top:.1f}:{sign.x1:.1f}:" \
              f"{sign.bottom:.1f}:{left:.1f}"
        return bool(self._remember(key, lambda: _sign_is_rule(self.render(page), sign, left),
                                   False))

    def dash_before(self, page: int, first: CellBox, left: float) -> bool:
        """Whether a minus stands just left of the digits of a figure whose first word's box
        is ``first`` (or inside that box): ink looked for right of ``left`` (the word before
        ends there), ``dash_before_digits``. Kept with the file's other readings."""
        key = f"dash1:{READ_METHOD}:{DASH_TAG}:{page}:{first.x0:.1f}:{first.top:.1f}:" \
              f"{first.x1:.1f}:{first.bottom:.1f}:{left:.1f}"
        return bool(self._remember(key, lambda: _dash_before(self.render(page), first, left),
                                   False))

    def line_through(self, box: CellBox) -> bool:
        """Whether a level line crosses the figure in ``box`` at its own height (not merely
        over or under its row): a minus printed there is one blot with the line, and no
        reading of the crop tells whether it is there (``ruled_through`` of the box's band,
        widened by PAD_X heights each side). Kept with the file's other readings."""
        key = f"linethrough:{READ_METHOD}:{LINE_THROUGH_TAG}:{box.page}:{box.x0:.1f}:" \
              f"{box.top:.1f}:{box.x1:.1f}:{box.bottom:.1f}"
        return bool(self._remember(key, lambda: _line_through(self.render(box.page), box), False))

    def upright_rule_at(self, box: CellBox, paren: bool = False) -> bool:
        """Whether an upright ruling line (a table's column rule) runs through the box and on
        above and below its row (``crossed_upright``). With ``paren`` (a "(" OCR read before a
        figure), the row's ink on the line must also be no darker than the line is above
        and below it (``_own_ink_on_line``): else it is a printed parenthesis a faint line
        runs through, a sign. Without it a digit the rule ate may darken the row (a grey
        rule through "21"): the rule is there all the same. Kept with the file's other
        readings."""
        tag = f"uprule2-{UPRULE_TAG}" if paren else "uprule"
        key = f"{tag}:{READ_METHOD}:{box.page}:{box.x0:.1f}:{box.top:.1f}:{box.x1:.1f}:{box.bottom:.1f}"
        return bool(self._remember(key, lambda: _upright_rule_at(self.render(box.page), box, paren),
                                   False))

    def upright_line(self, box: CellBox) -> tuple[float, float] | None:
        """(x0, x1), in PDF points, of an upright line (a scanner's streak, a column rule)
        inside the box's width that runs on above and below its row (``upright_line_in``);
        None without one. Kept with the file's other readings."""
        key = f"upline-{UPLINE_TAG}:{READ_METHOD}:{box.page}:{box.x0:.1f}:{box.top:.1f}:" \
              f"{box.x1:.1f}:{box.bottom:.1f}"
        line = self._remember(key, lambda: _upright_line(self.render(box.page), box), None)
        return tuple(line) if line else None

    def ink_band(self, page: int, box: CellBox) -> tuple[float, float] | None:
        """(top, bottom), in PDF points, of the rows that hold the ink of the box: where a
        figure found as ink stands, when its row's box is taller (marks beside it) or the
        figure stands higher or lower than its label (a skewed scan: the box cuts it). Of
        the figures above and below the box, the one most inside it; None without ink.
        Kept with the file's other readings."""
        key = f"band2:{READ_METHOD}:{page}:{box.x0:.1f}:{box.top:.1f}:{box.x1:.1f}:{box.bottom:.1f}"
        band = self._remember(key, lambda: _ink_band(self.render(page), box), None)
        return tuple(band) if band else None

    def level_rule_near(self, box: CellBox, text_height: float) -> bool:
        """Whether a level ruling line runs through the box or just under or over it (half a
        text height): a line a label's letters were read through. Kept with the file's
        other readings."""
        key = f"levelrule:{READ_METHOD}{LEVEL_TAG}:{box.page}:{box.x0:.1f}:{box.top:.1f}:{box.x1:.1f}:" \
              f"{box.bottom:.1f}:{text_height:.1f}"
        return bool(self._remember(key, lambda: _level_rule_in(
            self.render(box.page), box, text_height, RULE_NEAR_LABEL * text_height), False))

    def rule_through(self, box: CellBox, text_height: float) -> bool:
        """Whether a level ruling line runs through the box itself (a row's figures: a rule
        through their foot, or one a skewed scan ran across them), not just near it. Kept
        with the file's other readings."""
        key = f"rulethrough:{READ_METHOD}{LEVEL_TAG}:{box.page}:{box.x0:.1f}:{box.top:.1f}:{box.x1:.1f}:" \
              f"{box.bottom:.1f}:{text_height:.1f}"
        return bool(self._remember(key, lambda: _level_rule_in(self.render(box.page), box,
                                                               text_height, 0.0), False))

    def read_unruled(self, boxes: list[CellBox]) -> list[str | None]:
        """As ``read``, each box's crop read with its ruling lines whitened first (a level
        line through the figures' foot: OCR read "21" for 71, or nothing; an upright one
        through a figure: "−17 1|18 290" read as "-17" and "118290"). Kept with the file's
        other readings."""
        out = []
        for b in boxes:
            key = f"unruled4:{READ_METHOD}{LEVEL_TAG}{self.langs.tag}:{b.page}:{b.x0:.1f}:{b.top:.1f}:" \
                  f"{b.x1:.1f}:{b.bottom:.1f}"
            out.append(self._remember(key, lambda b=b: _read_unruled(self.render(b.page), b,
                                                                     self.langs.digit), None))
        return out

    def scan_dpi(self, number: int) -> float | None:
        """The resolution of page ``number``'s scan (its largest image, across the page);
        None for a page without one."""
        # A page that cannot be read: its resolution is unknown.
        return self._remember(f"dpi:{number}", lambda: _scan_dpi(self._document()[number - 1]),
                              None)

    def ink_skew(self, number: int) -> tuple[float, float]:
        """(slope, width): the slope (y points per x point) along which page ``number``'s
        ink gathers into rows (0 when level), and the width in points its ink spans. From
        the image, so figures OCR dropped count too. Kept with the file's other readings."""
        key = f"inkskew:{number}"
        got = self._remember(key, lambda: list(_ink_skew(self.render(number))), [0.0, 0.0])
        return float(got[0]), float(got[1])

    def turn(self, turns: dict[int, float]) -> None:
        """Render each page of ``turns`` turned so its rows, running along the slope given,
        run level (as ``parsers.layout.turned_words`` turns its words). Readings of a page
        turned differ from those of the page as scanned: they are kept in a file of their
        own, beside the other."""
        if not turns:
            return
        self._write()
        # Only the pages turned now, or turned before and not now, render otherwise.
        changed = {n for n in {*turns, *self.turns} if turns.get(n) != self.turns.get(n)}
        for n in changed:
            self.pages.pop(n, None)
        self.turns = dict(turns)
        # Every reading's key names its page as one of its fields: the other pages' readings
        # are kept (a field that only looks like a changed page's number costs a re-read); a
        # page turned back lets go of its turned readings too.
        pages = {str(n) for n in changed}
        known = {k: v for k, v in self.known.items() if not pages & set(k.split(":"))}
        self.failed = {k for k in self.failed if not pages & set(k.split(":"))}
        if self.cache is not None:
            tag = hashlib.sha1(json.dumps(sorted((k, round(v, 5)) for k, v in turns.items()))
                               .encode()).hexdigest()[:10]
            self.cache = self.cache.with_name(f"{self.cache.stem}.turned-{tag}.json")
            if self.cache.exists():
                with contextlib.suppress(OSError, ValueError):
                    known.update(json.loads(self.cache.read_text(encoding="utf-8")))
        self.known = known

    def _document(self) -> pdfium.PdfDocument:
        if self.doc is None:
            self.doc = pdfium.PdfDocument(self.pdf)
        return self.doc

    def render(self, number: int) -> Image.Image:
        if number not in self.pages:
            if self.doc is None:
                self.doc = pdfium.PdfDocument(self.pdf)
            image = self.doc[number - 1].render(scale=REREAD_DPI / 72, grayscale=True).to_pil()
            if number in self.turns:
                image = _turned(image, self.turns[number])
            self.pages[number] = image
            while len(self.pages) > KEPT_PAGES:
                self.pages.popitem(last=False)
        self.pages.move_to_end(number)
        return self.pages[number]

    def save(self) -> None:
        """Write the readings to the cache; the rendered pages are let go."""
        self.pages.clear()
        if self.doc is not None:
            self.doc.close()
            self.doc = None
        self._write()

    def _write(self) -> None:
        """Write the readings to the cache (atomically: a reader never sees half a file)."""
        if self.cache is None or not self.dirty:
            return
        part = self.cache.with_suffix(f".{os.getpid()}.part")
        with contextlib.suppress(OSError):
            part.write_text(json.dumps(self.known), encoding="utf-8")
            os.replace(part, self.cache)


def _line_through(image: Image.Image, box: CellBox) -> bool:
    scale = REREAD_DPI / 72
    h = box.bottom - box.top
    return ruled_through(_padded_crop(image, box, PAD_X, 0).convert("L"), int(PAD_X * h * scale))


def _sign_is_rule(image: Image.Image, sign: CellBox, left: float) -> bool:
    scale = REREAD_DPI / 72
    h = sign.bottom - sign.top
    pad = SIGN_BAND_PAD * h
    top = int((sign.top - pad) * scale)
    band = _page_crop(image, (int(left * scale), top, int(sign.x1 * scale), int((sign.bottom + pad) * scale)))
    own = (int(sign.top * scale) - top, int(sign.bottom * scale) - top)
    return sign_continues_left(band, int(sign.x0 * scale) - int(left * scale), own)


# The band a detached sign is judged in reaches this far (text heights) above and below its
# box: a line under a row's figures lies at the box's edge.
SIGN_BAND_PAD = OCR.reread.sign_band_pad
# Part of a sign reading's key: judged by its own box's ink too (readings before were not).
SIGN_INK_TAG = "+own"


def _scan_dpi(page: pdfium.PdfPage) -> float | None:
    import pypdfium2.raw as pdfium_c

    best: tuple[float, float] | None = None  # (area in points², dpi)
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        width_px, _ = obj.get_px_size()
        left, bottom, right, top = obj.get_bounds()
        if right - left > 0 and (best is None or (right - left) * (top - bottom) > best[0]):
            best = ((right - left) * (top - bottom), width_px / ((right - left) / 72))
    return best[1] if best else None


# Ink is looked for up to this share of the page's width (scanner edges lie beyond).
INK_RIGHT_SHARE = OCR.reread.ink_right_share
# A column of the strip holds ink when this many of its pixels are dark.
INK_COLUMN_PIXELS = OCR.reread.ink_column_px
# A level ruling line struck through the row (its pieces between the figures, broken by the
# black-and-white level) is no figure: ink this thin and this long (row heights) is passed over.
INK_RULE_THICKNESS, INK_RULE_LENGTH = OCR.reread.ink_rule_thickness, OCR.reread.ink_rule_length
def _settings_tag(*prefixes: str) -> str:
    """Part of a reading's cache key: the re-read settings whose names start with one of
    ``prefixes``, hashed, so readings judged with other settings are not reused."""
    names = [f for f in sorted(vars(type(OCR.reread))) if any(f.startswith(p) for p in prefixes)]
    return hashlib.sha1(repr([(f, getattr(OCR.reread, f)) for f in names]).encode()).hexdigest()[:8]


# Ink runs kept before rule pieces were passed over are not reused; nor those judged with
# other ink settings.
INK_TAG = f"-rulepiece2-{_settings_tag('ink_')}"
# Likewise the upright-rule and upright-line readings.
UPRULE_TAG = _settings_tag("paren_", "rule_contrast")
UPLINE_TAG = _settings_tag("cut_", "rule_contrast")
# Likewise readings whose level ruling lines were found (slanted lines followed since -slant).
LEVEL_TAG = f"-slant3-{_settings_tag('level_rule')}"
# ... and whether a line crosses a figure (``PageImages.line_through``).
LINE_THROUGH_TAG = _settings_tag("rule_contrast", "rule_row_slack", "rule_skew", "pad_x")


def _ink_runs(image: Image.Image, top: float, bottom: float, x0: float,
              covered: list[tuple[float, float]], min_gap: float) -> list[tuple[float, float]]:
    scale = REREAD_DPI / 72
    right = int(image.width * INK_RIGHT_SHARE)
    left = int(x0 * scale)
    if left >= right:
        return []
    strip = image.crop((left, int(top * scale), right, int(bottom * scale)))
    strip = strip.filter(ImageFilter.MedianFilter(3)).point(
        lambda v: 255 if v < BINARY_LEVEL else 0)
    width = strip.size[0]
    # Dark pixels per column of the strip (ink is 255 after the inversion above).
    ink_mask = np.array(strip) > 0
    for a, b in covered:  # what OCR read already is not looked at again
        ink_mask[:, max(0, int(a * scale) - left):max(0, min(width, int(b * scale) - left + 1))] = False
    dark = ink_mask.sum(axis=0).tolist()
    inked = [x for x, n in enumerate(dark) if n >= INK_COLUMN_PIXELS]
    out = []
    for run in runs(inked, float, float, int(min_gap * scale), presorted=True):
        a, b = run[0], run[-1]
        ink = sum(dark[a:b + 1])
        if ink >= MIN_INK_PIXELS and not _rule_piece(ink_mask[:, a:b + 1]):
            out.append(((a + left) / scale, (b + 1 + left) / scale))
    return out


def _rule_piece(ink: np.ndarray) -> bool:
    """Whether a run's ink (its pixel rows over the row's height) is a level ruling line's
    piece: a thin band, long as no dash is."""
    rows = np.flatnonzero(ink.any(axis=1))
    height = ink.shape[0]
    return len(rows) > 0 and rows[-1] - rows[0] + 1 < INK_RULE_THICKNESS * height \
        and ink.shape[1] > INK_RULE_LENGTH * height


def _ink_band(image: Image.Image, box: CellBox) -> tuple[float, float] | None:
    scale = REREAD_DPI / 72
    reach = BAND_REACH * (box.bottom - box.top)
    top = box.top - reach
    strip = image.crop((int(box.x0 * scale), int(top * scale), int(box.x1 * scale),
                        int((box.bottom + reach) * scale))).filter(ImageFilter.MedianFilter(3))
    dark = (np.asarray(strip) < BINARY_LEVEL).sum(axis=1)
    rows = np.flatnonzero(dark >= INK_COLUMN_PIXELS).tolist()
    if not rows:
        return None
    a, b = (box.top - top) * scale, (box.bottom - top) * scale  # the box, in the strip

    def inside(run: list[int]) -> tuple[float, float]:
        return (min(run[-1] + 1, b) - max(run[0], a), -abs((run[0] + run[-1]) / 2 - (a + b) / 2))
    best = max(runs(rows, float, float, 1, presorted=True), key=inside)
    if inside(best)[0] <= 0:
        return None
    return top + best[0] / scale, top + (best[-1] + 1) / scale


# A figure's ink is looked for this far (its row's heights) above and below the row.
BAND_REACH = OCR.reread.band_reach

SKEW = OCR.layout


def _ink_skew(image: Image.Image) -> tuple[float, float]:
    """(slope, width in points) of the page's ink (``PageImages.ink_skew``): the slope under
    which the ink's pixels, counted in 1 px bands across the page, gather most sharply (the
    sum of the bands' squared counts), when ``skew_ink_gain`` times as sharply as level;
    else 0."""
    ink, scale = _ink_mask(image, SKEW.skew_ink_dpi)
    ys, xs = np.nonzero(ink)
    if len(xs) < SKEW.skew_min_words:
        return 0.0, 0.0
    xs_c = xs.astype(np.float64) - ink.shape[1] / 2

    def sharpness(slope: float) -> float:
        bands = np.floor(ys - slope * xs_c).astype(np.int64)
        return float((np.bincount(bands - bands.min()).astype(np.float64) ** 2).sum())

    def best(around: float, reach: float, step: float) -> float:
        steps = round(reach / step)
        return max((around + k * step for k in range(-steps, steps + 1)),
                   key=lambda t: (sharpness(t), -abs(t)))
    coarse = best(0.0, SKEW.skew_max_slope, SKEW.skew_ink_coarse)
    slope = best(coarse, SKEW.skew_ink_coarse, SKEW.skew_step)
    width = float(np.percentile(xs, 99.5) - np.percentile(xs, 0.5)) / scale
    return (slope if sharpness(slope) >= SKEW.skew_ink_gain * sharpness(0.0) else 0.0), width


def _turned(image: Image.Image, slope: float) -> Image.Image:
    """The page image turned about its middle so rows running along ``slope`` (y down) run
    level: counter-clockwise as seen for rows falling to the right."""
    return image.rotate(float(np.degrees(np.arctan(slope))), resample=Image.Resampling.BICUBIC,
                        fillcolor=255)


# A column heading is read as a block of Swedish text.
TEXT_CONFIG = "--psm 6"
# A cell is read as digits and signs (TESSERACT_CONFIG's whitelist).
WORD_CONFIG = "--psm 8"
LINE_CONFIG = "--psm 7"


def _page_crop(image: Image.Image, box: tuple[int, int, int, int]) -> Image.Image:
    """The page image under ``box`` (pixels), paper beyond the page's edges: PIL fills what
    lies outside the image black, ink to every test (a box at a page's edge read as a ruled
    or inked one). The crop keeps the box's size, so its margins stay where they are."""
    inside = (max(box[0], 0), max(box[1], 0), min(box[2], image.width), min(box[3], image.height))
    if inside == box:
        return image.crop(box)
    out = Image.new(image.mode, (max(box[2] - box[0], 0), max(box[3] - box[1], 0)), "white")
    if inside[2] > inside[0] and inside[3] > inside[1]:
        out.paste(image.crop(inside), (inside[0] - box[0], inside[1] - box[1]))
    return out


def _padded_crop(image: Image.Image, box: CellBox, pad_x: float, pad_y: float) -> Image.Image:
    """The page image under ``box`` with room around it (``pad_x``, ``pad_y`` of its height),
    paper beyond the page."""
    scale = REREAD_DPI / 72
    h = box.bottom - box.top
    return _page_crop(image, (int((box.x0 - pad_x * h) * scale), int((box.top - pad_y * h) * scale),
                              int((box.x1 + pad_x * h) * scale), int((box.bottom + pad_y * h) * scale)))


def _read_word(image: Image.Image, box: CellBox, lang: str, uncrossed: bool = False) -> str | None:
    import pytesseract

    crop = _padded_crop(image, box, PAD_Y, PAD_Y)
    margin = int(PAD_Y * (box.bottom - box.top) * REREAD_DPI / 72)
    if not has_ink(crop) or (uncrossed and crossed_upright(crop, margin)):
        return None
    crop = ImageOps.expand(crop, border=BORDER_PX, fill=255)
    text = pytesseract.image_to_string(crop, lang=lang, config=WORD_CONFIG,
                                       timeout=REREAD_TIMEOUT)
    # Marks the crop's edges read as a bar or a dot ("| Vägvisaren") are no word.
    words = [w for w in text.split() if any(c.isalpha() for c in w)]
    return words[0] if len(words) == 1 else None


# A page read again whole: Tesseract's page segmentation, the OCR's own languages.
PAGE_CONFIG = "--psm 3"
PAGE_TIMEOUT = OCR.reread.page_timeout_s


def _read_page(image: Image.Image, lang: str) -> list[tuple[str, float, float, float, float, float]]:
    import pytesseract

    scale = REREAD_DPI / 72
    bw = _black_and_white(image)
    data = pytesseract.image_to_data(bw, lang=lang, config=PAGE_CONFIG,
                                     timeout=PAGE_TIMEOUT, output_type=pytesseract.Output.DICT)
    return _data_words(data, scale)


def _data_words(data: dict, scale: float, left: int = 0, top: int = 0
                ) -> list[tuple[str, float, float, float, float, float]]:
    """The words of Tesseract's ``image_to_data`` of an image whose pixel (0, 0) is the page
    image's (left, top), each (text, x0, top, x1, bottom, confidence 0-100) in PDF points."""
    out = []
    for i, text in enumerate(data["text"]):
        conf = float(data["conf"][i])
        if text.strip() and conf >= 0:
            x0, y0 = (data["left"][i] + left) / scale, (data["top"][i] + top) / scale
            out.append((text.strip(), x0, y0, x0 + data["width"][i] / scale,
                        y0 + data["height"][i] / scale, conf))
    return out


# An upright run of ink this many text heights long is a ruling line, no letter.
UPRIGHT_RULE = OCR.reread.upright_rule


def without_upright_rules(crop: Image.Image, text_px: float) -> Image.Image:
    """The black-on-white crop with its upright ruling lines whitened (a scan's line through
    a heading: Tesseract then reads "påosende" for "Pågående"). A line skewed by the scan
    is followed over pairs of pixel columns."""
    ink = np.asarray(crop) < 128
    pairs = ink.copy()
    pairs[:, :-1] |= ink[:, 1:]
    length = max(int(UPRIGHT_RULE * text_px), 2)
    rule = np.zeros_like(ink)
    for x in range(ink.shape[1]):
        edges = np.flatnonzero(np.diff(np.pad(pairs[:, x].astype(np.int8), (1, 1))))
        for a, b in zip(edges[::2], edges[1::2], strict=True):
            if b - a >= length:
                rule[a:b, x] = True
    rule[:, 1:] |= rule[:, :-1]
    if not (rule & ink).any():
        return crop
    return Image.fromarray(np.where(rule & ink, 255, np.asarray(crop)).astype(np.uint8), mode="L")


LEVEL_RULE, LEVEL_RULE_ROWS = OCR.reread.level_rule, OCR.reread.level_rule_rows
LEVEL_RULE_SLOPE, LEVEL_RULE_SLOPE_STEP = OCR.reread.level_rule_slope, OCR.reread.level_rule_slope_step
# A level rule this near a label (text heights above or below its box) ran through it.
RULE_NEAR_LABEL = OCR.reread.rule_near_label


def without_level_rules(crop: Image.Image, text_px: float) -> Image.Image:
    """The black-on-white crop with its level ruling lines whitened: ink runs longer than
    LEVEL_RULE text heights in a band of LEVEL_RULE_ROWS pixel rows, along the crop's rows or
    along a slant of up to LEVEL_RULE_SLOPE (a line level on the scanner's glass, slanted on
    the page OCR turned level)."""
    ink = np.asarray(crop) < 128
    if ink.shape[0] < LEVEL_RULE_ROWS:
        return crop
    length = max(int(LEVEL_RULE * text_px), 2)
    # The one slope the line runs at: the one whose band of LEVEL_RULE_ROWS rows holds the
    # most ink (a line's pixels all in one band; glyphs' spread over their height), the most
    # level of equals. Several slopes' rules would each take a band of the glyphs the line
    # crosses, together a thick one; the slopes either side of it are taken too (the line's
    # own lies between two steps, and drifts out of the band at a long crop's ends).
    slopes = sorted(_rule_slopes(), key=abs)
    window = np.ones(LEVEL_RULE_ROWS)
    peaks = [float(np.convolve(_sheared(ink, s).sum(axis=1), window, "valid").max()) for s in slopes]
    best = slopes[max(range(len(slopes)), key=lambda k: (peaks[k], -k))]
    rule = np.zeros_like(ink)
    for slope in {best - LEVEL_RULE_SLOPE_STEP, best, best + LEVEL_RULE_SLOPE_STEP}:
        rule |= _sheared(_level_runs(_sheared(ink, slope), length), -slope)
    if not rule.any():
        return crop
    return Image.fromarray(np.where(rule & ink, 255, np.asarray(crop)).astype(np.uint8), mode="L")


def _rule_slopes() -> list[float]:
    """0, then the slants a ruling line may run at either way, smallest first."""
    steps = int(round(LEVEL_RULE_SLOPE / LEVEL_RULE_SLOPE_STEP)) if LEVEL_RULE_SLOPE_STEP > 0 else 0
    return [0.0, *(sign * k * LEVEL_RULE_SLOPE_STEP for k in range(1, steps + 1) for sign in (1, -1))]


def _sheared(mask: np.ndarray, slope: float) -> np.ndarray:
    """``mask`` with pixel column x moved up by slope·x rows (a line of that slope made
    level); what moves out of the mask is lost, what moves in is empty."""
    if not slope:
        return mask
    h, w = mask.shape
    shift = np.round(slope * np.arange(w)).astype(int)
    rows = np.arange(h)[:, None] + shift[None, :]
    inside = (rows >= 0) & (rows < h)
    out = np.zeros_like(mask)
    cols = np.broadcast_to(np.arange(w), (h, w))
    out[inside] = mask[rows[inside], cols[inside]]
    return out


def _level_runs(ink: np.ndarray, length: int) -> np.ndarray:
    """The pixels of ink runs at least ``length`` long in a band of LEVEL_RULE_ROWS rows."""
    rows = LEVEL_RULE_ROWS
    band = ink[:ink.shape[0] - rows + 1].copy()
    for k in range(1, rows):
        band |= ink[k:ink.shape[0] - rows + 1 + k]
    rule = np.zeros_like(ink)
    for y in range(band.shape[0]):
        edges = np.flatnonzero(np.diff(np.pad(band[y].astype(np.int8), (1, 1))))
        for a, b in zip(edges[::2], edges[1::2], strict=True):
            if b - a >= length:
                rule[y:y + rows, a:b] = True
    return rule & ink


def _level_rule_in(image: Image.Image, box: CellBox, text_height: float, reach: float) -> bool:
    """Whether a level ruling line runs through the box or within ``reach`` points above or
    below it (``level_rule_near``: half a text height; ``rule_through``: none)."""
    scale = REREAD_DPI / 72
    # Within the page: PIL fills what lies beyond it black, a level line to the test (a
    # label in a page's first or last half line of text).
    crop = _page_crop(image, (int(box.x0 * scale), int((box.top - reach) * scale), int(box.x1 * scale),
                              int((box.bottom + reach) * scale))).convert("L")
    bw = _black_and_white(crop)
    return without_level_rules(bw, text_height * scale).tobytes() != bw.tobytes()


def _strokes_kept(bw: Image.Image, unruled: Image.Image) -> Image.Image:
    """``unruled`` (``bw`` with its level rules whitened) with the rule's pixels under a
    glyph's stroke put back: where ink stands right above or below the rule, the glyph's
    foot or head lies on it (whitened, a serif "7" loses its stem's end, "68" reads as
    nothing)."""
    ink, kept = np.asarray(bw) < 128, np.asarray(unruled) < 128
    rule = ink & ~kept
    if not rule.any():
        return unruled
    above = np.zeros_like(ink)
    above[1:] = kept[:-1]
    below = np.zeros_like(ink)
    below[:-1] = kept[1:]
    # Spread along the rule's thickness: a pixel of the rule is a stroke's when a kept
    # pixel stands over or under the run of rule pixels it belongs to in its column.
    back = rule & (above | below)
    for _ in range(LEVEL_RULE_ROWS):
        grow = np.zeros_like(back)
        grow[1:] |= back[:-1]
        grow[:-1] |= back[1:]
        back |= rule & grow
    return Image.fromarray(np.where(kept | back, 0, 255).astype(np.uint8), mode="L")


def _black_and_white(image: Image.Image) -> Image.Image:
    """A grey image black and white at BINARY_LEVEL: the view the line finders work on."""
    return image.point(lambda v: 0 if v < BINARY_LEVEL else 255)


def _level_lines_whitened(bw: Image.Image, text_px: float) -> Image.Image:
    """The black-and-white view with its level ruling lines (for text ``text_px`` tall)
    whitened, the glyphs' strokes on them kept: what a re-read past a line reads."""
    return _strokes_kept(bw, without_level_rules(bw, text_px))


def _read_unruled(image: Image.Image, box: CellBox, lang: str) -> str | None:
    scale = REREAD_DPI / 72
    bw = _black_and_white(_padded_crop(image, box, PAD_X, PAD_Y))
    text_px = (box.bottom - box.top) * scale
    crop = without_upright_rules(_level_lines_whitened(bw, text_px), text_px)
    if not has_ink(crop):
        return None
    # A line the whitening left (one shorter than LEVEL_RULE text heights: a narrow crop's)
    # crosses the crop as read: a sign read first there is the line's, as in ``_reread``.
    return _read_digits(crop, lang, 0, ruled_through(crop, int(PAD_X * text_px)))


def _read_words(image: Image.Image, box: CellBox, min_confidence: float, text_height: float,
                lang: str, enlarged: int = 0, level_rules: bool = False, bw_level: int = 0
                ) -> list[tuple[str, float, float, float, float]]:
    """``enlarged``: read only the grey crop made this many times larger, as one line;
    ``level_rules``: the black-and-white view without the scan's level ruling lines too;
    ``bw_level``: read only the crop made black and white at this grey level."""
    import pytesseract

    scale = REREAD_DPI / 72
    left, top = int(box.x0 * scale), int(box.top * scale)
    grey = image.crop((left, top, int(box.x1 * scale), int(box.bottom * scale)))
    if not has_ink(grey):
        return []
    crop = without_upright_rules(_black_and_white(grey),
                                 text_height * scale)
    if level_rules:
        crop = without_level_rules(crop, text_height * scale)
    # A lone capital over a form's column ("M") Tesseract's block reading may find nothing
    # in: then the grey crop, then the grey crop as one line of text.
    views = ((crop, TEXT_CONFIG, 1), (grey, TEXT_CONFIG, 1), (grey, LINE_CONFIG, 1))
    if enlarged:
        views = ((grey.resize((grey.width * enlarged, grey.height * enlarged)), LINE_CONFIG, enlarged),)
    if bw_level:
        views = ((without_upright_rules(grey.point(lambda v: 0 if v < bw_level else 255),
                                        text_height * scale), TEXT_CONFIG, 1),)
    out: list[tuple[str, float, float, float, float]] = []
    for image_, config, f in views:
        data = pytesseract.image_to_data(ImageOps.expand(image_, border=BORDER_PX * f, fill=255),
                                         lang=lang, config=config, timeout=REREAD_TIMEOUT,
                                         output_type=pytesseract.Output.DICT)
        for i, text in enumerate(data["text"]):
            if text.strip() and float(data["conf"][i]) >= min_confidence:
                x0 = ((data["left"][i] - BORDER_PX * f) / f + left) / scale
                y0 = ((data["top"][i] - BORDER_PX * f) / f + top) / scale
                out.append((text.strip(), x0, y0, x0 + data["width"][i] / f / scale,
                            y0 + data["height"][i] / f / scale))
        if out:
            break
    return out


# A ruling line crossing a cell darkens both margins of its crop (where the figure is not)
# along a row by this many grey levels below the paper at least (a faint copier line is
# 40-70; a figure's blurred edge reaching a margin 20 at most) ...
RULE_CONTRAST = OCR.reread.rule_contrast
# ... at heights this far apart at most (pixels, plus the drift of a line skewed 2 degrees).
RULE_ROW_SLACK = OCR.reread.rule_row_slack_px
RULE_SKEW = OCR.reread.rule_skew


def ruled_through(crop: Image.Image, margin: int) -> bool:
    """Whether a line crosses the grey crop: a row darker than the paper in its left and its
    right margin, at about one height. Tesseract reads such a line as a minus ("-913280"),
    so a sign read in a crossed crop is not taken."""
    grey = np.asarray(crop, dtype=np.float32)
    if margin <= 0 or grey.shape[1] <= 2 * margin:
        return False
    paper = float(np.median(grey))
    left = np.flatnonzero(paper - grey[:, :margin].mean(axis=1) >= RULE_CONTRAST)
    right = np.flatnonzero(paper - grey[:, -margin:].mean(axis=1) >= RULE_CONTRAST)
    reach = RULE_ROW_SLACK + RULE_SKEW * grey.shape[1]
    return any(abs(int(a) - int(b)) <= reach for a in left for b in right)


def sign_continues_left(band: Image.Image, split: int, own: tuple[int, int] | None = None) -> bool:
    """Whether the dark mark right of column ``split`` of a grey band (a row's height: the
    gap before a detached sign, then the sign) is a ruling line: every row the mark darkens
    is dark left of it too, in the gap where no word stands. A printed minus has paper on
    both sides; a line a scan drew through the row, read as a minus ("— 444"), runs on.
    ``own``: the rows of the sign's own box in the band; a mark that darkens none of them
    is no printed sign either (a line just over the row, or nothing, read as a minus beside
    a figure: the sign's box holds paper only)."""
    grey = np.asarray(band, dtype=np.float32)
    if split <= 0 or split >= grey.shape[1]:
        return False
    paper = float(np.median(grey))
    left = np.flatnonzero(paper - grey[:, :split].mean(axis=1) >= RULE_CONTRAST)
    sign = np.flatnonzero(paper - grey[:, split:].mean(axis=1) >= RULE_CONTRAST)
    if own is not None and not ((sign >= own[0]) & (sign < own[1])).any():
        return True
    return len(sign) > 0 and len(left) > 0 and all(
        np.abs(left - r).min() <= RULE_ROW_SLACK for r in sign)


DASH = OCR.reread
# Part of a dash reading's cache key: readings judged with other settings are not reused.
DASH_TAG = _settings_tag("dash_")


def _dash_before(image: Image.Image, first: CellBox, left: float) -> bool:
    scale = REREAD_DPI / 72
    h = first.bottom - first.top
    pad = SIGN_BAND_PAD * h
    # The first digits are enough to find where the digits begin (and a long figure's
    # crop costs time on every row of a page).
    right = min(first.x1, first.x0 + DASH.dash_digits_reach * h)
    box = (max(int(left * scale), 0), max(int((first.top - pad) * scale), 0),
           min(int(right * scale), image.width), min(int((first.bottom + pad) * scale), image.height))
    if box[2] - box[0] < 2 or box[3] - box[1] < 2:
        return False
    return dash_before_digits(np.asarray(image.crop(box).convert("L"), dtype=np.float32), h * scale)


def ink_parts(ink: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """The connected parts of an ink mask (8 neighbours), each (x0, y0, x1, y1, pixels),
    x1 and y1 inclusive."""
    return mask_groups(ink, 1)


def mask_groups(mask: np.ndarray, reach: int) -> list[tuple[int, int, int, int, int]]:
    """The True cells of ``mask`` grouped, cells at most ``reach`` apart in both directions
    one group (1: connected 8 ways), in reading order of their first cell; each (x0, y0,
    x1, y1, cells), x1 and y1 inclusive."""
    seen = np.zeros_like(mask, dtype=bool)
    parts = []
    height, width = mask.shape
    for y, x in np.argwhere(mask):
        if seen[y, x]:
            continue
        seen[y, x] = True
        stack, xs, ys = [(int(y), int(x))], [], []
        while stack:
            cy, cx = stack.pop()
            xs.append(cx)
            ys.append(cy)
            for ny in range(max(cy - reach, 0), min(cy + reach + 1, height)):
                for nx in range(max(cx - reach, 0), min(cx + reach + 1, width)):
                    if mask[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        parts.append((min(xs), min(ys), max(xs), max(ys), len(xs)))
    return parts


def dash_before_digits(grey: np.ndarray, text_px: float) -> bool:
    """Whether the grey band (from where the word before a figure ends to the figure's first
    word's right end, a little above and below its row) holds a minus before the digits:
    a level mark of its own at the digits' mid-height, as wide as a minus, just before the
    first digit, with paper between it and the word before (a ruling line runs on: no
    sign). The digits are the band's marks at least half a text height tall."""
    if grey.size == 0:
        return False
    paper = float(np.median(grey))
    parts = ink_parts(grey < paper - DASH.dash_contrast)
    digits = [p for p in parts if p[3] - p[1] + 1 >= DASH.dash_digit_height * text_px]
    if not digits:
        return False
    first = min(p[0] for p in digits)
    top = float(np.median([p[1] for p in digits]))
    height = float(np.median([p[3] for p in digits])) - top + 1

    def dash(p: tuple[int, int, int, int, int]) -> bool:
        w, t, mid = p[2] - p[0] + 1, p[3] - p[1] + 1, (p[1] + p[3]) / 2
        return p[2] < first and p[0] > 0 and DASH.dash_min_width * height <= w \
            <= DASH.dash_max_width * height and t <= DASH.dash_max_thickness * height \
            and w >= DASH.dash_min_aspect * t and first - p[2] <= DASH.dash_max_gap * height \
            and top + DASH.dash_mid_from * height <= mid <= top + DASH.dash_mid_to * height
    found = [p for p in parts if dash(p)]
    if not found:
        return False
    sign = max(found, key=lambda p: p[2])
    speck = DASH.dash_speck * height * height
    # Nothing else between the sign and the digits, nor left of it at its height (a ruling
    # line broken by the scan, another figure's sign).
    others = [p for p in parts if p is not sign and p[4] >= speck and p[0] < first
              and p[1] <= sign[3] and p[3] >= sign[1]]
    if others:
        return False
    strip = grey[sign[1]:sign[3] + 1, :sign[0]]
    return strip.shape[1] < 2 or not (paper - strip.mean(axis=1) >= RULE_CONTRAST).any()


def _upright_rule_at(image: Image.Image, box: CellBox, paren: bool) -> bool:
    reach = R_PAREN_REACH * (box.bottom - box.top) * REREAD_DPI / 72
    crop = _padded_crop(image, box, R_PAREN_PAD, R_PAREN_REACH).convert("L")
    margin = int(reach * 0.8)
    return crossed_upright(crop, margin) and not (paren and _own_ink_on_line(crop, margin))


def _own_ink_on_line(crop: Image.Image, margin: int) -> bool:
    """Whether the row's ink where an upright line crosses the crop (the darkest column of
    its top and bottom margins) is much darker than the line outside the row
    (R_PAREN_OWN_INK times): a printed parenthesis a copier's faint line runs through, not a
    rule OCR read as one (that is as dark in the row as above and below it)."""
    grey = np.asarray(crop, dtype=np.float32)
    if margin <= 0 or grey.shape[0] <= 2 * margin:
        return False
    paper = float(np.median(grey))
    line = np.minimum(paper - grey[:margin].mean(axis=0), paper - grey[-margin:].mean(axis=0))
    x = int(line.argmax())
    band = (paper - grey[:, max(x - 1, 0):x + 2]).max(axis=1)
    outside = float(np.median(np.concatenate([band[:margin], band[-margin:]])))
    inside = float(np.percentile(band[margin:-margin], 90))
    return inside >= R_PAREN_OWN_INK * max(outside, 1.0)


CUT_MARGIN, CUT_DARK_SHARE = OCR.reread.cut_margin, OCR.reread.cut_dark_share


def _upright_line(image: Image.Image, box: CellBox) -> list[float] | None:
    scale = REREAD_DPI / 72
    margin = CUT_MARGIN * (box.bottom - box.top)
    crop = _padded_crop(image, box, 0.0, CUT_MARGIN).convert("L")
    x = upright_line_in(np.asarray(crop, dtype=np.float32), int(margin * scale))
    return None if x is None else [box.x0 + x[0] / scale, box.x0 + x[1] / scale]


def upright_line_in(grey: np.ndarray, margin: int) -> tuple[int, int] | None:
    """(first, last + 1) pixel column of an upright line crossing the grey crop: columns
    (a pair of them: a skewed line steps over) darker than the paper by RULE_CONTRAST in
    CUT_DARK_SHARE of the rows of the crop's top ``margin`` and of its bottom one (above and
    below the row: a glyph's stroke ends with its row, a line runs on); None without one."""
    if margin <= 0 or grey.shape[0] <= 2 * margin or grey.shape[1] < 2:
        return None
    paper = float(np.median(grey))
    dark = paper - grey >= RULE_CONTRAST
    pairs = dark.copy()
    pairs[:, :-1] |= dark[:, 1:]
    ends = [pairs[:margin].mean(axis=0), pairs[-margin:].mean(axis=0)]
    xs = np.flatnonzero((ends[0] >= CUT_DARK_SHARE) & (ends[1] >= CUT_DARK_SHARE))
    if not len(xs):
        return None
    return int(xs[0]), int(xs[-1]) + 2


def crossed_upright(crop: Image.Image, margin: int) -> bool:
    """Whether an upright line (a table's column rule) crosses the grey crop: a column darker
    than the paper in its top and its bottom margin, at about one place across; the test
    of ``ruled_through`` turned a quarter."""
    return ruled_through(crop.transpose(Image.Transpose.ROTATE_90), margin)


def _reread(render: Callable[[int], Image.Image], boxes: list[CellBox],
            min_confidence: float, other_view: bool, lang: str) -> list[str | None]:
    out: list[str | None] = [None] * len(boxes)
    scale = REREAD_DPI / 72
    by_page: dict[int, list[int]] = {}
    for i, b in enumerate(boxes):
        by_page.setdefault(b.page, []).append(i)
    for number, indexes in by_page.items():
        image = render(number)
        for i in indexes:
            b = boxes[i]
            crop = _padded_crop(image, b, PAD_X, PAD_Y)
            if not has_ink(crop):
                continue
            crossed = ruled_through(crop, int(PAD_X * (b.bottom - b.top) * scale))
            if other_view:
                crop = crop.resize((crop.width * OTHER_VIEW_SCALE, crop.height * OTHER_VIEW_SCALE),
                                   Image.Resampling.LANCZOS)
            else:
                # Black on white: Tesseract reads a grey, JPEG-speckled "11" as nothing at all.
                crop = _black_and_white(crop)
            out[i] = _read_digits(crop, lang, min_confidence, crossed)
    return out


def is_timeout(error: Exception) -> bool:
    """Whether pytesseract stopped Tesseract at its time limit (its RuntimeError says so)."""
    return isinstance(error, RuntimeError) and "timeout" in str(error).lower()


def _read_digits(crop: Image.Image, lang: str, min_confidence: float, crossed: bool) -> str | None:
    """The digits and signs Tesseract reads in a crop made ready to read (black and white,
    or enlarged; its lines whitened or not) as one line. None when it reads nothing, fails,
    is less sure than ``min_confidence`` (0-100) of any word, or reads a sign first in a
    crop a line crosses (``crossed``: the line read as a minus; the sign is not known)."""
    import pytesseract

    try:
        data = pytesseract.image_to_data(ImageOps.expand(crop, border=BORDER_PX, fill=255), lang=lang,
                                         config=TESSERACT_CONFIG, timeout=REREAD_TIMEOUT,
                                         output_type=pytesseract.Output.DICT)
    except RuntimeError as error:
        # Stopped at the time limit (a machine busy with other runs): no reading of the
        # crop, and none to keep (``PageImages.failed``); any other failure reads nothing.
        if is_timeout(error):
            raise
        return None
    except (pytesseract.TesseractError, OSError):
        return None
    words = [(t.strip(), float(c)) for t, c in zip(data["text"], data["conf"], strict=True) if t.strip()]
    text = " ".join(t for t, _ in words)
    if not words or (crossed and text[:1] in "-=") or min(c for _, c in words) < min_confidence:
        return None
    return text


# Regions OCR lost whole (repair/regions.py).
LOST = OCR.reread


def _without_rules(ink: np.ndarray, length: int) -> np.ndarray:
    """The ink mask without level and upright runs ``length`` pixels long or more (ruling
    lines; a skewed one's steps are followed over pairs of rows or columns)."""
    out = ink.copy()
    for axis in (1, 0):
        a = ink if axis == 1 else ink.T
        pair = a.copy()
        pair[:-1] |= a[1:]
        c = np.cumsum(np.pad(pair.astype(np.int32), ((0, 0), (1, 0))), axis=1)
        full = ((c[:, length:] - c[:, :-length]) == length).astype(np.int32)
        n = full.shape[1]
        cf = np.cumsum(np.pad(full, ((0, 0), (1, 0))), axis=1)
        x = np.arange(a.shape[1])
        rule = (cf[:, np.minimum(x + 1, n)] - cf[:, np.clip(x - length + 1, 0, n)]) > 0
        rule[1:] |= rule[:-1]
        out &= ~(rule if axis == 1 else rule.T)
    return out


def _ink_mask(image: Image.Image, dpi: float = LOST.lost_dpi) -> tuple[np.ndarray, float]:
    """Ink of the page image at ``dpi`` (darker than its block's paper by
    lost_ink_contrast: a scan's uneven light is no ink), ruling lines taken out; and the
    mask's pixels per point."""
    factor = max(1, round(REREAD_DPI / dpi))
    grey = np.asarray(image.reduce(factor), dtype=np.int16)
    scale = REREAD_DPI / factor / 72
    b = max(int(LOST.lost_block_pt * scale), 1)
    h, w = grey.shape[0] // b * b, grey.shape[1] // b * b
    if not h or not w:
        return np.zeros_like(grey, dtype=bool), scale
    paper = np.median(grey[:h, :w].reshape(h // b, b, w // b, b), axis=(1, 3))
    paper = np.repeat(np.repeat(paper, b, axis=0), b, axis=1)
    paper = np.pad(paper, ((0, grey.shape[0] - h), (0, grey.shape[1] - w)), mode="edge")
    ink = grey < paper - LOST.lost_ink_contrast
    return _without_rules(ink, max(int(LOST.lost_rule_pt * scale), 2)), scale


def _lost_regions(image: Image.Image, covered: list[tuple[float, float, float, float]]
                  ) -> list[tuple[float, float, float, float, float]]:
    ink, scale = _ink_mask(image)
    pad = LOST.lost_word_pad_pt
    for x0, top, x1, bottom in covered:
        ink[max(int((top - pad) * scale), 0):int((bottom + pad) * scale) + 1,
            max(int((x0 - pad) * scale), 0):int((x1 + pad) * scale) + 1] = False
    b = max(int(LOST.lost_block_pt * scale), 1)
    rows, cols = ink.shape[0] // b, ink.shape[1] // b
    share = ink[:rows * b, :cols * b].reshape(rows, b, cols, b).mean(axis=(1, 3))
    lost = share >= LOST.lost_block_ink_share
    edge_r, edge_c = int(LOST.lost_edge_share * rows + 0.5), int(LOST.lost_edge_share * cols + 0.5)
    lost[:edge_r], lost[rows - edge_r:], lost[:, :edge_c], lost[:, cols - edge_c:] = (False,) * 4
    out = []
    # Blocks at most one block apart (a blank block between two lines of a column) are one.
    for c0, r0, c1, r1, blocks in mask_groups(lost, 2):
        if blocks < LOST.lost_min_blocks:
            continue
        r1, c1 = r1 + 1, c1 + 1
        part = ink[r0 * b:r1 * b, c0 * b:c1 * b]
        out.append((c0 * b / scale, r0 * b / scale, c1 * b / scale, r1 * b / scale,
                    round(float(part.mean()), 4)))
    return out


# A region read again is one block of text (Tesseract's 6, as a heading's): the page's own
# segmentation is what lost it.
BLOCK_CONFIG = TEXT_CONFIG


def _read_block(image: Image.Image, box: CellBox, lang: str, text_height: float = 0.0
                ) -> list[tuple[str, float, float, float, float, float]]:
    import pytesseract

    scale = REREAD_DPI / 72
    left, top = int(box.x0 * scale), int(box.top * scale)
    crop = image.crop((left, top, int(box.x1 * scale), int(box.bottom * scale)))
    if not has_ink(crop):
        return []
    if text_height:
        crop = _level_lines_whitened(_black_and_white(crop.convert("L")), text_height * scale)
    data = pytesseract.image_to_data(ImageOps.expand(crop, border=BORDER_PX, fill=255), lang=lang,
                                     config=BLOCK_CONFIG, timeout=PAGE_TIMEOUT,
                                     output_type=pytesseract.Output.DICT)
    return _data_words(data, scale, left - BORDER_PX, top - BORDER_PX)
