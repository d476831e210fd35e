"""A user's lexicon (``--lexicon FILE``, ``FINSAM_LEXICON``) merged over the built-in one: a
made-up förbund and a made-up label are found and keyed in generated reports, in worker
processes too; a broken file is a clear error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.lexicon import LEXICON_ENV, LexiconError, load_lexicon
from finsam.cli import main
from fixtures.generate import PROFILES, build_all
from fixtures.layouts import LAYOUTS
from fixtures.render import render

MADE_UP_LABEL = "Påhittade intäkter"
USER_TOML = f"""
[statement.resultatrakning]
verksamhetens_intakter = ["{MADE_UP_LABEL}"]

[[register]]
name = "Blåbärsdalen"
orgnr = "222000-9990"
variants = ["BBD"]
members = ["Fagersta", "Norberg", "Skinnskatteberg", "Region Västmanland"]
"""


def _user(tmp_path: Path, text: str = USER_TOML, name: str = "user.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


@pytest.fixture(scope="module")
def made_up(tmp_path_factory) -> Path:
    """Two reports of a förbund that prints only its brand ("Samordningsförbundet BBD"), with
    a made-up label for its intäkter."""
    out = tmp_path_factory.mktemp("made_up")
    profile = dict(PROFILES[0], name="BBD", breaks={})
    for name, report in build_all(7, [profile]):
        for line in report.statements["resultatrakning"]:
            if line.key == "verksamhetens_intakter":
                line.label = MADE_UP_LABEL
        render(report, out / f"{name}.pdf", LAYOUTS[report.layout])
    return out


def _export(table: str, url: str, capsys) -> list[dict]:
    capsys.readouterr()
    main(["export", table, "--db", url, "--format", "json"])
    return json.loads(capsys.readouterr().out)


def _rows_of_label(url: str, capsys) -> list[dict]:
    return [r for r in _export("statements", url, capsys) if r["label"] == MADE_UP_LABEL]


def test_made_up_forbund_and_label_through_lexicon_in_workers(made_up, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'with.db'}"
    assert main(["ingest", str(made_up), "--db", url, "--jobs", "2",
                 "--lexicon", str(_user(tmp_path))]) == 0
    assert LEXICON_ENV not in __import__("os").environ  # the CLI leaves no trace
    docs = _export("documents", url, capsys)
    assert {(d["organisation"], d["printed_name"]) for d in docs} == {("Blåbärsdalen", "BBD")}
    rows = _rows_of_label(url, capsys)
    assert {(r["line_key"], r["key_match"]) for r in rows} == {("verksamhetens_intakter", "exact")}
    orgs = _export("organisations", url, capsys)
    assert [(o["name"], o["orgnr"], o["documents"]) for o in orgs] == \
        [("Blåbärsdalen", "222000-9990", 2)]
    assert json.loads(orgs[0]["members"])[-1] == "Region Västmanland"
    assert {d["organisation_id"] for d in docs} == {orgs[0]["organisation_id"]}


def test_without_the_lexicon_neither_is_known(made_up, tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'without.db'}"
    assert main(["ingest", str(made_up), "--db", url, "--jobs", "1"]) == 0
    docs = _export("documents", url, capsys)
    assert {d["organisation"] for d in docs} == {"BBD"}  # still its printed name
    # The label is no lexicon's: its row is unkeyed, or keyed only by the statement's
    # arithmetic (the one missing term of intäkter − kostnader), and then doubtful.
    from core.settings import DIGITAL
    rows = _rows_of_label(url, capsys)
    assert {(r["line_key"], r["key_match"]) for r in rows} == {("verksamhetens_intakter", "arithmetic")}
    assert all(r["confidence"] < DIGITAL.checks.uncertain_below for r in rows)
    # Named later through FINSAM_LEXICON: the organisations are re-keyed without re-ingest.
    capsys.readouterr()
    env = {LEXICON_ENV: str(_user(tmp_path))}
    with pytest.MonkeyPatch.context() as mp:
        for k, v in env.items():
            mp.setenv(k, v)
        assert main(["organisations", "--db", url, "--format", "json"]) == 0
    orgs = json.loads(capsys.readouterr().out)
    assert [(o["name"], o["in_register"], o["members"][:2]) for o in orgs] == \
        [("Blåbärsdalen", True, ["Fagersta", "Norberg"])]


def test_merge_tables_lists_and_register_entries(tmp_path):
    first = _user(tmp_path, """
[document_kinds]
arsredovisning = ["Årsskrift"]
[forbund]
stop = ["Ekonomi"]
[[register]]
name = "Kalmar län"
variants = ["Kalmarförbundet"]
members = ["Påhittad kommun"]
""", "a.toml")
    second = _user(tmp_path, """
[[register]]
name = "Nedan Siljan"
orgnr = "222000 1859"
""", "b.toml")
    base = load_lexicon()
    lx = load_lexicon(user=(str(first), str(second)))
    assert lx.kinds.exact["arsskrift"] == "arsredovisning"
    assert lx.kinds.exact["arsredovisning"] == "arsredovisning"  # lists extend
    assert "ekonomi" in lx.name_words.stop and "org" in lx.name_words.stop
    entry = lx.register.by_orgnr("222000-1859")
    # Same orgnr: one entry; the later name wins and the earlier one stays a variant.
    assert entry.name == "Nedan Siljan" and "Kalmar län" in entry.variants
    assert "Kalmarförbundet" in entry.variants and "Påhittad kommun" in entry.members
    assert entry.members[0] == "Region Kalmar län"
    assert lx.register.match("Samordningsförbundet i Kalmar län").entry is entry
    assert len(lx.register.entries) == len(base.register.entries)
    assert base.register.by_orgnr("222000-1859").name == "Kalmar län"  # the cache is per set


@pytest.mark.parametrize(("text", "reason"), [
    ("[forbund\nstop = 1", "not valid TOML"),
    ("[forbund]\nstop = \"Ekonomi\"", "[forbund.stop] must be a list"),
    ("[[register]]\norgnr = \"222000-1111\"", "needs a name"),
    ("register = 3", "[[register]]"),
])
def test_a_broken_user_lexicon_is_a_clear_error(tmp_path, text, reason):
    bad = _user(tmp_path, text, "bad.toml")
    with pytest.raises(LexiconError) as err:
        load_lexicon(user=(str(bad),))
    assert err.value.path == str(bad) and reason in str(err.value)


def test_a_missing_user_lexicon_is_named(tmp_path):
    with pytest.raises(LexiconError, match="no such file"):
        load_lexicon(user=(str(tmp_path / "nowhere.toml"),))
