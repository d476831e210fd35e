"""The stages are layers that point one way: a module imports only its own layer and those
below it, at module level and inside functions alike (a function-level import is a door all
the same). See "Layers" in README.md.

    core → ingest → parsers → repair → db → checks → finsam

``core`` (data types, lexicon, numbers, settings) imports no stage.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ["core", "ingest", "parsers", "repair", "db", "checks", "finsam"]
# Packages outside the product's chain, and the packages they may import: the report
# generator uses core only (its reports never depend on the code they test); its
# comparison with ground truth runs the whole pipeline.
SIDE = {"fixtures": {"core", "fixtures"}}
HARNESS = {"fixtures/compare.py", "fixtures/measure.py"}


def imported_packages(path: Path) -> list[tuple[int, str]]:
    """(line, top-level package) of every import in the file, wherever it stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module.split(".")[0]))
        elif isinstance(node, ast.ImportFrom) and node.level > 0:
            out.append((node.lineno, path.relative_to(ROOT).parts[0]))  # relative: own package
    return out


def allowed(package: str, module: str = "") -> set[str]:
    if module in HARNESS:
        return set(LAYERS) | set(SIDE)
    if package in SIDE:
        return SIDE[package]
    return set(LAYERS[: LAYERS.index(package) + 1])


def violations(root: Path = ROOT) -> list[str]:
    ours = set(LAYERS) | set(SIDE)
    found = []
    for package in sorted(ours):
        for path in sorted((root / package).rglob("*.py")):
            module = path.relative_to(root).as_posix()
            for line, target in imported_packages(path):
                if target in ours and target not in allowed(package, module):
                    found.append(f"{module}:{line} imports {target} "
                                 f"(a {package} module may import {sorted(allowed(package))})")
    return found


def test_layers_point_one_way():
    found = violations()
    assert not found, "imports that go up a layer:\n" + "\n".join(found)


def test_every_product_package_has_a_layer():
    """A new top-level package must be placed in LAYERS or SIDE, or it escapes this test."""
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages <= set(LAYERS) | set(SIDE) | {"tests", "benchmarks"}, packages


def test_an_upward_import_is_caught(tmp_path):
    """The check itself can fail: a function-level import of a higher layer is reported."""
    for package in ("core", "repair"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "core" / "bad.py").write_text("def f():\n    from repair.cells import fill_gaps\n")
    (tmp_path / "repair" / "good.py").write_text("import core.types\n")
    found = violations(tmp_path)
    assert len(found) == 1 and found[0].startswith("core/bad.py:2 imports repair")


@pytest.mark.parametrize("package", LAYERS)
def test_layer_exists(package):
    assert (ROOT / package / "__init__.py").exists()


# Layout as data: the lexicon's tables are read through its typed accessors only.
RAW_READERS: set[str] = set()


def test_no_stage_reads_the_lexicons_raw_tables():
    found = []
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            module = path.relative_to(ROOT).as_posix()
            if module == "core/lexicon.py" or module in RAW_READERS:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found += [f"{module}:{node.lineno}" for node in ast.walk(tree)
                      if isinstance(node, ast.Attribute) and node.attr == "raw"
                      and isinstance(node.value, ast.Attribute | ast.Name)
                      and getattr(node.value, "attr", getattr(node.value, "id", "")) in
                      ("lexicon", "lx")]
    assert not found, "lexicon.raw read outside core/lexicon.py: " + ", ".join(found)
