"""产业结构调整指导目录（2024年本） equipment items (standards_data/catalogues/industry-structure-2024.yaml)."""

from __future__ import annotations

import datetime as dt
import shutil
from importlib import resources
from pathlib import Path

import pandas as pd
import pytest
import yaml

from effaudit.columns import BY_NAME, FAMILIES
from effaudit.engine import audit
from effaudit.inventory import read_inventory
from effaudit.standards.catalogue_match import CatalogueMatcher
from effaudit.standards.loader import load_file
from effaudit.standards.model import Catalogue
from effaudit.standards.rulebook import Rulebook

PATH = Path(__file__).resolve().parents[2] / "standards_data" / "catalogues" / "industry-structure-2024.yaml"
CATALOGUE_ID = "NDRC-ISAC-2024"
DERIVED_FIELDS = {"manufacture_year", "commissioning_year", "in_service_year", "capacity_t_h_equiv"}
MODEL_ENTRIES = {"p134·YB", "p134·YBF", "p134·YBK", "p134·B/BA", "p134·F", "p134·JD", "p135·3W-0.9/7",
                 "p136·GC/DG", "p136·L-10", "p136·8-18/9-27"}
FAMILY_ENTRIES = {"p137·燃煤≤10t/h", "p137·生物质≤2t/h"}


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def matcher(raw: dict) -> CatalogueMatcher:
    return CatalogueMatcher([raw])


def hits(matcher: CatalogueMatcher, model: str, family: str | None = None) -> set[tuple[str, str]]:
    """(serial, how) of every hit of one model."""
    frame = matcher.match(pd.Series([model], index=["x"]), pd.Series([family], index=["x"], dtype=object))
    return set(zip(frame["serial"], frame["how"]))


# --- the file ----------------------------------------------------------------------------------------------

def test_loads_with_the_loader() -> None:
    catalogue = load_file(PATH)
    assert isinstance(catalogue, Catalogue)
    assert catalogue.id == CATALOGUE_ID and catalogue.document == "国家发展改革委令第7号"
    assert catalogue.effective == dt.date(2024, 2, 1)
    assert catalogue.sources and all(source["ref"] for source in catalogue.sources)


def test_counts_and_serials(raw: dict) -> None:
    serials = [entry["serial"] for entry in raw["entries"]]
    assert len(serials) == 12 and len(set(serials)) == 12
    assert set(serials) == MODEL_ENTRIES | FAMILY_ENTRIES
    assert {e["serial"] for e in raw["entries"] if e.get("match") == "family"} == FAMILY_ENTRIES


def test_every_entry_names_its_source_page(raw: dict) -> None:
    for entry in raw["entries"]:
        assert entry["note"] and "PDF p.13" in entry["note"], entry["serial"]
        assert entry["confidence"] in {"single-source", "provisional"}, entry["serial"]  # official text not read


def test_entries_are_well_formed(raw: dict) -> None:
    fuel_codes = set(yaml.safe_load((resources.files("effaudit") / "resources" / "vocabulary" / "boiler.yaml")
                                    .read_text("utf-8"))["fuel"])
    for entry in raw["entries"]:
        where = entry["serial"]
        assert entry["family"] in FAMILIES and entry["family"] != "unknown", where
        if entry.get("match") == "family":
            assert not entry["models"] and not entry["series"], where
        else:
            assert entry["models"] or entry["series"], where
        assert all(isinstance(name, str) for name in entry["models"] + entry["series"]), where
        for outcome in entry["outcomes"]:
            for condition in outcome.get("when", []):
                assert condition["field"] in BY_NAME or condition["field"] in DERIVED_FIELDS, (where, condition)
                if condition["field"] == "fuel":
                    assert condition["equals"] in fuel_codes, (where, condition)


def test_unseen_qualifiers_are_never_enforced(raw: dict) -> None:
    """The boiler items' region qualifiers and brackets were not seen: renewal encouraged, never stop-use."""
    for entry in raw["entries"]:
        if entry.get("match") == "family":
            assert {outcome["action"] for outcome in entry["outcomes"]} == {"encourage_renewal"}, entry["serial"]


def test_coal_boiler_entry_covers_every_coal_fuel(raw: dict) -> None:
    entry = next(e for e in raw["entries"] if e["serial"] == "p137·燃煤≤10t/h")
    fuels = {c["equals"] for o in entry["outcomes"] for c in o["when"] if c["field"] == "fuel"}
    assert fuels == {"bituminous", "lean_coal", "anthracite", "lignite", "coal_pulverised"}
    assert all({"field": "capacity_t_h_equiv", "max": 10} in o["when"] for o in entry["outcomes"])


# --- matching models ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("model", ["YB160M-4", "YB-160M-4", "YB 160M-4", "ＹＢ１６０Ｍ－４"])
def test_yb_series_hits(matcher: CatalogueMatcher, model: str) -> None:
    assert hits(matcher, model, "motor_lv") == {("p134·YB", "series")}


@pytest.mark.parametrize("model", ["YB2-160M-4", "YBX3-160M-4", "YB3-160M-4", "YBK2-160M-4", "Y160M-4"])
def test_other_motor_series_never_hit(matcher: CatalogueMatcher, model: str) -> None:
    assert hits(matcher, model, "motor_lv") == set()


def test_ybf_and_ybk(matcher: CatalogueMatcher) -> None:
    assert hits(matcher, "YBF112M-4", "motor_lv") == {("p134·YBF", "series")}
    assert hits(matcher, "YBK200L-4", "motor_lv") == {("p134·YBK", "series")}


def test_pumps_compressors_fans(matcher: CatalogueMatcher) -> None:
    assert hits(matcher, "DG270-140", "pump") == {("p136·GC/DG", "exact_model")}
    assert hits(matcher, "DG270-1400", "pump") == set()
    assert hits(matcher, "L-10/8", "compressor") == {("p136·L-10", "exact_model")}
    assert hits(matcher, "L-10/80", "compressor") == set()
    assert hits(matcher, "3W-0.9/7", "compressor") == {("p135·3W-0.9/7", "exact_model")}
    assert hits(matcher, "9-27-11No.5A", "fan") == {("p136·8-18/9-27", "exact_model")}
    assert hits(matcher, "8-18 No.10D", "fan") == {("p136·8-18/9-27", "exact_model")}
    assert hits(matcher, "9-19-11No.5A", "fan") == set()
    assert hits(matcher, "JD-80", "pump") == {("p134·JD", "series")}


def test_family_gate(matcher: CatalogueMatcher) -> None:
    """A pump series token never flags an item known to be of another family."""
    assert hits(matcher, "F-100", "motor_lv") == set()
    assert hits(matcher, "DG270-140", "fan") == set()


# --- conditions, through the engine ------------------------------------------------------------------------

def _audit(tmp_path: Path, csv: str) -> pd.DataFrame:
    rulebook = tmp_path / "rulebook"
    rulebook.mkdir()
    shutil.copy(PATH, rulebook / PATH.name)
    inventory = tmp_path / "inventory.csv"
    inventory.write_text(csv, encoding="utf-8")
    result = audit(read_inventory(inventory), Rulebook.load(rulebook), dt.date(2026, 11, 22))
    findings = result.findings[result.findings["code"].str.startswith("PO")]
    return findings.groupby("item")["code"].apply(sorted).to_dict()


def test_yb_frame_and_voltage_conditions(tmp_path: Path) -> None:
    codes = _audit(tmp_path, "设备编号,设备名称,型号,额定电压(V),中心高(mm)\n"
                             "M1,隔爆电动机,YB160M-4,380,160\n"     # inside the stated range
                             "M2,隔爆电动机,YB160M-4,1140,160\n"    # above 660 V: not listed
                             "M3,隔爆电动机,YB-4,380,\n"            # frame neither stated nor in the model
                             "M4,隔爆电动机,YB2-160M-4,380,160\n"   # another series
                             "M5,隔爆电动机,YBF160M-4,660,160\n"    # YBF, 660 V
                             "M6,隔爆电动机,YBF180M-4,660,180\n"    # YBF above frame 160
                             "M7,隔爆电动机,YB180M-4,380,\n")       # frame 180 read from the model: listed
    assert codes.get(0) == ["PO101"]
    assert 1 not in codes and 3 not in codes and 5 not in codes
    assert codes.get(2) == ["PO103"]
    assert codes.get(4) == ["PO101"] and codes.get(6) == ["PO101"]


def test_small_boilers_are_advisory(tmp_path: Path) -> None:
    codes = _audit(tmp_path, "设备编号,设备名称,额定蒸发量(t/h),燃料\n"
                             "B1,蒸汽锅炉,4,烟煤\n"        # coal, ≤10 t/h: renewal encouraged
                             "B2,蒸汽锅炉,10,无烟煤\n"     # at the threshold
                             "B3,蒸汽锅炉,20,烟煤\n"       # above it
                             "B4,蒸汽锅炉,4,天然气\n"      # not coal
                             "B5,蒸汽锅炉,2,生物质\n"      # biomass ≤2 t/h
                             "B6,蒸汽锅炉,4,生物质\n")     # biomass above 2 t/h
    assert codes.get(0) == ["PO104"] and codes.get(1) == ["PO104"] and codes.get(4) == ["PO104"]
    assert 2 not in codes and 3 not in codes and 5 not in codes
