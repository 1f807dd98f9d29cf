"""Model grammars as data (effaudit/resources/model_grammars/): each family profile that reads models names a grammar,
every grammar is checked against its reader when loaded, a broken one is refused saying what is wrong, and a series
added to a grammar file is read without a change of code."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from effaudit.interpret import grammars
from effaudit.interpret.boiler_pump_models import (
    BOILER_NEEDS,
    PUMP_NEEDS,
    parse_pump_models,
)
from effaudit.interpret.grammars import GrammarError, grammar_file, grammar_from
from effaudit.interpret.model_readers import READERS, model_grammar, parse_models
from effaudit.interpret.modelstrings import TRANSFORMER_NEEDS
from effaudit.interpret.profiles import ProfileError, _profile, profiles

GRAMMARS = sorted(path.stem for path in (grammars.resources.files("effaudit") / "resources" / "model_grammars")
                  .iterdir() if path.name.endswith(".yaml"))


def test_every_family_that_reads_models_names_its_grammar() -> None:
    named = {family: profile.model.grammar for family, profile in profiles().items() if profile.model}
    assert named == {"boiler": "boiler", "fan": "fan", "motor_hv": "motor", "motor_lv": "motor",
                     "motor_pmsm": "motor", "pump": "pump", "transformer": "transformer"}
    assert set(named.values()) == set(GRAMMARS)  # no grammar file that no family reads


@pytest.mark.parametrize("name", GRAMMARS)
def test_every_grammar_loads_for_its_reader(name: str) -> None:
    grammar = model_grammar(name)
    assert grammar.reader in READERS and grammar.patterns


def test_profile_fills_come_from_its_grammar() -> None:
    """The transformer's fills are data: S11-M-1600/10 gives oil, steel, 1600 kVA and 10 kV converted to V."""
    reading = profiles()["transformer"].model
    assert {fill.field: (fill.column, fill.factor) for fill in reading.fills} == {
        "insulation_medium": ("insulation", 1.0), "core_material": ("core", 1.0),
        "capacity_kva": ("capacity_kva", 1.0), "rated_voltage_v": ("voltage_kv", 1000.0)}
    assert reading.checked == {"capacity_kva"}
    assert profiles()["boiler"].model.checked == {"steam_capacity_t_h", "thermal_power_mw"}
    parsed = parse_models(pd.Series(["S11-M-1600/10"]), "transformer").iloc[0]
    assert (parsed["insulation"], parsed["core"], parsed["capacity_kva"]) == ("oil", "electrical_steel", 1600)


def _broken(name: str, change) -> dict:
    raw = copy.deepcopy(grammar_file(name))
    change(raw)
    return raw


@pytest.mark.parametrize(("name", "needs", "change", "message"), [
    ("transformer", TRANSFORMER_NEEDS, lambda raw: raw["patterns"].update(designation="^(?P<series>S"),
     "not a valid regex"),
    ("transformer", TRANSFORMER_NEEDS, lambda raw: raw["patterns"].update(designation="^(?P<series>S)"),
     "lacks the named groups"),
    ("transformer", TRANSFORMER_NEEDS, lambda raw: raw["patterns"].pop("grade_suffix"), "missing"),
    ("transformer", TRANSFORMER_NEEDS, lambda raw: raw["patterns"].update(grade_suffix="{:suffix}"),
     "undefined pieces"),
    ("transformer", TRANSFORMER_NEEDS, lambda raw: raw["tables"]["letters"].update(C={"insulation": "resin"}),
     "not a insulation_medium code"),
    ("transformer", TRANSFORMER_NEEDS, lambda raw: raw["tables"]["letters"].update(C={"voltage_kv": 10}),
     "may set"),
    ("transformer", TRANSFORMER_NEEDS, lambda raw: raw.update(reader="boiler"), "names reader"),
    ("transformer", TRANSFORMER_NEEDS, lambda raw: raw.update(pattern={}), "unknown keys"),
    ("boiler", BOILER_NEEDS, lambda raw: raw["tables"]["fuel"].update(M={"fuel": "wood"}), "not a fuel code"),
    ("boiler", BOILER_NEEDS, lambda raw: raw["tables"].pop("combustion"), "its reader uses"),
    ("pump", PUMP_NEEDS, lambda raw: raw["patterns"].update(qj={"regex": "^QJ"}), "lacks the named groups"),
    ("pump", PUMP_NEEDS, lambda raw: raw["patterns"]["iso"]["read"].update(inlet_mm="suction"),
     "not one of its groups"),
    ("pump", PUMP_NEEDS, lambda raw: raw["patterns"]["iso"]["read"].update(head_m="inlet"),
     "not a column its reader returns"),
])
def test_a_broken_grammar_is_refused(name: str, needs, change, message: str) -> None:
    with pytest.raises(GrammarError, match=message):
        grammar_from(_broken(name, change), name, name, needs)


def test_broken_fan_settings_are_refused() -> None:
    from effaudit.interpret.modelstrings import FAN_NEEDS

    raw = _broken("fan", lambda raw: raw["settings"].update(max_pressure_figure="19"))
    with pytest.raises(GrammarError, match="settings"):
        grammar_from(raw, "fan", "fan", FAN_NEEDS)


@pytest.mark.parametrize(("model", "message"), [
    ({"grammar": "no_such_grammar"}, "no file"),
    ({"grammar": "pump", "fills": {"head_m": "stages"}}, "does not read"),
    ({"grammar": "pump", "fills": {"stages": "stage_count"}}, "not a column of the 'pump' reader"),
    ({"grammar": "pump", "fills": {"stages": {"from": "stages", "unit": "kV"}}}, "is not a"),
    ({"grammar": "pump", "fills": {"pump_type": {"value": "screw"}}}, "not a code of pump_type"),
    ({"grammar": "pump", "fills": {"stages": "stages"}, "checked": ["pump_type"]}, "which it does not fill"),
    ({"grammar": "pump", "parse": True}, "give grammar"),
])
def test_a_broken_profile_model_is_refused(model: dict, message: str) -> None:
    raw = {"family": "pump", "reads": ["pump_type", "stages"], "codes": {"pump_type": {}}, "model": model}
    with pytest.raises(ProfileError, match=message):
        _profile(raw, {"reads": [], "rating": {}}, "families/test.yaml")


def test_a_series_added_to_the_grammar_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Adding a pump series is editing data: the same reader, a grammar with one more form and series row."""
    def with_xa(name: str) -> dict:
        raw = copy.deepcopy(grammar_file("pump"))
        raw["patterns"]["xa"] = {"regex": r"^\s*(?P<series>XA)\s*(?P<inlet>\d{2,3})/\d{2,3}",
                                 "read": {"inlet_mm": "inlet"}}
        raw["tables"]["series"]["XA"] = {"pump_type": "end_suction", "stages": 1}
        return raw

    monkeypatch.setattr(grammars, "grammar_file", with_xa)
    parsed = parse_pump_models(pd.Series(["XA 80/26", "IS100-80-160"]), "pump_with_xa").iloc[0]
    assert (parsed["series"], parsed["pump_type"], parsed["inlet_mm"], parsed["stages"]) == (
        "XA", "end_suction", 80, 1)
    assert parse_pump_models(pd.Series(["XA 80/26"])).isna().all().all()  # the bundled grammar lacks it
