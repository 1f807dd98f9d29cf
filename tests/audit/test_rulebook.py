"""The rulebook files: every file passes its schema, and the schema rejects what it must."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from effaudit.errors import RulebookError
from effaudit.standards.loader import STANDARDS_DATA, load_file, load_files
from effaudit.standards.lookup import find_rows
from effaudit.standards.rulebook import Rulebook


@pytest.fixture(scope="module")
def rulebook() -> Rulebook:
    return Rulebook.load()


def test_every_file_loads_and_has_citation_and_confidence(rulebook: Rulebook) -> None:
    documents = load_files()
    assert len(documents) == len(list(STANDARDS_DATA.rglob("*.yaml")))
    for standard in rulebook.standards:
        for table in standard.tables:
            assert table.table and table.confidence, (standard.id, table.id)
            assert set(table.rows["confidence"]) <= {"verified", "corroborated", "single-source", "provisional",
                                                     "conflict"}


def test_editions_in_force_by_date(rulebook: Rulebook) -> None:
    assert rulebook.in_force("motor_lv", dt.date(2021, 5, 31)).id == "GB 18613-2012"
    assert rulebook.in_force("motor_lv", dt.date(2021, 6, 1)).id == "GB 18613-2020"
    assert rulebook.in_force("motor_lv", dt.date(2012, 8, 31)) is None


def test_gb18613_2020_table_is_complete(rulebook: Rulebook) -> None:
    table = rulebook.get("GB 18613-2020").tables[0]
    assert len(table.rows) == 42 * 4
    assert sorted(table.rows["poles"].unique()) == [2, 4, 6, 8]
    assert table.rows["rated_power_kw"].min() == 0.12 and table.rows["rated_power_kw"].max() == 1000


@pytest.mark.parametrize(("power", "poles", "expected"), [
    (0.12, 2, (71.4, 66.5, 60.8)), (11, 4, (94.6, 93.3, 91.4)), (18.5, 2, (94.9, 93.7, 92.4)),
    (75, 8, (95.3, 94.2, 93.1)), (200, 6, (97.0, 96.3, 95.8)),
])
def test_gb18613_2020_cells(rulebook: Rulebook, power: float, poles: int, expected: tuple) -> None:
    table = rulebook.get("GB 18613-2020").tables[0]
    row = table.rows[(table.rows["rated_power_kw"] == power) & (table.rows["poles"] == poles)]
    assert tuple(row[["efficiency_pct_g1", "efficiency_pct_g2", "efficiency_pct_g3"]].iloc[0]) == expected


def test_exact_lookup_never_takes_a_neighbouring_row(rulebook: Rulebook) -> None:
    table = rulebook.get("GB 18613-2020").tables[0]
    items = pd.DataFrame({"rated_power_kw": [11.0, 12.0, 0.1 + 0.02, None], "poles": [4.0, 4.0, 2.0, 4.0]})
    found = find_rows(table, items)
    assert found["table_row"].iloc[1] == -1 and found["table_row"].iloc[3] == -1
    assert table.rows.iloc[found["table_row"].iloc[0]]["rated_power_kw"] == 11
    assert table.rows.iloc[found["table_row"].iloc[2]]["rated_power_kw"] == 0.12
    assert found["missing_keys"].tolist() == ["", "", "", "rated_power_kw"]


MINIMAL = """
kind: efficiency_standard
id: TEST 1-2020
title: {zh: 测试, en: test}
edition: "2020"
effective: 2020-01-01
family: boiler
confidence: single-source
scope: {zh: 测试, en: test}
metrics: [{name: thermal_efficiency_pct, unit: "%", direction: higher_is_better}]
grades: [1, 2, 3]
between_rows: none
tables:
  - id: t1
    citation: {table: "表1", clause: "4.1"}
    confidence: single-source
    keys: [{field: fuel, match: category}, {field: capacity_t_h, unit: t/h, match: interval}]
    columns: [fuel, capacity_t_h_min, capacity_t_h_max, capacity_t_h_bounds,
              thermal_efficiency_pct_g1, thermal_efficiency_pct_g2, thermal_efficiency_pct_g3]
    rows:
"""


def _write(tmp_path: Path, rows: str) -> Path:
    path = tmp_path / "test.yaml"
    path.write_text(textwrap.dedent(MINIMAL) + textwrap.indent(textwrap.dedent(rows), "      "), encoding="utf-8")
    return path


def test_interval_lookup_respects_bounds(tmp_path: Path) -> None:
    standard = load_file(_write(tmp_path, """
        - [coal, null, 20, "(]", 85, 82, 80]
        - [coal, 20, null, "()", 86, 83, 81]
        - [gas, null, null, "()", 94, 92, 90]
    """))
    items = pd.DataFrame({"fuel": ["coal", "coal", "coal", "gas", "oil"], "capacity_t_h": [4.0, 20.0, 35.0, 4.0, 4.0]})
    assert find_rows(standard.tables[0], items)["table_row"].tolist() == [0, 0, 1, 2, -1]


@pytest.mark.parametrize(("rows", "message"), [
    ("- [coal, null, 20, \"(]\", 80, 82, 85]\n", "not monotonic"),
    ("- [coal, null, 20, \"<]\", 85, 82, 80]\n", "_bounds"),
    ("- [coal, null, 10, \"(]\", 85, 82, 80]\n- [coal, 20, null, \"()\", 86, 83, 81]\n", "gap"),
    ("- [coal, null, 20, \"(]\", 85, 82, 80]\n- [coal, 20, null, \"[)\", 86, 83, 81]\n", "overlap"),
    ("- [coal, null, 20, \"(]\", 85, 82]\n", "expected 7 cells"),
])
def test_schema_rejects_bad_tables(tmp_path: Path, rows: str, message: str) -> None:
    with pytest.raises(RulebookError, match=message):
        load_file(_write(tmp_path, rows))


def test_schema_rejects_missing_fields(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("kind: efficiency_standard\nid: X\n", encoding="utf-8")
    with pytest.raises(RulebookError, match="bad.yaml: metrics: missing"):
        load_file(path)


def test_rulebook_version_changes_with_content(tmp_path: Path) -> None:
    source = STANDARDS_DATA / "standards" / "gb18613-2020.yaml"
    copy = tmp_path / "standards"
    copy.mkdir()
    (copy / source.name).write_bytes(source.read_bytes())
    before = Rulebook.load(tmp_path).version
    (copy / source.name).write_bytes(source.read_bytes().replace(b"94.6, 93.3, 91.4", b"94.6, 93.3, 91.5"))
    assert Rulebook.load(tmp_path).version != before
