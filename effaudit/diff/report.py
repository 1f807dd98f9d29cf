"""A re-inspection as the inspector reads it: the JSON (schema ``effaudit.diff/1``), the terminal summary and the
re-inspection workbook (复查报告, zh/en). Each renders the ``Diff`` as it is and never re-judges an item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from rich.console import Console
from rich.table import Table
from rich.text import Text

from effaudit import __version__
from effaudit.diff.compare import Diff, DiffItem
from effaudit.report.context import untrusted_text, verdict_label

SCHEMA = "effaudit.diff/1"
STATUS_LABELS = {
    "zh": {"fixed": "已整改", "still_open": "仍未整改", "new": "新发现问题", "removed": "已从清单移除（未见替换）",
           "unchanged_ok": "合规（无变化）"},
    "en": {"fixed": "fixed", "still_open": "still open", "new": "new problem",
           "removed": "removed from the inventory (no replacement)", "unchanged_ok": "compliant, unchanged"},
}
MATCH_LABELS = {"zh": {"equipment_id": "设备编号", "keys": "型号、额定值、名称、位置", "replacement": "名称、位置（更换）",
                       None: ""},
                "en": {"equipment_id": "equipment id", "keys": "model, rating, name, location",
                       "replacement": "name, location (replaced)", None: ""}}
STYLE = {"fixed": "green", "still_open": "bold red", "new": "red", "removed": "yellow", "unchanged_ok": "dim"}
MAX_LINES = 200


def as_json(diff: Diff) -> dict:
    def side(audit: object) -> dict:
        return {"source": audit.label, "as_of": audit.as_of, "inventory_sha256": audit.inventory_sha256}

    return {"schema": SCHEMA, "tool": {"name": "effaudit", "version": __version__},
            "old": side(diff.old), "new": side(diff.new),
            "summary": {"by_status": diff.counts, "new_violations": diff.new_violations},
            "items": [{**({"enterprise": item.enterprise} if item.enterprise is not None else {}),
                       "equipment_id": item.equipment_id, "status": item.status, "match": item.match,
                       "old": item.old, "new": item.new} for item in diff.items]}


def _either(item: DiffItem, name: str) -> object:
    return (item.new or item.old)[name]


def _verdict(side: dict | None, lang: str) -> str:
    return verdict_label(side["verdict"], lang) if side else "—"


def render_terminal(diff: Diff, console: Console, lang: str) -> None:
    """Counts by status, then every item that is not ``unchanged_ok`` (the first MAX_LINES), then the verdict."""
    zh = lang == "zh"
    labels = STATUS_LABELS[lang]
    title = f"{'复查' if zh else 're-inspection'}: {diff.old.as_of} → {diff.new.as_of}"
    counts = Table(title=title, show_edge=False)
    counts.add_column("status")
    counts.add_column("" if not zh else "状态")
    counts.add_column("条目" if zh else "items", justify="right")
    for status, count in diff.counts.items():
        counts.add_row(Text(status, style=STYLE[status]), labels[status], str(count))
    console.print(counts)
    detail = Table(show_edge=False)
    for header in (("设备", "状态", "原判定 → 现判定", "匹配依据") if zh else ("item", "status", "verdict then → now",
                                                                      "matched by")):
        detail.add_column(header)
    shown = [item for item in diff.items if item.status != "unchanged_ok"]
    for item in shown[:MAX_LINES]:
        what = " ".join(part for part in (item.enterprise, item.equipment_id, _either(item, "name"),
                                          _either(item, "model")) if part)
        detail.add_row(Text(untrusted_text(what, 80)), Text(labels[item.status], style=STYLE[item.status]),
                       f"{_verdict(item.old, lang)} → {_verdict(item.new, lang)}", MATCH_LABELS[lang][item.match])
    if shown:
        console.print(detail)
    if len(shown) > MAX_LINES:
        console.print(f"… {len(shown) - MAX_LINES}" + (" 项未列出（见 --json / --xlsx）" if zh else
                                                        " more (see --json / --xlsx)"), highlight=False)
    counts_now = diff.counts
    if zh:
        console.print(f"仍未整改 {counts_now['still_open']} 项，新发现违规 {diff.new_violations} 项，"
                      f"已整改 {counts_now['fixed']} 项，移除未替换 {counts_now['removed']} 项", highlight=False)
    else:
        console.print(f"still open {counts_now['still_open']}, new violations {diff.new_violations}, "
                      f"fixed {counts_now['fixed']}, removed without replacement {counts_now['removed']}",
                      highlight=False)


HEADERS = {
    "zh": ("状态", "匹配依据", "设备编号", "设备名称", "型号", "原判定", "现判定", "原问题代码", "现问题代码",
           "原位置（表/行）", "现位置（表/行）", "原数量", "现数量"),
    "en": ("status", "matched by", "equipment id", "name", "model", "verdict then", "verdict now", "codes then",
           "codes now", "then (sheet/row)", "now (sheet/row)", "quantity then", "quantity now"),
}


def _where(side: dict | None) -> str:
    return f"{side['sheet']} / {side['row']}" if side and side["row"] is not None else ""


def _by_enterprise(diff: Diff) -> bool:
    return any(item.enterprise is not None for item in diff.items)


def _rows(diff: Diff, lang: str) -> Iterator[list]:
    for item in diff.items:
        old, new = item.old or {}, item.new or {}
        yield [*([item.enterprise] if _by_enterprise(diff) else []), STATUS_LABELS[lang][item.status],
               MATCH_LABELS[lang][item.match], item.equipment_id,
               _either(item, "name"), new.get("model", old.get("model")), _verdict(item.old, lang),
               _verdict(item.new, lang), old.get("codes", ""), new.get("codes", ""), _where(item.old),
               _where(item.new), old.get("quantity"), new.get("quantity")]


def render_workbook(diff: Diff, lang: str) -> bytes:
    """The re-inspection workbook (复查报告): a summary sheet and one row per item, in the new inventory's order,
    then the removed lines. Text is always written as text; dated the new audit's as-of date."""
    from openpyxl import Workbook

    from effaudit.report.xlsx import workbook_bytes, write_sheet

    zh = lang == "zh"
    labels = STATUS_LABELS[lang]
    summary = [("原审核", diff.old.label) if zh else ("earlier audit", diff.old.label),
               ("原审核基准日", diff.old.as_of) if zh else ("earlier as of", diff.old.as_of),
               ("本次审核", diff.new.label) if zh else ("this audit", diff.new.label),
               ("本次审核基准日", diff.new.as_of) if zh else ("this as of", diff.new.as_of),
               *((labels[status], count) for status, count in diff.counts.items()),
               ("其中新发现违规", diff.new_violations) if zh else ("of which new violations", diff.new_violations)]
    workbook = Workbook(write_only=True)
    write_sheet(workbook, "复查汇总" if zh else "Summary", ["项目" if zh else "what", "数值" if zh else "value"],
                ((list(row), None) for row in summary))
    headers = [*(["企业（报告目录）" if zh else "enterprise (folder)"] if _by_enterprise(diff) else []), *HEADERS[lang]]
    write_sheet(workbook, "复查明细" if zh else "Items", headers, ((row, None) for row in _rows(diff, lang)))
    return workbook_bytes(workbook, dt.date.fromisoformat(diff.new.as_of))


PDF_HEADERS = {"zh": ("状态", "（企业 / ）设备编号", "设备名称", "型号", "原判定", "现判定", "原 → 现问题代码", "匹配依据"),
               "en": ("status", "(enterprise / ) equipment id", "name", "model", "verdict then", "verdict now",
                      "codes then → now", "matched by")}
PDF_ORDER = ("still_open", "new", "removed", "fixed")  # what needs action first; compliant items are only counted


def render_pdf(diff: Diff, lang: str) -> bytes:
    """The re-inspection report (A4): both audits, the counts, then the items still open, new, removed and fixed
    (compliant, unchanged items are counted, not listed). Rendered like the other reports: autoescaped templates
    and a fetcher that serves nothing outside report_templates/; the same diff gives the same bytes."""
    import hashlib

    from weasyprint import HTML

    from effaudit.report.pdf import TEMPLATES, TemplateOnlyFetcher, _environment, require_cjk_font

    require_cjk_font()
    labels = STATUS_LABELS[lang]
    counts = diff.counts
    sections = []
    for status in PDF_ORDER:
        rows = [[labels[item.status], " / ".join(filter(None, (item.enterprise, item.equipment_id))),
                 untrusted_text(_either(item, "name")),
                 untrusted_text(_either(item, "model")), _verdict(item.old, lang), _verdict(item.new, lang),
                 f"{(item.old or {}).get('codes') or '—'} → {(item.new or {}).get('codes') or '—'}",
                 MATCH_LABELS[lang][item.match]] for item in diff.items if item.status == status]
        if rows:
            sections.append({"status": status, "title": labels[status], "rows": rows})
    figures = [{"label": labels[status], "count": counts[status], "alarm": status in ("still_open", "new")}
               for status in ("fixed", "still_open", "new", "removed")]

    def side(audit: object) -> dict:
        return {"label": untrusted_text(audit.label), "as_of": audit.as_of, "sha256": audit.inventory_sha256}

    as_of = dt.date.fromisoformat(diff.new.as_of)
    html = _environment().get_template("diff.html.j2").render(
        lang=lang, old=side(diff.old), new=side(diff.new), figures=figures, sections=sections,
        headers=PDF_HEADERS[lang], unchanged=counts["unchanged_ok"], version=__version__,
        created=dt.datetime.combine(as_of, dt.time(), dt.timezone.utc).isoformat())
    identifier = hashlib.sha256(html.encode()).hexdigest()[:32]
    return HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=TemplateOnlyFetcher()).write_pdf(
        pdf_identifier=identifier.encode())
