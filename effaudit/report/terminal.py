"""The terminal summary: counts by verdict, then every item that needs action, with row, model and reason."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from effaudit.engine import AuditResult
from effaudit.filenames import readable
from effaudit.findings import VERDICT_ORDER, VERDICT_ZH, deciding_findings
from effaudit.report.context import untrusted_text
from effaudit.report.quota_detail import computation_lines

STYLE = {"phase_out": "bold red", "below_minimum": "red", "below_energy_saving": "yellow",
         "energy_saving": "green", "advanced": "bold green", "not_assessable": "magenta", "out_of_scope": "dim"}
SHOWN_VERDICTS = ("phase_out", "below_minimum", "below_energy_saving", "not_assessable")
MAX_LINES = 200
TERMINAL_TEXT_LIMIT = 300


def _text(value: object) -> Text:
    """Cell text as inert rich Text: no markup interpretation, no control or bidi characters (an ESC from a
    spreadsheet must not reach the terminal), cut to a readable length."""
    return Text(untrusted_text(value, TERMINAL_TEXT_LIMIT))


def render(result: AuditResult, console: Console, lang: str = "zh") -> None:
    items = result.items
    message = "message_zh" if lang == "zh" else "message_en"
    title = f"effaudit — {readable(result.inventory.path.name)} — as of {result.as_of.isoformat()}"
    summary = Table(title=title, show_edge=False)
    summary.add_column("verdict")
    summary.add_column("判定" if lang == "zh" else "", justify="left")
    summary.add_column("items", justify="right")
    summary.add_column("quantity", justify="right")
    for verdict in VERDICT_ORDER:
        chosen = items["verdict"] == verdict
        if chosen.any():
            summary.add_row(Text(verdict, style=STYLE[verdict]), VERDICT_ZH[verdict], str(int(chosen.sum())),
                            f"{items.loc[chosen, 'quantity'].sum():g}")
    console.print(summary)
    _products(result, console, lang)

    deciding = deciding_findings(result.findings, len(items))
    shown = items.assign(finding=deciding)
    shown = shown[(shown["finding"] >= 0) & shown["verdict"].isin(SHOWN_VERDICTS)]
    if shown.empty:
        return
    detail = Table(show_edge=False, show_lines=False)
    for column in ("sheet", "row", "id", "model", "verdict", "reason"):
        detail.add_column(column, overflow="fold")
    order = {v: i for i, v in enumerate(VERDICT_ORDER)}
    shown = shown.assign(rank=shown["verdict"].map(order)).sort_values("rank", kind="stable")
    for item in shown.head(MAX_LINES).to_dict("records"):
        finding = result.findings.iloc[item["finding"]]
        detail.add_row(_text(item["sheet"]), str(item["row"]), _text(item["equipment_id"]), _text(item["model"]),
                       Text(item["verdict"], style=STYLE[item["verdict"]]),
                       _text(f"{finding['code']} {finding[message]}"))
    console.print(detail)
    if len(shown) > MAX_LINES:
        console.print(f"… and {len(shown) - MAX_LINES} more (see --json / --xlsx for all)")


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
