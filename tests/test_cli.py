"""The CLI end to end on real files: a batch with bad input, zips, dedup, exports."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pandas as pd
import pikepdf
import pytest

from finsam.cli import main


def _bad_inputs(folder: Path, good: Path) -> dict[str, str]:
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "notes.pdf").write_text("this is not a PDF at all", encoding="utf-8")
    data = good.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 3])
    with pikepdf.open(good) as pdf:
        pdf.save(folder / "encrypted.pdf",
                 encryption=pikepdf.Encryption(owner="o", user="secret", R=6))
    return {"empty.pdf": "empty file", "notes.pdf": "not a PDF",
            "truncated.pdf": "unreadable PDF structure", "encrypted.pdf": "encrypted"}


def test_batch_with_bad_files(archive, tmp_path, db_url, capsys):
    good = archive / "vastra_bergslagen-2024.pdf"
    bad = _bad_inputs(tmp_path / "bad", good)
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        zf.write(archive / "norrsjon-2023.pdf", "2023/norrsjon-2023.pdf")
        zf.write(archive / "norrsjon-2024.pdf", "2024/norrsjon-2024.pdf")
    rc = main(["ingest", str(good), str(tmp_path / "bad"), str(bundle), "--db", db_url,
               "--jobs", "2"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "stored 3," in out
    for name, reason in bad.items():
        line = next((ln for ln in out.splitlines() if name in ln), None)
        assert line is not None, f"{name} not listed:\n{out}"
        assert reason in line
    # A second run stores nothing twice.
    rc = main(["ingest", str(good), str(bundle), "--db", db_url, "--jobs", "1"])
    out = capsys.readouterr().out
    assert rc == 0 and "stored 0, already stored 3" in out
    main(["export", "documents", "--db", db_url, "--format", "json"])
    docs = json.loads(capsys.readouterr().out)
    stored = [d for d in docs if d["status"] == "stored"]
    assert len(stored) == 3 and len({d["sha256"] for d in stored}) == 3
    failed = {Path(d["source_file"]).name: d["error"] for d in docs if d["status"] == "failed"}
    assert set(failed) == set(bad)
    assert any(d["source_file"].endswith("bundle.zip!2023/norrsjon-2023.pdf") for d in stored)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx", "parquet"])
def test_exports(archive, tmp_path, fmt, capsysbinary):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    assert main(["ingest", str(archive / "kalmar_lan-2024.pdf"), "--db", url]) == 0
    assert main(["check", "--db", url, "--fail-on", "never", "--format", "json"]) == 0
    capsysbinary.readouterr()
    frames = {}
    for name in ("statements", "notes", "documents", "findings"):
        main(["export", name, "--db", url, "--format", fmt])
        raw = capsysbinary.readouterr().out
        frames[name] = {"csv": lambda b: pd.read_csv(io.BytesIO(b)),
                        "json": lambda b: pd.read_json(io.BytesIO(b)),
                        "xlsx": lambda b: pd.read_excel(io.BytesIO(b)),
                        "parquet": lambda b: pd.read_parquet(io.BytesIO(b))}[fmt](raw)
    st = frames["statements"]
    for col in ("organisation, fiscal_year, statement, line_key, label, note_ref, column, "
                "period_year, amount, source_file, page, confidence").split(", "):
        assert col in st.columns
    row = st[(st.line_key == "arets_resultat") & (st.statement == "resultatrakning")
             & (st.column == "current")].iloc[0]
    assert int(row.amount) == -1_318_124 and int(row.period_year) == 2024
    notes = frames["notes"]
    total = notes[(notes.note_key == "verksamhetens_kostnader") & notes.is_total.astype(bool)
                  & (notes.column == "current")]
    assert [int(v) for v in total.amount] == [17_607_130]
    assert {"rule", "severity", "expected", "actual", "difference", "locations"} \
        <= set(frames["findings"].columns)


def test_check_exit_codes(archive, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'c.db'}"
    main(["ingest", str(archive / "norrsjon-2023.pdf"), "--db", url])
    assert main(["check", "--db", url]) == 1  # a planted error
    assert main(["check", "--db", url, "--fail-on", "never"]) == 0
    assert main(["check", "--db", url, "--format", "csv", "--fail-on", "never"]) == 0
    out = capsys.readouterr().out
    assert "rr_verksamhetens_resultat" in out


def test_usage_error_exit_code(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["ingest"])
    assert exc.value.code == 2


def test_a_bad_ocr_language_list_is_a_usage_error(tmp_path, capsys):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    assert main(["ingest", str(pdf), "--db", f"sqlite:///{tmp_path / 'x.db'}",
                 "--ocr-lang", "swe;rm -rf"]) == 2
    assert "--ocr-lang" in capsys.readouterr().err
