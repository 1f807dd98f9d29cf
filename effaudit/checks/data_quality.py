"""DQ: cells that could not be used. The reader finds them (effaudit.inventory); this turns them into findings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from effaudit.checks.base import AuditContext, Rule
from effaudit.columns import BY_NAME
from effaudit.finding_texts import texts
from effaudit.findings import findings_frame
from effaudit.io.values import joined_messages, messages, texts_where
from effaudit.labels import field_value


def _rule(code: str, title_zh: str, title_en: str, what: str, bad: str, good: str) -> Rule:
    doc = f"""
What it does:
{what}
Why:
A value that cannot be read is never guessed: the cell is set aside, the item is `not_assessable` unless a
violation is proven from its other data, and the finding names the column and the value.
Example:
{bad}
Use instead:
{good}
"""
    return Rule(code, "not_assessable", title_zh, title_en, doc)


RULES = (
    _rule("DQ101", "数值无法识别", "Number not readable", "A numeric cell holds text that is not a number.",
          "额定功率 = '约七十五'", "额定功率 = 75 (or '75kW')"),
    _rule("DQ102", "单位错误或无法识别", "Wrong or unknown unit", "A cell's unit is unknown or of the wrong kind for the column.",
          "额定功率 = '75kVA' (apparent power in a kW column)", "额定功率 = '75kW'"),
    _rule("DQ103", "数值超出合理范围", "Value out of range",
          "A number outside what the quantity can be (negative power, efficiency above 100 %, absurd magnitudes), "
          "or outside what the item's family can have (a motor's efficiency under 40 %, kW in a W loss column: "
          "plausible: in its family profile).",
          "效率 = 104", "效率 = 94.2"),
    _rule("DQ104", "比值还是百分数不明", "Ratio or percent?",
          "An efficiency or share column mixes ratios (≤ 1) and percentages without % signs, so a value ≤ 1 is "
          "ambiguous.",
          "效率 column holding 0.93 and 92.5", "Write every value as a percentage (93, 92.5) or with a % sign"),
    _rule("DQ105", "日期无法识别", "Date not readable", "A date cell that is not a date in any accepted form.",
          "出厂日期 = '去年'", "出厂日期 = '2016-04' (or 2016年4月, 2016.04, 2016)"),
    _rule("DQ106", "日期晚于今日", "Date in the future", "A manufacture or commissioning date after today.",
          "出厂日期 = 2031-01-01", "The nameplate date"),
    _rule("DQ107", "设备编号重复", "Duplicate equipment id", "The same equipment id appears on more than one line.",
          "M-012 on rows 7 and 19", "A unique id per line (or one line with 数量 = 2)"),
    _rule("DQ109", "取值无法识别", "Unknown value", "A coded column (insulation, core material, cooling, fuel …) holds text that "
          "none of the vocabulary's aliases matches.", "冷却方式 = '自然'", "冷却方式 = '风冷' (or 水冷, IC411 …)"),
    _rule("DQ110", "未注明单位", "Unit missing",
          "A quantity whose unit varies from row to row (产量, 单位产品能耗) has no unit in its cell or its header.",
          "产量 = 120000 under a header 产量", "产量 = '12万t', or a header 产量(t)"),
    _rule("DQ111", "与铭牌或型号不一致", "Disagrees with the nameplate or the model",
          "A value stated in its own column differs from the one the nameplate text in the same row gives, or a "
          "rating differs from the one the model states (S11-M-1600/10 is 1600 kVA); the stated value is used and "
          "the item is not cleared until the two agree.",
          "额定功率 = 15, 铭牌参数 = 'YE3-160M-4/11kW/1460rpm/η=92.5%'", "额定功率 = 11 (as on the nameplate)"),
    _rule("DQ113", "公式无计算结果", "Formula without a value",
          "A cell holds a formula whose value was never computed (the file was written by a program that does not "
          "calculate, or saved without recalculating): every reader sees it as empty.",
          "效率 = =B5*100 with no stored result", "Open the file in Excel or WPS and save it; or type the value"),
    _rule("DQ114", "铭牌文字未能全部识别", "Nameplate text partly unread",
          "A nameplate cell told nothing usable, or holds figures that could not be read (a number without a unit "
          "or a label, a value stated twice differently). An information note: it changes no verdict, and what "
          "was read is used.", "铭牌参数 = '功率 750 电压 10 2016'",
          "铭牌参数 = 'YE3-160M-4 11kW 380V 1460r/min 效率92.5% 2016年'"),
    _rule("DQ108", "极数无效", "Invalid pole count", "A pole count that a motor cannot have.",
          "极数 = 5", "极数 = 4 (or the rated speed, 1480 r/min)"),
)


NOTES_BY_NATURE = ("DQ114",)  # information whatever the family reads: no "column not used" note


def run(ctx: AuditContext, problems: pd.DataFrame) -> pd.DataFrame:
    """One finding per problem cell: the column, the value as written, and why (finding_texts.yaml ``data.cell``).
    A problem in a column the item's family does not read (``relevant`` false) is an information note: it never
    changes the verdict."""
    relevant = problems["relevant"].to_numpy(dtype=bool)
    noted = ~relevant & ~problems["code"].isin(NOTES_BY_NATURE).to_numpy()
    note = texts("data", "note")
    zh, en = joined_messages((lambda problem_zh, problem_en, column, value, with_note: texts(
        "data", "cell", problem=(problem_zh, problem_en), column=column, value=value,
        note=note if with_note else ""), [problems["message_zh"], problems["message_en"],
                                          problems["source_column"].astype(str), problems["value"].astype(str),
                                          noted]))
    return findings_frame(
        problems["item"], code=problems["code"],
        severity=texts_where(relevant, "not_assessable", "info"), verdict=texts_where(relevant, "not_assessable", None),
        message_zh=zh, message_en=en)


def model_conflicts(conflicts: list[tuple[str, np.ndarray, np.ndarray, np.ndarray]]) -> pd.DataFrame:
    """DQ111 for each stated rating that disagrees with its model (a family profile's model.checked)."""
    frames = []
    for field, items, stated, from_model in conflicts:
        column = BY_NAME[field]
        zh, en = messages(lambda value, model: texts(
            "data", "DQ111", field=(column.zh, column.en), stated=field_value(field, value, "en"),
            model=field_value(field, model, "en")), stated, from_model)
        frames.append(findings_frame(
            items, code="DQ111", severity="not_assessable", verdict="not_assessable",
            measured_value=stated, measured_unit=column.unit, required_value=from_model, required_unit=column.unit,
            message_zh=zh, message_en=en))
    return pd.concat(frames, ignore_index=True) if frames else findings_frame([])
