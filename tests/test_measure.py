"""The measuring harness's own counting (fixtures/measure.py): what kind of miss a figure is,
and whether OCR read a lost figure's digits at all."""

from __future__ import annotations

import pytest

from fixtures.measure import lost_cause, miss_kind, numbers_in


@pytest.mark.parametrize("expected, got, kind", [
    (23357000, None, "lost"),
    (-684000, 684000, "sign"),
    (23357000, 123357000, "digit added"),
    (24151000, 4151000, "start lost"),
    (1333000, 133, "end lost"),
    (337000, 6840337000, "glued"),
    (1061000, 1062000, "digit misread"),
    (-347000, 293000, "sign and other"),
])
def test_a_miss_is_named_by_what_happened_to_its_digits(expected, got, kind):
    assert miss_kind(expected, got) == kind


def test_a_lost_figure_is_told_apart_by_whether_ocr_read_its_digits():
    numbers = numbers_in("Lokalhyra 891 953\nSumma 17 607 130 x")
    assert {"891", "953", "891953", "17607130", "607130"} <= numbers  # either reading
    assert lost_cause(891000, numbers, "tkr") == "lost, OCR read it"  # printed in tkr
    assert lost_cause(891000, numbers, "kr") == "lost, OCR did not"
    assert lost_cause(-17607130, numbers, "kr") == "lost, OCR read it"
    assert lost_cause(1760, numbers, "kr") == "lost, OCR did not"  # part of a group: none


def test_a_value_stored_sure_under_a_label_never_printed_is_counted_apart():
    """A note item's label is its key: a garbled label ("am" for Sammanträdesarvoden) stores
    its figure under a key the report never printed, where comparing printed keys cannot see
    it. Sure there, it is counted; doubtful, or under a printed key, it is not."""
    from core.types import Amount, FileResult, Note, NoteRow
    from fixtures.compare import sure_unprinted

    def result(*items: tuple[str, float]) -> FileResult:
        rows = [NoteRow("", label, None, "item", k, [Amount("year", 2020, 532000, "532", 9,
                                                          (0, 0, 1, 1), confidence)])
                for k, (label, confidence) in enumerate(items)]
        return FileResult("a.pdf", notes=[Note(4, "ovriga_kostnader", "Not 4", "kr", rows)])
    printed = {("note", "ovriga_kostnader", "item", "Sammanträdesarvoden", "year"): 532000}
    assert sure_unprinted(result(("Sammanträdesarvoden", 1.0)), printed, {}, False, 0.8) == []
    assert sure_unprinted(result(("am", 0.6)), printed, {}, False, 0.8) == []
    found = sure_unprinted(result(("am", 0.95), ("am", 0.95)), printed, {}, False, 0.8)
    assert len(found) == 1 and "'am'" in found[0] and "532000 at confidence 0.95" in found[0]
