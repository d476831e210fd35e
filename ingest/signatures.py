"""Who signed a PDF and when, from its embedded digital signatures (pyhanko).

Only read here: validating the certificate chain needs trust roots and revocation data that an
offline batch does not have, so the record says "signed by X at T", not "valid".
"""

from __future__ import annotations

import io

from core.types import Signature


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
        if not _has_signature_fields(data):
            return [], None  # pyhanko's own strictness about the file: nothing was signed
        return [], f"digital signatures could not be read: {type(exc).__name__}: {exc}"


def _has_signature_fields(data: bytes) -> bool:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            form = pdf.Root.get("/AcroForm")
            fields = list(form.get("/Fields", [])) if form is not None else []
            while fields:
                field = fields.pop()
                if field.get("/FT") == "/Sig":
                    return True
                fields.extend(field.get("/Kids", []))
    except Exception:
        return False
    return False
