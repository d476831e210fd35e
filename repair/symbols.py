"""Status symbols matched to their legend by ink, not by OCR text.

A goal table may print its statuses as symbols only ("●", "◐", "○"; "✓", "✗"; arrows),
explained by a legend ("Förklaring: ● = Uppnått ◐ = Delvis uppnått ○ = Ej uppnått"). On a
scan Tesseract reads such glyphs as anything ("e", "@", "O", "©", nothing), and two of them
alike, so the OCR'd text of a cell says nothing sure. The page image does: the cell's ink is
compared with the ink of each legend key on the page (``Goal.status_keys``), each cropped to
its ink, squared and scaled to one size; the key whose ink the cell's shares most gives the
status, when it is clearly better than the best key of another status. A match not clearly
better leaves the goal as it was (a status read from the OCR'd legend stays doubtful).

The page images are grey (fixtures.scan and the re-reads render grey): a legend that names
colours ("Grön = Uppnått") has no key to compare with, and its squares are not matched here.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from PIL import Image, ImageFilter

from core.settings import OCR
from core.types import Goal
from repair.ocrfix import REREAD_CONFIDENCE
from repair.reread import REREAD_DPI, CellBox, PageImages, _without_rules

S = OCR.reread


def match_status_symbols(goals: list[Goal], ocr_pages: set[int], images: PageImages) -> list[Goal]:
    """Goals whose status cell holds a symbol of the legend, with the status of the key its ink
    matches clearly (confidence of a re-read, ``key_match`` "fuzzy:<similarity 0-100>")."""
    out = []
    keys: dict[tuple, np.ndarray | None] = {}  # a legend's keys, cut once for all its goals
    for goal in goals:
        found = None
        if goal.status_keys and goal.status_cell is not None and goal.page in ocr_pages:
            try:
                found = _match(goal, images.render(goal.page), keys)
            except Exception:  # a page that cannot be rendered: the goal stays as it was
                found = None
        if found is None:
            out.append(goal)
            continue
        status, score = found
        # Matched by likeness, as an OCR-damaged phrase is (CONTRACT's key_match values).
        out.append(replace(goal, status=status, key_match=f"fuzzy:{round(100 * score)}", comment="",
                           confidence=min(goal.confidence, REREAD_CONFIDENCE)))
    return out


def _match(goal: Goal, image: Image.Image, keys: dict[tuple, np.ndarray | None]
           ) -> tuple[str, float] | None:
    x0, top, x1, bottom, _ = goal.status_cell
    cell = glyph(image, CellBox(goal.page, x0, top, x1, bottom), goal.status_cell[4])
    if cell is None:
        return None
    best: dict[str, float] = {}
    for status, _, kx0, ktop, kx1, kbottom in goal.status_keys:
        # OCR's box of a glyph may be a little off: the key is looked for with room around it.
        where = (goal.page, kx0, ktop, kx1, kbottom)
        if where not in keys:
            pad = S.symbol_key_pad * (kbottom - ktop)
            keys[where] = glyph(image, CellBox(goal.page, kx0 - pad, ktop - pad, kx1 + pad,
                                               kbottom + pad), kbottom - ktop, centred=True)
        key = keys[where]
        if key is None:
            return None  # a key without ink: a symbol of it would match another key
        best[status] = max(best.get(status, 0.0), similarity(cell, key))
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < S.symbol_min_similarity:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < S.symbol_margin:
        return None
    return ranked[0]


def glyph(image: Image.Image, box: CellBox, text_height: float, centred: bool = False
          ) -> np.ndarray | None:
    """The ink of ``box`` (0-1), cut to the ink's extent, squared (centred) and scaled to
    symbol_px a side; None without ink. Ruling lines and specks are left out. ``centred``:
    the glyph is the ink nearest the box's middle (a legend key's box, with room around it
    that may take in the "=" beside it), not the most ink."""
    scale = REREAD_DPI / 72
    crop = image.crop((int(box.x0 * scale), int(box.top * scale), int(box.x1 * scale),
                       int(box.bottom * scale))).convert("L").filter(ImageFilter.MedianFilter(3))
    grey = np.asarray(crop, dtype=np.int16)
    if grey.size == 0:
        return None
    paper = np.percentile(grey, 90)
    ink = grey < paper - S.symbol_ink_contrast
    ink = _without_rules(ink, max(int(S.upright_rule * text_height * scale), 2))
    if ink.sum() < S.min_ink_px:
        return None
    # The glyph is the run of inked columns holding most ink: a colon, an "=" or
    # a speck beside it, apart by paper, is no part of it.
    cols = _main_run(ink.sum(axis=0), ink.shape[1] / 2 if centred else None)
    part = ink[:, cols[0]:cols[1]]
    # ... and its rows the run holding most ink, over gaps as small as a "?"'s or "i"'s: a
    # speck above or below is no part of it.
    rows = _main_run(part.sum(axis=1), gap=int(S.symbol_row_gap * text_height * scale))
    part = part[rows[0]:rows[1]]
    side = max(part.shape)
    square = np.zeros((side, side), dtype=np.uint8)
    r0, c0 = (side - part.shape[0]) // 2, (side - part.shape[1]) // 2
    square[r0:r0 + part.shape[0], c0:c0 + part.shape[1]] = part * 255
    small = Image.fromarray(square).resize((S.symbol_px, S.symbol_px), Image.Resampling.BOX)
    return np.asarray(small, dtype=np.float32) / 255


def _main_run(profile: np.ndarray, middle: float | None = None, gap: int = 0) -> tuple[int, int]:
    """(start, end) of the run of non-zero entries of ``profile`` with the largest sum, or,
    given ``middle``, the run nearest it; runs apart by ``gap`` zeros or fewer are one."""
    runs: list[tuple[float, int, int]] = []
    start, run = None, 0
    for i, v in enumerate([*profile.tolist(), 0]):
        if v and start is None:
            start, run = i, 0
        if v:
            run += v
        elif start is not None:
            if runs and start - runs[-1][2] <= gap:
                run, start = run + runs[-1][0], runs.pop()[1]
            runs.append((run, start, i))
            start = None
    if middle is not None:
        _, start, end = min(runs, key=lambda r: max(r[1] - middle, middle - r[2], 0))
        return start, end
    _, start, end = max(runs)
    return start, end


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Shared ink over all ink of two glyphs of one size (1: the same)."""
    union = np.maximum(a, b).sum()
    return float(np.minimum(a, b).sum() / union) if union else 0.0
