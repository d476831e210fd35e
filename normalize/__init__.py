"""Normalisation: Swedish numbers, OCR repairs and canonical keys from one lexicon."""
