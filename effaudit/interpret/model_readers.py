"""The readers of model designations, by the name a grammar names (``reader:`` in
``resources/model_grammars/<name>.yaml``), and what a family's profile says its model fills (``model:``).

A reader is the code of one kind of reading (how matches become columns); its grammar is the data (patterns, series
and code tables). A profile names the grammar, which fields the columns it returns fill, with what unit, and which
stated ratings are checked against the model's (DQ111).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from effaudit.interpret.boiler_pump_models import (
    BOILER_NEEDS,
    PUMP_NEEDS,
    parse_boiler_models,
    parse_pump_models,
)
from effaudit.interpret.grammars import (
    Grammar,
    GrammarError,
    Needs,
    grammar_file,
    load_grammar,
)
from effaudit.interpret.modelstrings import (
    FAN_NEEDS,
    MOTOR_NEEDS,
    TRANSFORMER_NEEDS,
    parse_fan_models,
    parse_motor_models,
    parse_transformer_models,
)

Reader = Callable[[pd.Series, str], pd.DataFrame]
READERS: dict[str, tuple[Reader, Needs]] = {
    "motor": (parse_motor_models, MOTOR_NEEDS),
    "transformer": (parse_transformer_models, TRANSFORMER_NEEDS),
    "fan": (parse_fan_models, FAN_NEEDS),
    "boiler": (parse_boiler_models, BOILER_NEEDS),
    "pump": (parse_pump_models, PUMP_NEEDS),
}


@dataclass(frozen=True)
class Fill:
    """One field a family's model fills: from a column the reader returns (times ``factor``, the unit's conversion),
    or a constant code wherever the model was read as a designation of the grammar."""

    field: str
    column: str | None
    factor: float = 1.0
    constant: str | None = None


@dataclass(frozen=True)
class ModelReading:
    """A profile's ``model:``: its grammar, what the model fills and which stated ratings it checks."""

    grammar: str
    reader: str
    fills: tuple[Fill, ...] = ()
    checked: frozenset[str] = frozenset()
    kind: str | None = None  # motor grammars: a motor whose model reads as this kind of machine is of this family


def model_grammar(name: str) -> Grammar:
    """The grammar ``name``, loaded for the reader it names and checked against that reader's needs."""
    reader = grammar_file(name).get("reader")
    if reader not in READERS:
        raise GrammarError(f"model_grammars/{name}.yaml: reader {reader!r} is not one of {sorted(READERS)}")
    return load_grammar(name, reader, READERS[reader][1])


def reader_columns(name: str) -> dict[str, str | None]:
    """The columns the reader of grammar ``name`` returns -> the coded field whose codes each holds."""
    return READERS[model_grammar(name).reader][1].outputs


def parse_models(models: pd.Series, grammar: str) -> pd.DataFrame:
    """What the model strings state, read with the grammar ``grammar`` (the reader's columns, NA where unread)."""
    return READERS[model_grammar(grammar).reader][0](models, grammar)
