"""Pages OCR'd so far, as OCRmyPDF reports them: an OCRmyPDF plugin whose progress "bar"
passes each step's page count to whoever asked for it (the ingest's bar or log), so a long
scanned file shows progress page by page, not only when it is done.

A worker process runs one OCR at a time, so the receiver is one module-level callable, set
around each run by ``reporting(...)``; with none set, OCRmyPDF is asked for no progress at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ocrmypdf import hookimpl

# (step, pages done, pages in the step): step is OCRmyPDF's own name ("OCR", "Scanning contents").
PageReporter = Callable[[str, int, int], None]
_receiver: PageReporter | None = None


def active() -> bool:
    return _receiver is not None


@contextmanager
def reporting(receiver: PageReporter | None) -> Iterator[None]:
    global _receiver
    before, _receiver = _receiver, receiver
    try:
        yield
    finally:
        _receiver = before


class PageProgress:
    """OCRmyPDF's ProgressBar protocol; only steps counted in pages are passed on (the
    others are percentages of a file-wide step such as linearizing)."""

    def __init__(self, *, total=None, desc=None, unit=None, disable=False, **_):
        self.total, self.step, self.done = total, desc or "OCR", 0.0
        self.passes = unit == "page" and not disable and bool(total)

    def __enter__(self) -> PageProgress:
        return self

    def __exit__(self, *exc) -> None:
        return None

    def update(self, n: float = 1, *, completed: float | None = None) -> None:
        before = int(self.done)
        self.done = completed if completed is not None else self.done + n
        # OCRmyPDF counts half pages (two events a page): pass whole pages only, once each.
        if self.passes and _receiver is not None and int(self.done) > before:
            try:
                _receiver(self.step, int(self.done), int(self.total))
            except Exception:  # progress is never worth failing an OCR for
                pass


@hookimpl
def get_progressbar_class():
    return PageProgress
