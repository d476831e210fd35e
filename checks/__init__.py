"""Cross-check rules over the stored figures, with tolerances and severities."""
