"""The rule table applied to a file still being parsed, to find OCR misreadings.

A scanned table whose figures do not add up may be misprinted, or misread: ``broken_amounts``
names the amounts of the broken rules, and the pipeline gives it to the arithmetic repair
(repair/arithmetic.py), which reads them again from the page image.
"""

from __future__ import annotations

from checks.engine import Figure, NoteFigures, ReportFigures, check_report, note_row_label
from core.lexicon import Lexicon
from parsers.notes import Note
from parsers.statements import Statement
from parsers.tables import Amount


def figures(statements: dict[str, Statement], notes: list[Note]) -> tuple[ReportFigures,
                                                                          list[Amount]]:
    """The parse result as the check engine's figures; each figure's ``file`` is the index of
    its amount in the returned list, so a finding's locations name the amounts it compared."""
    amounts: list[Amount] = []

    def fig(a: Amount, label: str, unit: str) -> Figure:
        amounts.append(a)
        return Figure(a.value, str(len(amounts) - 1), a.page, label, unit)

    out = ReportFigures(None, None, None)
    for st in statements.values():
        for row in st.rows:
            for a in row.amounts:
                key = (st.statement, row.line_key, a.column)
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


def _breaks(statements: dict[str, Statement], notes: list[Note],
            lexicon: Lexicon) -> tuple[int, set[int]]:
    """(number of broken rules, indexes of the amounts they compare)."""
    fig, _ = figures(statements, notes)
    broken = [f for f in check_report(fig, lexicon) if f.difference != 0
              and not f.message.startswith(("explained", "printed with the opposite sign"))]
    return len(broken), {int(loc["file"]) for f in broken for loc in f.locations}


def broken_amounts(statements: dict[str, Statement], notes: list[Note],
                   lexicon: Lexicon) -> tuple[int, list[Amount]]:
    """(number of broken rules, the amounts they compare, in reading order): the rule
    evaluator that the pipeline gives the arithmetic repair (repair/arithmetic.py)."""
    count, suspects = _breaks(statements, notes, lexicon)
    _, amounts = figures(statements, notes)
    return count, [amounts[i] for i in sorted(suspects)]
