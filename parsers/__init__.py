"""Parsers: cut a document into sections and read each section's rows from word positions."""
