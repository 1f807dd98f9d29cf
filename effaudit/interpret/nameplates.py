"""Motor nameplates written as text in one cell (``YE3-315M-4 · 132 kW · 380V/50Hz · 1485 r/min · IE3 95.6% ·
制造 2024.07``), and the motors inside other equipment: what they give the item, and the motors judged as parts of it.

Where a nameplate is looked for: a nameplate column (铭牌, 规格参数, 技术参数, 电机 …), else a model, name or remark
cell that holds more than a model (``effaudit.interpret.nameplate.carries_nameplate``).

- One nameplate on a motor's row fills the row's empty fields (read as ``nameplate:<header>``); a value that
  differs from the one stated in its own column is a DQ111 naming both, and the stated one stays.
- Several motors in one cell (a crane's 起升电机 … 旋转电机 …), and the drive motor of a pump, fan or compressor (a
  nameplate on its row, or a 配套电机型号), are *parts*: each is judged as a motor, and its findings go to the
  item, saying which motor they are about. The item stays one line of the inventory.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from effaudit.columns import MOTOR_FAMILIES
from effaudit.interpret.in_context import ReadAs
from effaudit.interpret.nameplate import Nameplate, carries_nameplate, nameplates_per_distinct, unread_text
from effaudit.io.header import Header
from effaudit.io.values import CellIssue, per_distinct, spread

SOURCES = ("nameplate_text", "model", "name", "remarks")
# Nameplate attribute -> canonical field.
FIELDS = {"rated_power_kw": "rated_power_kw", "rated_voltage_v": "rated_voltage_v", "frequency_hz": "frequency_hz",
          "rated_speed_rpm": "rated_speed_rpm", "poles": "poles", "efficiency_pct": "efficiency_pct",
          "ie_class": "efficiency_class_text"}
DRIVE_MOTOR = ("配套电机", "drive motor")
# A drive motor described by columns (no nameplate): its field -> the item's column it is read from (its efficiency
# from 电机效率, its power from the item's 电机功率).
FROM_ITEM = {"efficiency_pct": "drive_motor_efficiency_pct", "rated_power_kw": "rated_power_kw"}
TOLERANCE = 1e-6  # relative: a stated 132 and a nameplate 132.0 agree


@dataclass
class Nameplates:
    plates: list[tuple[Nameplate, ...]]  # per item; () where none was found
    source: np.ndarray  # per item: the header text of the cell they were read from (None where none)


def find(items: pd.DataFrame, header: Header, positions: dict[str, int]) -> Nameplates:
    """The nameplates of each item, from the first source column that holds one."""
    plates: list[tuple[Nameplate, ...]] = [()] * len(items)
    source = np.full(len(items), None, dtype=object)
    for column in SOURCES:
        if column not in positions:
            continue
        texts = items[column].where(pd.Series(source == None, index=items.index))  # noqa: E711 - numpy
        if column != "nameplate_text":  # a model, name or remark cell counts only when it is more than a model
            codes, carries = per_distinct(texts, lambda text: carries_nameplate(str(text)))
            texts = texts.where(spread(codes, carries, False, bool))
        if texts.isna().all():
            continue
        read = nameplates_per_distinct(texts)
        for position in np.flatnonzero(texts.notna().to_numpy()).tolist():
            if read[position]:
                plates[position] = read[position]
                source[position] = header.texts[positions[column]]
    return Nameplates(plates, source)


def read_models(items: pd.DataFrame, nameplates: Nameplates, read_as: ReadAs) -> np.ndarray:
    """Before the family is decided: the designation of a single nameplate as the item's model, where the model
    cell is empty or holds the whole nameplate. Returns the items whose single nameplate states a rated power
    (a motor's, whatever its name says)."""
    flags = np.zeros(len(items), dtype=bool)
    column = items.columns.get_loc("model")
    for position in _with_plates(nameplates, exactly_one=True):
        found, model = nameplates.plates[position][0], items["model"].iat[position]
        if found.model and (pd.isna(model) or carries_nameplate(str(model))):
            items.iat[position, column] = found.model
            flags[position] = True
    read_as.add("model", "nameplate", flags)
    # A row no keyword names, whose nameplate gives a rated power, is a motor.
    return np.array([position for position in _with_plates(nameplates, exactly_one=True)
                     if nameplates.plates[position][0].rated_power_kw is not None], dtype=np.int64)


def _with_plates(nameplates: Nameplates, exactly_one: bool = False) -> list[int]:
    return [position for position in np.flatnonzero(nameplates.source != None).tolist()  # noqa: E711 - numpy
            if not exactly_one or len(nameplates.plates[position]) == 1]


def read_fields(items: pd.DataFrame, nameplates: Nameplates, read_as: ReadAs, add_problems,
                positions: dict[str, int], source_of: dict[str, str]) -> None:
    """On a motor's row, a single nameplate fills the empty fields; a value that differs from the stated one is a
    DQ111 naming both and the column it is stated in (the stated value stays)."""
    motor = items["family"].isin(MOTOR_FAMILIES).to_numpy()
    single = np.array([len(found) == 1 for found in nameplates.plates], dtype=bool) & motor
    if not single.any():
        return
    rows = np.flatnonzero(single)
    for attribute, field in FIELDS.items():
        values = pd.Series([getattr(nameplates.plates[row][0], attribute) for row in rows], index=items.index[rows],
                           dtype=object)
        given = values.notna().to_numpy()
        if not given.any():
            continue
        stated = items[field].iloc[rows]
        empty = stated.isna().to_numpy() & given
        filled = values[empty].to_numpy()
        items.loc[items.index[rows[empty]], field] = (filled.astype(float) if pd.api.types.is_float_dtype(items[field])
                                                      else filled)
        read_as.add(field, "nameplate", np.isin(np.arange(len(items)), rows[empty]))
        _conflicts(items, rows, field, stated, values, given & ~empty, nameplates,
                   lambda issues, name=field: add_problems(issues, name, source_of.get(name, ""),
                                                           positions.get(name)))
    _manufacture_dates(items, rows, nameplates, read_as)


def _conflicts(items: pd.DataFrame, rows: np.ndarray, field: str, stated: pd.Series, values: pd.Series,
               both: np.ndarray, nameplates: Nameplates, add_problems) -> None:
    if not both.any():
        return
    if pd.api.types.is_numeric_dtype(stated):
        differ = both & ~np.isclose(stated.to_numpy(dtype=float), values.to_numpy(dtype=float), rtol=TOLERANCE,
                                    equal_nan=True)
    else:
        differ = both & (stated.astype(object).to_numpy() != values.to_numpy())
    issues = pd.Series(None, index=items.index, dtype=object)
    for row, stated_value, plate_value in zip(rows[differ], stated[differ], values[differ], strict=True):
        issues.iat[row] = CellIssue(
            "DQ111", f"与铭牌不一致：本列为“{_text(stated_value)}”，铭牌（{nameplates.source[row]}）为“{_text(plate_value)}”；"
                     "按本列判定，请核实",
            f"disagrees with the nameplate: {_text(stated_value)} here, {_text(plate_value)} on the nameplate "
            f"({nameplates.source[row]}); judged on this column — check it")
    add_problems(issues)


def _text(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _manufacture_dates(items: pd.DataFrame, rows: np.ndarray, nameplates: Nameplates, read_as: ReadAs) -> None:
    empty = items["manufacture_date"].iloc[rows].isna().to_numpy()
    dated = [(row, nameplates.plates[row][0]) for row in rows[empty] if nameplates.plates[row][0].manufactured]
    if not dated:
        return
    positions = np.array([row for row, _ in dated])
    items.loc[items.index[positions], "manufacture_date"] = pd.to_datetime(
        [plate.manufactured for _, plate in dated], format="mixed").to_numpy()
    items.loc[items.index[positions], "manufacture_date_precision"] = [plate.manufactured_precision
                                                                       for _, plate in dated]
    read_as.add("manufacture_date", "nameplate", np.isin(np.arange(len(items)), positions))


def parts(items: pd.DataFrame, nameplates: Nameplates) -> pd.DataFrame:
    """The motors judged as parts of an item: every motor of a cell naming several, and the drive motor of an item
    that is not itself a motor (its nameplate, or its 配套电机型号). One row per motor, with the item's columns (the
    motor's own fields from its nameplate, the item's dates when the nameplate gives none), ``parent`` (the item's
    position) and ``label`` (起升电机, 配套电机 …)."""
    motor = items["family"].isin(MOTOR_FAMILIES).to_numpy()
    records: list[tuple[int, str, Nameplate | None]] = []
    for position in _with_plates(nameplates):
        found = nameplates.plates[position]
        if len(found) > 1 or not motor[position]:
            records += [(position, plate.label or DRIVE_MOTOR[0], plate) for plate in found]
    with_plate = {position for position, _, _ in records}
    drive_models = (items["drive_motor_model"].notna() | items["drive_motor_efficiency_pct"].notna()).to_numpy() & ~motor
    records += [(position, DRIVE_MOTOR[0], None) for position in np.flatnonzero(drive_models)
                if position not in with_plate]
    if not records:
        return pd.DataFrame()
    parents = np.array([position for position, _, _ in records])
    frame = items.iloc[parents].reset_index(drop=True).copy()
    for field in (*FIELDS.values(), "rated_voltage_v", "equipment_id", "drive_motor_model",
                  "drive_motor_efficiency_pct", "drive_motor_manufacture_date", "category_text",
                  "type_text", "remarks", "nameplate_text"):
        frame[field] = frame[field].astype(object).where(pd.Series(False, index=frame.index))
    frame["family"] = "motor_lv"
    frame["name"] = [label for _, label, _ in records]
    frame["model"] = [plate.model if plate is not None else items["drive_motor_model"].iat[position]
                      for position, _, plate in records]
    for attribute, field in FIELDS.items():
        frame[field] = [getattr(plate, attribute) if plate is not None else None for _, _, plate in records]
    by_columns = np.array([plate is None for _, _, plate in records])
    for field, item_field in FROM_ITEM.items():
        frame.loc[by_columns, field] = items[item_field].to_numpy()[parents[by_columns]]
    motor_dates = items["drive_motor_manufacture_date"].to_numpy()[parents]  # the motor's own, else the item's
    frame["manufacture_date"] = np.where(pd.isna(motor_dates), frame["manufacture_date"].to_numpy(), motor_dates)
    frame = frame.astype({field: items[field].dtype for field in frame.columns if field in items})
    frame["parent"] = parents
    return frame


def without_set_aside(parts: pd.DataFrame, stated: pd.DataFrame, validated: pd.DataFrame) -> pd.DataFrame:
    """The parts, a value read from their item's column (``FROM_ITEM``) blanked where validating the items set that
    cell aside (a pump's 电机效率 of 30 %, outside its drive motor's plausible range: DQ103 on the pump's row, the
    motor then graded on nothing it does not know). ``stated``: the items' ``FROM_ITEM`` columns before validating."""
    if not len(parts):
        return parts
    parents = parts["parent"].to_numpy()
    parts = parts.copy()
    for field, item_field in FROM_ITEM.items():
        before = stated[item_field].to_numpy(dtype=float)[parents]
        set_aside = ~np.isnan(before) & validated[item_field].isna().to_numpy()[parents]
        with np.errstate(invalid="ignore"):
            from_item = set_aside & (parts[field].to_numpy(dtype=float) == before)
        parts.loc[from_item, field] = np.nan
    return parts


def note_unread(items: pd.DataFrame, nameplates: Nameplates, header: Header, positions: dict[str, int],
                add_problems) -> None:
    """A note (DQ114, information: it changes no verdict) for a nameplate cell that told nothing usable, or whose
    pieces with figures could not all be read, naming them."""
    if "nameplate_text" not in positions:
        return
    texts = items["nameplate_text"]
    issues = pd.Series(None, index=items.index, dtype=object)
    for position in np.flatnonzero(texts.notna().to_numpy()).tolist():
        plates = nameplates.plates[position]
        unread = [piece for plate in plates for piece in plate.unread] if plates else list(
            unread_text(str(texts.iat[position])))
        if plates and not unread:
            continue
        pieces = "；".join(unread) if unread else str(texts.iat[position])
        issues.iat[position] = CellIssue("DQ114", f"铭牌文字中未能识别：{pieces}", f"could not be read from the nameplate "
                                                                          f"text: {pieces}")
    if issues.notna().any():
        add_problems(issues, "nameplate_text", header.texts[positions["nameplate_text"]],
                     positions["nameplate_text"], np.ones(len(items), dtype=bool))
