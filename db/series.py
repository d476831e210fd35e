"""The archive as series: one value per förbund, year and key figure, and where it came from.

Every document that prints a figure for a year is a source for it: that year's own report
(its current-year column), the next year's report (its previous-year column) and later
five-year overviews. The series keeps, in that order of trust, the first source it has and
says which (`how`); all sources stay available to the checks (``sources_by_year``), which
report where they disagree (a restatement).

Reads one förbund at a time, so memory does not grow with the archive.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.lexicon import Lexicon
from db.models import (
    Document,
    GoalRow,
    NoteLine,
    Organisation,
    ParticipantCount,
    Report,
    StatementLine,
)
from parsers.participants import KOMMUN_SOURCE
from parsers.tables import PLAN_ROLES

# Order of trust of a year's sources (CONTRACT: TABLE series, `how`).
HOW_ORDER = ("own_report", "next_report", "overview")
ANNUAL_KIND = "arsredovisning"


@dataclass(frozen=True)
class StatementSeries:
    """A key figure read from statement lines: (statement, line_key) in order of preference,
    and the five-year overview's key for the same quantity."""

    key: str
    sources: tuple[tuple[str, str], ...]
    overview: str | None = None
    # Costs are printed negative by some förbund and positive by others (and positive in
    # most five-year overviews): the series stores them negative, as a resultaträkning does.
    cost: bool = False


# The key table of the series: statements across eras already share these keys
# (finansieringsanalys is stored as kassaflodesanalys; municipal labels are keyed by the parser).
STATEMENT_SERIES: tuple[StatementSeries, ...] = (
    StatementSeries("verksamhetens_intakter", (("resultatrakning", "verksamhetens_intakter"),),
                    "verksamhetens_intakter"),
    StatementSeries("verksamhetens_kostnader", (("resultatrakning", "verksamhetens_kostnader"),),
                    "verksamhetens_kostnader", cost=True),
    StatementSeries("verksamhetens_resultat", (("resultatrakning", "verksamhetens_resultat"),)),
    StatementSeries("arets_resultat", (("resultatrakning", "arets_resultat"),), "arets_resultat"),
    StatementSeries("summa_eget_kapital", (("balansrakning", "summa_eget_kapital"),),
                    "eget_kapital"),
    StatementSeries("summa_tillgangar", (("balansrakning", "summa_tillgangar"),)),
    StatementSeries("fordringar", (("balansrakning", "fordringar"),)),
    StatementSeries("kortfristiga_skulder", (("balansrakning", "kortfristiga_skulder"),)),
    StatementSeries("likvida_medel_vid_arets_slut",
                    (("kassaflodesanalys", "likvida_medel_vid_arets_slut"),
                     ("balansrakning", "kassa_och_bank")), "likvida_medel"),
    StatementSeries("likvida_medel_vid_arets_borjan",
                    (("kassaflodesanalys", "likvida_medel_vid_arets_borjan"),)),
    StatementSeries("forandring_kortfristiga_fordringar",
                    (("kassaflodesanalys", "forandring_kortfristiga_fordringar"),)),
    StatementSeries("forandring_kortfristiga_skulder",
                    (("kassaflodesanalys", "forandring_kortfristiga_skulder"),)),
    StatementSeries("balanskravsresultat", (("balanskrav", "balanskravsresultat"),)),
)

# Participant measures of the summary and history rows (insats "" = all insatser together).
COUNT_SERIES = ("deltagare", "nya", "avslutade", "pagaende")
WORK_OR_STUDIES = ("till_arbete", "till_studier")
GOALS_MET = ("uppnatt",)
GOALS_KNOWN = ("uppnatt", "i_stort_uppnatt", "delvis", "ej_uppnatt")


@dataclass(frozen=True)
class Source:
    """One document's figure for one year."""

    value: float
    how: str
    source_file: str
    page: int | None
    document_year: int | None  # the fiscal year of the document that printed it
    unit: str = "kr"  # as printed: a tkr figure carries ±500 kr of rounding


@dataclass(frozen=True)
class SeriesRow:
    organisation_id: int | None
    organisation: str
    year: int
    key: str
    value: float
    unit: str
    how: str
    source_file: str
    page: int | None


@dataclass(frozen=True)
class OrgRef:
    """One förbund of the series: its organisation (one id across renames and for a merger's
    successor, db/organisations.py), or, before organisations are built, its printed name."""

    organisation_id: int | None
    name: str  # the current name
    names: frozenset[str]  # every name its reports printed


def organisations(session: Session) -> list[OrgRef]:
    q = (select(Document.organisation_id, Organisation.name, Report.organisation)
         .join(Document, Report.document_id == Document.id)
         .outerjoin(Organisation, Document.organisation_id == Organisation.id)
         .where(Report.organisation.is_not(None)).distinct())
    found: dict[object, tuple[str, set[str]]] = {}
    for org_id, name, printed in session.execute(q):
        key = org_id if org_id is not None else printed
        found.setdefault(key, (name or printed, set()))[1].add(printed)
    return sorted((OrgRef(k if isinstance(k, int) else None, n, frozenset(ps))
                   for k, (n, ps) in found.items()), key=lambda o: (o.name, o.organisation_id or 0))


def _reports(session: Session, org: OrgRef) -> list[tuple[Report, str]]:
    q = (select(Report, Document.source_file).join(Document, Report.document_id == Document.id)
         .where(Report.fiscal_year.is_not(None)).order_by(Report.fiscal_year, Report.id))
    q = q.where(Document.organisation_id == org.organisation_id) if org.organisation_id else \
        q.where(Report.organisation.in_(org.names), Document.organisation_id.is_(None))
    return [(r, f) for r, f in session.execute(q)]


def _how(column: str, period_year: int | None, report_year: int, statement: str) -> str | None:
    """Which kind of source a printed amount is for its year, or None when it is no source
    (a budget, a deviation)."""
    if column in PLAN_ROLES:  # an overview's "Budget 2023" too: a plan, not the year's figure
        return None
    if statement == "femarsoversikt":
        return "own_report" if period_year == report_year else "overview"
    if column == "current":
        return "own_report"
    if column == "previous":
        return "next_report"
    return None


Reports = dict[int, tuple[Report, str]]  # id → (report, its source file)


def statement_sources(session: Session, by_id: Reports) -> dict[tuple[str, int], list[Source]]:
    """(key, year) → every source of that figure, most trusted first."""
    wanted: dict[tuple[str, str], tuple[StatementSeries, int]] = {}
    for s in STATEMENT_SERIES:
        for rank, src in enumerate(s.sources):
            wanted[src] = (s, rank)
        if s.overview:
            wanted[("femarsoversikt", s.overview)] = (s, len(s.sources))
    out: dict[tuple[str, int], list[tuple[tuple, Source]]] = defaultdict(list)
    if not by_id:
        return {}
    lines = session.scalars(select(StatementLine).where(StatementLine.report_id.in_(by_id),
                                                        StatementLine.line_key.in_(
                                                            {k for _, k in wanted}))
                            .order_by(StatementLine.report_id, StatementLine.row_order))
    seen: set[tuple] = set()
    for ln in lines:
        hit = wanted.get((ln.statement, ln.line_key))
        report, source_file = by_id[ln.report_id]
        if hit is None or report.kind != ANNUAL_KIND:
            continue
        year = ln.period_year or report.fiscal_year
        how = _how(ln.column, ln.period_year, report.fiscal_year, ln.statement)
        if how is None or year is None:
            continue
        series, rank = hit
        key = series.key
        first = (ln.report_id, ln.statement, key, year, how)
        if first in seen:  # the first printed line of a key wins (a later one is a sub-line)
            continue
        seen.add(first)
        order = (HOW_ORDER.index(how), rank, -report.fiscal_year if how != "own_report" else 0)
        value = -abs(ln.amount) if series.cost else ln.amount
        out[(key, year)].append((order, Source(value, how, source_file, ln.page,
                                               report.fiscal_year, ln.unit)))
    return {k: [s for _, s in sorted(v, key=lambda p: p[0])] for k, v in out.items()}


def _count_sources(session: Session, reports: Reports) -> dict[tuple[str, int], list[Source]]:
    out: dict[tuple[str, int], list[tuple[tuple, Source]]] = defaultdict(list)
    if not reports:
        return {}
    q = (select(ParticipantCount).where(ParticipantCount.report_id.in_(reports),
                                        ParticipantCount.group_name == "total")
         .order_by(ParticipantCount.report_id, ParticipantCount.row_order))
    work: dict[tuple[int, int], list[ParticipantCount]] = defaultdict(list)
    insatser: dict[int, set[str]] = defaultdict(set)
    for c in session.scalars(q):
        report, source_file = reports[c.report_id]
        year = c.period_year or report.fiscal_year
        if c.source_table == "summary" and c.insats and c.measure == "deltagare":
            insatser[c.report_id].add(c.insats.lower())
        # A member kommun's row ("kommun") is a part of the förbund's, no insats of its own.
        if c.measure in WORK_OR_STUDIES and c.insats and c.source_table != KOMMUN_SOURCE \
                and year == report.fiscal_year:
            work[(c.report_id, year)].append(c)
        if c.measure not in COUNT_SERIES or c.insats:
            continue
        # A history table's row for a year further back is a later overview of that year.
        how = {0: "own_report", 1: "next_report"}.get(report.fiscal_year - year, "overview")
        # A total summed from member kommuner's rows is no printed figure: any printed one wins.
        order = (HOW_ORDER.index(how), c.key_match == "computed", c.source_table != "summary",
                 -report.fiscal_year)
        out[(c.measure, year)].append((order, Source(c.value, how, source_file, c.page,
                                                     report.fiscal_year, "st")))
    for (report_id, year), counts in work.items():
        report, source_file = reports[report_id]
        # One count per insats and measure: a form may be read twice (summary and bilaga).
        unique = {(c.insats.lower(), c.measure): c.value for c in counts}
        out[("till_arbete_eller_studier", year)].append(
            ((0, False, 0), Source(sum(unique.values()), "own_report", source_file,
                                   counts[0].page, report.fiscal_year)))
    for report_id, names in insatser.items():
        report, source_file = reports[report_id]
        out[("antal_insatser", report.fiscal_year)].append(
            ((0, False, 0), Source(len(names), "own_report", source_file, None,
                                   report.fiscal_year)))
    return {k: [s for _, s in sorted(v, key=lambda p: p[0])] for k, v in out.items()}


# The lexicon's payer names → the series keys (CONTRACT: bidrag_staten, bidrag_region, ...).
PAYER_KEYS = {"state": "bidrag_staten", "region": "bidrag_region", "kommuner": "bidrag_kommuner"}


def _funding_sources(session: Session, reports: Reports, lexicon: Lexicon
                     ) -> dict[tuple[str, int], list[Source]]:
    """Contributions per payer from the intäkter note: payer by label words, as the funding
    rule reads them (``Lexicon.payer_of``)."""
    note_key = lexicon.funding.get("note", "")
    out: dict[tuple[str, int], list[Source]] = defaultdict(list)
    if not reports:
        return {}
    q = (select(NoteLine).where(NoteLine.report_id.in_(reports), NoteLine.note_key == note_key,
                                NoteLine.row_type == "item", NoteLine.column == "current")
         .order_by(NoteLine.report_id, NoteLine.row_order))
    sums: dict[tuple[str, int], list] = {}
    for nl in session.scalars(q):
        report, source_file = reports[nl.report_id]
        payer = lexicon.payer_of(nl.label)
        if payer is None:
            continue
        entry = sums.setdefault((payer, nl.report_id), [0, source_file, nl.page,
                                                        report.fiscal_year])
        entry[0] += nl.amount
    for (payer, _), (value, source_file, page, year) in sums.items():
        key = PAYER_KEYS.get(payer, f"bidrag_{payer}")
        out[(key, year)].append(Source(value, "own_report", source_file, page, year))
    return dict(out)


def _goal_sources(session: Session, reports: Reports) -> dict[tuple[str, int], list[Source]]:
    if not reports:
        return {}
    met: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for g in session.scalars(select(GoalRow).where(GoalRow.report_id.in_(reports))):
        entry = met[g.report_id]
        entry[2] = entry[2] or g.page
        if g.status in GOALS_KNOWN:
            entry[1] += 1
            entry[0] += g.status in GOALS_MET
    out: dict[tuple[str, int], list[Source]] = {}
    for report_id, (n_met, n_known, page) in met.items():
        report, source_file = reports[report_id]
        if n_known and report.kind == ANNUAL_KIND:
            out[("andel_mal_uppnadda", report.fiscal_year)] = [
                Source(round(n_met / n_known, 4), "own_report", source_file, page,
                       report.fiscal_year)]
    return out


UNITS = {"deltagare": "st", "nya": "st", "avslutade": "st", "pagaende": "st",
         "till_arbete_eller_studier": "st", "antal_insatser": "st",
         "andel_till_arbete_eller_studier": "andel", "andel_mal_uppnadda": "andel"}


def all_sources(session: Session, organisation: OrgRef, lexicon: Lexicon
                ) -> dict[tuple[str, int], list[Source]]:
    reports = {r.id: (r, f) for r, f in _reports(session, organisation)}
    sources = statement_sources(session, reports)
    sources.update(_count_sources(session, reports))
    sources.update(_funding_sources(session, reports, lexicon))
    sources.update(_goal_sources(session, reports))
    return sources


def _derived(chosen: dict[tuple[str, int], Source]) -> dict[tuple[str, int], Source]:
    """Key figures computed from others of the same year (said so in `how`)."""
    out = {}
    years = {y for _, y in chosen}
    for year in years:
        work = chosen.get(("till_arbete_eller_studier", year))
        ended = chosen.get(("avslutade", year))
        if work and ended and ended.value:
            out[("andel_till_arbete_eller_studier", year)] = Source(
                round(work.value / ended.value, 4), "derived", work.source_file, work.page,
                work.document_year)
        cost = chosen.get(("verksamhetens_kostnader", year))
        people = chosen.get(("deltagare", year))
        if cost and people and people.value:
            out[("kostnad_per_deltagare", year)] = Source(
                round(abs(cost.value) / people.value), "derived", cost.source_file, cost.page,
                cost.document_year)
    return out


def series_rows(session: Session, lexicon: Lexicon) -> Iterator[SeriesRow]:
    """The long series, one förbund at a time."""
    for org in organisations(session):
        sources = all_sources(session, org, lexicon)
        chosen = {k: v[0] for k, v in sources.items() if v}
        chosen.update(_derived(chosen))
        for (key, year), src in sorted(chosen.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            yield SeriesRow(org.organisation_id, org.name, year, key, src.value,
                            UNITS.get(key, "kr"), src.how, src.source_file, src.page)
