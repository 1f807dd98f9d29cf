"""Typed access to the mappings of a rulebook file, with errors that name the file and the field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from effaudit.errors import RulebookError


class FieldReader:
    """Typed access to one mapping of a file, with errors that say where (``path: where.name: why``)."""

    def __init__(self, data: Any, path: Path, where: str = "") -> None:
        if not isinstance(data, dict):
            raise RulebookError(f"{path}: {where or 'top level'} must be a mapping")
        self.data, self.path, self.where = data, path, where

    def fail(self, name: str, why: str) -> RulebookError:
        return RulebookError(f"{self.path}: {self.where + '.' if self.where else ''}{name}: {why}")

    def get(self, name: str, kind: type | tuple[type, ...], *, required: bool = True, default: Any = None) -> Any:
        if name not in self.data or self.data[name] is None:
            if required:
                raise self.fail(name, "missing")
            return default
        value = self.data[name]
        if not isinstance(value, kind):
            raise self.fail(name, f"expected {kind}, got {type(value).__name__} {value!r}")
        return value

    def date(self, name: str, *, required: bool = True) -> dt.date | None:
        value = self.get(name, (dt.date, str), required=required)
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError as error:
                raise self.fail(name, f"not an ISO date: {value!r}") from error
        return value

    def choice(self, name: str, choices: tuple[str, ...], *, required: bool = True, default: str | None = None) -> str:
        value = self.get(name, str, required=required, default=default)
        if value not in choices and value is not None:
            raise self.fail(name, f"{value!r} is not one of {choices}")
        return value

    def title(self) -> tuple[str, str]:
        """The file's ``title: {zh: …, en: …}``."""
        title = self.child("title", self.get("title", dict))
        return title.get("zh", str), title.get("en", str)

    def child(self, name: str, value: Any) -> "FieldReader":
        return FieldReader(value, self.path, f"{self.where + '.' if self.where else ''}{name}")
