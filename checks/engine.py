"""Evaluate the rule table over one report's figures.

Plain data in (``ReportFigures``), plain findings out; loading and storing live in
``checks/store.py``. Every row of the rule table runs through the evaluator registered for
its kind (``checks/registry.py``): here the statement kinds (``sum``, ``equal``,
``deviation``, ``core_lines``) and the note and funding kinds; the participant and goal
kinds live in ``checks/participants.py``. A passing comparison is an ``info`` finding that
names what it compared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import checks.participants  # noqa: F401  (registers the count and goal kinds)
from checks.conventions import BUDGET_MINUS_UTFALL_FOR_COSTS, canonical, detect
from checks.findings import (  # noqa: F401  (the engine's data types, importable from here)
    TEMPLATES,
    ActivityFigures,
    Figure,
    FindingData,
    GoalFigure,
    NoteFigures,
    ReportFigures,
    carried_rounding,
    judge,
    note_row_label,
    noted,
    unjudged,
    within_rounding,
)
from checks.registry import EVALUATORS, Context, evaluator
from checks.rules import ALL_RULES, STATEMENT_ALIASES, Rule
from core.lexicon import Lexicon, is_cost, load_lexicon
from core.numbers import format_amount

_TERM_RE = re.compile(r"([+-])?\s*(\|)?(last\.)?([a-z]+)\.([a-z_*]+|\{rest\})(?:@([a-z]+))?\|?(\?)?")
_ALIAS = {v: k for k, v in STATEMENT_ALIASES.items()}


@dataclass(frozen=True)
class Term:
    sign: int
    absolute: bool
    statement: str
    key: str
    column: str | None
    last: bool = False  # from last year's report
    optional: bool = False  # ``?``: a line a report omits when it is zero

    def name(self, key: str) -> str:
        return f"{'last.' if self.last else ''}{_ALIAS.get(self.statement, self.statement)}." \
               f"{key if self.key == '*' else self.key}"


def parse_expression(expr: str) -> list[list[Term]]:
    alternatives = []
    for alt in expr.split("||"):
        terms = [Term(-1 if m.group(1) == "-" else 1, bool(m.group(2)),
                      STATEMENT_ALIASES[m.group(4)], m.group(5), m.group(6), bool(m.group(3)),
                      bool(m.group(7)))
                 for m in _TERM_RE.finditer(alt)]
        alternatives.append(terms)
    return alternatives


def _lookup(fig: ReportFigures, term: Term, column: str,
            key: str) -> tuple[Figure, ReportFigures] | None:
    source = fig.last if term.last else fig
    if source is None:
        return None
    line = key if term.key == "*" else term.key
    if term.column == "prior":  # the year before the target column's year
        year = _year_of(fig, column)
        hit = source.in_year(term.statement, line, year - 1) if year else None
        return (hit, source) if hit else None
    col = term.column or column
    found = source.statements.get((term.statement, line, col))
    if found is not None:
        return found, source
    if col.isdigit():  # a year column (the overview's): that year's figure, wherever printed
        for src in (source, source.last):
            if src is not None and (f := src.in_year(term.statement, line, int(col))):
                return f, src
    return None


def _year_of(fig: ReportFigures, column: str) -> int | None:
    if column.isdigit():
        return int(column)
    offset = {"current": 0, "previous": 1}.get(column)
    return fig.fiscal_year - offset if offset is not None and fig.fiscal_year else None


@dataclass
class Evaluation:
    total: int
    used: list[Figure]
    missing: list[str]  # every term not found (optional ones counted as zero)
    absent: list[str]  # required terms not found: the sum cannot be judged

    @property
    def complete(self) -> bool:
        return bool(self.used) and not self.absent


@dataclass(frozen=True)
class Words:
    """The lexicon's words the statement rules read figures with."""
    cost: tuple[str, ...]
    net_cost_labels: tuple[str, ...] = ()


def _words(ctx: Context) -> Words:
    return Words(ctx.lexicon.cost_words(), ctx.lexicon.net_cost_labels())


def _sum_terms(fig: ReportFigures, terms: list[Term], column: str, key: str,
               words: Words) -> Evaluation:
    out = Evaluation(0, [], [], [])
    for term in terms:
        col = term.column or column
        if term.key == "{rest}":  # every other line of the statement: its rows to a total
            found = [(k, fig.statements[(term.statement, k, col)], fig)
                     for k in fig.keys(term.statement, col) if k != key]
        else:
            hit = _lookup(fig, term, column, key)
            found = [(key if term.key == "*" else term.key, *hit)] if hit else []
            if not found:
                out.missing.append(term.name(key))
                if not term.optional:
                    out.absent.append(term.name(key))
        for line, f, source in found:
            value = abs(f.value) if term.absolute else canonical(
                source, term.statement, line, f.value, words.cost, f.label, words.net_cost_labels)
            out.used.append(f)
            out.total += term.sign * value
    return out


def _evaluate(fig: ReportFigures, alternatives: list[list[Term]], column: str, key: str,
              words: Words, needs_leading: bool = False) -> Evaluation | None:
    """The first alternative whose required terms are all printed. None complete: the one
    that found most, with its absent terms (the caller makes it uncertain, never counting
    them as zero); None when nothing was found (or, ``needs_leading``, no leading term)."""
    if needs_leading and not any(_lookup(fig, alt[0], column, key) for alt in alternatives):
        return None
    tried = [_sum_terms(fig, terms, column, key, words) for terms in alternatives]
    complete = next((e for e in tried if e.complete), None)
    if complete is not None:
        return complete
    best = max(tried, key=lambda e: len(e.used))
    return best if best.used else None


def _variant(fig: ReportFigures, variant: tuple[str, str] | None, column: str, key: str,
             actual: Figure, words: Words) -> Evaluation | None:
    """The rule's other definition (explained_by / also_holds), when it makes the sum hold."""
    if variant is None:
        return None
    other = _evaluate(fig, parse_expression(variant[0]), column, key, words)
    if other is not None and other.complete and \
            within_rounding(other.total, actual.value, [actual, *other.used]):
        return other
    return None


def _flip(rule: Rule, fig: ReportFigures, statement: str, key: str, actual: Figure,
          words: Words) -> bool:
    """Whether the computed sum is compared with the target's sign turned: the target in the
    rules' convention (costs negative). An expression of absolute values gives a cost line's
    size: the sign is the one its table prints costs with."""
    conv = fig.conventions.get(statement)
    if "|" in rule.expression and is_cost(key, words.cost):
        return conv is not None and conv.cost_sign == "negative"
    return canonical(fig, statement, key, 1, words.cost, actual.label,
                     words.net_cost_labels) == -1


def _judge_line(rule: Rule, fig: ReportFigures, statement: str, key: str, col: str,
                column: str, ctx: Context) -> FindingData | None:
    words = _words(ctx)
    actual = fig.statements.get((statement, key, col))
    if actual is None:
        return None
    result = _evaluate(fig, parse_expression(rule.expression), column, key, words,
                       rule.needs_leading)
    if result is None:
        return None
    conv = fig.conventions.get(statement)
    convention = conv.describe() if conv else ""
    what = rule.explanation if "*" not in rule.target else f"{key}: {rule.explanation}"
    held = _variant(fig, rule.also_holds, column, key, actual, words)
    if not result.complete and held is None:
        return unjudged(rule.name, fig, col, actual, [actual, *result.used], what,
                        result.absent, result.missing, convention)
    expected = -result.total if _flip(rule, fig, statement, key, actual, words) \
        else result.total
    used, explained, missing = result.used, None, result.missing
    if not result.complete or not within_rounding(expected, actual.value, [actual, *used]):
        if held is not None:
            expected, used, missing = held.total, held.used, held.missing
            what = f"{what} ({rule.also_holds[1]})"
        elif (other := _variant(fig, rule.explained_by, column, key, actual, words)) is not None:
            # The difference stays the one against the rule; the message says why.
            explained = rule.explained_by[1]
            used = used + [f for f in other.used if f not in used]
    return judge(rule.name, fig, col, expected, actual.value, [actual, *used], what, explained,
                 missing, convention,
                 _unread(fig, missing, ctx, ocr=any(f.confidence < 1 for f in used + [actual])))


def _unread(fig: ReportFigures, missing: list[str], ctx: Context, ocr: bool) -> list[str]:
    """Missing terms the report shows it prints: a note supports the line (its statement
    line then carries the note's number), or, on a scan, the line has a figure in another
    column (a born-digital cell left empty is a blank, not a misread)."""
    supported = {ctx.lexicon.note_supports(n.note_key) for n in fig.notes}
    out = []
    for name in missing:
        alias, _, key = name.partition(".")
        if alias == "last" or alias not in STATEMENT_ALIASES:
            continue
        statement = STATEMENT_ALIASES[alias]
        if (statement, key) in supported or ocr and any(
                s == statement and k == key for (s, k, _) in fig.statements):
            out.append(name)
    return out


@evaluator("sum", "equal")
def run_sum(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    if fig.last is None and "last." in rule.expression:
        return []  # a rule across years needs last year's report
    stmt_alias, _, target = rule.target.partition(".")
    target_key, _, target_col = target.partition("@")
    statement = STATEMENT_ALIASES[stmt_alias]
    columns = fig.columns(statement) if rule.columns == ("*",) else rule.columns
    out = []
    for column in columns:
        col = target_col or column
        keys = fig.keys(statement, col) if target_key == "*" else [target_key]
        for key in keys:
            found = _judge_line(rule, fig, statement, key, col,
                                column if not target_col else "current", ctx)
            if found is not None:
                out.append(found)
    return out


@evaluator("deviation")
def run_deviation(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    """Avvikelse = utfall − budget, or budget − utfall on cost lines when the table says so."""
    statement = STATEMENT_ALIASES[rule.target.partition(".")[0]]
    conv = fig.conventions.get(statement)
    words = ctx.lexicon.cost_words()
    out = []
    for key in fig.keys(statement, "deviation"):
        dev, out_, bud = (fig.statements.get((statement, key, c))
                          for c in ("deviation", "current", "budget"))
        if dev is None or out_ is None or bud is None:
            continue
        flipped = conv is not None and conv.deviation_direction == BUDGET_MINUS_UTFALL_FOR_COSTS \
            and is_cost(key, words)
        expected = bud.value - out_.value if flipped else out_.value - bud.value
        what = f"{key}: " + ("avvikelse = budget − utfall" if flipped else rule.explanation)
        out.append(judge(rule.name, fig, "deviation", expected, dev.value, [dev, out_, bud], what,
                         convention=conv.describe() if conv else ""))
    return out


@evaluator("core_lines")
def run_core_lines(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    """An annual report's statement without one of its core lines: not found or not
    understood. A warning naming the line, so a user sees what was not read."""
    if fig.kind != "arsredovisning":
        return []
    statement = STATEMENT_ALIASES[rule.target]
    printed = {k for (s, k, c) in fig.statements if s == statement and c in rule.columns}
    out = []
    for group in rule.expression.split(","):
        options = [o.strip().partition(".")[2] for o in group.split(" or ")]
        if not printed & set(options):
            message = TEMPLATES["not_found"].format(lines=" or ".join(options),
                                                     statement=statement, what=rule.explanation)
            out.append(noted(rule.name, fig, None, "uncertain", message,
                             [f"{rule.target}.{o}" for o in options]))
    return out


def _note_name(note: NoteFigures) -> str:
    return f"Not {note.note_no} {note.title}"


def _note_columns(note: NoteFigures) -> list[tuple[str, list, list, list]]:
    """Per column: items, subtotals and totals of a note."""
    out = []
    for column in sorted({r[3] for r in note.rows}):
        rows = [r for r in note.rows if r[3] == column]
        out.append((column, [r for r in rows if r[0] == "item"],
                    [r for r in rows if r[0] == "subtotal"], [r for r in rows if r[0] == "total"]))
    return out


@evaluator("note_group")
def run_note_group(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    out = []
    for note in fig.notes:
        for column, items, subtotals, _ in _note_columns(note):
            for sub in subtotals:
                members = [r[4] for r in items if r[1] == sub[1]]
                if members:
                    out.append(judge(rule.name, fig, column, sum(f.value for f in members),
                                     sub[4].value, [sub[4], *members],
                                     f"{_note_name(note)}: group {sub[1]} foots to its subtotal"))
    return out


@evaluator("note_footing")
def run_note_footing(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    out = []
    for note in fig.notes:
        for column, items, subtotals, totals in _note_columns(note):
            if not totals:
                continue
            total = totals[-1][4]
            grouped = {s[1] for s in subtotals}
            parts = [s[4] for s in subtotals] + [r[4] for r in items if r[1] not in grouped]
            out.append(judge(rule.name, fig, column, sum(f.value for f in parts), total.value,
                             [total, *parts], f"{_note_name(note)} foots to its total",
                             unread=_unread_rows(note, column, [total, *parts])))
    return out


def _unread_rows(note: NoteFigures, column: str, compared: list[Figure]) -> list[str]:
    """On a scan, the note's rows that have a figure in another column but none in this
    one: printed, most likely, and not read (a born-digital cell left empty is a blank)."""
    if not any(f.scanned for f in compared):
        return []
    here = {(r[1], r[2]) for r in note.rows if r[3] == column}
    return list(dict.fromkeys(note_row_label(r[2], r[0] == "total", r[1]) for r in note.rows
                              if r[0] == "item" and r[3] != column and (r[1], r[2]) not in here))


@evaluator("note_support")
def run_note_support(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    out = []
    for note in fig.notes:
        target = ctx.lexicon.note_supports(note.note_key)
        for column, _, _, totals in _note_columns(note) if target else []:
            line = fig.statements.get((target[0], target[1], column))
            if not totals or line is None:
                continue
            out.append(_note_vs_statement(rule, fig, note, column, totals[-1][4], line, ctx))
    return out


def _note_vs_statement(rule: Rule, fig: ReportFigures, note: NoteFigures, column: str,
                       total: Figure, line: Figure, ctx: Context) -> FindingData:
    expected, actual = abs(line.value), abs(total.value)
    what = f"{_note_name(note)} total = {line.label} in the statement"
    extra = [fig.statements.get((s, k, column)) for s, k in ctx.lexicon.note_includes(note.note_key)]
    extra = [f for f in extra if f is not None and f.value]
    if actual != expected and extra and actual == expected + sum(abs(f.value) for f in extra):
        explained = (f"{_note_name(note)} includes "
                     + " and ".join(f"{f.label} ({format_amount(abs(f.value))})" for f in extra)
                     + f", so its total exceeds {line.label}; a definitional difference")
        return judge(rule.name, fig, column, expected, actual, [total, line, *extra], what,
                     explained)
    return judge(rule.name, fig, column, expected, actual, [total, line], what)


def _contributions(note: NoteFigures, column: str, lexicon: Lexicon,
                   payers: list[str]) -> dict[str, list[Figure]]:
    paid: dict[str, list[Figure]] = {p: [] for p in payers}
    for row_type, _, label, col, figure in note.rows:
        payer = lexicon.payer_of(label) if row_type == "item" and col == column else None
        if payer:
            paid[payer].append(figure)
    return paid


@evaluator("share")
def run_share(rule: Rule, fig: ReportFigures, ctx: Context) -> list[FindingData]:
    """One member's contribution in the intäkter note against its share by law (50/25/25)."""
    funding = ctx.lexicon.funding
    shares: dict[str, int] = funding.get("shares", {})
    payer = rule.target.partition(".")[2]
    if payer not in shares:
        return []
    out: list[FindingData] = []
    for note in (n for n in fig.notes if n.note_key == funding.get("note")):
        for column in sorted({r[3] for r in note.rows}):
            paid = _contributions(note, column, ctx.lexicon, list(shares))
            if not all(paid.values()):
                continue  # not every payer printed: no split to check
            total = sum(f.value for figs in paid.values() for f in figs)
            figs = paid[payer]
            value = sum(f.value for f in figs)
            shown = figs[0] if len(figs) == 1 else Figure(
                value, figs[0].file, figs[0].page, f"{len(figs)} rader ({payer})", figs[0].unit,
                confidence=min(f.confidence for f in figs))
            # Arelle's way: the payer's figures carry their rounding, the share of the sum
            # that share of every figure's rounding (tkr: several terms of ±500 kr each).
            everyone = [f for fs in paid.values() for f in fs]
            rounding = carried_rounding(figs) + round(
                carried_rounding(everyone) * shares[payer] / 100)
            out.append(judge(rule.name, fig, column, round(total * shares[payer] / 100), value,
                             [shown], f"{_note_name(note)}: {payer} pays {shares[payer]} % of "
                             f"the members' contributions ({format_amount(total)})",
                             rounding=rounding, unread=_unfooted(note, column, everyone),
                             located=figs))
    return out


def _unfooted(note: NoteFigures, column: str, read: list[Figure]) -> list[str]:
    """On a scan, a note whose rows do not add up to its total in ``column``: rows of it
    were not read (or misread), so a split of its rows rests on what is missing."""
    if not any(f.scanned for f in read):
        return []
    for col, items, subtotals, totals in _note_columns(note):
        if col != column or not totals:
            continue
        grouped = {s[1] for s in subtotals}
        parts = [s[4] for s in subtotals] + [r[4] for r in items if r[1] not in grouped]
        total = totals[-1][4]
        if not within_rounding(sum(f.value for f in parts), total.value, [total, *parts]):
            return [f"a row of {_note_name(note)} (its rows do not add up to its total)"]
    return []


def _with_conventions(fig: ReportFigures, lexicon: Lexicon) -> None:
    for report in (fig, fig.last):
        if report is not None and not report.conventions:
            report.conventions = detect(report, lexicon.cost_words(),
                                        lexicon.no_cost_statements())


def run_rules(fig: ReportFigures, rules: tuple[Rule, ...],
              lexicon: Lexicon | None = None) -> list[FindingData]:
    lexicon = lexicon or load_lexicon()
    _with_conventions(fig, lexicon)
    ctx = Context(lexicon)
    out: list[FindingData] = []
    for rule in rules:
        out += EVALUATORS[rule.kind](rule, fig, ctx)
    return out


def check_report(fig: ReportFigures, lexicon: Lexicon | None = None) -> list[FindingData]:
    return run_rules(fig, ALL_RULES, lexicon)


def funding_findings(fig: ReportFigures, lexicon: Lexicon) -> list[FindingData]:
    """The members' contributions split as the law says (the ``share`` rows)."""
    return run_rules(fig, tuple(r for r in ALL_RULES if r.kind == "share"), lexicon)
