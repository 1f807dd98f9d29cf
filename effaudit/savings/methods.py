"""Which formula estimates each family's saving, and which fuel a boiler's saving is counted in
(effaudit/resources/savings.yaml), validated when loaded."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from effaudit.columns import BY_NAME, FAMILIES
from effaudit.savings.formulas import FORMULAS, Formula
from effaudit.yaml_text import load_yaml

COMBINE = ("sum", "least")


@dataclass(frozen=True)
class Method:
    family: str
    combine: str  # "sum": the metrics' savings add up; "least": each estimates the same energy, the smallest stands
    size_field: str  # the rating that sizes a replacement (cost table, renewal list)
    formulas: dict[str, Formula]  # metric name → its formula


@dataclass(frozen=True)
class Methods:
    families: dict[str, Method]
    fuel_carriers: dict[str, str | None]  # boiler fuel code → GB/T 2589 carrier column (None: counted in heat)


class MethodsError(ValueError):
    """resources/savings.yaml breaks its schema: a bug in effaudit's data, not in the input."""


@cache
def methods() -> Methods:
    where = "effaudit/resources/savings.yaml"
    data = load_yaml((resources.files("effaudit") / "resources" / "savings.yaml").read_text(encoding="utf-8"))
    families = {}
    for family, spec in data["families"].items():
        if family not in FAMILIES:
            raise MethodsError(f"{where}: families.{family}: not a family code")
        if spec.get("combine") not in COMBINE:
            raise MethodsError(f"{where}: families.{family}.combine: one of {COMBINE}, got {spec.get('combine')!r}")
        unknown = [name for name in (spec["size"], *spec["metrics"]) if name not in BY_NAME]
        unknown += [formula for formula in spec["metrics"].values() if formula not in FORMULAS]
        if unknown:
            raise MethodsError(f"{where}: families.{family}: unknown column or formula {unknown}")
        families[family] = Method(family, spec["combine"], spec["size"],
                                  {metric: FORMULAS[formula] for metric, formula in spec["metrics"].items()})
    fuels = dict(data["fuels"])
    unknown = [carrier for carrier in fuels.values() if carrier is not None and carrier not in BY_NAME]
    if unknown:
        raise MethodsError(f"{where}: fuels: unknown carrier columns {unknown}")
    return Methods(families, fuels)
