"""A whole document: lines of every page, sections, and the parsed statements and notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.pdftext import PdfText
from normalize.lexicon import Lexicon
from parsers.budget import parse_budget
from parsers.goals import Goal, parse_goals
from parsers.layout import Line, page_lines
from parsers.notes import Note, parse_note
from parsers.participants import (
    PARTICIPANT_SECTIONS,
    Count,
    align_form_keys,
    parse_participants,
    summary_name,
)
from parsers.sections import Section, drop_running_lines, split_sections
from parsers.statements import STATEMENTS, Statement, parse_statement


@dataclass
class ParsedDocument:
    lines: list[Line]
    sections: list[Section]
    statements: dict[str, Statement] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    participants: list[Count] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)


def document_lines(text: PdfText) -> list[Line]:
    pages = drop_running_lines([page_lines(p) for p in text.pages])
    return [line for page in pages for line in page]


def parse_document(lines: list[Line], lexicon: Lexicon, fiscal_year: int | None) -> ParsedDocument:
    """Parse the lines of ``document_lines`` (computed once, shared with classification)."""
    sections = split_sections(lines, lexicon)
    doc = ParsedDocument(lines, sections)
    # A heading may occur more than once (contents list, a repeated table title): the
    # section that yields the most recognised rows is the statement.
    for sec in sections:
        if sec.kind in STATEMENTS:
            parsed = parse_statement(sec, lexicon, fiscal_year)
            best = doc.statements.get(sec.kind)
            if parsed.known_rows and (best is None or parsed.known_rows > best.known_rows):
                doc.statements[sec.kind] = parsed
    for sec in sections:
        if sec.kind == "projektbudget":
            parsed = parse_budget(sec, lexicon, fiscal_year)
            if parsed.rows and len(parsed.rows) > len(getattr(
                    doc.statements.get("projektbudget"), "rows", [])):
                doc.statements["projektbudget"] = parsed
    _infer_overview_unit(doc.statements)
    by_no: dict[int, Note] = {}
    for sec in sections:
        if sec.kind == "note":
            note = parse_note(sec, lexicon, fiscal_year)
            if not note.rows:
                continue
            old = by_no.get(note.note_no)
            if old is None or len(note.rows) > len(old.rows):
                by_no[note.note_no] = note
    doc.notes = [by_no[k] for k in sorted(by_no)]
    _parse_activity(doc, lexicon, fiscal_year)
    return doc


# A figure in tkr is within half a tkr of the kronor figure it rounds.
TKR_ROUNDING = 500


def _infer_overview_unit(statements: dict[str, Statement]) -> None:
    """The five-year overview often prints tkr without saying so: when its figures for this
    year are the income statement's in thousands, they are taken as tkr."""
    overview, rr = statements.get("femarsoversikt"), statements.get("resultatrakning")
    if overview is None or rr is None or overview.unit != "kr":
        return
    printed = {(r.line_key, a.column): a.value for r in rr.rows for a in r.amounts}
    pairs = [(a.value, printed[(r.line_key, a.column)]) for r in overview.rows for a in r.amounts
             if (r.line_key, a.column) in printed and a.column == "current"]
    # Signs differ between the two (costs), and a line may be defined otherwise (income
    # with financial income): most lines agreeing in thousands is enough.
    agree = sum(1 for v, kr in pairs if kr and abs(abs(v) * 1000 - abs(kr)) <= TKR_ROUNDING)
    if pairs and 2 * agree > len(pairs):
        for row in overview.rows:
            for a in row.amounts:
                a.value *= 1000
        overview.unit = "tkr"


def _parse_activity(doc: ParsedDocument, lexicon: Lexicon, fiscal_year: int | None) -> None:
    """Participant and goal tables. The insatser of the summary table name the insats
    reports in the bilagor: a report titled only "Årsredovisning Plattformen 2024" is found
    by that name, and a form's "KOMPASS" or "KRUS (Kalmar kommun)" is counted under the
    summary table's "Kompass" and "KRUS"."""
    summary = [c for sec in doc.sections if sec.kind == "deltagare"
               for c in parse_participants(sec, lexicon, fiscal_year)]
    names = tuple(dict.fromkeys(c.insats for c in summary if c.insats))
    doc.participants += summary  # read once, above
    sections = split_sections(doc.lines, lexicon, names) if names else doc.sections
    for sec in sections:
        if sec.kind == "deltagare":
            continue
        if sec.kind == "insatsrapport":
            doc.participants += summary_name(parse_participants(sec, lexicon, fiscal_year),
                                             sec.title, names, lexicon)
        elif sec.kind in PARTICIPANT_SECTIONS:
            doc.participants += parse_participants(sec, lexicon, fiscal_year)
        elif sec.kind == "maluppfyllelse":
            doc.goals += summary_name(parse_goals(sec, lexicon), sec.title, names, lexicon)
    align_form_keys(doc.participants, lexicon)
