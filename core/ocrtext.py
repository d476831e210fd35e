"""What OCR does to Swedish tokens, as rules on one token: the damage triage looks for to
judge a text layer, and the repair applies to OCR'd words (``repair.ocrfix.repair_words``).
Kept here, below both stages, so there is one definition of a malformed amount and of the
foreign accents an English OCR model puts for å, ä and ö.

>>> repair_number("7.187.431"), repair_number("=152"), repair_number("Styrelsen")
(('7 187 431', 0.85), ('-152', 0.6), None)
>>> letters_for_digits("Sj6haga"), letters_for_digits("2017"), letters_for_digits("Sjöhaga")
('Sjohaga', None, None)
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from core.lexicon import fold
from core.numbers import MINUS_CHARS, parse_amount
from core.settings import OCR

IRREGULAR_GROUPING_CONFIDENCE = OCR.confidence.irregular_grouping
REPAIRED_NUMBER_CONFIDENCE = OCR.confidence.repaired_number

_STRAY = "~|'`‘’\"”“_°*^¨"
STRAY_MARKS = _STRAY  # specks and marks a scan adds around words
# Letters and marks Tesseract reads for digits in a number ("222O00-I859"): the one table
# of them (a figure's glyphs, ``ocr_digits``, ``repair_number``).
# What a scan's ruling line or speck is read as at a word's ends ("__3235174—", "- Arbets…").
LINE_MARKS = "_—–-~=*"
# ... and at a label's ends also a column rule or a bullet: no label begins or ends with
# them ("<" and ">" do: "< 1 år").
LABEL_EDGE_MARKS = LINE_MARKS + "|•·"
# Marks no label prints standing alone: where a ruling line through a row begins.
LONE_LINE_MARKS = "=~_|"

# A run of line marks this long, alone or at a word's end, is a ruling line read through a
# label: what OCR made of the line after it ("Statliga medel == SNES") is no part of the label.
RULE_RUN_MARKS = OCR.gaps.rule_run_marks
_RUN = rf"[{re.escape(LINE_MARKS)}]{{{RULE_RUN_MARKS},}}"
# ... standing apart from the label's last word or from what follows it ("Kalmar--Nybro", an
# en dash read as two hyphens, is one name).
_RULE_RUN_RE = re.compile(rf"(?<=\w)(?:\s+{_RUN}|{_RUN}(?=\s|$))\D*$")

DIGIT_LOOKALIKES = {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8"}
_TO_DIGITS = str.maketrans(DIGIT_LOOKALIKES)
_LOOKALIKE_CLASS = re.escape("".join(DIGIT_LOOKALIKES))
# ... of which ``repair_number`` mends an amount token from these only: it asks for one digit,
# not most of them, and "D", "B" and "|" are as often letters and ruling lines.
_AMOUNT_LOOKALIKES = "OolIS"
_DIGITISH_RE = re.compile(rf"^[{MINUS_CHARS}(]?[\d{_AMOUNT_LOOKALIKES}.,]+\)?$")
# Dots between thousands groups; commas only from two on ("2,875" is a decimal comma).
_DOTTED_RE = re.compile(
    rf"^([{MINUS_CHARS}(]?)(\d{{1,3}}(?:\.\d{{3}})+|\d{{1,3}}(?:,\d{{3}}){{2,}})(\)?)$")
# The groups before the first hyphen may have lost their own space ("2225-755": 2 225 755).
_HYPHEN_GROUPS_RE = re.compile(rf"^([{MINUS_CHARS}]?)(\d{{1,9}}(?:-\d{{3}})+)$")
# A grouping space read as a mark: a colon, a speck, or an upright ruling line through it
# ("988/318", "5}105984": a slash, a bar, a brace or bracket).
# (A dot is split on too, never matched: dotted groups are _DOTTED_RE's.)
_ODD_MARKS = r":;°'’/|}{\[\]!"
_SEPARATORS = rf"[.{_ODD_MARKS}]"
_ODD_SEPARATOR_RE = re.compile(rf"^([{MINUS_CHARS}]?)(\d{{1,3}}(?:[{_ODD_MARKS}]\d+)+)$")
# A dot or comma after this many digits or more is a speck, no decimal: a year ("2017.")
# or a numbering ("3.") keeps its dot as text.
SPECK_MIN_DIGITS = 5
# Specks before a figure read as marks: a run of them, at least one no dot or comma alone.
_LEADING_SPECKS_RE = re.compile(r"^(?=[#,.:;*°•·]*[#:;*°•·])[#,.:;*°•·]+(?=\d)")
_DOUBLED_MINUS_RE = re.compile(rf"^[{MINUS_CHARS}]{{2,}}(\d.*)?$")
# A re-read's figure with a word of line marks after it ("6 295 -"): a ruling line running
# on right of the digits (a sum's rule, one through the row), never a sign, which stands
# before the figure.
_TRAILING_RULE_RE = re.compile(rf"^(.*\d\)?)\s+[{re.escape(LINE_MARKS)}]+$")
# What an English OCR model makes of å, ä and ö.
FOREIGN_ACCENTS = frozenset("éèêëáàâóòôõúùûíìîñçø")
SWEDISH_LETTERS = frozenset("åäöÅÄÖ")


def repair_number(text: str) -> tuple[str, float] | None:
    """An OCR'd amount token made clean, with its confidence; None when it is no amount."""
    t = text.strip(_STRAY)
    if not t:
        return None
    m = _DOUBLED_MINUS_RE.match(t)
    if m:  # "-—13513000", "-—": a blurred minus read as two dashes
        rest = "-" + (m.group(1) or "")
        if not m.group(1):
            return rest, REPAIRED_NUMBER_CONFIDENCE
        inner = repair_number(rest)
        if inner is not None:
            return inner[0], min(inner[1], REPAIRED_NUMBER_CONFIDENCE)
        return (rest, REPAIRED_NUMBER_CONFIDENCE) if rest[1:].isdigit() else None
    m = _TRAILING_RULE_RE.match(t)
    if m:
        head = m.group(1).strip()
        inner = repair_number(head)
        if inner is not None:
            return inner[0], min(inner[1], REPAIRED_NUMBER_CONFIDENCE)
        return (head, REPAIRED_NUMBER_CONFIDENCE) if parse_amount(head, lenient=True) is not None else None
    # A thin minus ("−") before an amount, blurred by the scanner, reads as "=".
    if t.startswith("=") and t[1:].strip().isdigit():
        return "-" + t[1:].strip(), REPAIRED_NUMBER_CONFIDENCE
    m = _HYPHEN_GROUPS_RE.match(t)
    if m:  # "175-771": a grouping space read as a hyphen (dates have no 3-digit groups)
        return m.group(1) + m.group(2).replace("-", " "), REPAIRED_NUMBER_CONFIDENCE
    m = _ODD_SEPARATOR_RE.match(t)
    if m and all(len(g) % 3 == 0 for g in re.split(_SEPARATORS, m.group(2))[1:]):
        # "1:052377", "1°319:735": a grouping space read as a mark (and maybe one lost);
        # "988/318": an upright ruling line through the space.
        return m.group(1) + re.sub(_SEPARATORS, " ", m.group(2)), REPAIRED_NUMBER_CONFIDENCE
    m = _LEADING_SPECKS_RE.match(t)
    if m and sum(c.isdigit() for c in t) >= SPECK_MIN_DIGITS:
        # "#,.1910607": specks before a figure read as marks (a decimal has no mark run).
        rest = t[m.end():]
        inner = repair_number(rest)
        if inner is not None:
            return inner[0], min(inner[1], REPAIRED_NUMBER_CONFIDENCE)
        return (rest, REPAIRED_NUMBER_CONFIDENCE) if rest.isdigit() else None
    if t[-1] in ".," and sum(c.isdigit() for c in t) >= SPECK_MIN_DIGITS:
        # "2672620.", "2:225°755.": a speck after the figure (a year, "2017.", is text).
        if re.fullmatch(rf"[{MINUS_CHARS}]?\d+", t[:-1]):
            return t[:-1], REPAIRED_NUMBER_CONFIDENCE
        inner = repair_number(t[:-1])
        if inner is not None:
            return inner[0], min(inner[1], REPAIRED_NUMBER_CONFIDENCE)
    m = _DOTTED_RE.match(t)
    if m:
        return m.group(1) + re.sub(r"[.,]", " ", m.group(2)) + m.group(3), IRREGULAR_GROUPING_CONFIDENCE
    if _DIGITISH_RE.match(t) and len(t) >= 2 and any(c.isdigit() for c in t) and not re.search(r"[.,]", t):
        fixed = t.translate(_TO_DIGITS)
        if fixed != t:
            return fixed, REPAIRED_NUMBER_CONFIDENCE
    if t != text and re.match(rf"^[{MINUS_CHARS}(]?\d[\d]*\)?$", t):
        return t, REPAIRED_NUMBER_CONFIDENCE
    return None


# The digits, marks and letter pairs Tesseract reads for letters in a word
# ("Samordningsf6rbundet", "Kalrnar", "Flnsam"); DIGIT_LOOKALIKES the other way.
_NUMBERISH_RE = re.compile(rf"^[\d{_LOOKALIKE_CLASS}]+$")
_LETTER_LOOKALIKES = str.maketrans({"0": "o", "6": "o", "1": "l", "i": "l", "|": "l", "!": "l",
                                    "5": "s", "8": "b"})
_PAIR_LOOKALIKES = (("rn", "m"), ("vv", "w"), ("cl", "d"))
# The digits and marks that stand for letters inside a word or a letter-spaced name.
MISREAD_GLYPHS = "0156!|"


# Capitals and marks a scan's figure may be read as, besides the look-alikes above: a
# ruled-through or bold "7975 7771" read as "L979 ITIL".
# A figure with one digit read as any letter keeps this many digits at least ("b135").
_ONE_LETTER_MIN_DIGITS = 3
_FIGURE_GLYPHS_RE = re.compile(rf"^[\d{_LOOKALIKE_CLASS}TLZG()\-]+$")


def figure_like(token: str) -> bool:
    """A token that may be a figure OCR misread: digits and the capitals and marks that look
    like them only ("L979", "ITIL"), or digits with one letter among them ("b135" for
    "1735"); no word of letters ("SUMMA", "Not")."""
    t = token.strip(".,:;")
    if sum(c.isdigit() for c in t) >= _ONE_LETTER_MIN_DIGITS and \
            sum(c.isalpha() for c in t) == 1 and all(c.isalnum() for c in t):
        return True
    return bool(_FIGURE_GLYPHS_RE.match(t)) and (any(c.isdigit() for c in t) or t.isupper())


def ocr_digits(token: str) -> str:
    """A token of digits with look-alike letters read as the digits ("222O00" → "222000",
    "I859" → "1859"); a short token, or one with fewer than half real digits, stays."""
    digits = sum(c.isdigit() for c in token)
    if len(token) < 4 or not _NUMBERISH_RE.match(token) or digits * 2 < len(token):
        return token
    return token.translate(_TO_DIGITS)


def ocr_skeleton(text: str) -> str:
    """The letters of a word as OCR confuses them, for comparing a damaged word with a known
    one: case and diacritics gone, i/l/1 one letter, 0/6 an o, "rn" an m, every mark and
    space dropped ("Samord nings-f6rbundet" and "Samordningsförbundet" alike)."""
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_LETTER_LOOKALIKES)
    text = "".join(c for c in text if "a" <= c <= "z")
    for pair, letter in _PAIR_LOOKALIKES:
        text = text.replace(pair, letter)
    return text


# What is left of a letter a cut (a line's end, the scan's edge) took the right of reads as
# another: "n" as "r", "o" as "c" ("Björkvattr" of "Björkvattnet", "Tc" of "Torvik").
_CUT_GLYPHS = {"n": "r", "m": "nr", "o": "c", "e": "c", "d": "c", "h": "l", "b": "l", "k": "l"}


def cut_glyph(read: str, printed: str) -> bool:
    """Whether ``read`` (one letter, folded) is what is left of ``printed`` cut at its right."""
    return read in _CUT_GLYPHS.get(printed, "")


def glyph_fold(text: str) -> str:
    """``text`` (lower case, folded) with OCR's look-alike glyphs made one, spaces kept (the
    same look-alikes as ``ocr_skeleton``): glyph_fold("uppfylit") == glyph_fold("uppfyllt")."""
    text = text.translate(_LETTER_LOOKALIKES)
    for pair, letter in _PAIR_LOOKALIKES:
        text = text.replace(pair, letter)
    return text


def misread_word(token: str) -> bool:
    """A word with a digit OCR read for a letter ("Ravnsj6", "Kalrnar1an"): letters on both
    sides of the digits or at least three letters; an amount or a year is none."""
    letters = sum(c.isalpha() for c in token)
    return (letters >= 3 or bool(_LETTERS_AROUND_RE.search(token))) and \
        letters > sum(c.isdigit() for c in token) and \
        all(c.isalpha() or c in MISREAD_GLYPHS or not c.isalnum() for c in token)


# Letters on both sides of digits ("L6n": a word of three letters, one read as a digit).
_LETTERS_AROUND_RE = re.compile(r"[^\W\d_]\d+[^\W\d_]")


def printed_spellings(tokens: Iterable[str], min_length: int = 1) -> dict[str, Counter[str]]:
    """Folded form → how often the document prints each spelling with å, ä or ö of its
    capitalised ``tokens`` (at least ``min_length`` letters): the spellings of names no lexicon
    holds, for their printings OCR read without them (OCR loses å, ä and ö; it never adds them).

    >>> printed_spellings(["Hälleberg", "Halleberg", "HÄLLEBERG", "Hälleberg", "år", "Ån"])
    {'halleberg': Counter({'Hälleberg': 2, 'HÄLLEBERG': 1}), 'an': Counter({'Ån': 1})}
    """
    out: dict[str, Counter[str]] = {}
    for token in tokens:
        if len(token) >= min_length and token[:1].isupper() and SWEDISH_LETTERS & set(token):
            out.setdefault(fold(token), Counter())[token] += 1
    return out


# Digits and marks OCR reads for the letters of a word, as those letters (o for 6 and 0:
# the ö and o of "Sjöhaga" and "Försäkringskassan" read as "Sj6haga", "F6rsakringskassan").
_DIGIT_LETTERS = str.maketrans({"6": "o", "0": "o", "1": "l", "5": "s", "!": "l", "|": "l"})


def letters_for_digits(token: str) -> str | None:
    """A word OCR read with a digit for a letter ("Sj6haga") with the letters it stands for
    ("Sjohaga", for the vocabulary or the document to spell); None for any other token."""
    if not misread_word(token) or not any(c in MISREAD_GLYPHS for c in token):
        return None
    return token.translate(_DIGIT_LETTERS)


def before_rule_run(label: str) -> str:
    """An OCR'd label cut where a run of line marks begins after its words ("Statliga medel ==
    SNES" → "Statliga medel", "Övriga kostnader__ ee" → "Övriga kostnader") when no figure
    follows the run; a label without such a run, as it is."""
    return _RULE_RUN_RE.sub("", label).rstrip()


_EDGE_MARKS = _STRAY + ".,:;"


def one_letter_off(read: str, word: str) -> bool:
    """Whether ``read`` is ``word`` with one letter misread: same length, one place differs
    (OCR swaps a letter far more often than it drops or adds one inside a word)."""
    return len(read) == len(word) and sum(a != b for a, b in zip(read, word, strict=True)) == 1


def lost_letter_at(read: str, word: str) -> int | None:
    """Where in ``word`` the one letter stands that ``read`` lost ("Kundfordringa": the last,
    blurred into the column's gap; "Kundfordrngar": the tenth), or None when ``read`` is not
    ``word`` short of one letter."""
    if len(read) != len(word) - 1:
        return None
    i = next((k for k, (a, b) in enumerate(zip(read, word[:-1], strict=True)) if a != b), len(read))
    return i if read[i:] == word[i + 1:] else None


def unknown_word(text: str, vocabulary: dict[str, str]) -> bool:
    """A word of letters the lexicon's vocabulary does not hold (nor in the genitive), or
    one of letters and digits ("Gvidakostnadere2"): maybe no word at all. Words without
    letters (figures, note numbers, marks) are not judged."""
    core = text.strip(_EDGE_MARKS)
    if not any(c.isalpha() for c in core):
        return False
    if any(c.isdigit() for c in core):
        return True
    key = fold(core)
    return key not in vocabulary and not (key.endswith("s") and key[:-1] in vocabulary)


def foreign_word(text: str, vocabulary: dict[str, str], short: frozenset[str] = frozenset()) -> bool:
    """A word of no language: an unknown word (``unknown_word``) that is none of the
    ``short`` words labels print (folded: "i", "av")."""
    core = text.strip(_EDGE_MARKS)
    return unknown_word(core, vocabulary) and fold(core) not in short


def misread_known_word(text: str, vocabulary: dict[str, str]) -> bool:
    """A word the vocabulary lacks that is close to one it holds (``gaps.misread_word_score``):
    that word misread or cut ("Forsdkringskassan", "tjänste", "kortfriistiga"); or letters
    with a dash inside ("Kurs—och-konferensavgifter": a lost space read as a dash)."""
    core = text.strip(_EDGE_MARKS)
    if "—" in core.strip("—") and any(c.isalpha() for c in core):
        return True
    if sum(c.isalpha() for c in core) < OCR.gaps.misread_word_min_letters or \
            not unknown_word(core, vocabulary):
        return False
    return nearest_known(core, vocabulary, OCR.gaps.misread_word_score) is not None


def nearest_known(word: str, vocabulary: dict[str, str], score: float) -> str | None:
    """The vocabulary's key (folded) closest to ``word`` folded, when at least ``score``
    close (rapidfuzz ratio); None else."""
    hit = process.extractOne(fold(word), list(vocabulary), scorer=fuzz.ratio, score_cutoff=score)
    return hit[0] if hit else None


def junk_word(text: str, vocabulary: dict[str, str], short: frozenset[str] = frozenset()) -> bool:
    """OCR gibberish in a label whatever stands around it: a word of no language
    (``foreign_word``) of this few letters (``gaps.junk_word_max_letters``: "ea", "Ko"), or
    one of letters and digits."""
    core = text.strip(_EDGE_MARKS)
    return foreign_word(core, vocabulary, short) and (
        sum(c.isalpha() for c in core) <= OCR.gaps.junk_word_max_letters
        or any(c.isdigit() for c in core))
