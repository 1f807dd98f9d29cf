"""What industrial boiler and centrifugal pump model designations state, read column-wise.

The patterns and the tables of codes and series are data: ``resources/model_grammars/boiler.yaml`` and ``pump.yaml``
(checked against ``BOILER_NEEDS`` / ``PUMP_NEEDS`` when loaded); this module is how their matches become columns.
Same contract as :mod:`effaudit.interpret.modelstrings`: the distinct strings are normalised once (NFKC, upper case, one kind
of hyphen; NFKC also turns the Roman numerals Ⅰ Ⅱ Ⅲ into I II III), matched with ``Series.str.extract`` and mapped
with dictionaries; a string that is not such a designation gives NA, never an error; the result has the input's index.
Values read from a model are designations, not measurements: the caller marks them inferred and never lets them
overrule stated values.

Boilers — JB/T 1626-2002 《工业锅炉产品型号编制方法》 (replaces JB/T 1626-1992), summarised at
https://m.bzxz.net/en/a8932df05de23ae50.html: a model is [body type code][combustion equipment code][capacity]-
[pressure][/temperatures]-[fuel code] (its 表1 body type, 燃烧设备型式或燃烧方式代号, 燃料品种代号; electric boilers
have their own form, not read here). Read here:

* ``body``: the two body letters as written, only the body codes of that scheme (DZ 单锅筒纵置式, DH 单锅筒横置式,
  SZ 双锅筒纵置式, SH 双锅筒横置式, ZZ 纵横锅筒式, QX 强制循环式, LH 立式水管, LS 立式火管, LW 立式无管, WN 卧式内燃,
  WW 卧式外燃). Requiring one of them keeps pump models (ISG100-160) and transformer models from matching.
* ``combustion_type`` (codes of ``resources/vocabulary/boiler.yaml``): L 链条炉排, W 往复炉排, G 固定炉排 and H (DZH is
  sold as the hand-fired series; the summary says the 2002 edition dropped the 1992 code of the movable hand-cranked
  grate, which H is taken to be — the 1992 table itself was not read) → ``grate``; F 鼓泡流化床, X 循环流化床 →
  ``fluidized_bed``; S 室燃 → ``chamber``. Other letters of the scheme (C 固定双层炉排, D 滚动炉排, A 下饲炉排, P 抛煤机)
  are left NA: their table rows were not re-read (table ``combustion`` of the grammar).
* capacity: a hot-water boiler is written ``…-<outlet pressure>/<outlet °C>/<inlet °C>-…`` and its number is the rated
  thermal power in MW (``thermal_power_mw``); otherwise the boiler is a steam boiler, the number is the rated
  evaporation in t/h (``steam_capacity_t_h``) and a single ``/<°C>`` is the superheated-steam temperature. The units
  (t/h for steam, MW with 出水/进水温度 for hot water) as in http://m.gzbns.com.cn/1123.html.
* ``pressure_mpa``: rated steam / outlet-water pressure, MPa.
* ``fuel`` / ``fuel_class`` (boiler.yaml codes): AⅠ AⅡ AⅢ 烟煤 → ``bituminous`` + ``I``/``II``/``III`` (A alone:
  class NA); W 无烟煤 → ``anthracite`` (WⅡ, WⅢ with their class, W alone: class NA); P 贫煤 → ``lean_coal``;
  H 褐煤 → ``lignite``; Y 油 → ``oil``; Q 气 → ``natural_gas`` (see ``_FUEL``). Two-fuel codes (``Y(Q)``, ``Y.Q``,
  ``Y/Q``) and codes not listed (M 木柴, T, biomass …) give NA (table ``fuel`` of the grammar).

Third-party pages read the same letters: SHL = double drum horizontal, chain grate, A = bituminous
(http://www.plnmw.com/PatentSearch/kbkjnhgnxe.html, "SHL1-1.25-A"); DZL = single-drum longitudinal chain grate
(https://taiguo-boiler.com/news/257.html); DZH = hand-fired ("manual type") series.

Pumps — clear-water centrifugal pump designations, per series (sources in the comments of the grammar's ``series``
table):

* IS, IH: ``IS100-80-160[A|B]`` = suction DN 100, discharge DN 80, nominal impeller diameter 160 mm — the designation
  of ISO 2858 (end-suction pumps, 16 bar; e.g. IS 13518:1992 = ISO 2858:1975, "Designation, nominal duty point and
  dimensions"); the trailing A/B marks a cut impeller (``impeller_cut``; ``impeller_mm`` stays the nominal size).
  → ``end_suction``, 1 stage.
* ISG (立式管道), ISW (卧式管道) → ``inline``, 1 stage. The two-number form ``ISG100-160`` is not read into sizes
  (no source for what each number is found); a three-number form is read as for IS.
* S / SH (单级双吸中开) → ``double_suction``, 1 stage: ``250S39`` = suction 250 mm, head 39 m; ``10SH-13`` = suction
  diameter ÷ 25 (250 mm), specific speed ÷ 10. The prefix form ``S250-300`` gives the type only.
* D, DG, MD (分段式多级) → ``multistage``; ``D46-30×5`` (× x X *): the figure after × is the number of stages.
* CDL, CDLF (立式多级) → ``light_multistage_vertical``; stages NA (the figure after the dash is not explained by any
  source found).
* QJ (井用潜水泵): ``series`` only; GB 19762 types do not cover it, so ``pump_type`` is NA.
"""

from __future__ import annotations

import pandas as pd

from effaudit.interpret.grammars import ANY_PATTERN, Needs, load_grammar
from effaudit.interpret.modelstrings import distinct_models, spread_rows

# --------------------------------------------------------------------------------------------------- boilers

BOILER_NEEDS = Needs(
    outputs={"body": None, "combustion_type": "combustion_type", "steam_capacity_t_h": None,
             "thermal_power_mw": None, "pressure_mpa": None, "fuel": "fuel", "fuel_class": "fuel_class"},
    patterns={"designation": frozenset({"body", "combustion", "capacity", "pressure", "temp1", "temp2", "fuel"})},
    tables={"combustion": frozenset({"combustion_type"}), "fuel": frozenset({"fuel", "fuel_class"})},
)


def parse_boiler_models(models: pd.Series, grammar: str = "boiler") -> pd.DataFrame:
    """Body, combustion type, capacity, pressure and fuel stated by JB/T 1626 industrial boiler models.

    Columns (same index as ``models``): ``body`` (``DZ``, ``SZ``, ``WN`` …), ``combustion_type`` (``grate``,
    ``fluidized_bed``, ``chamber``), ``fuel`` and ``fuel_class`` (codes of ``resources/vocabulary/boiler.yaml``;
    ``string``), ``steam_capacity_t_h`` (steam boilers), ``thermal_power_mw`` (hot-water boilers, recognised by the
    ``/outlet/inlet`` temperatures) and ``pressure_mpa`` (float). A letter or fuel code whose meaning is not mapped
    gives NA in that column only; a string that is not such a designation gives NA in every column.
    """
    rules = load_grammar(grammar, "boiler", BOILER_NEEDS)
    codes, texts = distinct_models(models)
    parts = texts.str.extract(rules.patterns["designation"].regex())
    capacity = pd.to_numeric(parts["capacity"]).astype("float64")
    hot_water = parts["temp2"].notna().to_numpy(dtype=bool)
    fuel_token = parts["fuel"].str.replace(r"\s", "", regex=True)
    parsed = pd.DataFrame({
        "body": parts["body"].astype("string"),
        "combustion_type": parts["combustion"].map(rules.column("combustion", "combustion_type")).astype("string"),
        "steam_capacity_t_h": capacity.where(~hot_water),
        "thermal_power_mw": capacity.where(hot_water),
        "pressure_mpa": pd.to_numeric(parts["pressure"]).astype("float64"),
        "fuel": fuel_token.map(rules.column("fuel", "fuel")).astype("string"),
        "fuel_class": fuel_token.map(rules.column("fuel", "fuel_class")).astype("string"),
    })
    return spread_rows(parsed, codes, models.index)


# ------------------------------------------------------------------------------------------------------ pumps

PUMP_NEEDS = Needs(
    outputs={"series": None, "pump_type": "pump_type", "inlet_mm": None, "outlet_mm": None, "impeller_mm": None,
             "impeller_cut": None, "stages": None},
    patterns={ANY_PATTERN: frozenset({"series"})},
    tables={"series": frozenset({"pump_type", "stages"})},
)
_PUMP_SIZES = ("inlet_mm", "outlet_mm", "impeller_mm")


def parse_pump_models(models: pd.Series, grammar: str = "pump") -> pd.DataFrame:
    """Series, pump type, nozzle and impeller sizes and stage count stated by centrifugal pump models.

    Columns (same index as ``models``): ``series`` (``IS``, ``ISG``, ``S``, ``SH``, ``D``, ``CDL``, ``QJ`` …) and
    ``pump_type`` (codes of ``resources/vocabulary/pump.yaml``: ``end_suction``, ``double_suction``, ``inline``,
    ``multistage``, ``light_multistage_vertical``; NA for a series outside them, such as QJ), ``inlet_mm``,
    ``outlet_mm``, ``impeller_mm`` (nominal; float) and ``impeller_cut`` (``A``/``B``/``C`` as written, ``string``),
    ``stages`` (float: 1 for the single-stage series, the figure after × for D/DG/MD, NaN where the model does not
    say). Every column is NA for a string that is not one of these designations. The forms are the grammar's
    patterns, tried in order (the first that matches a string wins), each giving what its ``read:`` names.
    """
    rules = load_grammar(grammar, "pump", PUMP_NEEDS)
    codes, texts = distinct_models(models)
    columns = ["series", "inlet_mm", "outlet_mm", "impeller_mm", "impeller_cut", "stages"]
    parsed = pd.DataFrame({name: pd.Series(pd.NA, index=texts.index, dtype="object") for name in columns})
    for form in rules.patterns.values():
        parts = texts.str.extract(form.regex())
        hit = parts["series"].notna() & parsed["series"].isna()
        if not hit.any():
            continue
        parsed.loc[hit, "series"] = parts.loc[hit, "series"]
        if "cut" in parts:
            parsed.loc[hit, "impeller_cut"] = parts.loc[hit, "cut"]
        for name, (group, factor) in form.read.items():
            number = pd.to_numeric(parts.loc[hit, group])
            parsed.loc[hit, name] = number * factor if factor != 1.0 else number
    series = parsed["series"].astype("string")
    series_stages = series.map(rules.column("series", "stages")).astype("float64")
    stages = pd.to_numeric(parsed["stages"], errors="coerce").astype("float64")
    stages = stages.where(stages >= 1).fillna(series_stages)
    result = pd.DataFrame({
        "series": series,
        "pump_type": series.map(rules.column("series", "pump_type")).astype("string"),
        **{name: pd.to_numeric(parsed[name], errors="coerce").astype("float64") for name in _PUMP_SIZES},
        "impeller_cut": parsed["impeller_cut"].astype("string"),
        "stages": stages,
    })
    return spread_rows(result, codes, models.index)
