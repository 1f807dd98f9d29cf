"""Errors that end a command with exit status 2: the input or the command could not be used."""

from __future__ import annotations

from effaudit.filenames import readable


class UsageError(Exception):
    """The input or the command cannot be used; the message says where and what to do.

    ``file``, ``sheet``, ``row`` (as a person sees it in the spreadsheet) and ``column`` locate the problem
    where they are known; ``str()`` gives one line with all of them, printable (see ``filenames``).
    """

    def __init__(self, message: str, *, file: str | None = None, sheet: str | None = None,
                 row: int | None = None, column: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column

    def __str__(self) -> str:
        where = [part for part in (
            self.file,
            f"sheet {self.sheet!r}" if self.sheet is not None else None,
            f"row {self.row}" if self.row is not None else None,
            f"column {self.column!r}" if self.column is not None else None,
        ) if part]
        return readable(f"{': '.join([', '.join(where)]) + ': ' if where else ''}{self.message}")


class DiskFull(UsageError):
    """An output could not be written for want of space (or quota): not the input's fault, and every output
    after it would fail the same way."""


class InventoryError(UsageError):
    """An inventory file that cannot be read at all (not a row-level problem: those become findings)."""


class RulebookError(Exception):
    """A file in standards_data/ that breaks its schema. This is a bug in the rulebook, not in the input."""
