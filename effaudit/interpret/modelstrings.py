"""What motor, transformer and fan model strings tell: series, frame, poles, capacity, voltage, fan coefficients.

Inventories often carry only a model (``YE3-160M-4``, ``S11-M-1000/10``). These parsers read what the model
states and nothing more; the caller records the values as inferred and never lets them overrule stated ones.
The patterns and tables are data, ``resources/model_grammars/<grammar>.yaml`` (the motor series:
``resources/motor_series.yaml``); each reader here declares what it needs from its grammar (``*_NEEDS``), checked
when the grammar is loaded, and is the code that turns the matches into columns.
Every parser works on whole columns: the distinct strings are normalised once (NFKC, upper case, one kind of
hyphen) and matched with ``Series.str.extract``; a string that does not match gives NA, never an error.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from effaudit.interpret.grammars import Grammar, Needs, load_grammar
from effaudit.io.values import factorize
from effaudit.yaml_text import load_yaml

# Hyphen look-alikes seen in the sources (一 is the CJK "one" typed for a dash); NFKC already folds －.
_DASHES = "‐‑‒–—―−一"
_DASH_PATTERN = f"[{_DASHES}]"

# --------------------------------------------------------------------------------------------------- shared


def _normalise(texts: pd.Series) -> pd.Series:
    """NFKC, upper case, every dash as ``-`` and the middle dot as ``.``."""
    return (texts.str.normalize("NFKC").str.upper()
            .str.replace(_DASH_PATTERN, "-", regex=True)
            .str.replace("·", ".", regex=False))


def distinct_models(models: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Codes into the distinct non-missing values, and those values normalised (as a ``string`` Series)."""
    codes, distinct = factorize(models)
    texts = pd.Series(distinct, dtype=object).map(str).astype("string")
    return codes, _normalise(texts)


def spread_rows(parsed: pd.DataFrame, codes: np.ndarray, index: pd.Index) -> pd.DataFrame:
    """Back from one row per distinct string to one row per input row (code -1, a missing model, gives NA)."""
    result = parsed.reindex(codes)
    result.index = index
    return result


# ---------------------------------------------------------------------------------------------------- motors


@cache
def _motor_series_table() -> dict[str, dict[str, Any]]:
    text = resources.files("effaudit").joinpath("resources/motor_series.yaml").read_text(encoding="utf-8")
    table: dict[str, dict[str, Any]] = load_yaml(text)["series"]
    # parse_motor_models maps every 0 in a matched series back to O, so no series may contain a zero.
    if any("0" in name for name in table):
        raise ValueError("motor_series.yaml: a series name contains the digit 0 (write the letter O)")
    return table


def motor_series_kinds() -> frozenset[str]:
    """The kinds of machine the motor series are (resources/motor_series.yaml kind:)."""
    return frozenset(entry["kind"] for entry in _motor_series_table().values())


def _series_alternative(name: str) -> str:
    """One series as a regex: O also matches 0 (J02 = JO2); a series ending in a digit needs the hyphen."""
    pattern = re.escape(name).replace("O", "[O0]")
    return pattern + ("-" if name[-1].isdigit() else "-?")


MOTOR_NEEDS = Needs(
    outputs={"series": None, "frame": None, "poles": None, "voltage_v": None},
    patterns={"designation": frozenset({"series", "frame", "poles"}), "voltage": frozenset({"value", "unit"}),
              "frame_height": frozenset({"height"}), "high_voltage_frame": frozenset()},
    settings={"high_voltage_above_v": int, "high_voltage_kind": str},
    supplied=frozenset({"series"}),
)


def motor_grammar(grammar: str = "motor") -> Grammar:
    return load_grammar(grammar, "motor", MOTOR_NEEDS)


@cache
def _motor_regex(grammar: str = "motor") -> str:
    # Longest first, so that YB2 is tried before YB and Y2 before Y; Y200L-4 still reaches Y because Y2 needs
    # a hyphen after it.
    names = sorted(_motor_series_table(), key=len, reverse=True)
    alternatives = "|".join(f"(?:{_series_alternative(name)})" for name in names)
    return motor_grammar(grammar).patterns["designation"].regex(series=alternatives)


_POLE_COUNTS = np.arange(2, 50, 2)


def parse_motor_models(models: pd.Series, grammar: str = "motor") -> pd.DataFrame:
    """Series, frame, poles and voltage stated by motor model strings.

    Columns (same index as ``models``): ``series`` and ``frame`` (``string``, NA when not parsed), ``poles``
    and ``voltage_v`` (float, NaN when not stated). Only the series listed in ``resources/motor_series.yaml``
    are recognised; the series is returned with the letter O (``J02-41-4`` → ``JO2``). A pole figure that is
    not an even number from 2 to 48 (``Y4002-1``) is not a pole count and gives NaN. The voltage is read only
    when it is written with its unit (``6kV``, ``10KV``, ``6000V``).
    """
    codes, texts = distinct_models(models)
    parts = texts.str.extract(_motor_regex(grammar))
    parsed = pd.DataFrame({
        # The group holds the series' own hyphen; 0 back to O (no series name contains a zero).
        "series": parts["series"].str.rstrip("-").str.replace("0", "O", regex=False),
        "frame": parts["frame"],
    })
    poles = pd.to_numeric(parts["poles"]).astype("float64")
    parsed["poles"] = poles.where(poles.isin(_POLE_COUNTS))
    voltage = texts.str.extract(motor_grammar(grammar).patterns["voltage"].regex())
    volts_per_unit = voltage["unit"].map({"KV": 1000.0, "V": 1.0}).astype("float64")
    volts = pd.to_numeric(voltage["value"]).astype("float64") * volts_per_unit
    parsed["voltage_v"] = volts.where(parsed["series"].notna())
    return spread_rows(parsed, codes, models.index)


def motor_series_hint(series: pd.Series, frame: pd.Series | None = None, grammar: str = "motor") -> pd.DataFrame:
    """What each series suggests (an inference aid, never a limit): ``ie_class_hint`` and ``series_kind``.

    ``series_kind`` is ``lv``, ``hv``, ``pmsm`` or ``explosion_proof``; both columns are NA for a series not in
    the table. Given the parsed ``frame``, a bare four-digit frame (``Y4002``) marks the machine high-voltage (the
    grammar's ``high_voltage_kind``).
    """
    table = _motor_series_table()
    hints = pd.DataFrame({
        "ie_class_hint": series.map({name: entry["ie_class_hint"] for name, entry in table.items()}),
        "series_kind": series.map({name: entry["kind"] for name, entry in table.items()}),
    }, index=series.index).astype("string")
    if frame is not None:
        motor = motor_grammar(grammar)
        bare_hv_frame = frame.astype("string").str.fullmatch(motor.patterns["high_voltage_frame"].regex()) \
            .fillna(False).astype(bool)
        # IE classes are GB 18613 (low-voltage) classes; a high-voltage machine has none.
        hints.loc[bare_hv_frame & hints["series_kind"].notna(), ["ie_class_hint", "series_kind"]] = [
            pd.NA, motor.settings["high_voltage_kind"]]
    return hints


def poles_from_speed(rated_speed_rpm: pd.Series, frequency_hz: float = 50.0) -> pd.Series:
    """The pole count a rated speed implies, or NaN.

    The pole count is the one whose synchronous speed 120·f/p is the smallest synchronous speed at or above the
    rated speed. It is accepted only if the slip is at most 10 % (rated speed ≥ 0.9 × synchronous): 1350 r/min
    at 50 Hz gives 4, 1349 gives NaN, because a larger slip means a misread speed or a speed-controlled drive
    rather than an induction motor at rated load. A speed above 120·f/2 (3000 r/min at 50 Hz), a speed that is
    not a positive number, and a pole count above 48 give NaN.
    """
    speed = pd.to_numeric(rated_speed_rpm, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # Largest even p with 120·f/p ≥ speed; the tiny tolerance keeps 1500 r/min from rounding to 2 poles.
        poles = 2.0 * np.floor(60.0 * frequency_hz / speed + 1e-9)
        synchronous = 120.0 * frequency_hz / poles
        valid = (speed > 0) & (poles >= 2) & (poles <= _POLE_COUNTS[-1]) & (speed >= 0.9 * synchronous)
    return pd.Series(np.where(valid, poles, np.nan), index=rated_speed_rpm.index, name="poles")


# ---------------------------------------------------------------------------------------------- transformers

TRANSFORMER_NEEDS = Needs(
    outputs={"series": None, "core": "core_material", "insulation": "insulation_medium", "sealed": None,
             "capacity_kva": None, "voltage_kv": None, "designed_grade_suffix": None},
    patterns={"designation": frozenset({"series", "letters", "marks", "capacity", "voltage"}),
              "grade_suffix": frozenset({"suffix"})},
    tables={"defaults": frozenset({"core", "insulation", "sealed"}),
            "letters": frozenset({"core", "insulation", "sealed"}),
            "marks": frozenset({"core", "insulation", "sealed"}),
            "words": frozenset({"core", "insulation", "sealed"})},
)


def _has_mark(marks: pd.Series, mark: str) -> pd.Series:
    return marks.str.contains(rf"(?:^|[-.]){re.escape(mark)}(?:$|[-.])", regex=True)


def parse_transformer_models(models: pd.Series, grammar: str = "transformer") -> pd.DataFrame:
    """Series, core, insulation, sealing, capacity and voltage stated by transformer model strings.

    Columns (same index as ``models``): ``series`` (``S11``, ``SCB10``, ``SBH15`` …), ``core`` and ``insulation``
    (what the grammar's ``defaults`` give unless a letter after S, a mark between hyphens or a word of the model
    says otherwise: ``amorphous`` for an H after S, an ``-H-`` mark or 非晶; ``dry`` for SC/SG forms), ``sealed``
    (the ``-M-`` mark), ``capacity_kva``, ``voltage_kv`` (the number after ``/``, NaN when absent) and
    ``designed_grade_suffix`` (``NX1``/``NX2``/``NX3`` as written; what the suffix means is the standards data's
    business, not this parser's). Every column is NA for a string that is not a transformer designation. The
    patterns and tables are ``resources/model_grammars/<grammar>.yaml``.
    """
    rules = load_grammar(grammar, "transformer", TRANSFORMER_NEEDS)
    codes, texts = distinct_models(models)
    parts = texts.str.extract(rules.patterns["designation"].regex())
    parsed_rows = parts["series"].notna()
    letters, marks = parts["letters"].fillna(""), parts["marks"].fillna("")
    defaults = rules.tables["defaults"].get("designation", {})
    stated = {name: pd.Series(defaults.get(name), index=texts.index, dtype=object)
              for name in ("core", "insulation", "sealed")}
    for table, found in (("letters", lambda key: letters.str.contains(key, regex=False)),
                         ("marks", lambda key: _has_mark(marks, key)),
                         ("words", lambda key: texts.str.contains(key, regex=False))):
        for key, row in rules.tables[table].items():
            hit = found(key).fillna(False).to_numpy(dtype=bool)
            for name, value in row.items():
                stated[name][hit] = value
    parsed = pd.DataFrame({
        "series": parts["series"],
        "core": stated["core"].astype("string"),
        "insulation": stated["insulation"].astype("string"),
        "sealed": stated["sealed"].astype("boolean"),
        "capacity_kva": pd.to_numeric(parts["capacity"]).astype("float64"),
        "voltage_kv": pd.to_numeric(parts["voltage"]).astype("float64"),
        "designed_grade_suffix": texts.str.extract(rules.patterns["grade_suffix"].regex())["suffix"],
    })
    parsed.loc[~parsed_rows, ["core", "insulation", "sealed", "designed_grade_suffix"]] = pd.NA
    return spread_rows(parsed, codes, models.index)


# ------------------------------------------------------------------------------------------------------------ fans

FAN_NEEDS = Needs(
    outputs={"prefix": None, "pressure_coefficient": None, "specific_speed": None, "machine_number": None,
             "drive": None},
    patterns={"designation": frozenset({"prefix", "pressure", "speed", "number", "drive"})},
    settings={"pressure_figure_per_coefficient": int, "max_pressure_figure": int},
)


def parse_fan_models(models: pd.Series, grammar: str = "fan") -> pd.DataFrame:
    """Prefix, pressure coefficient, specific speed, machine number and drive stated by centrifugal fan models.

    Columns (same index as ``models``): ``prefix`` (purpose letters as written, ``string``, NA when none),
    ``pressure_coefficient`` (the designation's first number ÷ 10: 4-72 → 0.4), ``specific_speed`` (its second
    number: 72), ``machine_number`` (the number after No.: impeller diameter in dm, 13.5 → 13.5) as float, and
    ``drive`` (the arrangement letter A-F after the machine number, ``string``, NA when absent). Every column is NA
    for a string that is not such a designation (the ``No.`` part is required). Values read from a model are rounded
    designations, not measurements: the caller marks them inferred.
    """
    rules = load_grammar(grammar, "fan", FAN_NEEDS)
    codes, texts = distinct_models(models)
    parts = texts.str.extract(rules.patterns["designation"].regex())
    pressure = pd.to_numeric(parts["pressure"]).astype("float64")
    number = pd.to_numeric(parts["number"]).astype("float64")
    valid = (pressure.between(1, rules.settings["max_pressure_figure"]) & (number > 0)).to_numpy(dtype=bool)
    parsed = pd.DataFrame({
        "prefix": parts["prefix"].astype("string"),
        "pressure_coefficient": pressure / float(rules.settings["pressure_figure_per_coefficient"]),
        "specific_speed": pd.to_numeric(parts["speed"]).astype("float64"),
        "machine_number": number,
        "drive": parts["drive"].astype("string"),
    })
    parsed.loc[~valid] = pd.NA
    parsed = parsed.astype({"prefix": "string", "pressure_coefficient": "float64", "specific_speed": "float64",
                            "machine_number": "float64", "drive": "string"})
    return spread_rows(parsed, codes, models.index)
