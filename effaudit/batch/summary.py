"""The region summary: one small ``EnterpriseSummary`` per audited enterprise (made in the worker, kept in the
manifest), the tables a bureau reads across enterprises, and the findings of every enterprise as CSV rows.

Every region figure is a sum over the enterprise summaries, and every share is a ratio of sums (never an average
of percentages), so the summary always adds up to the per-enterprise results.

"Key equipment at the energy-saving level" is each audit's own measure (effaudit.target_share: the graded items
of the families a mandatory standard covers, by units and by rated power), summed over the enterprises: one
enterprise's share in the summary is the figure of its own report, to the digit.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from effaudit.engine import AuditResult
from effaudit.findings import STATUS_ORDER, VERDICT_ORDER
from effaudit.report.context import FAMILY_LABELS, untrusted_text, verdict_label
from effaudit.report.metadata import Enterprise


@dataclass(frozen=True)
class EnterpriseSummary:
    """What the region summary needs of one enterprise: small, picklable, and JSON-able for the manifest."""

    input: str
    folder: str
    name: str
    industry: str
    district: str
    items: int
    quantity: float
    rated_power_kw: float
    graded_quantity: float
    target_quantity: float
    graded_power_kw: float
    target_power_kw: float
    by_verdict: dict[str, int]
    by_status: dict[str, int]
    by_family: dict[str, dict[str, float]]  # family → items, quantity, rated_power_kw, violations
    phase_out_models: dict[str, list[float]]  # model as written (NFKC, upper case) → [items, quantity]

    @property
    def violations(self) -> int:
        return self.by_status.get("violation", 0)


def model_key(model: object) -> str:
    """A phase-out model as the summary counts it: as written, NFKC, upper case."""
    return unicodedata.normalize("NFKC", untrusted_text(model, limit=200)).strip().upper()


def summarize(result: AuditResult, enterprise: Enterprise, input_name: str, folder: str,
              fallback_name: str) -> EnterpriseSummary:
    items = result.items
    quantity = items["quantity"].astype(float).fillna(0.0)
    power = quantity * items["rated_power_kw"].astype(float).fillna(0.0)
    target = result.target
    assert target is not None
    frame = pd.DataFrame({"family": items["family"].astype(object).fillna("unknown"), "items": 1,
                          "quantity": quantity, "rated_power_kw": power,
                          "violations": (items["status"] == "violation").astype(int)})
    by_family = {str(family): {name: float(value) for name, value in row.items()}
                 for family, row in frame.groupby("family", sort=True)[
                     ["items", "quantity", "rated_power_kw", "violations"]].sum().iterrows()}
    phase_out = pd.DataFrame({"model": items["model"].map(model_key), "quantity": quantity})[
        items["verdict"] == "phase_out"]
    models = phase_out[phase_out["model"] != ""].groupby("model", sort=True)["quantity"].agg(["size", "sum"])
    by_verdict, by_status = items["verdict"].value_counts(), items["status"].value_counts()
    return EnterpriseSummary(
        input=input_name, folder=folder, name=untrusted_text(enterprise.name) or fallback_name,
        industry=untrusted_text(enterprise.industry), district=untrusted_text(enterprise.district),
        items=len(items), quantity=float(quantity.sum()), rated_power_kw=float(power.sum()),
        graded_quantity=target.assessed.quantity, target_quantity=target.at_target.quantity,
        graded_power_kw=target.assessed.rated_power_kw, target_power_kw=target.at_target.rated_power_kw,
        by_verdict={v: int(by_verdict.get(v, 0)) for v in VERDICT_ORDER},
        by_status={s: int(by_status.get(s, 0)) for s in STATUS_ORDER},
        by_family=by_family,
        phase_out_models={model: [int(row["size"]), float(row["sum"])] for model, row in models.iterrows()},
    )


# --- findings of all enterprises, one CSV row per finding --------------------------------------------------

FINDING_FIELDS = ("code", "severity", "verdict", "standard", "clause", "measured_value", "measured_unit",
                  "required_value", "required_unit", "inferred", "confidence", "deadline")
ITEM_FIELDS = ("sheet", "row", "equipment_id", "name", "model", "family", "quantity", "rated_power_kw")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(value: object) -> object:
    """Spreadsheet programs run a CSV cell starting with ``=``, ``+``, ``-`` or ``@`` as a formula: such text
    from the inventory gets a leading apostrophe (OWASP's advice against CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def findings_table(result: AuditResult, summary: EnterpriseSummary, lang: str) -> pd.DataFrame:
    """One row per finding, with the enterprise, the item it belongs to and the item's verdict and status."""
    findings = result.findings
    items = result.items.iloc[findings["item"].to_numpy()].reset_index(drop=True)
    table = pd.DataFrame({"enterprise": summary.name, "folder": summary.folder, "input": summary.input},
                         index=findings.index)
    for name in ITEM_FIELDS:
        table[name] = items[name].to_numpy()
    table["item_verdict"], table["item_status"] = items["verdict"].to_numpy(), items["status"].to_numpy()
    for name in FINDING_FIELDS:
        table[name] = findings[name].to_numpy()
    table["message"] = findings[f"message_{lang}"].to_numpy()
    text_columns = ["enterprise", "input", "sheet", "equipment_id", "name", "model", "message"]
    table[text_columns] = table[text_columns].map(
        lambda value: _inert(untrusted_text(value, limit=None)) if isinstance(value, str) else value)
    return table


# --- region tables ------------------------------------------------------------------------------------------

LABELS = {
    "zh": {"name": "企业名称", "input": "清单文件", "folder": "报告目录", "industry": "所属行业", "district": "所在地区",
           "enterprises": "企业数", "items": "条目", "quantity": "数量", "rated_power_kw": "额定功率合计(kW)",
           "violations": "违规条目", "violating_enterprises": "有违规的企业", "share_units": "节能水平及以上占比(按台数,%)",
           "share_power": "节能水平及以上占比(按功率,%)", "family": "设备类别", "family_key": "类别代码",
           "model": "淘汰型号", "not_given": "（未填）", "total": "合计"},
    "en": {"name": "enterprise", "input": "inventory file", "folder": "report folder", "industry": "industry",
           "district": "district", "enterprises": "enterprises", "items": "items", "quantity": "quantity",
           "rated_power_kw": "rated power total (kW)", "violations": "violating items",
           "violating_enterprises": "enterprises with violations",
           "share_units": "at energy-saving level or better (units, %)",
           "share_power": "at energy-saving level or better (rated power, %)", "family": "family",
           "family_key": "family code", "model": "phase-out model", "not_given": "(not given)", "total": "total"},
}
SHEETS = ("Enterprises", "By family", "By industry", "By district", "Obsolete models", "Violations", "Progress",
          "Trend")


def share_pct(target: float, graded: float) -> float | None:
    return round(100 * target / graded, 1) if graded else None


@dataclass(frozen=True)
class Region:
    """The region summary as named tables (column headers in the report language), in sheet order. A table
    without rows is left out (no industry or district given anywhere, no phase-out model, no violation)."""

    lang: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    totals: dict[str, float | int | None] = field(default_factory=dict)


def _totals(summaries: Sequence[EnterpriseSummary]) -> dict[str, float | int | None]:
    def total(name: str) -> float:
        return sum(getattr(s, name) for s in summaries)

    return {"enterprises": len(summaries), "items": total("items"), "quantity": total("quantity"),
            "rated_power_kw": total("rated_power_kw"), "violations": total("violations"),
            "violating_enterprises": sum(s.violations > 0 for s in summaries),
            "share_units": share_pct(total("target_quantity"), total("graded_quantity")),
            "share_power": share_pct(total("target_power_kw"), total("graded_power_kw"))}


def _enterprises(summaries: Sequence[EnterpriseSummary], labels: dict, lang: str) -> pd.DataFrame:
    rows = [{"name": s.name, "input": s.input, "folder": s.folder, "industry": s.industry, "district": s.district,
             "items": s.items, "quantity": s.quantity, "rated_power_kw": s.rated_power_kw,
             **{verdict: s.by_verdict.get(verdict, 0) for verdict in VERDICT_ORDER}, "violations": s.violations,
             "share_units": share_pct(s.target_quantity, s.graded_quantity),
             "share_power": share_pct(s.target_power_kw, s.graded_power_kw)} for s in summaries]
    verdicts = {verdict: verdict_label(verdict, lang) for verdict in VERDICT_ORDER}
    columns = [*labels["columns"], "items", "quantity", "rated_power_kw", *VERDICT_ORDER, "violations",
               "share_units", "share_power"]
    return pd.DataFrame(rows, columns=columns).rename(columns={**labels["names"], **verdicts})


def _by_group(summaries: Sequence[EnterpriseSummary], key: str, labels: dict) -> pd.DataFrame:
    groups: dict[str, list[EnterpriseSummary]] = defaultdict(list)
    for s in summaries:
        groups[getattr(s, key) or labels["names"]["not_given"]].append(s)
    rows = [{key: group, **_totals(members)} for group, members in sorted(groups.items())]
    return pd.DataFrame(rows).rename(columns=labels["names"])


def _by_family(summaries: Sequence[EnterpriseSummary], labels: dict, lang: str) -> pd.DataFrame:
    sums: dict[str, Counter] = defaultdict(Counter)
    for s in summaries:
        for family, figures in s.by_family.items():
            sums[family].update({**figures, "enterprises": 1})
    order = [family for family in FAMILY_LABELS if family in sums] + sorted(set(sums) - set(FAMILY_LABELS))
    rows = [{"family": FAMILY_LABELS.get(family, (family, family))[lang != "zh"], "family_key": family,
             "enterprises": sums[family]["enterprises"], "items": int(sums[family]["items"]),
             "quantity": sums[family]["quantity"], "rated_power_kw": sums[family]["rated_power_kw"],
             "violations": int(sums[family]["violations"])} for family in order]
    return pd.DataFrame(rows).rename(columns=labels["names"])


def _obsolete_models(summaries: Sequence[EnterpriseSummary], labels: dict) -> pd.DataFrame:
    sums: dict[str, Counter] = defaultdict(Counter)
    for s in summaries:
        for model, (items, quantity) in s.phase_out_models.items():
            sums[model].update({"enterprises": 1, "items": items, "quantity": quantity})
    rows = [{"model": model, **figures} for model, figures in sums.items()]
    rows.sort(key=lambda row: (-row["quantity"], -row["items"], row["model"]))
    return pd.DataFrame(rows, columns=["model", "enterprises", "items", "quantity"]).rename(
        columns=labels["names"])


def _violations(summaries: Sequence[EnterpriseSummary], labels: dict, lang: str) -> pd.DataFrame:
    violating = sorted((s for s in summaries if s.violations), key=lambda s: (-s.violations, s.folder))
    rows = [{"name": s.name, "input": s.input, "folder": s.folder, "industry": s.industry, "district": s.district,
             "violations": s.violations, "phase_out": s.by_verdict.get("phase_out", 0),
             "below_minimum": s.by_verdict.get("below_minimum", 0)} for s in violating]
    columns = [*labels["columns"], "violations", "phase_out", "below_minimum"]
    return pd.DataFrame(rows, columns=columns).rename(columns={
        **labels["names"], "phase_out": verdict_label("phase_out", lang),
        "below_minimum": verdict_label("below_minimum", lang)})


def region(summaries: Iterable[EnterpriseSummary], lang: str,
           rounds: dict[str, pd.DataFrame] | None = None) -> Region:
    """The region tables, enterprises in the order given (the sorted input order); ``rounds``: the tables computed
    from the findings store — those that compare inspection rounds (``effaudit.store.progress``, when the store has
    an earlier one) and the renewal project reserve (``effaudit.store.reserve``)."""
    summaries = list(summaries)
    labels = {"names": LABELS[lang], "columns": ["name", "input", "folder", "industry", "district"]}
    tables = {
        "Enterprises": _enterprises(summaries, labels, lang),
        "By family": _by_family(summaries, labels, lang),
        "By industry": _by_group(summaries, "industry", labels) if any(s.industry for s in summaries) else None,
        "By district": _by_group(summaries, "district", labels) if any(s.district for s in summaries) else None,
        "Obsolete models": _obsolete_models(summaries, labels),
        "Violations": _violations(summaries, labels, lang),
        **(rounds or {}),
    }
    return Region(lang, {name: table for name, table in tables.items()
                         if table is not None and (len(table) or name == "Enterprises")},
                  _totals(summaries))


# --- the region summary as workbook and PDF -----------------------------------------------------------------

TITLES = {"Progress": ("整改进展（与上次审核相比）", "Progress since the previous round"),
          "Trend": ("各轮审核趋势", "Trend over the inspection rounds"),
          "Enterprises": ("企业一览", "Enterprises"), "By family": ("按设备类别", "By equipment family"),
          "By industry": ("按行业", "By industry"), "By district": ("按地区", "By district"),
          "Obsolete models": ("最常见的淘汰型号", "Most frequent phase-out models"),
          "Violations": ("有违规设备的企业", "Enterprises with violations"),
          "Reserve": ("设备更新改造项目储备（按地区、行业、类别）", "Renewal project reserve (by district, industry, family)"),
          "Reserve items": ("设备更新改造项目清单（回收期最短者在前）", "Renewal projects (shortest payback first)")}
PDF_MODEL_ROWS = 30  # the PDF lists the most frequent phase-out models (and projects); the workbook lists them all


def render_workbook(summary: Region, as_of: dt.date) -> bytes:
    """summary.xlsx: one sheet per table, header frozen, filters on; text always stored as text. The same
    summary and as-of give the same bytes."""
    from openpyxl import Workbook

    from effaudit.report.xlsx import workbook_bytes, write_sheet

    workbook = Workbook(write_only=True)
    for name, table in summary.tables.items():
        write_sheet(workbook, name, list(table.columns), ((values, None) for values in _records(table)))
    return workbook_bytes(workbook, as_of)


def _records(table: pd.DataFrame) -> list[list]:
    """The rows as plain Python values (numpy scalars would be written as text), missing values as None."""
    return table.astype(object).where(table.notna(), None).values.tolist()


def display_value(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return untrusted_text(value)


@dataclass(frozen=True)
class _PdfTable:
    title: str
    headers: list[str]
    numeric: list[bool]
    rows: list[list[str]]


def _pdf_tables(summary: Region) -> list[_PdfTable]:
    tables = []
    for name, table in summary.tables.items():
        shown = table.head(PDF_MODEL_ROWS) if name in ("Obsolete models", "Reserve items") else table
        numeric = [pd.api.types.is_numeric_dtype(table[column]) or table[column].isna().all()
                   for column in table.columns]
        rows = [[display_value(value) for value in values] for values in _records(shown)]
        tables.append(_PdfTable(TITLES[name][summary.lang != "zh"], list(map(str, table.columns)), numeric, rows))
    return tables


def render_pdf(summary: Region, as_of: dt.date, rulebook_version: str, failures: int) -> bytes:
    """summary.pdf (A4 landscape): the totals, then every table. Rendered like the enterprise reports: the
    report templates, autoescaped, and a fetcher that serves nothing outside report_templates/."""
    from effaudit import __version__
    from effaudit.report.pdf import pdf_of, render_template, require_cjk_font

    require_cjk_font()
    created = dt.datetime.combine(as_of, dt.time(), dt.timezone.utc).isoformat()
    html = render_template(
        "summary.html.j2", lang=summary.lang, totals={key: display_value(value) for key, value in summary.totals.items()},
        labels=LABELS[summary.lang], tables=_pdf_tables(summary), as_of=as_of, created=created,
        version=__version__, rulebook_version=rulebook_version, failures=failures)
    return pdf_of(html, html)  # same content → same PDF bytes
