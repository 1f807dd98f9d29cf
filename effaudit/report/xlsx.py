"""The annotated workbook: the enterprise's own sheets with the audit's columns added, a Findings sheet and a
Summary sheet.

The own sheets are re-read from the inventory file, so every original column comes back in its order with the
cells as written (numbers stay numbers, dates stay dates); the rows are the audited items. Every text cell is
written as text — openpyxl would store ``=HYPERLINK(…)`` as a formula — so nothing in the workbook is ever
evaluated. Same input and as-of → same bytes (document dates and zip entry dates are the as-of date).

The sheets are write-only: rows stream to a temporary file as they come instead of living as cell objects (a
100,000-line workbook peaked at 1.5 GB that way, a full-height sheet at 12.6 GB). A workbook that would pass
Excel's row limit is refused before any of it is made (``refuse_oversized``).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import shutil
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.writer.excel import ExcelWriter

from effaudit.engine import AuditResult
from effaudit.errors import UsageError
from effaudit.io.header import unnamed_column
from effaudit.io.readers import RawSheet
from effaudit.io.values import cell_text
from effaudit.report.savings import plan_rows, target_rows, target_sentence
from effaudit.report.context import SECTIONS, VERDICT_COLOURS, ItemView, ReportContext, untrusted_text

EXCEL_TEXT_LIMIT = 32_767
EXCEL_ROW_LIMIT = 1_048_576
WIDTH_SAMPLE = 500  # rows whose text sets the column widths
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
RESERVED_SHEETS = ("Findings", "Summary", "Products", "Plan", "Target")
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


@dataclass(frozen=True)
class Styled:
    """A cell value with its own font or fill (a row's fill is given with the row)."""

    value: Any
    font: Font | None = None
    fill: PatternFill | None = None


Row = tuple[Sequence[Any], PatternFill | None]  # the values (or Styled values), and the fill of the whole row


def _cells(sheet: WriteOnlyWorksheet, values: Sequence[Any], fill: PatternFill | None) -> Iterator[Any]:
    """The row as openpyxl appends it: a plain value where that is safe, else a cell. Text stays text: openpyxl
    would store a string starting with ``=`` (or ``#N/A`` …) as a formula (or an error)."""
    for given in values:
        styled = given if isinstance(given, Styled) else Styled(given)
        value = _cell_value(styled.value)
        is_text = isinstance(value, str)
        if fill is None and styled.fill is None and styled.font is None and not (
                is_text and (value.startswith("=") or value in ERROR_CODES)):
            yield value
            continue
        cell = WriteOnlyCell(sheet, value)
        if is_text:
            cell.data_type = "s"
        if styled.fill or fill:
            cell.fill = styled.fill or fill
        if styled.font:
            cell.font = styled.font
        yield cell


def _display_width(value: Any) -> int:
    text = cell_text(value.value if isinstance(value, Styled) else value, nfkc=False) or ""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def write_sheet(workbook: Workbook, title: str, header: Sequence[Any], rows: Iterable[Row]) -> None:
    """A sheet: the header (bold, frozen, filters on) and the rows, written as they come. The column widths fit
    the first WIDTH_SAMPLE rows (within bounds): a write-only sheet needs them before its first row."""
    sheet = workbook.create_sheet(title)
    rows = iter(rows)
    sample = list(islice(rows, WIDTH_SAMPLE))
    columns = max([len(header), *(len(values) for values, _ in sample)])
    for index in range(columns):
        width = max((_display_width(values[index]) for values in chain([header], (v for v, _ in sample))
                     if index < len(values)), default=8)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(width + 2, 6), 60)
    sheet.freeze_panes = "A2"
    header_cells = list(_cells(sheet, [Styled(value.value if isinstance(value, Styled) else value, HEADER_FONT,
                                              HEADER_FILL) for value in header], None))
    for cell in header_cells:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.append(header_cells)
    count = 1
    for values, fill in chain(sample, rows):
        sheet.append(list(_cells(sheet, values, fill)))
        count += 1
    if count > 1:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count}"


def refuse_oversized(result: AuditResult) -> None:
    """Exit 2 (UsageError) when a sheet of the annotated workbook would pass Excel's 1,048,576 rows — an inventory
    sheet (its items and the header) or Findings (one row per finding) — before the workbook costs anything."""
    rows = {"Findings": len(result.findings) + 1}
    for sheet, count in result.items["sheet"].value_counts().items():
        rows[str(sheet)] = int(count) + 1
    sheet, needed = max(rows.items(), key=lambda pair: pair[1])
    if needed > EXCEL_ROW_LIMIT:
        raise UsageError(f"the annotated workbook (--xlsx) would need {needed:,} rows on its sheet "
                         f"{untrusted_text(sheet)!r}, more than Excel's {EXCEL_ROW_LIMIT:,}: split the inventory, or "
                         "leave out --xlsx (the JSON and PDF have no such limit)", file=str(result.inventory.path))


def _sheet_title(name: str, taken: set[str]) -> str:
    """An Excel sheet name (≤ 31 characters, none of []:*?/\\) not yet used, case-insensitively."""
    base = _SHEET_NAME_FORBIDDEN.sub("_", untrusted_text(name, limit=None)).strip("'") or "Sheet"
    title, counter = base[:31], 2
    while title.lower() in taken:
        suffix = f" ({counter})"
        title, counter = base[:31 - len(suffix)] + suffix, counter + 1
    taken.add(title.lower())
    return title


def _own_sheet(workbook: Workbook, raw: RawSheet, header_row: int, items: Sequence[ItemView], title: str,
               added: Sequence[str]) -> None:
    header = raw.cells.iloc[header_row - raw.first_row]
    rows = raw.cells.iloc[[item.row - raw.first_row for item in items]]
    kept = [position for position in raw.cells.columns
            if cell_text(header[position]) is not None or rows[position].notna().any()]
    write_sheet(workbook, title, [cell_text(header[p], nfkc=False) or unnamed_column(int(p)) for p in kept]
                 + list(added),
                 (([row[p] for p in kept] + [item.verdict_label, item.status_label, item.codes, item.reason,
                                             item.required], FILLS[item.verdict])
                  for item, row in zip(items, rows[kept].itertuples(index=False, name=None))))


def _findings_sheet(workbook: Workbook, context: ReportContext, labels: dict) -> None:
    write_sheet(workbook, "Findings", labels["findings"], (
        ((item.sheet, item.row, item.equipment_id, item.model, finding.code, finding.severity, finding.measured,
          finding.required, finding.citation, labels["yes"] if finding.inferred else "",
          labels["yes"] if finding.unverified else "", finding.deadline, finding.message), None)
        for item in context.items for finding in item.findings))


def _summary_sheet(workbook: Workbook, context: ReportContext, labels: dict) -> None:
    facts = (context.enterprise.name, context.as_of, context.inventory_name, context.inventory_sha256,
             context.version, context.rulebook_version, context.share.items_pct, context.share.quantity_pct)
    rows: list[Row] = [
        *(((Styled(row.label, fill=FILLS[row.key]), row.key, row.items, row.quantity), None)
          for row in context.by_verdict),
        ((), None),
        ([Styled(label, font=HEADER_FONT) for label in labels["family"]], None),
        *(((row.label, row.items, row.quantity, *(row.by_section[name] for name in SECTIONS)), None)
          for row in context.by_family),
        ((), None),
        *(((Styled(label, font=HEADER_FONT), value), None) for label, value in zip(labels["facts"], facts)),
    ]
    write_sheet(workbook, "Summary", labels["verdict"], rows)


def _products_sheet(workbook: Workbook, context: ReportContext) -> None:
    """One block per judged product row: heading and verdict, then the computation, one line per cell."""
    blocks = [[((Styled(product.heading, font=HEADER_FONT), Styled(product.verdict_label,
                                                                  fill=FILLS[product.verdict])), None),
               *((("", line), None) for line in product.lines), ((), None)] for product in context.products]
    rows = [row for block in blocks for row in block]
    write_sheet(workbook, "Products", rows[0][0], rows[1:])


def _plan_sheet(workbook: Workbook, result: AuditResult, lang: str) -> None:
    """The renewal project list (整改及更新计划): ranked items, their savings, the totals and the 2027 target."""
    header, rows, totals = plan_rows(result, lang)
    write_sheet(workbook, "Plan", header, [
        *((row, None) for row in rows), ([Styled(value, font=HEADER_FONT) for value in totals], None), ((), None),
        ([target_sentence(result, lang)], None)])
    header, rows = target_rows(result, lang)
    write_sheet(workbook, "Target", header, [*((row, None) for row in rows), ((), None),
                                             ([target_sentence(result, lang)], None)])


def _fixed_zip_dates(data: bytes, when: dt.date) -> bytes:
    """The same archive with every entry dated ``when`` (zipfile stamps entries with the current time)."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            dated = zipfile.ZipInfo(entry.filename, date_time=stamp)
            dated.compress_type = zipfile.ZIP_DEFLATED
            # streamed: a million-row sheet's XML is a gigabyte
            with source.open(entry) as reading, target.open(dated, "w", force_zip64=entry.file_size > 2**31) as writing:
                shutil.copyfileobj(reading, writing, 1 << 20)
    return output.getvalue()


def render_workbook(result: AuditResult, context: ReportContext) -> bytes:
    """The annotated workbook as .xlsx bytes."""
    labels = LABELS[context.lang]
    workbook = Workbook(write_only=True)  # see the module docstring
    raws = result.inventory.source_sheets
    if not raws:
        raise ValueError("the annotated workbook copies the sheets as read: read_inventory(…, keep_sheets=True)")
    taken = {name.lower() for name in RESERVED_SHEETS}
    for info in result.inventory.sheets:
        items = [item for item in context.items if item.sheet == untrusted_text(info.name)]
        _own_sheet(workbook, raws[info.name], info.header_row, items, _sheet_title(info.name, taken),
                   labels["added"])
    _findings_sheet(workbook, context, labels)
    _summary_sheet(workbook, context, labels)
    if context.products:
        _products_sheet(workbook, context)
    if result.plan is not None:
        _plan_sheet(workbook, result, context.lang)
    return workbook_bytes(workbook, context.as_of)


def workbook_bytes(workbook: Workbook, as_of: dt.date) -> bytes:
    """The workbook as .xlsx bytes, every date in it (document properties, zip entries) the as-of date."""
    workbook.properties.creator = "effaudit"
    workbook.properties.created = workbook.properties.modified = dt.datetime.combine(as_of, dt.time())
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save: save() stamps `modified` with the current time.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return _fixed_zip_dates(buffer.getvalue(), as_of)
