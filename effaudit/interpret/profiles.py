"""Family profiles: what each inventory column means for an item of one family (``resources/families/*.yaml``,
described in the README there). Loaded and validated once: every field named must be a canonical column, every
coded field must have a vocabulary, every allowed code must exist in it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from effaudit.columns import BY_NAME, FAMILIES
from effaudit.interpret.grammars import GrammarError
from effaudit.interpret.model_readers import (
    Fill,
    ModelReading,
    model_grammar,
    reader_columns,
)
from effaudit.interpret.modelstrings import motor_series_kinds
from effaudit.units import UnitTextError, conversion_factor
from effaudit.vocabulary import vocabulary
from effaudit.yaml_text import load_yaml

DIMENSIONS = ("power", "apparent_power", "mass_flow", "volume_flow", "length")
HEADER_KINDS = ("power_header", "capacity_header", "mixed_header")


class ProfileError(ValueError):
    """A family profile that breaks its format: a bug in effaudit's data, caught when loaded."""


@dataclass(frozen=True)
class TellingFields:
    """A code that stated values tell (``told_by``): any of ``stated`` given and none of ``unless``."""

    code: str
    stated: tuple[str, ...]
    unless: tuple[str, ...] = ()


@dataclass(frozen=True)
class DefaultCode:
    """A coded field's code when nothing names one (``defaults``), except on items whose ``unless`` field holds one
    of the codes given for it (a water-cooled multi-split unit has no general row: its water source is asked for)."""

    code: str
    unless: dict[str, frozenset[str]] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Profile:
    family: str
    reads: frozenset[str]  # with the common fields
    codes: dict[str, frozenset[str] | None] = field(hash=False)  # coded field -> allowed codes (None: all)
    from_texts: tuple[str, ...] = ()
    voltage_in_texts: bool = False
    own_fields: dict[str, str] = field(default_factory=dict, hash=False)  # column -> the item's own field
    bare_units: dict[str, str] = field(default_factory=dict, hash=False)  # field -> unit of a number with none
    defaults: dict[str, DefaultCode] = field(default_factory=dict, hash=False)  # coded field -> code when none named
    rating: dict[str, dict[str, str | None]] = field(default_factory=dict, hash=False)  # header kind -> dim -> field
    examples: tuple[dict, ...] = ()
    model: ModelReading | None = None  # its model designations: grammar, the fields they fill, checked ratings
    plausible: dict[str, tuple[float, float]] = field(default_factory=dict, hash=False)  # field -> (min, max)
    told_by: dict[str, TellingFields] = field(default_factory=dict, hash=False)  # coded field -> what tells its code
    size: tuple[str, ...] = ()  # the fields a report line shows as the item's size (``quantity × size``)

    def rating_field(self, header_kind: str, dimension: str) -> str | None:
        """The field a rating value of ``dimension`` ("bare" for no unit) goes to under a header of this kind."""
        return self.rating[header_kind].get(dimension)


def _checked_field(name: str, where: str) -> str:
    if name not in BY_NAME:
        raise ProfileError(f"{where}: {name!r} is not a canonical column (effaudit/columns.py)")
    return name


def _rating(raw: dict, common: dict, where: str) -> dict[str, dict[str, str | None]]:
    """Per header kind, dimension -> field: the family's own table, else the common one; ``power_header`` overrides
    ``power`` for columns named as power, and ``bare`` may differ by header kind."""
    merged = raw or common
    unknown = set(merged) - {*DIMENSIONS, "bare", "power_header"}
    if unknown:
        raise ProfileError(f"{where}: rating keys {sorted(unknown)} (expected {DIMENSIONS}, bare, power_header)")
    table: dict[str, dict[str, str | None]] = {}
    for kind in HEADER_KINDS:
        by_dimension = {dimension: merged.get(dimension) for dimension in DIMENSIONS}
        if kind == "power_header" and "power_header" in merged:
            by_dimension["power"] = merged["power_header"]
        bare = merged.get("bare")
        by_dimension["bare"] = bare.get(kind) if isinstance(bare, dict) else bare
        for target in by_dimension.values():
            if target is not None:
                _checked_field(target, where)
        table[kind] = by_dimension
    return table


def _model(raw: dict | None, reads: frozenset[str], where: str) -> ModelReading | None:
    """The profile's ``model:``: a grammar of resources/model_grammars/, the fields it fills (each read by the
    family; from a column its reader returns, with the unit that column is in, or a constant code) and the stated
    ratings checked against it."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or set(raw) - {"grammar", "fills", "checked", "kind"}:
        raise ProfileError(f"{where}: model: give grammar (and optionally fills, checked, kind)")
    try:
        grammar = model_grammar(str(raw.get("grammar")))
        columns = reader_columns(grammar.name)
    except GrammarError as error:
        raise ProfileError(f"{where}: model: {error}") from error
    fills = []
    for name, source in (raw.get("fills") or {}).items():
        if _checked_field(name, where) not in reads:
            raise ProfileError(f"{where}: model fills {name!r}, a field the family does not read")
        spec = source if isinstance(source, dict) else {"from": source}
        if set(spec) - {"from", "unit", "value"} or ("from" in spec) == ("value" in spec):
            raise ProfileError(f"{where}: model fills {name}: give from: <column> (and unit:) or value: <code>")
        if "value" in spec:
            if str(spec["value"]) not in vocabulary().get(name, {}).values():
                raise ProfileError(f"{where}: model fills {name}: {spec['value']!r} is not a code of {name}")
            fills.append(Fill(name, None, constant=str(spec["value"])))
            continue
        if spec["from"] not in columns:
            raise ProfileError(f"{where}: model fills {name} from {spec['from']!r}, not a column of the "
                               f"{grammar.reader!r} reader ({sorted(columns)})")
        factor = 1.0
        if "unit" in spec:
            try:
                factor = conversion_factor(str(spec["unit"]), BY_NAME[name].unit or "")
            except UnitTextError as error:
                raise ProfileError(f"{where}: model fills {name}: {spec['unit']!r} is not a "
                                   f"{BY_NAME[name].unit} unit") from error
        fills.append(Fill(name, str(spec["from"]), factor))
    checked = frozenset(map(str, raw.get("checked") or ()))
    if not checked <= {fill.field for fill in fills}:
        raise ProfileError(f"{where}: model checks {sorted(checked - {fill.field for fill in fills})}, "
                           f"which it does not fill")
    kind = raw.get("kind")
    if kind is not None and (grammar.reader != "motor" or kind not in motor_series_kinds()):
        raise ProfileError(f"{where}: model kind {kind!r}: a motor grammar's kind of machine, one of "
                           f"{sorted(motor_series_kinds())} (resources/motor_series.yaml)")
    return ModelReading(grammar.name, grammar.reader, tuple(fills), checked, kind)


def _plausible(raw: dict | None, reads: frozenset[str], where: str) -> dict[str, tuple[float, float]]:
    """Field -> (min, max), both inclusive, in the field's canonical unit: values outside are implausible for the
    family (DQ103). Each a number field the family reads, with ``why``: the one-line physical reason for the range
    (a range is a bound of what the thing can be, never a standard's limit)."""
    ranges: dict[str, tuple[float, float]] = {}
    for name, bounds in (raw or {}).items():
        if _checked_field(name, where) not in reads or BY_NAME[name].kind != "number":
            raise ProfileError(f"{where}: plausible {name}: not a number field the family reads")
        if not isinstance(bounds, dict) or set(bounds) - {"min", "max", "why"} or not set(bounds) & {"min", "max"}:
            raise ProfileError(f"{where}: plausible {name}: give min and/or max")
        if not isinstance(bounds.get("why"), str) or not bounds["why"].strip():
            raise ProfileError(f"{where}: plausible {name}: give why: the physical reason for the range, in a line")
        low, high = bounds.get("min", float("-inf")), bounds.get("max", float("inf"))
        if not all(isinstance(bound, (int, float)) and not isinstance(bound, bool) for bound in (low, high)) \
                or low >= high:
            raise ProfileError(f"{where}: plausible {name}: min {low!r} and max {high!r} must be numbers, min < max")
        ranges[name] = (float(low), float(high))
    return ranges


def _told_by(raw: dict | None, codes: dict[str, frozenset[str] | None], reads: frozenset[str],
             where: str) -> dict[str, TellingFields]:
    """Coded field -> the code that stated values tell, each with ``why`` (the standards' reason)."""
    told: dict[str, TellingFields] = {}
    for column, rule in (raw or {}).items():
        rule = rule or {}
        allowed = codes.get(column)
        if column not in codes or rule.get("code") is None or (allowed is not None and rule["code"] not in allowed):
            raise ProfileError(f"{where}: told_by {column}: a coded field of the family and one of its codes")
        stated, unless = tuple(rule.get("stated") or ()), tuple(rule.get("unless") or ())
        if not stated or not set(stated + unless) <= reads:
            raise ProfileError(f"{where}: told_by {column}: stated (and unless) must be fields the family reads")
        if not str(rule.get("why") or "").strip():
            raise ProfileError(f"{where}: told_by {column}: give why: what in the standards makes the values tell it")
        told[column] = TellingFields(str(rule["code"]), stated, unless)
    return told


def _defaults(raw: dict | None, codes: dict[str, frozenset[str] | None], known: dict,
              where: str) -> dict[str, DefaultCode]:
    """Coded field -> its default: a code, or ``{code, unless: {field: [codes]}, why}`` (``why`` required: what in
    the standards makes those items differ)."""
    defaults: dict[str, DefaultCode] = {}
    for name, rule in (raw or {}).items():
        rule = rule if isinstance(rule, dict) else {"code": rule}
        code = str(rule.get("code"))
        if name not in codes or code not in known[name].values():
            raise ProfileError(f"{where}: defaults {name}: {code!r} is not a code of one of its coded fields")
        unless = {str(other): frozenset(map(str, values)) for other, values in (rule.get("unless") or {}).items()}
        if any(other not in codes or not values <= set(known[other].values()) for other, values in unless.items()):
            raise ProfileError(f"{where}: defaults {name}: unless names coded fields of the family and their codes")
        if unless and not str(rule.get("why") or "").strip():
            raise ProfileError(f"{where}: defaults {name}: give why: what in the standards sets those items apart")
        defaults[str(name)] = DefaultCode(code, unless)
    return defaults


def _profile(raw: dict, common: dict, where: str) -> Profile:
    family = raw.get("family")
    if family not in FAMILIES:
        raise ProfileError(f"{where}: family {family!r} is not one of effaudit/columns.py FAMILIES")
    reads = frozenset(_checked_field(name, where) for name in [*common["reads"], *raw.get("reads", [])])
    known = vocabulary()
    codes: dict[str, frozenset[str] | None] = {}
    for column, rule in (raw.get("codes") or {}).items():
        if column not in known:
            raise ProfileError(f"{where}: coded field {column!r} has no vocabulary (resources/vocabulary/)")
        allowed = (rule or {}).get("allow")
        if allowed is not None and not set(map(str, allowed)) <= set(known[column].values()):
            raise ProfileError(f"{where}: {column} allows codes the vocabulary lacks: "
                               f"{sorted(set(map(str, allowed)) - set(known[column].values()))}")
        codes[_checked_field(column, where)] = frozenset(map(str, allowed)) if allowed is not None else None
    from_texts = tuple(raw.get("from_texts", []))
    if not set(from_texts) <= set(codes):
        raise ProfileError(f"{where}: from_texts names fields that are not among its codes: "
                           f"{sorted(set(from_texts) - set(codes))}")
    own_fields = {_checked_field(column, where): _checked_field(own, where)
                  for column, own in (raw.get("own_fields") or {}).items()}
    bare_units = {_checked_field(name, where): str(unit) for name, unit in (raw.get("bare_units") or {}).items()}
    for name, unit in bare_units.items():
        try:
            conversion_factor(unit, BY_NAME[name].unit or "")
        except UnitTextError as error:
            raise ProfileError(f"{where}: bare_units {name}: {unit!r} is not a {BY_NAME[name].unit} unit") from error
    defaults = _defaults(raw.get("defaults"), codes, known, where)
    return Profile(family, reads, codes, from_texts, bool(raw.get("voltage_in_texts", False)), own_fields,
                   bare_units, defaults,
                   _rating(raw.get("rating") or {}, common.get("rating") or {}, where),
                   tuple(raw.get("examples", [])), _model(raw.get("model"), reads, where),
                   _plausible(raw.get("plausible"), reads, where), _told_by(raw.get("told_by"), codes, reads, where),
                   _size(raw.get("size") or common.get("size") or [], where))


def _size(raw: list, where: str) -> tuple[str, ...]:
    """The number fields a report line shows as the item's size: the family's own list, else the common one."""
    fields = tuple(_checked_field(str(name), where) for name in raw)
    if any(BY_NAME[name].kind != "number" for name in fields):
        raise ProfileError(f"{where}: size lists fields that are not numbers: {list(fields)}")
    return fields


@cache
def profiles() -> dict[str, Profile]:
    """Family -> its profile; a family without a file reads only the common fields."""
    folder = resources.files("effaudit") / "resources" / "families"
    common = load_yaml((folder / "common.yaml").read_text("utf-8"))
    found: dict[str, Profile] = {}
    for entry in sorted(folder.iterdir(), key=lambda path: path.name):
        if not entry.name.endswith(".yaml") or entry.name == "common.yaml":
            continue
        profile = _profile(load_yaml(entry.read_text("utf-8")), common, f"families/{entry.name}")
        if f"{profile.family}.yaml" != entry.name:
            raise ProfileError(f"families/{entry.name}: names family {profile.family!r}; name the file after it")
        found[profile.family] = profile
    for family in FAMILIES:
        found.setdefault(family, _profile({"family": family}, common, f"families/{family}.yaml (absent)"))
    return found


def read_by_family(columns: pd.Series, families: pd.Series) -> np.ndarray:
    """Whether each (column, family) pair is one the family reads: a problem elsewhere is only a note."""
    family_profiles = profiles()
    pairs = pd.MultiIndex.from_arrays([columns.astype(object).to_numpy(), families.astype(object).to_numpy()])
    distinct = pairs.unique()
    read = {pair: pair[0] in (family_profiles.get(pair[1]) or family_profiles["unknown"]).reads
            for pair in distinct}
    return np.array([read[pair] for pair in pairs], dtype=bool)


def family_unit_fields() -> frozenset[str]:
    """Fields whose unit, when a sheet writes none, depends on the family (a pump's flow in m³/h, a compressor's in
    m³/min): a template header names no unit for them."""
    return frozenset(name for profile in profiles().values() for name in profile.bare_units)
