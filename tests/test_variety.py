"""How the pipeline reads reports it was not built on: per family (the tuned fixtures, the
variety family, the held-out variety family) and per form (born-digital, 300 dpi scan, hard
200 dpi scan, English-only text layer), the figures of issue 10's "Done when", printed at the
end of the run, and one assertion per (family, form, measure) against its target.

Each (family, form) is ingested once (module cache) and measured on:
amounts (statement and note amounts exact), counts (participant counts exact), statuses
(goal statuses exact), organisation and year (found), false_errors (`error` findings on
reports without a planted break: must be 0), planted (planted breaks reported with their
amount) and sure_wrong (amounts, counts and goal statuses stored with a value other than the
printed one at a confidence above the checks' doubt line: must be 0; a wrong value must say
it is unsure).
Targets: digital 100 %, 300 dpi and English layer ≥ 99 %, 200 dpi ≥ 97 %.

A measure that misses its target today is marked xfail(strict) with the figure measured, so
it fails the day it passes and its mark can go. Scans are few (OCR costs seconds a page):
one report per family and scan form, two on the hard 200 dpi scan (one with a break).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.generate import build_all
from fixtures.measure import MEASURES, Measured
from fixtures.measure import measure as measure_pdfs
from fixtures.scan import write_scans
from fixtures.variety import generate_family

SEED = 7
N_DIGITAL = 8  # reports per variety family, born-digital
FAMILIES = ("tuned", "variety", "variety_holdout")
FORMS = ("digital", "scan300", "scan200hard", "scan300eng")
TARGETS = {"digital": 100.0, "scan300": 99.0, "scan200hard": 97.0, "scan300eng": 99.0}
# Reports scanned per family: a consistent one, and on the hard scan also one with a break.
# (Tuned: the generated archive minus Kalmar 2024, whose real breaks are not planted ones.)
SCANNED = {"tuned": ["norrsjon-2024", "sodra_malarkusten-2018"],
           "variety": [2, 4], "variety_holdout": [6, 1]}

# A target not met yet, marked so (strict: a mark whose test passes fails as XPASS, and is
# removed). None since the twenty-fifth round of issue 10's work: the held-out family's
# planted break on the hard 200 dpi scan, the last one missed, is found (1/1).
XFAIL: dict[tuple[str, str, str], str] = {}


@pytest.fixture(scope="module")
def sources(archive, tmp_path_factory) -> dict[str, list[Path]]:
    """The born-digital PDFs of each family (truth JSON beside each)."""
    out = tmp_path_factory.mktemp("variety")
    tuned = [archive / f"{name}.pdf" for name, _ in build_all(SEED)]
    return {"tuned": tuned,
            **{family: generate_family(out / family, family, N_DIGITAL, SEED)
               for family in ("variety", "variety_holdout")}}


def _scanned(family: str, sources: dict[str, list[Path]]) -> list[Path]:
    by_stem = {p.stem: p for p in sources[family]}
    return [by_stem[s] if isinstance(s, str) else sources[family][s] for s in SCANNED[family]]


@pytest.fixture(scope="module")
def ocr_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("variety-ocr")


@pytest.fixture(scope="module")
def measured(sources, ocr_cache, tmp_path_factory):
    """(family, form) -> Measured, each ingested once, on first use."""
    cache: dict[tuple[str, str], Measured] = {}

    def get(family: str, form: str) -> Measured:
        if (family, form) not in cache:
            pdfs = sources[family] if form == "digital" else _scan(family, form)
            cache[(family, form)] = _measure(family, pdfs, form, tmp_path_factory)
        return cache[(family, form)]

    def _scan(family: str, form: str) -> list[Path]:
        out = tmp_path_factory.mktemp(f"{family}-{form}")
        chosen = _scanned(family, sources)
        chosen = chosen if form == "scan200hard" else chosen[:1]
        return [p for pdf in chosen for p in write_scans(pdf, out, SEED, [form])]

    def _measure(family: str, pdfs: list[Path], form: str, tmp) -> Measured:
        url = f"sqlite:///{tmp.mktemp('db') / 'variety.db'}"
        return measure_pdfs(pdfs, ocr_cache, url, year_columns=family != "tuned")
    return get


def _cases():
    for family in FAMILIES:
        for form in FORMS:
            for measure in MEASURES:
                reason = XFAIL.get((family, form, measure))
                marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
                yield pytest.param(family, form, measure, marks=marks,
                                   id=f"{family}-{form}-{measure}")


@pytest.mark.parametrize(("family", "form", "measure"), list(_cases()))
def test_variety(measured, family, form, measure, figures):
    m = measured(family, form)
    if not m.printed:
        m.printed = True
        figures.append(m.line(family, form))
    wrong = m.wrong.get(measure, [])[:12]
    if measure in ("false_errors", "sure_wrong"):
        assert m.hits[measure] == 0, wrong
        return
    if measure == "planted":
        if not m.totals["planted"]:
            pytest.skip(f"no planted break among the {family} {form} reports")
        assert m.hits["planted"] == m.totals["planted"], wrong
        return
    pct = m.pct(measure)
    assert pct is not None, f"nothing to measure for {measure}"
    assert pct >= TARGETS[form], f"{pct:.1f} % < {TARGETS[form]} %: {wrong}"
