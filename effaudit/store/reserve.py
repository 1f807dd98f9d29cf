"""The region's renewal project reserve (项目储备): every enterprise's renewal list (the store's ``plan_*`` and
``saving_*`` item columns, from effaudit.savings.plan) summed by district, industry and family, and listed item by
item, as tables of the region summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from effaudit.batch.summary import LABELS as SUMMARY_LABELS
from effaudit.report.context import FAMILY_LABELS
from effaudit.savings.plan import ACTION_TEXT
from effaudit.store.query import EXACT, connect, sql_list

LABELS = {  # besides the region summary's own (effaudit.batch.summary.LABELS)
    "zh": {"family": "设备类别", "enterprises": "企业数", "items": "条目", "units": "台数", "action": "措施",
           "kwh": "年节电(kWh)", "tce": "年节约标准煤(t)", "tco2": "年减排CO₂(t)", "money": "年节约(元)",
           "investment": "投资(元)", "payback": "静态回收期(年)", "deadline": "期限", "rank": "企业内序号",
           "equipment_id": "设备编号", "name_item": "设备名称", "model": "型号", "total": "合计"},
    "en": {"family": "family", "enterprises": "enterprises", "items": "items", "units": "units", "action": "action",
           "kwh": "electricity saved (kWh/a)", "tce": "standard coal saved (t/a)", "tco2": "CO₂ avoided (t/a)",
           "money": "saved (yuan/a)", "investment": "investment (yuan)", "payback": "payback (years)",
           "deadline": "deadline", "rank": "rank in enterprise", "equipment_id": "equipment id",
           "name_item": "item", "model": "model", "total": "total"},
}
SUMS = ("kwh", "tce", "tco2", "money", "investment")


def reserve_tables(store: Path, as_of: dt.date, enterprises: Sequence[str], lang: str) -> dict[str, pd.DataFrame]:
    """``Reserve`` (sums by district, industry and family, with a total row) and ``Reserve items`` (every item of
    every enterprise's list, shortest payback first); nothing when no list has an item."""
    if not enterprises:
        return {}
    connection = connect(store)
    columns = {row[0] for row in connection.execute("DESCRIBE items").fetchall()}
    if "plan_action" not in columns:  # a store written before the renewal list existed
        connection.close()
        return {}
    where = f"as_of = DATE '{as_of.isoformat()}' AND enterprise IN ({sql_list(list(enterprises))}) " \
            "AND plan_action IS NOT NULL"
    sums = ", ".join(f"round(sum(saving_{name}::{EXACT}), 3)" if name != "investment"
                     else f"round(sum(investment::{EXACT}), 3)" for name in SUMS)
    grouped = connection.execute(f"""
        SELECT coalesce(district, ''), coalesce(industry, ''), coalesce(family, 'unknown'),
               count(DISTINCT enterprise), count(*), sum(coalesce(quantity, 1)::{EXACT}), {sums}
        FROM items WHERE {where} GROUP BY ALL ORDER BY ALL""").fetchall()
    if not grouped:
        connection.close()
        return {}
    listed = connection.execute(f"""
        SELECT enterprise_name, district, industry, plan_rank, equipment_id, name, family, model, quantity,
               plan_action, plan_deadline, round(saving_kwh), round(saving_tce, 3), round(saving_tco2, 3),
               round(saving_money), round(investment), round(payback_years, 1)
        FROM items WHERE {where}
        ORDER BY payback_years NULLS LAST, saving_tce DESC NULLS LAST, plan_deadline NULLS LAST, enterprise,
                 plan_rank""").fetchall()
    total = connection.execute(f"""
        SELECT count(DISTINCT enterprise), count(*), sum(coalesce(quantity, 1)::{EXACT}), {sums}
        FROM items WHERE {where}""").fetchone()
    connection.close()
    names, own = SUMMARY_LABELS[lang], LABELS[lang]
    zh = lang == "zh"

    def family(code: str) -> str:
        return FAMILY_LABELS.get(code, (code, code))[0 if zh else 1]

    def number(value: object) -> float | None:
        return None if value is None else float(value)

    rows = [[district or names["not_given"], industry or names["not_given"], family(code), enterprises_, items,
             float(units), *map(number, figures)]
            for district, industry, code, enterprises_, items, units, *figures in grouped]
    rows.append([own["total"], "", "", total[0], total[1], float(total[2]), *map(number, total[3:])])
    reserve = pd.DataFrame(rows, columns=[names["district"], names["industry"], own["family"], own["enterprises"],
                                          own["items"], own["units"], *(own[name] for name in SUMS)])
    items = pd.DataFrame(
        [[name, district, industry, rank, equipment, item_name, family(code), model, quantity,
          ACTION_TEXT[action][0 if zh else 1], deadline, kwh, tce, tco2, money, investment, payback]
         for name, district, industry, rank, equipment, item_name, code, model, quantity, action, deadline, kwh,
         tce, tco2, money, investment, payback in listed],
        columns=[names["name"], names["district"], names["industry"], own["rank"], own["equipment_id"],
                 own["name_item"], own["family"], own["model"], own["units"], own["action"], own["deadline"],
                 *(own[name] for name in SUMS), own["payback"]])
    return {"Reserve": reserve, "Reserve items": items}
