"""Store one parsed file in one transaction: a failure never touches what is stored."""

from __future__ import annotations

import json
from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.types import FileResult
from db.models import (
    Document,
    FactRow,
    GoalRow,
    NoteLine,
    PageRecord,
    ParticipantCount,
    Report,
    StatementLine,
)
from parsers.goals import Goal
from parsers.participants import Count
from parsers.tables import Amount


def already_stored(session: Session, sha256: str | None) -> Document | None:
    if not sha256:
        return None
    return session.scalars(select(Document).where(Document.sha256 == sha256,
                                                  Document.status == "stored")).first()


def _provenance(a: Amount | Count | Goal, raw: str | None = None) -> dict:
    x0, top, x1, bottom = a.bbox
    return {"page": a.page, "x0": x0, "top": top, "x1": x1, "bottom": bottom,
            "raw_text": a.raw if raw is None else raw, "confidence": a.confidence}


def store(session: Session, result: FileResult) -> Document:
    """Add ``result``; a file with the same hash that failed before is replaced."""
    if result.sha256:
        for old in session.scalars(select(Document).where(Document.sha256 == result.sha256,
                                                          Document.status != "stored")):
            session.delete(old)
    doc = Document(source_file=result.source_file, sha256=result.sha256, pages=result.pages,
                   kind=result.kind, organisation=result.organisation,
                   fiscal_year=result.fiscal_year, ocr=result.ocr,
                   signed=bool(result.signatures),
                   signed_by="; ".join(dict.fromkeys(s.signer for s in result.signatures)) or None,
                   signed_at=max((s.signed_at for s in result.signatures if s.signed_at),
                                 default=None),
                   status=result.status, error=result.error, orgnr=result.orgnr,
                   printed_name=result.printed_name, identified_by=result.identified_by,
                   problems=json.dumps([{"page": p, "reason": r} for p, r in result.problems],
                                       ensure_ascii=False) if result.problems else None,
                   sections=json.dumps([asdict(s) for s in result.sections], ensure_ascii=False))
    session.add(doc)
    for d in result.page_decisions:
        doc.page_rows.append(PageRecord(page=d.page, text_layer=d.layer, ocr=d.ocr,
                                        verification=d.verification, reason=d.reason))
    for order, f in enumerate(result.facts):
        doc.facts.append(FactRow(fact=f.fact, number=f.number, value=f.value, detail=f.detail,
                                 page=f.page, row_order=order))
    if result.error or not (result.statements or result.notes or result.participants
                            or result.goals):
        return doc
    report = Report(document=doc, organisation=result.organisation,
                    fiscal_year=result.fiscal_year, kind=result.kind)
    session.add(report)
    for st in result.statements.values():
        for row in st.rows:
            for a in row.amounts:
                report.statement_lines.append(StatementLine(
                    statement=st.statement, heading=st.heading, unit=st.unit,
                    line_key=row.line_key, label=row.label, note_ref=row.note_ref,
                    column=a.column, period_year=a.period_year, amount=a.value,
                    row_order=row.order, key_match=row.key_match, **_provenance(a)))
    for note in result.notes:
        for row in note.rows:
            for a in row.amounts:
                report.note_lines.append(NoteLine(
                    note_no=note.note_no, note_key=note.note_key, note_title=note.title,
                    line_key=row.line_key, label=row.label, group_name=row.group,
                    row_type=row.row_type, is_total=row.is_total, column=a.column,
                    period_year=a.period_year, amount=a.value, unit=note.unit,
                    row_order=row.order, key_match=row.key_match, **_provenance(a)))
    for order, c in enumerate(result.participants):
        report.participant_counts.append(ParticipantCount(
            insats=c.insats, measure=c.measure, group_name=c.group, period_year=c.period_year,
            value=c.value, source_table=c.source_table, row_order=order, key_match=c.key_match,
            **_provenance(c)))
    for order, g in enumerate(result.goals):
        report.goal_rows.append(GoalRow(
            insats=g.insats, level=g.level, goal=g.goal, target_pct=g.target_pct,
            outcome_pct=g.outcome_pct, status=g.status, comment=g.comment, activity=g.activity,
            row_order=order, key_match=g.key_match, **_provenance(g, raw=g.status_text)))
    return doc
