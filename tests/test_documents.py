"""The archive's other documents: protokoll, verksamhetsplan and tjänsteskrivelse, classified
and their key facts stored (export tables ``facts`` and ``goals``)."""

from __future__ import annotations

import json

from finsam.cli import main


def _export(table: str, url: str, capsys) -> list[dict]:
    capsys.readouterr()
    main(["export", table, "--db", url, "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_other_documents_facts_and_plan_goals(archive, tmp_path, capsys):
    other = archive / "other"
    url = f"sqlite:///{tmp_path / 'o.db'}"
    assert main(["ingest", str(other), "--db", url]) == 0
    docs = {d["kind"]: d for d in _export("documents", url, capsys)}
    assert set(docs) == {"protokoll", "verksamhetsplan", "tjansteskrivelse"}
    assert docs["protokoll"]["organisation"] == "Västra Bergslagen"
    assert docs["protokoll"]["fiscal_year"] == 2024  # the meeting's year
    facts = _export("facts", url, capsys)
    for kind in ("protokoll", "tjansteskrivelse"):
        truth = json.loads(next(other.glob(f"*-{kind}-*.json")).read_text("utf-8"))["facts"]
        got = [{k: v for k, v in (("fact", f["fact"]), ("value", f["value"]),
                                  ("number", f["number"]), ("detail", f["detail"]))
                if v not in (None, "")} for f in facts if f["kind"] == kind]
        assert got == truth, kind
    paragraphs = [f for f in facts if f["fact"] == "paragraph"]
    assert len(paragraphs) == 11 and all(f["number"] for f in paragraphs)
    plan = json.loads(next(other.glob("*-verksamhetsplan-*.json")).read_text("utf-8"))
    goals = _export("goals", url, capsys)
    assert [(g["level"], g["goal"], g["target_pct"]) for g in goals] == \
        [(g["level"], g["goal"], g["target_pct"]) for g in plan["goals"]]
    assert {g["status"] for g in goals} == {"okand"}  # a plan sets goals; it reports none
