"""Data flows one way: read → interpret → validate → audit → render → outputs / batch / cli. A module never
imports one of a later stage; reading knows nothing of families, checks never re-interpret text, and reports
never read the input again."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "effaudit"

# Stages in flow order; a module belongs to the first stage with a matching prefix. "shared" holds what every
# stage uses: the column catalogue, units, errors, file names, YAML and vocabulary loading, the cell helpers
# (io.values), and the rulebook's data model and loaders (standards).
STAGES = (
    ("shared", ("effaudit.frames", "effaudit.errors", "effaudit.filenames", "effaudit.atomic", "effaudit.units",
                "effaudit.columns", "effaudit.yaml_text", "effaudit.vocabulary", "effaudit.labels", "effaudit.finding_texts",
                "effaudit.io.values", "effaudit.standards")),
    ("read", ("effaudit.io",)),
    ("interpret", ("effaudit.interpret",)),
    ("validate", ("effaudit.schema", "effaudit.inventory")),
    ("audit", ("effaudit.engine", "effaudit.derive", "effaudit.conditions", "effaudit.findings", "effaudit.read_as",
               "effaudit.target_share", "effaudit.checks", "effaudit.quotas", "effaudit.savings")),
    ("render", ("effaudit.report",)),
    ("outputs", ("effaudit.outputs", "effaudit.output_paths", "effaudit.batch", "effaudit.store", "effaudit.diff",
                 "effaudit.template", "effaudit.cli")),
)
RANK = {name: rank for rank, (name, _) in enumerate(STAGES)}
# Imports that the stage order allows and the design does not (importer prefix, imported prefix).
FORBIDDEN = (
    ("effaudit.io", "effaudit.interpret"),      # reading knows nothing of families
    ("effaudit.checks", "effaudit.interpret"),  # checks receive canonical fields, never re-interpret text
    ("effaudit.checks", "effaudit.io.readers"),
    ("effaudit.checks", "effaudit.io.header"),
    ("effaudit.report", "effaudit.io.readers.read_sheets"),  # reports render the result, never re-read the input
    ("effaudit.report", "effaudit.inventory.read_inventory"),
    ("effaudit.checks", "effaudit.standards.loader"),  # the rulebook is loaded once and handed to the checks
)


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _stage(module: str) -> str | None:
    if module == "effaudit":
        return "shared"  # the package itself: its version
    for name, prefixes in STAGES:
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes):
            return name
    return None


def _imports(path: Path) -> list[tuple[str, int]]:
    """(imported module or module.name, line) of every effaudit import in a file, at any depth."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("effaudit"):
            found += [(node.module, node.lineno)] + [(f"{node.module}.{alias.name}", node.lineno)
                                                     for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names if alias.name.startswith("effaudit")]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def _starts(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize("path", MODULES, ids=[_module(p) for p in MODULES])
def test_no_import_against_the_flow(path: Path) -> None:
    importer = _module(path)
    stage = _stage(importer)
    assert stage is not None, f"{importer} belongs to no stage: add it to STAGES"
    wrong = []
    for imported, line in _imports(path):
        target = _stage(imported)
        if target is not None and RANK[target] > RANK[stage] and not _starts(imported, importer):
            wrong.append(f"line {line}: {stage} module imports {imported} ({target})")
        wrong += [f"line {line}: {importer} must not import {imported}" for low, high in FORBIDDEN
                  if _starts(importer, low) and _starts(imported, high)]
    assert not wrong, "\n".join(wrong)


def test_the_test_sees_an_upward_import(tmp_path: Path) -> None:
    """The check itself can fail: a reader importing the engine is caught."""
    module = PACKAGE / "io" / "readers.py"
    fake = tmp_path / "readers.py"
    fake.write_text("from effaudit.engine import audit\n", encoding="utf-8")
    (target, line), *_ = _imports(fake)
    assert RANK[_stage(target)] > RANK[_stage(_module(module))] and line == 1
