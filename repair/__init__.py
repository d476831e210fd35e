"""OCR repair and re-reading: every pass over OCR'd words, cells and sums, in one place."""
