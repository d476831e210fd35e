"""A whole document: lines of every page, sections, and the parsed statements and notes."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from core.lexicon import Lexicon, fold, key_match, weakest
from core.settings import DIGITAL, OCR
from ingest.pdftext import PdfText
from parsers.budget import parse_budget
from parsers.goals import Goal, goals_in_form, legend_table, parse_goals
from parsers.layout import Line, page_lines
from parsers.notes import Note, parse_note
from parsers.participants import (
    KOMMUN_SOURCE,
    PARTICIPANT_SECTIONS,
    Count,
    align_form_keys,
    member_places,
    parse_participants,
    summary_name,
)
from parsers.rows import YEAR_RE, is_header_line
from parsers.sections import Section, drop_running_lines, split_sections
from parsers.statements import STATEMENTS, Statement, parse_statement
from parsers.tables import TKR_PLAUSIBLE_MAX, own_scale


@dataclass
class ParsedDocument:
    lines: list[Line]
    sections: list[Section]
    statements: dict[str, Statement] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    participants: list[Count] = field(default_factory=list)
    # Counts of a scan's columns or form rows whose heading or label OCR lost (measure ""):
    # keyed by the repair (repair/placed.py) or never stored.
    unplaced: list[Count] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    unit: str | None = None  # the unit the report states once for all its tables
    seen: list[SectionSeen] = field(default_factory=list)


@dataclass
class SectionSeen:
    """A section as found, and how much of it was read (for ``finsam coverage``)."""

    kind: str
    heading: str
    page: int
    amount_lines: int  # lines with amounts in the section
    rows_read: int  # rows with amounts that were stored from it
    headless: bool = False  # its kind a guess: its heading missing or OCR-garbled


def document_lines(text: PdfText, lexicon: Lexicon | None = None) -> list[Line]:
    pages = drop_running_lines([page_lines(p) for p in text.pages], lexicon)
    return [line for page in pages for line in page]


def parse_document(lines: list[Line], lexicon: Lexicon, fiscal_year: int | None) -> ParsedDocument:
    """Parse the lines of ``document_lines`` (computed once, shared with classification)."""
    sections = split_sections(lines, lexicon)
    doc = ParsedDocument(lines, sections, unit=document_unit(lines, lexicon))
    read: dict[int, int] = {}
    # A heading may occur more than once (contents list, a repeated table title): the
    # section that yields the most recognised rows is the statement.
    for sec in sections:
        if sec.kind in STATEMENTS and not (sec.by_rows and not _looks_back(sec, fiscal_year)):
            parsed = parse_statement(sec, lexicon, fiscal_year, doc.unit)
            if sec.headless:  # its kind inferred from its rows: no figure surer than that
                _cap_headless(parsed.rows, sec.by_rows)
            read[id(sec)] = sum(1 for r in parsed.rows if r.amounts)
            best = doc.statements.get(sec.kind)
            if parsed.known_rows and (best is None or parsed.known_rows > best.known_rows):
                doc.statements[sec.kind] = parsed
    for sec in sections:
        if sec.kind == "projektbudget":
            parsed = parse_budget(sec, lexicon, fiscal_year)
            read[id(sec)] = len(parsed.rows)
            if parsed.rows and len(parsed.rows) > len(getattr(
                    doc.statements.get("projektbudget"), "rows", [])):
                doc.statements["projektbudget"] = parsed
    # The overview's own rule (most lines agreeing) first, so an income statement with a
    # printed unit gives it as before; again after the links, when that statement's unit was
    # itself found from magnitudes.
    _infer_overview_unit(doc.statements, lexicon)
    _doubt_tkr_headings(doc.statements, lexicon)
    _infer_statement_units(doc.statements, lexicon)
    _infer_overview_unit(doc.statements, lexicon)
    if _infer_units_from_turnover(doc.statements, lexicon):
        _infer_statement_units(doc.statements, lexicon)
    by_no: dict[int, Note] = {}
    for sec in sections:
        if sec.kind == "note":
            note = parse_note(sec, lexicon, fiscal_year, doc.unit)
            read[id(sec)] = sum(1 for r in note.rows if r.amounts)
            if not note.rows:
                continue
            old = by_no.get(note.note_no)
            if old is None or len(note.rows) > len(old.rows):
                by_no[note.note_no] = note
    doc.notes = [by_no[k] for k in sorted(by_no)]
    _doubt_tkr_notes(doc.notes, doc.statements, lexicon)
    _infer_note_units(doc.notes, doc.statements, lexicon)
    _follow_report_unit(doc.notes, doc.statements, lexicon)
    activity = _parse_activity(doc, lexicon, fiscal_year)
    doc.seen = [SectionSeen(sec.kind, sec.heading, sec.lines[0].page if sec.lines else 0,
                            sum(1 for ln in sec.lines if ln.cells),
                            read.get(id(sec), activity.get((sec.kind, sec.heading), 0)), sec.headless)
                for sec in sections]
    return doc


def _looks_back(sec: Section, fiscal_year: int | None) -> bool:
    """A table found by its rows under column headings (``Section.by_rows``: an overview, a
    budget follow-up) is one when the years it heads end at the report's year: a budget or
    forecast for the years ahead prints the same lines."""
    years = next(([int(y) for y in YEAR_RE.findall(ln.text)] for ln in sec.lines[1:]
                  if is_header_line(ln)), [])
    return fiscal_year is None or not years or (fiscal_year in years and max(years) <= fiscal_year)


def _cap_guessed(sec: Section, found: list) -> list:
    """Counts or goals of a section whose heading OCR garbled (``headless``: its kind a
    guess): no surer than a headless statement's exact rows; of a table no heading names
    (``by_rows``: a summary found by its column headings), doubtful."""
    if sec.headless:
        cap = DIGITAL.tables.key_confidence("exact", headless=True)
        if sec.by_rows:
            cap = min(cap, DIGITAL.tables.loose_key_confidence)
        for item in found:
            item.confidence = min(item.confidence, cap)
    return found


def _cap_headless(rows, by_rows: bool = False) -> None:
    """A statement found by its rows, its heading missing (listed only in the table of
    contents): its exact rows no surer than a sure loose match, any other row doubtful
    (``Tables.key_confidence``, core/settings.py). A table no heading or contents line names
    (``by_rows``: an overview under year headings) has every figure doubtful."""
    for row in rows:
        cap = DIGITAL.tables.key_confidence(row.key_match, headless=True)
        if by_rows:
            cap = min(cap, DIGITAL.tables.loose_key_confidence)
        for a in row.amounts:
            a.confidence = min(a.confidence, cap)


def document_unit(lines: list[Line], lexicon: Lexicon) -> str | None:
    """The unit a report states once for all its amounts ("Om inte annat särskilt anges,
    redovisas alla belopp i tusental kronor"): a line with a scope phrase and a unit phrase."""
    scope = lexicon.document_unit_scope
    units = lexicon.unit_phrases
    for line in lines:
        padded = f" {fold(line.text)} "
        if line.cells or not any(f" {p} " in padded for p in scope):
            continue
        for phrase, unit in units:
            if f" {phrase} " in padded:
                return unit
    return None


# A figure in tkr is within half a tkr of the kronor figure it rounds.
TKR_ROUNDING = DIGITAL.tables.tkr_rounding


def _in_tkr(rows, confidence: float | None = None, lexicon: Lexicon | None = None) -> None:
    """Every amount of ``rows`` read as thousands: kronor value, scale, and (when the unit
    was not printed for them) a confidence no higher than ``confidence``. With ``lexicon``,
    a row of shares or counts ("Soliditet %") or one whose label states its unit ("Kostnad per
    deltagare, kr": scaled, if at all, already by its table) stays as printed."""
    for row in rows:
        if lexicon is not None and own_scale(row.label, [a.value for a in row.amounts], lexicon) is not None:
            continue
        for a in row.amounts:
            a.value *= 1000
            a.scale *= 1000
            if confidence is not None:
                a.confidence = min(a.confidence, confidence)


def _infer_overview_unit(statements: dict[str, Statement], lexicon: Lexicon) -> None:
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
        _in_tkr(overview.rows, lexicon=lexicon)
        overview.unit, overview.unit_source = "tkr", "magnitude"


# A unit found only from magnitudes is less sure than a printed one.
MAGNITUDE_UNIT_CONFIDENCE = DIGITAL.tables.magnitude_unit_confidence


def _infer_statement_units(statements: dict[str, Statement], lexicon: Lexicon) -> None:
    """Last resort, for a statement that prints no unit (and no document-wide one): when the
    lines it shares with a statement whose unit is known (``[units_links]``: årets resultat in
    resultaträkning, balansräkning and the five-year overview, ...) are those in thousands, it
    is in tkr; its amounts are less sure. A unit so found is known in turn (a chain: an
    overview's printed tkr gives the income statement's, which gives the balance sheet's),
    each step being a line printed twice, once in thousands of the other."""
    changed = True
    while changed:
        changed = False
        for a_ref, b_ref in lexicon.unit_links:
            for mine, other in ((a_ref, b_ref), (b_ref, a_ref)):
                changed |= _unit_from_link(statements, mine, other, lexicon)


def _unit_from_link(statements: dict[str, Statement], mine: str, other: str,
                    lexicon: Lexicon | None = None) -> bool:
    """True when ``mine`` ("statement.key") was found in tkr from ``other``'s line."""
    (st_name, key), (ref_name, ref_key) = mine.split("."), other.split(".")
    st, ref = statements.get(st_name), statements.get(ref_name)
    if st is None or ref is None or st.unit_source != "none" or \
            ref.unit_source not in ("heading", "document", "magnitude") or _surely_kronor(st):
        return False
    values = {a.column: abs(a.value) for r in st.rows if r.line_key == key for a in r.amounts}
    if not _thousands(values, _line_sums(statements, [(ref_name, ref_key)]), 1):
        return False
    _in_tkr(st.rows, MAGNITUDE_UNIT_CONFIDENCE, lexicon)
    st.unit, st.unit_source = "tkr", "magnitude"
    return True


# A förbund's yearly costs in kronor are at least this; a unit found so is doubtful.
KRONOR_TURNOVER_MIN = DIGITAL.tables.kronor_turnover_min
TURNOVER_UNIT_CONFIDENCE = DIGITAL.tables.turnover_unit_confidence


def _infer_units_from_turnover(statements: dict[str, Statement], lexicon: Lexicon) -> bool:
    """Last of all, for a statement whose unit is still not known (none printed, or its
    qualifier unread: "Belopp i ntal kronor", and no line linked to another statement): its
    turnover lines (``[units_turnover]``) read as kronor would be a förbund turning over less
    than tables.kronor_turnover_min, which none does; when every such figure is below it, it
    is in tkr, less sure. True when one was found so."""
    found = False
    for name, st in statements.items():
        if st.unit != "kr" or st.unit_source != "none" or _surely_kronor(st):
            continue
        turnover = [abs(a.value) for r in st.rows if (name, r.line_key) in lexicon.turnover_lines
                    for a in r.amounts if a.value]
        if turnover and max(turnover) < KRONOR_TURNOVER_MIN:
            # A threshold is weaker evidence than a line printed twice: doubtful.
            _in_tkr(st.rows, TURNOVER_UNIT_CONFIDENCE, lexicon)
            st.unit, st.unit_source, found = "tkr", "magnitude", True
    return found


def _surely_kronor(st: Statement) -> bool:
    """Figures as printed that no table in tkr holds (one of them a million or more)."""
    return st.unit.startswith("kr") and any(
        abs(a.value) // max(a.scale, 1) >= TKR_PLAUSIBLE_MAX for r in st.rows for a in r.amounts)


def _doubt_tkr_headings(statements: dict[str, Statement], lexicon: Lexicon) -> None:
    """A heading may say tkr over figures in kronor (VARIETY.md). When a line of a statement
    read in tkr from its heading (or the report's unit sentence) is, as printed, the same
    figure as the line it repeats of a statement that is in kronor for sure
    (``[units_links]``: årets resultat of the balance sheet and the income statement), the
    two cannot differ by a thousand: the tkr is wrong and its figures are kronor, less sure."""
    for a_ref, b_ref in lexicon.unit_links:
        for mine, other in ((a_ref, b_ref), (b_ref, a_ref)):
            (st_name, key), (ref_name, ref_key) = mine.split("."), other.split(".")
            st, ref = statements.get(st_name), statements.get(ref_name)
            if st is None or ref is None or st.unit != "tkr" or \
                    st.unit_source not in ("heading", "document") or not _surely_kronor(ref):
                continue
            printed = {a.column: abs(a.value) // 1000 for r in st.rows if r.line_key == key
                       for a in r.amounts}
            kronor = _line_sums(statements, [(ref_name, ref_key)])
            pairs = [(v, kronor[c]) for c, v in printed.items() if c in kronor and v]
            if pairs and all(v == k for v, k in pairs):
                _in_kronor_after_all(st)


def _doubt_tkr_notes(notes: list[Note], statements: dict[str, Statement],
                     lexicon: Lexicon) -> None:
    """A note read in tkr from its heading (or the report's unit sentence) whose total is,
    as printed, the statement line it supports where that statement prints kronor (said so,
    or with figures no tkr table holds): the note is in kronor too, less sure."""
    for note in notes:
        target = lexicon.note_supports(note.note_key)
        st = statements.get(target[0]) if target else None
        if st is None or note.unit != "tkr" or note.unit_source not in ("heading", "document") \
                or not (_surely_kronor(st) or (st.unit == "kr" and st.unit_source == "heading")):
            continue
        printed = {a.column: abs(a.value) // 1000 for r in note.rows if r.is_total
                   for a in r.amounts}
        kronor = _line_sums(statements, [target])
        pairs = [(v, kronor[c]) for c, v in printed.items() if c in kronor and v]
        if pairs and all(v == k for v, k in pairs):
            _in_kronor_after_all(note)


def _in_kronor_after_all(st: Statement | Note) -> None:
    for row in st.rows:
        for a in row.amounts:
            a.value //= 1000
            a.scale = max(a.scale // 1000, 1)
            a.confidence = min(a.confidence, MAGNITUDE_UNIT_CONFIDENCE)
    st.unit = f"kr ({st.unit_source} says tkr)"


def _infer_note_units(notes: list[Note], statements: dict[str, Statement],
                      lexicon: Lexicon) -> None:
    """Last resort, for a note that prints no unit and was not covered by a document-wide
    one: when its total is the statement line it supports in thousands (or that line with
    the lines the note is known to include), it is in tkr; its amounts are less sure."""
    for note in notes:
        target = lexicon.note_supports(note.note_key)
        if note.unit_source != "none" or target is None:
            continue
        total = {a.column: abs(a.value) for r in note.rows if r.is_total for a in r.amounts}
        options = [[target], [target, *lexicon.note_includes(note.note_key)]]
        if total and any(_thousands(total, _line_sums(statements, lines), len(lines))
                         for lines in options):
            _in_tkr(note.rows, MAGNITUDE_UNIT_CONFIDENCE, lexicon)
            note.unit, note.unit_source = "tkr", "magnitude"


# A unit followed from the report's statements, with no figure of the table to confirm it.
REPORT_UNIT_CONFIDENCE = DIGITAL.tables.report_unit_confidence
# Where a table's unit may come from when it prints none: printed, or linked by figures.
ESTABLISHED = ("heading", "document", "magnitude")


def _follow_report_unit(notes: list[Note], statements: dict[str, Statement],
                        lexicon: Lexicon) -> None:
    """A report is in one unit. A note that prints no unit (or whose "Belopp i tkr" OCR did
    not read) and that no figure linked to a statement follows the unit the statements
    established, when they agree on tkr; unless its total is the statement line it supports
    as printed (a note in kronor beside statements in tkr), or its figures are too large to
    be tkr. Its amounts are less sure (``unit_source`` "statements")."""
    units = {st.unit for st in statements.values() if st.unit_source in ESTABLISHED}
    if units != {"tkr"}:
        return
    for note in notes:
        values = [abs(a.value) for r in note.rows for a in r.amounts]
        if note.unit_source != "none" or not values or max(values) >= TKR_PLAUSIBLE_MAX \
                or _in_kronor(note, statements, lexicon):
            continue
        _in_tkr(note.rows, REPORT_UNIT_CONFIDENCE, lexicon)
        note.unit, note.unit_source = "tkr", "statements"


def _in_kronor(note: Note, statements: dict[str, Statement], lexicon: Lexicon) -> bool:
    """Whether the note's total is the statement line it supports (alone or with the lines
    the note includes) as printed in kronor."""
    target = lexicon.note_supports(note.note_key)
    total = {a.column: abs(a.value) for r in note.rows if r.is_total for a in r.amounts}
    if target is None or not total:
        return False
    for lines in ([target], [target, *lexicon.note_includes(note.note_key)]):
        kr = _line_sums(statements, lines)
        pairs = [(v, kr[c]) for c, v in total.items() if c in kr and v]
        if pairs and all(abs(v - k) <= len(lines) * TKR_ROUNDING for v, k in pairs):
            return True
    return False


def _line_sums(statements: dict[str, Statement], lines: list) -> dict[str, int]:
    """Per column, the sum of the absolute values of these statement lines."""
    out: dict[str, int] = {}
    for statement, key in lines:
        st = statements.get(statement)
        for r in st.rows if st else []:
            if r.line_key == key:
                for a in r.amounts:
                    out[a.column] = out.get(a.column, 0) + abs(a.value)
    return out


def _thousands(total: dict[str, int], kr: dict[str, int], terms: int) -> bool:
    """Every column of the note total is the kronor figure in thousands (each term may be
    rounded to a tkr already)."""
    pairs = [(v, kr[c]) for c, v in total.items() if c in kr and v]
    return bool(pairs) and all(abs(v * 1000 - k) <= terms * 1000 for v, k in pairs)


def _doubt_unbalanced(summary: list) -> None:
    """A summary table read by OCR whose insatser's counts of a measure do not add up to its
    Summa row's ("42, 207, 56" under "Summa 118": a figure misread) cannot vouch for any of
    them: they are kept, doubtful, as a broken sum's parts are."""
    by_key: dict[tuple, list] = {}
    for c in summary:
        if c.source_table == "summary":
            by_key.setdefault((c.measure, c.group, c.period_year), []).append(c)
    for counts in by_key.values():
        totals = [c for c in counts if not c.insats]
        parts = [c for c in counts if c.insats]
        if len(totals) != 1 or len(parts) < 2 or all(c.confidence >= 1 for c in counts):
            continue
        if sum(c.value for c in parts) != totals[0].value:
            for c in counts:
                c.confidence = min(c.confidence, OCR.confidence.breaks_arithmetic)


def _spell_as_titled(summary: list, titles: list[str]) -> None:
    """A summary table's insats name OCR damaged takes the spelling the bilagor's titles
    give it: one read without its diacritics ("Vagvisaren") from a title that prints the
    same letters with them ("Insatsens namn: Vägvisaren"), in the summary's own case; one
    misread otherwise ("Horisonlen"; cut short, "Vagvisa"; torn by specks, "Bi roj n") from
    two titles that agree on a spelling close to it ("Insatsens namn: HORISONTEN",
    "Måluppfyllelse Horisonten") and none that prints it as the summary does, its counts
    keyed loosely (``key_match`` fuzzy:<score>)."""
    spelt: dict[str, tuple[str, str]] = {}
    rows = {fold(c.insats) for c in summary}
    for count in summary:
        name = count.insats
        if name not in spelt:
            agreed = _agreed_by_titles(name, titles, count.confidence < 1)
            if agreed and fold(agreed[0]) in rows:
                agreed = None  # another row of the summary prints that name: two insatser
            spelt[name] = _accented_as_titled(name, titles) or agreed or (name, "exact")
        count.insats, how = spelt[name]
        if how == "exact":
            continue
        # A name found loosely is as sure as its match (Tables.key_confidence).
        count.confidence = min(count.confidence, DIGITAL.tables.key_confidence(how))
        # An unplaced count's key_match names its column (repair/placed.py): kept as it is.
        if count.key_match == "exact" or count.key_match.startswith("fuzzy:"):
            count.key_match = weakest(count.key_match, how)


def _accented_as_titled(name: str, titles: list[str]) -> tuple[str, str] | None:
    for title in titles:
        if len(title) != len(name) or title == name or fold(title) != fold(name):
            continue
        respelt = "".join(t if t.lower() != fold(t) and fold(t) == n.lower() else n
                          for t, n in zip(title.lower(), name, strict=True))
        respelt = "".join(r.upper() if n.isupper() else r for r, n in zip(respelt, name, strict=True))
        if respelt != name:
            return respelt, "exact"
    return None


# A summary name is a title's misreading when this close (rapidfuzz ratio, folded).
INSATS_NAME_SCORE = DIGITAL.matching.insats_name_score
INSATS_NAME_VOTES = DIGITAL.matching.insats_name_votes
INSATS_NAME_PREFIX = DIGITAL.matching.insats_name_prefix_share
INSATS_NAME_SPECKS = DIGITAL.matching.insats_name_speck_letters


def _specked(name: str, title: str) -> bool:
    """``name`` (folded) is ``title`` (folded) with a speck or two read as letters among its
    own: the title's letters in order, its first first, a few more."""
    letters = [c for c in name if c.isalnum()]
    wanted = [c for c in title if c.isalnum()]
    if not letters or not wanted or letters[0] != wanted[0] or \
            not 0 < len(letters) - len(wanted) <= INSATS_NAME_SPECKS:
        return False
    rest = iter(letters)
    return all(c in rest for c in wanted)


def _start_lost(name: str, title: str) -> bool:
    """``name`` is ``title`` (folded) without its first letters, a letter at the cut perhaps
    misread ("impolinen" of "Trampolinen", "dtesplatsen" of "Mötesplatsen": an upright rule
    through the names' column): it begins in lower case, as no name does, and is most of
    the title."""
    folded = fold(name)
    tail = title[len(title) - len(folded):]
    return name[:1].islower() and INSATS_NAME_PREFIX * len(title) <= len(folded) < len(title) \
        and tail[1:] == folded[1:]


def _agreed_by_titles(name: str, titles: list[str], ocr: bool = True) -> tuple[str, str] | None:
    """The spelling of ``name`` the titles agree on; a name cut short at either end or torn by
    specks only when OCR read it (``ocr``: a printed "Steg" beside "Steg 2" titles is a name of its own)."""
    folded = fold(name)
    if not folded or any(fold(t) == folded for t in titles):
        return None
    votes: dict[str, list[str]] = {}
    headless: set[str] = set()  # titles the name is without its first letters of
    for title in titles:
        whole = fold(title)
        cut_short = whole.startswith(folded) and len(folded) >= INSATS_NAME_PREFIX * len(whole)
        if ocr and _start_lost(name, whole):
            headless.add(whole)
        damaged = ocr and (cut_short or _specked(folded, whole) or whole in headless)
        if damaged or fuzz.ratio(whole, folded) >= INSATS_NAME_SCORE:
            votes.setdefault(whole, []).append(title)
    agreed = [ts for ts in votes.values() if len(ts) >= INSATS_NAME_VOTES]
    if len(agreed) != 1:
        return None
    # The summary's case: a title printed in mixed case as it is, else capitalised.
    spelling = next((t for t in agreed[0] if not t.isupper()), agreed[0][0].capitalize())
    spelling = spelling.upper() if name.isupper() else spelling
    score = fuzz.ratio(fold(spelling), folded)
    # A name without its first letters is a guess from its ending: doubtful however close.
    if fold(spelling) in headless:
        score = min(score, DIGITAL.matching.cut_name_score)
    return spelling, key_match(score)


def _parse_activity(doc: ParsedDocument, lexicon: Lexicon,
                    fiscal_year: int | None) -> dict[tuple[str, str], int]:
    """Participant and goal tables. The insatser of the summary table name the insats
    reports in the bilagor: a report titled only "Årsredovisning Plattformen 2024" is found
    by that name, and a form's "KOMPASS" or "KRUS (Kalmar kommun)" is counted under the
    summary table's "Kompass" and "KRUS"."""
    read: dict[tuple[str, str], int] = {}
    summary = []
    places = member_places(doc.lines, lexicon)  # kommun columns are no insatser
    for sec in doc.sections:
        if sec.kind == "deltagare":
            lost: list[Count] = []
            counts = _cap_guessed(sec, parse_participants(sec, lexicon, fiscal_year, places, doc.unit,
                                                          lost))
            read[(sec.kind, sec.heading)] = read.get((sec.kind, sec.heading), 0) + len(counts)
            summary += counts
            doc.unplaced += _cap_guessed(sec, lost)
    titles = [sec.title for sec in doc.sections
              if sec.kind in ("insatsrapport", "maluppfyllelse") and sec.title]
    _spell_as_titled(summary + doc.unplaced, titles)
    _doubt_unbalanced(summary)
    # A member kommun's row (source "kommun") names no insats.
    names = tuple(dict.fromkeys(c.insats for c in summary if c.insats and c.source_table != KOMMUN_SOURCE))
    doc.participants += summary  # read once, above
    sections = split_sections(doc.lines, lexicon, names) if names else doc.sections
    for sec in sections:
        if sec.kind == "deltagare":
            continue
        # Read by OCR: a title naming an insats the summary lists nothing close to is doubtful.
        ocr = any(w.confidence < 1 for ln in sec.lines for w in ln.words)
        if sec.kind == "insatsrapport":
            lost = []
            counts = summary_name(parse_participants(sec, lexicon, fiscal_year, places, unplaced=lost),
                                  sec.title, names, lexicon, ocr)
            doc.participants += counts
            doc.unplaced += _cap_guessed(sec, summary_name(lost, sec.title, names, lexicon, ocr))
            if sec.title:  # a goal table whose own title OCR lost: the form's insats's
                doc.goals += summary_name(goals_in_form(sec, lexicon), sec.title, names, lexicon, ocr)
        elif sec.kind in PARTICIPANT_SECTIONS:
            counts = parse_participants(sec, lexicon, fiscal_year, places, doc.unit)
            doc.participants += counts
        elif sec.kind == "maluppfyllelse" or (sec.kind == "other" and legend_table(sec, lexicon)):
            counts = summary_name(parse_goals(sec, lexicon), sec.title, names, lexicon, ocr)
            doc.goals += counts
        else:
            continue
        _cap_guessed(sec, counts)
        read[(sec.kind, sec.heading)] = read.get((sec.kind, sec.heading), 0) + len(counts)
    align_form_keys(doc.participants, lexicon)
    return read
