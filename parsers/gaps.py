"""Where a table row has no amount under a column that its neighbours fill.

OCR drops lone short amounts ("981", "0") more often than long ones. A row of amounts whose
neighbours have a cell at some column, while it has none there, gets a slot: the column's span
at the row's height, for the pipeline to re-read from the page image. Pure geometry: whether
the slot holds an amount is for the re-read to say.
"""

from __future__ import annotations

from dataclasses import dataclass

from parsers.columns import RIGHT_EDGE_TOLERANCE, cluster_right_edges
from parsers.layout import Line
from parsers.rows import is_year_cell

# Rows above and below whose cells define the columns around a row.
WINDOW = 6
# A column needs cells in at least this many neighbouring rows.
MIN_SUPPORT = 2
# A slot keeps this far (text heights) from the label and the row's cells.
CLEARANCE = 1.0


@dataclass(frozen=True)
class Slot:
    line_index: int
    page: int
    x0: float
    top: float
    x1: float
    bottom: float


def _is_row(line: Line) -> bool:
    return bool(line.cells) and bool(line.label_words) and not all(
        is_year_cell(c) for c in line.cells)


def _neighbours(lines: list[Line], i: int) -> list[Line]:
    """Rows of the same table around row ``i``: up to WINDOW each way, not past a page break
    or a heading (two lines in a row that are no amount rows)."""
    out: list[Line] = []
    for step in (-1, 1):
        j, taken, gap = i + step, 0, 0
        while 0 <= j < len(lines) and taken < WINDOW and lines[j].page == lines[i].page:
            if _is_row(lines[j]):
                out.append(lines[j])
                taken, gap = taken + 1, 0
            else:
                gap += 1
                if gap >= 2:
                    break
            j += step
    return out


def empty_slots(lines: list[Line]) -> list[Slot]:
    slots: list[Slot] = []
    for i, line in enumerate(lines):
        if not _is_row(line):
            continue
        h = line.height
        near = _neighbours(lines, i)
        owner = {id(c): id(ln) for ln in near for c in ln.cells}
        columns = cluster_right_edges([c for ln in near for c in ln.cells])
        label_end = line.label_words[-1].x1
        spans = [(col.x0, col.x1) for col in columns
                 if len({owner[id(c)] for c in col.cells}) >= MIN_SUPPORT]
        # The row belongs to this table only when its own amounts stand in its columns.
        if not all(any(abs(c.x1 - x1) <= RIGHT_EDGE_TOLERANCE * h for _, x1 in spans)
                   for c in line.cells):
            continue
        for x0, x1 in spans:
            # Clear of the label and of the row's own cells, so a re-read sees only the slot.
            if x0 <= label_end + CLEARANCE * h:
                continue
            if any(c.x0 < x1 + CLEARANCE * h and c.x1 > x0 - CLEARANCE * h for c in line.cells):
                continue
            slots.append(Slot(i, line.page, x0, line.top, x1, line.bottom))
    return slots
