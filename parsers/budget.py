"""The table of insats and project money: each insats, its kommun, its outcome and budget.

Rows read "KRUS   Kalmar   2 453 000   2 453 000"; an insats paid from a shared pot prints a
footnote marker instead of its budget ("Tagga Framtiden ... 5 437 *miljonen"): the marker
is no amount and is left out, the row keeps its outcome. The unlabelled last row is the
total (``summa``). Rows are stored with the statements (``projektbudget``), keyed by insats.
"""

from __future__ import annotations

from core.geometry import runs
from core.lexicon import Lexicon, slug
from core.settings import DIGITAL
from ingest.pdftext import Page
from parsers.layout import Line, split_line
from parsers.sections import Section
from parsers.statements import Statement, StatementRow
from parsers.tables import parse_table

# Label words this far apart (text heights) separate the insats from its kommun.
KOMMUN_GAP = DIGITAL.counts.budget_kommun_gap


def _without_markers(line: Line) -> Line:
    """The line re-split without footnote markers ("*miljonen", "* miljonen")."""
    words, skip = [], False
    for w in line.words:
        if skip:
            skip = False
            continue
        if w.text.startswith("*"):
            skip = w.text == "*"  # "* miljonen": the marker's word follows
            continue
        words.append(w)
    if len(words) == len(line.words) or not words:
        return line
    source = "ocr" if any(w.confidence < 1 for w in words) else "text"
    page = Page(line.page, 0.0, line.page_height, [], source=source)
    return split_line(page, words)


def _insats(line_label_words: list, height: float) -> str:
    """The insats: the label words before the first wide gap (the kommun follows)."""
    first = runs(line_label_words, lambda w: w.x0, lambda w: w.x1, KOMMUN_GAP * height,
                 presorted=True)[:1]
    return " ".join(w.text for run in first for w in run)


def parse_budget(section: Section, lexicon: Lexicon, fiscal_year: int | None) -> Statement:
    lines = [section.lines[0]] + [_without_markers(ln) for ln in section.lines[1:]
                                  if not ln.text.lstrip().startswith("*")]
    by_label = {ln.label.strip(): ln for ln in lines if ln.cells}
    table = parse_table(lines, lexicon, fiscal_year)
    rows = []
    for trow in table.rows:
        if not trow.amounts:
            continue
        line = by_label.get(trow.label)
        name = _insats(line.label_words, line.height) if line is not None else trow.label
        key = slug(name) if trow.label else "summa"
        rows.append(StatementRow("projektbudget", key, trow.label or "Summa", None, trow.order,
                                 100.0, trow.amounts))
    return Statement("projektbudget", section.heading, table.unit, rows)
