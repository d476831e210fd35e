"""Amounts of a scanned table whose figures do not add up, read again from the page image.

A broken sum may be misprinted, or misread. Before anything is stored, every amount that
takes part in a broken rule is read again (``reread``: a function the caller gives, so this
module needs no images); a re-read value is taken only when it makes fewer rules break than
before. What still breaks is left as printed for ``finsam check`` to report, with a lowered
confidence. Which rules break is the rule table's business: ``breaks`` is a function the
wiring layer gives (``checks.parsed.broken_amounts``), so repair never imports checks.
"""

from __future__ import annotations

from collections.abc import Callable

from core.settings import OCR
from core.types import Amount

# Re-reading costs a Tesseract run per amount: at most this many per file.
MAX_REREADS = OCR.reread.max_rereads
# A digit mended by arithmetic is tried for this many of the least sure figures at most (each
# change tried costs an evaluation of every rule).
MAX_DIGIT_MENDS = OCR.reread.max_digit_mends

# (final) -> (number of broken rules, the amounts they compare, in reading order). While
# repairing, sums off by rounding count too (a misread last digit is worth a re-read); for the
# final doubt (``final=True``) only real breaks count.
Breaks = Callable[[bool], tuple[int, list[Amount]]]


def repair_by_arithmetic(breaks: Breaks, reread: Callable[[list[Amount]], list[int | None]],
                         rereadable: Callable[[Amount], bool], reread_confidence: float,
                         doubt_confidence: float,
                         alternatives: Callable[[list[Amount]], list[int | None]] | None = None,
                         sure: Callable[[list[Amount]], list[int | None]] | None = None,
                         confirm_from: float = 0.0,
                         signed: Callable[[Amount], bool] | None = None,
                         mend_digits: Callable[[Amount], bool] | None = None) -> int:
    """Mend misread amounts in place; returns how many were changed. ``alternatives``: a
    second reading of the same ink (the figures after a note number OCR glued to them,
    "2 15 653"), tried for the amounts the first reading did not mend. ``sure``: a reading
    that only a confident re-read gives; an amount read the same again confirms its figure
    only when ``sure`` reads it the same too (without ``sure``, any equal reading does), and
    when its first reading was at least ``confirm_from`` sure. ``signed``: the amounts whose
    sign no convention turns (a cash flow's, a balance sheet's), tried with a lost minus.
    ``mend_digits``: the amounts (a note's: a sum of many terms) whose figure, when its first
    reading was doubtful (below ``confirm_from``) and no reading mended it, may have one
    digit changed, put in or taken out (``_mend_digit``)."""
    count, suspects = breaks(False)
    if not count:
        return 0
    chosen = [a for a in suspects if rereadable(a)][:MAX_REREADS]
    changed: set[int] = set()
    confirmed: set[int] = set()  # ids of amounts the image read the same a second time

    def attempt(amount: Amount, value: int | None) -> None:
        nonlocal count
        if value is None or value == amount.value:
            return
        old = amount.value
        amount.value = value
        new_count, _ = breaks(False)
        if new_count < count:
            count = new_count
            changed.add(id(amount))
            confirmed.discard(id(amount))
            amount.confidence = min(amount.confidence, reread_confidence)
        else:
            amount.value = old

    same: list[Amount] = []
    for amount, value in zip(chosen, reread(chosen), strict=True):
        # A figure already doubtful as first read (groups lost, a box wider than its digits)
        # is no witness of a misprint however often it is read the same.
        if value == amount.value and amount.confidence >= confirm_from:
            same.append(amount)
        attempt(amount, value)
    if same:
        again = sure(same) if sure is not None else [a.value for a in same]
        confirmed.update(id(a) for a, v in zip(same, again, strict=True) if v == a.value)
    rest = [a for a in chosen if id(a) not in changed]
    if alternatives is not None and count and rest:
        for amount, value in zip(rest, alternatives(rest), strict=True):
            attempt(amount, value)
    if mend_digits is not None and count:
        doubtful = [a for a in chosen if id(a) not in changed | confirmed and a.confidence < confirm_from
                    and mend_digits(a)]
        for _ in range(2):  # a figure a note, two notes at most
            mended = _mend_digit(doubtful, breaks, count) if count else None
            if mended is None:
                break
            amount, count = mended
            changed.add(id(amount))
            amount.confidence = min(amount.confidence, doubt_confidence)
            doubtful.remove(amount)
    # A minus OCR lost whole (no ink left in the box, none read again): the figure with its
    # sign turned, taken only when it mends a sum; never one a sure second view read as is.
    for amount in [a for a in chosen if signed is not None and signed(a) and a.value and a.value > 0
                   and id(a) not in changed | confirmed]:
        if count:
            attempt(amount, -amount.value)
    # What still breaks: the printed figures may be wrong, or misread beyond repair. A figure
    # read the same twice is taken as printed: its sum is a misprint, not a doubt.
    _, still = breaks(True)
    for amount in still:
        if rereadable(amount) and id(amount) not in confirmed:
            amount.confidence = min(amount.confidence, doubt_confidence)
    return len(changed)


def one_digit_edits(value: int, scale: int = 1) -> list[int]:
    """The figure as printed (``value`` / ``scale``) with one digit changed, put in or taken
    out, in kronor again: what a misread digit ("973" for 573) or one lost under a streak
    ("77" for 771) was."""
    if value % scale:
        return []
    sign, digits = (-1 if value < 0 else 1), str(abs(value) // scale)
    out: set[str] = set()
    for i in range(len(digits) + 1):
        out.update(digits[:i] + d + digits[i:] for d in "0123456789")  # one put in
        if i < len(digits):
            out.update(digits[:i] + d + digits[i + 1:] for d in "0123456789")  # one changed
            out.add(digits[:i] + digits[i + 1:])  # one taken out
    out = {t for t in out if t and (t == "0" or not t.startswith("0"))} - {digits}
    return sorted(sign * int(t) * scale for t in out)


def _mend_digit(doubtful: list[Amount], breaks: Breaks, count: int) -> tuple[Amount, int] | None:
    """The one change of one digit of a doubtful figure that makes the fewest rules break,
    fewer than ``count``, set in place. The least sure figures are tried first, then those
    next least sure with them (at most MAX_DIGIT_MENDS): a sum's difference one digit of
    several figures could make up ("400": 973 → 573, or 1451 → 1051) is put on the least
    sure alone. None when no change mends, or when two do as well among the figures tried
    (arithmetic then tells no figure). Returns the amount and the rules still broken."""
    tried: list[Amount] = []
    for level in sorted({a.confidence for a in doubtful}):
        fresh = [a for a in doubtful if a.confidence == level][:MAX_DIGIT_MENDS - len(tried)]
        if not fresh:
            break
        tried += fresh
        best, found = count, []
        for amount in tried:
            old = amount.value
            for value in one_digit_edits(old, amount.scale):
                amount.value = value
                now, _ = breaks(False)
                if now < best:
                    best, found = now, [(amount, value)]
                elif now == best and found:
                    found.append((amount, value))
            amount.value = old
        if len(found) > 1:
            return None
        if found:
            amount, value = found[0]
            amount.value = value
            return amount, best
    return None
