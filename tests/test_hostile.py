"""Hostile documents: their texts stay text in the report, the exports and the log lines.

The hostile report (fixtures/hostile.py) carries script, SVG and attribute payloads in its
förbund name, insats names, goal texts and note labels, spreadsheet formulas, control
characters and a 10 000-character word; the hostile zip has member names with ``../``, an
absolute path, a newline and an escape sequence.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from finsam.cli import main
from fixtures import hostile

TITLE = "finsam – granskningsrapport"


@pytest.fixture(scope="module")
def hostile_files(tmp_path_factory) -> tuple[Path, Path]:
    out = tmp_path_factory.mktemp("hostile")
    pdf = hostile.write_hostile_pdf(out / "hostile-2024.pdf")
    return pdf, hostile.write_hostile_zip(out / "hostile.zip", pdf)


@pytest.fixture(scope="module")
def hostile_db(hostile_files, tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('hdb') / 'h.db'}"
    assert main(["ingest", str(hostile_files[0]), "--db", url]) == 0
    main(["check", "--db", url, "--fail-on", "never", "--format", "json"])
    return url


def test_payloads_are_stored_as_text(hostile_files, db_url, capsys):
    """The payloads reach the database as they were printed (so the tests below test
    something), on SQLite and PostgreSQL alike."""
    assert main(["ingest", str(hostile_files[0]), "--db", db_url]) == 0
    capsys.readouterr()
    main(["export", "notes", "--db", db_url, "--format", "json"])
    notes = json.loads(capsys.readouterr().out)
    labels = {n["label"] for n in notes}
    assert hostile.ORGANISATION in {n["organisation"] for n in notes}
    assert set(hostile.FORMULAS) <= labels and hostile.SCRIPT in labels  # json keeps raw text
    assert any(label.startswith("Kontroll") for label in labels)
    main(["export", "goals", "--db", db_url, "--format", "json"])
    goals = [g["goal"] for g in json.loads(capsys.readouterr().out)]
    assert any(g.startswith(hostile.GOAL_FORMULA) for g in goals)
    assert any(g.endswith(hostile.GOAL_ATTRIBUTE) for g in goals)


def test_report_runs_no_script(hostile_db, tmp_path):
    out = tmp_path / "report.html"
    assert main(["report", "--db", hostile_db, "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    # The förbund name is in the summary and the charts, escaped, never as markup.
    assert "Evil&lt;svg/onload=document.title=/pwned/.source&gt;" in html
    assert "<svg/onload" not in html and "<script" not in html and "<img src=x" not in html
    assert html.count("<svg") == html.count("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"") > 0
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium not installed (Debian package chromium; make test installs it)")
    dom = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                          "--virtual-time-budget=3000", "--dump-dom", out.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    # A payload that ran would have set the title; one parsed as markup would be an element.
    assert re.search(r"<title>(.*?)</title>", dom).group(1) == TITLE
    assert hostile.MARK not in re.search(r"<title>(.*?)</title>", dom).group(1)
    assert not re.search(r"<[a-z]+[^>]*\son(load|error)=", dom)
    assert "<script" not in dom
    assert "Evil&lt;svg/onload=" in dom  # the text is there, as text


def _cells(rows: list[list]) -> list[str]:
    return [v for row in rows for v in row if isinstance(v, str)]


def test_spreadsheet_exports_run_no_formula(hostile_db, tmp_path, capsys):
    for name in ("notes", "participants", "goals", "findings", "statements"):
        xlsx = tmp_path / f"{name}.xlsx"
        assert main(["export", name, "--db", hostile_db, "--format", "xlsx", "-o", str(xlsx)]) == 0
        sheet = openpyxl.load_workbook(xlsx).active
        cells = [c for row in sheet.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"]
        texts = [c.value for c in cells if isinstance(c.value, str)]
        assert not [t for t in texts if t.startswith(("=", "+", "@"))]
        csv_out = tmp_path / f"{name}.csv"
        assert main(["export", name, "--db", hostile_db, "-o", str(csv_out)]) == 0
        with csv_out.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        dangerous = [t for t in _cells(rows) if t.startswith(("=", "+", "-", "@", "\t", "\r"))
                     and not re.fullmatch(r"[+-]?\d+(?:[.,]\d+)?", t)]
        assert not dangerous, dangerous[:3]
    notes = pd.read_csv(tmp_path / "notes.csv")
    assert "'" + hostile.HYPERLINK in set(notes.label)  # neutralised, not dropped
    xlsx_labels = {c.value for c in openpyxl.load_workbook(tmp_path / "notes.xlsx").active["F"]}
    assert "'" + hostile.DDE in xlsx_labels
    goals = pd.read_csv(tmp_path / "goals.csv")
    assert any(g.startswith("'" + hostile.GOAL_FORMULA + " ") for g in goals.goal)
    # Amounts stay numbers: a negative amount is not "neutralised" into text.
    assert pd.api.types.is_integer_dtype(notes.amount)
    # parquet keeps the raw text.
    main(["export", "notes", "--db", hostile_db, "--format", "parquet", "-o",
          str(tmp_path / "n.parquet")])
    assert hostile.HYPERLINK in set(pd.read_parquet(tmp_path / "n.parquet").label)


def test_log_lines_show_control_characters(hostile_files, tmp_path, capsys):
    named = tmp_path / "evil\x1b[2J\nname.pdf"
    named.write_bytes(hostile_files[0].read_bytes())
    url = f"sqlite:///{tmp_path / 'log.db'}"
    assert main(["ingest", str(named), "--db", url]) == 0
    main(["check", "--db", url, "--fail-on", "never"])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "\x1b" not in text and "\x00" not in text and "\u202e" not in text
    assert "evil\\x1b[2J\\nname.pdf: stored" in captured.err  # one line, escapes visible
    assert "\\u202etecken" in captured.out  # a note label (RTL override) in a finding


def test_zip_member_names_are_labels(hostile_files, tmp_path, capsys, monkeypatch):
    work = tmp_path / "deep" / "work"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    url = f"sqlite:///{work / 'zip.db'}"
    before = set(tmp_path.rglob("*"))
    rc = main(["ingest", str(hostile_files[1]), "--db", url, "--jobs", "2"])
    captured = capsys.readouterr()
    assert rc == 0, captured
    assert "stored 5," in captured.out
    # Nothing written by member name: no escaped file, no absolute path.
    # (the database and its own companions: journal, WAL, shared memory, migration lock)
    assert set(tmp_path.rglob("*")) - before <= {
        work / f"zip.db{end}" for end in ("", "-journal", "-wal", "-shm", ".lock")}
    assert not Path("/tmp/finsam-absolute.pdf").exists()
    err_lines = [ln for ln in captured.err.splitlines() if ln.startswith("[")]
    assert len(err_lines) == 5  # a member name's newline does not start a new line
    assert any("!two\\nlines.pdf: stored" in ln for ln in err_lines)
    assert any("!esc\\x1b[31mred.pdf: stored" in ln for ln in err_lines)
    main(["export", "documents", "--db", url, "--format", "json"])
    names = {d["source_file"].split("!", 1)[1] for d in json.loads(capsys.readouterr().out)}
    assert names == set(hostile.ZIP_MEMBERS)
    # The report reads the pages back through the same member names (crops, not extraction).
    main(["check", "--db", url, "--fail-on", "never", "--format", "json"])
    out = tmp_path / "zip-report.html"
    assert main(["report", "--db", url, "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count("data:image/png;base64,") > 0


def test_damaged_zip_member_fails_alone(hostile_files, archive, tmp_path, capsys):
    """A member whose data is damaged (CRC fails) is one failure; the batch goes on."""
    bundle = tmp_path / "damaged.zip"
    good = (archive / "norrsjon-2023.pdf").read_bytes()
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_STORED) as archive_file:
        archive_file.writestr("good.pdf", good)
        archive_file.writestr("damaged.pdf", good)
    raw = bytearray(bundle.read_bytes())
    second = raw.rindex(b"%PDF")  # the damaged member's data, stored uncompressed
    raw[second + 500] ^= 0xFF
    bundle.write_bytes(bytes(raw))
    rc = main(["ingest", str(bundle), "--db", f"sqlite:///{tmp_path / 'd.db'}"])
    out = capsys.readouterr().out
    assert rc == 1 and "stored 1," in out
    assert re.search(r"damaged.zip!damaged.pdf: cannot read file: unreadable zip member: "
                     r"Bad CRC-32", out), out


def test_a_ten_thousand_character_name_is_cut_in_log_lines(hostile_files, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'long.db'}"
    main(["ingest", str(hostile_files[1]), "--db", url, "--jobs", "1"])
    err = capsys.readouterr().err
    long_line = next(ln for ln in err.splitlines() if "nnnnn" in ln)
    assert len(long_line) < 500 and "…(+" in long_line and long_line.endswith("2024)")
    main(["export", "documents", "--db", url, "--format", "json"])
    assert any(len(d["source_file"]) > 10_000 for d in json.loads(capsys.readouterr().out))
