"""The renewal project list (整改及更新计划) in every output: the JSON's order and the 2027 target, the workbook's
Plan sheet, the PDF section in zh and en, and the region's reserve in a batch's summary — read back from the files.

Hand-worked: M-009 (Y2-160M-4, 11 kW at 91.0 %, phase-out catalogue batch 3 item 1-2, deadline 2015-12-31) is
first: 11 × 0.75 × 6000 × (100/91.0 − 100/93.3) = 3 195.34 kWh a year, × 0.55 yuan = 1 757.44 yuan; its
replacement costs 3 000 yuan (the profile's ≤ 11 kW motor row), so it pays back in 1.71 years, the shortest.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.cli_run import effaudit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE, MIXED = ROOT / "examples" / "inventory.xlsx", ROOT / "examples" / "mixed_inventory.xlsx"
PROFILE = ROOT / "examples" / "operating-profile.yaml"


def run_cli(arguments: list[str], expect: int) -> None:
    done = effaudit(*arguments)
    assert done.returncode == expect, done.stderr


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("plan")
    paths = {"json": folder / "r.json", "xlsx": folder / "r.xlsx", "pdf": folder / "r.pdf",
             "pdf_en": folder / "r_en.pdf"}
    run_cli(["check", str(EXAMPLE), "--as-of", "2026-11-22", "--profile", str(PROFILE), "--json",
             str(paths["json"]), "--xlsx", str(paths["xlsx"]), "--pdf", str(paths["pdf"])], expect=1)
    run_cli(["check", str(EXAMPLE), "--as-of", "2026-11-22", "--profile", str(PROFILE), "--lang", "en",
             "--pdf", str(paths["pdf_en"])], expect=1)
    return paths


def test_the_list_is_ranked_by_payback_then_coal_then_deadline(outputs: dict[str, Path]) -> None:
    document = json.loads(outputs["json"].read_text(encoding="utf-8"))
    plan, equipment = document["renewal_plan"], [item.get("equipment_id") for item in document["items"]]
    items = plan["items"]
    first = items[0]
    assert (equipment[first["item"]], first["action"], first["code"], first["deadline"]) == \
        ("M-009", "phase_out", "PO101", "2015-12-31")
    assert first["kwh_per_year"] == pytest.approx(3195.34, abs=0.01)
    assert first["payback_years"] == pytest.approx(3000 / (3195.3376 * 0.55), rel=1e-5)
    assert [item["rank"] for item in items] == list(range(1, len(items) + 1))
    paid = [item["payback_years"] for item in items if "payback_years" in item]
    assert paid == sorted(paid) and len(paid) == 21
    rest = items[len(paid):]
    assert all("payback_years" not in item for item in rest)
    coal = [item.get("tce_per_year", 0) for item in rest]
    assert coal == sorted(coal, reverse=True)
    assert {item["action"] for item in items} == {"phase_out", "replace"}
    unestimated = next(item for item in items if equipment[item["item"]] == "M-013")  # JO2-41-4, no efficiency given
    assert unestimated["no_estimate"] == "no_measured"
    assert plan["totals"]["phase_out"] == 9 and plan["totals"]["items"] == len(items)


def test_the_way_to_the_target_is_cheapest_per_unit_first(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(PROFILE.read_text(encoding="utf-8") + "target_share: 0.6\n", encoding="utf-8")
    out = tmp_path / "r.json"
    run_cli(["check", str(EXAMPLE), "--as-of", "2026-11-22", "--profile", str(profile), "--json", str(out)],
            expect=1)
    document = json.loads(out.read_text(encoding="utf-8"))
    target = document["renewal_plan"]["to_target"]
    steps = target["steps"]
    shares = [step["share_after"] for step in steps]
    assert shares == sorted(shares)  # every replacement of a key item raises it, none lowers it
    known = [step["investment_per_unit"] for step in steps if "investment_per_unit" in step]
    assert known == sorted(known) and steps[0]["investment_per_unit"] == known[0]
    assert all("investment_per_unit" not in step for step in steps[len(known):])  # unknown costs last
    needed = target["items_needed"]
    assert shares[needed - 1] >= 0.6 > shares[needed - 2]
    assert target["investment_needed"] == pytest.approx(sum(step.get("investment", 0) for step in steps[:needed]))
    assert target["share_now"] == document["summary"]["energy_saving_target"]["share_by_count"] < 0.6
    # the steps are the list's key items below the level: every one is a row of the list, by its rank
    ranks = {item["rank"]: item["item"] for item in document["renewal_plan"]["items"]}
    assert all(ranks[step["rank"]] == step["item"] for step in steps)
    sheet = next(line for line in run_target_sheet(tmp_path, profile) if line and line[0] == 1)
    assert sheet[2] == document["items"][steps[0]["item"]]["equipment_id"]


def run_target_sheet(tmp_path: Path, profile: Path) -> list[tuple]:
    out = tmp_path / "r.xlsx"
    run_cli(["check", str(EXAMPLE), "--as-of", "2026-11-22", "--profile", str(profile), "--xlsx", str(out)],
            expect=1)
    return list(load_workbook(out, read_only=True)["Target"].iter_rows(values_only=True))


def test_the_workbook_has_the_plan_sheet(outputs: dict[str, Path]) -> None:
    sheet = load_workbook(outputs["xlsx"], read_only=True)["Plan"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "工作表", "行", "设备编号") and rows[0][18] == "静态回收期(年)"
    assert rows[1][3] == "M-009" and rows[1][9] == "淘汰更新" and rows[1][18] == 1.7
    total = next(row for row in rows if row[0] == "合计")
    plan = json.loads(outputs["json"].read_text(encoding="utf-8"))["renewal_plan"]
    assert total[14] == round(plan["totals"]["tce_per_year"], 3)
    assert total[17] == round(plan["totals"]["investment"])
    assert rows[-1][0].startswith("当前达到节能水平及以上的比例（按台数）为 42.4%；按单台投资从低到高")


def test_the_pdf_section_in_both_languages(outputs: dict[str, Path]) -> None:
    zh = subprocess.run(["pdftotext", "-layout", str(outputs["pdf"]), "-"], capture_output=True, text=True,
                        check=True).stdout
    en = subprocess.run(["pdftotext", "-layout", str(outputs["pdf_en"]), "-"], capture_output=True, text=True,
                        check=True).stdout
    assert "五、整改及更新计划" in zh and "5. Rectification and renewal plan" in en
    for text in (zh, en):
        assert "M-009" in text and "3,195 kWh" in text and "62,515 kg" in text  # a motor and the coal boiler
        assert "64.567" in text  # the total standard coal of the list
    flat = "".join(zh.split())  # the basis sentence wraps
    assert "电力CO₂排放因子0.6849kgCO₂/kWh（内蒙古省级电力平均二氧化碳排放因子（2022年）" in flat
    assert "inner-mongolia" not in zh
    assert "no measured" in en and "value: no estimate" in en  # a narrow column wraps it
    # a count of units is a whole number; a heading wider than its column breaks at a syllable, not mid-syllable
    assert re.search(r"M-027 渣浆泵电机 +2 replace", en) and "2.0 replace" not in en
    assert re.search(r"invest[-‐]\s", en) and re.search(r"pay[-‐]\s", en) and "investmen " not in en


def test_the_region_summary_has_the_reserve(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.xlsx").write_bytes(EXAMPLE.read_bytes())
    (inputs / "b.xlsx").write_bytes(MIXED.read_bytes())
    out = tmp_path / "out"
    run_cli(["batch", str(inputs), "--out", str(out), "--jobs", "2", "--as-of", "2026-11-22",
             "--profile", str(PROFILE)], expect=1)
    plans = [json.loads((out / name / "result.json").read_text(encoding="utf-8"))["renewal_plan"]
             for name in ("a", "b")]
    workbook = load_workbook(out / "summary.xlsx", read_only=True)
    reserve = list(workbook["Reserve"].iter_rows(values_only=True))
    total = reserve[-1]
    assert total[0] == "合计" and total[3] == 2 and total[4] == sum(len(plan["items"]) for plan in plans)
    assert total[7] == pytest.approx(sum(plan["totals"]["tce_per_year"] for plan in plans), abs=0.002)
    assert total[10] == pytest.approx(sum(plan["totals"]["investment"] for plan in plans), abs=0.5)
    listed = list(workbook["Reserve items"].iter_rows(values_only=True))
    assert len(listed) - 1 == total[4]
    assert {row[9] for row in listed[1:]} == {"淘汰更新", "更新至节能水平", "评估"}  # b has elevator assessments
    pdf = subprocess.run(["pdftotext", "-layout", str(out / "summary.pdf"), "-"], capture_output=True, text=True,
                         check=True).stdout
    assert "设备更新改造项目储备（按地区、行业、类别）" in pdf


def test_the_terminal_says_what_the_list_saves() -> None:
    done = effaudit("check", str(EXAMPLE), "--as-of", "2026-11-22", "--profile", str(PROFILE))
    assert "整改及更新计划 32 项（淘汰 9，更新 23，评估 0）；估算年节约 64.57 tce、186.23 t CO₂、109,220 元；" \
           "投资 4,381,375 元" in done.stdout
    done = effaudit("check", str(EXAMPLE), "--as-of", "2026-11-22", "--lang", "en")
    assert "no savings estimated (no operating hours: inventory or --profile)" in done.stdout


def test_each_record_of_the_list_is_one_line_of_the_json(outputs: dict[str, Path]) -> None:
    """Like the items, a record of the renewal list is one line (fewer bytes than a key per line)."""
    text = outputs["json"].read_text(encoding="utf-8")
    items = json.loads(text)["renewal_plan"]["items"]
    lines = [line for line in text.splitlines() if line.startswith('      {"rank": ')]
    assert [json.loads(line.rstrip(",")) for line in lines] == items and len(items) > 21


def test_an_item_of_a_family_without_a_formula_says_so(tmp_path: Path) -> None:
    """An air conditioner below the minimum is on the list, with hours and a measured APF, but its family has no
    saving formula: "no_method", not "no measured value"."""
    inventory = tmp_path / "ac.csv"
    inventory.write_text("设备编号,设备名称,结构型式,制冷量(kW),APF,年运行小时数\n"
                         "AC-1,单元式空调机,风冷热泵型,12.5,2.6,3000\n", encoding="utf-8")
    run_cli(["check", str(inventory), "--as-of", "2026-11-22", "--json", str(tmp_path / "r.json")], expect=1)
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    [item] = document["renewal_plan"]["items"]
    assert (document["items"][item["item"]]["equipment_id"], item["action"], item["code"], item["no_estimate"]) == \
        ("AC-1", "replace", "EF101", "no_method")
    # the terminal line says why nothing was estimated (it blamed the operating hours, which were given)
    done = effaudit("check", str(inventory), "--as-of", "2026-11-22")
    assert "整改及更新计划 1 项（淘汰 0，更新 1，评估 0）；该类设备尚无节能量估算公式，不估算节能量" in done.stdout
    assert "缺年运行小时数" not in done.stdout
