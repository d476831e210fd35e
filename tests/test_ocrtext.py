"""OCR's look-alike glyphs (core/ocrtext.py): one table serves every reader of a figure."""

from __future__ import annotations

from collections import Counter

import pytest

from core.ocrtext import (
    DIGIT_LOOKALIKES,
    MISREAD_GLYPHS,
    figure_like,
    misread_word,
    ocr_digits,
    printed_spellings,
    repair_number,
)
from parsers import classify
from repair.ocrfix import document_spelling
from tests.words import lines, text_line


@pytest.mark.parametrize("letter", sorted(DIGIT_LOOKALIKES))
def test_one_lookalike_table(letter: str) -> None:
    digit = DIGIT_LOOKALIKES[letter]
    assert ocr_digits(f"20{letter}4") == f"20{digit}4"
    assert figure_like(f"1{letter}")
    fixed = repair_number(f"20{letter}4")
    assert fixed is None or fixed[0] == f"20{digit}4"


@pytest.mark.parametrize("token, like", [("b135", True), ("17e5", True), ("L979", True),
                                         ("2a", False), ("Not", False), ("kr", False),
                                         ("ab12", False), ("§123", False)])
def test_a_figure_with_one_letter_among_its_digits_is_figure_like(token: str, like: bool) -> None:
    assert figure_like(token) is like


def test_an_amount_alone_is_mended_from_the_commonest_lookalikes() -> None:
    """Without most of its characters digits, "D", "B" and "|" stay: they are as often letters."""
    assert {c for c in DIGIT_LOOKALIKES if repair_number(f"20{c}4")} == set("OolIS")


def test_misread_glyphs_are_one_set() -> None:
    assert classify._LOOKALIKE_DIGITS == set(MISREAD_GLYPHS)
    assert all(misread_word(f"Kal{c}mar") for c in MISREAD_GLYPHS)
    assert not misread_word("Kal8mar")


def test_names_take_the_documents_spelling_from_one_collection() -> None:
    """An unknown förbund's name (classify) and a name in a note (the OCR repair) read the
    same evidence: the document's capitalised printings with å/ä/ö, never one without."""
    ls = lines(text_line(100, "kommunerna Hälleberg och Gruvbo"),
               text_line(120, "Driftbidrag från Halleberg kommun"), text_line(140, "Gruvbo Halleberg"))
    assert printed_spellings(w.text for ln in ls for w in ln.words) == \
        {"halleberg": Counter({"Hälleberg": 1})}
    assert classify._with_diacritics("Samordningsförbundet Halleberg", ls) == \
        "Samordningsförbundet Hälleberg"
    assert [ln.label for ln in document_spelling(ls, {1})][1:] == \
        ["Driftbidrag från Hälleberg kommun", "Gruvbo Hälleberg"]
