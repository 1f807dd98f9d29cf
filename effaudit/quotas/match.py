"""Which quota-standard entry judges a product row: by product name, process route and indicator.

Matching runs once per distinct (product, process, indicator, unit) combination — a plant's product sheet has a few
of them — and gives a typed outcome: one entry, several (the row must say which), or none.
"""

from __future__ import annotations

from dataclasses import dataclass

from effaudit.standards.quota_model import ENERGY_INDICATORS, QuotaEntry, QuotaStandard, match_key


@dataclass(frozen=True)
class Match:
    """``entry`` when exactly one entry applies; otherwise ``candidates`` (several: ambiguous; none: uncovered)."""

    standard: QuotaStandard | None
    entry: QuotaEntry | None
    candidates: tuple[tuple[QuotaStandard, QuotaEntry], ...] = ()
    needs: str = ""  # what the row must state to pick one: "process" | "indicator"


def _longest(aliases: tuple[str, ...], text: str) -> int:
    return max((len(alias) for alias in aliases if alias and alias in text), default=0)


def _product_hits(standards: list[QuotaStandard], name: str, text: str) -> list[tuple[QuotaStandard, QuotaEntry]]:
    return [(standard, entry) for standard in standards for entry in standard.entries
            if _longest(entry.match_product, name) and not _longest(entry.exclude, text)]


def electric_unit(unit: str | None) -> bool:
    """Whether a unit text measures electricity (kWh/t, 万kWh …) rather than standard coal (kgce/t)."""
    return unit is not None and ("wh" in unit.lower() or "千瓦时" in unit or "度" in unit)


def match_product(standards: list[QuotaStandard], product: str, process: str | None, indicator: str | None,
                  reported_unit: str | None) -> Match:
    name = match_key(product)
    text = name + match_key(process or "")
    hits = _product_hits(standards, name, text)
    if not hits:
        return Match(None, None)
    # Route: entries whose route the text names beat entries that need none; an entry needing a route the text does
    # not name is out. Among the rest, the most specific product and route names win.
    routed = [(s, e) for s, e in hits if e.match_route and _longest(e.match_route, text)]
    open_ = [(s, e) for s, e in hits if not e.match_route]
    pool = routed or open_
    if not pool:
        return Match(None, None, tuple(hits), "process")
    best = max(_longest(e.match_product, name) + _longest(e.match_route, text) for _, e in pool)
    pool = [(s, e) for s, e in pool if _longest(e.match_product, name) + _longest(e.match_route, text) == best]
    pool = _by_indicator(pool, indicator, reported_unit)
    if len(pool) == 1:
        return Match(pool[0][0], pool[0][1])
    return Match(None, None, tuple(pool), "indicator" if len({e.indicator_zh for _, e in pool}) > 1 else "process")


def _by_indicator(pool: list[tuple[QuotaStandard, QuotaEntry]], indicator: str | None,
                  reported_unit: str | None) -> list[tuple[QuotaStandard, QuotaEntry]]:
    """The entries of the indicator the row names; without one, the electricity indicator for a value in kWh, else
    the comprehensive (or process) energy indicator."""
    if len(pool) <= 1:
        return pool
    if indicator:
        key = match_key(indicator)
        named = [(s, e) for s, e in pool if _longest(e.indicator_names + (match_key(e.indicator_zh),), key)]
        if named:
            best = max(_longest(e.indicator_names + (match_key(e.indicator_zh),), key) for _, e in named)
            return [(s, e) for s, e in named
                    if _longest(e.indicator_names + (match_key(e.indicator_zh),), key) == best]
        return pool
    if electric_unit(reported_unit):
        return [(s, e) for s, e in pool if e.indicator == "electricity"] or pool
    for code in ENERGY_INDICATORS:
        chosen = [(s, e) for s, e in pool if e.indicator == code]
        if chosen:
            return chosen
    return pool
