"""The columns whose meaning depends on the item's family, read once the family is known: coded columns, rating
columns, units from a neighbouring column, and the coded fields and voltages a type, name or remark text states.

Every value that was not stated directly in its own column is recorded in ``ReadAs`` (field, where it came from,
which items), which the JSON shows as ``read_as`` and which marks the findings that rest on it as inferred.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from effaudit.columns import BY_NAME
from effaudit.interpret.codes import codes_in_family, members, voltages_in_texts
from effaudit.interpret.families import mark_high_voltage
from effaudit.interpret.model_readers import parse_models
from effaudit.interpret.profiles import profiles
from effaudit.interpret.ratings import route
from effaudit.io.header import Header
from effaudit.io.values import cell_issue, cell_text, split_number, text_values
from effaudit.units import conversion_factor, is_unit

# Texts that may state a family's coded fields, in the order they are tried: the shared type column first.
TEXT_SOURCES = ("type_text", "category_text", "name", "remarks")
# The field a rating header names when nothing is routed elsewhere (a value routed elsewhere is "read as").
NATURAL_FIELD = {"power_header": "rated_power_kw", "capacity_header": "capacity_kva"}

# (issues, column, source column, cell position[, notes: issues that cannot change a verdict])
ProblemSink = Callable[..., None]


@dataclass
class ReadAs:
    """Values not stated directly in their own column: (field, source, flags over the sheet's items)."""

    entries: list[tuple[str, str, np.ndarray]] = field(default_factory=list)

    def add(self, field_name: str, source: str, flags: np.ndarray) -> None:
        if flags.any():
            self.entries.append((field_name, source, np.asarray(flags, dtype=bool)))


def with_unit_column(cells: pd.Series, units: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Cells with the unit of the neighbouring column appended where the cell is a bare number and the
    neighbour a unit (``12.5`` and ``万t`` → ``12.5万t``), and where that was done."""
    unit_texts = text_values(units)
    unit_texts = unit_texts.where(unit_texts.map(is_unit, na_action="ignore").fillna(False).astype(bool))
    def bare(value: object) -> bool:
        text = cell_text(value)
        split = split_number(text) if text is not None else None
        return split is not None and not split[1]

    codes, distinct = pd.factorize(cells, use_na_sentinel=True)
    is_bare = np.array([bare(value) for value in distinct] + [False], dtype=bool)[codes]
    applied = is_bare & unit_texts.notna().to_numpy()
    if not applied.any():
        return cells, applied
    combined = cells.astype(object).copy()
    combined[applied] = [f"{cell_text(value)}{unit}" for value, unit in
                         zip(cells[applied].tolist(), unit_texts[applied].tolist(), strict=True)]
    return combined, applied


def read_bare_units(items: pd.DataFrame, bare_cells: dict[str, np.ndarray], read_as: ReadAs) -> None:
    """Numbers written with no unit in a column whose unit the family decides (``bare_units`` of its profile): a
    pump's 200 in a 流量 column is 200 m³/h, a compressor's 20 is 20 m³/min."""
    for family, profile in profiles().items():
        for name, unit in profile.bare_units.items():
            if name not in bare_cells:
                continue
            rows = bare_cells[name] & (items["family"] == family).to_numpy()
            if rows.any():
                items.loc[rows, name] = items.loc[rows, name] * conversion_factor(unit, BY_NAME[name].unit or "")
                read_as.add(name, f"unit:{unit} ({family})", rows)


def read_codes(items: pd.DataFrame, body: pd.DataFrame, header: Header, positions: dict[str, int],
               add_problems: ProblemSink) -> None:
    """Each coded column as the item's family reads it: a code the family accepts, or DQ109 where the family reads
    the column and the text names no accepted code; nothing at all where the family does not read it."""
    family_profiles = profiles()
    families = items["family"]
    for column in (column for column in BY_NAME.values() if column.kind == "code" and column.name in items):
        position = positions.get(column.name)
        if position is None:
            continue
        texts = text_values(body[position])
        found, reads = codes_in_family(texts, column.name, families, family_profiles,
                                       lambda profile, name=column.name: name in profile.codes)
        items[column.name] = pd.Series(found, index=items.index, dtype="string")
        unknown = reads & texts.notna().to_numpy() & pd.isna(found)
        issues = pd.Series(None, index=items.index, dtype=object)
        issues[unknown] = [cell_issue("DQ109", field=(column.zh, column.en), text=text) for text in texts[unknown]]
        add_problems(issues, column.name, header.texts[position], position)


def _text_sources(header: Header, positions: dict[str, int]) -> list[tuple[str, str]]:
    """(canonical text column, its header text) of the texts that may state coded fields."""
    return [(name, header.texts[positions[name]] if name in positions else name) for name in TEXT_SOURCES]


def read_own_fields(items: pd.DataFrame, header: Header, positions: dict[str, int], read_as: ReadAs) -> None:
    """A motor's model and efficiency written in 电机型号 / 电机效率 columns (``own_fields`` of its profile) where its
    own field is empty; the column then no longer describes a drive motor."""
    pairs = {pair for profile in profiles().values() for pair in profile.own_fields.items()}
    for column, own in sorted(pair for pair in pairs if pair[0] in positions):
        rows = members(items["family"], profiles(), lambda profile, c=column, o=own: profile.own_fields.get(c) == o) & (
            items[own].isna() & items[column].notna()).to_numpy()
        if rows.any():
            moved = [(column, own)] + ([(f"{column}_precision", f"{own}_precision")]
                                       if f"{column}_precision" in items else [])  # a date keeps its precision
            for source, target in moved:
                items.loc[rows, target] = items.loc[rows, source]
                items.loc[rows, source] = None
            read_as.add(own, f"column:{header.texts[positions[column]]}", rows)


def read_voltages_from_texts(items: pd.DataFrame, header: Header, positions: dict[str, int],
                             read_as: ReadAs) -> None:
    """A voltage a type, category, name or remark text states (``10kV油浸式…变压器``, ``6kV高压电机``) where the
    voltage column is empty; a low-voltage motor whose text gives more than 1000 V becomes a high-voltage motor."""
    families = items["family"]
    wants_voltage = members(families, profiles(), lambda profile: profile.voltage_in_texts) | (
        families == "motor_lv").to_numpy()
    for source, label in _text_sources(header, positions):
        empty = items["rated_voltage_v"].isna().to_numpy() & wants_voltage & items[source].notna().to_numpy()
        if empty.any():
            voltages = voltages_in_texts(items[source].where(empty))
            filled = empty & ~np.isnan(voltages)
            items.loc[filled, "rated_voltage_v"] = voltages[filled]
            read_as.add("rated_voltage_v", f"text:{label}", filled)
    items["family"] = mark_high_voltage(items["family"], items["rated_voltage_v"])


def read_codes_from_texts(items: pd.DataFrame, header: Header, positions: dict[str, int], read_as: ReadAs) -> None:
    """The coded fields a family reads from its type, category, name or remark texts, where their own column is
    empty: the first text that names an accepted code."""
    family_profiles = profiles()
    families = items["family"]
    given = {source: items[source].notna().to_numpy() for source, _ in _text_sources(header, positions)}
    for column in sorted({name for profile in family_profiles.values() for name in profile.from_texts}):
        wanted = members(families, family_profiles, lambda profile, name=column: name in profile.from_texts)
        if not wanted.any():
            continue
        open_rows = wanted & items[column].isna().to_numpy()
        for source, label in _text_sources(header, positions):
            rows = np.flatnonzero(open_rows & given[source])  # only these are read: a few in a large sheet
            if not len(rows):
                continue
            found, _ = codes_in_family(items[source].iloc[rows], column, families.iloc[rows], family_profiles,
                                       lambda profile, name=column: name in profile.from_texts)
            filled = rows[~pd.isna(found)]
            items.loc[items.index[filled], column] = found[~pd.isna(found)]
            open_rows[filled] = False
            read_as.add(column, f"text:{label}", np.isin(np.arange(len(items)), filled))


def read_told_codes(items: pd.DataFrame, read_as: ReadAs) -> None:
    """A family's code that its stated values tell (``told_by`` of its profile) where no column or text names one:
    an air conditioner rated by SEER or APF, and by no water-cooled indicator, is air-cooled (the standards grade
    those indicators only on air-cooled rows). Marked as read, so the findings say it was inferred."""
    told_rows: dict[tuple[str, str], np.ndarray] = {}  # (field, source) -> items: one read_as entry each
    for family, profile in profiles().items():
        for column, told in profile.told_by.items():
            stated = items[list(told.stated)].notna().any(axis=1)
            contradicted = items[list(told.unless)].notna().any(axis=1) if told.unless else False
            rows = ((items["family"] == family) & items[column].isna() & stated & ~contradicted).to_numpy(dtype=bool)
            if rows.any():
                items.loc[rows, column] = told.code
                key = (column, "told_by:" + "/".join(told.stated))
                told_rows[key] = told_rows.get(key, False) | rows
    for (column, source), rows in told_rows.items():
        read_as.add(column, source, rows)


def read_defaults(items: pd.DataFrame, read_as: ReadAs) -> None:
    """A family's default code (``defaults`` of its profile) where neither its column, a text nor a told value names
    one, and the item holds none of the codes its ``unless`` sets apart."""
    for family, profile in profiles().items():
        for column, default in profile.defaults.items():
            rows = (items["family"] == family) & items[column].isna()
            for other, codes in default.unless.items():
                rows &= ~items[other].isin(codes)
            rows = rows.to_numpy(dtype=bool)
            if rows.any():
                items.loc[rows, column] = default.code
                read_as.add(column, "default", rows)


def read_ratings(items: pd.DataFrame, body: pd.DataFrame, header: Header, add_problems: ProblemSink,
                 read_as: ReadAs, positions: dict[str, int], source_of: dict[str, str]) -> None:
    """Each rating column's values into the fields the items' families and the values' units choose; a field's own
    column, when the sheet has one, wins."""
    family_profiles = profiles()
    for position, match in header.matches.items():
        if match.rating is None:
            continue
        cells = body[position]
        if position in header.unit_columns:
            cells, _ = with_unit_column(cells, body[header.unit_columns[position]])
        routed = route(cells, match.rating, match.unit, items["family"], family_profiles)
        text = header.texts[position]
        for target, values in routed.values.items():
            taken = items[target].isna() & values.notna()
            items[target] = items[target].fillna(values)
            positions.setdefault(target, position)
            source_of.setdefault(target, text)
            if NATURAL_FIELD.get(match.rating) != target:
                read_as.add(target, f"rating:{text}", taken.to_numpy())
        targets = set(routed.issue_field.dropna())
        known = _any_rating_known(items, family_profiles) if targets else None
        for target in targets:
            add_problems(routed.issues.where(routed.issue_field == target), target, text, position, known)


def _any_rating_known(items: pd.DataFrame, family_profiles: dict) -> np.ndarray:
    """Items whose rating is known otherwise (their own rating columns, or a model that states it): a rating cell
    that cannot be read then changes nothing, and its problem is a note (a boiler's 额定功率 of its auxiliaries
    beside a model SZL20-1.6-AII)."""
    known = np.zeros(len(items), dtype=bool)
    for family, profile in family_profiles.items():
        fields = sorted({field for table in profile.rating.values() for field in table.values() if field})
        rows = (items["family"] == family).to_numpy(dtype=bool)
        if not (rows.any() and fields):
            continue
        known[rows] = items.loc[rows, fields].notna().any(axis=1).to_numpy()
        # A model designation that states the rating (S13-M-800/10: 800 kVA; SZL20-1.6-AII: 20 t/h).
        from_model = [fill.column for fill in (profile.model.fills if profile.model else ())
                      if fill.field in fields and fill.column]
        if from_model:
            parsed = parse_models(items.loc[rows, "model"], profile.model.grammar)
            known[rows] |= parsed[from_model].notna().any(axis=1).to_numpy()
    return known
