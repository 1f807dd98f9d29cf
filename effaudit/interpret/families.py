"""An item's family, decided first: from its category text, then its name, then its model's designation (data:
``resources/family_keywords.yaml``). Every other column is read in the family's context (``effaudit.interpret``).

Within one text the keyword that ends last wins (the head noun: 引风机电机 is a motor, 锅炉引风机 a fan), the
longer one on a tie (热泵 over 泵).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from effaudit.io.values import per_distinct
from effaudit.yaml_text import load_yaml

@dataclass(frozen=True)
class _FamilyRules:
    keywords: tuple[tuple[str, str], ...]  # (keyword, family)
    pmsm_marks: tuple[str, ...]
    motor_hv_above_v: float
    model_prefixes: tuple[tuple[re.Pattern[str], str], ...]
    kind_columns: dict[str, str]

    def from_text(self, text: str) -> str | None:
        """The family of the keyword that ends last in ``text`` (the head noun), the longer one on a tie."""
        text = unicodedata.normalize("NFKC", text).lower()
        best: tuple[int, int, str] | None = None
        for keyword, family in self.keywords:
            start = text.rfind(keyword)
            if start >= 0 and (best is None or (start + len(keyword), len(keyword)) > best[:2]):
                best = (start + len(keyword), len(keyword), family)
        return best[2] if best else None

    def from_model(self, model: str) -> str | None:
        model = unicodedata.normalize("NFKC", model).upper().strip()
        return next((family for pattern, family in self.model_prefixes if pattern.match(model)), None)

    def is_pmsm(self, text: str) -> bool:
        text = unicodedata.normalize("NFKC", text).lower()
        return any(mark in text for mark in self.pmsm_marks)


@lru_cache(maxsize=1)
def _family_rules() -> _FamilyRules:
    raw = load_yaml((resources.files("effaudit") / "resources" / "family_keywords.yaml").read_text("utf-8"))
    return _FamilyRules(
        tuple((unicodedata.normalize("NFKC", keyword).lower(), family)
              for family, keywords in raw["keywords"].items() for keyword in keywords),
        tuple(mark.lower() for mark in raw["pmsm_marks"]),
        float(raw["motor_hv_above_v"]),
        tuple((re.compile(pattern), family) for family, patterns in raw["model_prefixes"].items()
              for pattern in patterns),
        dict(raw.get("kind_columns", {})),
    )


def _per_text(texts: pd.Series, classify) -> pd.Series:
    codes, results = per_distinct(texts, classify)
    table = np.array(results + [None], dtype=object)
    return pd.Series(table[codes], index=texts.index, dtype=object)


def classify_families(items: pd.DataFrame, kind_texts: dict[str, pd.Series] | None = None) -> pd.Series:
    """Each item's family from category_text, then name, then the model's designation (first that tells), then a
    filled kind column (``kind_texts``: the raw text of 车辆类型, 风机型式 …); ``product`` for a row that names a
    product."""
    rules = _family_rules()
    family = _per_text(items["category_text"], rules.from_text)
    family = family.fillna(_per_text(items["name"], rules.from_text))
    family = family.fillna(_per_text(items["model"], rules.from_model))
    for column, texts in (kind_texts or {}).items():
        family = family.fillna(pd.Series(np.where(texts.notna(), rules.kind_columns[column], None),
                                         index=items.index, dtype=object))
    family = family.fillna("unknown")
    pmsm = pd.Series(False, index=items.index)
    for column in ("category_text", "name", "model"):
        pmsm |= _per_text(items[column], rules.is_pmsm).fillna(False).astype(bool)
    family = family.mask((family == "motor_lv") & pmsm, "motor_pmsm")
    family = mark_high_voltage(family, items["rated_voltage_v"])
    # A row naming a product (a product sheet: 产品名称, 产量 …) is a product for the quota check, not equipment.
    if "product_name" in items:
        family = family.mask(items["product_name"].notna(), "product")
    return family.astype(object)  # object while the columns are read in its context (fast to compare); see inventory




def mark_high_voltage(family: pd.Series, rated_voltage_v: pd.Series) -> pd.Series:
    """A low-voltage motor above the voltage GB 18613 covers is a high-voltage motor (GB 30254)."""
    return family.mask((family == "motor_lv") & (rated_voltage_v > _family_rules().motor_hv_above_v), "motor_hv")


KIND_COLUMNS = tuple(_family_rules().kind_columns)
