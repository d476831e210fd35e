"""`check` re-evaluates only the reports whose figures or linked reports changed; what it
returns and stores equals a full check."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from checks.store import check_reports
from db.models import Document, Finding, Report
from db.session import open_engine
from db.store import store
from finsam.cli import main
from finsam.pipeline import process_bytes

ADDED = "vastra_bergslagen-2023.pdf"  # last year's report of vastra_bergslagen-2024


def _store(engine, pdfs) -> None:
    with Session(engine) as session, session.begin():
        for pdf in pdfs:
            store(session, process_bytes(str(pdf), pdf.read_bytes()))


def _report_ids(engine) -> dict[str, int]:
    with Session(engine) as session:
        rows = session.execute(select(Document.source_file, Report.id).join(Report)).all()
    return {src.rsplit("/", 1)[-1]: rid for src, rid in rows}


def _stored_findings(engine) -> list[tuple]:
    with Session(engine) as session:
        rows = session.scalars(select(Finding)).all()
        return sorted((f.report_id, f.rule, f.severity, f.column, f.message, f.expected,
                       f.actual, f.difference, f.locations) for f in rows)


def test_check_after_one_new_report_touches_it_and_its_neighbours(archive, db_url, capsys):
    engine = open_engine(db_url)
    pdfs = sorted(archive.rglob("*.pdf"))
    _store(engine, [p for p in pdfs if p.name != ADDED])
    with Session(engine) as session, session.begin():
        first = check_reports(session)
    assert first.evaluated and len(first.evaluated) == first.reports  # never checked: all
    with Session(engine) as session, session.begin():
        again = check_reports(session)
    assert again.evaluated == []  # nothing changed
    assert [asdict(f) for f in again.findings] == [asdict(f) for f in first.findings]

    _store(engine, [p for p in pdfs if p.name == ADDED])
    ids = _report_ids(engine)
    with Session(engine) as session, session.begin():
        incremental = check_reports(session)
    # The new report, and the reports of the next year of its förbund (their rules across
    # years read it as last year's report); no other.
    neighbours = [ids["vastra_bergslagen-2024.pdf"], ids["vastra_bergslagen-verksamhetsplan-2024.pdf"]]
    assert sorted(incremental.evaluated) == sorted([ids[ADDED], *neighbours])
    assert incremental.reports == first.reports + 1
    stored_incremental = _stored_findings(engine)

    with Session(engine) as session, session.begin():
        full = check_reports(session, full=True)
    assert len(full.evaluated) == full.reports
    assert [asdict(f) for f in incremental.findings] == [asdict(f) for f in full.findings]
    assert _stored_findings(engine) == stored_incremental
    # Re-evaluating the neighbour mattered: its rules across years now had last year's figures.
    vb24 = ids["vastra_bergslagen-2024.pdf"]
    assert [asdict(f) for f in first.findings if f.report_id == vb24] != \
        [asdict(f) for f in incremental.findings if f.report_id == vb24]
    engine.dispose()

    assert main(["check", "--db", db_url, "--fail-on", "never"]) == 0
    assert f"checked 0 of {full.reports} reports" in capsys.readouterr().err
    assert main(["check", "--all", "--db", db_url, "--fail-on", "never"]) == 0
    assert f"checked {full.reports} of {full.reports} reports" in capsys.readouterr().err
