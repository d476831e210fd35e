"""A note of narrow columns whose every row OCR read as one cell over both years.

The real case, regenerated here: the variety family's report 31 (generator seed 7), scanned
hard at seed 11 (the validation set Y of round 16), page 6, "Not 3: Korta fordringar". Its
columns stand a little more than a digit group apart; OCR read "Fordran moms 135005 218 699",
"Kundfordringar 98849 144697", "Summa : 351 396 582 650": each row one cell over both
years, the current year's figure lost and last year's stored as a twelve-digit number.
Demanded: each figure under its year, as printed, and none stored wrong and sure.
``FINSAM_TEST_OCR_CACHE=DIR`` keeps the OCR'd copy between runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import pikepdf
import pytest

from core.settings import DIGITAL
from finsam.pipeline import OcrOptions, process_bytes
from fixtures.scan import scan_pdf
from fixtures.variety import generate_family

DOUBT = DIGITAL.checks.uncertain_below
REPORT, GENERATOR_SEED, SCAN_SEED, PAGE = 31, 7, 11, 6
PRINTED = {"Fordran moms": (135_005, 218_699), "Kundfordringar": (98_849, 144_697),
           "Förutbetalda kostnader": (117_542, 219_254), "Summa": (351_396, 582_650)}


@pytest.fixture(scope="module")
def note_page(tmp_path_factory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("narrow-note")
    (pdf,) = generate_family(tmp / "digital", "variety", [REPORT], GENERATOR_SEED)
    scan = tmp / "scan.pdf"
    scan_pdf(pdf, scan, "scan200hard", SCAN_SEED)  # the whole file: each page's damage in turn
    one = tmp / "page.pdf"
    with pikepdf.open(scan) as src:
        out = pikepdf.new()
        out.pages.append(src.pages[PAGE - 1])
        out.save(one)
    return one, os.environ.get("FINSAM_TEST_OCR_CACHE") or str(tmp / "ocr")


def test_every_figure_of_a_note_read_as_one_cell_a_row_stands_under_its_year(note_page):
    path, cache = note_page
    result = process_bytes(str(path), path.read_bytes(), OcrOptions(cache_dir=cache))
    (note,) = [n for n in result.notes if n.note_key == "fordringar"]
    got = {r.label: tuple(a.value for a in r.amounts) for r in note.rows}
    sure = {(r.label, a.value) for r in note.rows for a in r.amounts if a.confidence >= DOUBT}
    assert all(got.get(label) == values for label, values in PRINTED.items()), got
    # Sure only where printed so.
    assert all(value in PRINTED.get(label, ()) for label, value in sure), sure
