"""Writes the regression PDFs of this folder (run once; the PDFs are committed).

    python -m tests.pdfs.make

Each PDF is a page or two that reproduces one bug the git log records, named after what it
caught; tests/test_pdfs.py says what each must give.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

HERE = Path(__file__).parent
# A standard font (Latin-1 has å, ä, ö and ²): nothing embedded, so each file stays small.
FONT = "Helvetica"
W, H = A4


def _right(c: canvas.Canvas, x1: float, y: float, text: str) -> None:
    c.drawRightString(x1, H - y, text)


def _new(name: str) -> canvas.Canvas:
    c = canvas.Canvas(str(HERE / name), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(name)
    return c


def leader_dots_are_no_garbage() -> None:
    """7121dc7: a contents page set with leader dots counted as garbage text, so a good
    born-digital page was called damaged and sent to OCR."""
    c = _new("leader-dots-are-no-garbage.pdf")
    entries = ["Förvaltningsberättelse", "Resultaträkning", "Balansräkning",
               "Kassaflödesanalys", "Noter", "Styrelsens underskrifter", "Revisionsberättelse",
               "Bilagor", "Insatsredovisning", "Måluppfyllelse", "Deltagare i insatserna",
               "Ekonomisk översikt"]
    c.setFont(FONT, 16)
    c.drawString(60, H - 80, "Innehåll")
    c.setFont(FONT, 10)
    for i, entry in enumerate(entries):
        y = H - 120 - 18 * i
        c.drawString(60, y, entry)
        c.drawString(220, y, " ".join("." * 40))  # spaced leader dots: a word each
        c.drawRightString(530, y, str(3 + 2 * i))
    c.showPage()
    c.save()


def english_page_is_not_damaged() -> None:
    """7121dc7: an English page's "for" and "over" were read as "för" and "över" without
    their diacritics, so the page was called damaged (a Swedish OCR run gone wrong)."""
    c = _new("english-page-is-not-damaged.pdf")
    text = ("Summary in English. The association works for people who have been out of work "
            "for a long time. Over the year the members paid for the activities, and the "
            "board met over ten times. Funding for the work comes from the state, the region "
            "and the municipalities. Over half of the participants went on to work or "
            "studies. The accounts for the year show a surplus, which is carried over to "
            "next year for new activities. Thanks for the work over the year.")
    c.setFont(FONT, 10)
    y = 80
    line = ""
    for word in text.split():
        if len(line) + len(word) > 85:
            c.drawString(60, H - y, line)
            y, line = y + 14, ""
        line = f"{line} {word}".strip()
    c.drawString(60, H - y, line)
    c.showPage()
    c.save()


def superscript_digit_is_no_count() -> None:
    """2886401: a footnote mark "²" after a form's count passed str.isdigit(), and int("²")
    failed the whole file."""
    c = _new("superscript-digit-is-no-count.pdf")
    c.setFont(FONT, 14)
    c.drawString(60, H - 70, "Insatsens namn: Kompass")
    c.setFont(FONT, 10)
    c.drawString(60, H - 110, "Ålder på nyinskrivna deltagare")
    c.drawString(60, H - 128, "18-24 år 7 ²")
    c.drawString(60, H - 146, "25-29 år 4")
    c.drawString(60, H - 180, "² Två av deltagarna var under 20 år.")
    c.showPage()
    c.save()


def huge_scan_is_not_ocrd() -> None:
    """7121dc7: a scanned page whose image is over 150 megapixels (a 600 dpi A0 scan, a fax
    of 35 000 px) was sent to Tesseract, which fails on it or takes gigabytes. The image
    here is 13 000 x 13 000 px of white, 1 bit deep: 169 Mpx, a few kilobytes compressed."""
    import zlib

    import pikepdf
    side = 13_000
    pdf = pikepdf.new()
    data = zlib.compress(b"\xff" * (side * side // 8), 9)
    image = pikepdf.Stream(pdf, data, Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image,
                           Width=side, Height=side, ColorSpace=pikepdf.Name.DeviceGray,
                           BitsPerComponent=1, Filter=pikepdf.Name.FlateDecode)
    content = pikepdf.Stream(pdf, f"q {W:.0f} 0 0 {H:.0f} 0 0 cm /Im0 Do Q".encode())
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, W, H], Contents=content,
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)))
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(HERE / "huge-scan-is-not-ocrd.pdf", deterministic_id=True, compress_streams=False)


def main() -> None:
    for make in (leader_dots_are_no_garbage, english_page_is_not_damaged,
                 superscript_digit_is_no_count, huge_scan_is_not_ocrd):
        make()
        print(make.__name__)


if __name__ == "__main__":
    main()
