"""The rule table applied to a file still being parsed, to find OCR misreadings.

A scanned table whose figures do not add up may be misprinted, or misread: ``broken_amounts``
names the amounts of the broken rules (a kronor break of rounding size too while repairing,
and a sum read with its sign turned in a statement that prints no costs), ``broken_counts``
the participant counts of the broken count rules. The pipeline gives both to the arithmetic
repair (repair/arithmetic.py), which reads them again from the page image; ``figures`` is the
parse result as the check engine's figures.
"""

from __future__ import annotations

from checks.engine import check_report
from checks.findings import (
    BROKEN,
    Figure,
    NoteFigures,
    ReportFigures,
    note_row_label,
    year_column,
)
from checks.participants import count_label
from checks.rules import ALL_RULES, STATEMENT_ALIASES
from core.lexicon import Lexicon
from core.types import Count
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
    Explained, opposite-sign and passing findings describe what is printed: never re-read;
    nor are the figures of a sum that could not be judged (a term it needs is absent)."""
    fig, _ = figures(statements, notes)
    unsigned = _sign_free_rules(lexicon)
    broken = [f for f in check_report(fig, lexicon)
              if (f.outcome in outcomes or f.outcome == "opposite_sign" and f.rule in unsigned)
              and f.locations and f.judged]
    return len(broken), {int(loc["file"]) for f in broken for loc in f.locations}


def _sign_free_rules(lexicon: Lexicon) -> frozenset[str]:
    """Rules among the lines of one statement that prints no costs (a cash flow, a balance
    sheet): no sign convention turns such a sum, so one read with its sign turned is a misread
    (a scan's lost minus: "Kassaflöde från investeringsverksamheten −30" read "30"), re-read
    and, unmended, doubted."""
    free = set(lexicon.no_cost_statements())
    out = set()
    for rule in ALL_RULES:
        aliases = {t.split(".")[0] for t in rule.expression.replace("||", "+").replace("-", "+")
                   .replace("|", "").split("+") if "." in t} | {rule.target.split(".")[0]}
        aliases = {a.strip() for a in aliases}
        if len(aliases) == 1 and STATEMENT_ALIASES.get(aliases.pop()) in free:
            out.add(rule.name)
    return frozenset(out)


def broken_amounts(statements: dict[str, Statement], notes: list[Note], lexicon: Lexicon,
                   final: bool = False) -> tuple[int, list[Amount]]:
    """(number of broken rules, the amounts they compare, in reading order): the rule
    evaluator that the pipeline gives the arithmetic repair (repair/arithmetic.py). While
    repairing, rounding-sized kronor breaks count too; ``final``: only real breaks."""
    count, suspects = _breaks(statements, notes, lexicon, BROKEN if final else SUSPECT)
    _, amounts = figures(statements, notes)
    return count, [amounts[i] for i in sorted(suspects)]


def broken_counts(counts: list[Count], lexicon: Lexicon, fiscal_year: int | None,
                  final: bool = False) -> tuple[int, list[Count]]:
    """(number of broken count rules, the counts they compare, in reading order): the
    evaluator the pipeline gives the arithmetic repair of participant counts. Counts carry
    no rounding: ``final`` changes nothing, kept for the repair's signature."""
    fig = ReportFigures(None, None, fiscal_year)
    # The first printed count of a key is the one stored and checked; a total summed from
    # member kommuner's rows ("computed") only where no table printed one.
    for i, c in sorted(enumerate(counts), key=lambda p: p[1].key_match == "computed"):
        key = (c.insats, c.source_table, c.measure, c.group, c.period_year)
        fig.activity.counts.setdefault(key, Figure(c.value, str(i), c.page, count_label(*key), "st",
                                                   c.bbox, c.confidence, c.period_year))
    broken = [f for f in check_report(fig, lexicon)
              if f.outcome in BROKEN and f.locations and f.judged]
    return len(broken), [counts[i] for i in sorted({int(loc["file"]) for f in broken
                                                    for loc in f.locations})]


def count_support(counts: list[Count], lexicon: Lexicon, fiscal_year: int | None
                  ) -> tuple[set[int], dict[int, int]]:
    """(indexes of the counts a broken count rule compares, how many judged rules that hold
    tie each count to a count of another measure or another table): how the report's own
    arithmetic stands by a count whose key is only a guess (repair/placed.py keys a scan's
    column whose heading OCR lost by it). A rule within one measure of one table (the groups
    add up, the insatser add up to the total row) holds whatever the measure is: no evidence."""
    fig = ReportFigures(None, None, fiscal_year)
    for i, c in enumerate(counts):
        key = (c.insats, c.source_table, c.measure, c.group, c.period_year)
        fig.activity.counts.setdefault(key, Figure(c.value, str(i), c.page, count_label(*key), "st",
                                                   c.bbox, c.confidence, c.period_year))
    broken: set[int] = set()
    held: dict[int, int] = {}
    for f in check_report(fig, lexicon):
        if not f.locations or not f.judged:
            continue
        where = {int(loc["file"]) for loc in f.locations}
        if f.outcome in BROKEN:
            broken |= where
        elif f.outcome == "pass" and len({(counts[i].source_table, counts[i].measure) for i in where}) > 1:
            for i in where:
                held[i] = held.get(i, 0) + 1
    return broken, held
