"""What a loaded rulebook file is: typed views of the YAML in standards_data/ (see standards_data/FORMAT.md)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

CONFIDENCE_ORDER = ("verified", "corroborated", "single-source", "provisional", "conflict")


def citation_text(table: str, clause: str) -> str:
    """How a finding cites a table: ``表1 / 4.2``, or the table alone when no clause is known."""
    return f"{table} / {clause}" if clause else table


@dataclass(frozen=True)
class Condition:
    """``field`` within [min, max] (inclusive), equal to ``equals``, or one of ``one_of`` (``in:`` in the files)."""

    field: str
    min: float | None = None
    max: float | None = None
    equals: Any = None
    one_of: tuple | None = None

    def describe(self) -> str:
        if self.one_of is not None:
            return f"{self.field} ∈ {{{', '.join(map(str, self.one_of))}}}"
        if self.equals is not None:
            return f"{self.field} = {self.equals}"
        low = "" if self.min is None else f"{self.min} ≤ "
        high = "" if self.max is None else f" ≤ {self.max}"
        return f"{low}{self.field}{high}"


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    direction: str  # higher_is_better | lower_is_better
    zh: str = ""  # label in reports, e.g. 空载损耗
    en: str = ""

    @property
    def higher_is_better(self) -> bool:
        return self.direction == "higher_is_better"

    @property
    def meets_sign(self) -> str:
        return "≥" if self.higher_is_better else "≤"


@dataclass(frozen=True)
class Key:
    field: str
    match: str  # exact | category | interval
    unit: str | None = None
    rating: bool = False  # a numeric exact key whose value may lie between two rows (rated power, capacity)
    # When the item lacks this key, try every value the table has for it (``when_missing: candidates``): only for a
    # key whose every value in the standard is encoded (a connection group, poles 2/4/6/8), never for one whose other
    # values sit in tables not encoded (a compressor type, a high-voltage motor's cooling method).
    try_when_missing: bool = False
    # ``when_missing: sole_table`` (implies the above): when no other table of the standard has a row or a
    # neighbouring row for the item, the table's rows match as if the key agreed — the key only tells the tables
    # apart (a PMSM of 110 kW with no voltage: only the ≤ 1140 V table has 110 kW rows).
    sole_table: bool = False
    # ``when_missing: ask_first``: the key that tells which of the standard's tables an item belongs to (a chiller's
    # type: comfort chiller or water-source heat pump). An item that lacks it is asked for it alone, not also for the
    # keys of every table it might belong to (a heat pump's heat source asked of what may be a comfort chiller).
    asked_first: bool = False


@dataclass(frozen=True)
class GradeTable:
    id: str
    table: str
    clause: str
    confidence: str
    keys: tuple[Key, ...]
    rows: pd.DataFrame  # one column per key (intervals: <field>_min/_max/_bounds), <metric>_g<n>, confidence, note
    formula: str | None = None  # the name of a formula in effaudit.standards.formulas; rows hold its coefficients
    gaps: str | None = None  # why the standard leaves ranges between interval rows uncovered (None: it does not)
    # The metrics this table grades (names of the file's `metrics`): a table of another indicator (a variable-speed
    # compressor's weighted specific power) shares the file's keys but not its metric; the other metrics' columns
    # are absent from the file and null here. Empty: every metric of the file.
    metrics: tuple[str, ...] = ()

    def grades_metric(self, name: str) -> bool:
        return not self.metrics or name in self.metrics

    @property
    def citation(self) -> str:
        return citation_text(self.table, self.clause)


@dataclass(frozen=True)
class EfficiencyStandard:
    id: str
    title_zh: str
    title_en: str
    edition: str
    effective: dt.date
    family: str
    metrics: tuple[Metric, ...]
    grades: tuple[int, ...]
    between_rows: str  # none | candidates (try both neighbouring rows of a `rating` key, judge when they agree)
    tables: tuple[GradeTable, ...]
    scope_zh: str
    scope_en: str
    scope_conditions: tuple[Condition, ...]
    confidence: str
    path: Path
    published: dt.date | None = None
    withdrawn: dt.date | None = None
    supersedes: tuple[str, ...] = ()
    superseded_by: tuple[str, ...] = ()
    equivalent_classes: dict[int, str] = field(default_factory=dict)  # grade -> IEC class, e.g. {3: "IE3"}
    capacity_equivalence: dict | None = None  # boilers: {mw_per_t_h: 0.7, citation: …}, as the table's bands state
    sources: tuple[dict, ...] = ()

    kind = "efficiency_standard"


@dataclass(frozen=True)
class Outcome:
    when: tuple[Condition, ...]
    action: str  # stop_use | encourage_renewal | verify (the listing itself is unconfirmed: flags nothing)
    deadline: dt.date | None


@dataclass(frozen=True)
class CatalogueEntry:
    serial: str
    family: str
    category_zh: str
    product_zh: str
    models: tuple[str, ...]
    series: tuple[str, ...]
    reason_zh: str
    requirement_zh: str | None
    outcomes: tuple[Outcome, ...]
    confidence: str
    note: str | None
    match: str = "model"  # model: by its models/series; family: every item of `family` (its `when` decides)

    @property
    def item_number(self) -> str | None:
        """The entry's number as the catalogue prints it; None when ``serial`` is the rulebook's own key (``p137·…``,
        the PDF page where an item whose number was not read appears), which a report must not cite. A serial
        ``<number>·<model>`` is a model of printed entry <number> kept apart (FORMAT.md, ``verify``)."""
        if re.match(r"p\d", self.serial):
            return None
        return self.serial.split("·", 1)[0]  # "2-4·JS157-10": a model of printed entry 2-4 split off


@dataclass(frozen=True)
class Catalogue:
    id: str
    title_zh: str
    title_en: str
    edition: str
    effective: dt.date
    document: str | None
    batch: int | None
    entries: tuple[CatalogueEntry, ...]
    confidence: str
    path: Path
    raw: dict  # the file as loaded, for the model matcher
    published: dt.date | None = None
    sources: tuple[dict, ...] = ()

    kind = "phase_out_catalogue"


# What a policy rule's strength makes of a matching item: (finding severity, verdict or None). "加快淘汰" without a
# deadline or a legal basis of its own is `accelerated_phase_out`: the item is marked for phase-out but, like a
# catalogue entry whose deadline is still ahead, it is advisory, not a violation.
POLICY_STRENGTHS: dict[str, tuple[str, str | None]] = {
    "mandatory_phase_out": ("violation", "phase_out"),
    "mandatory_scrapping": ("violation", "phase_out"),
    "accelerated_phase_out": ("advisory", "phase_out"),
    "priority_renewal": ("advisory", None),
    "assessment_required": ("advisory", None),
    "subsidy_eligible": ("info", None),
    "target": ("info", None),
}


@dataclass(frozen=True)
class PolicyRule:
    code: str  # stable finding code, RGnnn
    family: str  # the equipment family it applies to
    match: tuple[Condition, ...]  # all must hold (on canonical and derived fields, e.g. service_years)
    strength: str  # a key of POLICY_STRENGTHS
    title_zh: str
    title_en: str
    quote_zh: str  # the document's sentence, verbatim
    clause: str  # where in the document
    message_zh: str
    message_en: str
    document: str  # the document number the finding cites (the rule's own, else its rulebook's)
    confidence: str
    effective: dt.date  # the rule's own, else its rulebook's
    replaces: tuple[str, ...] = ()  # codes of an included rulebook this rule restates (they are then not applied)
    quote_source: str | None = None  # where the quote was read, when not the rulebook's own text
    note: str | None = None

    @property
    def severity(self) -> str:
        return POLICY_STRENGTHS[self.strength][0]

    @property
    def verdict(self) -> str | None:
        return POLICY_STRENGTHS[self.strength][1]


@dataclass(frozen=True)
class PolicyRulebook:
    id: str
    title_zh: str
    title_en: str
    jurisdiction: str  # national | inner-mongolia | wuhai | … (a lower-case slug)
    document: str | None  # document number (内政发〔2024〕14号), None when the text gives none
    issued: dt.date
    issuer: str
    includes: tuple[str, ...]  # ids of the rulebooks this one builds on (a city plan includes its region's)
    effective: dt.date
    confidence: str
    sources: tuple[dict, ...]
    rules: tuple[PolicyRule, ...]
    path: Path
    edition: str = ""
    region_names: tuple[str, ...] = ()  # how enterprise metadata names the jurisdiction (乌海市, 乌海 …)

    kind = "policy_rulebook"
