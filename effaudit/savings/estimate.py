"""What replacing each item below the energy-saving level would save a year: energy (kWh, or the boiler's fuel),
standard coal, CO₂ and money, with the investment and payback where costs are known — an estimate from rated values.

Input: the audited items and their findings. Each grade finding (EF101–EF104) carries the graded metric, the
measured value and the grade-2 value of the item's own table row (``grade2_value``); the family's method
(resources/savings.yaml) gives each metric's formula (effaudit.savings.formulas). An item is estimated when one of
its metrics is below grade 2 (EF101, EF102) and its rating, hours and measured values are known; hours come from the
inventory (年运行小时数), else the operating profile (per item, then per family) — never assumed. A missing load
factor is taken as rated load, and the estimate says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from effaudit.errors import UsageError
from effaudit.findings import item_blocks
from effaudit.frames import give_back_freed_memory
from effaudit.io.values import texts_select, texts_where
from effaudit.savings.formulas import FORMULAS
from effaudit.savings.methods import methods
from effaudit.savings.profile import OperatingProfile, fuel_price_per
from effaudit.standards.emission import ElectricityFactor
from effaudit.standards.quota_model import Carrier
from effaudit.standards.rulebook import Rulebook
from effaudit.units import conversion_factor

GRADE_CODES = ("EF101", "EF102", "EF103", "EF104")
BELOW_GRADE2 = ("EF101", "EF102")
CONVERSIONS = "gbt2589-2020"  # the standard-coal coefficients (standards_data/conversions/)

# One row per item below the energy-saving level, estimated or not (``reason`` says why not).
SAVING_COLUMNS = {
    "item": "int64", "family": "string", "standard": "string", "clause": "string", "confidence": "string",
    "metric": "string",
    "measured": "float64", "grade2": "float64", "unit": "string", "formula": "string", "units": "float64",
    "size": "float64", "hours": "float64", "hours_source": "string", "load_pct": "float64", "load_source": "string",
    "fuel": "string", "amount": "float64", "amount_unit": "string", "heat_gj": "float64", "kwh": "float64",
    "tce": "float64", "tco2": "float64", "co2_basis": "string", "money": "float64", "investment": "float64",
    "investment_source": "string", "payback_years": "float64", "reason": "string",
}
# Why an item below the energy-saving level has no estimate.
REASONS = {
    "no_hours": ("未填年运行小时数（清单或运行参数文件），不估算节能量", "no annual operating hours (inventory or profile): "
                 "no estimate"),
    "no_measured": ("无实测能效值，不估算节能量", "no measured value: no estimate"),
    "no_method": ("该类设备尚无节能量估算公式，不估算节能量", "no saving formula for this kind of equipment yet: no estimate"),
    "no_row_of_its_own": ("按候选行判定，无本行2级值，不估算节能量", "judged on candidate rows: no grade-2 value of its "
                          "own, no estimate"),
    "no_rating": ("缺少估算所需的额定值（功率、排气量、制冷量或热功率），不估算节能量",
                  "the rating the estimate needs (power, delivery, cooling capacity or heat output) is missing: "
                  "no estimate"),
}


@dataclass(frozen=True)
class SavingBasis:
    """What every estimate of an audit rests on: the electricity factors, the standard-coal basis, the prices."""
    grid: ElectricityFactor | None
    kgce_per_kwh: float
    electricity_basis: str  # "equivalent" (当量值, GB/T 2589) or "equal_value" (等价值, the profile's coefficient)
    electricity_basis_source: str
    electricity_price: float | None
    profile: OperatingProfile


@dataclass(frozen=True)
class Savings:
    items: pd.DataFrame  # SAVING_COLUMNS; ``item`` is the position in the audited frame
    basis: SavingBasis

    def totals(self, frame: pd.DataFrame | None = None) -> dict[str, float | int | None]:
        """Sums over the estimated items (of ``frame``, a subset of ``items``); None where nothing is known."""
        frame = self.items if frame is None else frame
        estimated = frame[frame["reason"].isna()]

        def total(column: str) -> float | None:
            values = estimated[column].dropna()
            return round(float(values.sum()), 6) if len(values) else None

        return {"items": int(len(estimated)), "not_estimated": int(len(frame) - len(estimated)),
                "kwh_per_year": total("kwh"), "heat_gj_per_year": total("heat_gj"), "tce_per_year": total("tce"),
                "tco2_per_year": total("tco2"), "money_per_year": total("money"), "investment": total("investment")}


SUMMED = ("kwh", "heat_gj", "tce", "tco2", "money", "investment")  # an item's figures over its estimated rows


def per_item(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per item, in item order, of savings rows that may hold several per item (a pump and its drive motor,
    estimated apart): the figures summed over its estimated rows, the fuel amount too when every row counts the same
    unit; the basis (standard, clause, metric, hours …) of its first estimated row, else of its first row; payback
    from the sums; a reason only when no row was estimated."""
    if not rows["item"].duplicated().any():
        return rows.sort_values("item", kind="stable").reset_index(drop=True)
    ordered = rows.assign(_unestimated=rows["reason"].notna()).sort_values(["item", "_unestimated"], kind="stable")
    estimated = ordered[~ordered["_unestimated"]]
    first = ordered.drop_duplicates("item").set_index("item")
    sums = estimated.groupby("item")[list(SUMMED)].sum(min_count=1)
    first.loc[sums.index, list(SUMMED)] = sums
    one_unit = estimated.groupby("item")["amount_unit"].nunique() == 1
    amounts = estimated.groupby("item")["amount"].sum(min_count=1)[one_unit[one_unit].index]
    first.loc[amounts.index, "amount"] = amounts
    with np.errstate(divide="ignore", invalid="ignore"):
        first["payback_years"] = (first["investment"] / first["money"]).where(first["money"] > 0)
    return first.drop(columns="_unestimated").reset_index()[list(rows.columns)]


OPERATING_COLUMNS = ("operating_hours_h", "load_factor_pct", "equipment_id")  # what _operating reads


def _operating(items: pd.DataFrame, profile: OperatingProfile, key: str, column: str, family: np.ndarray,
               ) -> tuple[np.ndarray, np.ndarray]:
    """(value, source) of an operating figure per item: the inventory's column, else the profile's item, else its
    family entry; NaN and None where none gives it."""
    value = (items[column].to_numpy(dtype=float, na_value=np.nan, copy=True) if column in items
             else np.full(len(items), np.nan))
    source = texts_where(np.isfinite(value), "inventory", None)
    ids = items["equipment_id"] if "equipment_id" in items else pd.Series([None] * len(items))
    for source_name, keys, table in (("profile_item", ids, profile.items),
                                     ("profile_family", pd.Series(family), profile.operating)):
        wanted = {name: spec[key] for name, spec in table.items() if key in spec}
        if not wanted:
            continue
        looked_up = keys.astype(object).map(wanted).to_numpy(dtype=float, na_value=np.nan)
        fill = ~np.isfinite(value) & np.isfinite(looked_up)
        value[fill], source[fill] = looked_up[fill], source_name
    return value, source


def _costs(profile: OperatingProfile, family: np.ndarray, size: np.ndarray, units: np.ndarray) -> np.ndarray:
    """The profile's replacement cost of each item: the first cost row of its family whose ``up_to`` is at least
    its rating, per unit or per unit of rating, times the quantity; NaN where no row prices it."""
    cost = np.full(len(family), np.nan)
    for row in reversed(profile.costs):  # rows are sorted by up_to: the first (smallest) that fits wins
        fits = (family == row.family) & (size <= row.up_to)
        per_unit = row.yuan_per_unit if row.yuan_per_unit is not None else row.yuan_per_rating * size
        cost = np.where(fits, per_unit * units, cost)
    return cost


def saving_basis(rulebook: Rulebook, profile: OperatingProfile) -> SavingBasis:
    """The factors every estimate rests on; ``UsageError`` (exit 2) for a grid factor the rulebook does not have —
    a batch calls it before its first input."""
    factors = rulebook.emission_factors
    grid = factors.grid(profile.grid_factor) if factors else None
    if profile.grid_factor and grid is None:
        known = ", ".join(f.id for f in factors.electricity) if factors else "none"
        raise UsageError(f"unknown grid factor {profile.grid_factor!r} (known: {known})",
                         file=str(profile.path) if profile.path else None)
    if profile.equal_value_kgce_per_kwh is not None:
        return SavingBasis(grid, profile.equal_value_kgce_per_kwh, "equal_value", profile.equal_value_source,
                           profile.electricity_price, profile)
    electricity = _carriers(rulebook).get("electricity_kwh")
    if electricity is None:  # a rulebook without GB/T 2589 (a test's): no standard coal
        return SavingBasis(grid, math.nan, "equivalent", "", profile.electricity_price, profile)
    return SavingBasis(grid, electricity.kgce, "equivalent", f"GB/T 2589-2020 {electricity.table}",
                       profile.electricity_price, profile)


def _carriers(rulebook: Rulebook) -> dict[str, Carrier]:
    """The GB/T 2589 carriers by column (none when the rulebook has no such file)."""
    return {carrier.column: carrier for document in rulebook.conversions if document.path.stem == CONVERSIONS
            for carrier in document.carriers}


def estimate(items: pd.DataFrame, findings: pd.DataFrame, rulebook: Rulebook, profile: OperatingProfile,
             mw_per_t_h: float | None) -> Savings:
    """The savings of the ``items`` (the audited frame, parts included) from their ``findings``, a block of items at
    a time (``findings.item_blocks``), the blocks' rows joined a column at a time."""
    basis = saving_basis(rulebook, profile)
    blocks = item_blocks(len(items))
    position = findings["item"].to_numpy() if len(blocks) > 1 else None
    parts = []
    for block in blocks:
        parts.append(_estimate(items, findings if position is None else findings[(position >= block.start)
                                                                                 & (position < block.stop)],
                               rulebook, profile, mw_per_t_h, basis))
        give_back_freed_memory()
    parts = [part for part in parts if len(part)]
    if len(parts) <= 1:
        return Savings(parts[0] if parts else _empty_savings(), basis)
    return Savings(pd.DataFrame({name: pd.concat([part.pop(name) for part in parts], ignore_index=True)
                                 for name in SAVING_COLUMNS}), basis)


def _empty_savings() -> pd.DataFrame:
    return pd.DataFrame({name: pd.array([], dtype=dtype) for name, dtype in SAVING_COLUMNS.items()})


def _estimate(items: pd.DataFrame, findings: pd.DataFrame, rulebook: Rulebook, profile: OperatingProfile,
              mw_per_t_h: float | None, basis: SavingBasis) -> pd.DataFrame:
    """The savings rows of the items that ``findings`` are about."""
    known = methods()
    family_of = items["family"].astype(object).to_numpy()
    graded = findings[findings["code"].isin(GRADE_CODES).to_numpy() & findings["metric"].notna().to_numpy()]
    position = graded["item"].to_numpy()
    formulas = {(family, metric): formula.name for family, method in known.families.items()
                for metric, formula in method.formulas.items()}
    pairs = pd.MultiIndex.from_arrays([family_of[position], graded["metric"].to_numpy(dtype=object)])
    formula_name = pd.Series(formulas, dtype=object).reindex(pairs).to_numpy()  # one lookup per distinct pair
    has_formula = pd.notna(formula_name)
    graded, position, formula_name = graded[has_formula], position[has_formula], formula_name[has_formula]
    below = graded["code"].isin(BELOW_GRADE2).to_numpy()
    concerned = np.unique(position[below])  # the items with a metric below grade 2
    keep = np.isin(position, concerned)
    graded, position, formula_name, below = graded[keep], position[keep], formula_name[keep], below[keep]
    if not len(concerned):
        return _empty_savings()

    family = family_of[concerned]
    operating = items[[name for name in OPERATING_COLUMNS if name in items]].iloc[concerned]  # not every column
    hours, hours_source = _operating(operating, profile, "hours_per_year", "operating_hours_h", family)
    load, load_source = _operating(operating, profile, "load_factor_pct", "load_factor_pct", family)
    load_source = texts_where(np.isfinite(load), load_source, "rated")
    beta = np.where(np.isfinite(load), load, 100.0) / 100
    at = np.searchsorted(concerned, position)  # each graded row's item, as a position in ``concerned``

    measured = graded["measured_value"].to_numpy(dtype=float, na_value=np.nan)
    grade2 = graded["grade2_value"].to_numpy(dtype=float, na_value=np.nan)
    per_unit = np.full(len(graded), np.nan)
    for name in pd.unique(formula_name):
        rows = formula_name == name
        formula = FORMULAS[name]
        size = np.ones(rows.sum())
        if formula.size_field is not None:
            size = _size(items, formula.size_field, mw_per_t_h)[position[rows]]
        per_unit[rows] = formula.saving(size, measured[rows], grade2[rows], beta[at[rows]], hours[at[rows]])

    # Combine each item's metrics: a sum of terms, or the least of the estimates of its metrics below grade 2.
    combine = pd.Series(family).map({name: method.combine for name, method in known.families.items()}).to_numpy()
    frame = pd.DataFrame({"at": at, "saving": per_unit, "below": below, "order": np.arange(len(at))})
    summed = frame.groupby("at")["saving"].sum(min_count=1).reindex(range(len(concerned))).to_numpy()
    any_missing = frame["saving"].isna().groupby(frame["at"]).any().reindex(range(len(concerned))).to_numpy()
    candidates = frame[frame["below"]].assign(key=lambda f: f["saving"].fillna(np.inf))
    deciding = candidates.sort_values(["at", "key", "order"], kind="stable").groupby("at")["order"].first()
    deciding = deciding.reindex(range(len(concerned))).to_numpy().astype(int)
    saving = np.where(combine == "sum", np.where(any_missing, np.nan, summed), per_unit[deciding])

    units = items["quantity"].to_numpy(dtype=float, na_value=np.nan)[concerned]
    units = np.where(np.isfinite(units), units, 1.0)
    row = graded.iloc[deciding]
    energy = pd.Series(formula_name[deciding]).map({name: f.energy for name, f in FORMULAS.items()}).to_numpy()
    total = saving * units
    reason = texts_select([~np.isfinite(hours), ~np.isfinite(measured[deciding]), ~np.isfinite(grade2[deciding]),
                           ~np.isfinite(total)], ["no_hours", "no_measured", "no_row_of_its_own", "no_rating"], None)
    total = np.where(reason == None, total, np.nan)  # noqa: E711

    out = pd.DataFrame({
        "item": concerned, "family": family, "standard": row["standard"].to_numpy(), "clause": row["clause"].to_numpy(),
        "confidence": row["confidence"].to_numpy(),  # of the grade-2 value's table row
        "metric": row["metric"].to_numpy(), "measured": measured[deciding], "grade2": grade2[deciding],
        "unit": row["measured_unit"].to_numpy(), "formula": formula_name[deciding], "units": units,
        "size": _size_of_item(items, family, concerned, mw_per_t_h), "hours": hours, "hours_source": hours_source,
        "load_pct": np.where(np.isfinite(load), load, np.nan), "load_source": load_source, "reason": reason,
    })
    out = _energy(out, items, total, energy, concerned, rulebook, basis)
    out = _money(out, items, concerned, basis)
    return out.astype(SAVING_COLUMNS)[list(SAVING_COLUMNS)]


def _size(items: pd.DataFrame, field: str, mw_per_t_h: float | None) -> np.ndarray:
    """The rating ``field`` of every item; a boiler's heat output from its steam capacity where only that is given
    (the boiler standard's MW per t/h)."""
    size = items[field].to_numpy(dtype=float, na_value=np.nan) if field in items else np.full(len(items), np.nan)
    if field == "thermal_power_mw" and mw_per_t_h and "steam_capacity_t_h" in items:
        steam = items["steam_capacity_t_h"].to_numpy(dtype=float, na_value=np.nan)
        size = np.where(np.isfinite(size), size, steam * mw_per_t_h)
    return size


def _size_of_item(items: pd.DataFrame, family: np.ndarray, concerned: np.ndarray,
                  mw_per_t_h: float | None) -> np.ndarray:
    """The rating that sizes each concerned item's replacement (its family's ``size``)."""
    size = np.full(len(concerned), np.nan)
    for name, method in methods().families.items():
        rows = family == name
        if rows.any():
            size[rows] = _size(items, method.size_field, mw_per_t_h)[concerned[rows]]
    return size


def _energy(out: pd.DataFrame, items: pd.DataFrame, total: np.ndarray, energy: np.ndarray, concerned: np.ndarray,
            rulebook: Rulebook, basis: SavingBasis) -> pd.DataFrame:
    """Energy, standard coal and CO₂ of each estimate: electricity in kWh; a boiler's fuel heat (MJ) as its fuel
    (the GB/T 2589 carrier of resources/savings.yaml, by that carrier's heating value), or in GJ of heat."""
    size = len(out)
    kwh, amount, heat_gj = np.full(size, np.nan), np.full(size, np.nan), np.full(size, np.nan)
    tce, tco2 = np.full(size, np.nan), np.full(size, np.nan)
    unit = np.full(size, None, dtype=object)
    co2_basis = np.full(size, None, dtype=object)
    fuel = np.full(size, None, dtype=object)
    grid = basis.grid
    electric = energy == "electricity"
    heat = energy == "heat"
    if heat.any():
        codes = items["fuel"].astype(object).to_numpy()[concerned] if "fuel" in items else np.full(size, None)
        codes = np.array([code if isinstance(code, str) else "" for code in codes], dtype=object)  # "": unknown
        fuel[heat] = np.where(codes[heat] == "", None, codes[heat])
        heat_gj[heat] = total[heat] / 1000
        carriers = _carriers(rulebook)
        factors = rulebook.emission_factors
        for code in pd.unique(codes[heat]):
            rows = heat & (codes == code)
            carrier = carriers.get(methods().fuel_carriers.get(code) or "")
            if carrier is not None and carrier.column == "electricity_kwh":
                electric |= rows  # an electric boiler saves electricity
                total[rows] = total[rows] / 3.6  # MJ → kWh
                continue
            if carrier is not None and carrier.lhv is not None:
                kj_per_unit = carrier.lhv[0] * conversion_factor(carrier.lhv[1], f"kJ/{carrier.per}")
                amount[rows], unit[rows] = total[rows] * 1000 / kj_per_unit, carrier.per
                tce[rows] = amount[rows] * carrier.kgce / 1000
            else:
                amount[rows], unit[rows] = heat_gj[rows], "GJ"
                tce[rows] = total[rows] * conversion_factor("MJ", "kgce") / 1000
            factor = factors.fuel(carrier.column if carrier is not None else code) if factors else None
            if factor is not None:
                in_factor_unit = amount[rows] * conversion_factor(unit[rows][0], factor.per)
                tco2[rows] = in_factor_unit * factor.kg_co2_per_unit / 1000
                co2_basis[rows] = factor.document
    kwh[electric] = total[electric]
    amount[electric], unit[electric] = kwh[electric], "kWh"
    tce[electric] = kwh[electric] * basis.kgce_per_kwh / 1000
    if grid is not None:
        tco2[electric] = kwh[electric] * grid.kg_co2_per_kwh / 1000
        co2_basis[electric] = grid.id
    return out.assign(fuel=fuel, amount=amount, amount_unit=unit, heat_gj=heat_gj, kwh=kwh, tce=tce, tco2=tco2,
                      co2_basis=co2_basis)


def _money(out: pd.DataFrame, items: pd.DataFrame, concerned: np.ndarray, basis: SavingBasis) -> pd.DataFrame:
    """Money saved at the prices (the inventory's 电价, else the profile's), the investment (the inventory's
    更新投资, else the profile's cost table) and the payback."""
    profile = basis.profile
    electric = out["kwh"].notna().to_numpy()
    price = (items["electricity_price_yuan_per_kwh"].to_numpy(dtype=float, na_value=np.nan, copy=True)[concerned]
             if "electricity_price_yuan_per_kwh" in items else np.full(len(out), np.nan))  # the line's own price
    if basis.electricity_price is not None:
        price[~np.isfinite(price)] = basis.electricity_price
    money = np.where(electric, out["kwh"].to_numpy(dtype=float) * price, np.nan)
    fuels = out["fuel"].astype(object).to_numpy()
    for code in {c for c in fuels[~electric] if c is not None}:
        rows = ~electric & (fuels == code) & out["amount"].notna().to_numpy()
        if rows.any():
            fuel_price = fuel_price_per(profile, code, out["amount_unit"].to_numpy()[rows][0])
            if fuel_price is not None:
                money[rows] = out["amount"].to_numpy()[rows] * fuel_price
    stated = items["replacement_cost_yuan"].to_numpy(dtype=float, na_value=np.nan)[concerned] \
        if "replacement_cost_yuan" in items else np.full(len(out), np.nan)
    priced = _costs(profile, out["family"].to_numpy(dtype=object), out["size"].to_numpy(dtype=float),
                    out["units"].to_numpy(dtype=float))
    investment = np.where(np.isfinite(stated), stated, priced)
    source = texts_where(np.isfinite(stated), "inventory", texts_where(np.isfinite(priced), "profile", None))
    with np.errstate(divide="ignore", invalid="ignore"):
        payback = np.where(money > 0, investment / money, np.nan)
    return out.assign(money=money, investment=investment, investment_source=source, payback_years=payback)
