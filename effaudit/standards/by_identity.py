"""Work derived from loaded rulebook objects, done once per object.

Grade tables and catalogues are frozen dataclasses that hold frames and dicts, so they cannot be hashed; once
loaded they never change. What is worked out from them (key arrays, a model index) is kept per object identity,
with the objects themselves, so an identity is never reused for another object while its entry lives.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

Result = TypeVar("Result")


def by_identity(build: Callable[..., Result]) -> Callable[..., Result]:
    """``build(*objects)`` once per combination of the objects' identities."""
    entries: dict[tuple[int, ...], tuple[tuple[Any, ...], Result]] = {}

    @wraps(build)
    def cached(*objects: Any) -> Result:
        key = tuple(map(id, objects))
        entry = entries.get(key)
        if entry is None:
            entry = entries[key] = (objects, build(*objects))
        return entry[1]

    return cached
