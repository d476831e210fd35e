"""Amounts of a scanned table whose figures do not add up, read again from the page image.

A broken sum may be misprinted, or misread. Before anything is stored, every amount that
takes part in a broken rule is read again (``reread``: a function the caller gives, so this
module needs no images); a re-read value is taken only when it makes fewer rules break than
before. What still breaks is left as printed for ``finsam check`` to report, with a lowered
confidence. Which rules break is the rule table's business: ``breaks`` is a function the
wiring layer gives (``checks.parsed.broken_amounts``), so repair never imports checks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from core.settings import OCR
from core.types import Amount

# Re-reading costs a Tesseract run per amount: at most this many per file.
MAX_REREADS = OCR.reread.max_rereads

# (final) -> (number of broken rules, the amounts they compare, in reading order). While
# repairing, sums off by rounding count too (a misread last digit is worth a re-read); for the
# final doubt (``final=True``) only real breaks count.
Breaks = Callable[[bool], tuple[int, list[Amount]]]


def repair_by_arithmetic(breaks: Breaks, reread: Callable[[list[Amount]], list[int | None]],
                         rereadable: Callable[[Amount], bool], reread_confidence: float,
                         doubt_confidence: float,
                         alternatives: Sequence[Callable[[list[Amount]], list[int | None]]] = (),
                         sure: Callable[[list[Amount]], list[int | None]] | None = None,
                         confirm_from: float = 0.0,
                         signed: Callable[[Amount], bool] | None = None) -> int:
    """Mend misread amounts in place; returns how many were changed. ``alternatives``: other
    readings of the same ink (the figures after a note number OCR glued to them, "2 15 653";
    OCR's first reading without the dust at its ends), each tried in turn for the amounts
    the readings before did not mend. ``sure``: a reading that only a confident re-read
    gives; an amount read the same again confirms its figure only when ``sure`` reads it the
    same too (without ``sure``, any equal reading does), and when its first reading was at
    least ``confirm_from`` sure. ``signed``: the amounts whose sign no convention turns (a
    cash flow's, a balance sheet's), tried with a lost minus."""
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
    for other in alternatives:
        rest = [a for a in chosen if id(a) not in changed]
        if not count or not rest:
            break
        for amount, value in zip(rest, other(rest), strict=True):
            attempt(amount, value)
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
