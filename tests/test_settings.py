"""Tolerances live in one place: core/settings.py (its doctests test the validation itself)."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from core.settings import DIGITAL

ROOT = Path(__file__).resolve().parents[1]
# The stages whose tolerances core/settings.py holds. A module-level name bound to a bare
# number there is a tolerance kept outside it (true constants are derived or named data).
STAGES = ("parsers", "repair", "checks")


def _is_number(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int | float) and not isinstance(node.value, bool)
    if isinstance(node, ast.UnaryOp):
        return _is_number(node.operand)
    if isinstance(node, ast.BinOp):
        return _is_number(node.left) and _is_number(node.right)
    return False


def numeric_constants(root: Path = ROOT) -> list[str]:
    found = []
    for package in STAGES:
        for path in sorted((root / package).rglob("*.py")):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                targets = node.targets if isinstance(node, ast.Assign) else \
                    [node.target] if isinstance(node, ast.AnnAssign) and node.value else []
                if len(targets) == 1 and isinstance(targets[0], ast.Name) and _is_number(node.value):
                    found.append(f"{path.relative_to(root).as_posix()}:{node.lineno} {targets[0].id}")
    return found


def test_no_tolerance_outside_settings() -> None:
    assert numeric_constants() == []


def test_the_scan_finds_a_bare_tolerance(tmp_path: Path) -> None:
    (tmp_path / "parsers").mkdir()
    (tmp_path / "parsers" / "x.py").write_text("GAP = 1.5\nNEG: float = -2\nNAME = 'a'\n"
                                               "OK = DIGITAL.layout.group_gap\n")
    assert numeric_constants(tmp_path) == ["parsers/x.py:1 GAP", "parsers/x.py:2 NEG"]


@pytest.mark.parametrize(("section", "name", "value", "says"), [
    ("classify", "fuzzy_share", 1.5, "is a share"),
    ("classify", "stacked_gap", -0.5, "must be >= 0"),
    ("tables", "arithmetic_key_score", 101.0, "is a score"),
    ("tables", "fuzzy_key_confidence", 1.2, "is a share"),
    ("checks", "uncertain_below", -1, "must be >= 0"),
])
def test_moved_tolerances_are_validated(section: str, name: str, value: float, says: str) -> None:
    with pytest.raises(ValueError, match=f"{section}.{name} {says}"):
        replace(getattr(DIGITAL, section), **{name: value})


def test_one_fact_one_setting() -> None:
    """Facts two stages share are read from one setting, not kept twice."""
    from checks.findings import Figure, half_unit
    from checks.rules import TOLERANCES
    from parsers import classify, sections

    assert TOLERANCES is DIGITAL.checks
    assert half_unit(Figure(1, "x.pdf", 1, "x", unit="tkr")) == DIGITAL.tables.tkr_rounding
    assert (classify.MARGIN_SHARE, classify.HEADER_MIN_PAGES) == \
        (sections.MARGIN_SHARE, sections.RUNNING_LINE_PAGES)


def test_reread_languages_are_ocr_settings() -> None:
    """The re-reads' languages are OCR options (ingest/ocr.py), among the OCR's own languages
    (the ones the CLI checks are installed), and no part of the OCR cache's key: changing them
    leaves every OCR'd copy valid."""
    from ingest.ocr import OcrSettings
    from repair import reread

    langs = reread.PageImages(b"").langs
    assert (langs.text, langs.digit, langs.page, langs.tag) == ("swe", "eng", "swe+eng", "")
    assert OcrSettings(heading_languages=("eng",)).key([1]) == OcrSettings().key([1])
    assert OcrSettings(languages=("swe",), digit_languages=("swe",)).key([1]) != \
        OcrSettings().key([1])
    with pytest.raises(ValueError, match=r"re-read languages \['fin'\] are not among"):
        OcrSettings(heading_languages=("fin",))


def test_the_runs_ocr_languages_reach_every_re_read() -> None:
    """``--ocr-lang`` (OcrOptions.languages) is the OCR's and the re-reads' language: not a
    default taken when the module was imported."""
    from finsam.cli import _ocr_languages
    from finsam.pipeline import OcrOptions
    from ingest.ocr import OcrSettings
    from repair.reread import PageImages

    options = OcrOptions(languages=_ocr_languages("swe"))
    settings = options.settings()
    assert (settings.languages, settings.heading_languages, settings.digit_languages) == \
        (("swe",), ("swe",), ("swe",))
    langs = PageImages(b"", settings=settings).langs
    assert (langs.text, langs.digit, langs.page) == ("swe", "swe", "swe")
    # Readings in other languages are kept apart from the default ones.
    assert langs.tag and langs.tag != PageImages(b"").langs.tag
    fin = OcrOptions(languages=("fin", "swe", "eng")).settings()
    assert (fin.heading_languages, fin.digit_languages) == (("swe",), ("eng",))
    assert OcrOptions(jobs=2).settings() == OcrSettings(jobs=2)


def test_a_figure_whose_sign_a_line_took_stays_doubtful() -> None:
    """confidence.ruled_sign (Word.sign_lost) lies below the checks' doubt line: a figure
    whose minus a ruling line may have taken is never stored sure."""
    with pytest.raises(ValueError, match="confidence.ruled_sign must be below"):
        replace(DIGITAL, confidence=replace(DIGITAL.confidence, ruled_sign=0.9))
