"""Reading words from a PDF's text layer (ingest/pdftext.py)."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from ingest.pdftext import OCR_WORD_SETTINGS, read_pdf


def _ocr_layer(words: list[tuple[str, float, float]], y: float = 700.0) -> bytes:
    """A page whose text layer is drawn as an OCR engine draws it: each word one text object,
    its glyphs stretched over the word's box (x0, x1), in reading order."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    for text, x0, x1 in words:
        t = c.beginText(x0, y)
        t.setFont("Helvetica", 10)
        t.setHorizScale(100.0 * (x1 - x0) / c.stringWidth(text, "Helvetica", 10))
        t.textOut(text)
        c.drawText(t)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_ocr_words_whose_boxes_overlap_stay_whole():
    # Tesseract at 200 dpi boxed "Verksamhetens" over the whole heading: sorted by x, the
    # glyphs of the next words fell between its own ("Verksamintäkhtere octh ebidnrasg").
    data = _ocr_layer([("Not", 57, 75), ("1", 81, 86), ("Verksamhetens", 88, 307),
                       ("intäkter", 183, 233), ("och", 238, 256), ("bidrag", 263, 302)])
    words = [w.text for w in read_pdf(data, OCR_WORD_SETTINGS).pages[0].words]
    assert words == ["Not", "1", "Verksamhetens", "intäkter", "och", "bidrag"]


def test_ocr_word_with_glyphs_out_of_order_stays_one_word():
    # "==" where the engine set its second glyph 2 pt left of its first: one word, as written.
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))
    t = c.beginText(67, 700)
    t.setFont("Helvetica", 10)
    t.textOut("Lokalhyra ")
    for x in (556, 554):
        t.setTextOrigin(x, 700)
        t.textOut("=")
    c.drawText(t)
    c.showPage()
    c.save()
    words = [w.text for w in read_pdf(buf.getvalue(), OCR_WORD_SETTINGS).pages[0].words]
    assert words == ["Lokalhyra", "=="]


def _over_image(text_mode: int, text_first: bool = False) -> bytes:
    """A page covered by one image (a page-sized background, or a scan), with a line of text
    in render mode ``text_mode`` (0 visible, 3 invisible as OCR layers are) drawn on top of
    it, or before it (under it) with ``text_first``. Glyph sizes vary as an OCR engine's do."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    image = io.BytesIO()
    Image.new("RGB", (60, 85), (236, 242, 248)).save(image, "PNG")
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842))

    def text() -> None:
        t = c.beginText(72, 700)
        t.setTextRenderMode(text_mode)
        for word, size in (("Verksamhetens", 10), ("intäkter", 11), ("4", 10), ("380", 9.5)):
            t.setFont("Helvetica", size)
            t.textOut(word + " ")
        c.drawText(t)
    if text_first:
        text()
    c.drawImage(ImageReader(io.BytesIO(image.getvalue())), 0, 0, 595, 842)
    if not text_first:
        text()
    c.showPage()
    c.save()
    return buf.getvalue()


def test_born_digital_page_over_a_full_page_background_is_no_scan():
    # A coloured page or a cover photo under the whole page, the text printed visibly on
    # top: its own layer, read as digital (read as OCR, every amount lost its certainty and
    # its words were "repaired").
    page = read_pdf(_over_image(0)).pages[0]
    assert page.has_images and page.source == "text"


def test_a_scans_hidden_layer_is_read_as_ocr():
    # An OCR engine's layer over its scan: invisible text (OCRmyPDF, Tesseract), or text
    # set under the page image.
    assert read_pdf(_over_image(3)).pages[0].source == "ocr"
    assert read_pdf(_over_image(0, text_first=True)).pages[0].source == "ocr"
