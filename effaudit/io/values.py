"""Cell values → canonical magnitudes: numbers with units, percentages, dates, text.

Every parser works per *distinct* cell value (``per_distinct``): a column of 200 000 cells usually holds a few
hundred distinct values, each parsed once in Python and spread back with a numpy take. Problems are returned as
``CellIssue`` objects aligned with the cells (None where the cell is fine); ``effaudit.inventory`` turns them into
rows of the problems frame.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from effaudit.units import UnitTextError, conversion_factor, normalize_unit_text, parse_unit


@dataclass(frozen=True)
class CellIssue:
    """Why one cell could not be used."""

    code: str
    message_zh: str
    message_en: str


def cell_issue(name: str, **params: object) -> CellIssue:
    """The issue of template ``problems.<name>`` (effaudit/resources/finding_texts.yaml; its first word is the
    code), a parameter given as a (zh, en) pair giving each language its own value."""
    from effaudit.finding_texts import texts  # not at the top: finding_texts imports this module (via labels)

    return CellIssue(name.split()[0], *texts("problems", name, **params))


def factorize(values: pd.Series | np.ndarray) -> tuple[np.ndarray, Any]:
    """``pd.factorize`` with missing values coded -1. A text column is hashed as an array of Python strings, with
    None for its gaps: about twice as fast as pandas' own path for the ``string`` dtype, and pd.NA costs the hash
    table six times what None does. A categorical is factorized on its codes; either way the distinct values come
    as an object array, in order of first appearance."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        codes, distinct = pd.factorize(values, use_na_sentinel=True)
        return codes, np.asarray(distinct, dtype=object)
    if isinstance(values, pd.Series) and (isinstance(values.dtype, pd.StringDtype) or values.dtype == object):
        gaps = values.isna().to_numpy().any()
        values = values.to_numpy(dtype=object, na_value=None) if gaps else values.to_numpy(dtype=object)
    return pd.factorize(values, use_na_sentinel=True)


def texts_where(condition: np.ndarray, yes: object, no: object) -> np.ndarray:
    """``np.where`` for texts (a str, None or an object array on either side), as an object array that holds the
    given Python strings. ``np.where`` itself turns a str into a numpy text array, which an object array or a
    ``string`` column then holds as one new Python string per row: 394,000 copies of "advisory" at 1,000,000 motors
    (~21 MB), kept as long as the findings are."""
    return np.where(condition, np.asarray(yes, dtype=object), np.asarray(no, dtype=object))


def texts_select(conditions: Sequence[np.ndarray], choices: Sequence[str], default: object = None) -> np.ndarray:
    """``np.select`` for texts, holding one Python string per choice (see ``texts_where``)."""
    return np.select(conditions, [np.asarray(choice, dtype=object) for choice in choices],
                     np.asarray(default, dtype=object))


def per_distinct(cells: pd.Series, parse: Callable[[Any], Any]) -> tuple[np.ndarray, list[Any]]:
    """``parse`` applied once per distinct non-missing value: (codes into the results, results).

    ``codes`` is -1 for a missing cell; callers append the missing-cell result to the list and index with it.
    """
    codes, distinct = factorize(cells)
    return codes, [parse(value) for value in distinct]


def spread(codes: np.ndarray, results: list[Any], missing: Any, dtype: Any = object) -> np.ndarray:
    """Back from one result per distinct value (``per_distinct``) to one per cell; code -1 takes ``missing``."""
    table = np.empty(len(results) + 1, dtype=dtype)
    table[:-1] = results if results else []
    table[-1] = missing
    return table[codes]  # code -1 picks the last entry: the missing value


def _small_codes(column: pd.Series | np.ndarray) -> tuple[np.ndarray, int]:
    """(codes, width): a code in [0, width) per row, equal codes for equal values. An array of small integers (codes
    of other columns, grades, positions) is its own code; anything else is factorized (missing: 0)."""
    if isinstance(column, np.ndarray) and column.dtype.kind in "iub" and len(column):
        low, high = int(column.min()), int(column.max())
        if high - low < 2**20:
            return column.astype(np.int64) - low, high - low + 1
    codes, distinct = factorize(column)
    return codes + 1, len(distinct) + 1


def combinations(columns: Sequence[pd.Series | np.ndarray], size: int) -> tuple[np.ndarray, np.ndarray]:
    """(codes, first): a code per row (of ``size`` rows) for its combination of values across ``columns``
    (row-aligned; all missing values of a column count as one; no columns: one combination), codes numbered in
    order of appearance, and the first row of each code."""
    key = np.zeros(size, dtype=np.int64)
    bound = 1  # the key is below this
    for column in columns:
        codes, width = _small_codes(column)
        if bound * width >= 2**62:  # re-numbered before it could overflow
            key, numbered = pd.factorize(key)
            bound = len(numbered)
        key = key * width + codes
        bound *= width
    key, _ = pd.factorize(key)
    first = np.flatnonzero(np.diff(np.maximum.accumulate(key), prepend=-1) > 0)  # where a new code appears
    return key, first


MessageTexts = tuple[ExtensionArray, ExtensionArray]  # (zh, en), ``string`` arrays aligned with the rows


def messages(make: Callable[..., tuple[str, str]], *columns: pd.Series | np.ndarray) -> MessageTexts:
    """(zh, en) message texts per row, as ``string`` arrays: ``make(*values)`` once per distinct combination of the
    columns' values (row-aligned), spread back to the rows. Findings share a few hundred combinations of standard,
    rating, value and limit, so their texts are built (and held in memory) that many times, not once per finding."""
    return joined_messages((make, columns))


MessagePart = tuple[Callable[..., tuple[str, str]], Sequence[pd.Series | np.ndarray]]


def joined_messages(*parts: MessagePart) -> MessageTexts:
    """As ``messages`` for a text made of parts, each ``(make, columns)`` built once per distinct combination of its
    own columns: a measured value and a limit vary independently, so the parts are built far fewer times than the
    whole texts, which are then joined once per distinct combination of parts."""
    size = len(parts[0][1][0])
    part_codes, part_texts = [], []
    for make, columns in parts:
        codes, first = combinations(columns, size)
        values = [(column.iloc[first] if isinstance(column, pd.Series) else np.asarray(column)[first]).tolist()
                  for column in columns]
        part_codes.append(codes)
        part_texts.append(np.array([make(*row) for row in zip(*values)] or np.empty((0, 2)), dtype=object))
    codes, first = combinations(part_codes, size)
    joined = part_texts[0][part_codes[0][first]]
    for texts, part in zip(part_texts[1:], part_codes[1:]):
        joined = joined + texts[part[first]]  # object arrays: str + str per combination, in C
    # Interned: a check run a block of items at a time (efficiency.ITEMS_PER_BLOCK) builds a text again in each
    # block, and the findings then hold it once, not once per block.
    zh, en = ([sys.intern(text) for text in joined[:, column].tolist()] for column in (0, 1))
    return pd.array(zh, dtype="string")[codes], pd.array(en, dtype="string")[codes]


def names_where(flags: Sequence[tuple[str, np.ndarray]], size: int) -> np.ndarray:
    """Per row, the names whose flag is set, comma-joined in the order given ("" when none): built once per
    distinct pattern of flags."""
    pattern = np.zeros(size, dtype=np.int64)
    for bit, (_, flag) in enumerate(flags):
        pattern |= np.asarray(flag, dtype=np.int64) << bit
    codes, distinct = pd.factorize(pattern)
    return spread(codes, [",".join(name for bit, (name, _) in enumerate(flags) if p >> bit & 1)
                          for p in distinct.tolist()], "")


# ------------------------------------------------------------------------------------------------------- text


def cell_text(value: Any, nfkc: bool = True) -> str | None:
    """The text a person reads in a cell (75.0 → "75", a date → "2016-04-05"); None for a blank cell.

    ``nfkc`` folds full-width forms (ＹＥ３ → YE3) for text that is matched; off for text shown back as written.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    text = (unicodedata.normalize("NFKC", str(value)) if nfkc else str(value)).strip()
    return text or None


def first_char_forms(texts: Iterable[str]) -> frozenset[str]:
    """The characters a cell may start with and read, after NFKC and lower-casing, as the first character of one of
    ``texts``: each in lower and upper case and full width. A cheap filter before normalising a whole cell."""
    forms: set[str] = set()
    for text in texts:
        if text:
            char = text[0]
            forms |= {char, char.upper(), char.lower()}
            forms |= {chr(ord(form) + 0xFEE0) for form in (char.upper(), char.lower()) if "!" <= form <= "~"}
    return frozenset(forms)


def text_values(cells: pd.Series, nfkc: bool = True) -> pd.Series:
    """A text column: stripped, NA when blank, and by default NFKC-normalised (full-width forms become ASCII)."""
    codes, distinct = pd.factorize(cells, use_na_sentinel=True)
    # Strings (usually all of them, and many distinct: ids) take a short path; other cells go through cell_text.
    results = [(unicodedata.normalize("NFKC", value) if nfkc else value).strip() or None if type(value) is str
               else cell_text(value, nfkc) for value in distinct.tolist()]
    return pd.Series(spread(codes, results, None), index=cells.index, dtype="string")


# ---------------------------------------------------------------------------------------------------- numbers

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_NUMBER_THEN_UNIT = re.compile(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)(.*)", re.DOTALL)


def split_number(text: str) -> tuple[float, str] | None:
    """``"1,600 kVA"`` → ``(1600.0, "kVA")``; None when the text does not start with a number."""
    text = _THOUSANDS.sub("", unicodedata.normalize("NFKC", text).strip())
    match = _NUMBER_THEN_UNIT.fullmatch(text)
    if match is None:
        return None
    return float(match.group(1)), match.group(2).strip()


@dataclass
class ParsedNumbers:
    """A number column in its canonical unit, aligned with the cells it came from."""

    values: pd.Series  # float64, NaN where missing or invalid
    issues: pd.Series  # CellIssue or None
    cell_unit: pd.Series  # bool: the cell wrote its own unit ("92%", "75kW")


def _dq101(text: str) -> CellIssue:
    return cell_issue("DQ101", text=text)


def _dq102(text: str, unit: str, canonical: str) -> CellIssue:
    return cell_issue("DQ102 unit", unit=unit, canonical=canonical, text=text)


def _number(value: Any, canonical: str, header_unit: str | None) -> tuple[float, CellIssue | None, bool]:
    if cell_text(value) is None:
        return math.nan, None, False
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time)):
        return math.nan, _dq101(str(value)), False
    if isinstance(value, (int, float)):
        magnitude, unit, own_unit = float(value), header_unit, False
    else:
        split = split_number(str(value))
        if split is None:
            return math.nan, _dq101(str(value)), False
        magnitude, unit = split
        own_unit = bool(unit)
        unit = unit or header_unit
    if not math.isfinite(magnitude):
        return math.nan, _dq101(str(value)), own_unit
    if not unit:
        return magnitude, None, own_unit
    try:
        return magnitude * conversion_factor(unit, canonical), None, own_unit
    except UnitTextError:
        return math.nan, _dq102(cell_text(value) or "", unit, canonical), own_unit


def parse_numbers(cells: pd.Series, canonical: str, header_unit: str | None = None) -> ParsedNumbers:
    """Numbers in ``canonical`` (a pint unit text; "dimensionless" for counts).

    A cell's own unit wins over the header's; a cell without a unit is in the header's unit, or already canonical.
    Problems: DQ101 (not a number), DQ102 (a unit of another dimension, or unknown).
    """
    codes, results = per_distinct(cells, lambda value: _number(value, canonical, header_unit))
    values = spread(codes, [r[0] for r in results], math.nan, np.float64)
    issues = spread(codes, [r[1] for r in results], None)
    own_unit = spread(codes, [r[2] for r in results], False, bool)
    return ParsedNumbers(pd.Series(values, index=cells.index, dtype="float64"),
                         pd.Series(issues, index=cells.index, dtype=object),
                         pd.Series(own_unit, index=cells.index, dtype=bool))


@dataclass
class ParsedMeasures:
    """A measure column: magnitudes as written, with each cell's unit (its own, else the header's)."""

    values: pd.Series  # float64, NaN where missing or invalid
    units: pd.Series  # string: the unit text in the form pint reads (NFKC, no spaces), NA where values is NaN
    issues: pd.Series  # CellIssue or None


def _measure(value: Any, header_unit: str | None) -> tuple[float, str | None, CellIssue | None]:
    text = cell_text(value)
    if text is None:
        return math.nan, None, None
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time)):
        return math.nan, None, _dq101(text)
    split = (float(value), "") if isinstance(value, (int, float)) else split_number(text)
    if split is None or not math.isfinite(split[0]):
        return math.nan, None, _dq101(text)
    unit = split[1] or header_unit
    if not unit:
        return math.nan, None, cell_issue("DQ110 product", text=text)
    try:
        parse_unit(unit)
    except UnitTextError:
        return math.nan, None, cell_issue("DQ102 unknown_unit", unit=unit, text=text)
    return split[0], normalize_unit_text(unit), None


def parse_measures(cells: pd.Series, header_unit: str | None = None) -> ParsedMeasures:
    """Quantities whose unit varies by row (output in t or 万t or 重量箱; kgce/t or kWh/t): the magnitude as written
    and its unit, checked by pint here and converted where the unit a rule needs is known (effaudit.checks.quota).
    Problems: DQ101 (not a number), DQ102 (unknown unit), DQ110 (no unit in the cell or the header)."""
    codes, results = per_distinct(cells, lambda value: _measure(value, header_unit))
    return ParsedMeasures(
        pd.Series(spread(codes, [r[0] for r in results], math.nan, np.float64), index=cells.index, dtype="float64"),
        pd.Series(spread(codes, [r[1] for r in results], None), index=cells.index, dtype="string"),
        pd.Series(spread(codes, [r[2] for r in results], None), index=cells.index, dtype=object))


def apply_ratio_rule(numbers: ParsedNumbers, zh: str = "效率", en: str = "efficiency"
                     ) -> tuple[ParsedNumbers, str | None]:
    """A percentage column (efficiency, a share) written as fractions (0.921) or as percentages (92.1)? Decided per
    column, never per cell.

    Only cells without their own unit are in question ("92.1%" is never ambiguous; a ``效率(%)`` header does not
    settle it, because such columns are often filled with fractions). If no cell writes a unit and every number is
    ≤ 1, the column is a ratio: ×100, and the returned note says so. Otherwise each bare number in (0, 1] is
    ambiguous: DQ104 and NaN. ``zh`` / ``en`` name the column in the note and the messages.
    """
    bare = numbers.values.notna() & ~numbers.cell_unit
    if not bare.any():
        return numbers, None
    if not numbers.cell_unit.any() and (numbers.values[bare] <= 1).all():
        note = (f"{zh}列全部数值 ≤ 1，按比值读取并乘以 100 / every {en} value is ≤ 1: read as ratios and "
                "multiplied by 100")
        return ParsedNumbers(numbers.values * 100.0, numbers.issues, numbers.cell_unit), note
    ambiguous = bare & (numbers.values > 0) & (numbers.values <= 1)
    issues = numbers.issues.copy()
    issues[ambiguous] = [
        cell_issue("DQ104", field=(zh, en), text=f"{value:g}")
        for value in numbers.values[ambiguous]
    ]
    return ParsedNumbers(numbers.values.mask(ambiguous), issues, numbers.cell_unit), None


# ------------------------------------------------------------------------------------------------------ dates

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d*)?)?$")
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?"), "day"),
    (re.compile(r"(\d{4})(\d{2})(\d{2})"), "day"),
    (re.compile(r"(\d{4})[-/.年](\d{1,2})月?"), "month"),
    (re.compile(r"(\d{4})年?"), "year"),
)
_YEARS = range(1900, 2101)
# An Excel serial day number in a date column: 10000 … 80000 is 1927-05-18 … 2119-01-10. Smaller numbers are read
# as text: a year ("2016"), year.month ("2016.04"), or nothing a date column should hold.
_SERIALS = (10000.0, 80000.0)


@dataclass
class ParsedDates:
    values: pd.Series  # datetime64[ns], NaT where missing, invalid or in the future
    precision: pd.Series  # "day" / "month" / "year", NA where values is NaT
    issues: pd.Series  # CellIssue or None


def _dq105(text: str) -> CellIssue:
    return cell_issue("DQ105", text=text)


_CHINESE_DIGITS = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_CHINESE_NUMBER = re.compile(r"[〇零○一二三四五六七八九十]+")
_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
_MONTH_NAME = re.compile(r"([a-z]+)\.?[-/ ,.]*(\d{2}|\d{4})|(\d{4})[-/ ,.]*([a-z]+)\.?", re.IGNORECASE)
_TWO_DIGIT_YEAR = re.compile(r"(\d{2})年(\d{1,2})月(?:(\d{1,2})[日号])?|(\d{2})年")


def _chinese_numerals(text: str) -> str:
    """二〇一六年四月 → 2016年4月: digits written one by one (years), and 十 in months and days (十二 → 12)."""
    def number(match: re.Match[str]) -> str:
        word = match.group()
        if "十" not in word:
            return word.translate(_CHINESE_DIGITS)
        tens, _, ones = word.partition("十")
        return str(int(tens.translate(_CHINESE_DIGITS) or 1) * 10 + int(ones.translate(_CHINESE_DIGITS) or 0))
    return _CHINESE_NUMBER.sub(number, text)


def _full_year(two_digits: str, this_year: int) -> int:
    """16 → 2016, 98 → 1998: a two-digit year is this century's unless that would be after ``this_year``."""
    year = 2000 + int(two_digits)
    return year if year <= this_year else year - 100


def _normalised_date_text(text: str, this_year: int) -> str:
    """Forms people write, rewritten to ones the patterns read: Chinese numerals, a two-digit year (16年4月) and an
    English month name (Apr-2016, April 2016, 2016-Apr, Apr-16 as Excel shows mmm-yy)."""
    text = _chinese_numerals(text)
    two_digit = _TWO_DIGIT_YEAR.fullmatch(text)
    if two_digit is not None:
        if two_digit.group(4):
            return f"{_full_year(two_digit.group(4), this_year)}年"
        day = f"{two_digit.group(3)}日" if two_digit.group(3) else ""
        return f"{_full_year(two_digit.group(1), this_year)}年{two_digit.group(2)}月{day}"
    named = _MONTH_NAME.fullmatch(text)
    if named is not None:
        name, year = (named.group(1), named.group(2)) if named.group(1) else (named.group(4), named.group(3))
        month = _MONTHS.get(name.lower())
        if month is not None:
            return f"{_full_year(year, this_year) if len(year) == 2 else year}-{month:02d}"
    return text


def _date_from_text(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    text = _normalised_date_text("".join(_TIME_SUFFIX.sub("", text).split()), today.year)
    for pattern, precision in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        year, month, day = (int(part) for part in match.groups() + ("1",) * (3 - len(match.groups())))
        try:
            return dt.date(year, month, day), precision
        except ValueError:
            return None
    return None


def _date(value: Any, today: dt.date, future: bool = False) -> tuple[Any, str | None, CellIssue | None]:
    """(date or None, precision, issue) for one distinct cell value; ``future``: a date after today is no issue."""
    text = cell_text(value)
    if text is None:
        return None, None, None
    if isinstance(value, dt.datetime):
        found: tuple[dt.date, str] | None = (value.date(), "day")
    elif isinstance(value, dt.date):
        found = (value, "day")
    elif isinstance(value, bool) or not isinstance(value, (int, float, str)):
        found = None
    else:
        number = split_number(text)
        if number is not None and not number[1] and _SERIALS[0] <= number[0] <= _SERIALS[1]:
            found = (_EXCEL_EPOCH + dt.timedelta(days=int(number[0])), "day")
        else:
            found = _date_from_text(text, today)
    if found is None or found[0].year not in _YEARS:
        return None, None, _dq105(text)
    if found[0] > today and not future:
        return None, None, cell_issue("DQ106", text=text, today=today.isoformat())
    return found[0], found[1], None


def parse_dates(cells: pd.Series, today: dt.date, future: bool = False) -> ParsedDates:
    """Dates in every form the field writes: native spreadsheet dates, Excel serials, ``2016-04-05``,
    ``2016/4/5``, ``20160405``, ``2016-04``, ``2016.04``, ``2016年4月(5日)``, ``2016``.

    A month or a year is stored as its first day, with precision "month" / "year". A numeric cell 2016.1 is read
    as the text "2016.1", i.e. January: the spreadsheet has already dropped the zero of "2016.10".
    Problems: DQ105 (not a date), DQ106 (after ``today``, unless ``future``: a date that lies ahead by nature; the
    date is set to NaT, it is treated as missing).
    """
    codes, results = per_distinct(cells, lambda value: _date(value, today, future))
    dates = pd.to_datetime(pd.Series(spread(codes, [r[0] for r in results], None), index=cells.index))
    return ParsedDates(dates.astype("datetime64[ns]"),
                       pd.Series(spread(codes, [r[1] for r in results], None), index=cells.index, dtype="string"),
                       pd.Series(spread(codes, [r[2] for r in results], None), index=cells.index, dtype=object))
