"""Shared by every stage: data types, the lexicon, Swedish numbers, settings. Imports no stage."""
