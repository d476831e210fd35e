"""Insatser across years: one id per insats of a förbund, whatever spelling, case or small
rename each year's report used ("KRUS" / "Krus", "Plattform Vimmerby/Hultsfred" /
"Plattformen").

Names are compared folded (case, diacritics, punctuation) with rapidfuzz; a name joins the
insats whose names it resembles most, if any resembles it enough. Two unlike names printed
in one year are two insatser, however close their later names come.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.lexicon import fold
from db.models import GoalRow, ParticipantCount, Report
from parsers.participants import KOMMUN_SOURCE

# A name joins an insats when rapidfuzz's token-set ratio of the folded names is at least this
# (token-set: "plattform" is contained in "plattform vimmerby hultsfred").
SAME_INSATS_SCORE = 85.0
# Words shorter than this carry no identity ("och", "i").
MIN_WORD = 3
_PLURAL_RE = re.compile(r"(en|et|n)$")


@dataclass
class Insats:
    insats_id: str
    organisation: str
    names: dict[str, set[int]] = field(default_factory=dict)  # as printed → years

    @property
    def years(self) -> set[int]:
        return {y for ys in self.names.values() for y in ys}

    @property
    def name(self) -> str:
        """The name of its latest year."""
        return max(self.names, key=lambda n: (max(self.names[n]), len(self.names[n])))


def _key(name: str) -> str:
    words = [w for w in fold(name).split() if len(w) >= MIN_WORD]
    # "Plattformen" / "Plattform": a definite ending is no other insats.
    return " ".join(_PLURAL_RE.sub("", w) if len(w) > 6 else w for w in words)


def _score(a: str, b: str) -> float:
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return 100.0 if fold(a) == fold(b) else 0.0
    return max(fuzz.ratio(ka, kb), fuzz.token_set_ratio(ka, kb))


def _names(session: Session, organisation: str) -> list[tuple[str, int]]:
    """(insats name as printed, fiscal year of the report) of one förbund."""
    seen: set[tuple[str, int]] = set()
    for model in (ParticipantCount, GoalRow):
        q = (select(model.insats, Report.fiscal_year).join(Report, model.report_id == Report.id)
             .where(Report.organisation == organisation, model.insats != "",
                    Report.fiscal_year.is_not(None)).distinct())
        if model is ParticipantCount:  # a member kommun's row names a kommun, no insats
            q = q.where(ParticipantCount.source_table != KOMMUN_SOURCE)
        seen |= {(n, y) for n, y in session.execute(q)}
    return sorted(seen, key=lambda p: (p[1], p[0]))


def group(organisation: str, names: list[tuple[str, int]]) -> list[Insats]:
    """Names in year order; each joins the most similar insats, unless that insats already
    has an unlike name in the same year (another insats printed beside it)."""
    found: list[Insats] = []
    for name, year in names:
        home = next((i for i in found if name in i.names), None)
        if home is None:
            # An insats that already has another, unlike name this year is another insats.
            candidates = [(max(_score(name, n) for n in i.names), i) for i in found
                          if not any(year in ys and _score(name, n) < SAME_INSATS_SCORE
                                     for n, ys in i.names.items())]
            best = max(candidates, key=lambda c: c[0], default=(0.0, None))
            home = best[1] if best[0] >= SAME_INSATS_SCORE else None
        if home is None:
            home = Insats(f"{fold(organisation).replace(' ', '-')}/{len(found) + 1}",
                          organisation)
            found.append(home)
        home.names.setdefault(name, set()).add(year)
    return found


def insatser(session: Session) -> list[Insats]:
    orgs = session.scalars(select(Report.organisation).where(Report.organisation.is_not(None))
                           .distinct().order_by(Report.organisation))
    return [i for org in orgs for i in group(org, _names(session, org))]
