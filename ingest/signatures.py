"""Who signed a PDF and when, from its embedded digital signatures (pyhanko).

Only read here: validating the certificate chain needs trust roots and revocation data that an
offline batch does not have, so the record says "signed by X at T", not "valid".
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Signature:
    field: str
    signer: str
    signed_at: datetime | None


def read_signatures(data: bytes) -> tuple[list[Signature], str | None]:
    """The file's signatures, and a problem when they could not be read (never raises)."""
    try:
        from pyhanko.pdf_utils.reader import PdfFileReader

        reader = PdfFileReader(io.BytesIO(data), strict=False)
        found = []
        for sig in reader.embedded_signatures:
            signer = ""
            try:
                cert = sig.signer_cert
                signer = cert.subject.native.get("common_name") or cert.subject.human_friendly
            except Exception:
                signer = "unknown signer"
            when = sig.self_reported_timestamp
            found.append(Signature(sig.field_name, str(signer), when))
        return found, None
    except Exception as exc:  # a damaged signature dictionary must not fail the file
        return [], f"digital signatures could not be read: {type(exc).__name__}: {exc}"
