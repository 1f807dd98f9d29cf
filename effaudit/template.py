"""`effaudit template`: a blank inventory workbook that effaudit reads back as it is filled in.

Two sheets to fill (equipment, and the products of the unit-consumption quotas) whose headers are the first alias
of each canonical column (effaudit/resources/header_aliases.yaml) with its unit, and a sheet that explains every
column: what it holds, its unit, the values a coded column takes (effaudit/resources/vocabulary/), and the rulebook
documents that use it. Its own header names no inventory column, so the reader passes it by.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from effaudit.checks.policy import SUPPLY
from effaudit.columns import BY_NAME, COLUMNS, PRODUCT_COLUMNS, Column
from effaudit.derive import DERIVED_FROM
from effaudit.interpret.profiles import family_unit_fields, profiles
from effaudit.io.header import column_aliases, match_header
from effaudit.standards.rulebook import Rulebook
from effaudit.vocabulary import is_chinese, vocabulary_choices

SHEETS = {"zh": ("设备清单", "产品能耗", "填写说明"), "en": ("Equipment", "Products", "How to fill in")}
GUIDE_HEADER = {"zh": ("表头", "英文含义", "计量单位", "填写形式", "可选值", "使用该列的规则文件"),
                "en": ("Header", "Meaning (Chinese)", "Unit", "Form", "Values", "Rulebook documents using it")}
FORM = {"zh": {"text": "文字", "number": "数值", "count": "整数", "date": "日期（如 2016-04-05、2016-04、2016）",
               "code": "选项（见可选值）", "measure": "数值 + 单位（如 12.5万t、1350kgce/t）"},
        "en": {"text": "text", "number": "number", "count": "whole number",
               "date": "date (e.g. 2016-04-05, 2016-04, 2016)", "code": "one of the values listed",
               "measure": "number with its unit (e.g. 125000t, 1350kgce/t)"}}
# How a canonical unit is written in a header, where pint's spelling is not what people write.
UNIT_TEXT = {"percent": "%", "dimensionless": None, "year": "a", "m**3/min": "m³/min",
             "kW/(m**3/min)": "kW/(m³/min)", "m3": "m³", "kJ/m3": "kJ/m³"}
# The columns behind the date fields conditions use (effaudit.conditions.derived_fields; ages: policy.SUPPLY).
DERIVED_DATES = {"manufacture_year": ("manufacture_date",), "commissioning_year": ("commissioning_date",),
                 "in_service_year": ("commissioning_date", "manufacture_date"), **SUPPLY}
DROPDOWN_LIMIT = 255  # Excel's limit on the text of an in-cell list
LISTED_DOCUMENTS = 4  # documents named per column in the guide before "… (N)"


@dataclass(frozen=True)
class TemplateColumn:
    column: Column
    header: str
    unit: str | None
    choices: tuple[str, ...]
    used_by: tuple[str, ...]


def _alias(column: Column, lang: str) -> str:
    """The column's own label when it is one of its aliases, else its first alias in the language."""
    aliases = column_aliases()[column.name]
    label = column.zh if lang == "zh" else column.en
    if label in aliases:
        return label
    chinese = [alias for alias in aliases if is_chinese(alias)]
    english = [alias for alias in aliases if alias not in chinese]
    return ((chinese or english) if lang == "zh" else (english or chinese))[0]


def _header(column: Column, lang: str) -> tuple[str, str | None]:
    """(header text, unit written in it): the alias with the canonical unit, when the reader takes it back as that
    column in that unit; else the alias alone (bare numbers are then read in the canonical unit)."""
    name = _alias(column, lang)
    unit = UNIT_TEXT.get(column.unit, column.unit) if column.unit else None
    if unit and column.name not in family_unit_fields():  # the family decides: a pump's m³/h, a compressor's m³/min
        text = f"{name}({unit})"
        match = match_header(text)
        if match is not None and match.column == column.name and match.unit:
            return text, unit
    return name, None


def _documents_by_field(rulebook: Rulebook, as_of: dt.date) -> dict[str, list[str]]:
    """Inventory column -> the rulebook documents in force on ``as_of`` whose tables, conditions or corrections
    read it (quota editions already published but not yet in force too: they decide soon)."""
    fields: dict[str, list[str]] = {}

    def add(field: str, document: str) -> None:
        """``field`` itself when it is an inventory column, and the columns it is derived from (a specific power is
        stated, or computed from input power and flow)."""
        sources = [field] if field in BY_NAME else []
        sources += DERIVED_DATES.get(field, ())
        sources += [part.strip() for part in DERIVED_FROM.get(field, "").split(",") if part.strip()]
        for source in sources:
            fields.setdefault(source, [])
            if document not in fields[source]:
                fields[source].append(document)

    standards = [rulebook.in_force(family, as_of) for family in dict.fromkeys(s.family for s in rulebook.standards)]
    for standard in filter(None, standards):
        used = [key.field for table in standard.tables for key in table.keys]
        used += [metric.name for metric in standard.metrics] + [c.field for c in standard.scope_conditions]
        for field in used:
            add(field, standard.id)
    for catalogue in rulebook.catalogues_in_force(as_of):
        add("model", catalogue.id)
        for entry in catalogue.entries:
            for outcome in entry.outcomes:
                for condition in outcome.when:
                    add(condition.field, catalogue.id)
    for book in rulebook.policies:
        for rule in book.rules:
            for condition in rule.match:
                add(condition.field, book.id)
    for quota in rulebook.quotas_in_force(as_of) + [q for q in rulebook.quotas if q.effective > as_of]:
        for field in ("product_name", "process", "indicator", "output", "reported_consumption", "total_energy_kgce"):
            add(field, quota.id)
        for correction in {c.input for entry in quota.entries for c in entry.corrections}:
            add(correction, quota.id)
    for conversion in rulebook.conversions:
        for carrier in conversion.carriers:
            add(carrier.column, conversion.id)
            if carrier.measured_lhv_column:
                add(carrier.measured_lhv_column, conversion.id)
    return fields


def template_columns(lang: str, rulebook: Rulebook,
                     as_of: dt.date) -> tuple[list[TemplateColumn], list[TemplateColumn]]:
    """The equipment and the product columns of the template, in the order of effaudit.columns."""
    documents = _documents_by_field(rulebook, as_of)
    choices = vocabulary_choices(lang)

    def described(column: Column) -> TemplateColumn:
        header, unit = _header(column, lang)
        return TemplateColumn(column, header, unit, tuple(choices.get(column.name, ())),
                              tuple(documents.get(column.name, ())))

    return ([described(c) for c in COLUMNS if c.name not in PRODUCT_COLUMNS],
            [described(c) for c in COLUMNS if c.name in PRODUCT_COLUMNS])


def _family_units(field: str) -> str:
    """The units a column takes by family when the cell writes none (``m³/h: pump, fan; m³/min: compressor``)."""
    by_unit: dict[str, list[str]] = {}
    for family, profile in profiles().items():
        if field in profile.bare_units:
            unit = profile.bare_units[field]
            by_unit.setdefault(UNIT_TEXT.get(unit, unit.replace("**3", "³")), []).append(family)
    return "; ".join(f"{unit}: {', '.join(families)}" for unit, families in by_unit.items())


def _input_sheet(sheet, columns: list[TemplateColumn]) -> None:  # noqa: ANN001 - an openpyxl worksheet
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for position, described in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=position, value=described.header)
        cell.font, cell.fill = bold, fill
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = max(10, min(28, len(described.header) * 2 + 2))
        listed = ",".join(described.choices)
        if described.choices and len(listed) <= DROPDOWN_LIMIT and "," not in "".join(described.choices):
            # A dropdown to help, not a fence: other spellings the vocabulary knows are accepted too.
            validation = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True,
                                        showErrorMessage=False)
            validation.add(f"{letter}2:{letter}1048576")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"


def _guide_sheet(sheet, columns: list[TemplateColumn], lang: str) -> None:  # noqa: ANN001 - an openpyxl worksheet
    sheet.append(GUIDE_HEADER[lang])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for described in columns:
        column = described.column
        documents = list(described.used_by[:LISTED_DOCUMENTS])
        if len(described.used_by) > LISTED_DOCUMENTS:
            documents.append(f"… ({len(described.used_by)})")
        sheet.append([described.header, column.en if lang == "zh" else column.zh,
                      described.unit or _family_units(column.name),
                      FORM[lang][column.kind], "、".join(described.choices) if lang == "zh"
                      else ", ".join(described.choices), "; ".join(documents)])
    for letter, width in zip("ABCDEF", (26, 30, 12, 30, 50, 60)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"


def template_workbook(lang: str, rulebook: Rulebook, as_of: dt.date) -> bytes:
    """The template as .xlsx bytes; the guide names the documents in force on ``as_of``."""
    equipment, products = template_columns(lang, rulebook, as_of)
    workbook = Workbook()
    names = SHEETS[lang]
    _input_sheet(workbook.active, equipment)
    workbook.active.title = names[0]
    _input_sheet(workbook.create_sheet(names[1]), products)
    _guide_sheet(workbook.create_sheet(names[2]), equipment + products, lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
