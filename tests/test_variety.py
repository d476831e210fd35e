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

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from checks.rules import TOLERANCES
from checks.store import run_checks
from core.settings import DIGITAL
from db.models import Document
from db.models import Report as ReportRow
from db.session import open_engine
from db.store import store
from finsam.pipeline import FileResult, OcrOptions, process_bytes
from fixtures.compare import (
    count_accuracy,
    extracted_amounts,
    extracted_counts,
    organisation_found,
    status_matches,
    statuses_sure_but_wrong,
    sure_but_wrong,
)
from fixtures.generate import build_all
from fixtures.scan import write_scans
from fixtures.truth import Report
from fixtures.variety import generate_family

SEED = 7
N_DIGITAL = 8  # reports per variety family, born-digital
FAMILIES = ("tuned", "variety", "variety_holdout")
FORMS = ("digital", "scan300", "scan200hard", "scan300eng")
TARGETS = {"digital": 100.0, "scan300": 99.0, "scan200hard": 97.0, "scan300eng": 99.0}
MEASURES = ("amounts", "counts", "statuses", "organisation", "year", "false_errors", "planted",
            "sure_wrong")
# Reports scanned per family: a consistent one, and on the hard scan also one with a break.
# (Tuned: the generated archive minus Kalmar 2024, whose real breaks are not planted ones.)
SCANNED = {"tuned": ["norrsjon-2024", "sodra_malarkusten-2018"],
           "variety": [2, 4], "variety_holdout": [6, 1]}

# Measured after the seventh round of issue 10's work was merged: each is a target not met
# yet. Remove a mark when its test passes (strict: the test then fails as XPASS). The tuned
# and variety families meet every target in every form; only the held-out family (never
# tuned on) misses.
XFAIL: dict[tuple[str, str, str], str] = {
    ("variety_holdout", "scan200hard", "amounts"): "86.4 % (248/287), target 97 %",
    ("variety_holdout", "scan200hard", "statuses"): "93.3 % (14/15), target 97 %",
    ("variety_holdout", "scan200hard", "planted"): "0/1 planted breaks found",
}


@dataclass
class Measured:
    """Figures of one (family, form): hits and totals per measure."""
    hits: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    wrong: dict[str, list[str]] = field(default_factory=dict)
    printed: bool = False

    def pct(self, measure: str) -> float | None:
        total = self.totals.get(measure, 0)
        return 100.0 * self.hits.get(measure, 0) / total if total else None

    def line(self, family: str, form: str) -> str:
        def pct(m: str) -> str:
            p = self.pct(m)
            return "n/a" if p is None else f"{p:.1f} % ({self.hits[m]}/{self.totals[m]})"
        return (f"variety {family:15s} {form:11s}: amounts {pct('amounts')}, counts "
                f"{pct('counts')}, statuses {pct('statuses')}, organisation "
                f"{pct('organisation')} (orgnr {pct('orgnr')}), year {pct('year')}, false errors "
                f"{self.hits['false_errors']}, planted found {self.hits['planted']}/"
                f"{self.totals['planted']}, wrong but sure {self.hits['sure_wrong']}")


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
        opts = OcrOptions(cache_dir=str(ocr_cache), jobs=2)
        results = {pdf: process_bytes(str(pdf), pdf.read_bytes(), opts) for pdf in pdfs}
        truths = {pdf: Report.load(pdf.with_suffix(".json")) for pdf in pdfs}
        url = f"sqlite:///{tmp.mktemp('db') / 'variety.db'}"
        return score(truths, results, _findings(url, results), family != "tuned")
    return get


def _findings(url: str, results: dict[Path, FileResult]) -> dict[str, list]:
    """Findings per source file (by the report each was found on)."""
    engine = open_engine(url)
    with Session(engine) as session, session.begin():
        for result in results.values():
            store(session, result)
    with Session(engine) as session, session.begin():
        found = run_checks(session)
        files = dict(session.execute(select(ReportRow.id, Document.source_file)
                                     .join(Document, ReportRow.document_id == Document.id)).all())
    engine.dispose()
    out: dict[str, list] = {}
    for f in found:
        out.setdefault(files.get(f.report_id, ""), []).append(f)
    return out


def score(truths: dict[Path, Report], results: dict[Path, FileResult], findings: dict[str, list],
          year_columns: bool) -> Measured:
    m = Measured(hits=dict.fromkeys((*MEASURES, "orgnr"), 0),
                 totals=dict.fromkeys((*MEASURES, "orgnr"), 0))

    def add(measure: str, hits: int, total: int, wrong: list[str] | None = None) -> None:
        m.hits[measure] += hits
        m.totals[measure] += total
        m.wrong.setdefault(measure, []).extend(wrong or [])
    for pdf, truth in truths.items():
        result = results[pdf]
        expected = truth.expected_amounts()
        got = extracted_amounts(result, year_columns=year_columns)
        add("amounts", sum(got.get(k) == v for k, v in expected.items()), len(expected),
            [f"{pdf.stem} {k}: expected {v}, got {got.get(k)}" for k, v in expected.items()
             if got.get(k) != v])
        want = truth.activity.expected_counts(truth.fiscal_year) if truth.activity else {}
        sure_wrong = sure_but_wrong(result, expected, want, year_columns, TOLERANCES.uncertain_below)
        if truth.activity is not None:
            sure_wrong += statuses_sure_but_wrong(truth.activity.goals, result.goals,
                                                  TOLERANCES.uncertain_below)
        m.hits["sure_wrong"] += len(sure_wrong)
        m.wrong.setdefault("sure_wrong", []).extend(f"{pdf.stem} {w}" for w in sure_wrong)
        if truth.activity is not None:
            hit, wrong = count_accuracy(want, extracted_counts(result))
            add("counts", hit, len(want), [f"{pdf.stem} {w}" for w in wrong])
            add("statuses", status_matches(truth.activity.goals, result.goals),
                len(truth.activity.goals))
        org = organisation_found(truth, result.organisation)
        add("organisation", int(org), 1,
            [] if org else [f"{pdf.stem}: {result.organisation!r} for {truth.organisation!r}"])
        add("year", int(result.fiscal_year == truth.fiscal_year), 1)
        if truth.orgnr and hasattr(result, "orgnr"):  # printed only: FileResult may get orgnr
            add("orgnr", int(result.orgnr == truth.orgnr), 1)
        mine = [f for f in findings.get(str(pdf), []) if f.severity != "info"]
        _breaks(m, pdf, truth, mine, add)
    return m


def _breaks(m: Measured, pdf: Path, truth: Report, mine: list, add) -> None:
    if truth.planted:
        # Matched by amount, either sign: the rule for an overview's own sum does not exist
        # yet, and a break under a sign convention may be reported from either side.
        # A tkr report's break is found to its rounding: a sum of rounded figures may be a
        # thousand off the planted difference ("50 tkr too high" found as 49 tkr).
        slack = DIGITAL.tables.identity_tkr_rounding \
            if str(truth.conventions.get("unit", "")).startswith("tkr") else 0
        for p in truth.planted:
            hit = any(abs(abs(f.difference) - abs(p.difference)) <= slack for f in mine)
            add("planted", int(hit), 1, [] if hit else [
                f"{pdf.stem}: {p.what} ({p.rule}) not reported; found "
                f"{[(f.rule, f.difference) for f in mine]}"])
        return
    # A tuned report whose förbund's previous report has a break sees it again across years.
    last = pdf.with_name(f"{pdf.stem[:-4]}{truth.fiscal_year - 1}.json")
    last_planted = last.exists() and Report.load(last).planted
    errors = [f for f in mine if f.severity == "error" and not (last_planted and "last" in f.rule)]
    m.hits["false_errors"] += len(errors)
    m.wrong.setdefault("false_errors", []).extend(
        f"{pdf.stem}: {f.rule} {f.column} difference {f.difference}: {f.message}" for f in errors)


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
