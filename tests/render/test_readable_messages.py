"""No message in any output carries an internal field or code name (``insulation_medium``,
``oil_injected_rotary_variable``) or more digits than its quantity is written with (``79.647302``): the bundled
examples, in Chinese and English, through the JSON and the PDF."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from effaudit.labels import FAMILY_LABELS
from tests.cli_run import effaudit
from tests.result_json import loads

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# The bundled examples with the options the Makefile and the README run them with.
RUNS = {"inventory.xlsx": ("--profile", EXAMPLES / "operating-profile.yaml"), "plant.xlsx": (),
        "mixed_inventory.xlsx": ("--jurisdiction", "wuhai")}
INTERNAL_NAME = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
# A family's or a jurisdiction's code where its name belongs: in Chinese text any of them (`审核适用地区：national`,
# `transformer`), in English those that are no English word (`inner-mongolia`, `wuhai`; Wuhai is its name)
JURISDICTIONS = ("national", "inner-mongolia", "wuhai")
CODE_WORD = {lang: re.compile(rf"(?<![A-Za-z_-])({'|'.join(words)})(?![A-Za-z_-])") for lang, words in (
    ("zh", (*JURISDICTIONS, *FAMILY_LABELS)), ("en", JURISDICTIONS[1:]))}
# machine precision anywhere, or a quantity with more decimals than its format allows: efficiencies and shares to one
# decimal, losses in whole W, powers and other quantities to two, each with one more for a limit a formula gives
# (79.65 %); conversion coefficients such as 0.1229 kgce/kWh are written as GB/T 2589 writes them
MACHINE_DIGITS = re.compile(r"\d\.\d{5,}|\d\.\d{3,} ?(%|kW|kVA|kgce/t|t/h|MW|MPa)(?![\w/])|\d\.\d{2,} ?W\b")
# an efficiency limit or measured value whose trailing zero was dropped (≥ 96 % where the table prints 96.0), or a
# limit without the space before its unit (≥ 91.4%)
DROPPED_ZERO = re.compile(r"([≥≤]|实测|measured) \d+ %")
NO_SPACE = re.compile(r"[≥≤] \d+(\.\d+)?(%|W|kW)(?![\w/])")
# the PDF's quota appendix shows the arithmetic as computed (885.125 kgce/t = 177,025,000 kgce / 200,000 t)
PDF_MACHINE_DIGITS = re.compile(r"\d\.\d{5,}|\d\.\d{3,} ?(%|kW|W|kVA|t/h|MW|MPa)(?![\w/])")
TEXT_KEYS = ("message", "message_zh", "message_en", "note_zh", "note_en", "notes", "reason", "order")


def _texts(document: object, lang: str, key: str = "") -> list[tuple[str, str]]:
    """Every text a reader is given in the JSON (findings' messages, notes, reasons, the target's rule messages),
    each with its language (a key's _zh / _en, else the report's)."""
    if isinstance(document, dict):
        return [text for name, value in document.items() for text in _texts(value, lang, name)]
    if isinstance(document, list):
        return [text for value in document for text in _texts(value, lang, key)]
    if isinstance(document, str) and key in TEXT_KEYS:
        return [(document, "zh" if key.endswith("_zh") else "en" if key.endswith("_en") else lang)]
    return []


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("example", list(RUNS))
def test_messages_name_fields_as_readers_do(tmp_path: Path, example: str, lang: str) -> None:
    pdf = tmp_path / "report.pdf"
    run = effaudit("check", EXAMPLES / example, *RUNS[example], "--as-of", "2026-11-22", "--lang", lang,
                   "--json", "-", "--pdf", pdf)
    assert run.returncode in (0, 1), run.stderr
    result = loads(run.stdout)
    texts = _texts(result, lang)
    assert len({text for text, _ in texts}) >= sum(len(item["findings"]) > 0 for item in result["items"]) > 0
    for text, text_lang in texts:
        assert not INTERNAL_NAME.search(text), text
        assert not CODE_WORD[text_lang].search(text), text
        assert not MACHINE_DIGITS.search(text), text
        assert not DROPPED_ZERO.search(text), text
        assert not NO_SPACE.search(text), text
        if text_lang == "en":  # the standard's clause in English words: Table 1, not 表1
            assert not re.search(r"表\s*\d", text), text
    pdf_text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert not PDF_MACHINE_DIGITS.search(pdf_text), PDF_MACHINE_DIGITS.search(pdf_text)
    assert not DROPPED_ZERO.search(pdf_text), DROPPED_ZERO.search(pdf_text)
    assert not re.search(r"(审核适用地区：|Jurisdiction: )national\b", pdf_text)
    if lang == "en":
        assert not re.search(r"表\s*\d", pdf_text), re.search(r".*表\s*\d.*", pdf_text)
    # a unit written as a word is written in the report's language (实测 15 年 / measured 15 years, never 15 year)
    assert not re.search(r"\d year\b", pdf_text), re.search(r".*\d year\b.*", pdf_text)
    if example == "mixed_inventory.xlsx":  # its 15-year-old truck (RG216)
        assert ("实测 15 年" if lang == "zh" else "measured 15 years") in pdf_text


def test_quantities_are_written_as_their_standard_writes_them() -> None:
    from effaudit.labels import clause_text, code_label, quantity_text, quantity_unit

    assert quantity_text(79.647302, "%") == "79.65"   # GB 19762 formula limit: never shown as 79.6 (it is above)
    assert quantity_text(96.5, "%") == "96.5" and quantity_text(96.0, "%") == "96.0"  # GB 18613 表1 prints 96.0
    assert quantity_text(560.0, "W") == "560" and quantity_text(73.549875, "kW") == "73.55"
    assert quantity_text(11.0, "kW") == "11" and quantity_text(0.75, "kW") == "0.75"
    assert quantity_unit(91.4, "%") == "91.4 %" and quantity_unit(875.0, "W") == "875 W"
    assert clause_text("表1", "en") == "Table 1" and clause_text("表1", "zh") == "表1"
    assert clause_text("第四条（一）、第五条（十一）", "en") == "Art. 4 (1), Art. 5 (11)"
    assert clause_text("二、（一）3. 加快交通运输设备", "en") == "二、（一）3. 加快交通运输设备"  # the plan's own heading
    assert clause_text("表3 + 公式", "en") == "Table 3 + formula" and clause_text("5.3 式(1)", "en") == "5.3 formula (1)"
    # a catalogue's batch and a catalogue edition (Appendix B of the English report)
    assert clause_text("第一批（2009）", "en") == "batch 1 (2009)" and clause_text("2024年本", "en") == "2024 edition"
    assert code_label("insulation_class", "B", "en") == "B" and code_label("fuel", "natural_gas", "en") == "natural gas"


def test_every_finding_code_has_its_template() -> None:
    """No message is hand-written: every code has a zh/en template of its own in finding_texts.yaml, except the
    renewal-plan rules (policy.rule: the rule's own sentence from its rulebook) and the reader's cell problems
    (data.cell: what the reader found, the column, the value). A new code without a template fails here."""
    from effaudit.checks import all_rules, data_quality, policy
    from effaudit.finding_texts import code_names
    from effaudit.standards.rulebook import Rulebook

    rulebook_rules = {rule.code for rule in policy.policy_rules(Rulebook.load().policies)} - {"RG001", "RG002"}
    reader_cells = {rule.code for rule in data_quality.RULES} - {"DQ111"}
    assert set(all_rules()) - code_names() == rulebook_rules | reader_cells
    assert code_names() <= set(all_rules())
    # what the reader found wrong in a cell is a template too (problems.<CODE …>), one or more per cell code
    from effaudit.finding_texts import templates

    assert {name.split()[0] for name in templates()["problems"]} == reader_cells | {"DQ111"}


def test_finding_templates_are_checked_when_loaded() -> None:
    """Every grade code has a zh and an en template, and a template naming a parameter the renderer does not know
    (a typo, an internal field) is refused when the file is loaded, not when a report prints it."""
    import copy

    from effaudit.finding_texts import checked_templates, templates
    from effaudit.yaml_text import load_yaml

    table = load_yaml((Path(__file__).resolve().parents[2] / "effaudit/resources/finding_texts.yaml")
                      .read_text(encoding="utf-8"))
    assert checked_templates(table) == templates()
    typo = copy.deepcopy(table)
    typo["grade_codes"]["EF102"]["en"] += " {required_value}"
    with pytest.raises(ValueError, match=r"grade_codes\.EF102\.en names \['required_value'\]"):
        checked_templates(typo)
    missing = copy.deepcopy(table)
    del missing["grade_codes"]["EF104"]["zh"]
    with pytest.raises(ValueError, match="EF104 needs a zh and an en text"):
        checked_templates(missing)
    del missing["grade_codes"]["EF104"]
    with pytest.raises(ValueError, match="grade_codes needs exactly"):
        checked_templates(missing)
