"""Match inventory model strings against phase-out catalogue entries (standards_data/FORMAT.md, "Matching models").

Only identification lives here: which catalogue entries an item's model names. Whether a hit flags the item
(the entry's `outcomes`, dates, conditions) is decided elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from effaudit.io.values import factorize

# Induction-motor families whose catalogue entries apply to each other (the voltage decides which an item is).
INDUCTION_MOTOR_FAMILIES = frozenset({"motor_lv", "motor_hv"})
UNKNOWN_FAMILY = "unknown"
HIT_COLUMNS = ("item", "catalogue_id", "entry", "serial", "how")

# Dash variants listed in FORMAT.md plus the other Unicode dashes NFKC leaves alone.
_DASHES = str.maketrans({c: "-" for c in "一—－–‐‑‒―−"} | {"／": "/"})
_SERIES_END = re.compile(r"[-/(]")
_MOTOR_FRAME = re.compile(r"([A-Z]+)\d{2,}")
_MAX_PASSES = 8


def _normalise_once(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).upper().translate(_DASHES)
    return "".join(text.split()).replace("O", "0")


def normalise_model(text: str) -> str:
    """NFKC, upper case, dash variants -> '-', '／' -> '/', whitespace removed, letter O -> digit 0.

    One pass is not always a fixed point (removing a space can join a combining mark to a letter, which NFKC
    then composes; upper-casing can produce decomposed letters), so the pass is repeated until the text is
    stable: the result is idempotent.
    """
    for _ in range(_MAX_PASSES):
        normalised = _normalise_once(text)
        if normalised == text:
            break
        text = normalised
    return text


def series_candidates(normalised: str, family: str) -> tuple[str, ...]:
    """Series tokens of a normalised model: the text before the first '-', '/' or '('; for motors whose token
    is letters followed directly by a frame of two or more digits (Y160M, JS136), also the leading letters."""
    token = _SERIES_END.split(normalised, maxsplit=1)[0]
    if family in INDUCTION_MOTOR_FAMILIES:
        frame = _MOTOR_FRAME.match(token)
        if frame:
            return (token, frame.group(1))
    return (token,)


def _is_boundary(char: str) -> bool:
    return not (char.isascii() and char.isalnum())


def _model_prefixes(raw: str) -> set[str]:
    """The normalised model and each normalised prefix of it that ends before a character other than ASCII
    A-Z/0-9 — the listed models an exact hit can be on.

    Whitespace is removed by normalisation but still ends a prefix, so that "Y112M-4 B3" yields Y112M-4 (FORMAT.md)
    while "Y112M-4B3" does not, and "Y112M-4电机" does.
    """
    prefixes = {normalise_model(raw)}
    head = ""
    for chunk in (normalise_model(part) for part in raw.split()):
        prefixes.update(head + chunk[:i] for i in range(1, len(chunk)) if _is_boundary(chunk[i]))
        head += chunk
        prefixes.add(head)
    return prefixes


EntryRef = tuple[int, int]  # (catalogue index, entry index)


class CatalogueMatcher:
    """Index of the models and series tokens of loaded phase-out catalogues.

    ``catalogues`` are dicts as ``yaml.safe_load`` returns them for files of kind ``phase_out_catalogue``.
    """

    def __init__(self, catalogues: list[Mapping[str, Any]]) -> None:
        self._catalogue_ids: list[str] = []
        self._entries: list[list[tuple[str, str]]] = []  # per catalogue: (serial, family) per entry
        self._exact: dict[str, list[EntryRef]] = defaultdict(list)
        self._series: dict[str, list[EntryRef]] = defaultdict(list)
        for c, catalogue in enumerate(catalogues):
            self._catalogue_ids.append(str(catalogue["id"]))
            self._entries.append([])
            for e, entry in enumerate(catalogue.get("entries") or []):
                self._entries[c].append((str(entry["serial"]), entry["family"]))
                for model in entry.get("models") or []:
                    self._exact[normalise_model(str(model))].append((c, e))
                for series in entry.get("series") or []:
                    self._series[normalise_model(str(series))].append((c, e))

    def match(self, models: pd.Series, families: pd.Series) -> pd.DataFrame:
        """One row per (item, catalogue entry) hit: columns item, catalogue_id, entry, serial, how.

        ``models`` holds the inventory model text, ``families`` the item family code (same index; NaN or
        ``unknown`` = not known). An exact-model hit wins over a series hit of the same entry.
        """
        known = models.notna().to_numpy()
        positions = np.flatnonzero(known)
        codes, distinct = factorize(models[known])
        # Spacing is kept in the key because whitespace ends an exact-model prefix; the key is otherwise
        # normalised, so that "Ｙ１１２Ｍ—４" and "Y112M-4" are looked up once.
        keys = [" ".join(normalise_model(part) for part in str(raw).split()) for raw in distinct]
        hits = self._hits_by_model(set(keys))
        if hits.empty:
            return pd.DataFrame({column: pd.Series(dtype="int64" if column == "entry" else "object")
                                 for column in HIT_COLUMNS})
        hits = pd.DataFrame({"code": range(len(keys)), "model": keys}).merge(hits, on="model")
        hit = np.flatnonzero(np.isin(codes, hits["code"].to_numpy()))  # the few items whose model is listed
        items = pd.DataFrame({"item": models.index[positions[hit]], "position": positions[hit], "code": codes[hit],
                              "family": families.iloc[positions[hit]].astype(object).fillna(UNKNOWN_FAMILY)
                              .astype(str).to_numpy()})
        joined = items.merge(hits, on="code")
        joined = joined[_family_allows(joined["family"], joined["entry_family"])]
        joined = joined.sort_values("how").drop_duplicates(["item", "catalogue", "entry"])  # exact_model < series
        joined["catalogue_id"] = joined["catalogue"].map(dict(enumerate(self._catalogue_ids)))
        return (joined.sort_values(["position", "catalogue", "entry"])
                .loc[:, list(HIT_COLUMNS)].reset_index(drop=True))

    def _hits_by_model(self, models: set[str]) -> pd.DataFrame:
        """All candidate hits of each model key, before the family check."""
        rows: list[tuple[str, int, int, str, str, str]] = []
        for model in models:
            exact = {ref for prefix in _model_prefixes(model) for ref in self._exact.get(prefix, ())}
            token, *motor_letters = series_candidates(normalise_model(model), "motor_lv")
            series = set(self._series.get(token, ()))
            # the leading-letters candidate applies to motor entries only (FORMAT.md)
            series |= {ref for letters in motor_letters for ref in self._series.get(letters, ())
                       if self._entries[ref[0]][ref[1]][1] in INDUCTION_MOTOR_FAMILIES}
            for how, refs in (("exact_model", exact), ("series", series)):
                rows.extend((model, c, e, *self._entries[c][e], how) for c, e in refs)
        return pd.DataFrame(rows, columns=["model", "catalogue", "entry", "serial", "entry_family", "how"])


def _family_allows(item_family: pd.Series, entry_family: pd.Series) -> pd.Series:
    """A known item family must equal the entry's; motor_lv and motor_hv accept each other (voltage decides)."""
    unknown = item_family.eq(UNKNOWN_FAMILY)
    both_motor = item_family.isin(INDUCTION_MOTOR_FAMILIES) & entry_family.isin(INDUCTION_MOTOR_FAMILIES)
    return unknown | both_motor | item_family.eq(entry_family)
