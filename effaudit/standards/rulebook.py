"""The rulebook: every loaded standard edition and catalogue, and which edition is in force on a date."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from effaudit.errors import RulebookError
from effaudit.standards.loader import STANDARDS_DATA, load_files
from effaudit.standards.model import Catalogue, EfficiencyStandard

# Families a mandatory efficiency standard covers, and that standard, for families whose tables are not encoded
# yet: an item of such a family is `not_assessable` ("the standard applies, effaudit cannot judge it yet"),
# never `out_of_scope`.
KNOWN_STANDARDS = {
    "motor_lv": "GB 18613-2020",
    "motor_hv": "GB 30254-2024",
    "motor_pmsm": "GB 30253-2024",
    "transformer": "GB 20052-2024",
    "fan": "GB 19761-2020",
    "pump": "GB 19762-2025",
    "compressor": "GB 19153-2019",
    "boiler": "GB 24500-2020",
    "chiller": "GB 19577-2024",
}


@dataclass(frozen=True)
class Rulebook:
    standards: tuple[EfficiencyStandard, ...]
    catalogues: tuple[Catalogue, ...]
    directory: Path

    @classmethod
    def load(cls, directory: Path = STANDARDS_DATA) -> "Rulebook":
        documents = load_files(directory)
        ids = [document.id for document in documents]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise RulebookError(f"{directory}: ids used by more than one file: {duplicates}")
        return cls(
            standards=tuple(d for d in documents if isinstance(d, EfficiencyStandard)),
            catalogues=tuple(d for d in documents if isinstance(d, Catalogue)),
            directory=directory,
        )

    @cached_property
    def version(self) -> str:
        """A short digest of every rulebook file: changes whenever any limit or entry changes."""
        digest = hashlib.sha256()
        for path in sorted(self.directory.rglob("*.yaml")):
            digest.update(path.relative_to(self.directory).as_posix().encode())
            digest.update(path.read_bytes())
        return digest.hexdigest()[:12]

    def get(self, document_id: str) -> EfficiencyStandard | Catalogue | None:
        wanted = document_id.replace(" ", "").upper()
        for document in (*self.standards, *self.catalogues):
            if document.id.replace(" ", "").upper() == wanted:
                return document
        return None

    def editions(self, family: str) -> list[EfficiencyStandard]:
        """The family's editions, oldest first."""
        return sorted((s for s in self.standards if s.family == family), key=lambda s: s.effective)

    def in_force(self, family: str, on: dt.date) -> EfficiencyStandard | None:
        """The edition in force on ``on``: the latest one whose effective date is not after it."""
        candidates = [s for s in self.editions(family) if s.effective <= on]
        return candidates[-1] if candidates else None

    def catalogues_in_force(self, on: dt.date) -> list[Catalogue]:
        return [c for c in self.catalogues if c.effective <= on]
