"""OCR a copy of a file with OCRmyPDF + Tesseract, into a cache; the original is never touched.

The engine sits behind a small seam (``OcrEngine``) so the pipeline does not care how the text
layer was made. The cache key is the file's SHA-256 plus every setting that changes the output
(languages, deskew, rotation, pages, OCRmyPDF and Tesseract versions): an unchanged file with
unchanged settings is OCR'd once, ever.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

# Tesseract's own threads fight with our worker processes; one each is fastest on few cores.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


@dataclass(frozen=True)
class OcrSettings:
    # swe alone cannot produce "%"; eng fills the gaps.
    languages: tuple[str, ...] = ("swe", "eng")
    deskew: bool = True
    rotate_pages: bool = True
    # Tesseract's automatic page segmentation (3) is kept: segmentation 4 or 6 reads a table
    # row as one line and then loses å/ä/ö in its label ("Forbrukningsinventarier"), since
    # the digits make English win. Lone short amounts that 3 drops ("981", "0") are re-read
    # from the image by column (finsam/pipeline.py).
    page_timeout: float = 180.0  # seconds of Tesseract per page; then the page stays without text
    jobs: int = 1  # pages of one file OCR'd in parallel
    # Re-reads from the page image (repair/reread.py), from the languages above (the ones
    # `finsam` checks are installed): a column heading is Swedish text, and a cell's digits
    # are read with a whitelist, where the language only picks Tesseract's model.
    heading_languages: tuple[str, ...] = ("swe",)
    digit_languages: tuple[str, ...] = ("eng",)

    def __post_init__(self) -> None:
        extra = set(self.heading_languages + self.digit_languages) - set(self.languages)
        if extra:
            raise ValueError(f"re-read languages {sorted(extra)} are not among the OCR "
                             f"languages {list(self.languages)}")

    @classmethod
    def with_languages(cls, languages: tuple[str, ...], **kwargs) -> OcrSettings:
        """The settings of a run that OCRs in ``languages`` (``--ocr-lang swe+eng``): its
        re-reads read headings in Swedish and digits with English's model when those are
        among them, else in the first language given."""
        if not languages:
            return cls(**kwargs)
        first = (languages[0],)
        return cls(languages=tuple(languages),
                   heading_languages=("swe",) if "swe" in languages else first,
                   digit_languages=("eng",) if "eng" in languages else first, **kwargs)

    def key(self, pages: list[int]) -> str:
        """What the output depends on (not ``jobs``, nor the re-reads made after it): the
        cache key's settings part."""
        data = asdict(self)
        for name in ("jobs", "page_timeout", "heading_languages", "digit_languages"):
            data.pop(name)
        data.update(pages=pages, engine=engine_versions())
        blob = json.dumps(data, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


class OcrError(Exception):
    """OCR of the file failed; ``reason`` says why in a user's words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# What the OCR stack said about a file it still OCR'd: (page, 1-based, or None; message).
Said = list[tuple[int | None, str]]


class OcrEngine(Protocol):
    def run(self, src: Path, dst: Path, pages: list[int], settings: OcrSettings) -> Said: ...


@lru_cache(maxsize=1)
def engine_versions() -> dict[str, str]:
    import ocrmypdf
    try:
        out = subprocess.run(["tesseract", "--version"], capture_output=True, text=True,
                             timeout=30)
        tesseract = (out.stdout or out.stderr).splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        tesseract = "missing"
    return {"ocrmypdf": ocrmypdf.__version__, "tesseract": tesseract}


def _page_ranges(pages: list[int]) -> str:
    return ",".join(str(p) for p in sorted(pages))


class _Listener(logging.Handler):
    """OCRmyPDF's and Tesseract's errors while one file is OCR'd, with the page they name:
    they become the file's problems instead of bare lines on the user's terminal ("[tesseract]
    Error during processing.") that name no file."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.said: Said = []

    def emit(self, record: logging.LogRecord) -> None:
        page = getattr(record, "pageno", None)
        try:
            message = record.getMessage()
        except Exception:  # a record whose arguments do not fit its format: keep it as given
            message = f"{record.msg} {record.args!r}" if record.args else str(record.msg)
        text = " ".join(message.split())
        if record.levelno < logging.ERROR and not any(w in text for w in _KEPT_WARNINGS):
            return  # "lots of diacritics" (any Swedish page), the output file's size: noise
        text = f"Tesseract: {text[len('[tesseract] '):]}" if text.startswith("[tesseract] ") else text
        item = (page if isinstance(page, int) else None, text)
        if text and item not in self.said:
            self.said.append(item)


# OCRmyPDF's warnings a user needs: a page Tesseract gave up on (the page keeps no text).
_KEPT_WARNINGS = ("took too long",)
# One OCR run per process at a time (OCRmyPDF's own rule): a listener hears only its file.
_RUN_LOCK = threading.Lock()


class OcrmypdfEngine:
    """OCRmyPDF's Python API: the chosen pages are rasterised and OCR'd again (force), so an old
    English-only text layer is replaced, not kept beside the new one."""

    def run(self, src: Path, dst: Path, pages: list[int], settings: OcrSettings) -> Said:
        logger = logging.getLogger("ocrmypdf")
        logger.setLevel(logging.WARNING)
        listener = _Listener()
        with _RUN_LOCK:
            logger.addHandler(listener)
            try:
                self._ocr(src, dst, pages, settings)
            finally:
                logger.removeHandler(listener)
        return listener.said

    def _ocr(self, src: Path, dst: Path, pages: list[int], settings: OcrSettings) -> None:
        import ocrmypdf
        from ocrmypdf import exceptions as exc

        from ingest import ocr_progress

        # Page progress only when somebody listens (it does not change the output: not in the
        # cache key).
        progress = ocr_progress.active()
        # With a progress bar asked for, OCRmyPDF may leave sys.stderr redirected (rich):
        # whatever it does, this process's streams are put back after it.
        streams = sys.stdout, sys.stderr
        try:
            ocrmypdf.ocr(src, dst, language=list(settings.languages), pages=_page_ranges(pages),
                         mode="force", deskew=settings.deskew, rotate_pages=settings.rotate_pages,
                         output_type="pdf", optimize=0, jobs=settings.jobs, progress_bar=progress,
                         plugins=["ingest.ocr_progress"] if progress else [],
                         tesseract_timeout=settings.page_timeout,
                         # OCR of a signed file is a copy; the original keeps its signature.
                         invalidate_digital_signatures=True)
        except exc.MissingDependencyError as e:
            raise OcrError(f"OCR is not installed here: {e}") from None
        except exc.EncryptedPdfError:
            raise OcrError("OCR failed: the file is encrypted") from None
        except exc.SubprocessOutputError as e:
            detail = str(e).strip()
            raise OcrError("OCR failed: Tesseract or Ghostscript could not process a page"
                           + (f" ({detail})" if detail else "")) from None
        except exc.ExitCodeException as e:
            raise OcrError(f"OCR failed: {type(e).__name__}: {str(e).strip() or e.exit_code}") from None
        finally:
            sys.stdout, sys.stderr = streams


def default_cache_dir() -> Path:
    base = os.environ.get("FINSAM_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "finsam")
    return Path(base) / "ocr"


def cached_copy(sha: str, pages: list[int], settings: OcrSettings,
                cache_dir: Path | None = None) -> Path:
    """Where the OCR'd copy of the file ``sha`` (``pages`` OCR'd with ``settings``) is kept."""
    return (cache_dir or default_cache_dir()) / sha[:2] / f"{sha}-{settings.key(pages)}.pdf"


def ocr_copy(data: bytes, sha: str, pages: list[int], settings: OcrSettings,
             cache_dir: Path | None = None,
             engine: OcrEngine | None = None) -> tuple[bytes, bool, Path, Said]:
    """The file with a new text layer on ``pages`` (1-based): (its bytes, whether it came from
    the cache, its path in the cache, what the OCR stack said of its pages)."""
    cached = cached_copy(sha, pages, settings, cache_dir)
    if cached.exists():
        return cached.read_bytes(), True, cached, _said(cached)
    engine = engine or OcrmypdfEngine()
    with tempfile.TemporaryDirectory(prefix="finsam-ocr-") as tmp:
        src, dst = Path(tmp) / "in.pdf", Path(tmp) / "out.pdf"
        src.write_bytes(data)  # a copy: the original file is never opened for writing
        try:
            said = engine.run(src, dst, pages, settings) or []
        except OcrError:
            raise
        except Exception as e:  # a crash inside the OCR stack fails this file only
            raise OcrError(f"OCR failed: {type(e).__name__}: {e}") from None
        out = dst.read_bytes()
    # Written under a temporary name and renamed: a parallel worker never reads half a file.
    # A cache that cannot be written (read-only, disk full) costs a second OCR next time,
    # never this file.
    if any(w in text for _, text in said for w in _KEPT_WARNINGS):
        # Tesseract gave up on a page (its time limit; perhaps only a busy machine): the next
        # run tries again rather than finding the page empty in the cache.
        return out, False, cached, said
    # What the OCR said is kept beside it (written first: whoever finds the file finds it too).
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        if said:
            _write_atomic(_said_path(cached), json.dumps(said, ensure_ascii=False).encode())
        _write_atomic(cached, out)
    except OSError:
        pass
    return out, False, cached, said


def _write_atomic(path: Path, data: bytes) -> None:
    part = path.with_suffix(f"{path.suffix}.{os.getpid()}.part")
    try:
        part.write_bytes(data)
        os.replace(part, path)
    except OSError:
        part.unlink(missing_ok=True)
        raise


def _said_path(cached: Path) -> Path:
    return cached.with_suffix(".said.json")


def _said(cached: Path) -> Said:
    """What the OCR stack said while it made the cached file: what the first run heard."""
    try:
        return [(page, str(text)) for page, text in json.loads(_said_path(cached).read_text("utf-8"))]
    except (OSError, ValueError, TypeError):
        return []
