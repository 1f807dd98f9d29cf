"""Re-inspection: matching and statuses as a table of cases, then ``effaudit diff`` on real result files (JSON,
workbook, exit statuses), and a bureau's two rounds in one findings store (progress and trend in the summary)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from effaudit.diff.compare import compare
from effaudit.diff.sources import COLUMNS, Audit, read_result
from tests.cli_run import effaudit
from tests.outputs.store_inputs import region_inputs
from tests.outputs.test_batch import HEADER, pdf_text, sheet_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _audit(*items: dict) -> Audit:
    defaults = {"equipment_id": "", "sheet": "设备", "row": 2, "name": "", "model": "", "rating": "",
                "location": "", "quantity": 1.0, "verdict": "advanced", "status": "ok", "codes": ""}
    return Audit("x", "2026-11-22", "", pd.DataFrame([{**defaults, **item} for item in items], columns=COLUMNS))


V = {"verdict": "phase_out", "status": "violation", "codes": "PO101"}
A = {"verdict": "below_energy_saving", "status": "advisory", "codes": "EF103"}
OK = {"verdict": "advanced", "status": "ok"}


@pytest.mark.parametrize(("old", "new", "expected"), [
    ({"equipment_id": "M-1", **V}, {"equipment_id": "M-1", **OK}, [("M-1", "fixed", "equipment_id")]),
    ({"equipment_id": "M-1", **V}, {"equipment_id": "M-1", **A}, [("M-1", "fixed", "equipment_id")]),
    ({"equipment_id": "M-1", **V}, {"equipment_id": "M-1", **V}, [("M-1", "still_open", "equipment_id")]),
    ({"equipment_id": "M-1", **A}, {"equipment_id": "M-1", **V}, [("M-1", "new", "equipment_id")]),
    ({"equipment_id": "M-1", **OK}, {"equipment_id": "M-1", **A}, [("M-1", "new", "equipment_id")]),
    ({"equipment_id": "M-1", **OK}, {"equipment_id": "M-1", **OK}, [("M-1", "unchanged_ok", "equipment_id")]),
    # no id: the same model, rating, name and location on another sheet is the same item
    ({"model": "Y2-160M-4", "rating": "11 kW", "name": "风机电机", "location": "一车间", "sheet": "旧表", **V},
     {"model": "y2-160m-4", "rating": "11 kW", "name": "风机电机", "location": "一车间", "sheet": "电机", **V},
     [("", "still_open", "keys")]),
    # the same name and location, another model: replaced
    ({"equipment_id": "M-1", "model": "Y2-160M-4", "name": "风机电机", "location": "一车间", **V},
     {"equipment_id": "N-9", "model": "YE4-160M-4", "name": "风机电机", "location": "一车间", **OK},
     [("N-9", "fixed", "replacement")]),
    # gone without a replacement: removed, not fixed; a new line with a problem: new
    ({"equipment_id": "M-1", "name": "风机电机", **V}, {"equipment_id": "M-2", "name": "水泵电机", **V},
     [("M-2", "new", None), ("M-1", "removed", None)]),
])
def test_match_and_status(old: dict, new: dict, expected: list) -> None:
    diff = compare(_audit(old), _audit(new))
    assert [(item.equipment_id, item.status, item.match) for item in diff.items] == expected


def test_an_id_used_twice_is_not_matched_by_id() -> None:
    diff = compare(_audit({"equipment_id": "M-1", "name": "甲", **V}, {"equipment_id": "M-1", "name": "乙", **OK}),
                   _audit({"equipment_id": "M-1", "name": "甲", **OK}))
    assert [(item.status, item.match) for item in diff.items] == [("fixed", "replacement"), ("removed", None)]


@pytest.fixture(scope="module")
def rounds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rounds")
    for name, round_two in (("r1", False), ("r2", True)):
        region_inputs(root / name, round_two=round_two)
        for plant in ("north", "south"):
            completed = effaudit("check", root / name / f"{plant}.csv", "--as-of", "2026-11-22", "--json",
                                 root / name / f"{plant}.json")
            assert completed.returncode == 1, completed.stderr
    return root


def test_diff_json_workbook_and_exit_status(rounds: Path) -> None:
    completed = effaudit("diff", rounds / "r1" / "south.json", rounds / "r2" / "south.json", "--json",
                         rounds / "south-diff.json", "--xlsx", rounds / "south-diff.xlsx", "--lang", "en")
    assert completed.returncode == 1, completed.stderr  # M-5 still open, M-6 a new phase-out motor
    assert "still open 1, new violations 1, fixed 0, removed without replacement 1" in completed.stdout
    result = json.loads((rounds / "south-diff.json").read_text(encoding="utf-8"))
    assert result["schema"] == "effaudit.diff/1"
    statuses = {item["equipment_id"]: (item["status"], item["match"]) for item in result["items"]}
    assert statuses == {"M-4": ("unchanged_ok", "equipment_id"), "M-5": ("still_open", "equipment_id"),
                        "M-6": ("new", None), "D-1": ("unchanged_ok", "equipment_id"), "M-1": ("removed", None)}
    removed = next(item for item in result["items"] if item["status"] == "removed")
    assert removed["old"]["verdict"] == "phase_out" and removed["new"] is None
    assert result["summary"] == {"by_status": {"fixed": 0, "still_open": 1, "new": 1, "removed": 1,
                                               "unchanged_ok": 2}, "new_violations": 1}
    rows = sheet_rows(rounds / "south-diff.xlsx", "Items")
    assert [(row["equipment id"], row["status"], row["verdict then"], row["verdict now"]) for row in rows] == [
        ("M-4", "compliant, unchanged", "advanced", "advanced"),
        ("M-5", "still open", "below energy-saving level", "below energy-saving level"),
        ("M-6", "new problem", "—", "phase out"),
        ("D-1", "compliant, unchanged", "out of scope", "out of scope"),
        ("M-1", "removed from the inventory (no replacement)", "phase out", "—")]
    summary = dict(load_workbook(rounds / "south-diff.xlsx", read_only=True)["Summary"].values)
    assert summary["fixed"] == 0 and summary["of which new violations"] == 1


def test_diff_pdf_lists_what_needs_action(rounds: Path) -> None:
    for lang, title, removed in (("zh", "重点用能设备复查报告", "已从清单移除（未见替换）（1）"),
                                 ("en", "Re-inspectionReport", "removedfromtheinventory(noreplacement)(1)")):
        pdf = rounds / f"south-{lang}.pdf"
        completed = effaudit("diff", rounds / "r1" / "south.json", rounds / "r2" / "south.json", "--pdf", pdf,
                             "--lang", lang)
        assert completed.returncode == 1, completed.stderr
        text = pdf_text(pdf)
        assert title in text and removed in text and "M-6" in text and "Y2-160M-4" in text
        assert "空压机电机" not in text  # M-4, compliant and unchanged: counted, not listed


def test_diff_exit_0_when_everything_is_fixed(tmp_path: Path) -> None:
    results = []
    for name, line in (("old", "M-1,风机电机,电动机,Y2-160M-4,11,4,88.0,1,2002-05"),
                       ("new", "M-1,风机电机,电动机,YE4-160M-4,11,4,93.6,1,2025-05")):
        (tmp_path / f"{name}.csv").write_text(HEADER + line + "\n", encoding="utf-8")
        effaudit("check", tmp_path / f"{name}.csv", "--as-of", "2026-11-22", "--json", tmp_path / f"{name}.json")
        results.append(tmp_path / f"{name}.json")
    completed = effaudit("diff", *results, "--json", "-")
    assert completed.returncode == 0, completed.stderr
    assert [item["status"] for item in json.loads(completed.stdout)["items"]] == ["fixed"]


def test_last_years_audit1_result_against_this_years_audit2(tmp_path: Path) -> None:
    """A result written before the leaner format (schema effaudit.audit/1, by effaudit at b120462: messages as
    texts, null keys) reads as the same items as this version's audit/2 result of the same inventory, and ``diff``
    compares the two."""
    old = FIXTURES / "audit1" / "simple_utf8.json"
    assert json.loads(old.read_text(encoding="utf-8"))["schema"] == "effaudit.audit/1"
    new = tmp_path / "new.json"
    checked = effaudit("check", FIXTURES / "inventories" / "simple_utf8.csv", "--as-of", "2026-11-22", "--json", new)
    assert checked.returncode in (0, 1), checked.stderr
    assert json.loads(new.read_text(encoding="utf-8"))["schema"] == "effaudit.audit/2"
    before, after = read_result(old), read_result(new)
    assert before.inventory_sha256 == after.inventory_sha256 and before.as_of == after.as_of == "2026-11-22"
    pd.testing.assert_frame_equal(before.items, after.items)
    assert before.items["codes"].tolist() == ["EF102", "", "", ""]  # M-001 below the energy-saving level
    completed = effaudit("diff", old, new, "--json", "-")
    assert completed.returncode in (0, 1), completed.stderr
    statuses = [item["status"] for item in json.loads(completed.stdout)["items"]]
    assert statuses[0] == "still_open" and len(statuses) == 4 and set(statuses[1:]) == {"unchanged_ok"}


def test_diff_refuses_what_is_not_a_result(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text('{"schema": "something else"}', encoding="utf-8")
    (tmp_path / "b.csv").write_text(HEADER, encoding="utf-8")
    for bad in ("a.json", "b.csv", "missing.json"):
        completed = effaudit("diff", tmp_path / bad, tmp_path / "a.json")
        assert completed.returncode == 2 and str(tmp_path / bad) in completed.stderr, completed.stderr
        assert "Traceback" not in completed.stderr


def test_two_rounds_in_one_store_give_progress_and_trend(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for name, as_of, round_two in (("r1", "2025-11-22", False), ("r2", "2026-11-22", True)):
        region_inputs(tmp_path / name, round_two=round_two)
        (tmp_path / name / "inventory.xlsx").unlink()  # keep the batch small
        run = subprocess.run([sys.executable, "-m", "effaudit.cli", "batch", str(tmp_path / name), "--out",
                              str(tmp_path / f"out-{name}"), "--store", str(store), "--as-of", as_of, "--lang",
                              "en", "--jobs", "2"], capture_output=True, text=True)
        assert run.returncode == 1, run.stderr
    assert not (tmp_path / "out-r1" / "_store").exists()
    progress = {row["report folder"]: row for row in sheet_rows(tmp_path / "out-r2" / "summary.xlsx", "Progress")}
    assert set(progress) == {"北方钢铁有限公司", "南方化工有限公司", "west"}
    south = progress["南方化工有限公司"]
    assert (south["previous as of"], south["still open"], south["new problems"], south["of which violations"],
            south["removed (no replacement)"]) == ("2025-11-22", 1, 1, 1, 1)
    north = progress["北方钢铁有限公司"]
    assert north["fixed"] == 1 and north["violating items then"] == 3 and north["violating items now"] == 2
    trend = sheet_rows(tmp_path / "out-r2" / "summary.xlsx", "Trend")
    assert [(row["as of"], row["enterprises"]) for row in trend] == [("2025-11-22", 3), ("2026-11-22", 3)]
    assert "Progress" not in load_workbook(tmp_path / "out-r1" / "summary.xlsx", read_only=True).sheetnames

    completed = effaudit("diff", f"{store}@2025-11-22", f"{store}@2026-11-22", "--json", "-", "--xlsx",
                         tmp_path / "rounds.xlsx")
    assert completed.returncode == 1, completed.stderr
    items = json.loads(completed.stdout)["items"]
    for folder, row in progress.items():
        mine = [item["status"] for item in items if item["enterprise"] == folder]
        assert (mine.count("fixed"), mine.count("still_open"), mine.count("new"), mine.count("removed")) == (
            row["fixed"], row["still open"], row["new problems"], row["removed (no replacement)"])
    south_m6 = next(i for i in items if i["enterprise"] == "南方化工有限公司" and i["equipment_id"] == "M-6")
    assert south_m6["status"] == "new" and south_m6["new"]["rating"] == "11 kW"
    assert len(sheet_rows(tmp_path / "rounds.xlsx", "复查明细")) == len(items)
    missing = effaudit("diff", f"{store}@2024-11-22", f"{store}@2026-11-22")
    assert missing.returncode == 2
    assert "no round 2024-11-22 in this findings store (its rounds: 2025-11-22, 2026-11-22)" in missing.stderr
