"""Test helper: run the real command line in a child process, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "inventory.xlsx"


def effaudit(*arguments: str | os.PathLike | bytes, cwd: Path | None = None, env: dict[str, str] | None = None,
             timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``python -m effaudit.cli ARGUMENTS``; ``env`` is added to the current environment. Output is decoded
    leniently: a test must see what a terminal would, even a byte that is not UTF-8."""
    return subprocess.run([sys.executable, "-m", "effaudit.cli", *arguments], capture_output=True, text=True,
                          errors="replace", cwd=cwd, env={**os.environ, **(env or {})}, timeout=timeout)


def checked_items(tmp_path: Path, header: str, *lines: str, as_of: str = "2026-11-22") -> list[dict]:
    """The JSON items of ``check`` on a CSV of ``header`` and ``lines``, run in this process (click's runner), each
    finding's message as its text."""
    from click.testing import CliRunner

    from effaudit.cli import main
    from tests.result_json import loads

    inventory = tmp_path / "inventory.csv"
    inventory.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(inventory), "--json", "-", "--as-of", as_of])
    assert result.exit_code in (0, 1), result.output
    return loads(result.stdout)["items"]


def workbook_items(tmp_path: Path, name: str, rows: list[list[object]],
                   as_of: str = "2026-11-22") -> tuple[subprocess.CompletedProcess[str], list[dict]]:
    """``check`` run as a user runs it (a child process) on the workbook ``name`` holding ``rows`` (title, header and
    data rows, as typed): the completed process and the JSON items, each finding's message as its text."""
    from openpyxl import Workbook

    from tests.result_json import loads

    book = Workbook()
    for row in rows:
        book.active.append(row)
    workbook = tmp_path / name
    book.save(workbook)
    result = effaudit("check", workbook, "--json", tmp_path / "out.json", "--as-of", as_of)
    return result, loads((tmp_path / "out.json").read_text(encoding="utf-8"))["items"]
