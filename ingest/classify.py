"""Which document this is (kind), whose (förbund) and for which year: from the content."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from core.lexicon import Lexicon, fold
from core.types import Line

TITLE_PAGES = 3
_FORBUND_RE = re.compile(r"samordningsf[oö]rbundet\s+(?:i\s+)?(.{2,60})", re.IGNORECASE)
# Kinds whose title carries the year ("Årsredovisning 2024", "Verksamhetsplan för 2025").
_DATED_KINDS = ("arsredovisning", "verksamhetsplan", "delarsrapport")
_YEAR_RE = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")


@dataclass
class Classification:
    kind: str
    organisation: str | None
    fiscal_year: int | None


def _kind(lines: list[Line], lexicon: Lexicon) -> str:
    """The kind named in the largest type on the first pages."""
    table = lexicon.kinds.exact
    best: tuple[float, int, str] | None = None
    for i, line in enumerate(lines):
        words = fold(line.text).split()
        size = max(w.size for w in line.words)
        for n in (3, 2, 1):
            for j in range(len(words) - n + 1):
                kind = table.get(" ".join(words[j:j + n]))
                if kind and (best is None or (size, -i) > (best[0], best[1])):
                    best = (size, -i, kind)
    return best[2] if best else "okand"


def _organisation(text: str, lexicon: Lexicon) -> str | None:
    names = sorted(lexicon.raw["forbund"]["names"], key=len, reverse=True)
    for m in _FORBUND_RE.finditer(text):
        tail = fold(m.group(1))
        for name in names:
            if tail.startswith(fold(name)):
                return name
        words = []
        for w in m.group(1).split():
            if w[:1].isupper() or w.lower() in ("län", "lan"):
                if fold(w) in lexicon.kinds.exact:
                    break
                words.append(w.strip(",.;:"))
            else:
                break
            if len(words) == 3:
                break
        if words:
            return " ".join(words)
    return None


_TITLE_PATTERNS: dict[int, re.Pattern] = {}


def _year_title_re(lexicon: Lexicon) -> re.Pattern:
    if id(lexicon) in _TITLE_PATTERNS:
        return _TITLE_PATTERNS[id(lexicon)]
    words = {w.split()[0] for kind in _DATED_KINDS
             for w in lexicon.raw["document_kinds"][kind]}
    pattern = re.compile(rf"(?:{'|'.join(sorted(map(re.escape, words)))})"
                         r"\s+(?:för\s+)?(?:år\s+)?(?:\w+\s+)?(20\d\d)", re.IGNORECASE)
    return _TITLE_PATTERNS.setdefault(id(lexicon), pattern)


def _year(text: str, lexicon: Lexicon) -> int | None:
    m = _year_title_re(lexicon).search(text)
    if m:
        return int(m.group(1))
    years = Counter(int(y) for y in _YEAR_RE.findall(text))
    return years.most_common(1)[0][0] if years else None


def classify(lines: list[Line], lexicon: Lexicon) -> Classification:
    first = [ln for ln in lines if ln.page <= TITLE_PAGES]
    text = "\n".join(ln.text for ln in first)
    return Classification(_kind(first, lexicon), _organisation(text, lexicon), _year(text, lexicon))
