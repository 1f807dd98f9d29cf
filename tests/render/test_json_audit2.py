"""The JSON result's contract, schema effaudit.audit/2: a table of distinct messages that findings refer to, no null
keys in the items and records, records naming their item by index, the same bytes every time, and the same verdicts
and codes as audit/1 (effaudit at b120462) gave on the bundled examples."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from effaudit.cli import main
from effaudit.engine import audit
from effaudit.inventory import read_inventory
from effaudit.report import json_report
from effaudit.report.savings import plan_frame
from effaudit.savings.profile import load_profile
from effaudit.standards.rulebook import Rulebook
from tests.result_json import with_messages

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES, AUDIT1 = ROOT / "examples", ROOT / "tests" / "fixtures" / "audit1"
AS_OF = dt.date(2026, 11, 22)
# The bundled examples as audit/1's fixture names them, with the arguments of `check`
RUNS = {"inventory.xlsx": ["inventory.xlsx"],
        "inventory.xlsx --profile operating-profile.yaml": ["inventory.xlsx", "--profile", "operating-profile.yaml"],
        "mixed_inventory.xlsx": ["mixed_inventory.xlsx"], "plant.xlsx": ["plant.xlsx"]}


def _checked(run: str, lang: str = "zh") -> str:
    first, *rest = RUNS[run]
    arguments = [str(EXAMPLES / first), *(str(EXAMPLES / value) if value.endswith(".yaml") else value
                                          for value in rest)]
    result = CliRunner().invoke(main, ["check", *arguments, "--json", "-", "--as-of", AS_OF.isoformat(),
                                       "--lang", lang])
    assert result.exit_code in (0, 1), result.output
    return result.stdout


def _records(document: dict) -> dict[str, list[dict]]:
    plan = document["renewal_plan"]
    return {"renewal_plan.items": plan["items"], "renewal_plan.to_target.steps": plan["to_target"]["steps"],
            "below_target": document["summary"]["energy_saving_target"]["below_target"]}


def _null_keys(value: object, where: str) -> list[str]:
    """The paths of the keys whose value is null, at any depth (a null inside a list, such as an open end of a
    range, is a value, not a key)."""
    if isinstance(value, dict):
        return [path for key, member in value.items()
                for path in ([f"{where}.{key}"] if member is None else _null_keys(member, f"{where}.{key}"))]
    if isinstance(value, list):
        return [path for position, member in enumerate(value) for path in _null_keys(member, f"{where}[{position}]")]
    return []


@pytest.mark.parametrize("run", RUNS)
def test_no_key_of_an_item_finding_saving_product_or_record_is_null(run: str) -> None:
    document = json.loads(_checked(run))
    assert document["schema"] == "effaudit.audit/2"
    assert _null_keys(document["items"], "items") == []
    for name, records in _records(document).items():
        assert _null_keys(records, name) == []
    if run == "plant.xlsx":  # products with a computation, whose limits have ranges with an open end
        computed = [item for item in document["items"] if "computation" in item]
        assert computed and all("product" in item for item in computed)
    # false and 0 are values, kept
    assert any(finding["inferred"] is False for item in document["items"] for finding in item["findings"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_messages_are_distinct_in_order_of_first_use_and_each_finding_has_its_own(lang: str) -> None:
    """Each finding's index gives the message the audit made for it, in the language asked for."""
    document = json.loads(_checked("inventory.xlsx --profile operating-profile.yaml", lang))
    messages = document["messages"]
    assert len(set(messages)) == len(messages) > 50
    used = [finding["message"] for item in document["items"] for finding in item["findings"]]
    assert all(isinstance(index, int) and 0 <= index < len(messages) for index in used)
    assert list(dict.fromkeys(used)) == list(range(len(messages)))  # every one used, numbered as first used
    result = audit(read_inventory(EXAMPLES / "inventory.xlsx", today=AS_OF), Rulebook.load(), AS_OF,
                   profile=load_profile(EXAMPLES / "operating-profile.yaml"))
    findings = result.findings.sort_values("item", kind="stable")
    resolved = with_messages(document)
    for position, item in enumerate(resolved["items"]):
        own = findings[findings["item"] == position]
        assert [finding["message"] for finding in item["findings"]] == own[f"message_{lang}"].tolist()
        assert [finding["code"] for finding in item["findings"]] == own["code"].tolist()


def test_records_name_the_item_they_are_about() -> None:
    """A renewal-list record's item is the row the workbook's list shows for it; a step's, the item of the list
    entry of its rank; a below-target record's, the row the target share counted."""
    result = audit(read_inventory(EXAMPLES / "inventory.xlsx", today=AS_OF), Rulebook.load(), AS_OF,
                   profile=load_profile(EXAMPLES / "operating-profile.yaml"))
    document = json.loads("".join(json_report.chunks(result, "zh")))
    items, records = document["items"], _records(document)

    def identity(position: int) -> tuple:
        return items[position]["sheet"], items[position]["row"], items[position].get("equipment_id")

    plan = plan_frame(result)
    assert len(records["renewal_plan.items"]) == len(plan) >= 10
    for record, (_, row) in zip(records["renewal_plan.items"], plan.iterrows(), strict=True):
        assert identity(record["item"]) == (row["sheet"], row["row"], row["equipment_id"])
        assert record["code"] in [finding["code"] for finding in items[record["item"]]["findings"]]
        assert {"sheet", "row", "equipment_id", "name", "model", "quantity", "category"}.isdisjoint(record)
    by_rank = {record["rank"]: record["item"] for record in records["renewal_plan.items"]}
    assert records["renewal_plan.to_target.steps"]
    assert all(step["item"] == by_rank[step["rank"]] for step in records["renewal_plan.to_target.steps"])
    below = result.target.below_target
    assert len(records["below_target"]) == len(below) >= 5
    for record, (_, row) in zip(records["below_target"], below.iterrows(), strict=True):
        assert identity(record["item"]) == (row["sheet"], row["row"], row["equipment_id"])
        assert items[record["item"]]["verdict"] == row["verdict"]
        assert record["quantity"] == items[record["item"]].get("quantity", 1.0)  # a line without one counts as 1


def test_the_same_bytes_every_time_and_whatever_the_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Twice the same bytes; and with blocks of three items and findings encoded six items at a time, the message
    indices, numbered across the blocks, are those of the whole."""
    run = "inventory.xlsx --profile operating-profile.yaml"
    whole = _checked(run)
    assert _checked(run) == whole
    monkeypatch.setattr(json_report, "ROWS_PER_BLOCK", 3)
    monkeypatch.setattr(json_report, "ITEMS_PER_FINDING_TEXTS", 6)
    assert _checked(run) == whole


@pytest.mark.parametrize("run", RUNS)
def test_verdicts_and_codes_are_those_of_audit1(run: str) -> None:
    """Every item's sheet, row, id, verdict, status and finding codes as the audit/1 result of effaudit at b120462
    gave them (``tests/fixtures/audit1/examples_verdicts.json``: `effaudit check EXAMPLE --as-of 2026-11-22 --json`
    there, those fields of each item). A change of verdicts on the examples is to be made there on purpose."""
    before = json.loads((AUDIT1 / "examples_verdicts.json").read_text(encoding="utf-8"))[run]
    items = json.loads(_checked(run))["items"]
    assert [[item["sheet"], item["row"], item.get("equipment_id"), item["verdict"], item["status"],
             [finding["code"] for finding in item["findings"]]] for item in items] == before
