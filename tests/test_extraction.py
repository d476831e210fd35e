"""Every statement and note amount of the born-digital fixtures is extracted exactly."""

from __future__ import annotations

import pytest

from tests.helpers import compare

NAMES = ["vastra_bergslagen-2023", "vastra_bergslagen-2024", "norrsjon-2023", "norrsjon-2024",
         "sodra_malarkusten-2017", "sodra_malarkusten-2018", "kalmar_lan-2024"]


@pytest.mark.parametrize("name", NAMES)
def test_amounts_exact(archive, name, figures):
    truth, result, expected, got = compare(archive / f"{name}.pdf")
    assert result.error is None
    exact = sum(1 for k, v in expected.items() if got.get(k) == v)
    extra = sorted(set(got) - set(expected))
    figures.append(f"extraction {name}: {exact}/{len(expected)} statement and note amounts "
                   f"exact ({100 * exact / len(expected):.1f} %), {len(extra)} unexpected")
    missing = {k: (v, got.get(k)) for k, v in expected.items() if got.get(k) != v}
    assert not missing, f"wrong or missing amounts (expected, got): {missing}"
    assert not extra, f"amounts that are not in the report: {extra}"


@pytest.mark.parametrize("name", NAMES)
def test_document_identified(archive, name):
    truth, result, _, _ = compare(archive / f"{name}.pdf")
    assert result.kind == "arsredovisning"
    assert result.organisation == truth.organisation
    assert result.fiscal_year == truth.fiscal_year


def test_statement_columns_carry_years(archive):
    _, result, _, _ = compare(archive / "norrsjon-2024.pdf")
    rr = result.statements["resultatrakning"]
    years = {(a.column, a.period_year) for row in rr.rows for a in row.amounts}
    assert years == {("budget", 2024), ("current", 2024), ("previous", 2023)}


def test_older_heading_is_finansieringsanalys(archive):
    _, result, _, _ = compare(archive / "sodra_malarkusten-2018.pdf")
    assert result.statements["kassaflodesanalys"].heading == "Finansieringsanalys"
