import pytest

from core.numbers import format_amount, parse_amount, parse_decimal


@pytest.mark.parametrize("text,value", [
    ("16 189 674", 16_189_674),
    ("16\u00a0189\u00a0674", 16_189_674),
    ("16\u2009189\u2009674", 16_189_674),
    ("-17 607 130", -17_607_130),
    ("\u221217 607 130", -17_607_130),
    ("\u2013 2 011 200", -2_011_200),
    ("(1 234)", -1_234),
    ("0", 0),
    ("-19", -19),
])
def test_amounts(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["1 23", "12 3456", "abc", "", "7.187 431", "2,875"])
def test_not_amounts(text):
    assert parse_amount(text) is None


def test_decimals():
    assert str(parse_decimal("2,875")) == "2.875"
    assert str(parse_decimal("57,5 %")) == "57.5"


def test_format_round_trip():
    for v in (0, 7, -19, 16_189_674, -1_318_124):
        assert parse_amount(format_amount(v)) == v


@pytest.mark.parametrize("text,value", [
    ("+337", 337),
    ("+ 1 250", 1_250),
    ("(+5)", 5),  # a change printed in parentheses with its plus ("120 (+5)"): no negative
    ("(+ 1 250)", 1_250),
])
def test_a_printed_plus_is_a_positive_amount(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["+", "+/-", "+-5", "(+)"])
def test_a_plus_without_digits_or_with_a_minus_is_no_amount(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize("text,value", [
    ("12.456.300", 12_456_300), ("4.813", 4_813), ("(4.813)", -4_813), ("\u20134.812.640", -4_812_640),
    ("\u2013 4.812.640", -4_812_640), ("12456300", 12_456_300), ("-980", -980)])
def test_thousands_set_apart_by_periods_or_nothing(text, value):
    """A period between thousands groups ("12.456.300": the decimal mark is a comma) was no
    amount: every figure of such a report was lost."""
    from core.numbers import is_numeric_token, is_regular_grouping
    assert parse_amount(text) == value and is_numeric_token(text.replace(" ", ""))
    assert is_regular_grouping(text) == (text != "12456300")


@pytest.mark.parametrize("text", ["4.8", "1.2345", "12.456 300", "2015.12.31", "3.1", "0.750", "-0.125",
                                  "070.123.456"])
def test_a_period_that_groups_no_thousands_makes_no_amount(text):
    # A group led by 0 is never a thousands group: "0.750" is a decimal (a ratio printed
    # with a point), stored as 750, sure.
    from core.numbers import is_numeric_token
    assert parse_amount(text) is None and not is_numeric_token(text)
