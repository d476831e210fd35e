"""Residual skew of OCR'd pages, as the words say it and as the page image says it.

    python benchmarks/page_skew.py OCRD.pdf [...]

For each page OCR made (an OCR'd copy, e.g. from the OCR cache): the slope its words' rows
follow (parsers.layout.page_skew, in degrees; positive: rows fall to the right), whether its
rows are grouped along it (parsers.layout.deskewed_lines: a page drifting more than
skew_drift_pt across its text whose level grouping merges rows), the median word box height,
and the skew of the page image (the rotation that makes its rows of ink sharpest, 0.05°
steps). A diagnostic, printed.
"""

from __future__ import annotations

import math
import sys

import numpy as np
import pypdfium2 as pdfium

from ingest.pdftext import read_pdf
from parsers.layout import deskewed_lines, page_skew


def image_skew(doc: pdfium.PdfDocument, index: int, dpi: int = 100) -> float:
    """Degrees the page image is turned (positive: its rows fall to the right, as a positive
    slope of the words with y growing downwards)."""
    img = doc[index].render(scale=dpi / 72).to_pil().convert("L")
    best, angle = -1.0, 0.0
    for a in np.arange(-3.0, 3.001, 0.05):
        ink = np.asarray(img.rotate(float(a), fillcolor=255)) < 128
        profile = ink.sum(axis=1).astype(float)
        sharp = float(((profile[1:] - profile[:-1]) ** 2).sum())
        if sharp > best:
            best, angle = sharp, float(a)
    return angle  # the turn back that levels it: clockwise (negative) for rows rising


def main(paths: list[str]) -> None:
    for path in paths:
        data = open(path, "rb").read()
        doc = pdfium.PdfDocument(data)
        for page in read_pdf(data).pages:
            if page.source != "ocr":
                continue
            slope = page_skew(page.words)
            heights = sorted(w.height for w in page.words) or [0.0]
            print(f"{path} p{page.number}: words {math.degrees(math.atan(slope)):+.2f}°, "
                  f"image {image_skew(doc, page.number - 1):+.2f}°, "
                  f"median box {heights[len(heights) // 2]:.1f} pt, "
                  f"grouped along the skew: {deskewed_lines(page.words) is not None}")


if __name__ == "__main__":
    main(sys.argv[1:])
