"""`finsam report`: the auditor's HTML report, opened in headless Chromium (Debian's chromium)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pdfplumber
import pikepdf
import pytest

from finsam.cli import main
from tests.helpers import page_with

FILES = ["norrsjon-2023", "norrsjon-2024", "sodra_malarkusten-2017", "sodra_malarkusten-2018"]


@pytest.fixture(scope="module")
def report_html(archive, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    url = f"sqlite:///{tmp / 'r.db'}"
    assert main(["ingest", *(str(archive / f"{n}.pdf") for n in FILES), "--db", url]) == 0
    main(["check", "--db", url, "--fail-on", "never", "--format", "json"])
    out = tmp / "report.html"
    assert main(["report", "--db", url, "-o", str(out)]) == 0
    return out


def test_report_lists_breaks_with_crops_and_charts(report_html, archive, capsys):
    html = report_html.read_text(encoding="utf-8")
    # The planted breaks, each a finding with its figures and a crop per compared figure.
    sections = re.findall(r'<section class="finding (\w+)" data-rule="([\w]+)">(.*?)</section>',
                          html, re.S)
    rules = {(sev, rule) for sev, rule, _ in sections}
    assert ("error", "rr_verksamhetens_resultat") in rules
    assert ("error", "kf_likvida_medel") in rules
    assert ("error", "kf_opening_equals_last_report") in rules
    for _, _, body in sections:
        assert "data:image/png;base64," in body
    page = page_with(archive / "norrsjon-2023.pdf", "Resultaträkning")
    assert f"norrsjon-2023.pdf, s. {page}: Resultat 174\u00a0367" in html
    # Charts of key figures across the years, inline SVG; no file beside the report needed.
    key_figures = html[html.index('id="charts"'):html.index('id="history"')]
    assert key_figures.count("<svg") == 6 and "Södra Mälarkusten" in key_figures
    assert "aria-label=\"Deltagare\"" in html  # participants per year, from 2011 on
    assert not re.search(r'src="(?!data:)', html)


def test_report_opens_in_chromium(report_html, tmp_path):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium not installed (Debian package chromium; make test installs it)")
    pdf = tmp_path / "printed.pdf"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report_html.as_uri()],
                   capture_output=True, timeout=120, check=True)
    with pdfplumber.open(pdf) as doc:
        text = "\n".join(p.extract_text() or "" for p in doc.pages)
        chart_curves = sum(len(p.curves) + len(p.lines) for p in doc.pages)
    assert "Granskningsrapport" in text and "kf_opening_equals_last_report" in text
    assert "Nyckeltal över åren" in text and "Verksamhetens intäkter (kr)" in text
    assert chart_curves > 0  # the SVG charts were drawn
    with pikepdf.open(pdf) as doc:
        images = sum(len(page.get_images()) for page in doc.pages)
    html = report_html.read_text(encoding="utf-8")
    distinct = len(set(re.findall(r'src="(data:image/png;base64,[^"]+)"', html)))
    assert distinct > 5 and images >= distinct  # every page crop was drawn, none broken


def test_report_says_when_a_source_file_is_gone(archive, tmp_path):
    moved = tmp_path / "norrsjon-2023.pdf"
    moved.write_bytes((archive / "norrsjon-2023.pdf").read_bytes())
    url = f"sqlite:///{tmp_path / 'gone.db'}"
    main(["ingest", str(moved), "--db", url])
    main(["check", "--db", url, "--fail-on", "never", "--format", "json"])
    moved.unlink()
    out = tmp_path / "report.html"
    assert main(["report", "--db", url, "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "rr_verksamhetens_resultat" in html
    assert "page image not available" in html and "data:image/png" not in html
