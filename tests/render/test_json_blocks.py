"""The JSON written a block of items at a time: the same bytes whatever the block, each block's findings and savings
encoded with it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from effaudit.cli import main
from effaudit.engine import audit
from effaudit.inventory import read_inventory
from effaudit.report import json_report
from effaudit.savings.profile import load_profile
from effaudit.standards.rulebook import Rulebook

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE, PROFILE = ROOT / "examples" / "inventory.xlsx", ROOT / "examples" / "operating-profile.yaml"


def _json(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", *args, "--json", "-", "--as-of", "2026-11-22"])
    assert result.exit_code == 1, result.output
    return result.stdout


def test_blocks_of_three_items_write_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Items with a saving (and a product's fields) on either side of each block boundary keep them; the findings,
    encoded per block, are those of the whole."""
    whole = _json(str(EXAMPLE), "--profile", str(PROFILE))
    monkeypatch.setattr(json_report, "ROWS_PER_BLOCK", 3)
    assert _json(str(EXAMPLE), "--profile", str(PROFILE)) == whole
    assert whole.count('"saving": {"estimated": true') >= 6


def test_savings_are_encoded_for_the_block_being_written() -> None:
    """At 1,000,000 motors the saving texts of every item at once would hold ~200 MB while the items are written."""
    today = dt.date(2026, 11, 22)
    result = audit(read_inventory(EXAMPLE, today=today), Rulebook.load(), today, profile=load_profile(PROFILE))
    items = json_report._Items(result, "zh")
    with_saving = sorted(int(position) for position in result.savings.items["item"])
    first = with_saving[0]
    assert list(items.extras(first, first + 1)) == [first]
    assert all(text.startswith(', "saving": {') for text in items.extras(first, first + 1).values())
    assert list(items.extras(0, first)) == []
    assert sorted(items.extras(0, len(result.items))) == with_saving
