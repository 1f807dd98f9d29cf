"""Formula cells that carry no cached value in an .xlsx file (written by a program that does not calculate, or
saved without recalculating): every reader sees them as empty, so they are found here to be flagged, not passed
over in silence.

Only the sheet XML is scanned, and only when it holds a formula at all; the values are never computed.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath

_SHEET = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_RELATION = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_RELATION_REVERSED = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')
_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*?(?:/>|>(.*?)</c>)', re.DOTALL)
_VALUE = re.compile(rb"<v>[^<]+</v>|<is>")


def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + letter - ord("A") + 1
    return index - 1


def _sheet_files(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the path of its XML inside the archive."""
    workbook = archive.read("xl/workbook.xml")
    relations = archive.read("xl/_rels/workbook.xml.rels")
    targets = {key: target for key, target in _RELATION.findall(relations)}
    targets |= {key: target for target, key in _RELATION_REVERSED.findall(relations)}
    files = {}
    for name, key in _SHEET.findall(workbook):
        target = targets.get(key, b"").decode("utf-8", "replace")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
        files[_unescape(name.decode("utf-8", "replace"))] = path
    return files


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
            .replace("&amp;", "&"))


def uncached_formulas(path: Path) -> dict[str, list[tuple[int, int]]]:
    """Sheet name -> (spreadsheet row number, 0-based column) of every formula cell without a cached value; empty
    for anything that is not a readable .xlsx / .xlsm."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    try:
        with zipfile.ZipFile(path) as archive:
            found: dict[str, list[tuple[int, int]]] = {}
            for name, member in _sheet_files(archive).items():
                xml = archive.read(member)
                if b"<f" not in xml:
                    continue
                cells = [(int(row), _column_index(letters)) for letters, row, inner in _CELL.findall(xml)
                         if inner and b"<f" in inner and not _VALUE.search(inner)]
                if cells:
                    found[name] = cells
            return found
    except (zipfile.BadZipFile, KeyError, OSError):
        return {}
