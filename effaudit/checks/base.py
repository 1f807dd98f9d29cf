"""What a check is: stable codes with their documentation, and the context every check runs in."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from effaudit.standards.rulebook import Rulebook

DOC_SECTIONS = ("What it does", "Why", "Example", "Use instead")
DOC_SECTIONS_ZH = ("作用", "依据", "示例", "应改为")  # the same sections in ``doc_zh``, in the same order


@dataclass(frozen=True)
class Rule:
    """One stable finding code. ``doc`` has the sections of DOC_SECTIONS, each a line ending in ':'; ``doc_zh``,
    when given, the same in Chinese under DOC_SECTIONS_ZH, each a line ending in '：'.

    Codes are never reused; a renamed code keeps working through ``REDIRECTS`` in effaudit.checks.
    """

    code: str
    severity: str
    title_zh: str
    title_en: str
    doc: str
    doc_zh: str = ""

    def sections(self, lang: str = "en") -> dict[str, str]:
        """The documentation's sections in ``lang``; in Chinese, a rule with no Chinese text gives the English
        text under the Chinese headings."""
        if lang != "zh":
            return _split(self.doc, DOC_SECTIONS, ":")
        if not self.doc_zh:
            return dict(zip(DOC_SECTIONS_ZH, _split(self.doc, DOC_SECTIONS, ":").values()))
        return _split(self.doc_zh, DOC_SECTIONS_ZH, "：")


def _split(doc: str, headings: tuple[str, ...], colon: str) -> dict[str, str]:
    parts = re.split(rf"^({'|'.join(headings)}){colon}\s*$", doc.strip(), flags=re.MULTILINE)
    return {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


@dataclass(frozen=True)
class AuditContext:
    """The canonical items (with derived year fields), the rulebook, the audit date, and the jurisdiction whose
    policy rulebooks apply (national, inner-mongolia, wuhai …)."""

    items: pd.DataFrame
    rulebook: Rulebook
    as_of: dt.date
    jurisdiction: str = "national"
    problems: pd.DataFrame | None = None  # the reader's unreadable cells (item, column, relevant …)

    def unreadable(self, column: str) -> np.ndarray:
        """The positions of the items whose ``column`` held a value that could not be read (a DQ finding)."""
        if self.problems is None or not len(self.problems):
            return np.empty(0, dtype=np.int64)
        chosen = (self.problems["column"] == column).to_numpy(dtype=bool) & self.problems["relevant"].to_numpy()
        return np.unique(self.problems["item"].to_numpy()[chosen])

    @cached_property
    def _families(self) -> dict[str, np.ndarray]:
        codes, families = pd.factorize(self.items["family"], use_na_sentinel=True)
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(families) + 1))
        return {family: order[bounds[code]:bounds[code + 1]] for code, family in enumerate(families)}

    def members(self, family: str) -> np.ndarray:
        """The positions of the items of ``family``, in inventory order (the family column is compared once per
        audit, not once per rule)."""
        return self._families.get(family, np.empty(0, dtype=np.intp))
