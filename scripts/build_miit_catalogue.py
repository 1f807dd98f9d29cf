"""Build standards_data/catalogues/miit-heoe-batch{1..4}.yaml from the research CSV.

The YAML files are the committed source of truth; this script documents how they were made and can
regenerate them (``.venv/bin/python scripts/build_miit_catalogue.py [CSV]``). Every judgement that is not a
mechanical transcription (family choice, model clean-up, series encoding) is written into the entry's
``note`` so that a reviewer reading only the YAML sees it.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CSV = Path("/work/shared/reference/catalogues/miit_high_energy_obsolete_equipment_batches_1_4.csv")
OUT_DIR = REPO / "standards_data" / "catalogues"

BATCH_RULE_ZH = "生产单位应立即停止生产，使用单位应在规定期限内停止使用并更换高效节能设备（产品）"
EQUIPEFFI_NOTE = ("third-party extraction of the official DOCX (raw table rows); every entry was transcribed "
                  "from its raw rows")

# --- files -------------------------------------------------------------------------------------------------

BATCHES: dict[int, dict[str, Any]] = {
    1: {
        "id": "MIIT-HEOE-2009-1",
        "title": {"zh": "高耗能落后机电设备（产品）淘汰目录（第一批）",
                  "en": "Catalogue of obsolete high-energy-consuming electromechanical equipment (products), batch 1"},
        "edition": "第一批（2009）",
        "document": None,
        "published": None,
        "effective": dt.date(2009, 12, 31),
        "rule_zh": None,
        "sources": [
            {"ref": "http://zaoqiwang.com/xinwen_xx.asp?id=76328&lanmuid=321",
             "note": "MIIT 2010 call for batch 2 states that batch 1 was published in 2009; no date or number"},
        ],
        "note": ("Notice number and publication date not found (the number 工节〔2009〕67号 could not be "
                 "confirmed in any source): document and published are null. Only the year is known (2009), "
                 "so effective is PROVISIONAL: 2009-12-31, the latest date consistent with a 2009 "
                 "publication, so that the catalogue is in force for any audit after 2009. Batch 1 gives no "
                 "deadlines. The source JSON has no section 8 (sections 1–7 and 9 only): a gap is possible; "
                 "the entry count (246) is not checked against the notice."),
    },
    2: {
        "id": "MIIT-HEOE-2012-2",
        "title": {"zh": "高耗能落后机电设备（产品）淘汰目录（第二批）",
                  "en": "Catalogue of obsolete high-energy-consuming electromechanical equipment (products), batch 2"},
        "edition": "第二批（2012）",
        "document": None,
        "published": None,
        "effective": dt.date(2012, 10, 1),
        "rule_zh": "本目录自2012年10月1日起执行",
        "sources": [
            {"ref": "https://www.ppdoc.com/periodical/2e7288dd0eabc7d554a47175e378aef3.html",
             "note": "article quoting the notice: 12大类135项, “本目录自2012年10月1日起执行”"},
        ],
        "note": ("Notice number and publication date not found (null). Effective date 2012-10-01 from the "
                 "quoted sentence; the text does not say whether it starts or ends the phase-out, so entries "
                 "carry no deadline. Count 12 sections / 135 entries matches the notice."),
    },
    3: {
        "id": "MIIT-HEOE-2015-3",
        "title": {"zh": "高耗能落后机电设备（产品）淘汰目录（第三批）",
                  "en": "Catalogue of obsolete high-energy-consuming electromechanical equipment (products), batch 3"},
        "edition": "第三批（2015）",
        "document": "工业和信息化部公告2015年第16号",
        "published": dt.date(2015, 3, 6),
        "effective": dt.date(2015, 3, 6),
        "rule_zh": BATCH_RULE_ZH,
        "sources": [
            {"ref": "http://hcr-machining.com/cn/new/new-55-19.html",
             "note": "repost of the notice: 2015年第16号, dated 2015-03-06, 2大类337项 (电动机300项、风机37项)"},
        ],
        "note": ("The notice gives no separate effective date; effective = notice date (provisional). "
                 "“立即停止使用” is encoded as deadline = notice date. Source serials jump from 1-x to 3-x; "
                 "the 11 entries hold all 337 models (300 motors + 37 fans)."),
    },
    4: {
        "id": "MIIT-HEOE-2016-4",
        "title": {"zh": "高耗能落后机电设备（产品）淘汰目录（第四批）",
                  "en": "Catalogue of obsolete high-energy-consuming electromechanical equipment (products), batch 4"},
        "edition": "第四批（2016）",
        "document": None,
        "published": dt.date(2016, 3, 14),
        "effective": dt.date(2016, 3, 14),
        "rule_zh": BATCH_RULE_ZH,
        "sources": [
            {"ref": "https://jn.fuzhou.gov.cn/zz/jncp/ttcp/201603/t20160329_1399482.htm",
             "note": "repost of the MIIT notice dated 2016-03-14: 3大类127项 (变压器52、电动机58、电弧焊机17)"},
        ],
        "note": ("The notice number (公告2016年第…号) was not found: document is null. Effective = notice date "
                 "(provisional). Counts: transformers 52 ✔; motors: the annex as transcribed prints 59 models against "
                 "58 in the notice and no second copy of the annex was found (issue 17); JS157-10 (2-4, printed "
                 "last before a page break) is split off as entry 2-4·JS157-10, which flags nothing on its own "
                 "(`verify`, PO105); welders 15 current ranges against 17 (2 unaccounted)."),
    },
}

# --- families ----------------------------------------------------------------------------------------------

FAMILY_BY_CATEGORY = {
    "电动机": "motor_lv", "电动机(高压)": "motor_hv", "变压器": "transformer", "风机": "fan", "泵": "pump",
    "压缩机": "compressor", "工业锅炉": "boiler", "电焊机": "welder", "制冷机": "chiller", "制冷空调": "chiller",
    "电阻炉": "furnace", "感应炉": "furnace", "电热浴炉": "furnace", "热处理设备": "furnace",
}
# Categories mapped by judgement: the reason goes into the entry note.
FAMILY_BY_JUDGEMENT = {
    "调压器": ("transformer", "接触调压器 is an autotransformer; mapped to transformer (no efficiency standard applies)"),
    "感应加热": ("furnace", "induction-heating power supply; mapped to furnace with the induction furnaces"),
    "空分设备": ("other", "air-separation unit: energy-using but no family code"),
    "膨胀机": ("other", "expander of an air-separation unit: no family code"),
    "电解设备": ("other", "electrolysis cell: energy-using but no family code"),
    "轧机": ("other", "rolling mill: energy-using but no family code"),
}
NON_ENERGY_CATEGORIES = {
    "机床", "锻压设备", "低压电器", "高压电器", "断路器", "熔断器", "接触器", "继电器", "接线端子", "电磁铁",
    "起动器", "电容器", "变阻器", "仪表", "开关柜", "阀门", "过滤设备",
}

# --- requirement text -> outcomes --------------------------------------------------------------------------

B3_NOTICE = BATCHES[3]["published"]


def _stop(deadline: dt.date | None, when: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    outcome: dict[str, Any] = {"when": when} if when else {}
    outcome.update(action="stop_use", deadline=deadline)
    return outcome


OUTCOMES_BY_REQUIREMENT: dict[str, list[dict[str, Any]]] = {
    "目录自2012年10月1日起执行（批次级规定）": [_stop(None)],
    "2003年（含）前生产的该系列电机，最迟应于2015年年底前停止使用。": [
        _stop(dt.date(2015, 12, 31), [{"field": "manufacture_year", "max": 2003}])],
    "按照《部分工业行业淘汰落后生产工艺装备和产品指导目录(2010年本)》要求，立即停止使用。": [_stop(B3_NOTICE)],
    "2005年（含）前生产的该系列产品，立即停止使用；2005年以后生产的该系列产品，最迟应于2015年年底前停止使用。": [
        _stop(B3_NOTICE, [{"field": "manufacture_year", "max": 2005}]),
        _stop(dt.date(2015, 12, 31), [{"field": "manufacture_year", "min": 2006}])],
    "最迟应于2016年底前停止使用。": [_stop(dt.date(2016, 12, 31))],
    "1997年（含）前生产投运的该系列产品，最迟应于2017年底前停止使用；1997年以后生产投运的该系列产品鼓励企业自主逐步更新淘汰。": [
        _stop(dt.date(2017, 12, 31), [{"field": "in_service_year", "max": 1997}]),
        {"when": [{"field": "in_service_year", "min": 1998}], "action": "encourage_renewal", "deadline": None}],
    "最迟应于2017年底前停止使用。": [_stop(dt.date(2017, 12, 31))],
}
SIX_KV = [{"field": "rated_voltage_v", "min": 6000}]

# --- per-entry corrections ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fix:
    """A correction to one CSV row; ``note`` says why.

    ``replace`` edits the raw text before parsing. ``models`` / ``series`` (when not None) replace the parsed
    lists (a name re-read as a series also leaves the models); ``add_series`` adds series to the parsed ones;
    ``when`` is prepended to every outcome's conditions. ``unconfirmed`` lists printed models whose listing is
    in doubt: each is split off into an entry of its own (serial ``<serial>·<model>``, the printed number
    before the ``·``) whose only outcome is ``verify``, so that no item is flagged on its strength alone."""

    note: str = ""
    replace: tuple[tuple[str, str], ...] = ()
    models: tuple[str, ...] | None = None
    series: tuple[str, ...] | None = None
    add_series: tuple[str, ...] = ()
    when: tuple[dict[str, Any], ...] = ()
    unconfirmed: tuple[str, ...] = ()


NO_MODEL = ()
FIXES: dict[tuple[int, str], Fix] = {
    (1, "1-1"): Fix("printed with digit 0 (J03/J02 = JO3/JO2); O and 0 match both ways",
                    series=("J03", "J02")),
    (1, "1-2"): Fix("catalogue lists frames JW 63/71/80/90 and 05/06/07/08/09/1, JLO 01/2 and 2JCL 250W; "
                    "old model strings write frames inconsistently (JW6324, JW-07-4), so the whole series are "
                    "encoded: over-matches other JW/JLO frames — review hits", models=NO_MODEL, series=("JW", "JLO", "2JCL")),
    (1, "1-3"): Fix("catalogue lists JE (old type) 0.8/0.63 and JLOE 1/2; encoded as whole series (see 1-2)",
                    models=NO_MODEL, series=("JE", "JLOE")),
    (1, "1-4"): Fix("catalogue lists JY (old type) 08/09/1/2; JY encoded as whole series (see 1-2)",
                    models=("ZLLOR",), series=("JY",)),
    (1, "1-5"): Fix("catalogue lists JX (old type) 05/06/07 and JLOY 012; encoded as whole series (see 1-2)",
                    models=NO_MODEL, series=("JX", "JLOY")),
    (1, "1-9"): Fix("fractional-horsepower motors listed by series and frame (AO 45–71, A1 56/71, 1AO, 2AO 80, "
                    "JW(改型) 45–71, BO, JZ, CO, 1CO, JY, DO, JX); encoded as whole series: over-matches other "
                    "frames — review hits. 原文 “7l/Al” read as 71/A1",
                    models=NO_MODEL, series=("AO", "A1", "1AO", "2AO", "JW", "BO", "JZ", "CO", "1CO", "JY", "DO", "JX")),
    (1, "1-11"): Fix("JR 30 / JR2 13 / JR3 16 规格: whole series", series=("JR", "JR2", "JR3")),
    (1, "1-12"): Fix("26 规格, 380 V, 5.5–75 kW: whole series", series=("JR02",)),
    (1, "1-22"): Fix("product names whole series", series=("JHO2", "JHO3")),
    (1, "1-23"): Fix("JJO2, JJ, JJD are series names; JO2-0 kept as a model prefix",
                     models=("DP90S-2/M01", "JO2-0"), series=("JJO2", "JJ", "JJD")),
    (1, "1-24"): Fix("product names whole series", series=("JM2", "JM3", "JDM2")),
    (1, "1-26"): Fix("product names whole series", series=("JDO2", "JDO3")),
    (1, "1-27"): Fix("DC motors; family motor_lv by category. Product names whole series", series=("ZZJ2", "ZZJ0")),
    (1, "3-3"): Fix("ranges SL7-30/10～SL7-1600/10 and S7-30/10～S7-1600/10 (30–1600 kVA, 10 kV) encoded as "
                    "whole series", models=NO_MODEL, series=("SL7", "S7")),
    (1, "4-5"): Fix("boiler types named by design (Lancashire, Cochran, Cornish), not model strings; kept as "
                    "models so that a model text starting with the name matches"),
    (1, "5-3"): Fix("the entry is the 8-18 + 4-72 series arrangement in small nitrogen-fertiliser plants: not "
                    "decidable from one model string (8-18 alone is entry 5-1; 4-72 alone is not listed); "
                    "matchable by nothing", models=NO_MODEL),
    (1, "5-5"): Fix("原文 “老SJ系列”: only the OLD SJ sinter blowers; a model string cannot tell old from new — "
                    "review hits", series=("SJ",)),
    (1, "6-3"): Fix("原文 “6PN/6PS”: two models", models=("6PN", "6PS")),
    (1, "6-4"): Fix("原文 “8PS/10PNK20”: read as two models", models=("8PS", "10PNK20")),
    (1, "7-25"): Fix("原文 “KFS一 860 − 1 型 … / − 2”: models KFS-860-1 and KFS-860-2",
                     models=("KFS-860-1", "KFS-860-2")),
    (2, "2-8"): Fix("range SHF6～SHF35 (boiling-bed boilers 6–35 t/h) encoded as the series tokens SHF6 … SHF35",
                    models=NO_MODEL, series=tuple(f"SHF{n}" for n in range(6, 36))),
    (2, "3-34"): Fix("原文 “JT17全系列共61个品种”: whole series", models=NO_MODEL, series=("JT17",)),
    (2, "3-38"): Fix("原文 “JL7-pc5、10、15…”: expanded as JL7-pc<n> (the pc prefix is unclear)",
                     models=("JL7-5",) + tuple(f"JL7-pc{n}" for n in (5, 10, 15, 20, 40, 80, 150, 300, 600))),
    (2, "3-47"): Fix("“全系列”: whole series", series=("B1", "JX2")),
    (2, "3-52"): Fix("原文 “QCO-10、20kW”: models QC0-10, QC0-20", replace=(("20kW", "20"),)),
    (2, "3-59"): Fix("the item is the magnet steel used in DD28 meters, not an identifiable piece of equipment; "
                     "matchable by nothing", models=NO_MODEL),
    (2, "4-1"): Fix("range SCB8-30～2500/10 (30–2500 kVA, 10 kV) encoded as whole series", models=NO_MODEL, series=("SCB8",)),
    (2, "5-1"): Fix("ZXG and MZ are series names; models with a digit after the letters (ZXG1-…) do not match "
                    "the token", series=("ZXG", "MZ")),
    (2, "6-20"): Fix("printed without letter prefix (possibly C6140); kept as printed"),
    (2, "6-21"): Fix("printed without letter prefix (possibly C6150); kept as printed"),
    (2, "6-23"): Fix("原文 “CO618A” = C0618A (O/0 match both ways)"),
    (2, "7-19"): Fix("no model: identified by its design (二辊周期式四机架, rolls Φ760×1200 mm); matchable by "
                     "nothing", models=NO_MODEL),
    (2, "7-20"): Fix("no model: identified by finishing speed 6～8 m/s; matchable by nothing", models=NO_MODEL),
    (2, "8-2"): Fix("(无型号): matchable by nothing", models=NO_MODEL),
    (2, "9-1"): Fix("identified by refrigerant (CFCs), not model; needs a refrigerant field: matchable by nothing",
                    models=NO_MODEL),
    (2, "11-1"): Fix("“12JD型” = the 12JD type: series token 12JD; models such as 12JD230 (batch 1 6-37) do not "
                     "match the token", series=("12JD",)),
    (4, "1-1"): Fix("the listed ratings are the whole S8 series: series S8 added", add_series=("S8",)),
    (4, "1-2"): Fix("the listed ratings are the whole S9 series: series S9 added", add_series=("S9",)),
    (4, "1-3"): Fix("SG(B)8 = SG8 and SGB8: both added as series (the token of “SG(B)8-…” would be “SG”)",
                    add_series=("SG8", "SGB8")),
    (4, "2-2"): Fix("“,6kV” printed after each model: moved to a rated_voltage_v ≥ 6000 condition",
                    replace=((",6kV", ""),), when=tuple(SIX_KV)),
    (4, "2-4"): Fix("“,6kV” printed after each model: moved to a rated_voltage_v ≥ 6000 condition",
                    replace=((",6kV", ""),), when=tuple(SIX_KV), unconfirmed=("JS157-10",)),
    (4, "3-1"): Fix("catalogue restricts to rated welding currents 160–650 A (6 ranges); no inventory column "
                    "for welding current, so not encoded — review hits outside the ranges"),
    (4, "3-2"): Fix("catalogue restricts to rated welding currents 160–399 A (3 ranges); not encoded — review "
                    "hits such as ZX5-400/630. Batch 2 5-1 names ZX5 as the better product"),
    (4, "3-3"): Fix("catalogue restricts to rated welding currents 160–800 A (6 ranges); not encoded"),
}
for _serial in ("1-2", "1-3", "1-4", "1-5"):
    _series = {"1-2": "Y2", "1-3": "Y3", "1-4": "YB", "1-5": "YB2"}[_serial]
    FIXES[(3, _serial)] = Fix(f"原文 “{_series}-Y90S-4” corrected to {_series}-90S-4",
                              replace=((f"{_series}-Y90S-4", f"{_series}-90S-4"),))

# --- parsing the models text -------------------------------------------------------------------------------

# A parenthesised or bracketed remark (ratings, OCR notes) as opposed to a part of a model such as "(B)" or
# "(1)": it holds CJK text, a unit, a percentage or a range sign.
_REMARK_MARK = re.compile(r"[\u4e00-\u9fff%～]|kW|kV|m3|m³|/h|\d(?:A|V|kg)\b")
_PAREN = re.compile(r"\s*(\(((?:[^()]|\([^()]*\))*)\)|\[([^\[\]]*)\])")  # one level of nesting
_LIST_SEP = re.compile(r"[、，,]")


@dataclass
class Parsed:
    models: list[str] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _split_top_level(text: str) -> list[str]:
    """Split on ';' outside parentheses (remarks such as "(160A～199A; 200A～249A)" hold ';' too)."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ";" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    return parts + [text[start:]]


def _strip_remarks(token: str, remarks: list[str]) -> str:
    def drop(match: re.Match[str]) -> str:
        inner = match.group(2) if match.group(2) is not None else match.group(3)
        if _REMARK_MARK.search(inner):
            remarks.append(match.group(1))
            return ""
        return match.group(0)
    return _PAREN.sub(drop, token).strip()


def _expand(token: str) -> list[str]:
    """"HD9-200、400、600" -> HD9-200, HD9-400, HD9-600: later parts take the first part's prefix up to its
    last '-'."""
    first, *rest = [part.strip() for part in _LIST_SEP.split(token)]
    prefix = first[: first.rfind("-") + 1]
    return [first] + [prefix + part for part in rest]


def parse_models(text: str) -> Parsed:
    """Read the CSV's models text: ';'-separated names, "…系列" = series, "…型" stripped (a type without a
    digit is a series), "A-1、2、3" listings expanded, remarks in brackets moved out."""
    parsed = Parsed()
    for raw in _split_top_level(text):
        token = _strip_remarks(raw.strip(), parsed.remarks)
        if not token:
            continue
        is_series = token.endswith("系列")
        token = token.removesuffix("系列").strip()
        if token.endswith("型"):
            token = token.removesuffix("型")
            is_series = is_series or not re.search(r"\d", token)
        names = ([name.strip() for name in _LIST_SEP.split(token)] if is_series
                 else _expand(token) if _LIST_SEP.search(token) else [token])
        for name in names:
            if is_series and re.search(r"[-/(]", name):
                # A series token is the text before the first '-', '/' or '(' (FORMAT.md), so a name such as
                # "8-18" can only be encoded as a model prefix.
                parsed.models.append(name)
                parsed.notes.append(f"series “{name}” contains '-' or '/': encoded as a model prefix (matches "
                                    f"“{name}-…”, “{name}/…”, not e.g. “{name}No.5”)")
            else:
                if re.search(r"\s", name):
                    parsed.notes.append(f"space removed from “{name}”")
                    name = "".join(name.split())
                (parsed.series if is_series else parsed.models).append(name)
    return parsed


# --- entries -----------------------------------------------------------------------------------------------


def _family(category: str) -> tuple[str, str | None]:
    if category in FAMILY_BY_CATEGORY:
        return FAMILY_BY_CATEGORY[category], None
    if category in FAMILY_BY_JUDGEMENT:
        family, why = FAMILY_BY_JUDGEMENT[category]
        return family, f"family by judgement: {why}"
    if category in NON_ENERGY_CATEGORIES:
        return "other", None
    raise ValueError(f"no family for category {category!r}")


def _outcomes(requirement: str | None, fix: Fix) -> list[dict[str, Any]]:
    base = OUTCOMES_BY_REQUIREMENT[requirement] if requirement else [_stop(None)]
    if not fix.when:
        return [dict(outcome) for outcome in base]
    return [{"when": list(fix.when) + outcome.get("when", []), "action": outcome["action"],
             "deadline": outcome["deadline"]} for outcome in base]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def build_entry(row: dict[str, str]) -> dict[str, Any]:
    batch, serial = int(row["batch"]), row["serial"]
    fix = FIXES.get((batch, serial), Fix())
    text = row["models_or_series"]
    for old, new in fix.replace:
        text = text.replace(old, new)
    parsed = parse_models(text)
    series = list(fix.series) if fix.series is not None else parsed.series
    series += fix.add_series
    models = list(fix.models) if fix.models is not None else [m for m in parsed.models if m not in series]
    family, family_note = _family(row["category"])
    notes = [n for n in (fix.note, family_note, *dict.fromkeys(parsed.notes)) if n]
    if parsed.remarks:
        notes.append("as printed: " + row["models_or_series"])
    if row["replacement"]:
        notes.append(f"replacement column: {row['replacement']}")
    requirement = row["deadline"] or None
    entry: dict[str, Any] = {
        "serial": serial,
        "family": family,
        "category_zh": row["category"],
        "product_zh": row["product_name"],
        "models": _unique(models),
        "series": _unique(series),
        "reason_zh": row["criterion_or_reason"] or None,
        "requirement_zh": requirement,
        "outcomes": _outcomes(requirement, fix),
        "confidence": "single-source",
    }
    if notes:
        entry["note"] = "; ".join(notes)
    return entry


UNCONFIRMED_NOTE = ("the notice counts 58 motor items (3大类127项: 变压器52、电动机58、电弧焊机17) but the annex as "
                    "transcribed (EquipEffi raw rows of the official DOCX) prints 59 motor models (2-1 6, 2-2 7, 2-3 16, "
                    "2-4 30); no second copy of the annex was found (issue 17: pages, code and file-index searches for "
                    "the batch-4 model strings). Which model is the extra one is not known; {model} is printed last "
                    "before a page break, followed by “（未完续接下页）”, the only irregular place in the motor tables, and "
                    "EquipEffi's own parsed model list drops it (58 models: a parsing artefact of that remark, not "
                    "evidence). "
                    "Until the official annex is read, a hit gives PO105 (verify), never a phase-out verdict")


def split_unconfirmed(entry: dict[str, Any], fix: Fix) -> list[dict[str, Any]]:
    """The entry without its unconfirmed models, then one `verify` entry per unconfirmed model."""
    if not fix.unconfirmed:
        return [entry]
    missing = set(fix.unconfirmed) - set(entry["models"])
    if missing:
        raise ValueError(f"unconfirmed models not printed in entry {entry['serial']}: {sorted(missing)}")
    kept = dict(entry, models=[m for m in entry["models"] if m not in fix.unconfirmed])
    kept["note"] = "; ".join(filter(None, [entry.get("note"), "split off as unconfirmed: " + ", ".join(fix.unconfirmed)]))
    verify = ({"when": list(fix.when)} if fix.when else {}) | {"action": "verify", "deadline": None}
    doubtful = [dict(entry, serial=f"{entry['serial']}·{model}", models=[model], series=[], outcomes=[verify],
                     confidence="conflict", note=UNCONFIRMED_NOTE.format(model=model))
                for model in fix.unconfirmed]
    return [kept, *doubtful]


def build_catalogue(batch: int, rows: list[dict[str, str]]) -> dict[str, Any]:
    meta = BATCHES[batch]
    source_url = {row["source_url"] for row in rows}
    return {
        "kind": "phase_out_catalogue",
        "id": meta["id"],
        "title": meta["title"],
        "edition": meta["edition"],
        "document": meta["document"],
        "batch": batch,
        "published": meta["published"],
        "effective": meta["effective"],
        "supersedes": [],
        "superseded_by": [],
        "issuer": "工业和信息化部",
        "rule_zh": meta["rule_zh"],
        "confidence": "single-source",
        "sources": [{"ref": url, "note": EQUIPEFFI_NOTE} for url in sorted(source_url)] + meta["sources"],
        "note": meta["note"],
        "entries": [split for row in rows
                    for split in split_unconfirmed(build_entry(row), FIXES.get((batch, row["serial"]), Fix()))],
    }


# --- YAML output -------------------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style for structure, flow style for short lists of names and for conditions; no anchors."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = all(not isinstance(item, (dict, list)) for item in data) or all(
        isinstance(item, dict) and "field" in item for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


def _represent_dict(dumper: yaml.SafeDumper, data: dict[str, Any]) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style="field" in data or None)


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)


def dump(catalogue: dict[str, Any]) -> str:
    header = (f"# {catalogue['title']['zh']}\n"
              "# Generated by scripts/build_miit_catalogue.py from the research CSV; this file is the source of truth.\n")
    return header + yaml.dump(catalogue, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def main(argv: list[str]) -> None:
    csv_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CSV
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for batch in BATCHES:
        catalogue = build_catalogue(batch, [row for row in rows if int(row["batch"]) == batch])
        path = OUT_DIR / f"miit-heoe-batch{batch}.yaml"
        path.write_text(dump(catalogue), encoding="utf-8")
        print(f"{path.relative_to(REPO)}: {len(catalogue['entries'])} entries")


if __name__ == "__main__":
    main(sys.argv)
