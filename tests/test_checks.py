"""Planted breaks are reported with their amount; consistent reports give no error; the
Kalmar 2024 figures give exactly the breaks found by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from checks.engine import funding_findings
from checks.findings import SEVERITY
from checks.parsed import figures
from checks.store import run_checks
from core.lexicon import load_lexicon
from db.models import Finding
from db.session import open_engine
from db.store import store
from finsam.pipeline import process_bytes
from fixtures.generate import build_all
from fixtures.kalmar2024 import KALMAR_BREAKS
from fixtures.truth import Report


def _findings(db_url, pdfs):
    engine = open_engine(db_url)
    with Session(engine) as session, session.begin():
        for pdf in pdfs:
            store(session, process_bytes(str(pdf), pdf.read_bytes()))
    with Session(engine) as session, session.begin():
        found = run_checks(session)
    engine.dispose()
    return found


@pytest.fixture(scope="module")
def all_findings(archive, tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'checks.db'}"
    return _findings(url, sorted(archive.glob("*.pdf")))


def _of(findings, org, year):
    return [f for f in findings if f.organisation == org and f.fiscal_year == year]


def test_every_planted_break_is_found(archive, all_findings, figures):
    planted = 0
    for name, report in build_all():
        truth = Report.load(archive / f"{name}.json")
        for p in truth.planted:
            planted += 1
            mine = _of(all_findings, report.organisation, report.fiscal_year)
            hits = [f for f in mine if f.rule == p.rule and f.column == p.column
                    and f.difference == p.difference and f.outcome != "pass"]
            assert hits, f"{name}: planted {p.what} not reported as {p.rule} " \
                         f"({[(f.rule, f.difference) for f in mine if f.severity != 'info']})"
            expected = "rounding" if abs(p.difference) <= 2 else "break"
            assert (hits[0].outcome, hits[0].severity) == (expected, SEVERITY[expected])
    figures.append(f"checks: {planted} planted breaks, {planted} reported with their amount")
    assert planted == 4


def test_consistent_reports_have_no_error(archive, all_findings):
    for name, report in build_all():
        truth = Report.load(archive / f"{name}.json")
        if truth.planted:
            continue
        # A break planted in last year's report shows again in this year's rules across years.
        last = archive / f"{name[:-4]}{report.fiscal_year - 1}.json"
        last_planted = last.exists() and Report.load(last).planted
        errors = [(f.rule, f.column, f.difference)
                  for f in _of(all_findings, report.organisation, report.fiscal_year)
                  if f.outcome == "break" and not (last_planted and "last" in f.rule)]
        assert not errors, f"{name}: {errors}"


def test_definitional_differences_are_explained(all_findings):
    explained = [f for f in all_findings if f.rule == "note_equals_statement"
                 and f.severity == "warning"]
    assert explained and all(f.outcome == "explained" for f in explained)
    # The difference stays the one against the rule: the included lines' amount.
    assert all(f.difference > 0 and len(f.locations) >= 3 for f in explained)
    # The Norrsjön intäkter note carries Ränta; Södra Mälarkusten's kostnader note its bank fees.
    assert {f.organisation for f in explained} == {"Norrsjön", "Södra Mälarkusten"}


def test_passing_checks_say_what_they_compared(all_findings):
    passed = [f for f in all_findings if f.severity == "info"]
    assert passed
    assert all(f.outcome == "pass" and f.locations for f in passed)
    # A pass within the rounding tkr figures carry still says what differed.
    tkr = [f for f in passed if f.difference]
    assert tkr and all(any(loc["value"] % 1000 == 0 for loc in f.locations) for f in tkr)


def test_kalmar_2024_breaks(all_findings, figures):
    mine = [f for f in _of(all_findings, "Kalmar län", 2024) if f.severity != "info"]
    got = sorted((f.rule, f.difference) for f in mine)
    want = sorted((rule, diff) for rule, _, diff in KALMAR_BREAKS)
    for f in mine:
        figures.append(f"Kalmar 2024 {f.severity}: {f.rule} difference {f.difference:+d}")
    assert got == want
    # The statements hold within rounding or by definition (warnings); the participant
    # tables have real breaks (errors), every one checked by hand in fixtures/kalmar2024.py.
    errors = {f.rule for f in mine if f.severity == "error"}
    assert errors == {"ongoing_is_total_minus_ended", "deltagare_by_gender",
                      "age_bands_sum_to_new", "exits_sum_to_ended", "form_equals_summary"}
    explained = [f for f in mine if f.rule == "age_bands_sum_to_new" and f.severity == "warning"]
    assert len(explained) == 2 and all(f.outcome == "explained" for f in explained)
    outcomes = {(f.rule, f.outcome) for f in mine}
    assert ("drift_deviation", "opposite_sign") in outcomes
    assert ("kf_opening_equals_previous_closing", "rounding") in outcomes


def test_checks_on_postgresql(archive, pg_url):
    found = _findings(pg_url, [archive / "norrsjon-2023.pdf"])
    errors = {(f.rule, f.difference) for f in found if f.severity == "error"}
    assert ("rr_verksamhetens_resultat", 10_000) in errors


def test_rules_across_years(all_findings):
    # Södra Mälarkusten 2018 printed its opening cash 25 000 too low; its 2017 report says so.
    hits = [f for f in _of(all_findings, "Södra Mälarkusten", 2018)
            if f.rule == "kf_opening_equals_last_report"]
    assert [(f.severity, f.difference) for f in hits] == [("error", -25_000)]
    assert {Path(loc["file"]).name for loc in hits[0].locations} == {
        "sodra_malarkusten-2018.pdf", "sodra_malarkusten-2017.pdf"}
    # Norrsjön 2023 printed verksamhetens resultat 10 000 too high; 2024's previous-year
    # column has the right figure: the two reports disagree, and the rule says by how much.
    breaks = [(f.rule, f.difference) for f in _of(all_findings, "Norrsjön", 2024)
              if "last" in f.rule and f.severity != "info"]
    assert breaks == [("rr_previous_equals_last_report", -10_000)]
    assert any(f.rule == "equity_roll_forward" and f.severity == "info"
               for f in _of(all_findings, "Norrsjön", 2024))
    # A consistent pair: every previous-year column equals last year's report, equity rolls on.
    for org in ("Västra Bergslagen",):
        across = [f for f in _of(all_findings, org, 2024)
                  if f.rule.endswith("_last_report") or f.rule == "equity_roll_forward"]
        rules = {f.rule for f in across}
        assert {"rr_previous_equals_last_report", "br_previous_equals_last_report",
                "kf_opening_equals_last_report", "br_opening_equity_equals_last_report"} <= rules
        assert all(f.outcome == "pass" for f in across), [(f.rule, f.difference) for f in across
                                                          if f.outcome != "pass"]
    # A first year has no last year to compare with.
    assert not [f for f in _of(all_findings, "Norrsjön", 2023) if "last" in f.rule]


def test_funding_shares(archive, all_findings):
    funding = [f for f in all_findings if f.rule.startswith("funding_share_")]
    # Every report: state, region and kommuner, this year and last, as the law splits them.
    assert len(funding) == 6 * len(list(archive.glob("*.pdf")))
    assert all(f.outcome == "pass" for f in funding)
    # Kalmar 2024: staten 8 010 000, Region Kalmar län 4 005 000, twelve kommuner 4 005 000.
    kalmar = {(f.rule, f.column): f.actual for f in _of(all_findings, "Kalmar län", 2024)
              if f.rule.startswith("funding_share_")}
    assert kalmar[("funding_share_kommuner", "current")] == 4_005_000
    # A region that paid 30 000 too little breaks its share and the others'.
    result = process_bytes(str(archive / "norrsjon-2024.pdf"),
                           (archive / "norrsjon-2024.pdf").read_bytes())
    note = next(n for n in result.notes if n.note_key == "verksamhetens_intakter")
    region = next(a for r in note.rows if r.label.startswith("Driftbidrag från Region")
                  for a in r.amounts if a.column == "current")
    region.value -= 30_000
    fig, _ = figures(result.statements, result.notes)
    broken = {f.rule: f.difference for f in funding_findings(fig, load_lexicon())
              if f.column == "current" and f.outcome == "break"}
    assert broken == {"funding_share_state": 15_000, "funding_share_region": -22_500,
                      "funding_share_kommuner": 7_500}


def test_findings_store_their_outcome_and_missing_terms(archive, tmp_path, capsys):
    from finsam.cli import main
    url = f"sqlite:///{tmp_path / 'o.db'}"
    assert main(["ingest", str(archive / "norrsjon-2023.pdf"), "--db", url]) == 0
    capsys.readouterr()
    assert main(["check", "--db", url, "--format", "json", "--fail-on", "never"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["outcome"] for r in rows} >= {"pass", "explained", "break"}
    assert all(isinstance(r["missing"], list) for r in rows)
    assert all(SEVERITY[r["outcome"]] == r["severity"] for r in rows)
    # Norrsjön prints no avskrivningar: the rule says which term it did not find.
    rr = next(r for r in rows if r["rule"] == "rr_verksamhetens_resultat" and
              r["column"] == "current")
    assert (rr["outcome"], rr["missing"]) == ("break", ["rr.avskrivningar"])
    engine = open_engine(url)
    with Session(engine) as session:
        stored = session.scalars(select(Finding)).all()
        assert len(stored) == len(rows)
        assert {f.outcome for f in stored} == {r["outcome"] for r in rows}
        assert all(json.loads(f.missing) is not None for f in stored)
    engine.dispose()


def test_every_annual_report_has_its_core_lines(all_findings):
    assert not [f for f in all_findings if f.rule.endswith("_core_lines")]


def test_last_years_budget_is_no_figure_of_last_year():
    # An overview "Budget 2023 | 2023 | 2024" in the report of 2024: the budget column
    # ("previous_budget", period year 2023) stands first; the equity roll read last year's
    # equity from it (a year's figure, wherever printed) and found a false error.
    from checks.engine import check_report
    from checks.findings import Figure, ReportFigures
    fig = ReportFigures(None, "Ravnsjö", 2024)
    for key, (budget, last, this) in {"eget_kapital": (1500, 1548, 1689),
                                      "arets_resultat": (-50, 141, 141)}.items():
        for column, value, year in (("previous_budget", budget, 2023), ("previous", last, 2023),
                                    ("current", this, 2024)):
            fig.statements[("femarsoversikt", key, column)] = Figure(value * 1000, "f", 1, key, "tkr",
                                                                     period_year=year)
    found = [(f.rule, f.column, f.outcome) for f in check_report(fig, load_lexicon())
             if f.rule == "oversikt_eget_kapital_roll"]
    assert ("oversikt_eget_kapital_roll", "current", "pass") in found
    assert not any(outcome != "pass" for _, _, outcome in found)
