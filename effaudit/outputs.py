"""Write the requested output files of one audit (JSON, annotated workbook, PDF), each whole or not at all."""

from __future__ import annotations

from pathlib import Path

from effaudit.atomic import write_bytes, write_chunks
from effaudit.engine import AuditResult


def write_reports(result: AuditResult, json_path: str | Path | None, pdf_path: Path | None, xlsx_path: Path | None,
                  enterprise_path: Path | None, lang: str) -> None:
    """Heavy report libraries are imported only when a workbook or PDF is asked for. A workbook that cannot be made
    is refused before any output is written."""
    if xlsx_path:
        from effaudit.report.xlsx import refuse_oversized

        refuse_oversized(result)
    if json_path:
        from effaudit.report import json_report

        write_chunks(Path(json_path), json_report.chunks(result, lang))
    if not (pdf_path or xlsx_path):
        return
    from effaudit.report.context import build_context
    from effaudit.report.metadata import load_enterprise

    title_lines = [line for sheet in result.inventory.sheets for line in sheet.title_lines]
    context = build_context(result, load_enterprise(enterprise_path, title_lines), lang)
    if xlsx_path:
        from effaudit.report.xlsx import render_workbook

        write_bytes(xlsx_path, render_workbook(result, context))
    if pdf_path:
        from effaudit.report.pdf import render_pdf

        write_bytes(pdf_path, render_pdf(context))
