"""Find the PDFs to import: single files, directories (recursively) and zip archives.

A zip member's name is only a label (``archive.zip!member.pdf``): members are read into
memory by name, never extracted to disk, so a name with ``../``, an absolute path or a
newline cannot write anywhere (the CLI shows such names escaped).
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zlib import error as zlib_error

# A member declaring more than this when unpacked is refused (a zip bomb, or no report).
MAX_MEMBER_BYTES = 2 * 1024**3


class MemberReadError(OSError):
    """A zip member that cannot be read (damaged, encrypted, unsupported, too large): an
    OSError, so a batch treats it like any unreadable file."""


@dataclass(frozen=True)
class SourceFile:
    """One file to import. ``member`` is set for a file inside a zip archive."""

    name: str
    path: Path
    member: str | None = None

    @classmethod
    def from_name(cls, name: str) -> SourceFile:
        """The file a stored ``source_file`` names ("dir/a.zip!member.pdf" for zip members)."""
        path, sep, member = name.partition("!")
        return cls(name, Path(path), member if sep else None)

    def read_bytes(self) -> bytes:
        if self.member is None:
            return self.path.read_bytes()
        with zipfile.ZipFile(self.path) as archive:
            try:
                info = archive.getinfo(self.member)
                if info.file_size > MAX_MEMBER_BYTES:
                    raise MemberReadError(f"zip member unpacks to {info.file_size} bytes, "
                                          f"more than {MAX_MEMBER_BYTES}")
                return archive.read(info)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, KeyError,
                    EOFError, zlib_error) as exc:
                raise MemberReadError(f"unreadable zip member: {exc}") from exc


@dataclass(frozen=True)
class DiscoveryError:
    name: str
    reason: str


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _is_pdf_name(name: str) -> bool:
    return name.lower().endswith(".pdf")


def _zip_members(path: Path, shown: str) -> Iterator[SourceFile | DiscoveryError]:
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(n for n in archive.namelist() if _is_pdf_name(n) and not n.endswith("/"))
    except (zipfile.BadZipFile, OSError) as exc:
        yield DiscoveryError(shown, f"unreadable zip archive: {exc}")
        return
    for member in names:
        yield SourceFile(f"{shown}!{member}", path, member)


def discover(paths: list[str | Path]) -> Iterator[SourceFile | DiscoveryError]:
    """Yield every PDF under ``paths``; a path named explicitly is always tried."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield DiscoveryError(str(raw), "no such file or directory")
        elif path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if _is_pdf_name(child.name):
                    yield SourceFile(str(child), child)
                elif child.suffix.lower() == ".zip":
                    yield from _zip_members(child, str(child))
        elif path.suffix.lower() == ".zip":
            yield from _zip_members(path, str(path))
        else:
            yield SourceFile(str(path), path)
