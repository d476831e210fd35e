"""Resultaträkning, balansräkning, kassaflödesanalys (finansieringsanalys), driftredovisning.

One parser for all four: the rows come from the table, and each label is mapped to its
canonical line key through the lexicon table of its statement.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.lexicon import Lexicon
from parsers.sections import Section
from parsers.tables import Amount, Table, parse_table

STATEMENTS = ("resultatrakning", "balansrakning", "kassaflodesanalys", "driftredovisning",
              "femarsoversikt", "balanskrav")


@dataclass
class StatementRow:
    statement: str
    line_key: str
    label: str
    note_ref: int | None
    order: int
    key_score: float
    amounts: list[Amount] = field(default_factory=list)


@dataclass
class Statement:
    statement: str
    heading: str
    unit: str
    rows: list[StatementRow]

    @property
    def known_rows(self) -> int:
        return sum(1 for r in self.rows if r.key_score >= 90 and r.amounts)


def parse_statement(section: Section, lexicon: Lexicon, fiscal_year: int | None) -> Statement:
    table: Table = parse_table(section.lines, lexicon, fiscal_year)
    rows = []
    for trow in table.rows:
        if not trow.amounts:
            continue
        key, score = lexicon.statement_key(section.kind, trow.label)
        rows.append(StatementRow(section.kind, key, trow.label, trow.note_ref, trow.order,
                                 score, trow.amounts))
    return Statement(section.kind, section.heading, table.unit, rows)
