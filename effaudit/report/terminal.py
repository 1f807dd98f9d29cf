"""The terminal summary: counts by verdict, then every item that needs action (where, what, status, reason), then
how many violations and which files were written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from effaudit.engine import AuditResult
from effaudit.filenames import readable
from effaudit.findings import VERDICT_ORDER, VERDICT_ZH, deciding_findings
from effaudit.report.context import STATUS_LABELS, Documents, finding_message, untrusted_text, verdict_label
from effaudit.report.quota_detail import computation_lines
from effaudit.savings.estimate import REASONS

STYLE = {"phase_out": "bold red", "below_minimum": "red", "below_energy_saving": "yellow",
         "energy_saving": "green", "advanced": "bold green", "not_assessable": "magenta", "out_of_scope": "dim"}
SHOWN_VERDICTS = ("phase_out", "below_minimum", "below_energy_saving", "not_assessable")
STATUS_STYLE = {"violation": "bold red", "advisory": "yellow", "not_assessable": "magenta", "ok": "green"}
MAX_LINES = 200
HEADERS = {"zh": {"summary": ("verdict", "判定", "条目", "数量"), "detail": ("位置", "设备", "状态", "原因")},
           "en": {"summary": ("verdict", "", "items", "quantity"), "detail": ("where", "item", "status", "reason")}}
TERMINAL_TEXT_LIMIT = 300


def _text(value: object) -> Text:
    """Cell text as inert rich Text: no markup interpretation, no control or bidi characters (an ESC from a
    spreadsheet must not reach the terminal), cut to a readable length."""
    return Text(untrusted_text(value, TERMINAL_TEXT_LIMIT))


def render(result: AuditResult, console: Console, lang: str = "zh", enterprise: str | None = None,
           written: Sequence[Path] = ()) -> None:
    """The counts by verdict, the items to act on, and a closing line: violations and the files written. Laid out
    for 80 columns: where, the item (id, name, model), its status (and verdict) and the reason."""
    items = result.items
    summary = Table(title=_title(result, lang, enterprise), show_edge=False)
    for header, justify in zip(HEADERS[lang]["summary"], ("left", "left", "right", "right")):
        summary.add_column(header, justify=justify)
    for verdict in VERDICT_ORDER:
        chosen = items["verdict"] == verdict
        if chosen.any():
            summary.add_row(Text(verdict, style=STYLE[verdict]), VERDICT_ZH[verdict], str(int(chosen.sum())),
                            f"{items.loc[chosen, 'quantity'].sum():g}")
    console.print(summary)
    _products(result, console, lang)
    _detail(result, console, lang)
    _closing(result, console, lang, written, wrap=True)


def _title(result: AuditResult, lang: str, enterprise: str | None) -> str:
    return " — ".join(part for part in ("effaudit", untrusted_text(enterprise, TERMINAL_TEXT_LIMIT),
                                        readable(result.inventory.path.name),
                                        f"{'审核基准日' if lang == 'zh' else 'as of'} {result.as_of.isoformat()}")
                      if part)


def render_counts(result: AuditResult, console: Console, lang: str = "zh", enterprise: str | None = None,
                  written: Sequence[Path] = ()) -> None:
    """One line of counts by verdict, then the closing line: what a script or a log needs, without the table."""
    counts = result.items["verdict"].value_counts()
    parts = [f"{verdict_label(verdict, lang)} {int(counts[verdict])}" for verdict in VERDICT_ORDER if verdict in counts]
    total = len(result.items)
    counted = (f"{total} 条：" + "，".join(parts)) if lang == "zh" else (f"{total} items: " + ", ".join(parts))
    console.print(Text(f"{_title(result, lang, enterprise)}: {counted}"), soft_wrap=True)
    _closing(result, console, lang, written, wrap=False)


def _plan_line(result: AuditResult, lang: str) -> str | None:
    """The renewal list in one sentence: how many items, what they would save and cost (effaudit.savings)."""
    if result.plan is None or not len(result.plan.items):
        return None
    totals = result.plan.totals()
    zh = lang == "zh"
    head = (f"整改及更新计划 {totals['items']} 项（淘汰 {totals['phase_out']}，更新 {totals['replace']}，"
            f"评估 {totals['assess']}）" if zh else
            f"renewal plan: {totals['items']} items ({totals['phase_out']} phase out, {totals['replace']} replace, "
            f"{totals['assess']} assess)")
    if totals["tce_per_year"] is None:
        reasons = sorted(result.plan.items["reason"].dropna().unique().tolist())
        if reasons and "no_hours" not in reasons:  # the usual cause is no hours; where it is not, the list's own
            return head + "".join(("；" if zh else "; ") + REASONS[reason][0 if zh else 1] for reason in reasons)
        return head + ("；未估算节能量（缺年运行小时数：清单或 --profile）" if zh else
                       "; no savings estimated (no operating hours: inventory or --profile)")
    figures = [f"{totals['tce_per_year']:,.2f} tce", f"{totals['tco2_per_year']:,.2f} t CO₂"
               if totals["tco2_per_year"] is not None else None,
               f"{totals['money_per_year']:,.0f} 元" if zh and totals["money_per_year"] is not None else
               f"{totals['money_per_year']:,.0f} yuan" if totals["money_per_year"] is not None else None]
    saved = ("；估算年节约 " if zh else "; estimated saving a year ") + ("、" if zh else ", ").join(
        figure for figure in figures if figure)
    cost = "" if totals["investment"] is None else (f"；投资 {totals['investment']:,.0f} 元" if zh else
                                                    f"; investment {totals['investment']:,.0f} yuan")
    return head + saved + cost


def _closing(result: AuditResult, console: Console, lang: str, written: Sequence[Path], wrap: bool) -> None:
    """The renewal list's line, violations and the files written; ``wrap``: at the console's width, else one line
    per text."""
    zh = lang == "zh"
    plan = _plan_line(result, lang)
    if plan:
        console.print(plan, highlight=False, soft_wrap=not wrap)
    violations = int((result.items["status"] == "violation").sum())
    names = ("、" if zh else ", ").join(readable(str(path)) for path in written)
    if zh:
        console.print(f"违规条目 {violations} 项；" + (f"已写出 {names}" if written else
                                                   "未写出文件（--json、--pdf、--xlsx 写出报告）"), highlight=False,
                      soft_wrap=not wrap)
    else:
        console.print(f"{violations} item{'' if violations == 1 else 's'} in violation; "
                      + (f"written: {names}" if written else "no files written (--json, --pdf, --xlsx write them)"),
                      highlight=False, soft_wrap=not wrap)


def _detail(result: AuditResult, console: Console, lang: str) -> None:
    """The items to act on, worst verdict first, each with the finding that sets its status."""
    items = result.items
    deciding = deciding_findings(result.findings, len(items))
    shown = items.assign(finding=deciding)
    shown = shown[(shown["finding"] >= 0) & shown["verdict"].isin(SHOWN_VERDICTS)]
    if shown.empty:
        return
    documents = Documents(result)
    detail = Table(show_edge=False, show_lines=True)
    for header, width in zip(HEADERS[lang]["detail"], (10, 18, 14, None)):
        detail.add_column(header, overflow="fold", max_width=width, ratio=None if width else 1)
    order = {v: i for i, v in enumerate(VERDICT_ORDER)}
    shown = shown.assign(rank=shown["verdict"].map(order)).sort_values("rank", kind="stable")
    statuses = STATUS_LABELS[lang]
    for item in shown.head(MAX_LINES).to_dict("records"):
        finding = result.findings.iloc[item["finding"]]
        where = _text(item["sheet"]).append(f"\n第{item['row']}行" if lang == "zh" else f"\nrow {item['row']}")
        described = Text("\n").join(_text(item[column]) for column in ("equipment_id", "name", "model")
                                    if untrusted_text(item[column]))
        status = Text(statuses[item["status"]], style=STATUS_STYLE[item["status"]])
        status.append(f"\n{verdict_label(item['verdict'], lang)}", style=STYLE[item["verdict"]])
        detail.add_row(where, described, status, _text(f"{finding['code']} {finding_message(finding, documents, lang)}"))
    console.print(detail)
    if len(shown) > MAX_LINES:
        console.print(f"… 另有 {len(shown) - MAX_LINES} 项（全部见 --json / --xlsx）" if lang == "zh" else
                      f"… and {len(shown) - MAX_LINES} more (see --json / --xlsx for all)")


def _products(result: AuditResult, console: Console, lang: str) -> None:
    """One block per judged product row: its verdict and the computation behind it."""
    items = result.items
    for position, computation in sorted(result.quota_computations.items()):
        item = items.iloc[position]
        verdict = item["verdict"]
        heading = Text(f"{item['sheet']} row {item['row']}: ")
        heading.append(untrusted_text(item["product_name"], TERMINAL_TEXT_LIMIT))
        heading.append(f" — {computation.standard.id} {computation.entry.citation} — ")
        heading.append(verdict, style=STYLE[verdict])
        console.print(heading)
        for line in computation_lines(computation, lang):
            console.print(Text("    " + line))
