"""Organisations: one per förbund across renames, linked across mergers, keyed by orgnr where
printed; stable ids across rebuilds; a user's register entry merges two; documents without a
förbund or year get a warning. On SQLite and PostgreSQL."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from checks.store import run_checks
from core.lexicon import load_lexicon
from db.models import Document, Organisation
from db.organisations import organisation_rows, rebuild_organisations
from db.session import open_engine
from db.store import store
from finsam.cli import main
from finsam.pipeline import FileResult

DOCS = [  # (organisation, year, orgnr, printed name)
    ("Ale, Kungälv, Stenungsund och Tjörn", 2016, None, None),
    ("Ale, Kungälv, Stenungsund och Tjörn", 2017, None, None),
    ("Öckerö", 2017, None, None),
    ("Älv & Kust", 2018, None, None),
    ("Älv & Kust", 2019, None, "Älv och Kust"),
    ("Skellefteå", 2012, None, "Skellefteå"),
    ("Skellefteå–Norsjö", 2015, None, "Skellefteå-Norsjö"),
    ("Blåklinten", 2019, None, "Blåklinten"),
    ("Blåklinten", 2020, "222000-9911", "Blåklinten"),
    ("Nya Blåklinten", 2022, "222000-9911", "Nya Blåklinten"),
    ("Ensam", 2020, None, "Ensam"),
    ("Södra Norrbotten", 2021, None, None),
    (None, 2021, None, None),
    ("Utan år", None, None, None),
]


def _store_all(url: str) -> None:
    engine = open_engine(url)
    with Session(engine) as session, session.begin():
        for i, (org, year, orgnr, printed) in enumerate(DOCS):
            store(session, FileResult(f"doc{i}.pdf", f"{i:064d}", pages=1, kind="arsredovisning",
                                      organisation=org, fiscal_year=year, orgnr=orgnr,
                                      printed_name=printed, identified_by="name=cover"))


def _by_name(rows: list[dict]) -> dict[str, dict]:
    return {r["name"]: r for r in rows}


def test_organisations_from_documents_and_register(db_url, capsys):
    _store_all(db_url)
    engine = open_engine(db_url)
    with Session(engine) as session, session.begin():
        rebuild_organisations(session)
        rows = _by_name(organisation_rows(session))
    # A rename is one organisation with both names and their years.
    sk = rows["Skellefteå–Norsjö"]
    assert [(n["name"], n["years"]) for n in sk["names"]] == [
        ("Skellefteå", [2012]), ("Skellefteå-Norsjö", [2015]), ("Skellefteå–Norsjö", [2015])]
    assert (sk["first_year"], sk["last_year"], sk["members"]) == (2012, 2015, ["Skellefteå",
                                                                              "Norsjö"])
    # A merger links predecessors and successor.
    alv, ale, ock = rows["Älv & Kust"], rows["Ale, Kungälv, Stenungsund och Tjörn"], rows["Öckerö"]
    assert sorted(alv["predecessor_ids"]) == sorted([ale["organisation_id"],
                                                     ock["organisation_id"]])
    assert ale["successor_id"] == ock["successor_id"] == alv["organisation_id"]
    # An orgnr joins a förbund's documents across a name the register does not know.
    blk = rows["Nya Blåklinten"]
    assert (blk["orgnr"], blk["documents"], blk["first_year"], blk["key"]) == \
        ("222000-9911", 3, 2019, "orgnr:222000-9911")
    assert not blk["in_register"]
    # A name seen once is an organisation; a document without a name is in none.
    assert rows["Ensam"]["documents"] == 1
    assert rows["Utan år"]["first_year"] is None
    # Predecessors of a förbund in the archive are there even without documents of their own.
    sn = rows["Södra Norrbotten"]
    assert {rows[n]["organisation_id"] for n in ("Piteå", "Consensus", "Pyramis")} == \
        set(sn["predecessor_ids"])
    assert rows["Consensus"]["documents"] == 0 and rows["Consensus"]["last_year"] == 2019
    with Session(engine) as session:
        docs = session.scalars(select(Document).order_by(Document.id)).all()
        assert [d.organisation_id is None for d in docs].count(True) == 1
        assert docs[-2].organisation_id is None  # the one without a förbund


def test_rebuild_keeps_ids_and_a_user_entry_merges_two(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'o.db'}"
    _store_all(url)
    engine = open_engine(url)
    with Session(engine) as session, session.begin():
        first = {o.key: o.id for o in rebuild_organisations(session)}
    with Session(engine) as session, session.begin():
        again = {o.key: o.id for o in rebuild_organisations(session)}
    assert again == first
    user = tmp_path / "merge.toml"
    user.write_text('[[register]]\nname = "Nya Blåklinten"\norgnr = "222000-9911"\n'
                    'variants = ["Ensam"]\n', "utf-8")
    with Session(engine) as session, session.begin():
        merged = {o.key: o.id for o in rebuild_organisations(
            session, load_lexicon(user=(str(user),)))}
    assert merged["orgnr:222000-9911"] == first["orgnr:222000-9911"]
    assert "name:ensam" not in merged and len(merged) == len(first) - 1
    with Session(engine) as session:
        ids = {d.organisation for d in session.scalars(select(Document)) if d.organisation_id
               == merged["orgnr:222000-9911"]}
        assert ids == {"Blåklinten", "Nya Blåklinten", "Ensam"}
        assert session.get(Organisation, first["name:ensam"]) is None
    # The command lists them, with their variants, and the export has the same rows.
    capsys.readouterr()
    assert main(["organisations", "--db", url, "--lexicon", str(user)]) == 0
    text = capsys.readouterr().out
    assert "Nya Blåklinten [222000-9911] 2019-2022, 4 documents" in text
    assert "names: Blåklinten (2019, 2020); Ensam (2020); Nya Blåklinten (2022)" in text
    main(["export", "organisations", "--db", url, "--format", "json"])
    exported = json.loads(capsys.readouterr().out)
    assert len(exported) == len(merged)
    assert {"organisation_id", "orgnr", "name", "names", "members", "predecessor_ids",
            "successor_id", "first_year", "last_year"} <= set(exported[0])


def test_identity_warnings(tmp_path):
    url = f"sqlite:///{tmp_path / 'w.db'}"
    _store_all(url)
    engine = open_engine(url)
    with Session(engine) as session, session.begin():
        findings = [f for f in run_checks(session) if f.rule.startswith("identity")]
    assert sorted((f.rule, f.severity, f.organisation, f.fiscal_year) for f in findings) == [
        ("identity_forbund", "warning", None, 2021),
        ("identity_year", "warning", "Utan år", None)]
    assert all(f.locations and f.outcome == "uncertain" for f in findings)
    assert sorted(m for f in findings for m in f.missing) == ["fiscal_year", "forbund"]
