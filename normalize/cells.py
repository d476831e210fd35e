"""Amount cells of OCR'd pages read again from the page image, where the page's OCR left
them doubtful ("= E52", a box wider than its digits, repaired characters) or empty (a lone
"981" that page segmentation dropped). Only a clean reading is taken, with its own confidence;
anything else leaves the cell as it was: never a guess.
"""

from __future__ import annotations

from ingest.pdftext import Word
from ingest.reread import CellBox, PageImages
from normalize.numbers import parse_amount
from normalize.ocrfix import (
    CONFIRMED_CONFIDENCE,
    REPAIRED_NUMBER_CONFIDENCE,
    REREAD_CONFIDENCE,
    repair_number,
)
from parsers.gaps import empty_slots
from parsers.layout import Cell, Line

# An empty slot holds mostly nothing: a reading there must be sure (Tesseract 0-100), or a
# speck of dust becomes "2".
GAP_REREAD_MIN_CONFIDENCE = 70.0


def read_amounts(images: PageImages, boxes: list[CellBox],
                 min_confidence: float = 0) -> list[int | None]:
    """The amount in each box of the page images, repaired like any OCR'd number; None when
    the box holds no clean amount."""
    out: list[int | None] = []
    for text in images.read(boxes, min_confidence):
        fixed = repair_number(text) if text else None
        out.append(parse_amount(fixed[0] if fixed else text, lenient=True) if text else None)
    return out


def reread_doubtful(lines: list[Line], ocr_pages: set[int], images: PageImages) -> None:
    doubtful = [(line.page, c) for line in lines if line.page in ocr_pages for c in line.cells
                if (c.value is None and c.confidence == 0)
                or (c.value is not None and c.confidence <= REPAIRED_NUMBER_CONFIDENCE)]
    if not doubtful:
        return
    values = read_amounts(images, [CellBox(p, c.x0, c.top, c.x1, c.bottom) for p, c in doubtful])
    for (_, cell), value in zip(doubtful, values, strict=True):
        if value is None:
            continue
        if cell.value is None:
            cell.value, cell.confidence = value, REREAD_CONFIDENCE
        elif value == cell.value:
            cell.confidence = CONFIRMED_CONFIDENCE
        elif value == -cell.value and value < 0:  # the sign the page's OCR did not read
            cell.value, cell.confidence = value, REREAD_CONFIDENCE


def fill_gaps(lines: list[Line], ocr_pages: set[int], images: PageImages) -> None:
    """Empty slots under a column (parsers/gaps.py) read again; a clean amount becomes a cell
    of its row."""
    slots = [s for s in empty_slots(lines) if s.page in ocr_pages]
    if not slots:
        return
    values = read_amounts(images, [CellBox(s.page, s.x0, s.top, s.x1, s.bottom) for s in slots],
                          GAP_REREAD_MIN_CONFIDENCE)
    for slot, value in zip(slots, values, strict=True):
        if value is None:
            continue
        word = Word(str(value), slot.x0, slot.x1, slot.top, slot.bottom,
                    confidence=REREAD_CONFIDENCE)
        line = lines[slot.line_index]
        line.cells.append(Cell([word], value, REREAD_CONFIDENCE))
        line.cells.sort(key=lambda c: c.x0)
