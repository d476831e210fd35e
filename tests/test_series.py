"""The archive as series: figures per förbund and year from the right document, a missing
year filled from the next report, breaks across a gap found, and the database in Datasette."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from db.insatser import group
from db.series import STATEMENT_SERIES
from finsam.cli import main
from fixtures.generate import build_all
from fixtures.layouts import LAYOUTS
from fixtures.render import render
from fixtures.truth import Report

# A förbund with a year missing from its archive (2021), and a break in the 2022 report's
# 2021 column that only the 2020 report can show.
GAP = {"name": "Gapsjön", "layout": "budget", "years": [2019, 2020, 2022],
       "region": "Region Dalarna", "state": "Driftbidrag från Försäkringskassan",
       "kommuner": ["Leksand", "Rättvik"], "breaks": {2022: ["cashflow_previous"]}}


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("history")
    for name, report in build_all(11, [GAP]):
        render(report, out / f"{name}.pdf", LAYOUTS[report.layout])
        report.save(out / f"{name}.json")
    return out


def _truth(folder: Path) -> dict[tuple[int, str], int]:
    """(year, series key) → the year's own report's figure, and for the missing year the
    next report's previous-year figure."""
    keys = {src: s.key for s in STATEMENT_SERIES for src in s.sources[:1]}
    out: dict[tuple[int, str], int] = {}
    for path in sorted(folder.glob("*.json")):
        report = Report.load(path)
        for statement, lines in report.statements.items():
            for ln in lines:
                key = keys.get((statement, ln.key))
                if key and "current" in ln.values:
                    out[(report.fiscal_year, key)] = ln.values["current"]
                if key and "previous" in ln.values:
                    out.setdefault((report.fiscal_year - 1, key), ln.values["previous"])
    return out


def test_series_from_own_and_next_report(history, db_url, tmp_path, capsys):
    assert main(["ingest", str(history), "--db", db_url, "--jobs", "1"]) == 0
    out = tmp_path / "series.parquet"
    assert main(["export", "series", "--db", db_url, "--format", "parquet", "-o", str(out)]) == 0
    series = pd.read_parquet(out)
    got = {(int(r.year), r.key): r.value for r in series.itertuples()}
    truth = _truth(history)
    costs = {s.key for s in STATEMENT_SERIES if s.cost}
    wrong = {k: (got.get(k), v) for k, v in truth.items()
             if got.get(k) != (-abs(v) if k[1] in costs else v)}
    assert not wrong
    how = {(int(r.year), r.key): r.how for r in series.itertuples()}
    assert how[(2020, "arets_resultat")] == "own_report"
    assert how[(2021, "arets_resultat")] == "next_report"  # the year missing from the archive
    source = series[(series.year == 2021) & (series.key == "arets_resultat")].source_file.iloc[0]
    assert source.endswith("gapsjon-2022.pdf")
    wide = tmp_path / "wide.csv"
    assert main(["series", "--db", db_url, "--wide", "-o", str(wide)]) == 0
    table = pd.read_csv(wide)
    assert {2018, 2019, 2020, 2021, 2022} <= set(table.year)  # 2021 from the 2022 report
    assert list(table.year) == sorted(set(table.year))  # one row per year
    assert {"arets_resultat", "summa_eget_kapital", "deltagare"} <= set(table.columns)


def test_break_across_a_missing_year(history, db_url, capsys):
    assert main(["ingest", str(history), "--db", db_url, "--jobs", "1"]) == 0
    capsys.readouterr()
    main(["check", "--db", db_url, "--format", "json", "--fail-on", "never"])
    findings = json.loads(capsys.readouterr().out)
    gap = [f for f in findings if f["rule"] == "series_opening_cash" and f["fiscal_year"] == 2021]
    assert len(gap) == 1 and gap[0]["severity"] == "error"
    assert gap[0]["difference"] == -25_000
    files = {Path(loc["file"]).name for loc in gap[0]["locations"]}
    assert files == {"gapsjon-2020.pdf", "gapsjon-2022.pdf"}
    # Consistent years across documents give no error.
    others = [f for f in findings if f["rule"].startswith("series_") and f is not gap[0]
              and f["severity"] == "error"]
    assert not others


def test_holdings_show_the_missing_year(history, db_url, tmp_path):
    assert main(["ingest", str(history), "--db", db_url, "--jobs", "1"]) == 0
    out = tmp_path / "holdings.json"
    assert main(["export", "holdings", "--db", db_url, "--format", "json", "-o", str(out)]) == 0
    rows = {r["year"]: r for r in json.loads(out.read_text())}
    assert sorted(rows) == [2019, 2020, 2021, 2022]
    assert [y for y, r in rows.items() if r["gap"]] == [2021]
    assert rows[2020]["arsredovisning"] == 1 and rows[2021]["arsredovisning"] == 0


def test_insatser_across_spelling_case_and_renaming():
    names = [("Plattform Vimmerby/Hultsfred", 2019), ("KRUS", 2019), ("Motivationslyftet", 2019),
             ("Plattformen", 2020), ("Krus", 2020), ("Motivationslyftel", 2020),
             ("Trappan", 2020), ("KRUS", 2021), ("Trappan", 2021), ("Trappsteget", 2021)]
    found = {i.name: {n for n in i.names} for i in group("Exempel", names)}
    assert found["KRUS"] == {"KRUS", "Krus"}
    assert found["Plattformen"] == {"Plattform Vimmerby/Hultsfred", "Plattformen"}
    assert found["Trappan"] == {"Trappan"}
    assert {"Motivationslyftet", "Motivationslyftel"} in found.values()  # an OCR'd letter
    # Printed beside "Trappan" in 2021, so another insats however alike.
    assert found["Trappsteget"] == {"Trappsteget"}
    assert len(found) == 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read()


@pytest.fixture
def served(history, tmp_path):
    db = f"sqlite:///{tmp_path / 'f.db'}"
    assert main(["ingest", str(history), "--db", db, "--jobs", "1"]) == 0
    assert main(["check", "--db", db, "--fail-on", "never"]) == 0
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-m", "finsam.cli", "serve", "--db", db, "--port",
                             str(port), "--workdir", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                _get(base + "/-/versions.json")
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(proc.stdout.read().decode())
                time.sleep(0.25)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_over_http(served):
    rows = json.loads(_get(served + "/finsam/series.json?key=arets_resultat&_shape=array"))
    assert {r["year"] for r in rows} >= {2019, 2020, 2021, 2022}
    assert all(r["organisation"] == "Gapsjön" for r in rows)
    gaps = json.loads(_get(served + "/finsam/years_without_arsredovisning.json?_shape=array"))
    assert gaps == [{"organisation": "Gapsjön", "year": 2021}]
    restated = json.loads(_get(served + "/finsam/largest_restatements.json?_shape=array"))
    assert isinstance(restated, list)
    facets = json.loads(_get(served + "/finsam/series.json?_facet=key"))
    assert "key" in facets["facet_results"]


@pytest.mark.skipif(not shutil.which("chromium"), reason="chromium is not installed")
def test_serve_in_a_browser(served):
    out = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu",
                          "--dump-dom", served + "/finsam/series_wide"],
                         capture_output=True, text=True, timeout=60)
    assert "Gapsjön" in out.stdout
    assert "arets_resultat" in out.stdout


def test_an_overviews_budget_is_no_source_of_a_years_figure():
    # An overview "2022 | 2023 | Budget 2023 | 2024 | Budget 2025": a budget column (this
    # year's, last year's "previous_budget", next year's) or a deviation is a plan, never
    # what the year came to (its figure was taken as the report's own, or as the overview's).
    from db.series import _how
    assert _how("current", 2024, 2024, "femarsoversikt") == "own_report"
    assert _how("year", 2022, 2024, "femarsoversikt") == "overview"
    for column, year in (("budget", 2024), ("previous_budget", 2023), ("budget", 2025),
                         ("deviation", 2024)):
        assert _how(column, year, 2024, "femarsoversikt") is None
        assert _how(column, year, 2024, "resultatrakning") is None


def test_member_kommuner_rows_are_no_insatser(tmp_path):
    # A summary's rows per member kommun without a total row are stored as a breakdown
    # (source "kommun", insats the kommun's name): the register of insatser listed
    # Glimmerby, Dalaholm and Ekevik as insatser of the förbund.
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas
    from sqlalchemy.orm import Session

    from checks.store import run_checks
    from core.lexicon import load_lexicon
    from db.insatser import insatser
    from db.series import series_rows
    from db.session import open_engine
    from db.store import store
    from finsam.pipeline import process_bytes
    from fixtures.render import FAMILIES, register_fonts
    register_fonts()
    font, bold = FAMILIES["sans"]
    pdf = tmp_path / "kommuner.pdf"
    c = Canvas(str(pdf), pagesize=A4, invariant=1)
    c.setFont(bold, 15)
    c.drawString(56, 780, "Samordningsförbundet Ravnsjö – Årsredovisning 2015")
    c.setFont(font, 10)
    c.drawString(56, 750, "Medlemmar är Försäkringskassan, Arbetsförmedlingen, Region Glimmerland och")
    c.drawString(56, 736, "kommunerna Glimmerby, Dalaholm och Ekevik.")
    c.setFont(bold, 13)
    c.drawString(56, 700, "Deltagare i insatserna")
    c.setFont(bold, 9.5)
    c.drawString(56, 680, "Kommun")
    c.drawRightString(330, 680, "Deltagare")
    c.drawRightString(420, 680, "Nya")
    c.setFont(font, 9.5)
    for i, (name, n, new) in enumerate([("Glimmerby", 30, 12), ("Dalaholm", 12, 5), ("Ekevik", 8, 3)]):
        c.drawString(56, 664 - 16 * i, name)
        c.drawRightString(330, 664 - 16 * i, str(n))
        c.drawRightString(420, 664 - 16 * i, str(new))
    # A later table prints the förbund's total (a person in two insatser counts once in
    # each kommun row but the total says 52): the printed figure is the year's, never the sum
    # computed from the kommuner (it stood first and won).
    c.setFont(bold, 13)
    c.drawString(56, 560, "Uppföljning av deltagare")
    c.setFont(bold, 9.5)
    c.drawString(56, 540, "Insats")
    c.drawRightString(330, 540, "Deltagare")
    c.setFont(font, 9.5)
    for i, (name, n) in enumerate([("Kompass", 30), ("Brobygget", 22), ("Totalt", 52)]):
        c.drawString(56, 524 - 16 * i, name)
        c.drawRightString(330, 524 - 16 * i, str(n))
    c.showPage()
    c.save()
    result = process_bytes(str(pdf), pdf.read_bytes())
    stored = {(p.insats, p.source_table) for p in result.participants}
    assert stored >= {("Glimmerby", "kommun"), ("", "summary")}
    engine = open_engine(f"sqlite:///{tmp_path / 'f.db'}")
    with Session(engine) as session, session.begin():
        store(session, result)
    with Session(engine) as session:
        assert sorted(n for i in insatser(session) for n in i.names) == ["Brobygget", "Kompass"]
        rows = {(r.key, r.year): r.value for r in series_rows(session, load_lexicon())}
        assert rows[("deltagare", 2015)] == 52
    with Session(engine) as session, session.begin():
        found = [(f.rule, f.outcome, f.severity) for f in run_checks(session)
                 if f.severity != "info" and "summary" in f.rule]
    assert found == []
    engine.dispose()


def test_serve_stopped_by_sigterm_stops_datasette_too(tmp_path):
    # `finsam serve` ran Datasette as a child and a SIGTERM ended finsam alone: Datasette
    # kept the port (and, under a pipe, ran on for good: every test run left two behind).
    (tmp_path / "empty").mkdir()
    db = f"sqlite:///{tmp_path / 'e.db'}"
    assert main(["ingest", str(tmp_path / "empty"), "--db", db]) == 0
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    proc = subprocess.Popen([sys.executable, "-m", "finsam.cli", "serve", "--db", db, "--port",
                             str(port), "--workdir", str(tmp_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                            start_new_session=True)
    try:
        _serve_then_stop(proc, f"http://127.0.0.1:{port}")
    finally:  # a failed assertion leaves no server behind, nor its Datasette (its group's)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=20)


def _serve_then_stop(proc: subprocess.Popen, base: str) -> None:
    for _ in range(120):
        try:
            _get(base + "/-/versions.json")
            break
        except OSError:
            assert proc.poll() is None, proc.stdout.read().decode()
            time.sleep(0.25)
    else:  # never served: nothing below could tell a stopped Datasette from none at all
        proc.terminate()
        pytest.fail(f"Datasette never served {base}: {proc.communicate(timeout=20)[0].decode()}")
    proc.terminate()
    assert proc.wait(timeout=20) == 0
    for _ in range(40):  # Datasette's shutdown takes a moment
        try:
            _get(base + "/-/versions.json")
        except OSError:
            return
        time.sleep(0.25)
    pytest.fail(f"Datasette still serves {base} after finsam serve was stopped")
