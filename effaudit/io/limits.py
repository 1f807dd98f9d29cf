"""Limits on what an inventory file may cost to open, checked before any reader touches it.

A workbook is a zip archive: a few kilobytes can unpack to gigabytes (a zip bomb). The defaults are far above any
real inventory (the largest we have seen is ~40 MB unpacked for 100,000 lines) and can be raised with environment
variables: EFFAUDIT_MAX_FILE_MB (size on disk, default 200) and EFFAUDIT_MAX_UNPACKED_MB (default 1024).

Below the absolute limit a bomb still costs up to a gigabyte of memory, so each member's compression ratio is
limited too (EFFAUDIT_MAX_RATIO, default 100:1). Real workbooks' members inflate 4–17:1 (the examples, 100,000
generated lines, the same line 100,000 times, effaudit's own annotated workbooks); a million rows of blank
formatted cells, the most repetitive sheet Excel writes, 28:1; deflate's ceiling, a bomb's, is ~1,000:1. A member
that unpacks to less than RATIO_FLOOR_MB is not held to the ratio: it cannot cost much, and a small part of
repeated text (one long note, a sheet of empty styled cells) compresses far better than 100:1.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from effaudit.errors import InventoryError

ZIP_SUFFIXES = (".xlsx", ".xlsm", ".ods")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # compound file: .xls, or an encrypted (password) OOXML workbook
MEGABYTE = 1024 * 1024
RATIO_FLOOR_MB = 16


def _setting(variable: str, default: float, unit: str) -> float:
    try:
        return float(os.environ.get(variable, default))
    except ValueError as error:
        raise InventoryError(f"{variable} must be {unit}, got {os.environ[variable]!r}") from error


def _limit(variable: str, default_mb: int) -> int:
    return int(_setting(variable, default_mb, "a number of megabytes") * MEGABYTE)


def _check_ratio(archive: zipfile.ZipFile, path: Path) -> None:
    """Each member's unpacked size over its packed size: the whole archive's ratio could be diluted by members
    stored uncompressed."""
    max_ratio = _setting("EFFAUDIT_MAX_RATIO", 100, "a number (unpacked size over packed size)")
    for member in archive.infolist():
        if member.file_size < RATIO_FLOOR_MB * MEGABYTE:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > max_ratio:
            raise InventoryError(f"the workbook's part {member.filename!r} inflates {ratio:.0f}:1 "
                                 f"({member.compress_size / MEGABYTE:.2f} MB to {member.file_size / MEGABYTE:.0f} MB), "
                                 f"above the limit of {max_ratio:g}:1 — a zip bomb? (raise EFFAUDIT_MAX_RATIO if it "
                                 "is genuine)", file=str(path))


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
            max_unpacked = _limit("EFFAUDIT_MAX_UNPACKED_MB", 1024)
            if unpacked > max_unpacked:
                raise InventoryError(f"the workbook unpacks to {unpacked / MEGABYTE:.0f} MB, above the limit of "
                                     f"{max_unpacked / MEGABYTE:.0f} MB (raise EFFAUDIT_MAX_UNPACKED_MB if it is "
                                     "genuine)", file=str(path))
            _check_ratio(archive, path)
    except (zipfile.BadZipFile, OSError) as error:
        raise InventoryError(f"not a valid {path.suffix} workbook (damaged, truncated, or another kind of file "
                             "renamed): open it in Excel or LibreOffice and save it again", file=str(path)) from error
