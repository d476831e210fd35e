"""Participant tables, insats forms and goal tables against the fixtures' ground truth."""

from __future__ import annotations

import json

import pytest

from core.lexicon import load_lexicon
from finsam.cli import main
from finsam.pipeline import process_bytes
from fixtures.compare import count_accuracy, extracted_counts, goal_accuracy
from fixtures.truth import Report
from parsers.goals import status_of
from tests.helpers import page_with

GENERATED = ["vastra_bergslagen-2023", "vastra_bergslagen-2024", "norrsjon-2023",
             "norrsjon-2024", "sodra_malarkusten-2017", "sodra_malarkusten-2018"]
PARTICIPANT_COLUMNS = ["organisation", "fiscal_year", "insats", "measure", "group",
                       "period_year", "value", "source_table", "source_file", "page"]
GOAL_COLUMNS = ["organisation", "fiscal_year", "insats", "level", "goal", "target_pct",
                "outcome_pct", "status", "comment", "source_file", "page"]


def _score(pdf, result=None):
    truth = Report.load(pdf.with_suffix(".json"))
    result = result or process_bytes(str(pdf), pdf.read_bytes())
    expected = truth.activity.expected_counts(truth.fiscal_year)
    counts, wrong = count_accuracy(expected, extracted_counts(result))
    goals, goal_wrong = goal_accuracy(truth.activity.goals, result.goals)
    return truth, expected, counts, wrong, goals, goal_wrong


def test_born_digital_counts_and_goals(archive):
    total = exact = goals = goals_exact = 0
    for name in GENERATED:
        truth, expected, counts, wrong, g, goal_wrong = _score(archive / f"{name}.pdf")
        print(f"participants {name}: {counts}/{len(expected)} counts exact, "
              f"{g}/{len(truth.activity.goals)} goals exact")
        assert not wrong and not goal_wrong, (wrong + goal_wrong)[:10]
        # "Nothing wrong" means something only when the report prints counts and goals.
        assert counts == len(expected) > 0 and g == len(truth.activity.goals) > 0, name
        total, exact = total + len(expected), exact + counts
        goals, goals_exact = goals + len(truth.activity.goals), goals_exact + g
    print(f"participants born-digital: {exact}/{total} counts, {goals_exact}/{goals} goals exact")
    # Every layout's tables are there: summary, history and forms of every style.
    assert total > 500 and goals > 20


@pytest.mark.parametrize(("text", "status", "comment"), [
    ("Målet är i stort uppnått", "i_stort_uppnatt", ""),
    ("Målet bedöms ha uppnåtts, fem informationer har hållits under 2024", "uppnatt",
     "fem informationer har hållits under 2024"),
    ("Uppfyllt 74 avslutade av 120", "uppnatt", "74 avslutade av 120"),
    ("Ej uppfyllt", "ej_uppnatt", ""),
    ("Delvis uppfyllt. Arbetet fortsätter 2025", "delvis", "Arbetet fortsätter 2025"),
    ("Malet har uppnatts", "uppnatt", ""),  # OCR without å/ä/ö
    ("Arbetet pågår enligt plan", "delvis", "Arbetet enligt plan"),
    ("Se avsnittet om deltagare", "okand", "Se avsnittet om deltagare"),
])
def test_status_words(text, status, comment):
    assert status_of(text, load_lexicon()) == (status, comment)


def test_exports_follow_the_contract(archive, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    assert main(["ingest", str(archive / "norrsjon-2024.pdf"), "--db", url]) == 0
    capsys.readouterr()
    main(["export", "participants", "--db", url, "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert list(rows[0])[:len(PARTICIPANT_COLUMNS)] == PARTICIPANT_COLUMNS
    truth = Report.load(archive / "norrsjon-2024.json")
    expected = truth.activity.expected_counts(2024)
    got = {(r["insats"] or "", r["measure"], r["group"], r["period_year"], r["source_table"]):
           r["value"] for r in rows}
    assert got == expected
    history = sorted(r["period_year"] for r in rows if r["source_table"] == "history"
                     and r["measure"] == "deltagare")
    assert history == list(range(2015, 2025))
    main(["export", "goals", "--db", url, "--format", "json"])
    goals = json.loads(capsys.readouterr().out)
    assert list(goals[0])[:len(GOAL_COLUMNS)] == GOAL_COLUMNS
    assert [g["status"] for g in goals] == [g.status for g in truth.activity.goals]
    table_page = page_with(archive / "norrsjon-2024.pdf", "Måluppfyllelse")
    assert goals[0]["page"] == table_page and all(g["page"] >= table_page for g in goals)


def test_kalmar_2024_tables_forms_and_goals(archive):
    """Tabell 1 and 2, the eight insats reports of the bilagor (seven on the standard form,
    one in prose) and the måluppfyllelse table, with the reference's own figures."""
    truth, expected, counts, wrong, goals, goal_wrong = _score(archive / "kalmar_lan-2024.pdf")
    print(f"participants Kalmar län 2024: {counts}/{len(expected)} counts exact, "
          f"{goals}/{len(truth.activity.goals)} goals exact")
    assert not wrong and not goal_wrong, (wrong + goal_wrong)[:10]
    forms = {k[0] for k in expected if k[4] == "form"}
    assert forms == {"Kompass", "KRUS", "Plattformen", "Pontibus", "RESA", "SAMBA",
                     "Knutpunkten", "Vägknuten"}
    assert expected[("Kompass", "tid_forsorjning_saknas", "total", 2024, "form")] == 1  # "1c"
    assert expected[("KRUS", "pagaende", "kvinnor", 2024, "form")] == 16  # the 2024-12-31 column
    assert expected[("", "deltagare", "total", 2011, "history")] == 178
