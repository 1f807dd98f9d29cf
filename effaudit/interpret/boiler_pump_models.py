"""What industrial boiler and centrifugal pump model designations state, read column-wise.

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
  are left NA: their table rows were not re-read (see ``_COMBUSTION``).
* capacity: a hot-water boiler is written ``…-<outlet pressure>/<outlet °C>/<inlet °C>-…`` and its number is the rated
  thermal power in MW (``thermal_power_mw``); otherwise the boiler is a steam boiler, the number is the rated
  evaporation in t/h (``steam_capacity_t_h``) and a single ``/<°C>`` is the superheated-steam temperature. The units
  (t/h for steam, MW with 出水/进水温度 for hot water) as in http://m.gzbns.com.cn/1123.html.
* ``pressure_mpa``: rated steam / outlet-water pressure, MPa.
* ``fuel`` / ``fuel_class`` (boiler.yaml codes): AⅠ AⅡ AⅢ 烟煤 → ``bituminous`` + ``I``/``II``/``III`` (A alone:
  class NA); W 无烟煤 → ``anthracite`` (WⅡ, WⅢ with their class, W alone: class NA); P 贫煤 → ``lean_coal``;
  H 褐煤 → ``lignite``; Y 油 → ``oil``; Q 气 → ``natural_gas`` (see ``_FUEL``). Two-fuel codes (``Y(Q)``, ``Y.Q``,
  ``Y/Q``) and codes not listed (M 木柴, T, biomass …) give NA.

Third-party pages read the same letters: SHL = double drum horizontal, chain grate, A = bituminous
(http://www.plnmw.com/PatentSearch/kbkjnhgnxe.html, "SHL1-1.25-A"); DZL = single-drum longitudinal chain grate
(https://taiguo-boiler.com/news/257.html); DZH = hand-fired ("manual type") series.

Pumps — clear-water centrifugal pump designations, per series (sources in ``_PUMP_SERIES`` comments):

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

import numpy as np
import pandas as pd

from effaudit.interpret.modelstrings import NUMBER, distinct_models, spread_rows

# --------------------------------------------------------------------------------------------------- boilers

_BODIES = ("DZ", "DH", "SZ", "SH", "ZZ", "QX", "LH", "LS", "LW", "WN", "WW")

# JB/T 1626 combustion equipment codes -> boiler.yaml combustion_type. The stored summary of the standard names the
# table but does not reproduce it: L (SHL/DZL/SZL chain grate) and S (WNS/SZS oil and gas) are corroborated by the
# third-party pages cited above; W, G, F, X are the standard's letters as commonly cited and were not re-read from
# its table. C (固定双层炉排), D (滚动炉排), A (下饲炉排), P (抛煤机) are deliberately absent (NA).
_COMBUSTION = {
    "L": "grate",          # 链条炉排 (chain grate)
    "W": "grate",          # 往复炉排 (reciprocating grate)
    "G": "grate",          # 固定炉排 (fixed grate)
    "H": "grate",          # hand-fired grate (DZH); taken as the 1992 活动手摇炉排 code the 2002 edition cancelled
    "F": "fluidized_bed",  # 鼓泡流化床燃烧
    "X": "fluidized_bed",  # 循环流化床燃烧
    "S": "chamber",        # 室燃
}

# JB/T 1626 fuel codes -> (boiler.yaml fuel, fuel_class). The key is the code with spaces removed after NFKC
# (AⅡ and A II both become AII).
_FUEL = {
    "A": ("bituminous", None),
    "AI": ("bituminous", "I"),
    "AII": ("bituminous", "II"),
    "AIII": ("bituminous", "III"),
    "W": ("anthracite", None),
    "WII": ("anthracite", "II"),
    "WIII": ("anthracite", "III"),
    "P": ("lean_coal", None),
    "H": ("lignite", None),
    "Y": ("oil", None),
    # Q is "气" (gaseous fuel) in general, not natural gas as such; read as natural_gas like the team decision for
    # 燃气 in boiler.yaml (LPG, coke-oven gas … are not told apart by the model).
    "Q": ("natural_gas", None),
}

_BOILER = (
    rf"^\s*(?P<body>{'|'.join(_BODIES)})(?P<combustion>[A-Z])"
    rf"\s*(?P<capacity>{NUMBER})\s*-\s*(?P<pressure>{NUMBER})"
    rf"(?:\s*/\s*(?P<temp1>{NUMBER})(?:\s*/\s*(?P<temp2>{NUMBER}))?)?"
    # Fuel token: letters, an optional spaced Roman class (A II), and any two-fuel tail (Y(Q), Y.Q, Y/Q) kept in the
    # token so that it maps to nothing rather than to its first fuel.
    r"\s*-\s*(?P<fuel>[A-Z]+(?:\s?I{1,3})?(?:[()/.,+][A-Z()/.,+]*)?)(?=$|[\s\-,;，；])"
)


def parse_boiler_models(models: pd.Series) -> pd.DataFrame:
    """Body, combustion type, capacity, pressure and fuel stated by JB/T 1626 industrial boiler models.

    Columns (same index as ``models``): ``body`` (``DZ``, ``SZ``, ``WN`` …), ``combustion_type`` (``grate``,
    ``fluidized_bed``, ``chamber``), ``fuel`` and ``fuel_class`` (codes of ``resources/vocabulary/boiler.yaml``;
    ``string``), ``steam_capacity_t_h`` (steam boilers), ``thermal_power_mw`` (hot-water boilers, recognised by the
    ``/outlet/inlet`` temperatures) and ``pressure_mpa`` (float). A letter or fuel code whose meaning is not mapped
    gives NA in that column only; a string that is not such a designation gives NA in every column.
    """
    codes, texts = distinct_models(models)
    parts = texts.str.extract(_BOILER)
    capacity = pd.to_numeric(parts["capacity"]).astype("float64")
    hot_water = parts["temp2"].notna().to_numpy(dtype=bool)
    fuel_token = parts["fuel"].str.replace(r"\s", "", regex=True)
    fuel = fuel_token.map({code: entry[0] for code, entry in _FUEL.items()})
    fuel_class = fuel_token.map({code: entry[1] for code, entry in _FUEL.items() if entry[1] is not None})
    parsed = pd.DataFrame({
        "body": parts["body"].astype("string"),
        "combustion_type": parts["combustion"].map(_COMBUSTION).astype("string"),
        "steam_capacity_t_h": capacity.where(~hot_water),
        "thermal_power_mw": capacity.where(hot_water),
        "pressure_mpa": pd.to_numeric(parts["pressure"]).astype("float64"),
        "fuel": fuel.astype("string"),
        "fuel_class": fuel_class.astype("string"),
    })
    return spread_rows(parsed, codes, models.index)


# ------------------------------------------------------------------------------------------------------ pumps

# series -> (pump_type of resources/vocabulary/pump.yaml or None, stages the series name states or NaN)
_PUMP_SERIES: dict[str, tuple[str | None, float]] = {
    # 单级单吸清水离心泵; designation of ISO 2858 (IS 13518:1992 = ISO 2858:1975, end-suction, 16 bar):
    # https://pdfdrive.to/dl/is-13518-end-suction-centrifugal-pumps-rating-16-bar-designation-nominal-duty-point-and-dimensions
    "IS": ("end_suction", 1.0),
    # 单级单吸化工离心泵, same ISO 2858 designation (no maker page for IH was found; the type follows ISO 2858,
    # which covers end-suction pumps only).
    "IH": ("end_suction", 1.0),
    # 立式管道离心泵 "adopts the performance parameters of the IS type" (https://www.jush-pump.com/
    # ISG-Vertical-Centrifugal-Water-Pump-Working-Principle-id42373876.html); ISW is its horizontal (卧式) variant.
    "ISG": ("inline", 1.0),
    "ISW": ("inline", 1.0),
    # 单级双吸中开离心泵: "500S35: 500 泵的吸入口径(mm), S 单级双吸, 35 设计点扬程(m), A 叶轮切割";
    # "10SH-13: 10 吸水直径被25除, 13 比转数被10除" (http://www.miziwo.com/product/mbr111015155405031340/
    # PRO170504171523725083.xhtml).
    "S": ("double_suction", 1.0),
    "SH": ("double_suction", 1.0),
    # 分段式多级离心泵 (several impellers in series on one shaft: http://boomerangoinc.com/zaojiayuan/fuxi/
    # li1501196895.shtml). The ×N stage count is the designation convention given in the brief; no page spelling it
    # out was found in the stored copies.
    "D": ("multistage", np.nan),
    "DG": ("multistage", np.nan),   # 锅炉给水 multistage
    "MD": ("multistage", np.nan),   # 矿用耐磨 multistage
    # CDL/CDLF "Vertical Multistage Centrifugal Pump" (https://cd-pump.com/cdl-cdlf-multistage-pump-faq-common-
    # questions); the number after the dash is not explained there, so no stage count is read.
    "CDL": ("light_multistage_vertical", np.nan),
    "CDLF": ("light_multistage_vertical", np.nan),
    # 井用潜水泵: outside the pump types of GB 19762-2025 表3.
    "QJ": (None, np.nan),
}

_TIMES = r"\s*[×X*]\s*"
_CUT = r"(?P<cut>[A-C])?(?![A-Z0-9])"
_PUMP_FORMS = {
    # IS100-80-160, IS80-65-125A, IH80-65-160, ISG100-80-160 (three numbers: DN in, DN out, impeller).
    "iso": r"^\s*(?P<series>ISG|ISW|IS|IH)\s*-?\s*(?P<inlet>\d{2,3})-(?P<outlet>\d{2,3})-(?P<impeller>\d{2,3})"
           + _CUT,
    # ISG100-160, ISW65-125A: type only.
    "inline2": r"^\s*(?P<series>ISG|ISW)\s*-?\s*\d{2,3}-\d{2,3}" + _CUT,
    # 250S39, 500S35A: suction diameter in mm before S.
    "s_suffix": r"^\s*(?P<inlet>\d{2,4})\s*(?P<series>S)(?P<head>\d{1,3})" + _CUT,
    # 10SH-13, 10SH13A: suction diameter ÷ 25 before SH.
    "sh_suffix": r"^\s*(?P<inch>\d{1,2})\s*(?P<series>SH)\s*-?\s*\d{1,3}" + _CUT,
    # S250-300, SH200-400: type only. The three-digit first number keeps transformer models (S11-1000/10) out.
    "s_prefix": r"^\s*(?P<series>SH|S)(?P<first>\d{3})-\d{2,4}(?P<cut>[A-C])?(?![A-Z0-9./])",
    # D46-30×5, DG46-50X6, MD155-30*3.
    "multistage": rf"^\s*(?P<series>DG|MD|D)\s*(?P<flow>{NUMBER})-(?P<head>{NUMBER}){_TIMES}(?P<stages>\d{{1,2}})"
                  r"(?![\d.])",
    # CDL32-50, CDLF4-160.
    "cdl": rf"^\s*(?P<series>CDLF|CDL)\s*(?P<flow>{NUMBER})-\d{{1,4}}",
    # QJ and well-pump forms like 200QJ20-108/8.
    "qj": r"^\s*\d*\s*(?P<series>QJ)(?![A-Z])",
}


def parse_pump_models(models: pd.Series) -> pd.DataFrame:
    """Series, pump type, nozzle and impeller sizes and stage count stated by centrifugal pump models.

    Columns (same index as ``models``): ``series`` (``IS``, ``ISG``, ``S``, ``SH``, ``D``, ``CDL``, ``QJ`` …) and
    ``pump_type`` (codes of ``resources/vocabulary/pump.yaml``: ``end_suction``, ``double_suction``, ``inline``,
    ``multistage``, ``light_multistage_vertical``; NA for a series outside them, such as QJ), ``inlet_mm``,
    ``outlet_mm``, ``impeller_mm`` (nominal; float) and ``impeller_cut`` (``A``/``B``/``C`` as written, ``string``),
    ``stages`` (float: 1 for the single-stage series, the figure after × for D/DG/MD, NaN where the model does not
    say). Every column is NA for a string that is not one of these designations.
    """
    codes, texts = distinct_models(models)
    columns = ["series", "inlet_mm", "outlet_mm", "impeller_mm", "impeller_cut", "stages"]
    parsed = pd.DataFrame({name: pd.Series(pd.NA, index=texts.index, dtype="object") for name in columns})
    # The forms are tried in order; the first that matches a string wins (IS… before S…, DG before D).
    for form, pattern in _PUMP_FORMS.items():
        parts = texts.str.extract(pattern)
        hit = parts["series"].notna() & parsed["series"].isna()
        if not hit.any():
            continue
        parsed.loc[hit, "series"] = parts.loc[hit, "series"]
        if "cut" in parts:
            parsed.loc[hit, "impeller_cut"] = parts.loc[hit, "cut"]
        if form == "iso":
            for name in ("inlet", "outlet", "impeller"):
                parsed.loc[hit, f"{name}_mm"] = pd.to_numeric(parts.loc[hit, name])
        elif form == "s_suffix":
            parsed.loc[hit, "inlet_mm"] = pd.to_numeric(parts.loc[hit, "inlet"])
        elif form == "sh_suffix":
            parsed.loc[hit, "inlet_mm"] = pd.to_numeric(parts.loc[hit, "inch"]) * 25.0
        elif form == "multistage":
            parsed.loc[hit, "stages"] = pd.to_numeric(parts.loc[hit, "stages"])
    series = parsed["series"].astype("string")
    series_stages = series.map({name: entry[1] for name, entry in _PUMP_SERIES.items()}).astype("float64")
    stages = pd.to_numeric(parsed["stages"], errors="coerce").astype("float64")
    stages = stages.where(stages >= 1).fillna(series_stages)
    result = pd.DataFrame({
        "series": series,
        "pump_type": series.map({name: entry[0] for name, entry in _PUMP_SERIES.items()
                                 if entry[0] is not None}).astype("string"),
        "inlet_mm": pd.to_numeric(parsed["inlet_mm"], errors="coerce").astype("float64"),
        "outlet_mm": pd.to_numeric(parsed["outlet_mm"], errors="coerce").astype("float64"),
        "impeller_mm": pd.to_numeric(parsed["impeller_mm"], errors="coerce").astype("float64"),
        "impeller_cut": parsed["impeller_cut"].astype("string"),
        "stages": stages,
    })
    return spread_rows(result, codes, models.index)
