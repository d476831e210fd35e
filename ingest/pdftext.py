"""Page text with coordinates: pdfplumber words, with the failures named per file and page."""

from __future__ import annotations

import io
import re

import pdfplumber
import pikepdf

from core.settings import DIGITAL
from core.types import Page, PageProblem, PdfText, Word

# pdfplumber settings as named values (points). Words split on spaces, so "16 189 674" is three
# words: the layout stage joins them using the gaps between them.
WORD_SETTINGS = {"x_tolerance": DIGITAL.text.x_tolerance_pt, "y_tolerance": DIGITAL.text.y_tolerance_pt,
                 "keep_blank_chars": False,
                 "use_text_flow": False, "extra_attrs": ["size"]}
# A text layer made by OCR sets each glyph's size on its own to fit the scanned word: split by
# size, "Utfall" would come apart into "U t f a ll". Its words are taken whole, in the order
# the layer writes them: Tesseract may give a word a box over its neighbours too
# ("DRIFTREDOVISNING" over "PER VERKSAMHET"), and characters sorted by position would
# interleave the words ("DRIFTREDOPVERI VSERNKSIANMHGET").
OCR_WORD_SETTINGS = {**WORD_SETTINGS, "extra_attrs": [], "use_text_flow": True}
# Pages larger than this (in points, either side) are refused: 200 inches.
MAX_PAGE_SIDE = DIGITAL.text.max_page_side_pt


class PdfReadError(Exception):
    """The file cannot be read at all; ``reason`` says why in a user's words."""

    def __init__(self, reason: str, page: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.page = page


def check_readable(data: bytes) -> str | None:
    """Refuse empty, non-PDF and encrypted files early.

    Returns pikepdf's complaint about a damaged structure, if any: pdfminer may still read
    such a file, so that alone is not final.
    """
    if not data:
        raise PdfReadError("empty file (0 bytes)")
    if b"%PDF-" not in data[:1024]:
        raise PdfReadError("not a PDF (no %PDF header)")
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) == 0:
                raise PdfReadError("the PDF has no pages")
    except pikepdf.PasswordError:
        raise PdfReadError("encrypted: a password is required to open it") from None
    except pikepdf.PdfError as exc:
        # pikepdf names the stream object ("stream <_io.BytesIO ...>: "): keep the reason only.
        return re.sub(r"^.*?<_io\.BytesIO object at 0x[0-9a-f]+>:\s*", "", str(exc))
    return None


def _words(page, settings: dict) -> list[Word]:
    out = []
    for w in page.extract_words(**settings):
        top, bottom = float(w["top"]), float(w["bottom"])
        # NUL is never text (a glyph with no Unicode mapping); PostgreSQL cannot store it.
        out.append(Word(w["text"].replace("\x00", "\ufffd"), float(w["x0"]), float(w["x1"]),
                        top, bottom,
                        float(w.get("size") or bottom - top or 10.0)))
    return out


def _largest_image(page) -> int:
    sizes = [img.get("srcsize") or (0, 0) for img in page.images]
    return max((int(w) * int(h) for w, h in sizes), default=0)


def read_pdf(data: bytes, settings: dict | None = None) -> PdfText:
    """Words with coordinates for every page; a page that fails is listed, not fatal."""
    damage = check_readable(data)
    pages: list[Page] = []
    problems: list[PageProblem] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        if not pdf.pages:
            raise PdfReadError("the PDF has no pages")
    except PdfReadError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on broken files
        reason = damage or f"{type(exc).__name__}: {exc}"
        raise PdfReadError(f"unreadable PDF structure: {reason}") from None
    with pdf:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                if max(page.width, page.height) > MAX_PAGE_SIDE:
                    problems.append(PageProblem(number, f"page too large ({page.width:.0f} x "
                                                        f"{page.height:.0f} pt), skipped"))
                    continue
                pages.append(Page(number, float(page.width), float(page.height),
                                  _words(page, settings or WORD_SETTINGS),
                                  bool(page.images), _largest_image(page)))
            except Exception as exc:
                problems.append(PageProblem(number, f"text extraction failed: {exc}"))
            finally:
                page.close()  # drops pdfplumber's per-page caches: bounded memory
    return PdfText(pages, problems)
