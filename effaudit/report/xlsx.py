"""The annotated workbook: the enterprise's own sheets with the audit's columns added, a Findings sheet and a
Summary sheet.

The own sheets are re-read from the inventory file, so every original column comes back in its order with the
cells as written (numbers stay numbers, dates stay dates); the rows are the audited items. Every text cell is
written as text — openpyxl would store ``=HYPERLINK(…)`` as a formula — so nothing in the workbook is ever
evaluated. Same input and as-of → same bytes (document dates and zip entry dates are the as-of date).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from effaudit.engine import AuditResult
from effaudit.errors import UsageError
from effaudit.io.header import unnamed_column
from effaudit.io.readers import RawSheet, read_sheets
from effaudit.io.values import cell_text
from effaudit.report.context import SECTIONS, VERDICT_COLOURS, ItemView, ReportContext, untrusted_text

EXCEL_TEXT_LIMIT = 32_767
LABELS = {
    "zh": {"added": ("判定", "状态", "代码", "原因", "要求值"),
           "findings": ("工作表", "行", "设备编号", "型号", "代码", "严重程度", "实测值", "要求值", "依据", "推定",
                        "数据待核实", "期限", "说明"),
           "verdict": ("判定", "代码", "条目", "数量"), "family": ("设备类别", "条目", "数量", "须整改", "建议更新",
                                                           "无法判定", "合格/不适用"),
           "facts": ("企业名称", "审核基准日", "设备清单", "SHA-256", "effaudit 版本", "规则库版本",
                     "达到节能水平及以上的比例（按条目）", "达到节能水平及以上的比例（按台数）"),
           "yes": "是"},
    "en": {"added": ("verdict", "status", "codes", "reason", "required"),
           "findings": ("sheet", "row", "equipment id", "model", "code", "severity", "measured", "required",
                        "basis", "inferred", "data awaits verification", "deadline", "message"),
           "verdict": ("verdict", "code", "items", "quantity"), "family": ("family", "items", "quantity", "rectify",
                                                                        "renew", "not assessable", "compliant"),
           "facts": ("enterprise", "as of", "inventory", "SHA-256", "effaudit version", "rulebook version",
                     "share at energy-saving level or better (items)",
                     "share at energy-saving level or better (units)"),
           "yes": "yes"},
}
RESERVED_SHEETS = ("Findings", "Summary", "Products")
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E9ECEF")
FILLS = {verdict: PatternFill("solid", fgColor=colour) for verdict, colour in VERDICT_COLOURS.items()}


def _cell_value(value: Any) -> Any:
    """A raw cell as it should be written: text cleaned (openpyxl refuses control characters), blanks None."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, (int, float, bool, dt.date, dt.time)):
        return value
    return untrusted_text(value, limit=EXCEL_TEXT_LIMIT) or None


class _Rows:
    """Writes rows to a worksheet. Text stays text: openpyxl would store a string starting with ``=`` as a
    formula. Counts its rows itself: ``Worksheet.max_row`` scans every cell, too slow to ask per row."""

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet
        self.count = 0

    def append(self, values: Iterable[Any], fill: PatternFill | None = None) -> list:
        self.count += 1
        cells = []
        for column, value in enumerate(values, start=1):
            cell = self.sheet.cell(row=self.count, column=column, value=_cell_value(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"
            if fill is not None:
                cell.fill = fill
            cells.append(cell)
        return cells


def _display_width(value: Any) -> int:
    text = cell_text(value, nfkc=False) or ""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _finish(rows: _Rows, header_length: int) -> None:
    """Bold header, frozen under the header, auto-filter, widths fitted to the content (within bounds)."""
    sheet = rows.sheet
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    if rows.count > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(header_length)}{rows.count}"
    for index, column in enumerate(sheet.iter_cols(min_row=1, max_row=min(rows.count, 500)), start=1):
        width = max((_display_width(cell.value) for cell in column), default=8)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 6), 60)


def _sheet_title(name: str, taken: set[str]) -> str:
    """An Excel sheet name (≤ 31 characters, none of []:*?/\\) not yet used, case-insensitively."""
    base = _SHEET_NAME_FORBIDDEN.sub("_", untrusted_text(name, limit=None)).strip("'") or "Sheet"
    title, counter = base[:31], 2
    while title.lower() in taken:
        suffix = f" ({counter})"
        title, counter = base[:31 - len(suffix)] + suffix, counter + 1
    taken.add(title.lower())
    return title


def _source_sheets(result: AuditResult) -> dict[str, RawSheet]:
    path = result.inventory.path
    if hashlib.sha256(path.read_bytes()).hexdigest() != result.inventory.sha256:
        raise UsageError("the inventory changed while it was audited; run the audit again", file=str(path))
    return {raw.name: raw for raw in read_sheets(path)}


def _own_sheet(workbook: Workbook, raw: RawSheet, header_row: int, items: Sequence[ItemView], title: str,
               added: Sequence[str]) -> None:
    header = raw.cells.iloc[header_row - raw.first_row]
    rows = raw.cells.iloc[[item.row - raw.first_row for item in items]]
    kept = [position for position in raw.cells.columns
            if cell_text(header[position]) is not None or rows[position].notna().any()]
    sheet = _Rows(workbook.create_sheet(title))
    sheet.append([cell_text(header[p], nfkc=False) or unnamed_column(int(p)) for p in kept] + list(added))
    for item, (_, row) in zip(items, rows.iterrows()):
        sheet.append([row[p] for p in kept] + [item.verdict_label, item.status_label, item.codes, item.reason,
                                                 item.required], FILLS[item.verdict])
    _finish(sheet, len(kept) + len(added))


def _findings_sheet(workbook: Workbook, context: ReportContext, labels: dict) -> None:
    sheet = _Rows(workbook.create_sheet("Findings"))
    sheet.append(labels["findings"])
    for item in context.items:
        for finding in item.findings:
            sheet.append((item.sheet, item.row, item.equipment_id, item.model, finding.code, finding.severity,
                            finding.measured, finding.required, finding.citation,
                            labels["yes"] if finding.inferred else "", labels["yes"] if finding.unverified else "",
                            finding.deadline, finding.message))
    _finish(sheet, len(labels["findings"]))


def _summary_sheet(workbook: Workbook, context: ReportContext, labels: dict) -> None:
    sheet = _Rows(workbook.create_sheet("Summary"))
    sheet.append(labels["verdict"])
    for row in context.by_verdict:
        sheet.append((row.label, row.key, row.items, row.quantity))[0].fill = FILLS[row.key]
    sheet.append(())
    for cell in sheet.append(labels["family"]):
        cell.font = HEADER_FONT
    for row in context.by_family:
        sheet.append((row.label, row.items, row.quantity, *(row.by_section[name] for name in SECTIONS)))
    sheet.append(())
    facts = (context.enterprise.name, context.as_of, context.inventory_name, context.inventory_sha256,
             context.version, context.rulebook_version, context.share.items_pct, context.share.quantity_pct)
    for label, value in zip(labels["facts"], facts):
        sheet.append((label, value))[0].font = HEADER_FONT
    _finish(sheet, len(labels["family"]))


def _products_sheet(workbook: Workbook, context: ReportContext) -> None:
    """One block per judged product row: heading and verdict, then the computation, one line per cell."""
    sheet = _Rows(workbook.create_sheet("Products"))
    for product in context.products:
        heading = sheet.append((product.heading, product.verdict_label))
        heading[0].font = HEADER_FONT
        heading[1].fill = FILLS[product.verdict]
        for line in product.lines:
            sheet.append(("", line))
        sheet.append(())
    _finish(sheet, 2)


def _fixed_zip_dates(data: bytes, when: dt.date) -> bytes:
    """The same archive with every entry dated ``when`` (zipfile stamps entries with the current time)."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=stamp), source.read(entry.filename),
                            compress_type=zipfile.ZIP_DEFLATED)
    return output.getvalue()


def render_workbook(result: AuditResult, context: ReportContext) -> bytes:
    """The annotated workbook as .xlsx bytes."""
    labels = LABELS[context.lang]
    workbook = Workbook()
    workbook.remove(workbook.active)
    raws = _source_sheets(result)
    taken = {name.lower() for name in RESERVED_SHEETS}
    for info in result.inventory.sheets:
        items = [item for item in context.items if item.sheet == untrusted_text(info.name)]
        _own_sheet(workbook, raws[info.name], info.header_row, items, _sheet_title(info.name, taken),
                   labels["added"])
    _findings_sheet(workbook, context, labels)
    _summary_sheet(workbook, context, labels)
    if context.products:
        _products_sheet(workbook, context)
    when = dt.datetime.combine(context.as_of, dt.time())
    workbook.properties.creator = "effaudit"
    workbook.properties.created = workbook.properties.modified = when
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save: save() stamps `modified` with the current time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return _fixed_zip_dates(buffer.getvalue(), context.as_of)
