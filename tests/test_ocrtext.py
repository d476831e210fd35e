"""OCR's look-alike glyphs (core/ocrtext.py): one table serves every reader of a figure."""

from __future__ import annotations

import pytest

from core.ocrtext import (
    DIGIT_LOOKALIKES,
    MISREAD_GLYPHS,
    figure_like,
    misread_word,
    ocr_digits,
    repair_number,
)
from parsers import classify


@pytest.mark.parametrize("letter", sorted(DIGIT_LOOKALIKES))
def test_one_lookalike_table(letter: str) -> None:
    digit = DIGIT_LOOKALIKES[letter]
    assert ocr_digits(f"20{letter}4") == f"20{digit}4"
    assert figure_like(f"1{letter}")
    fixed = repair_number(f"20{letter}4")
    assert fixed is None or fixed[0] == f"20{digit}4"


def test_an_amount_alone_is_mended_from_the_commonest_lookalikes() -> None:
    """Without most of its characters digits, "D", "B" and "|" stay: they are as often letters."""
    assert {c for c in DIGIT_LOOKALIKES if repair_number(f"20{c}4")} == set("OolIS")


def test_misread_glyphs_are_one_set() -> None:
    assert classify._LOOKALIKE_DIGITS == set(MISREAD_GLYPHS)
    assert all(misread_word(f"Kal{c}mar") for c in MISREAD_GLYPHS)
    assert not misread_word("Kal8mar")
