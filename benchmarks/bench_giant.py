"""Enormous inputs, run as users run them: a file of thousands of pages, a file of hundreds of
megabytes, a zip of a thousand reports and a PDF of a million objects, each through
`finsam ingest` (a subprocess, SQLite, two workers). Prints for each: wall time, pages per
second, the ingest's exit code and last line, and its peak memory (this process tree's largest
resident set, and what `ingest` says of itself). Figures, not assertions.

    python benchmarks/bench_giant.py [--pages 3000] [--mb 500] [--files 1000] [--objects 1000000]
                                     [--only pages,mb,zip,objects]

The big file of --mb megabytes is a real report with an incompressible attachment-like stream
added; it is read (under the default --max-file-mb of 1024) and then, its pages being few,
parsed quickly: what it costs is memory and copying. A 0 skips a case.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fixtures.generate import generate  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
SOURCE = "norrsjon-2024.pdf"  # a born-digital report with bilagor


def many_pages(src: Path, dst: Path, pages: int) -> int:
    """The report's pages over and over, to ``pages`` pages (one file, one document)."""
    with pikepdf.open(src) as one, pikepdf.new() as out:
        for i in range(pages):
            out.pages.append(one.pages[i % len(one.pages)])
        out.save(dst)
    return pages


def many_megabytes(src: Path, dst: Path, mb: int) -> int:
    """The report with ``mb`` megabytes of random bytes in a stream nothing draws."""
    with pikepdf.open(src) as pdf:
        blob = pikepdf.Stream(pdf, os.urandom(mb * 2**20))
        pdf.Root.FinsamBenchPayload = pdf.make_indirect(blob)
        pdf.save(dst, compress_streams=False)
        return len(pdf.pages)


def many_files(src: Path, dst: Path, files: int) -> int:
    """A zip of ``files`` reports, each different by its title (so each is stored)."""
    with pikepdf.open(src) as pdf, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zf:
        del pdf.pages[2:]  # a cover and a page of text: the zip, not the pages, is measured
        for i in range(files):
            pdf.docinfo["/Title"] = f"Årsredovisning, exemplar {i}"
            path = dst.parent / "member.pdf"
            pdf.save(path)
            zf.write(path, f"arkiv/{i:04d}.pdf")
        return files * 2


def many_objects(src: Path, dst: Path, objects: int) -> int:
    """The report with ``objects`` more indirect objects (small dictionaries in one array)."""
    with pikepdf.open(src) as pdf:
        pdf.Root.FinsamBenchObjects = pikepdf.Array(
            [pdf.make_indirect(pikepdf.Dictionary(N=i)) for i in range(objects)])
        pdf.save(dst, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return len(pdf.pages)


def ingest(path: Path, db: Path) -> tuple[float, int, list[str]]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "finsam.cli", "ingest", str(path), "--db",
                           f"sqlite:///{db}", "--jobs", "2", "--ocr", "never"], env=ENV,
                          capture_output=True, text=True)
    lines = [ln for ln in (done.stdout + done.stderr).splitlines() if ln.strip()]
    return time.perf_counter() - started, done.returncode, lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--mb", type=int, default=500)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--objects", type=int, default=1_000_000)
    ap.add_argument("--only", default="pages,mb,zip,objects")
    args = ap.parse_args()
    cases = {"pages": (many_pages, args.pages, "giant-pages.pdf"),
             "mb": (many_megabytes, args.mb, "giant-mb.pdf"),
             "zip": (many_files, args.files, "giant.zip"),
             "objects": (many_objects, args.objects, "giant-objects.pdf")}
    with tempfile.TemporaryDirectory(prefix="finsam-giant-") as tmp:
        base = Path(tmp)
        generate(base / "src", 7, kalmar=False)
        src = base / "src" / SOURCE
        for name in args.only.split(","):
            make, size, file_name = cases[name]
            if not size:
                continue
            built = time.perf_counter()
            target = base / file_name
            pages = make(src, target, size)
            built = time.perf_counter() - built
            seconds, rc, lines = ingest(target, base / f"{name}.db")
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            own = next((ln for ln in lines if ln.startswith("peak memory")), "")
            print(f"{name:8s} {size:>9,} ({target.stat().st_size / 2**20:,.0f} MiB on disk, "
                  f"{pages:,} pages, built in {built:.0f} s): ingest {seconds:.1f} s, "
                  f"{pages / seconds:.1f} pages/s, exit {rc}, largest process so far "
                  f"{peak:,.0f} MiB; {own or '-'}")
            summary = [ln for ln in lines if not ln.startswith(("[", "  ", "peak memory"))]
            print(f"         last line: {(summary or lines or ['-'])[-1][:160]}")
            target.unlink()


if __name__ == "__main__":
    main()
