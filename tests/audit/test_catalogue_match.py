"""The MIIT phase-out catalogue files (standards_data/catalogues/miit-heoe-batch*.yaml) and the model matcher."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from effaudit.columns import FAMILIES
from effaudit.standards.catalogue_match import CatalogueMatcher, normalise_model, series_candidates

CATALOGUE_DIR = Path(__file__).resolve().parents[2] / "standards_data" / "catalogues"
EXPECTED = {  # batch -> (id, entry count)
    1: ("MIIT-HEOE-2009-1", 246),
    2: ("MIIT-HEOE-2012-2", 135),
    3: ("MIIT-HEOE-2015-3", 11),
    4: ("MIIT-HEOE-2016-4", 10),
}
CONFIDENCE = {"verified", "corroborated", "single-source", "provisional", "conflict"}
ACTIONS = {"stop_use", "encourage_renewal", "verify"}


def _load(batch: int) -> dict[str, Any]:
    return yaml.safe_load((CATALOGUE_DIR / f"miit-heoe-batch{batch}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def catalogues() -> dict[int, dict[str, Any]]:
    return {batch: _load(batch) for batch in EXPECTED}


@pytest.fixture(scope="module")
def matcher(catalogues: dict[int, dict[str, Any]]) -> CatalogueMatcher:
    return CatalogueMatcher(list(catalogues.values()))


def hits(matcher: CatalogueMatcher, model: str, family: str | None = None) -> set[tuple[str, str, str]]:
    """(catalogue id, serial, how) of every hit of one model."""
    frame = matcher.match(pd.Series([model], index=["x"]), pd.Series([family], index=["x"], dtype=object))
    return set(zip(frame["catalogue_id"], frame["serial"], frame["how"]))


# --- the files ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("batch", sorted(EXPECTED))
def test_file_header(catalogues: dict[int, dict[str, Any]], batch: int) -> None:
    catalogue = catalogues[batch]
    assert catalogue["kind"] == "phase_out_catalogue"
    assert (catalogue["id"], catalogue["batch"]) == (EXPECTED[batch][0], batch)
    assert catalogue["title"]["zh"] and catalogue["title"]["en"]
    assert catalogue["issuer"] == "工业和信息化部"
    assert catalogue["confidence"] in CONFIDENCE
    assert catalogue["sources"] and all(source["ref"] for source in catalogue["sources"])
    assert isinstance(catalogue["effective"], dt.date)
    assert catalogue["published"] is None or isinstance(catalogue["published"], dt.date)
    for key in ("published", "document"):
        if catalogue[key] is None:
            assert catalogue["note"], f"{key} is null without a note"


@pytest.mark.parametrize("batch", sorted(EXPECTED))
def test_entry_counts_and_serials(catalogues: dict[int, dict[str, Any]], batch: int) -> None:
    serials = [entry["serial"] for entry in catalogues[batch]["entries"]]
    assert len({serial.split("·")[0] for serial in serials}) == EXPECTED[batch][1]  # "2-4·JS157-10" is of 2-4
    assert all(isinstance(serial, str) for serial in serials)
    assert len(set(serials)) == len(serials)


@pytest.mark.parametrize("batch", sorted(EXPECTED))
def test_entries_are_well_formed(catalogues: dict[int, dict[str, Any]], batch: int) -> None:
    for entry in catalogues[batch]["entries"]:
        where = f"batch {batch} {entry['serial']}"
        assert entry["family"] in FAMILIES and entry["family"] != "unknown", where
        assert entry["confidence"] in CONFIDENCE, where
        for name in entry["models"] + entry["series"]:
            assert isinstance(name, str) and name and not re.search(r"\s|原文|系列|；|;", name), (where, name)
        assert entry["models"] or entry["series"] or "matchable by nothing" in entry.get("note", ""), where
        assert entry["outcomes"], where
        for outcome in entry["outcomes"]:
            assert outcome["action"] in ACTIONS, where
            assert outcome["deadline"] is None or isinstance(outcome["deadline"], dt.date), where
            if outcome["action"] == "encourage_renewal":
                assert outcome["deadline"] is None, where
            for condition in outcome.get("when", []):
                assert isinstance(condition["field"], str), where
                assert set(condition) - {"field"} <= {"min", "max", "equals"} and len(condition) > 1, where


def test_series_tokens_are_tokens(catalogues: dict[int, dict[str, Any]]) -> None:
    """A listed series must survive tokenisation unchanged, or it could never match."""
    for catalogue in catalogues.values():
        for entry in catalogue["entries"]:
            for series in entry["series"]:
                token = normalise_model(series)
                assert series_candidates(token, "other") == (token,), (catalogue["id"], entry["serial"], series)


def test_conditional_outcomes(catalogues: dict[int, dict[str, Any]]) -> None:
    batch3 = {entry["serial"]: entry for entry in catalogues[3]["entries"]}
    assert batch3["1-1"]["outcomes"] == [{"when": [{"field": "manufacture_year", "max": 2003}],
                                          "action": "stop_use", "deadline": dt.date(2015, 12, 31)}]
    assert batch3["1-4"]["outcomes"] == [{"action": "stop_use", "deadline": dt.date(2015, 3, 6)}]
    assert [o["deadline"] for o in batch3["3-1"]["outcomes"]] == [dt.date(2015, 3, 6), dt.date(2015, 12, 31)]
    batch4 = {entry["serial"]: entry for entry in catalogues[4]["entries"]}
    assert [o["action"] for o in batch4["1-2"]["outcomes"]] == ["stop_use", "encourage_renewal"]
    assert batch4["1-2"]["outcomes"][0]["when"] == [{"field": "in_service_year", "max": 1997}]
    assert batch4["2-4"]["outcomes"][0]["when"] == [{"field": "rated_voltage_v", "min": 6000}]
    assert "JS136-4" in batch4["2-4"]["models"]


def test_batch4_motor_count(catalogues: dict[int, dict[str, Any]]) -> None:
    """The notice counts 58 motor items; the annex as transcribed prints 59. The one kept apart (JS157-10) can
    only be verified (PO105), so 58 models flag an item and 59 are printed."""
    motors = [entry for entry in catalogues[4]["entries"] if entry["family"] in {"motor_lv", "motor_hv"}]
    flagging = [m for entry in motors if entry["outcomes"][0]["action"] == "stop_use" for m in entry["models"]]
    unconfirmed = [m for entry in motors if entry["outcomes"][0]["action"] == "verify" for m in entry["models"]]
    assert len(flagging) == 58 and unconfirmed == ["JS157-10"]
    assert len(set(flagging + unconfirmed)) == 59
    doubtful = next(entry for entry in motors if entry["models"] == ["JS157-10"])
    assert doubtful["serial"] == "2-4·JS157-10" and doubtful["confidence"] == "conflict"
    assert doubtful["outcomes"] == [{"when": [{"field": "rated_voltage_v", "min": 6000}], "action": "verify",
                                     "deadline": None}]


def test_source_typos_are_fixed(catalogues: dict[int, dict[str, Any]]) -> None:
    models = {m for entry in catalogues[3]["entries"] for m in entry["models"]}
    assert "Y2-90S-4" in models and not any("-Y90S" in m for m in models)


# --- matching ----------------------------------------------------------------------------------------------

def test_s9_series(matcher: CatalogueMatcher) -> None:
    assert ("MIIT-HEOE-2016-4", "1-2", "series") in hits(matcher, "S9-M-1000/10", "transformer")


def test_longer_series_numbers_do_not_match_shorter(matcher: CatalogueMatcher) -> None:
    assert hits(matcher, "S11-M-1000/10") == set()
    assert hits(matcher, "SZ11-1600/35") == set()


def test_yb_does_not_swallow_yb2_or_ybx3(matcher: CatalogueMatcher) -> None:
    yb2 = hits(matcher, "YB2-132S-4", "motor_lv")
    assert yb2 == {("MIIT-HEOE-2015-3", "1-5", "exact_model")}
    assert hits(matcher, "YBX3-132S-4", "motor_lv") == set()


def test_exact_model(matcher: CatalogueMatcher) -> None:
    assert hits(matcher, "Y112M-4") == {("MIIT-HEOE-2015-3", "1-1", "exact_model")}
    assert hits(matcher, "Y112M-4 B3") == {("MIIT-HEOE-2015-3", "1-1", "exact_model")}
    assert hits(matcher, "Y112M-45") == set()


def test_letter_o_and_digit_zero(matcher: CatalogueMatcher) -> None:
    expected = {("MIIT-HEOE-2009-1", "1-1", "series")}
    assert hits(matcher, "JO2-41-4", "motor_lv") == expected
    assert hits(matcher, "J02-41-4", "motor_lv") == expected


@pytest.mark.parametrize("model", ["Ｙ１１２Ｍ－４", "Y112M—4", "Y112M一4", "y112m–4", " Y112M ‐ 4 "])
def test_full_width_and_dash_variants(matcher: CatalogueMatcher, model: str) -> None:
    assert hits(matcher, model) == {("MIIT-HEOE-2015-3", "1-1", "exact_model")}


def test_variants_of_a_series_model(matcher: CatalogueMatcher) -> None:
    assert ("MIIT-HEOE-2016-4", "1-2", "series") in hits(matcher, "Ｓ９—Ｍ—１０００／１０", "transformer")


def test_family_filter(matcher: CatalogueMatcher) -> None:
    assert hits(matcher, "S9-M-1000/10", "motor_lv") == set()
    assert hits(matcher, "S9-M-1000/10", "unknown")
    assert hits(matcher, "S9-M-1000/10", None)


def test_motor_lv_and_hv_match_each_other(matcher: CatalogueMatcher) -> None:
    assert hits(matcher, "JS136-4", "motor_lv") == {("MIIT-HEOE-2016-4", "2-4", "exact_model")}
    assert hits(matcher, "JK111-2", "motor_hv") == {("MIIT-HEOE-2016-4", "2-1", "exact_model")}


def test_motor_frame_letters_apply_to_motor_entries_only(matcher: CatalogueMatcher) -> None:
    assert ("MIIT-HEOE-2009-1", "1-12", "series") in hits(matcher, "JR02-51-4", "motor_lv")
    assert hits(matcher, "SJ11-100/10", "transformer") == set()  # SJ11 is not SJ/SJ1


def test_exact_hit_wins_over_series_hit_of_the_same_entry(matcher: CatalogueMatcher) -> None:
    assert hits(matcher, "S9-1000/10", "transformer") == {("MIIT-HEOE-2016-4", "1-2", "exact_model")}


def test_match_frame_shape(matcher: CatalogueMatcher) -> None:
    models = pd.Series(["Y112M-4", None, "nothing", "Y112M-4", "S9-500/10"], index=[10, 11, 12, 13, 14])
    families = pd.Series(["motor_lv", "pump", None, "pump", float("nan")], index=models.index)
    frame = matcher.match(models, families)
    assert list(frame.columns) == ["item", "catalogue_id", "entry", "serial", "how"]
    assert list(frame["item"]) == [10, 14]  # 13 is a pump, 14 hits S9 once (exact beats series)
    assert frame["entry"].dtype.kind == "i"
    catalogue = {10: 3, 14: 4}
    for row in frame.itertuples():
        entries = _load(catalogue[row.item])["entries"]
        assert entries[row.entry]["serial"] == row.serial


def test_empty_match(matcher: CatalogueMatcher) -> None:
    frame = matcher.match(pd.Series([], dtype=object), pd.Series([], dtype=object))
    assert frame.empty and list(frame.columns) == ["item", "catalogue_id", "entry", "serial", "how"]


# --- normalisation -----------------------------------------------------------------------------------------

def test_normalise_model() -> None:
    assert normalise_model(" jo2－41 — 4／b3 ") == "J02-41-4/B3"
    assert series_candidates("Y160M-4", "motor_lv") == ("Y160M", "Y")
    assert series_candidates("YB2-160M-4", "motor_lv") == ("YB2",)
    assert series_candidates("Y160M-4", "pump") == ("Y160M",)
    assert series_candidates("SG(B)8-30", "transformer") == ("SG",)


@given(st.text())
def test_normalise_model_is_idempotent(text: str) -> None:
    once = normalise_model(text)
    assert normalise_model(once) == once
