"""The rule table applied to a file still being parsed, to find OCR misreadings.

A scanned table whose figures do not add up may be misprinted, or misread. Before anything is
stored, every amount that takes part in a broken rule is read again from the page image
(``reread``: a callable the pipeline gives, so this module needs no images); a re-read value
is taken only when it makes more rules hold than before and breaks none. What still breaks is
left as printed for ``finsam check`` to report, with a lowered confidence.
"""

from __future__ import annotations

from collections.abc import Callable

from checks.engine import check_report
from checks.findings import (
    BROKEN,
    Figure,
    NoteFigures,
    ReportFigures,
    note_row_label,
    year_column,
)
from normalize.lexicon import Lexicon
from parsers.notes import Note
from parsers.statements import Statement
from parsers.tables import Amount

# Re-reading costs a Tesseract run per amount: at most this many per file.
MAX_REREADS = 80


def figures(statements: dict[str, Statement], notes: list[Note]) -> tuple[ReportFigures,
                                                                          list[Amount]]:
    """The parse result as the check engine's figures; each figure's ``file`` is the index of
    its amount in the returned list, so a finding's locations name the amounts it compared."""
    amounts: list[Amount] = []

    def fig(a: Amount, label: str, unit: str) -> Figure:
        amounts.append(a)
        return Figure(a.value, str(len(amounts) - 1), a.page, label, unit,
                      confidence=a.confidence, period_year=a.period_year)

    out = ReportFigures(None, None, None)
    for st in statements.values():
        for row in st.rows:
            for a in row.amounts:
                key = (st.statement, row.line_key, year_column(a.column, a.period_year))
                if key not in out.statements:
                    out.statements[key] = fig(a, row.label, st.unit)
    for note in notes:
        nf = NoteFigures(note.note_no, note.note_key, note.title)
        for row in note.rows:
            label = note_row_label(row.label, row.is_total, row.group)
            for a in row.amounts:
                nf.rows.append((row.row_type, row.group, label, a.column, fig(a, label, note.unit)))
        out.notes.append(nf)
    return out, amounts


# A kronor sum off by 1–2 kr on a scan may be a misread last digit: worth a re-read, but
# when no re-read mends it, it is print rounding and its figures keep their confidence.
SUSPECT = BROKEN | {"rounding"}


def _breaks(statements: dict[str, Statement], notes: list[Note], lexicon: Lexicon,
            outcomes: frozenset[str] = SUSPECT) -> tuple[int, set[int]]:
    """(number of findings with these outcomes, indexes of the amounts they compare).
    Explained, opposite-sign and passing findings describe what is printed: never re-read."""
    fig, _ = figures(statements, notes)
    broken = [f for f in check_report(fig, lexicon) if f.outcome in outcomes and f.locations]
    return len(broken), {int(loc["file"]) for f in broken for loc in f.locations}


def repair_by_arithmetic(statements: dict[str, Statement], notes: list[Note], lexicon: Lexicon,
                         reread: Callable[[list[Amount]], list[int | None]],
                         rereadable: Callable[[Amount], bool], reread_confidence: float,
                         doubt_confidence: float) -> int:
    """Mend misread amounts in place; returns how many were changed."""
    count, suspects = _breaks(statements, notes, lexicon)
    if not count:
        return 0
    _, amounts = figures(statements, notes)
    chosen = [amounts[i] for i in sorted(suspects) if rereadable(amounts[i])][:MAX_REREADS]
    changed = 0
    confirmed: set[int] = set()  # ids of amounts the image read the same a second time
    for amount, value in zip(chosen, reread(chosen), strict=True):
        if value == amount.value:
            confirmed.add(id(amount))
        if value is None or value == amount.value:
            continue
        old = amount.value
        amount.value = value
        new_count, _ = _breaks(statements, notes, lexicon)
        if new_count < count:
            count, changed = new_count, changed + 1
            amount.confidence = min(amount.confidence, reread_confidence)
        else:
            amount.value = old
    # What still breaks: the printed figures may be wrong, or misread beyond repair. A figure
    # read the same twice is taken as printed: its sum is a misprint, not a doubt.
    _, still = _breaks(statements, notes, lexicon, BROKEN)
    _, amounts = figures(statements, notes)
    for i in still:
        if rereadable(amounts[i]) and id(amounts[i]) not in confirmed:
            amounts[i].confidence = min(amounts[i].confidence, doubt_confidence)
    return changed
