"""Ingest: find files, fingerprint them, read their pages and classify the document."""
