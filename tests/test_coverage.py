"""`finsam coverage` on a small ingested archive: what was keyed, what was not."""

from __future__ import annotations

import io
import json

import pandas as pd

from finsam.cli import main
from tests.test_labels import _municipal_report

UNKNOWN = {("balansrakning", "kassa_och_bank"): "Plusgiro och bankkonton"}
INVESTMENTS = [("Datorer", 120), ("Möbler", 45), ("Programvara", 80)]


def test_coverage_per_document_and_by_label(archive, tmp_path, db_url, capsys):
    pdfs = [_municipal_report(tmp_path, said, UNKNOWN, INVESTMENTS)[0]
            for said in ("document", "statements")]
    assert main(["ingest", str(archive / "vastra_bergslagen-2024.pdf"), *map(str, pdfs),
                 "--db", db_url, "--jobs", "1"]) == 0
    capsys.readouterr()

    assert main(["coverage", "--db", db_url, "--format", "json"]) == 0
    docs = {d["source_file"].rsplit("/", 1)[-1]: d for d in json.loads(capsys.readouterr().out)}
    tuned = docs["vastra_bergslagen-2024.pdf"]
    assert tuned["keyed_pct"] == 100.0 and tuned["unkeyed"] == 0 and tuned["amounts"] > 100
    assert "resultatrakning" in tuned["sections"] and "note" in tuned["sections"]
    municipal = docs["municipal-document.pdf"]
    assert municipal["unkeyed"] == 2  # the unknown label's current and previous amounts
    assert municipal["exact"] == municipal["amounts"] - 2
    assert 90 < municipal["keyed_pct"] < 100
    assert municipal["unread_tables"] == "Investeringsredovisning"

    assert main(["coverage", "--db", db_url, "--by", "label", "--format", "csv"]) == 0
    labels = pd.read_csv(io.StringIO(capsys.readouterr().out))
    found = {(r.what, r.label): r.files for r in labels.itertuples()}
    assert found[("unkeyed label", "Plusgiro och bankkonton")] == 2
    assert found[("unread table", "Investeringsredovisning")] == 2
    assert labels.files.is_monotonic_decreasing

    assert main(["coverage", "--db", db_url]) == 0
    text = capsys.readouterr().out
    assert "unread tables: Investeringsredovisning" in text

    # Per fiscal year: the documents of the year together.
    assert main(["coverage", "--db", db_url, "--by", "year", "--format", "json"]) == 0
    years = {y["fiscal_year"]: y for y in json.loads(capsys.readouterr().out)}
    assert years[2024]["documents"] == 1 and years[2024]["keyed_pct"] == 100.0
    assert years[2024]["amounts"] == tuned["amounts"]
    assert "resultatrakning 1/1" in years[2024]["sections"]
    other = years[municipal["fiscal_year"]]
    assert other["documents"] == 2 and other["organisations"] == 1
    assert other["unkeyed"] == 4 and other["unread_tables"] == 2
    assert other["amounts"] == sum(d["amounts"] for d in docs.values()
                                   if d["fiscal_year"] == municipal["fiscal_year"])
    assert "balansrakning 2/2" in other["sections"]
    assert main(["coverage", "--db", db_url, "--by", "year"]) == 0
    text = capsys.readouterr().out
    assert f"{municipal['fiscal_year']}: 2 documents of 1 förbund" in text


def test_key_match_is_exported(archive, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'k.db'}"
    pdf, _ = _municipal_report(tmp_path, "document", UNKNOWN)
    assert main(["ingest", str(pdf), "--db", url, "--jobs", "1"]) == 0
    capsys.readouterr()
    main(["export", "statements", "--db", url, "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    how = {(r["statement"], r["label"]): r["key_match"] for r in rows}
    assert how[("resultatrakning", "Verksamhetens nettokostnader")] == "exact"
    assert how[("balansrakning", "Plusgiro och bankkonton")] == "unkeyed"
    main(["export", "notes", "--db", url, "--format", "json"])
    assert {r["key_match"] for r in json.loads(capsys.readouterr().out)} == {"exact"}
