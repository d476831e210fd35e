"""Load a report's figures from the database; run the checks; store their findings."""

from __future__ import annotations

import json

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from checks.engine import (
    Figure,
    FindingData,
    GoalFigure,
    NoteFigures,
    ReportFigures,
    check_report,
    note_row_label,
)
from checks.participants import count_label
from checks.series import series_findings
from db.models import (
    Document,
    Finding,
    GoalRow,
    NoteLine,
    ParticipantCount,
    Report,
    StatementLine,
)
from normalize.lexicon import load_lexicon


def _bbox(line: StatementLine | NoteLine | ParticipantCount | GoalRow
          ) -> tuple[float, float, float, float] | None:
    if line.x0 is None or line.top is None or line.x1 is None or line.bottom is None:
        return None
    return (line.x0, line.top, line.x1, line.bottom)


def load_figures(session: Session, report: Report) -> ReportFigures:
    source = report.document.source_file
    fig = ReportFigures(report.id, report.organisation, report.fiscal_year)
    lines = session.scalars(select(StatementLine).where(StatementLine.report_id == report.id)
                            .order_by(StatementLine.statement, StatementLine.row_order))
    for ln in lines:
        # The first printed line of a key wins (a later duplicate is a sub-line).
        fig.statements.setdefault((ln.statement, ln.line_key, ln.column),
                                  Figure(ln.amount, source, ln.page, ln.label, ln.unit,
                                         _bbox(ln)))
    notes: dict[int, NoteFigures] = {}
    for nl in session.scalars(select(NoteLine).where(NoteLine.report_id == report.id)
                              .order_by(NoteLine.note_no, NoteLine.row_order)):
        note = notes.setdefault(nl.note_no, NoteFigures(nl.note_no, nl.note_key, nl.note_title))
        label = note_row_label(nl.label, nl.is_total, nl.group_name)
        note.rows.append((nl.row_type, nl.group_name, label, nl.column,
                          Figure(nl.amount, source, nl.page, label, nl.unit, _bbox(nl))))
    fig.notes = list(notes.values())
    for c in session.scalars(select(ParticipantCount).where(ParticipantCount.report_id == report.id)
                             .order_by(ParticipantCount.row_order)):
        key = (c.insats, c.source_table, c.measure, c.group_name, c.period_year)
        fig.activity.counts.setdefault(key, Figure(
            c.value, source, c.page, count_label(*key), "st", _bbox(c)))
    for g in session.scalars(select(GoalRow).where(GoalRow.report_id == report.id)
                             .order_by(GoalRow.row_order)):
        fig.activity.goals.append(GoalFigure(
            g.goal, g.outcome_pct, f"{g.activity} {g.raw_text}",
            Figure(0, source, g.page, g.goal[:60], "st", _bbox(g))))
    return fig


def run_checks(session: Session) -> list[FindingData]:
    """Recompute every finding from what is stored now."""
    session.execute(delete(Finding))
    findings: list[FindingData] = []
    reports = session.scalars(select(Report).join(Document).where(Document.status == "stored")
                              .order_by(Report.organisation, Report.fiscal_year, Report.id))
    figures = [(report, load_figures(session, report)) for report in reports]
    # Last year's report of the same förbund, for the rules across years.
    by_year = {(r.organisation, r.fiscal_year): fig for r, fig in figures
               if r.kind == "arsredovisning" and r.organisation and r.fiscal_year}
    for report, fig in figures:
        if report.fiscal_year:
            fig.last = by_year.get((report.organisation, report.fiscal_year - 1))
        findings += check_report(fig)
    findings += series_findings(session, load_lexicon())
    for f in findings:
        session.add(Finding(report_id=f.report_id, rule=f.rule, severity=f.severity,
                            organisation=f.organisation, fiscal_year=f.fiscal_year,
                            column=f.column, message=f.message, expected=f.expected,
                            actual=f.actual, difference=f.difference,
                            locations=json.dumps(f.locations, ensure_ascii=False)))
    return findings
