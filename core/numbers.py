"""Swedish number formats to integers.

Whole kronor use a space, a no-break space, a thin space or a period ("12.456.300"; the
decimal mark is a comma) between thousands groups, or nothing ("12456300"); minus is
"-", "−" or "–" and may stand apart from the digits; negatives are sometimes in parentheses. A
deviation column may print "+" before a positive figure ("+337", "+ 1 250").
Amounts are returned as ``int``: never as floats.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

MINUS_CHARS = "-\u2212\u2013\u2014"
PLUS = "+"
GROUP_SPACES = " \u00a0\u2009\u202f\u2007"
_SPACE_RE = re.compile(f"[{GROUP_SPACES}]+")
_MINUS_RE = re.compile(f"[{MINUS_CHARS}]")
# One grouped amount: a leading group of 1-3 digits, then groups of exactly three.
_GROUPED_RE = re.compile(r"^\d{1,3}(?: \d{3})*$")
_PLAIN_RE = re.compile(r"^\d+$")
# A count as a share of another ("91 av 159 avslutade"): part, whole.
SHARE_OF_RE = re.compile(r"(\d+)\s+av\s+(\d+)")
# A women/men pair of counts as a table prints it ("18/12", "(18 / 12)"): women, men.
COUNT_PAIR_RE = re.compile(r"^\(?(\d{1,4})\s*/\s*(\d{1,4})\)?$")
# Thousands set apart by periods: "4.813", "12.456.300" (never a decimal point in Swedish).
# A leading group is never 0: "0.750" is a ratio printed with a decimal point.
_PERIOD_GROUPED_RE = re.compile(r"^[1-9]\d{0,2}(?:\.\d{3})+$")
_DECIMAL_RE = re.compile(r"^\d{1,3}(?: \d{3})*,\d+$|^\d+,\d+$")

# A token that can be (part of) an amount cell: digits, a sign, parentheses.
NUMERIC_TOKEN_RE = re.compile(rf"^\(?[{MINUS_CHARS}{PLUS}]?(?:\d[\d{GROUP_SPACES}]*(?:,\d+)?"
                              rf"|[1-9]\d{{0,2}}(?:\.\d{{3}})+)\)?$")
SIGN_TOKEN_RE = re.compile(rf"^[{MINUS_CHARS}{PLUS}]$")


def is_numeric_token(text: str) -> bool:
    return bool(NUMERIC_TOKEN_RE.match(text.strip()))


def is_sign_token(text: str) -> bool:
    return bool(SIGN_TOKEN_RE.match(text.strip()))


_GROUP_TOKEN_RE = re.compile(r"^\d{3}\)?$")


_OCR_GROUP_TOKEN_RE = re.compile(r"^(?:\d{3})+(?: (?:\d{3})+)*\)?$")


def is_group_token(text: str, lenient: bool = False) -> bool:
    """Three digits (perhaps closing a parenthesis): a token that may continue an amount.

    ``lenient`` (OCR'd text) also takes groups that lost their space ("204599") and a word
    repaired into groups ("177.169" → "177 169")."""
    return bool((_OCR_GROUP_TOKEN_RE if lenient else _GROUP_TOKEN_RE).match(text))


# A number's leading digit group, perhaps signed: "17", "−16".
_LEAD_GROUP_RE = re.compile(rf"^[{MINUS_CHARS}]?\d{{1,3}}$")


def is_lead_group_token(text: str) -> bool:
    """One to three digits, perhaps after a minus: a token that may open a grouped amount."""
    return bool(_LEAD_GROUP_RE.match(text))


def _split_sign(text: str) -> tuple[int, str]:
    s = _SPACE_RE.sub(" ", text.strip())
    sign = 1
    if s.startswith("(") and s.endswith(")"):
        sign, s = -1, s[1:-1].strip()
    if s and _MINUS_RE.match(s[0]):
        sign, s = -sign, s[1:].strip()
    elif s.startswith(PLUS):
        # A printed plus says positive, in parentheses too ("120 (+5)": a change, no negative).
        sign, s = 1, s[1:].strip()
    return sign, s


# OCR loses grouping spaces: "13331 848", "7 204599". Groups after the first are then whole
# multiples of three digits; the value is the same as "13 331 848".
_LENIENT_RE = re.compile(r"^\d+(?: (?:\d{3})+)*$")


def parse_amount(text: str, lenient: bool = False) -> int | None:
    """Parse a whole-krona amount as printed; ``None`` when it is not one.

    ``lenient`` (for OCR'd text) also takes groups that lost their spaces.

    >>> parse_amount("−17 607 130"), parse_amount("(1 234)"), parse_amount("- 2 011 200")
    (-17607130, -1234, -2011200)
    >>> parse_amount("13331 848"), parse_amount("13331 848", lenient=True)
    (None, 13331848)
    """
    sign, s = _split_sign(text)
    if _PERIOD_GROUPED_RE.match(s):
        return sign * int(s.replace(".", ""))
    if _GROUPED_RE.match(s) or _PLAIN_RE.match(s) or (lenient and _LENIENT_RE.match(s)):
        return sign * int(s.replace(" ", ""))
    return None


def digits_of(text: str) -> str:
    """The decimal digits of a text, in order, all else dropped ("−1 265" → "1265"): what two
    readings of one figure are compared by."""
    return "".join(ch for ch in text if ch.isdecimal())


# A figure as no printer sets it: a 0 before more digits ("08", "-012 345").
_LEAD_ZERO_RE = re.compile(r"^[-−–—(]?\s*0\s?\d")


def opens_with_zero(text: str) -> bool:
    """Whether an amount's text opens with a 0 before more digits ("08" of "17 908", "—08"):
    no printer sets a figure so; OCR reads it when a figure's leading digits were lost."""
    return bool(_LEAD_ZERO_RE.match(text))


def is_regular_grouping(text: str) -> bool:
    """Grouped as printers set amounts: "13 331 848", "848", not "13331848" or "13331 848"."""
    _, s = _split_sign(text)
    return bool(_GROUPED_RE.match(s) or _PERIOD_GROUPED_RE.match(s))


def parse_decimal(text: str) -> Decimal | None:
    """Parse a number that may carry a decimal comma ("2,875", "57,5")."""
    sign, s = _split_sign(text.replace("%", ""))
    if _DECIMAL_RE.match(s) or _GROUPED_RE.match(s) or _PLAIN_RE.match(s):
        try:
            return sign * Decimal(s.replace(" ", "").replace(",", "."))
        except InvalidOperation:
            return None
    return None


def format_amount(value: int) -> str:
    """Swedish print form with a no-break space, for messages and reports."""
    s = f"{abs(value):,}".replace(",", "\u00a0")
    return ("−" if value < 0 else "") + s
