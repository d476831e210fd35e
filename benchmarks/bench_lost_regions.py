"""What reading again the regions OCR lost (repair/regions.py) costs, cold, per page.

    python benchmarks/bench_lost_regions.py SCAN.pdf... [--ocr-cache DIR]

Each scan is OCR'd first (or taken from the OCR cache: that time is not counted); then,
with no reading kept, every page's ink is looked at (detection: the page rendered, its ink
in blocks) and its lost regions read again (Tesseract on each region). Prints per file and
in all: pages, regions, words taken, and the seconds of detection and of reading, to set
beside the OCR's own time per page (bench_ocr.py).
"""

from __future__ import annotations

import argparse
import hashlib
import time
from dataclasses import replace
from pathlib import Path

from ingest.ocr import OcrSettings, ocr_copy
from ingest.pdftext import OCR_WORD_SETTINGS, read_pdf
from repair.regions import reread_lost_regions
from repair.reread import PageImages


def bench(path: Path, cache: Path) -> tuple[int, int, int, float, float]:
    data = path.read_bytes()
    pages = read_pdf(data).pages
    ocr_data, *_ = ocr_copy(data, hashlib.sha256(data).hexdigest(), [p.number for p in pages],
                            OcrSettings(), cache)
    images = PageImages(ocr_data)  # no cache file: every reading is made now
    regions = words = 0
    detect = read = 0.0
    for page in read_pdf(ocr_data, OCR_WORD_SETTINGS).pages:
        page = replace(page, source="ocr")
        t = time.perf_counter()
        images.lost_regions(page.number, [(w.x0, w.top, w.x1, w.bottom) for w in page.words])
        detect += time.perf_counter() - t
        t = time.perf_counter()
        _, lost = reread_lost_regions(page, images)
        read += time.perf_counter() - t
        regions += len(lost)
        words += sum(r.words for r in lost)
    return len(pages), regions, words, detect, read


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scans", nargs="+", type=Path)
    ap.add_argument("--ocr-cache", type=Path, default=Path.home() / ".cache" / "finsam" / "ocr")
    args = ap.parse_args()
    total = [0, 0, 0, 0.0, 0.0]
    for path in args.scans:
        row = bench(path, args.ocr_cache)
        total = [a + b for a, b in zip(total, row, strict=True)]
        print(f"{path.name}: {row[0]} pages, {row[1]} regions, {row[2]} words taken; "
              f"detection {row[3]:.1f} s, reading {row[4]:.1f} s")
    n = max(total[0], 1)
    print(f"in all: {total[0]} pages, {total[1]} regions, {total[2]} words; per page detection "
          f"{total[3] / n:.2f} s, reading {total[4] / n:.2f} s")


if __name__ == "__main__":
    main()
