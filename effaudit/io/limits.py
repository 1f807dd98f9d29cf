"""Limits on what an inventory file may cost to open, checked before any reader touches it.

A workbook is a zip archive: a few kilobytes can unpack to gigabytes (a zip bomb). The defaults are far above any
real inventory (the largest we have seen is ~40 MB unpacked for 100,000 lines) and can be raised with environment
variables: EFFAUDIT_MAX_FILE_MB (size on disk, default 200) and EFFAUDIT_MAX_UNPACKED_MB (default 1024).
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from effaudit.errors import InventoryError

ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, or an encrypted (password) OOXML workbook
MEGABYTE = 1024 * 1024


def _limit(variable: str, default_mb: int) -> int:
    try:
        return int(float(os.environ.get(variable, default_mb)) * MEGABYTE)
    except ValueError as error:
        raise InventoryError(f"{variable} must be a number of megabytes, got {os.environ[variable]!r}") from error


def check_file(path: Path) -> None:
    """Raise InventoryError (with what to do) for a file too big, not a real workbook, encrypted, or a zip bomb."""
    size = path.stat().st_size
    max_file = _limit("EFFAUDIT_MAX_FILE_MB", 200)
    if size > max_file:
        raise InventoryError(f"file is {size / MEGABYTE:.0f} MB, above the limit of {max_file / MEGABYTE:.0f} MB "
                             "(raise EFFAUDIT_MAX_FILE_MB if it is genuine)", file=str(path))
    if path.suffix.lower() not in ZIP_SUFFIXES:
        return
    with path.open("rb") as stream:
        head = stream.read(8)
    if head == OLE_MAGIC:
        raise InventoryError("the workbook is password-protected (encrypted) or is an old .xls file with a new "
                             "name: remove the password, or save it again as .xlsx", file=str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError) as error:
        raise InventoryError(f"not a valid {path.suffix} workbook (damaged, truncated, or another kind of file "
                             "renamed): open it in Excel or LibreOffice and save it again", file=str(path)) from error
    max_unpacked = _limit("EFFAUDIT_MAX_UNPACKED_MB", 1024)
    if unpacked > max_unpacked:
        raise InventoryError(f"the workbook unpacks to {unpacked / MEGABYTE:.0f} MB, above the limit of "
                             f"{max_unpacked / MEGABYTE:.0f} MB (raise EFFAUDIT_MAX_UNPACKED_MB if it is genuine)",
                             file=str(path))
