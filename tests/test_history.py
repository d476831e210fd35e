"""The demo archive with history (fixtures/history.py): every year of every förbund in the
series as its truth says, the missing year filled and marked, the planted restatement and
the break across the missing year found, insatser held across the years."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest

from core.lexicon import fold
from db.series import STATEMENT_SERIES
from finsam.cli import main
from fixtures.history import HISTORY, write_history
from fixtures.truth import Report


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, str]:
    base = tmp_path_factory.mktemp("history")
    write_history(base / "archive")
    url = f"sqlite:///{base / 'f.db'}"
    register = str(base / "archive" / "register.toml")  # the rename and the merger
    assert main(["ingest", str(base / "archive"), "--db", url, "--jobs", "2",
                 "--lexicon", register]) == 0
    assert main(["check", "--db", url, "--fail-on", "never", "--format", "json",
                 "--lexicon", register]) == 0
    return base, url


# A renamed förbund is one organisation under its current name.
CURRENT = {"Bergsdalen": "Bergsdalen-Lindvik"}


def _truth(archive: Path) -> dict[tuple[str, int, str], int]:
    """(organisation, year, key) → the year's own report's figure; for a year without a
    report, the next report's previous-year figure."""
    keys = {src: s for s in STATEMENT_SERIES for src in s.sources[:1]}
    own: dict[tuple[str, int, str], int] = {}
    previous: dict[tuple[str, int, str], int] = {}
    for path in sorted(archive.glob("*.json")):
        report = Report.load(path)
        report.organisation = CURRENT.get(report.organisation, report.organisation)
        for statement, lines in report.statements.items():
            for ln in lines:
                series = keys.get((statement, ln.key))
                if series is None:
                    continue
                sign = (lambda v: -abs(v)) if series.cost else (lambda v: v)
                if "current" in ln.values:
                    own[(report.organisation, report.fiscal_year, series.key)] = \
                        sign(ln.values["current"])
                if "previous" in ln.values:
                    previous[(report.organisation, report.fiscal_year - 1, series.key)] = \
                        sign(ln.values["previous"])
    years = {(o, y) for o, y, _ in own}
    return own | {k: v for k, v in previous.items() if (k[0], k[1]) not in years}


def _series(base: Path, url: str) -> pd.DataFrame:
    out = base / "series.parquet"
    assert main(["export", "series", "--db", url, "--format", "parquet", "-o", str(out)]) == 0
    return pd.read_parquet(out)


def test_every_year_of_every_forbund(demo, figures):
    base, url = demo
    series = _series(base, url)
    got = {(r.organisation, int(r.year), r.key): r.value for r in series.itertuples()}
    truth = _truth(base / "archive")
    wrong = {k: (got.get(k), v) for k, v in truth.items() if got.get(k) != v}
    figures.append(f"history series: {len(truth) - len(wrong)}/{len(truth)} figures as the "
                   f"truth says, {len({(o, y) for o, y, _ in truth})} förbund-years")
    assert not wrong


def test_rename_is_one_organisation_and_merger_linked(demo, tmp_path):
    base, url = demo
    out = tmp_path / "organisations.json"
    assert main(["export", "organisations", "--db", url, "--format", "json", "-o", str(out)]) == 0
    orgs = {o["name"]: o for o in json.loads(out.read_text())}
    renamed = orgs["Bergsdalen-Lindvik"]
    assert "Bergsdalen" not in orgs
    assert (renamed["first_year"], renamed["last_year"]) == (2017, 2024)
    merged = orgs["Mellanmark"]["organisation_id"]
    assert orgs["Östmark"]["successor_id"] == merged == orgs["Västmark"]["successor_id"]
    assert sorted(json.loads(orgs["Mellanmark"]["predecessor_ids"])) == sorted(
        [orgs["Östmark"]["organisation_id"], orgs["Västmark"]["organisation_id"]])
    series = _series(base, url)
    years = series[series.organisation == "Bergsdalen-Lindvik"]
    assert years.organisation_id.nunique() == 1
    assert set(years[years.key == "arets_resultat"].year) >= set(range(2017, 2025))


def test_missing_year_filled_from_the_next_report(demo):
    base, url = demo
    series = _series(base, url)
    gap = series[(series.organisation == "Norrälven") & (series.year == 2021)]
    assert not gap.empty and set(gap.how) <= {"next_report", "overview", "derived"}
    assert set(gap[gap.how == "next_report"].source_file.map(lambda p: Path(p).name)) == {
        "norralven-2022.pdf"}


def _findings(url: str, capsys) -> list[dict]:
    capsys.readouterr()
    main(["check", "--db", url, "--format", "json", "--fail-on", "never"])
    return json.loads(capsys.readouterr().out)


def test_planted_restatement_and_break_across_the_gap(demo, capsys):
    _, url = demo
    findings = _findings(url, capsys)
    restated = [f for f in findings if f["rule"] == "series_restatement"]
    assert [(f["organisation"], f["fiscal_year"], f["difference"]) for f in restated] == [
        ("Norrälven", 2022, 50_000)]
    assert {Path(loc["file"]).name for loc in restated[0]["locations"]} == {
        "norralven-2022.pdf", "norralven-2024.pdf"}
    gap = [f for f in findings if f["rule"] == "series_opening_cash"]
    assert [(f["fiscal_year"], f["difference"], f["severity"]) for f in gap] == [
        (2021, -25_000, "error")]
    assert {Path(loc["file"]).name for loc in gap[0]["locations"]} == {
        "norralven-2020.pdf", "norralven-2022.pdf"}


def test_no_error_but_the_planted_ones(demo, capsys):
    """Every `error` in the history archive comes from a planted break (Norrälven's cash
    break of 2022 and its restated 2022 in the 2024 overview); a consistent report has none."""
    _, url = demo
    errors = {(f["organisation"], f["fiscal_year"], f["rule"])
              for f in _findings(url, capsys) if f["severity"] == "error"}
    assert {o for o, _, _ in errors} == {"Norrälven"}, errors
    assert {y for _, y, _ in errors} <= {2021, 2022, 2024}, errors


def test_insatser_hold_across_the_years(demo, tmp_path):
    _, url = demo
    out = tmp_path / "insatser.json"
    assert main(["export", "insatser", "--db", url, "--format", "json", "-o", str(out)]) == 0
    rows = json.loads(out.read_text())
    by_org = defaultdict(list)
    for r in rows:
        by_org[r["organisation"]].append(r)
    longest = max(HISTORY, key=lambda p: len(p["years"]))["book"]
    ids = by_org[longest]
    # One id per insats, never two ids for one name.
    names = [fold(n) for r in ids for n in r["names"]]
    assert len(names) == len(set(names))
    assert any(r["last_year"] - r["first_year"] >= 3 for r in ids)


def test_report_has_history_and_national_pages(demo, tmp_path):
    _, url = demo
    out = tmp_path / "report.html"
    assert main(["report", "--db", url, "-o", str(out)]) == 0
    html = out.read_text()
    history = html[html.index('id="history"'):html.index('id="national"')]
    assert "<h3>Bergsdalen-Lindvik</h3>" in history and "<h3>Bergsdalen</h3>" not in history
    # The planted restatement (Norrälven 2022, årets resultat) is the one ringed point.
    assert history.count('class="restated"') == 1
    assert "Norrälven 2022: restated" in history
    national = html[html.index('id="national"'):]
    assert "5 förbund" in national or "4 förbund" in national  # förbund a year's total covers
