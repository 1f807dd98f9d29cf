"""Motor nameplate text, as ledgers hold it in one cell: what each motor it describes states, and what it does not.

A ledger typed in from nameplate photos writes a whole nameplate into one cell, e.g.
``上海电气 YE3-315M-4 WF1 · 132 kW · 380V/50Hz · 236 A · 1485 r/min · IE3 95.6% · F级 · IP55 · 制造 2024.07``,
and a crane row lists its motors one after the other (``起升电机ZD31-4/3KW 旋转电机ZDY21-4/0.75KW``).
``read_nameplates`` returns one ``Nameplate`` per motor with the fields the text states and nothing more:

* A number is read only when its unit or a label says what it is (``132 kW``, ``效率95.6``, ``n=1485``); a bare number
  is never read. Power and voltage need their unit even after a label (``功率 750`` may be W or kW).
* A percentage without a label is read as the efficiency only when it stands on its own between separators (or right
  after the IE class) and is the only such percentage of the motor; a bare fraction (``0.956``) only after an
  efficiency label (``η=0.956``).
* A field stated twice with different values is not read (both texts are listed as unread); voltages and currents
  are lists on a nameplate (``380/660V``, ``380V △ / 660V Y``): the first is the rated value, all are kept.
* Every piece of the text that holds a digit and was not read is listed in ``unread`` (as NFKC-normalised text), so
  that the caller can say in a finding what could not be read. Pieces that say things this module does not read on
  purpose (IP code, duty type, power factor, mass, serial and standard numbers …: ``resources/nameplate.yaml``,
  ``ignored``) are dropped, and so are pieces without a digit (the maker's name, 三相异步电动机).
* The pole count is read only when stated (``4极``, ``4P``, ``极数:4``); the pole figure of a model (``YE3-160M-4``)
  and the speed are the caller's to interpret (``effaudit.interpret.modelstrings.parse_motor_models``, ``poles_from_speed``).

The vocabulary (unit spellings, labels, motor labels, words for a manufacture date, the ignored things) is data in
``effaudit/resources/nameplate.yaml``; the patterns built from it are compiled once, at import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Literal

import numpy as np
import pandas as pd

from effaudit.io.values import cell_text, per_distinct
from effaudit.interpret.modelstrings import _motor_regex
from effaudit.yaml_text import load_yaml

__all__ = ["Nameplate", "carries_nameplate", "nameplates_per_distinct", "read_nameplates", "unread_text"]


@dataclass(frozen=True)
class Nameplate:
    """What one motor's nameplate text states; None (or an empty tuple) where it states nothing readable.

    ``rated_voltage_v``/``current_a`` are the first of ``voltages_v``/``currents_a`` (``380/660V`` → 380.0 and
    (380.0, 660.0)). ``manufactured`` is ``"2024-07"`` (precision ``"month"``) or ``"2016"`` (``"year"``). ``phases``
    is 1 or 3 when the text says 单相/三相 (1~/3~). ``label`` names the motor in a cell listing several (起升电机).
    ``unread`` holds the pieces of the text that carry a digit but were not read.
    """

    label: str | None = None
    model: str | None = None
    rated_power_kw: float | None = None
    rated_voltage_v: float | None = None
    voltages_v: tuple[float, ...] = ()
    frequency_hz: float | None = None
    current_a: float | None = None
    currents_a: tuple[float, ...] = ()
    rated_speed_rpm: float | None = None
    poles: int | None = None
    phases: int | None = None
    ie_class: str | None = None
    efficiency_pct: float | None = None
    insulation_class: str | None = None
    manufactured: str | None = None
    manufactured_precision: Literal["month", "year"] | None = None
    unread: tuple[str, ...] = field(default=())

    def stated(self) -> tuple[str, ...]:
        """Names of the quantities stated (model, label, phases and the lists not counted)."""
        return tuple(name for name in _QUANTITIES if getattr(self, name) is not None)


# The fields that count as stated quantities for ``carries_nameplate``.
_QUANTITIES = ("rated_power_kw", "rated_voltage_v", "frequency_hz", "current_a", "rated_speed_rpm", "poles",
               "ie_class", "efficiency_pct", "insulation_class", "manufactured")

# ------------------------------------------------------------------------------------------------- vocabulary

_VOCABULARY: dict[str, Any] = load_yaml(
    resources.files("effaudit").joinpath("resources/nameplate.yaml").read_text(encoding="utf-8"))

# ASCII: \d is 0-9 and case folding is ASCII only (NFKC has already folded full-width forms).
_FLAGS = re.IGNORECASE | re.ASCII
NUMBER = r"\d+(?:\.\d+)?"
# A number starts here: not inside another number or a word, and not after "letter-" (the -4 of Y90L-4A).
_START = r"(?<![\d.A-Za-z])(?<![A-Za-z0-9]-)"
# A unit ends here: not followed by a letter (kWh, kVA) or a character that makes it another word (安装, 千瓦时, 转子).
_UNIT_END = r"(?![A-Za-z子矩速差装全时])"
_NUMBER = re.compile(NUMBER, re.ASCII)
_MASK = "\x00"  # stands for a character already read
_SEPARATORS = "·・•●,;、|\n\r\t" + _MASK
_DASHES = "‐‑‒–—―−"  # NFKC keeps these; 一 (CJK one) is a dash only between letters and digits


def _alternatives(words: Iterable[str]) -> str:
    """The words as one regex alternation, longest first (so that 转/分钟 is tried before 转)."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _unit_pattern(quantity: str) -> str:
    return f"(?P<unit>{_alternatives(_VOCABULARY['units'][quantity])}){_UNIT_END}"


def _label_pattern(quantity: str) -> str:
    """A label for the quantity, then optional (unit), then ':' or '='; a bare symbol (P, n, U) needs the sign."""
    symbols = set(_VOCABULARY["labels"]["symbols_need_sign"])
    words = [word for word in _VOCABULARY["labels"][quantity] if word not in symbols]
    signed = [word for word in _VOCABULARY["labels"][quantity] if word in symbols]
    options = [rf"(?:{_alternatives(words)})\.?\s*(?:\([^()]{{0,8}}\))?\s*[:=]?"]
    if signed:
        options.append(rf"(?:{_alternatives(signed)})\s*(?:\([^()]{{0,8}}\))?\s*[:=]")
    return rf"(?<![A-Za-z])(?:{'|'.join(options)})\s*"


def _unit_factor(quantity: str, unit: str) -> float:
    return float(_UNIT_FACTORS[quantity][unit.lower()])


# A list of values sharing a unit (380/660V, 380V/660V, 20.6/11.9 A, 380~420V).
def _list_pattern(quantity: str) -> str:
    each_unit = f"(?:{_alternatives(_VOCABULARY['units'][quantity])})?"
    return rf"{_START}(?P<number>{NUMBER}(?:\s*{each_unit}\s*[/~]\s*{NUMBER}){{0,3}})\s*{_unit_pattern(quantity)}"


_WITH_UNIT = {
    # speed first: r/min holds a slash, min-1 a dash
    "speed_rpm": re.compile(rf"{_START}(?P<number>{NUMBER})\s*{_unit_pattern('speed_rpm')}", _FLAGS),
    "frequency_hz": re.compile(rf"{_START}(?P<number>{NUMBER})\s*{_unit_pattern('frequency_hz')}", _FLAGS),
    "voltage_v": re.compile(_list_pattern("voltage_v"), _FLAGS),
    "power_kw": re.compile(rf"{_START}(?P<number>{NUMBER})\s*{_unit_pattern('power_kw')}", _FLAGS),
    "current_a": re.compile(_list_pattern("current_a"), _FLAGS),
    "poles": re.compile(rf"{_START}(?P<number>\d{{1,2}})\s*-?\s*{_unit_pattern('poles')}(?!管)", _FLAGS),
}
_UNIT_FACTORS = {quantity: {spelling.lower(): factor for spelling, factor in spellings.items()}
                 for quantity, spellings in _VOCABULARY["units"].items()}
_EACH_VALUE = {quantity: re.compile(rf"({NUMBER})\s*({_alternatives(_VOCABULARY['units'][quantity])})?", _FLAGS)
               for quantity in ("voltage_v", "current_a")}
# Quantities whose unit is not in doubt after their label (转速1485, 频率50, 电流21.5, 极数4).
_LABELLED = {
    quantity: re.compile(rf"{_label_pattern(quantity)}(?P<number>{NUMBER}(?:\s*/\s*{NUMBER}){{0,3}})(?![\d.])", _FLAGS)
    for quantity in ("speed_rpm", "frequency_hz", "current_a", "poles")
}
_POLE_NUMERALS = re.compile(rf"(?P<numeral>{_alternatives(_VOCABULARY['pole_numerals'])})极(?!管)", re.ASCII)
_EFFICIENCY = re.compile(
    rf"{_label_pattern('efficiency')}(?P<number>{NUMBER})(?![\d.])\s*(?P<percent>%)?", _FLAGS)
_IE_CLASS = re.compile(r"(?<![A-Za-z])IE\s*(?P<number>[1-5])(?![\d.])", _FLAGS)
_BARE_PERCENT = re.compile(rf"{_START}(?P<number>{NUMBER})\s*%", re.ASCII)
_INSULATION = (
    re.compile(rf"{_label_pattern('insulation')}(?P<letter>[ABEFHNR])(?:\s*级)?(?![A-Za-z0-9])", _FLAGS),
    re.compile(r"(?<![A-Za-z0-9])(?P<letter>[BEFH])\s*级(?:\s*绝缘)?", re.ASCII),
)
_PHASES = [(re.compile(rf"(?<![A-Za-z0-9.])(?:{_alternatives(words)})(?![A-Za-z])", _FLAGS), int(count))
           for count, words in _VOCABULARY["phases"].items()]
_IGNORED = [re.compile(pattern, _FLAGS) for pattern in _VOCABULARY["ignored"]]

# Dates. A year from 1950 to 2049; forms: 2019年5月(12日), 2016年, 2018-03(-15), and, next to a manufacture word
# only, 2024.07, 2019/05 and a bare 2016.
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_DATE = re.compile(
    rf"(?<![A-Za-z0-9\-./])(?P<year>{_YEAR})"
    r"(?:\s*年\s*(?:(?P<cjk_month>\d{1,2})\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"|\s*(?P<sep>[-./])\s*(?P<month>\d{1,2})(?:\s*(?P=sep)\s*\d{1,2})?(?![\d.]))?"
    r"(?![\d.])", re.ASCII)
_DATE_WORDS = _alternatives(_VOCABULARY["manufacture_words"])
_DATE_BEFORE = re.compile(
    rf"(?:(?:{_DATE_WORDS})(?:{_alternatives(_VOCABULARY['date_suffixes'])})?"
    rf"|(?<![A-Za-z])(?:{_alternatives(_VOCABULARY['date_labels'])}))\s*[:=]?\s*", _FLAGS)
_DATE_AFTER = re.compile(rf"\s*(?:{_DATE_WORDS})", re.ASCII)

# Several motors in one cell: 起升电机 …, 大车运行机构电动机 …, 1#电机 …
_MOTOR_WORDS = _alternatives(_VOCABULARY["motor_words"])
_MOTOR_LABEL = re.compile(
    rf"(?:(?:{_alternatives(_VOCABULARY['motor_label_stems'])})(?:机构)?|\d{{1,2}}\s*#\s*)(?:{_MOTOR_WORDS})", re.ASCII)

# Models. A labelled token (型号:…) is the model whatever its shape; otherwise a token the series table of
# effaudit.interpret.modelstrings recognises (Y160M-4, YKK4502-4), else the first hyphenated designation (ZD31-4, YZR160M1-6).
_MODEL_LABELLED = re.compile(
    rf"{_label_pattern('model')}(?P<model>[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?)", _FLAGS)
_MODEL_TOKEN = re.compile(r"(?<![A-Za-z0-9\-./])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*(?![A-Za-z0-9\-])", re.ASCII)
_CJK_DASH = re.compile(r"(?<=[A-Za-z0-9])一(?=[A-Za-z0-9])", re.ASCII)
_SPACES = re.compile(r"[^\S\n\r]+")  # runs of spaces and tabs: one space
_LINE_BREAKS = re.compile(r"\s*[\n\r]\s*")  # a line break with the blanks around it: one line break
_EDGES = " :=()[]{}<>\"'“”‘’"


@cache
def _motor_series() -> re.Pattern[str]:
    """The series pattern of ``effaudit.interpret.modelstrings.parse_motor_models`` (it matches an upper-case token)."""
    return re.compile(_motor_regex())


# ---------------------------------------------------------------------------------------------------- reading


class _Segment:
    """The text of one motor, with what has been read of it masked out."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.masked = text
        self.found: dict[str, list[tuple[Any, str]]] = {}  # field → [(value, text it was read from)]
        self.unread: list[str] = []

    def claim(self, match: re.Match[str], name: str | None = None, value: Any = None) -> None:
        start, end = match.span()
        self.masked = self.masked[:start] + _MASK * (end - start) + self.masked[end:]
        if name is not None:
            self.found.setdefault(name, []).append((value, match.group(0).strip()))

    def scan(self, pattern: re.Pattern[str], read: Any) -> None:
        """``read(match)`` for every match: (field, value) to claim it, "ignore" to drop it, None to leave it."""
        for match in list(pattern.finditer(self.masked)):
            if _MASK in match.group(0):  # overlaps a piece already read
                continue
            result = read(match)
            if result == "ignore":
                self.claim(match)
            elif result is not None:
                self.claim(match, *result)

    def single(self, name: str) -> Any:
        """The field's value when every statement of it agrees; else None and the statements are unread."""
        statements = self.found.get(name, [])
        values = {value for value, _ in statements}
        if len(values) == 1:
            return values.pop()
        self.unread.extend(text for _, text in statements)
        return None

    def rest(self) -> list[str]:
        """Pieces (between separators and pieces read) that hold a digit and were not read."""
        pieces, current = [], []
        for original, masked in zip(self.text, self.masked):
            if masked in _SEPARATORS:
                pieces.append("".join(current))
                current = []
            else:
                current.append(original)
        pieces.append("".join(current))
        return [piece.strip(_EDGES) for piece in pieces if any(char.isdigit() for char in piece)]


def _number(text: str) -> float:
    return float(text)


def _numbers(text: str) -> tuple[float, ...]:
    return tuple(float(number) for number in _NUMBER.findall(text))


def _read_with_unit(quantity: str):
    def read(match: re.Match[str]) -> tuple[str, Any] | None:
        factor = _unit_factor(quantity, match.group("unit"))
        if quantity in ("voltage_v", "current_a"):
            # 380V/660V and 380/660V: a value may carry its own unit; one without takes the last one's.
            values = tuple(_round(_number(number) * (_unit_factor(quantity, unit) if unit else factor))
                           for number, unit in _EACH_VALUE[quantity].findall(match.group("number")))
            return (quantity, values) if all(value > 0 for value in values) else None
        value = _number(match.group("number")) * factor
        if quantity == "poles":
            return ("poles", int(value)) if _is_pole_count(value) else None
        return (quantity, _round(value)) if value > 0 else None
    return read


def _read_labelled(quantity: str):
    def read(match: re.Match[str]) -> tuple[str, Any] | None:
        values = _numbers(match.group("number"))
        if quantity == "current_a":
            return ("current_a", values) if all(value > 0 for value in values) else None
        if len(values) != 1 or values[0] <= 0:
            return None
        if quantity == "poles":
            return ("poles", int(values[0])) if _is_pole_count(values[0]) else None
        return quantity, values[0]
    return read


def _is_pole_count(value: float) -> bool:
    return value.is_integer() and 2 <= value <= 48 and value % 2 == 0


def _round(value: float) -> float:
    return round(value, 6)


def _read_efficiency(match: re.Match[str]) -> tuple[str, float] | None:
    value = _number(match.group("number"))
    if match.group("percent") is None and value <= 1:
        value *= 100.0  # η=0.956: a fraction, read only because the label says it is the efficiency
    return ("efficiency_pct", _round(value)) if 0 < value <= 100 else None


def _read_date(match: re.Match[str], labelled: bool) -> tuple[str, tuple[str, str]] | None:
    year, sep = match.group("year"), match.group("sep")
    month = match.group("cjk_month") or match.group("month")
    by_form = "年" in match.group(0) or sep == "-"
    if not (labelled or by_form):
        return None
    if month is None:
        return "manufactured", (year, "year")
    if not 1 <= int(month) <= 12:
        return None
    return "manufactured", (f"{year}-{int(month):02d}", "month")


def _read_dates(segment: _Segment) -> None:
    for label in list(_DATE_BEFORE.finditer(segment.masked)):
        date = _DATE.match(segment.masked, label.end())
        if date is not None and _MASK not in segment.masked[label.start():date.end()]:
            result = _read_date(date, labelled=True)
            if result is not None:
                segment.claim(date, *result)
    for date in list(_DATE.finditer(segment.masked)):
        if _MASK in date.group(0):
            continue
        labelled = _DATE_AFTER.match(segment.masked, date.end()) is not None
        result = _read_date(date, labelled)
        if result is not None:
            segment.claim(date, *result)


def _read_model(segment: _Segment) -> str | None:
    labelled = [match for match in _MODEL_LABELLED.finditer(segment.masked) if _MASK not in match.group(0)]
    tokens = [match for match in _MODEL_TOKEN.finditer(segment.masked)
              if any(char.isdigit() for char in match.group(0))]
    recognised = [match for match in tokens if _motor_series().match(_model_text(match.group(0)))]
    hyphenated = [match for match in tokens if "-" in match.group(0)]
    for choice in (labelled, recognised, hyphenated):
        if choice:
            match = choice[0]
            group = "model" if choice is labelled else 0
            start, end = match.span(group)
            segment.masked = segment.masked[:start] + _MASK * (end - start) + segment.masked[end:]
            return _model_text(match.group(group))
    return None


def _model_text(token: str) -> str:
    return token.upper()


def _read_bare_percent(segment: _Segment) -> None:
    """The one percentage of the motor, if it stands alone between separators (or after the IE class), is the
    efficiency; with two or more unlabelled percentages (负载率 75% … 93%) none is read."""
    percentages = [match for match in _BARE_PERCENT.finditer(segment.masked) if _MASK not in match.group(0)]
    if len(percentages) != 1 or "efficiency_pct" in segment.found:
        return
    match = percentages[0]
    before = segment.masked[:match.start()].rstrip(" ")
    value = _number(match.group("number"))
    if (not before or before[-1] in _SEPARATORS + ":/") and 0 < value <= 100:
        segment.claim(match, "efficiency_pct", _round(value))


def _read_segment(text: str, label: str | None) -> Nameplate:
    segment = _Segment(text)
    for pattern in _IGNORED:
        segment.scan(pattern, lambda match: "ignore")
    for pattern, count in _PHASES:
        segment.scan(pattern, lambda match, count=count: ("phases", count))
    _read_dates(segment)
    segment.scan(_EFFICIENCY, _read_efficiency)
    segment.scan(_IE_CLASS, lambda match: ("ie_class", f"IE{match.group('number')}"))
    for quantity, pattern in _WITH_UNIT.items():
        segment.scan(pattern, _read_with_unit(quantity))
    for quantity, pattern in _LABELLED.items():
        segment.scan(pattern, _read_labelled(quantity))
    segment.scan(_POLE_NUMERALS, lambda match: ("poles", _VOCABULARY["pole_numerals"][match.group("numeral")]))
    for pattern in _INSULATION:
        segment.scan(pattern, lambda match: ("insulation_class", match.group("letter").upper()))
    model = _read_model(segment)
    _read_bare_percent(segment)

    voltages = _merged(segment.found.get("voltage_v", []))
    currents = _merged(segment.found.get("current_a", []))
    date = segment.single("manufactured")
    values = {name: segment.single(name) for name in (
        "frequency_hz", "speed_rpm", "poles", "phases", "ie_class", "efficiency_pct",
        "insulation_class")}
    return Nameplate(
        label=label, model=model, rated_power_kw=segment.single("power_kw"),
        rated_voltage_v=voltages[0] if voltages else None, voltages_v=voltages,
        frequency_hz=values["frequency_hz"], current_a=currents[0] if currents else None, currents_a=currents,
        rated_speed_rpm=values["speed_rpm"], poles=values["poles"], phases=values["phases"],
        ie_class=values["ie_class"], efficiency_pct=values["efficiency_pct"],
        insulation_class=values["insulation_class"],
        manufactured=date[0] if date else None, manufactured_precision=date[1] if date else None,
        unread=tuple(dict.fromkeys(segment.unread + segment.rest())),
    )


def _merged(statements: list[tuple[tuple[float, ...], str]]) -> tuple[float, ...]:
    """All values of every statement, in order, each once."""
    return tuple(dict.fromkeys(value for values, _ in statements for value in values))


def _usable(nameplate: Nameplate) -> bool:
    return nameplate.model is not None or bool(nameplate.stated())


def normalise(text: str) -> str:
    """NFKC (full-width forms to ASCII), one kind of dash, single spaces; line breaks kept (they separate)."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate({ord(dash): "-" for dash in _DASHES}).replace(_MASK, " ")
    text = _SPACES.sub(" ", _CJK_DASH.sub("-", text))
    return _LINE_BREAKS.sub("\n", text).strip()


@lru_cache(maxsize=4096)
def _read(text: str) -> tuple[tuple[Nameplate, ...], tuple[str, ...]]:
    """(nameplates, unread pieces of a text that gave none)."""
    text = normalise(text)
    labels = list(_MOTOR_LABEL.finditer(text))
    if not labels:
        nameplate = _read_segment(text, None)
        return ((nameplate,), ()) if _usable(nameplate) else ((), nameplate.unread)

    nameplates: list[Nameplate] = []
    leading: tuple[str, ...] = ()
    before = _read_segment(text[:labels[0].start()], None)
    if before.stated():  # values before the first label: a motor of its own (YE3-160M-4 11kW 主电机)
        nameplates.append(before)
    else:  # a crane's own designation or nothing: said as unread with the first motor
        leading = tuple(_Segment(text[:labels[0].start()]).rest())
    for this, after in zip(labels, labels[1:] + [None]):
        end = after.start() if after is not None else len(text)
        nameplate = _read_segment(text[this.end():end], this.group(0).replace(" ", ""))
        said = text[this.end():end].strip(_EDGES + _SEPARATORS)
        if not _usable(nameplate) and not nameplate.unread and said:
            nameplate = replace(nameplate, unread=(said,))  # 起升电机 见铭牌: say what stood there
        if _usable(nameplate) or len(labels) > 1:  # a motor named but not described is still a motor of the cell
            nameplates.append(nameplate)
    if nameplates and leading:
        first = nameplates[0]
        nameplates[0] = replace(first, unread=leading + first.unread)
    if not any(_usable(nameplate) for nameplate in nameplates):
        return (), tuple(dict.fromkeys(piece for nameplate in nameplates for piece in nameplate.unread)) or leading
    return tuple(nameplates), ()


# ----------------------------------------------------------------------------------------------------- public


def read_nameplates(text: str) -> tuple[Nameplate, ...]:
    """One ``Nameplate`` per motor the text describes; an empty tuple when it states nothing usable.

    A text naming several motors (起升电机 …, 旋转电机 …) gives one per name, labelled with it, in order; a named motor
    with nothing readable is kept (all fields None, its text in ``unread``) when the cell names more than one.
    What stands before the first name is a motor of its own only when it states a quantity; otherwise its pieces
    with a digit (the crane's own designation) are listed as unread with the first motor.
    """
    return _read(text)[0] if isinstance(text, str) else ()


def unread_text(text: str) -> tuple[str, ...]:
    """For a text that gives no nameplate: its pieces holding a digit that could not be read (for the finding)."""
    return _read(text)[1] if isinstance(text, str) else ()


def carries_nameplate(text: str) -> bool:
    """Whether the text is a nameplate rather than a plain model: some motor in it states at least two quantities
    (power, voltage, frequency, current, speed, poles, IE class, efficiency, insulation class, manufacture date), or
    a model and one quantity. ``YE3-160M-4`` and ``YE3-160M-4 IP55`` are not nameplates; ``YE3-160M-4 11kW`` is."""
    return any(len(nameplate.stated()) >= (1 if nameplate.model else 2) for nameplate in read_nameplates(text))


def nameplates_per_distinct(texts: pd.Series) -> list[tuple[Nameplate, ...]]:
    """``read_nameplates`` for a column, each distinct text read once; aligned with ``texts`` (a blank cell: ())."""
    codes, results = per_distinct(texts, lambda value: read_nameplates(cell_text(value, nfkc=False) or ""))
    table = np.empty(len(results) + 1, dtype=object)
    for position, result in enumerate(results):  # element by element: numpy would unpack the tuples
        table[position] = result
    table[-1] = ()
    return table[codes].tolist()
