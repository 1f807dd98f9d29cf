"""Test helper: the check cases of tests/cases/<CODE>.yaml, read and validated (a typo fails loudly).

One file per finding code. Its cases share one inventory (one CSV, one run of ``effaudit check``), so they share the
file's ``as_of`` and ``jurisdiction``::

    code: EF101                        # must match the file name
    as_of: 2026-11-22                  # optional, default DEFAULT_AS_OF
    jurisdiction: national             # optional, default national
    format: csv                        # optional: csv, or xlsx where a case needs it (a formula cell)
    cases:
      - name: example                  # 'example' is the doc's Example (non-compliant) …
        doc: [YE2-160M-4, "89.8", "91.4"]   # … each text is in the doc's Example section and in this case
        row: {设备编号: M1, 设备类别: 电动机, 型号规格: YE2-160M-4, 额定功率(kW): 11, 极数: 4, 效率(%): 89.8}
        expect:
          verdict: below_minimum       # the item's verdict and status
          status: violation
          finding:                     # the finding with the file's code: present …
            severity: violation
            measured: 89.8 %           # value and unit; '≈2068 kWh/a' compares at the digits written; null: none
            required: 91.4 %           # (GB 18613-2020 表1 …) — a comment names the table row
      - name: use_instead              # 'use_instead' is the doc's Use instead (the item fixed)
        doc: ["93.3"]                  # [] when the section names no value ("Plan its replacement …")
        row: {…}
        expect: {verdict: energy_saving, status: ok, absent: true}   # … or absent
          # optional on any expectation — others: {EF103: {severity: ok, required: 94.6 %}} (another code's finding)

A case that fails today because of a known defect says so with ``xfail: <the defect>`` (a strict xfail: it fails
the suite once the defect is fixed, so the marker is removed then); ``doc_xfail: <the defect>`` likewise when the
doc's text is what is wrong (the doc test only). A doc text is looked for in the English section,
and in the Chinese one too unless it holds lower-case Latin letters (an English word).

A target code (RG304, RG407: the plan's 2027 energy-saving share, judged on the whole inventory) gives no item
finding: for it, ``finding`` means the row is listed in ``summary.energy_saving_target.below_target`` (and the code
is the target's basis), ``absent`` that it is not; the file's ``target: {share_by_count: …, share_by_rated_power:
…}`` gives the shares worked by hand.

A case with several rows gives ``rows:`` (a list) and ``expect:`` as a list of the same length (``null`` for a row
with no expectation). Cells are written as a user types them; numbers and dates are written back as text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

CASES = Path(__file__).resolve().parent / "cases"
DEFAULT_AS_OF = dt.date(2026, 11, 22)
VERDICTS = {"phase_out", "below_minimum", "not_assessable", "below_energy_saving", "energy_saving", "advanced",
            "out_of_scope"}
STATUSES = {"violation", "advisory", "not_assessable", "ok"}
SEVERITIES = STATUSES | {"info"}
DOC_CASES = {"example": "Example", "use_instead": "Use instead"}

_FILE_KEYS = {"code", "as_of", "jurisdiction", "format", "cases", "no_example", "no_use_instead", "target"}
_CASE_KEYS = {"name", "doc", "row", "rows", "expect", "xfail", "doc_xfail"}
_EXPECT_KEYS = {"verdict", "status", "finding", "absent", "others"}
_FINDING_KEYS = {"severity", "verdict", "measured", "required", "standard", "clause", "message"}
_QUANTITY = re.compile(r"^(≈)?\s*(-?\d+(?:\.\d+)?)\s*(.*)$")


class CaseFileError(ValueError):
    """A case file that does not follow the format (named with its file and case)."""


class _Loader(yaml.SafeLoader):
    """yaml's safe loader, except that a key given twice in one mapping is an error (yaml keeps the last silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        twice = sorted({str(k) for k in keys if keys.count(k) > 1})
        if twice:
            raise yaml.constructor.ConstructorError(None, None, f"key(s) {twice} given twice", node.start_mark)
        return super().construct_mapping(node, deep=deep)


@dataclass(frozen=True)
class Quantity:
    """An expected measured / required value: ``value`` with ``unit``; ``approx``: equal at the digits written."""

    value: Decimal
    unit: str
    approx: bool

    def matches(self, got: dict | None) -> bool:
        if got is None or got.get("value") is None:
            return False
        value = Decimal(repr(float(got["value"])))
        if self.approx:
            value = value.quantize(Decimal(1).scaleb(self.value.as_tuple().exponent))
            return value == self.value and got.get("unit") == self.unit
        return abs(value - self.value) <= Decimal("1e-9") and got.get("unit") == self.unit

    def __str__(self) -> str:
        return f"{'≈' if self.approx else ''}{self.value} {self.unit}".strip()


@dataclass(frozen=True)
class Expectation:
    verdict: str
    status: str
    present: bool
    finding: dict[str, Any] = field(default_factory=dict)  # severity, verdict, standard, clause, message: as given;
    measured: Quantity | None | str = "unchecked"  # measured / required: a Quantity, None (no value) or unchecked
    required: Quantity | None | str = "unchecked"
    others: dict[str, "Expectation"] = field(default_factory=dict)  # other codes on the row (their finding)


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    rows: list[dict[str, str]]
    expect: list[Expectation | None]
    doc: list[str]
    as_of: dt.date
    jurisdiction: str
    xfail: str | None = None  # a known defect: the case fails today for this reason (a strict xfail)
    doc_xfail: str | None = None  # a known defect of the doc: its texts do not match the case today (strict xfail)

    @property
    def id(self) -> str:
        return f"{self.code}-{self.name}"

    def texts(self) -> str:
        """Every header, cell, expected quantity and message of the case, for the doc's mentions to be found in."""
        parts = [text for row in self.rows for pair in row.items() for text in pair]
        parts.append(self.as_of.isoformat())
        for expectation in self.expect:
            for one in [] if expectation is None else [expectation, *expectation.others.values()]:
                parts += [str(q) for q in (one.measured, one.required) if isinstance(q, Quantity)]
                parts += [str(one.finding.get("message", ""))]
        return "\n".join(parts)


@dataclass(frozen=True)
class CaseFile:
    code: str
    path: Path
    as_of: dt.date
    jurisdiction: str
    format: str  # csv, or xlsx (a cell '=…' is a formula saved without its value; numbers as numbers)
    cases: list[Case]
    no_example: str | None  # why the doc's Example has no case (e.g. the doc's Example is '—')
    no_use_instead: str | None
    target: dict[str, float] | None = None  # a target code (RG304, RG407): the summary's energy_saving_target shares


def _fail(where: str, message: str) -> None:
    raise CaseFileError(f"{where}: {message}")


def _keys(where: str, mapping: Any, allowed: set[str], required: set[str] = frozenset()) -> dict:
    if not isinstance(mapping, dict):
        _fail(where, f"expected a mapping, got {type(mapping).__name__}")
    unknown = set(mapping) - allowed
    if unknown:
        _fail(where, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    missing = set(required) - set(mapping)
    if missing:
        _fail(where, f"missing key(s) {sorted(missing)}")
    return mapping


def _cell(where: str, value: Any) -> str:
    if isinstance(value, bool) or isinstance(value, (list, dict)):
        _fail(where, f"a cell must be text, a number or a date, got {value!r}")
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _quantity(where: str, value: Any) -> Quantity | None:
    if value is None:
        return None
    match = _QUANTITY.match(str(value).strip())
    if not match:
        _fail(where, f"a quantity is 'VALUE UNIT' (e.g. '91.4 %', '≈2068 kWh/a'), got {value!r}")
    return Quantity(Decimal(match.group(2)), match.group(3).strip(), bool(match.group(1)))


def _expectation(where: str, raw: Any) -> Expectation:
    raw = _keys(where, raw, _EXPECT_KEYS, {"verdict", "status"})
    others = {}
    for code, other in (raw.get("others") or {}).items():
        if not re.fullmatch(r"[A-Z]{2}\d{3}", str(code)):
            _fail(where, f"others: {code!r} is not a finding code")
        others[code] = _expectation(f"{where}.others.{code}",
                                    {"verdict": raw["verdict"], "status": raw["status"], "finding": other})
    if raw["verdict"] not in VERDICTS:
        _fail(where, f"verdict {raw['verdict']!r} is not one of {sorted(VERDICTS)}")
    if raw["status"] not in STATUSES:
        _fail(where, f"status {raw['status']!r} is not one of {sorted(STATUSES)}")
    if ("finding" in raw) == ("absent" in raw):
        _fail(where, "give exactly one of 'finding' (the code is on this row) and 'absent: true'")
    if "absent" in raw:
        if raw["absent"] is not True:
            _fail(where, "absent must be true")
        return Expectation(raw["verdict"], raw["status"], present=False, others=others)
    finding = _keys(f"{where}.finding", raw["finding"], _FINDING_KEYS, {"severity"})
    if finding["severity"] not in SEVERITIES:
        _fail(where, f"severity {finding['severity']!r} is not one of {sorted(SEVERITIES)}")
    if "verdict" in finding and finding["verdict"] is not None and finding["verdict"] not in VERDICTS:
        _fail(where, f"finding verdict {finding['verdict']!r} is not one of {sorted(VERDICTS)}")
    plain = {k: v for k, v in finding.items() if k not in ("measured", "required")}
    return Expectation(raw["verdict"], raw["status"], present=True, finding=plain,
                       measured=_quantity(f"{where}.measured", finding["measured"]) if "measured" in finding
                       else "unchecked",
                       required=_quantity(f"{where}.required", finding["required"]) if "required" in finding
                       else "unchecked", others=others)


def load(path: Path) -> CaseFile:
    """The case file at ``path``, validated."""
    where = path.name
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except yaml.YAMLError as error:
        raise CaseFileError(f"{where}: not YAML: {error}") from error
    raw = _keys(where, raw, _FILE_KEYS, {"code", "cases"})
    code = raw["code"]
    if code != path.stem:
        _fail(where, f"code {code!r} does not match the file name")
    as_of = raw.get("as_of", DEFAULT_AS_OF)
    if not isinstance(as_of, dt.date):
        _fail(where, f"as_of must be a date (YYYY-MM-DD), got {as_of!r}")
    jurisdiction = raw.get("jurisdiction", "national")
    file_format = raw.get("format", "csv")
    if file_format not in ("csv", "xlsx"):
        _fail(where, f"format is csv or xlsx, got {file_format!r}")
    if not isinstance(raw["cases"], list) or not raw["cases"]:
        _fail(where, "cases must be a non-empty list")
    cases, names, ids = [], set(), {}
    for number, raw_case in enumerate(raw["cases"], 1):
        here = f"{where} case {number}"
        raw_case = _keys(here, raw_case, _CASE_KEYS, {"name", "expect"})
        name = raw_case["name"]
        here = f"{where} case {name!r}"
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_]+", name):
            _fail(here, "a name is lower-case letters, digits and '_'")
        if name in names:
            _fail(here, "two cases with this name")
        names.add(name)
        if ("row" in raw_case) == ("rows" in raw_case):
            _fail(here, "give exactly one of 'row' (a mapping) and 'rows' (a list)")
        if "row" in raw_case:
            raw_rows, raw_expect = [raw_case["row"]], [raw_case["expect"]]
        else:
            raw_rows, raw_expect = raw_case["rows"], raw_case["expect"]
            if not isinstance(raw_rows, list) or not isinstance(raw_expect, list) or len(raw_rows) != len(raw_expect):
                _fail(here, "with 'rows', 'expect' is a list of the same length (null: no expectation)")
            if all(e is None for e in raw_expect):
                _fail(here, "no row has an expectation")
        rows = []
        for i, raw_row in enumerate(raw_rows):
            if not isinstance(raw_row, dict) or not raw_row:
                _fail(f"{here} row {i + 1}", "a row is a non-empty mapping header → cell")
            rows.append({str(k): _cell(f"{here} row {i + 1} {k}", v) for k, v in raw_row.items()})
            identifier = rows[-1].get("设备编号")
            if identifier:
                if ids.get(identifier, name) != name:
                    _fail(here, f"设备编号 {identifier} is used by case {ids[identifier]!r} too (a DQ107 between cases)")
                ids[identifier] = name
        expect = [None if e is None else _expectation(f"{here} expect", e) for e in raw_expect]
        doc = raw_case.get("doc", [])
        if not isinstance(doc, list) or not all(isinstance(d, (str, int, float, dt.date)) for d in doc):
            _fail(here, "doc is a list of texts")
        if doc and name not in DOC_CASES:
            _fail(here, f"only the cases {sorted(DOC_CASES)} carry 'doc'")
        xfail, doc_xfail = raw_case.get("xfail"), raw_case.get("doc_xfail")
        for reason in (xfail, doc_xfail):
            if reason is not None and (not isinstance(reason, str) or not reason.strip()):
                _fail(here, "xfail / doc_xfail is the reason the case fails today")
        if doc_xfail and not doc:
            _fail(here, "doc_xfail without doc texts")
        cases.append(Case(code, name, rows, expect, [str(d) for d in doc], as_of, jurisdiction, xfail, doc_xfail))
    for name, key in (("example", "no_example"), ("use_instead", "no_use_instead")):
        if (name in names) == bool(raw.get(key)):
            _fail(where, f"give either a case named {name!r} or '{key}: <why not>'")
        if name in names and "doc" not in raw["cases"][[c.name for c in cases].index(name)]:
            _fail(where, f"the {name!r} case names the doc's texts it shows ('doc: [...]'; [] when the doc's "
                         f"section names no value)")
    if not any(e is not None and e.present for c in cases for e in c.expect):
        _fail(where, "no case triggers the code")
    target = raw.get("target")
    if target is not None:
        _keys(f"{where} target", target, {"share_by_count", "share_by_rated_power"}, {"share_by_count"})
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in target.values()):
            _fail(where, "target shares are numbers (0–1)")
    return CaseFile(code, path, as_of, jurisdiction, file_format, cases, raw.get("no_example"), raw.get("no_use_instead"),
                    target)


def load_all() -> dict[str, CaseFile]:
    return {path.stem: load(path) for path in sorted(CASES.glob("*.yaml"))}
