"""Load a report's figures from the database; run the checks; store their findings."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, contains_eager

from checks.engine import check_report
from checks.findings import (
    Figure,
    FindingData,
    GoalFigure,
    NoteFigures,
    ReportFigures,
    note_row_label,
    year_column,
)
from checks.identity import identity_findings
from checks.participants import count_label
from checks.series import series_findings
from core.lexicon import LEXICON_PATH, load_lexicon
from db.models import (
    CheckState,
    Document,
    Finding,
    GoalRow,
    NoteLine,
    PageRecord,
    ParticipantCount,
    Report,
    StatementLine,
)


def _bbox(line: StatementLine | NoteLine | ParticipantCount | GoalRow
          ) -> tuple[float, float, float, float] | None:
    if line.x0 is None or line.top is None or line.x1 is None or line.bottom is None:
        return None
    return (line.x0, line.top, line.x1, line.bottom)


def load_figures(session: Session, report: Report) -> ReportFigures:
    source = report.document.source_file
    scanned = set(session.scalars(select(PageRecord.page).where(
        PageRecord.document_id == report.document_id, PageRecord.ocr.is_(True))))
    fig = ReportFigures(report.id, report.organisation, report.fiscal_year, kind=report.kind)
    lines = session.scalars(select(StatementLine).where(StatementLine.report_id == report.id)
                            .order_by(StatementLine.statement, StatementLine.row_order))
    for ln in lines:
        # The first printed line of a key wins (a later duplicate is a sub-line).
        fig.statements.setdefault((ln.statement, ln.line_key,
                                   year_column(ln.column, ln.period_year)),
                                  Figure(ln.amount, source, ln.page, ln.label, ln.unit,
                                         _bbox(ln), ln.confidence, ln.period_year,
                                         scanned=ln.page in scanned))
    notes: dict[int, NoteFigures] = {}
    for nl in session.scalars(select(NoteLine).where(NoteLine.report_id == report.id)
                              .order_by(NoteLine.note_no, NoteLine.row_order)):
        note = notes.setdefault(nl.note_no, NoteFigures(nl.note_no, nl.note_key, nl.note_title))
        label = note_row_label(nl.label, nl.is_total, nl.group_name)
        note.rows.append((nl.row_type, nl.group_name, label, nl.column,
                          Figure(nl.amount, source, nl.page, label, nl.unit, _bbox(nl),
                                 nl.confidence, nl.period_year, scanned=nl.page in scanned)))
    fig.notes = list(notes.values())
    for c in session.scalars(select(ParticipantCount).where(ParticipantCount.report_id == report.id)
                             # printed counts first: a computed total only where none is
                             .order_by(ParticipantCount.key_match == "computed",
                                       ParticipantCount.row_order)):
        key = (c.insats, c.source_table, c.measure, c.group_name, c.period_year)
        fig.activity.counts.setdefault(key, Figure(
            c.value, source, c.page, count_label(*key), "st", _bbox(c), c.confidence,
            c.period_year))
    for g in session.scalars(select(GoalRow).where(GoalRow.report_id == report.id)
                             .order_by(GoalRow.row_order)):
        fig.activity.goals.append(GoalFigure(
            g.goal, g.outcome_pct, f"{g.activity} {g.raw_text}",
            Figure(0, source, g.page, g.goal[:60], "st", _bbox(g), g.confidence)))
    return fig


@dataclass
class CheckRun:
    """The findings of every stored report, and which reports this run evaluated."""

    findings: list[FindingData]  # of every report (or, without load, of those evaluated)
    evaluated: list[int]  # report ids whose findings were computed now
    reports: int  # reports in the database


def run_checks(session: Session, full: bool = True) -> list[FindingData]:
    """The findings of every report; ``full=False`` re-evaluates only what changed."""
    return check_reports(session, full).findings


def check_reports(session: Session, full: bool = False, load: bool = True) -> CheckRun:
    """Evaluate the reports whose inputs changed since the last run (their figures, their
    linked reports' figures, the rules), or every report with ``full``; the findings of the
    others stay as stored. Returns the findings of every report, in report order (without
    ``load``: only those evaluated now)."""
    reports = list(session.scalars(
        select(Report).join(Document).where(Document.status == "stored")
        .options(contains_eager(Report.document))
        .order_by(Report.organisation, Report.fiscal_year, Report.id)))
    links = _links(reports)
    inputs = _input_fingerprints(session, reports, links)
    before = dict(session.execute(select(CheckState.report_id, CheckState.fingerprint)).all())
    todo = [r for r in reports if full or before.get(r.id) != inputs[r.id]]
    todo_ids = [r.id for r in todo]
    if full:
        session.execute(delete(Finding))
        session.execute(delete(CheckState))
    else:
        for chunk in _chunks(todo_ids):
            session.execute(delete(Finding).where(Finding.report_id.in_(chunk)))
            session.execute(delete(CheckState).where(CheckState.report_id.in_(chunk)))
    by_id = {r.id: r for r in reports}
    loaded: dict[int, ReportFigures] = {}

    def figures_of(report_id: int) -> ReportFigures:
        if report_id not in loaded:
            loaded[report_id] = load_figures(session, by_id[report_id])
        return loaded[report_id]
    fresh: dict[int, list[FindingData]] = {}
    for report in todo:
        fig = figures_of(report.id)
        last = links[report.id].last
        fig.last = figures_of(last) if last is not None else None
        fresh[report.id] = check_report(fig)
        _store_findings(session, fresh[report.id])
        session.add(CheckState(report_id=report.id, fingerprint=inputs[report.id]))
    archive = _archive_findings(session, None if full else
                                {r.organisation for r in todo if r.organisation})
    if not load:
        return CheckRun([f for r in reports for f in fresh.get(r.id, [])] + archive, todo_ids,
                        len(reports))
    kept = _stored_findings(session, [r.id for r in reports if r.id not in fresh])
    findings = [f for r in reports for f in (fresh.get(r.id) or kept.get(r.id, []))]
    return CheckRun(findings + archive, todo_ids, len(reports))


def _archive_findings(session: Session, changed: set[str] | None) -> list[FindingData]:
    """Findings about the archive rather than one report's figures, stored without a report
    so the incremental bookkeeping of report findings never keeps a stale one: a document
    whose förbund or year is unknown (every run: cheap), and the rules over the series, for
    the förbund ``changed`` (a report of theirs was evaluated now; None: every förbund)."""
    archive = Finding.report_id.is_(None)
    series = Finding.rule.like("series%")
    redo = series if changed is None else series & Finding.organisation.in_(changed)
    session.execute(delete(Finding).where(archive, ~series))
    session.execute(delete(Finding).where(archive, redo))
    found = identity_findings(session) + series_findings(session, load_lexicon(), changed)
    found = [replace(f, report_id=None) for f in found]
    _store_findings(session, found)
    return found + _stored_where(session, archive & series & ~redo)


@dataclass
class _Links:
    last: int | None  # last year's årsredovisning of the same förbund (the rules across years)
    # Other reports of the same förbund and year (bilagor stored as documents of their own):
    # not read by today's rules, but a change there re-evaluates this report all the same.
    same_year: list[int]


def _links(reports: list[Report]) -> dict[int, _Links]:
    """The reports each report's findings may depend on; the same choice as evaluation."""
    by_year = {(r.organisation, r.fiscal_year): r.id for r in reports
               if r.kind == "arsredovisning" and r.organisation and r.fiscal_year}
    groups: dict[tuple, list[int]] = {}
    for r in reports:
        if r.organisation and r.fiscal_year:
            groups.setdefault((r.organisation, r.fiscal_year), []).append(r.id)
    return {r.id: _Links(by_year.get((r.organisation, r.fiscal_year - 1)) if r.fiscal_year
                         else None,
                         [i for i in groups.get((r.organisation, r.fiscal_year), []) if i != r.id])
            for r in reports}


def _rules_version() -> str:
    """The rules' fingerprint: the checks' code and the lexicon (labels, vocabulary)."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")) + [LEXICON_PATH]:
        h.update(path.read_bytes())
    return h.hexdigest()


_AGGREGATES = ((StatementLine, StatementLine.amount), (NoteLine, NoteLine.amount),
               (ParticipantCount, ParticipantCount.value), (GoalRow, GoalRow.outcome_pct))


def _input_fingerprints(session: Session, reports: list[Report], links: dict[int, _Links]
                        ) -> dict[int, str]:
    """Per report, a hash of what its findings are computed from. Its own part is cheap:
    per table a count, a sum and the newest row id (rows are only ever added or deleted)."""
    own: dict[int, list] = {r.id: [r.id, r.organisation, r.fiscal_year, r.kind,
                                   r.document.sha256, r.document.source_file] for r in reports}
    for model, value in _AGGREGATES:
        q = select(model.report_id, func.count(), func.sum(value), func.max(model.id)) \
            .group_by(model.report_id)
        for report_id, *agg in session.execute(q):
            if report_id in own:
                own[report_id].append((model.__tablename__, *map(str, agg)))
    own_fp = {rid: hashlib.sha256(repr(v).encode()).hexdigest() for rid, v in own.items()}
    rules = _rules_version()
    return {r.id: hashlib.sha256(repr((rules, own_fp[r.id],
                                       own_fp.get(links[r.id].last),
                                       sorted(own_fp[i] for i in links[r.id].same_year))
                                      ).encode()).hexdigest()
            for r in reports}


def _store_findings(session: Session, findings: list[FindingData]) -> None:
    for f in findings:
        session.add(Finding(report_id=f.report_id, rule=f.rule, severity=f.severity,
                            organisation=f.organisation, fiscal_year=f.fiscal_year,
                            column=f.column, message=f.message, expected=f.expected,
                            actual=f.actual, difference=f.difference,
                            locations=json.dumps(f.locations, ensure_ascii=False),
                            outcome=f.outcome, missing=json.dumps(f.missing),
                            convention=f.convention))


def _stored_findings(session: Session, report_ids: list[int]) -> dict[int, list[FindingData]]:
    """The stored findings of these reports as FindingData, in the order they were found."""
    out: dict[int, list[FindingData]] = {}
    for chunk in _chunks(report_ids):
        for f in _stored_where(session, Finding.report_id.in_(chunk)):
            out.setdefault(f.report_id, []).append(f)
    return out


def _stored_where(session: Session, clause) -> list[FindingData]:
    """Stored findings as FindingData (every field of FindingData that the findings table
    holds, by name)."""
    names = [f.name for f in fields(FindingData) if f.name in Finding.__table__.c]
    parsed: dict[str, list[dict]] = {}  # many findings compare the same figures
    out = []
    q = select(*(Finding.__table__.c[n] for n in names)).where(clause).order_by(Finding.id)
    for row in session.execute(q):
        found = dict(zip(names, row, strict=True))
        text_ = found["locations"]
        if text_ not in parsed:
            parsed[text_] = json.loads(text_)
        found["locations"] = parsed[text_]
        if "missing" in found:  # JSON text in the table
            found["missing"] = json.loads(found["missing"] or "[]")
        found["outcome"] = found.get("outcome") or "pass"
        found["convention"] = found.get("convention") or ""
        out.append(FindingData(**found))
    return out


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]
