"""`finsam report`: one self-contained HTML file an auditor can mail.

A summary per förbund and year, the findings grouped by severity (each with its figures, the
difference, the pages, and a crop of every page region compared with the figure outlined),
and charts of key figures across all years in the database. Images are inline (data: URIs),
charts are inline SVG: the file needs nothing beside it.

Every string here comes from documents written by others: all of it, the SVG charts too, is
written by the template with autoescape (no ``|safe``), and the page's Content-Security-Policy
allows no script at all.
"""

from __future__ import annotations

import base64
import io
import json
import zipfile
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
from jinja2 import Environment, PackageLoader, select_autoescape
from PIL import Image, ImageDraw
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from core.numbers import format_amount
from db.models import Document, Finding, ParticipantCount, Report, StatementLine
from finsam.errors import NoChecksRun
from ingest.discover import SourceFile

CROP_DPI = 110
CROP_MARGIN = 24  # points around the compared figures' line
MAX_CROPS_PER_FINDING = 4
KEPT_FILES, KEPT_PAGES = 4, 8
# Key figures charted across years: (title, [(statement, line_key), ... first printed wins]).
KEY_FIGURES = [
    ("Verksamhetens intäkter", [("resultatrakning", "verksamhetens_intakter")]),
    ("Verksamhetens kostnader", [("resultatrakning", "verksamhetens_kostnader")]),
    ("Årets resultat", [("resultatrakning", "arets_resultat")]),
    ("Likvida medel", [("kassaflodesanalys", "likvida_medel_vid_arets_slut"),
                       ("balansrakning", "kassa_och_bank")]),
    ("Eget kapital", [("balansrakning", "summa_eget_kapital")]),
]
SEVERITIES = [("error", "Fel"), ("warning", "Varningar")]


@dataclass
class Crop:
    caption: str
    data_uri: str


@dataclass
class ReportFinding:
    rule: str
    severity: str
    column: str | None
    message: str
    expected: int | None
    actual: int | None
    difference: int | None
    pages: str
    crops: list[Crop] = field(default_factory=list)


def _open_source(name: str) -> bytes | None:
    try:
        return SourceFile.from_name(name).read_bytes()
    except (OSError, KeyError, zipfile.BadZipFile):
        return None


class Cropper:
    """Crops of compared figures. Findings come sorted by förbund and year, so their files
    and pages repeat: a few open files and rendered pages are kept, never the whole archive."""

    def __init__(self) -> None:
        self.docs: OrderedDict[str, pdfium.PdfDocument | None] = OrderedDict()
        self.pages: OrderedDict[tuple[str, int], Image.Image] = OrderedDict()

    def _doc(self, name: str) -> pdfium.PdfDocument | None:
        if name not in self.docs:
            data = _open_source(name)
            self.docs[name] = pdfium.PdfDocument(data) if data else None
            while len(self.docs) > KEPT_FILES:
                _, old = self.docs.popitem(last=False)
                if old is not None:
                    old.close()
        self.docs.move_to_end(name)
        return self.docs[name]

    def _page(self, name: str, doc: pdfium.PdfDocument, number: int) -> Image.Image:
        key = (name, number)
        if key not in self.pages:
            self.pages[key] = doc[number - 1].render(scale=CROP_DPI / 72).to_pil().convert("RGB")
            while len(self.pages) > KEPT_PAGES:
                self.pages.popitem(last=False)
        self.pages.move_to_end(key)
        return self.pages[key]

    def crop(self, loc: dict) -> Crop | None:
        """The page region of one compared figure; None when the file is gone or unreadable."""
        try:
            return self._crop(loc)
        except Exception:  # a moved or broken source file must not stop the report
            return None

    def _crop(self, loc: dict) -> Crop | None:
        name = loc["file"]
        doc = self._doc(name)
        if doc is None:
            # Paths are stored as they were given to ingest: say where the page was looked for.
            return Crop(f"{name}, s. {loc['page']}: page image not available (file not found "
                        "or unreadable from here)", "")
        if not loc.get("bbox") or loc["page"] > len(doc):
            return None
        width, height = doc[loc["page"] - 1].get_size()
        scale = CROP_DPI / 72
        image = self._page(name, doc, loc["page"]).copy()  # the outline is drawn on a copy
        x0, top, x1, bottom = loc["bbox"]
        box = (0, max(0, top - CROP_MARGIN), width, min(height, bottom + CROP_MARGIN))
        draw = ImageDraw.Draw(image)
        draw.rectangle([(x0 - 3) * scale, (top - 2) * scale, (x1 + 3) * scale,
                        (bottom + 2) * scale], outline=(220, 30, 30), width=3)
        piece = image.crop(tuple(int(v * scale) for v in box))
        buf = io.BytesIO()
        piece.save(buf, "PNG", optimize=True)
        uri = "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()
        caption = (f"{Path(name.split('!')[-1]).name}, s. {loc['page']}: {loc.get('label', '')} "
                   f"{format_amount(loc['value']) if 'value' in loc else ''}")
        return Crop(caption, uri)

    def close(self) -> None:
        for doc in self.docs.values():
            if doc is not None:
                doc.close()


@dataclass
class ChartLine:
    organisation: str  # document text: escaped by the template, like every other string
    colour: str
    points: str
    dots: list[tuple[float, float, str]]  # x, y, tooltip


@dataclass
class Chart:
    """A small line chart, one line per förbund, years on the x axis; drawn as SVG by the
    template (``chart`` macro), so every text in it is escaped by Jinja's autoescape."""
    title: str
    unit: str
    width: int
    height: int
    pad: int
    zero_y: float
    years: list[tuple[int, float]]  # year, x
    lines: list[ChartLine]
    marks: list[tuple[float, float, str]] = field(default_factory=list)  # restated: x, y, tip


CHART_COLOURS = ["#1f6feb", "#d2691e", "#2e8b57", "#8a2be2", "#b22222", "#008b8b"]


def _chart(title: str, series: dict[str, dict[int, int]], unit: str = "kr",
           marked: set[int] | None = None) -> Chart | None:
    years = sorted({y for s in series.values() for y in s})
    values = [v for s in series.values() for v in s.values()]
    if not years or not values:
        return None
    w, h, pad = 420, 200, 40
    lo, hi = min(0, *values), max(0, *values)
    span = (hi - lo) or 1
    def x(year: int) -> float:
        return round(pad + (w - 2 * pad) * (years.index(year) / max(len(years) - 1, 1)), 1)
    def y(value: int) -> float:
        return round(h - pad - (h - 2 * pad) * (value - lo) / span, 1)
    lines = []
    for i, (org, points) in enumerate(sorted(series.items())):
        ordered = sorted(points.items())
        lines.append(ChartLine(
            org, CHART_COLOURS[i % len(CHART_COLOURS)],
            " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in ordered),
            [(x(yr), y(v), f"{org} {yr}: {format_amount(v)} {unit}") for yr, v in ordered]))
    marks = [(x(yr), y(v), f"{org} {yr}: restated by a later document")
             for org, points in series.items() for yr, v in points.items()
             if marked and yr in marked]
    return Chart(title, unit, w, h, pad, y(0), [(yr, x(yr)) for yr in years], lines, marks)


@dataclass
class HistoryPage:
    """One förbund's key figures across the years, as small multiples."""
    organisation: str  # document text: escaped by the template
    charts: list[Chart]
    notes: list[str]  # years whose figure came from another year's document


@dataclass
class NationalPage:
    charts: list[Chart]
    years: list[tuple[int, dict[str, int]]]  # year, key → how many förbund the total covers
    keys: list[tuple[str, str]]


def _history(engine: Engine) -> tuple[list[HistoryPage], NationalPage | None]:
    """Per förbund its series as small multiples (restated years marked), and the national
    view: every förbund together per year, with how many förbund each total covers."""
    from finsam.exports import table
    from finsam.history import HISTORY_KEYS, histories, national
    series, findings = table(engine, "series"), table(engine, "findings")
    if series.empty:
        return [], None
    pages = []
    for h in histories(series, findings):
        charts = [c for p in h.panels if (c := _chart(
            p.title, {h.organisation: dict(p.points)}, "st" if p.key in PEOPLE_KEYS else "kr",
            p.marked))]
        notes = sorted({f"{p.title} {y}: {how}" for p in h.panels for y, how in p.notes.items()})
        pages.append(HistoryPage(h.organisation, charts, notes))
    years, panels = national(series)
    charts = [c for p in panels if (c := _chart(
        p.title, {"alla förbund": dict(p.points)}, "st" if p.key in PEOPLE_KEYS else "kr"))]
    covered = [(y.year, {k: y.covered.get(k, 0) for k, _ in HISTORY_KEYS}) for y in years]
    return pages, NationalPage(charts, covered, list(HISTORY_KEYS))


PEOPLE_KEYS = ("deltagare", "nya", "avslutade", "pagaende")


def _charts(session: Session) -> list[Chart]:
    rows = session.execute(
        select(Report.organisation, Report.fiscal_year, StatementLine.statement,
               StatementLine.line_key, StatementLine.amount)
        .join(Report, StatementLine.report_id == Report.id)
        .join(Document, Report.document_id == Document.id)
        .where(StatementLine.column == "current", Document.status == "stored",
               Report.kind == "arsredovisning")
        .order_by(StatementLine.row_order))
    found: dict[tuple, int] = {}
    for org, year, statement, key, amount in rows:
        found.setdefault((org, year, statement, key), amount)
    charts = []
    for title, sources in KEY_FIGURES:
        series: dict[str, dict[int, int]] = defaultdict(dict)
        for (org, year, statement, key), amount in found.items():
            if (statement, key) in sources and year is not None and org:
                rank = sources.index((statement, key))
                # The first source in KEY_FIGURES that a report prints wins.
                if year not in series[org] or rank == 0:
                    series[org][year] = amount
        chart = _chart(title, series) if series else None
        if chart:
            charts.append(chart)
    deltagare = _participant_series(session)
    chart = _chart("Deltagare", deltagare, "deltagare") if deltagare else None
    if chart:
        charts.append(chart)
    return charts


def _participant_series(session: Session) -> dict[str, dict[int, int]]:
    """Participants of all insatser per year: each report's summary row for its own year,
    and its history table for the years before (the newest report's figure wins)."""
    rows = session.execute(
        select(Report.organisation, Report.fiscal_year, ParticipantCount.source_table,
               ParticipantCount.period_year, ParticipantCount.value)
        .join(Report, ParticipantCount.report_id == Report.id)
        .join(Document, Report.document_id == Document.id)
        .where(Document.status == "stored", ParticipantCount.insats == "",
               ParticipantCount.measure == "deltagare", ParticipantCount.group_name == "total",
               ParticipantCount.source_table.in_(("summary", "history")))
        .order_by(Report.fiscal_year, ParticipantCount.source_table))
    series: dict[str, dict[int, int]] = defaultdict(dict)
    for org, _, _, year, value in rows:
        if org and year is not None:
            series[org][year] = value  # later reports, and summary over history, win
    return dict(series)


def _nothing_to_report(session: Session) -> None:
    """No findings at all: the checks were never run (or nothing was ingested). An empty
    report would read as "no faults found"; say what to run instead."""
    if session.scalar(select(func.count()).select_from(Report)):
        raise NoChecksRun("no checks have been run on this database",
                          "run 'finsam check' first (with the same --db)")
    raise NoChecksRun("no annual reports in this database",
                      "run 'finsam ingest PATH' and 'finsam check' first (with the same --db)")


def unchecked_reports(session: Session) -> list[tuple[str | None, int | None, str]]:
    """Reports with statements stored after the last ``finsam check`` (no finding refers to
    them): (förbund, year, file). The report names them rather than leaving them out silently."""
    checked = select(Finding.report_id).where(Finding.report_id.is_not(None))
    with_lines = select(StatementLine.report_id)
    return [tuple(r) for r in session.execute(
        select(Report.organisation, Report.fiscal_year, Document.source_file)
        .join(Document, Report.document_id == Document.id)
        .where(Document.status == "stored", Report.id.in_(with_lines),
               Report.id.not_in(checked))
        .order_by(Report.organisation, Report.fiscal_year))]


def build_report(engine: Engine) -> str:
    env = Environment(loader=PackageLoader("finsam", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    env.filters["kr"] = lambda v: "" if v is None else format_amount(v)
    cropper = Cropper()
    try:
        with Session(engine) as session:
            findings = session.scalars(select(Finding).order_by(
                Finding.organisation, Finding.fiscal_year, Finding.id)).all()
            if not findings:
                _nothing_to_report(session)
            documents = session.scalars(select(Document).order_by(Document.id)).all()
            summary: dict[tuple, dict[str, int]] = defaultdict(
                lambda: {"error": 0, "warning": 0, "info": 0})
            groups: dict[str, list[tuple[str, int | None, ReportFinding]]] = defaultdict(list)
            for f in findings:
                summary[(f.organisation or "?", f.fiscal_year)][f.severity] += 1
                if f.severity == "info":
                    continue
                locations = json.loads(f.locations)
                crops = [c for c in (cropper.crop(loc) for loc in locations[:MAX_CROPS_PER_FINDING])
                         if c]
                pages = ", ".join(sorted({str(loc["page"]) for loc in locations}))
                groups[f.severity].append((f.organisation or "?", f.fiscal_year, ReportFinding(
                    f.rule, f.severity, f.column, f.message, f.expected, f.actual,
                    f.difference, pages, crops)))
            charts = _charts(session)
            history, nation = _history(engine)
            html = env.get_template("report.html.j2").render(
                history=history, nation=nation,
                summary=sorted(summary.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)),
                severities=[(key, title, groups.get(key, [])) for key, title in SEVERITIES],
                charts=charts, documents=documents, unchecked=unchecked_reports(session))
    finally:
        cropper.close()
    return html
