"""Page text with coordinates: pdfplumber words, with the failures named per file and page."""

from __future__ import annotations

import io
import re

import pdfplumber
import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from core.settings import DIGITAL
from core.types import Page, PageProblem, PdfText, Word

# pdfplumber settings as named values (points). Words split on spaces, so "16 189 674" is three
# words: the layout stage joins them using the gaps between them.
WORD_SETTINGS = {"x_tolerance": DIGITAL.text.x_tolerance_pt, "y_tolerance": DIGITAL.text.y_tolerance_pt,
                 "keep_blank_chars": False,
                 "use_text_flow": False, "extra_attrs": ["size"]}
# A text layer made by OCR sets each glyph's size on its own to fit the scanned word: split by
# size, "Utfall" would come apart into "U t f a ll". Its words are taken whole, as the OCR
# engine wrote them (``_engine_words``): on a poor scan it may box a word over the next ones,
# and glyphs sorted by x would interleave ("Verksamhetens intäkter" read "Verksamintäkhtere").
OCR_WORD_SETTINGS = {**WORD_SETTINGS, "extra_attrs": [], "use_text_flow": True}
# Pages larger than this (in points, either side) are refused: 200 inches.
MAX_PAGE_SIDE = DIGITAL.text.max_page_side_pt
# A page this much covered by one image is a scan, its text layer an OCR engine's, when
# at least this share of its text objects is hidden (invisible, or under the image).
SCAN_IMAGE_SHARE = DIGITAL.text.scan_image_share
SCAN_HIDDEN_TEXT_SHARE = DIGITAL.text.scan_hidden_text_share


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


def _engine_words(page, settings: dict) -> list[dict]:
    """Words as an OCR engine wrote them into its text layer: runs of glyphs, in the layer's
    order, between its spaces (and where the glyphs jump to another place). A word's glyphs
    stay together even where the engine boxed it over its neighbours or set two glyphs out
    of order ("==")."""
    x_tol, y_tol = settings["x_tolerance"], settings["y_tolerance"]
    words: list[dict] = []
    run: list[dict] = []

    def close() -> None:
        if run:
            words.append({"text": "".join(c["text"] for c in run),
                          "x0": min(c["x0"] for c in run), "x1": max(c["x1"] for c in run),
                          "top": min(c["top"] for c in run), "bottom": max(c["bottom"] for c in run)})
            run.clear()
    for c in page.chars:
        if c["text"].isspace():
            close()
            continue
        if run:
            prev = run[-1]
            if abs(c["top"] - prev["top"]) > y_tol or c["x0"] > prev["x1"] + x_tol \
                    or c["x1"] < prev["x0"]:
                close()
        run.append(c)
    close()
    return words


def _words(page, settings: dict) -> list[Word]:
    out = []
    raw = _engine_words(page, settings) if settings.get("use_text_flow") else page.extract_words(**settings)
    for w in raw:
        top, bottom = float(w["top"]), float(w["bottom"])
        # NUL is never text (a glyph with no Unicode mapping); PostgreSQL cannot store it.
        out.append(Word(w["text"].replace("\x00", "\ufffd"), float(w["x0"]), float(w["x1"]),
                        top, bottom,
                        float(w.get("size") or bottom - top or 10.0)))
    return out


def _largest_image(page) -> int:
    sizes = [img.get("srcsize") or (0, 0) for img in page.images]
    return max((int(w) * int(h) for w, h in sizes), default=0)


def _image_share(page) -> float:
    """The share of the page the largest image covers (a scanned page: nearly all of it)."""
    area = float(page.width) * float(page.height) or 1.0
    return max(((float(i["x1"]) - float(i["x0"])) * (float(i["bottom"]) - float(i["top"])) / area
                for i in page.images), default=0.0)


def _is_scan(page, doc: pdfium.PdfDocument | None) -> bool:
    """A scanned page: one image covers it, and its text is hidden as an OCR engine hides
    its layer. A born-digital page over a full-page background image (a coloured page, a
    cover photo) prints its text visibly on top: its own layer, read as digital."""
    if not page.images or _image_share(page) < SCAN_IMAGE_SHARE:
        return False
    hidden = _hidden_text_share(doc, page.page_number - 1) if doc is not None else None
    return hidden is None or hidden >= SCAN_HIDDEN_TEXT_SHARE


def _hidden_text_share(doc: pdfium.PdfDocument, index: int) -> float | None:
    """The share of a page's text objects an OCR engine would have hidden: invisible (render
    mode 3: OCRmyPDF, Tesseract, most tools) or drawn before the largest image, under it
    ("text under the page image"). None when it cannot be told."""
    try:
        objects = list(doc[index].get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT,
                                                      pdfium_c.FPDF_PAGEOBJ_IMAGE]))
        images = [(i, o) for i, o in enumerate(objects) if o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
        texts = [(i, o) for i, o in enumerate(objects) if o.type == pdfium_c.FPDF_PAGEOBJ_TEXT]
        if not images or not texts:
            return None
        first, _ = max(images, key=lambda p: _area(p[1].get_bounds()))
        hidden = sum(i < first or pdfium_c.FPDFTextObj_GetTextRenderMode(o.raw)
                     == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE for i, o in texts)
        return hidden / len(texts)
    except Exception:  # pdfium reads what pdfplumber read, or cannot: judged by the image
        return None


def _area(bounds: tuple[float, float, float, float]) -> float:
    left, bottom, right, top = bounds
    return abs(right - left) * abs(top - bottom)


def _pdfium(data: bytes) -> pdfium.PdfDocument | None:
    try:
        return pdfium.PdfDocument(data)
    except Exception:  # read by pdfplumber alone; a scan is then told by its image
        return None


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
    doc: pdfium.PdfDocument | None = None  # opened for the first page with images
    with pdf:
        for number, page in enumerate(pdf.pages, start=1):
            try:
                if max(page.width, page.height) > MAX_PAGE_SIDE:
                    problems.append(PageProblem(number, f"page too large ({page.width:.0f} x "
                                                        f"{page.height:.0f} pt), skipped"))
                    continue
                # A scan's text layer was made by an OCR engine (an old tool's, when the
                # caller reads the file itself): its words are read, and later repaired and
                # trusted, as OCR's.
                if settings is None and doc is None and page.images:
                    doc = _pdfium(data)
                scan = settings is None and _is_scan(page, doc)
                pages.append(Page(number, float(page.width), float(page.height),
                                  _words(page, settings or (OCR_WORD_SETTINGS if scan else WORD_SETTINGS)),
                                  bool(page.images), _largest_image(page), "ocr" if scan else "text"))
            except Exception as exc:
                problems.append(PageProblem(number, f"text extraction failed: {exc}"))
            finally:
                page.close()  # drops pdfplumber's per-page caches: bounded memory
    if doc is not None:
        doc.close()
    return PdfText(pages, problems)
