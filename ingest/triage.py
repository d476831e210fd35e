"""Page triage: is a page's text layer good, missing or damaged, and does it need OCR?

A scanned page has an image and no words (missing). A scan that an old tool OCR'd without
Swedish has words, but its Swedish words lack å/ä/ö ("Forvaltningsberattelse", "Férbundet") and
its amounts carry dots or lost spaces (damaged). Born-digital pages have words and usually no
image (good). The decision is recorded per page, with the figures it rests on.

E-signing services add a stamp to every page and verification pages at the end; both are
recognised here (patterns in the lexicon's ``[signing]``) and kept out of the parsed content.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from core.lexicon import Lexicon, fold
from core.ocrtext import FOREIGN_ACCENTS, repair_number
from core.settings import DIGITAL
from core.types import PageDecision
from ingest.pdftext import Page, Word

OCR_POLICIES = ("auto", "force", "never")
# An image page with fewer words than this has no usable text layer.
MIN_WORDS = DIGITAL.triage.min_words
# A layer is damaged when at least this many known Swedish words lost their diacritics and
# they outnumber the ones spelled right.
DAMAGED_MIN_HITS = DIGITAL.triage.damaged_min_hits
# ... or when this share of its amount tokens is malformed (dots for spaces, lost spaces).
DAMAGED_NUMBER_SHARE = DIGITAL.triage.damaged_number_share
DAMAGED_NUMBER_MIN = DIGITAL.triage.damaged_number_min
# ... or when this share of its tokens is garbage (broken font encodings, "(cid:12)").
GARBAGE_SHARE = DIGITAL.triage.garbage_share
GARBAGE_MIN_TOKENS = DIGITAL.triage.garbage_min_tokens
# Page images larger than this (megapixels) are not OCR'd: Tesseract fails on them or takes
# gigabytes (an A3 page at 600 dpi is 70 Mpx; a 35 000 x 35 000 px fax is 1 225).
MAX_OCR_MPIXELS = DIGITAL.triage.max_ocr_mpixels

_LETTERS_RE = re.compile(r"[^\W\d_]+")
_LOST_SPACE_RE = re.compile(r"^[-−–]?\d{5,}$")
_GROUPED_RE = re.compile(r"^\d{1,3}$|^[-−–]?\d{1,3}$")
_CID_RE = re.compile(r"\(cid:\d+\)")


def _diacritic_hits(words: list[Word], vocabulary: dict[str, str]) -> tuple[int, int]:
    """(spelled right, lost or mangled) among known words that carry å, ä or ö."""
    right = lost = 0
    for w in words:
        for token in _LETTERS_RE.findall(w.text):
            if len(token) < 3:
                continue
            canonical = vocabulary.get(fold(token))
            low = token.lower()
            if canonical and canonical != fold(canonical):
                if low == canonical:
                    right += 1
                else:
                    lost += 1
            elif canonical is None and FOREIGN_ACCENTS & set(low):
                lost += 1
    return right, lost


def _function_words(words: list[Word], lexicon: Lexicon) -> tuple[int, int]:
    """(Swedish, English) function words on the page. English is more English than Swedish.
    A page of tables and figures has neither (short labels: "Arets resultat", "Ovriga
    skulder"): it is not English, and its Swedish words without å/ä/ö tell of an
    English-only OCR layer as on prose."""
    swedish, english = lexicon.language_words
    tokens = [w.text.lower().strip(".,;:()") for w in words]
    return sum(t in swedish for t in tokens), sum(t in english for t in tokens)


def _number_damage(words: list[Word]) -> tuple[int, int]:
    """(amount-like tokens, malformed ones): what the repair would mend ("7.187.431",
    "175-771") or lost its grouping spaces ("7187431"); years are not amounts."""
    total = bad = 0
    for w in words:
        t = w.text.strip("()")
        if any(c.isdigit() for c in t) and repair_number(t) is not None:
            total, bad = total + 1, bad + 1
        elif _LOST_SPACE_RE.match(t):
            total, bad = total + 1, bad + 1
        elif t.isdigit() and not (len(t) == 4 and t.startswith("20")):
            total += 1
    return total, bad


def _is_garbage(text: str) -> bool:
    """What a font without a usable encoding extracts as: "(cid:12)", private-use or control
    characters, U+FFFD. Leader dots and dashes ("........") are typography, not garbage."""
    return bool(_CID_RE.search(text)) or any(
        c == "\ufffd" or unicodedata.category(c) in ("Co", "Cc", "Cn") for c in text)


def _garbage_share(words: list[Word]) -> float:
    if len(words) < GARBAGE_MIN_TOKENS:
        return 0.0
    return sum(1 for w in words if _is_garbage(w.text)) / len(words)


def is_verification_page(words: list[Word], lexicon: Lexicon) -> bool:
    text = fold(" ".join(w.text for w in words))
    if not any(h in text for h in lexicon.verification_pages):
        return False
    fields = lexicon.verification_fields
    hits = sum(1 for w in words if fold(w.text) in fields)
    return hits >= 2


def decide(page: Page, lexicon: Lexicon, policy: str = "auto") -> PageDecision:
    n = page.number
    if is_verification_page(page.words, lexicon):
        return PageDecision(n, "good", False, "e-signing verification page", verification=True)
    too_large = page.image_pixels > MAX_OCR_MPIXELS * 1_000_000
    if len(page.words) < MIN_WORDS:
        if not page.has_images:
            return PageDecision(n, "blank", False, "no text and no image")
        if policy == "never":
            return PageDecision(n, "missing", False, "image without a text layer; OCR is off "
                                                     "(--ocr never)")
        if too_large:
            return PageDecision(n, "missing", False, "image without a text layer, too large to "
                                f"OCR ({page.image_pixels / 1e6:.0f} Mpx, over "
                                f"{MAX_OCR_MPIXELS})")
        return PageDecision(n, "missing", True, "image without a text layer")
    layer, reason = "good", "text layer"
    right, lost = _diacritic_hits(page.words, lexicon.vocabulary)
    garbage = _garbage_share(page.words)
    swedish_words, english_words = _function_words(page.words, lexicon)
    english = english_words > swedish_words
    # Amounts without grouping spaces are normal in English documents, and a born-digital
    # table may print them so, or grouped by periods ("12.456.300"): judged on a scan's OCR
    # layer, or on a Swedish page of prose with images (a table page with a logo is no scan).
    judged = page.has_images and (page.source == "ocr" or swedish_words > english_words)
    total, bad = _number_damage(page.words) if judged else (0, 0)
    if lost >= DAMAGED_MIN_HITS and lost > right and not english:
        layer, reason = "damaged", f"{lost} Swedish words without å/ä/ö, {right} with"
    elif bad >= DAMAGED_NUMBER_MIN and bad >= DAMAGED_NUMBER_SHARE * total:
        layer, reason = "damaged", f"{bad} of {total} amounts malformed (dots, lost spaces)"
    elif garbage >= GARBAGE_SHARE:
        layer, reason = "damaged", f"{garbage:.0%} of the words are not text"
    if policy == "force" and not too_large:
        return PageDecision(n, layer, True, reason + "; OCR forced")
    return PageDecision(n, layer, layer == "damaged" and policy == "auto" and not too_large,
                        reason)


def triage(pages: list[Page], lexicon: Lexicon, policy: str = "auto") -> list[PageDecision]:
    if policy not in OCR_POLICIES:
        raise ValueError(f"OCR policy must be one of {OCR_POLICIES}, not {policy!r}")
    decisions = [decide(p, lexicon, policy) for p in pages]
    # One tool made the text layer of every scanned page: when it failed Swedish on some, its
    # layer on the others (tables, title pages: few words to judge by) is no better.
    if any(d.layer == "damaged" for d, p in zip(decisions, pages, strict=True) if p.has_images):
        decisions = [
            replace(d, layer="damaged",
                    ocr=policy != "never" and p.image_pixels <= MAX_OCR_MPIXELS * 1_000_000,
                    reason="scanned page whose text layer came with the damaged pages")
            if d.layer == "good" and p.has_images and not d.verification else d
            for d, p in zip(decisions, pages, strict=True)]
    return decisions


def strip_stamps(page: Page, lexicon: Lexicon) -> Page:
    """Drop the words of signing-service stamps ("Comfact Signature Referensnummer: 1869649")."""
    patterns = lexicon.stamp_patterns
    if not patterns or not page.words:
        return page
    # Match on the page's words in reading order; a match removes every word it touches.
    words = sorted(page.words, key=lambda w: (round(w.top), w.x0))
    text, spans = "", []
    for w in words:
        start = len(text)
        text += w.text + " "
        spans.append((start, start + len(w.text)))
    drop: set[int] = set()
    for pattern in patterns:
        for m in pattern.finditer(text):
            drop.update(i for i, (a, b) in enumerate(spans) if a < m.end() and b > m.start())
    if not drop:
        return page
    return replace(page, words=[w for i, w in enumerate(words) if i not in drop])
