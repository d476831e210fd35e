"""Key facts of the other documents in a förbund's archive.

A styrelseprotokoll gives its meeting date and place, who attended (tjänstgörande ledamöter,
ersättare, others present) and the number and title of every § item; a tjänsteskrivelse its
title and the documents its decision rests on (beslutsunderlag). The words that mark each
fact are in the lexicon's ``[minutes]`` table.
"""

from __future__ import annotations

import re

from core.geometry import runs
from core.lexicon import Lexicon, fold
from core.settings import DIGITAL
from core.types import Fact
from parsers.layout import Line

_PARAGRAPH_RE = re.compile(r"^§\s*(\d{1,3})\b\s*(.*)$")
_SHORT_DATE_RE = re.compile(r"\b(\d{2})(\d{2})(\d{2})\b")
_ISO_DATE_RE = re.compile(r"\b(20\d\d)-(\d{2})-(\d{2})\b")
_LONG_DATE_RE = re.compile(r"\b(\d{1,2})\s+([a-zåäö]+)\s+(20\d\d)\b", re.IGNORECASE)
# A gap this wide (text heights) between two words separates two columns of a list.
COLUMN_GAP = DIGITAL.counts.minutes_column_gap


def _date(text: str, months: list[str]) -> str | None:
    """ISO date from "251024", "2025-10-24" or "fredag 24 oktober 2025" (``months``: the
    lexicon's month names, January first)."""
    if m := _ISO_DATE_RE.search(text):
        return "-".join(m.groups())
    if m := _LONG_DATE_RE.search(text):
        names = [fold(n) for n in months]
        month = names.index(fold(m.group(2))) + 1 if fold(m.group(2)) in names else None
        if month:
            return f"{m.group(3)}-{month:02d}-{int(m.group(1)):02d}"
    if m := _SHORT_DATE_RE.search(text):
        yy, mm, dd = (int(g) for g in m.groups())
        if 1 <= mm <= 12 and 1 <= dd <= 31:
            return f"20{yy:02d}-{mm:02d}-{dd:02d}"
    return None


def _starts(line: Line, phrases: list[str]) -> str | None:
    """The text after the first of ``phrases`` that ``line`` starts with."""
    text = line.text.strip()
    for phrase in sorted(phrases, key=len, reverse=True):
        if fold(text).startswith(fold(phrase)):
            n = len(phrase.split())
            return " ".join(w.text for w in line.words[n:]).lstrip(": ").strip()
    return None


def _cells(line: Line) -> list[str]:
    """Words of a list line grouped into columns by wide gaps."""
    cells = runs(line.words, lambda w: w.x0, lambda w: w.x1, COLUMN_GAP * line.height,
                 presorted=True)
    return [" ".join(w.text for w in c) for c in cells]


def _role(line: Line, columns: dict[str, float]) -> str | None:
    """Which role column ("Tjänstgör", "Ersättare") the line's mark ("x") stands under."""
    marks = [w for w in line.words if fold(w.text) == "x"]
    if not marks or not columns:
        return None
    mark = marks[-1]
    centre = (mark.x0 + mark.x1) / 2
    return min(columns, key=lambda role: abs(columns[role] - centre))


def parse_minutes(lines: list[Line], lexicon: Lexicon) -> list[Fact]:
    words = lexicon.minutes
    facts: list[Fact] = []
    mode = None  # "members" or "others" while reading the attendance lists
    roles: dict[str, float] = {}
    for line in lines:
        text = line.text.strip()
        if m := _PARAGRAPH_RE.match(text):
            mode = None
            facts.append(Fact("paragraph", m.group(2).strip(), line.page, int(m.group(1))))
            continue
        if (rest := _starts(line, words.date)) is not None and _date(rest, words.months):
            if not any(f.fact == "meeting_date" for f in facts):
                facts.append(Fact("meeting_date", _date(rest, words.months), line.page))
            continue
        if (rest := _starts(line, words.place)) is not None and rest:
            facts.append(Fact("place", rest, line.page))
            continue
        if _starts(line, words.members) is not None:
            mode = "members"
            continue
        if _starts(line, words.others) is not None:
            mode = "others"
            continue
        if mode == "members":
            folded = {fold(w.text): (w.x0 + w.x1) / 2 for w in line.words}
            heads = {role: x for role, phrases in words.roles.items()
                     for p in phrases if (x := folded.get(fold(p))) is not None}
            if heads:
                roles = heads
                continue
            role = _role(line, roles)
            cells = [c for c in _cells(line) if fold(c) != "x"]
            if role and cells:
                facts.append(Fact(role, cells[0], line.page,
                                  detail=cells[1] if len(cells) > 1 else ""))
                continue
            if facts and facts[-1].fact in roles:
                mode = None
        elif mode == "others":
            cells = _cells(line)
            if len(cells) >= 2 and len(line.words) <= 10:
                facts.append(Fact("ovrig", cells[0], line.page, detail=" ".join(cells[1:])))
                continue
            mode = None
    return facts


def parse_memo(lines: list[Line], lexicon: Lexicon) -> list[Fact]:
    """A tjänsteskrivelse: its title (up to the first blank-separated heading) and each
    bullet of its beslutsunderlag, with the date it came in."""
    words = lexicon.minutes
    facts: list[Fact] = []
    if lines:
        title = [lines[0]]
        for ln in lines[1:3]:
            if ln.page == title[-1].page and ln.top - title[-1].bottom < title[-1].height:
                title.append(ln)
        facts.append(Fact("title", " ".join(ln.text for ln in title), lines[0].page))
    reading = False
    for line in lines:
        if _starts(line, words.decision_basis) is not None:
            reading = True
            continue
        first = line.words[0].text if line.words else ""
        if reading and first in lexicon.bullets:
            text = " ".join(w.text for w in line.words[1:])
            when = _date(text, words.months)
            facts.append(Fact("beslutsunderlag", text, line.page, detail=when or ""))
        elif reading and facts[-1].fact == "beslutsunderlag":
            reading = False
    return facts
