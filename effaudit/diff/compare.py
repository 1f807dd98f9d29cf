"""Match the items of two audits and say what became of each.

Matching, in this order, each item used once:
1. ``equipment_id`` — the same id (non-empty, once on each side);
2. ``keys`` — the same model, rating, name and location (compared after trimming and NFKC, case-insensitive; a
   result JSON has no rating or location, so there it is model and name), whichever sheet the line is on now;
3. ``replacement`` — the same name and location but another model: the line was replaced.

Statuses (an item is a *problem* when its status is ``violation`` or ``advisory``; violation is the worse):
- ``fixed``: its problem is gone (the same item brought into line, or replaced by a compliant one); a violation
  that became an advisory is fixed as a violation, and the verdicts show the advisory left;
- ``still_open``: the same problem (violation, or advisory) before and now;
- ``new``: a problem now that was not there (none before, an advisory that became a violation, a new line with a
  problem);
- ``removed``: before, and no longer in the inventory, without a replacement — removing a line is not fixing it;
- ``unchanged_ok``: no problem before or now (a new compliant line too).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from effaudit.diff.sources import PROBLEMS, Audit, empty_items, read_round
from effaudit.errors import UsageError

STATUSES = ("fixed", "still_open", "new", "removed", "unchanged_ok")
SIDE_FIELDS = ("sheet", "row", "name", "model", "rating", "location", "quantity", "verdict", "status", "codes")


@dataclass(frozen=True)
class DiffItem:
    equipment_id: str
    status: str
    match: str | None  # equipment_id | keys | replacement | None (removed, or a new line)
    old: dict | None
    new: dict | None
    enterprise: str | None = None  # comparing two rounds of a store: the enterprise (its folder)


@dataclass
class Diff:
    old: Audit
    new: Audit
    items: list[DiffItem] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return {status: sum(item.status == status for item in self.items) for status in STATUSES}

    @property
    def new_violations(self) -> int:
        return sum(item.status == "new" and item.new["status"] == "violation" for item in self.items)

    @property
    def exit_status(self) -> int:
        """1 when something is still open or a new violation appeared, else 0."""
        return 1 if self.counts["still_open"] or self.new_violations else 0


def _norm(value: object) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip().casefold()


def _side(row: pd.Series) -> dict:
    values = {name: row[name] for name in SIDE_FIELDS}
    values["row"] = None if pd.isna(values["row"]) else int(values["row"])
    values["quantity"] = None if pd.isna(values["quantity"]) else float(values["quantity"])
    return values


def _pairs(old: pd.DataFrame, new: pd.DataFrame, keys: Iterable[str],
           old_left: set[int], new_left: set[int]) -> list[tuple[int, int]]:
    """Pairs of still unmatched rows whose ``keys`` are equal and non-empty, and once on each side."""
    keys = list(keys)

    def index(frame: pd.DataFrame, left: set[int]) -> dict[tuple, list[int]]:
        found: dict[tuple, list[int]] = {}
        for position in sorted(left):
            key = tuple(_norm(frame.at[position, name]) for name in keys)
            if key[0]:
                found.setdefault(key, []).append(position)
        return found

    olds, news = index(old, old_left), index(new, new_left)
    return [(olds[key][0], news[key][0]) for key in olds
            if key in news and len(olds[key]) == len(news[key]) == 1]


def _status(old: dict | None, new: dict | None) -> str:
    """What became of a problem is judged on the worse status it had: a violation is fixed once the item is no
    longer a violation (an advisory left is shown by the verdicts); an advisory that turned into a violation is a
    new problem."""
    if new is None:
        return "removed"
    before, after = (PROBLEMS.index(side["status"]) if side and side["status"] in PROBLEMS else len(PROBLEMS)
                     for side in (old, new))
    if before == len(PROBLEMS):
        return "new" if after < len(PROBLEMS) else "unchanged_ok"
    if after < before:
        return "new"
    return "still_open" if after == before else "fixed"


def compare(old: Audit, new: Audit, enterprise: str | None = None) -> Diff:
    before, after = old.items.reset_index(drop=True), new.items.reset_index(drop=True)
    old_left, new_left = set(range(len(before))), set(range(len(after)))
    matched: dict[int, tuple[int | None, str | None]] = {}  # new position → (old position, basis)
    has_rating = bool((before["rating"] != "").any() and (after["rating"] != "").any())
    for basis, keys in (("equipment_id", ["equipment_id"]),
                        ("keys", ["model", "rating", "name", "location"] if has_rating else ["model", "name"]),
                        ("replacement", ["name", "location"])):
        for old_position, new_position in _pairs(before, after, keys, old_left, new_left):
            matched[new_position] = (old_position, basis)
            old_left.discard(old_position)
            new_left.discard(new_position)
    diff = Diff(old, new)
    for position in range(len(after)):
        old_position, basis = matched.get(position, (None, None))
        old_side = _side(before.loc[old_position]) if old_position is not None else None
        new_side = _side(after.loc[position])
        diff.items.append(DiffItem(after.at[position, "equipment_id"], _status(old_side, new_side), basis,
                                   old_side, new_side, enterprise))
    for position in sorted(old_left):
        diff.items.append(DiffItem(before.at[position, "equipment_id"], "removed", None,
                                   _side(before.loc[position]), None, enterprise))
    return diff


def compare_rounds(store: Path, old_as_of: dt.date, new_as_of: dt.date) -> Diff:
    """Every enterprise of two rounds of a findings store, one after the other (sorted by folder): an enterprise
    in one round only has all its items new, or all removed."""
    from effaudit.store.query import connect

    connection = connect(store)
    rounds = {day: {row[0] for row in connection.execute(
        "SELECT DISTINCT enterprise FROM items WHERE as_of = ?", [day]).fetchall()} for day in (old_as_of, new_as_of)}
    missing = [day.isoformat() for day in (old_as_of, new_as_of) if not rounds[day]]
    if missing:
        known = [row[0] for row in connection.execute(
            "SELECT DISTINCT as_of::VARCHAR FROM items ORDER BY 1").fetchall()]
        raise UsageError(f"no round {' or '.join(missing)} in this findings store (its rounds: "
                         f"{', '.join(known) or 'none'})", file=str(store))
    label = f"{store}@"
    diff = Diff(Audit(label + old_as_of.isoformat(), old_as_of.isoformat(), "", empty_items()),
                Audit(label + new_as_of.isoformat(), new_as_of.isoformat(), "", empty_items()))
    for enterprise in sorted(rounds[old_as_of] | rounds[new_as_of]):
        sides = [read_round(connection, str(store), day, enterprise) if enterprise in rounds[day] else
                 Audit("", day.isoformat(), "", empty_items()) for day in (old_as_of, new_as_of)]
        diff.items.extend(compare(*sides, enterprise=enterprise).items)
    connection.close()
    return diff
