"""Where files are parsed: a local process pool, or a Dask distributed cluster.

One seam: ``results(items, options, ocr)`` takes files to parse (name and bytes; a ready
FileResult, e.g. a file that could not be read, passes straight through) and yields one
FileResult per file. Storing stays with the caller, in one process, so results land in one
database whatever ran the parsing. A bounded number of files is in flight (bounded memory).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, replace

from finsam.pipeline import FileResult, OcrOptions, process_bytes
from ingest.discover import sha256

EXECUTORS = ("local", "dask")
Task = tuple[str, bytes]
Item = Task | FileResult
# (file name, OCRmyPDF's step, pages done, pages in the step): a long scan's progress.
PageCallback = Callable[[str, str, int, int], None]
_page_queue = None  # in a worker process: where its OCR page events go (set by _worker_init)


@dataclass(frozen=True)
class ExecutorOptions:
    kind: str = "local"  # local | dask
    jobs: int = 1  # local: worker processes
    scheduler: str | None = None  # dask: tcp://HOST:8786
    connect_timeout: float = 30.0  # dask: seconds to wait for the scheduler
    max_pages: int | None = None  # a file with more pages is refused, with the reason


def process_within_limits(name: str, data: bytes, ocr: OcrOptions, max_pages: int | None
                          ) -> FileResult:
    """``process_bytes``, unless the file has more pages than ``max_pages``: then it is
    refused before any page is read (runs in the worker, so a huge file costs the worker,
    not the process that stores)."""
    if max_pages:
        pages = _page_count(data)
        if pages is not None and pages > max_pages:
            return FileResult(name, sha256(data), pages=pages,
                              error=f"refused: {pages} pages, more than the limit of "
                                    f"{max_pages} (--max-pages)")
    return process_bytes(name, data, ocr)


def _page_count(data: bytes) -> int | None:
    """The page count from the page tree, without reading any page; None when pikepdf
    cannot open the file (the parser then says why)."""
    import io

    import pikepdf
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return len(pdf.pages)
    except Exception:  # damaged or encrypted: process_bytes gives the reason
        return None


class ExecutorError(Exception):
    """The executor could not start (no scheduler at the address, no workers)."""


def results(items: Iterable[Item], options: ExecutorOptions, ocr: OcrOptions,
            log: Callable[[str], None] = lambda s: print(s, file=sys.stderr, flush=True),
            on_page: PageCallback | None = None) -> Iterator[FileResult]:
    """``on_page`` hears the OCR of each page as it ends (local workers; a Dask worker's
    pages stay in its own log)."""
    if options.kind == "dask":
        return dask_results(items, options, ocr, log)
    return local_results(items, options.jobs, ocr, options.max_pages, on_page)


def _die_with_parent() -> None:
    """A worker ends when the ingest that started it is killed (kill -9 included), instead
    of living on as an orphan (Linux: PR_SET_PDEATHSIG; elsewhere nothing)."""
    try:
        import ctypes
        import signal
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker_init(pages=None) -> None:
    """A worker dies with the ingest that started it, and leaves Ctrl-C to that ingest, which
    stops it (no traceback per worker); its OCR pages are reported to ``pages`` (a queue)."""
    import signal
    global _page_queue
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _page_queue = pages


def _pool(jobs: int, pages=None) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init, initargs=(pages,))


def _process_reporting(name: str, data: bytes, ocr: OcrOptions, max_pages: int | None,
                       on_page: PageCallback | None = None) -> FileResult:
    """``process_within_limits`` with its OCR pages passed on: to ``on_page`` in this process,
    else to the queue of the worker this runs in (if any)."""
    queue = _page_queue
    if on_page is None and queue is None:
        return process_within_limits(name, data, ocr, max_pages)
    from ingest.ocr_progress import reporting

    def tell(step: str, done: int, total: int) -> None:
        if on_page is not None:
            on_page(name, step, done, total)
        else:
            queue.put_nowait((name, step, done, total))
    with reporting(tell):
        return process_within_limits(name, data, ocr, max_pages)


@contextmanager
def _page_events(on_page: PageCallback | None) -> Iterator[object]:
    """A queue the workers put page events on and a thread that hands them to ``on_page``
    (None without a listener)."""
    if on_page is None:
        yield None
        return
    import multiprocessing
    import queue as queues
    import threading
    queue = multiprocessing.get_context().Queue()
    stop = threading.Event()

    def drain() -> None:
        # After the stop, what is still in the pipe is handed on too (the last file's last
        # page); reading never waits on a writer's lock, so a killed worker cannot hang it.
        while True:
            try:
                event = queue.get(timeout=0.2) if not stop.is_set() else queue.get_nowait()
            except queues.Empty:
                if stop.is_set():
                    return
                continue
            except (OSError, EOFError, ValueError):
                return
            try:
                on_page(*event)
            except Exception:  # a progress line is never worth the batch
                pass
    thread = threading.Thread(target=drain, name="finsam-ocr-pages", daemon=True)
    thread.start()
    try:
        yield queue
    finally:
        # No sentinel through the queue: a worker killed mid-write (Ctrl-C) may hold its
        # write lock, and this process must never wait on it, nor on the queue at exit.
        stop.set()
        thread.join(timeout=2)
        queue.cancel_join_thread()
        queue.close()


def _kill_workers(pool: ProcessPoolExecutor | None) -> None:
    """Kill the worker processes and everything they started (Tesseract, Ghostscript); with
    no pool, the children of this process (OCR run in-process)."""
    import psutil
    if pool is not None:
        # The executor keeps its workers in a private dict; there is no public way to kill them.
        roots = [p for pid in list(getattr(pool, "_processes", None) or {})
                 if (p := _process(pid)) is not None]
    else:
        roots = psutil.Process().children()
    victims = [c for r in roots for c in _children(r)] + roots
    for proc in victims:
        try:
            proc.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(victims, timeout=5)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def _process(pid: int):
    import psutil
    try:
        return psutil.Process(pid)
    except psutil.Error:
        return None


def _children(proc) -> list:
    import psutil
    try:
        return proc.children(recursive=True)
    except psutil.Error:
        return []


def local_results(items: Iterable[Item], jobs: int, ocr: OcrOptions,
                  max_pages: int | None = None, on_page: PageCallback | None = None
                  ) -> Iterator[FileResult]:
    """Files spread over ``jobs`` processes, results in the order they complete (one
    process: in this one, in the order given)."""
    with _page_events(on_page if jobs > 1 else None) as pages:
        yield from _local_run(items, jobs, ocr, max_pages, on_page, pages)


def _local_run(items: Iterable[Item], jobs: int, ocr: OcrOptions, max_pages: int | None,
               on_page: PageCallback | None, pages) -> Iterator[FileResult]:
    window = max(1, 2 * jobs)
    pool = _pool(jobs, pages) if jobs > 1 else None
    pending: list[tuple[str, str, Future]] = []
    try:
        for item in items:
            if isinstance(item, FileResult):
                yield item
                continue
            name, data = item
            if pool is None:
                yield _process_reporting(name, data, ocr, max_pages, on_page)
                continue
            try:
                future = pool.submit(_process_reporting, name, data, ocr, max_pages)
            except BrokenProcessPool:  # a worker died: start a new pool, go on
                pool.shutdown(cancel_futures=True)
                pool = _pool(jobs, pages)
                future = pool.submit(_process_reporting, name, data, ocr, max_pages)
            pending.append((name, sha256(data), future))
            while len(pending) >= window:
                yield from _completed(pending)
        while pending:
            yield from _completed(pending)
    except BaseException:  # interrupted (or closed early): files in flight are abandoned
        _kill_workers(pool)
        raise
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _completed(pending: list[tuple[str, str, Future]]) -> Iterator[FileResult]:
    """The results that are done, as they complete: a long file does not hold back the
    ones behind it (nor leave a worker idle). Removes them from ``pending``."""
    wait([f for _, _, f in pending], return_when=FIRST_COMPLETED)
    for item in [p for p in pending if p[2].done()]:
        pending.remove(item)
        yield _collect(*item)


def _collect(name: str, digest: str, future) -> FileResult:
    """A worker that dies (out of memory, a crash in a library) fails its file, not the batch
    (with its hash, so that a later run replaces the failure)."""
    try:
        return future.result()
    except Exception as exc:
        return FileResult(name, digest,
                          error=f"worker process failed: {type(exc).__name__}: {exc}")


def dask_results(items: Iterable[Item], options: ExecutorOptions, ocr: OcrOptions,
                 log: Callable[[str], None]) -> Iterator[FileResult]:
    """Each file a Dask task carrying its bytes (workers need no shared disk). The scheduler
    gives the tasks of a worker that dies to another worker (up to its ``allowed-failures``,
    then the file fails with the reason); results arrive as they complete."""
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise ExecutorError("--executor dask needs Dask distributed: pip install "
                            "'dask[distributed]'") from exc
    if not options.scheduler:
        raise ExecutorError("--executor dask needs --scheduler tcp://HOST:8786")
    try:
        client = Client(options.scheduler, timeout=options.connect_timeout)
    except (OSError, TimeoutError) as exc:
        raise ExecutorError(f"cannot reach the Dask scheduler at {options.scheduler}: "
                            f"{exc}") from exc
    try:
        log(f"Dask scheduler {options.scheduler}, {len(client.nthreads())} workers, "
            f"dashboard {client.dashboard_link}")
        yield from _dask_run(client, as_completed, items, replace(ocr, jobs=1),
                             options.max_pages)
    finally:
        client.close()


def _dask_run(client, as_completed, items: Iterable[Item], ocr: OcrOptions,
              max_pages: int | None) -> Iterator[FileResult]:
    names: dict[str, tuple[str, str]] = {}  # task key -> file name, sha256
    done = as_completed()
    in_flight, window, submitted = 0, 2, 0
    for item in items:
        if isinstance(item, FileResult):
            yield item
            continue
        name, data = item
        # The bytes travel in the task, not scattered onto one worker: a task whose worker
        # died can then run again anywhere.
        future = client.submit(process_within_limits, name, data, ocr, max_pages, pure=False)
        names[future.key] = name, sha256(data)
        done.add(future)
        in_flight, submitted = in_flight + 1, submitted + 1
        if submitted % 16 == 1:  # workers come and go: look again now and then
            # A window of twice the cluster's threads keeps every worker busy, memory bounded.
            window = max(2, 2 * sum(client.nthreads().values()))
        while in_flight >= window:
            yield _dask_collect(next(done), names)
            in_flight -= 1
    for future in done:
        yield _dask_collect(future, names)


def _dask_collect(future, names: dict[str, tuple[str, str]]) -> FileResult:
    name, digest = names.pop(future.key, (str(future.key), None))
    try:
        return future.result()
    except Exception as exc:  # KilledWorker: the file outlived the allowed worker deaths
        return FileResult(name, digest,
                          error=f"Dask task failed: {type(exc).__name__}: {exc}")
    finally:
        future.release()
