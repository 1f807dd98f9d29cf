"""The size a report line gives an item (``quantity × size``) is what its family profile lists (``size``): an air
conditioner or a chiller, whose inventory line rarely states an input power, shows its cooling capacity — the
quantity its standard's rows are banded by — instead of '1 × —'; where it also states its power, both kW figures are
named. Other families keep their rated power, kVA or t/h."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from effaudit.engine import audit
from effaudit.inventory import read_inventory
from effaudit.report.context import build_context, compliant_listing, listing
from effaudit.report.metadata import Enterprise
from effaudit.standards.rulebook import Rulebook

INVENTORY = """设备编号,设备名称,结构型式,名义制冷量(kW),额定功率(kW),额定容量(kVA),SEER,APF,IPLV,COP,效率(%),极数,出厂日期
AC-01,单元式空调机,风冷热泵型,12.5,,,,2.69,,,,,2021-05
AC-02,多联机,风冷热泵,25,7.5,,,4.4,,,,,2023-03
AC-03,风管机,风冷单冷型,9,,,3.0,,,,,,2023-03
CH-01,冷水机组,水冷螺杆式,1000,,,,,,,,,2023-01
M-01,电动机,,,11,,,,,,88.0,4,2022-05
T-01,配电变压器,,,,800,,,,,,,2015-01
"""


@pytest.fixture(scope="module")
def heads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """lang -> equipment id -> the head of its entry in whichever listing holds it."""
    path = tmp_path_factory.mktemp("size") / "inventory.csv"
    path.write_text(INVENTORY, encoding="utf-8")
    result = audit(read_inventory(path), Rulebook.load(), dt.date(2026, 11, 22))
    found: dict[str, dict[str, str]] = {}
    for lang in ("zh", "en"):
        context = build_context(result, Enterprise(), lang)
        listings = [listing(context, name) for name in ("rectification", "renewal", "not_assessable")]
        entries = [entry for each in (*listings, compliant_listing(context)) for group in each.groups
                   for entry in group.entries]
        found[lang] = {entry.head.split()[0]: entry.head for entry in entries}
    return found


@pytest.mark.parametrize(("lang", "equipment", "size"), [
    ("zh", "AC-01", "1 × 名义制冷量 12.5 kW"),                     # no power stated: was '1 × —'
    ("en", "AC-01", "1 × nominal cooling capacity 12.5 kW"),
    ("zh", "AC-02", "1 × 名义制冷量 25 kW  额定功率 7.5 kW"),       # both kW figures, each named
    ("en", "AC-02", "1 × nominal cooling capacity 25 kW  rated power 7.5 kW"),
    ("zh", "AC-03", "1 × 名义制冷量 9 kW"),
    ("zh", "CH-01", "1 × 名义制冷量 1000 kW"),
    ("zh", "M-01", "1 × 11 kW"),                                  # other families as before: the value and its unit
    ("en", "T-01", "1 × 800 kVA"),
])
def test_the_size_is_what_the_family_profile_lists(heads: dict, lang: str, equipment: str, size: str) -> None:
    head = heads[lang][equipment]
    assert size in head
    assert "× —" not in head
