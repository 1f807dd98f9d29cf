"""No message in any output carries an internal field or code name (``insulation_medium``,
``oil_injected_rotary_variable``) or more digits than its quantity is written with (``79.647302``): the bundled
examples, in Chinese and English, through the JSON and the PDF."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.cli_run import effaudit

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
INTERNAL_NAME = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
# machine precision anywhere, or a quantity with more decimals than its format allows (conversion coefficients
# such as 0.1229 kgce/kWh are written as GB/T 2589 writes them)
MACHINE_DIGITS = re.compile(r"\d\.\d{5,}|\d\.\d{3,} ?(%|kW|W|kVA|kgce/t|t/h|MW|MPa)(?![\w/])")
# the PDF's quota appendix shows the arithmetic as computed (885.125 kgce/t = 177,025,000 kgce / 200,000 t)
PDF_MACHINE_DIGITS = re.compile(r"\d\.\d{5,}|\d\.\d{3,} ?(%|kW|W|kVA|t/h|MW|MPa)(?![\w/])")


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("example", ["inventory.xlsx", "plant.xlsx", "mixed_inventory.xlsx"])
def test_messages_name_fields_as_readers_do(tmp_path: Path, example: str, lang: str) -> None:
    pdf = tmp_path / "report.pdf"
    run = effaudit("check", EXAMPLES / example, "--as-of", "2026-11-22", "--lang", lang, "--json", "-",
                   "--pdf", pdf)
    assert run.returncode in (0, 1), run.stderr
    messages = [finding["message"] for item in json.loads(run.stdout)["items"] for finding in item["findings"]]
    assert messages
    for message in messages:
        assert not INTERNAL_NAME.search(message), message
        assert not MACHINE_DIGITS.search(message), message
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert not PDF_MACHINE_DIGITS.search(text), PDF_MACHINE_DIGITS.search(text)
    assert not re.search(r"(审核适用地区：|Jurisdiction: )national\b", text)


def test_a_formula_limit_is_written_to_one_decimal_more_than_its_table() -> None:
    from effaudit.labels import quantity_text

    assert quantity_text(79.647302, "%") == "79.65"   # GB 19762 formula limit: never shown as 79.6 (it is above)
    assert quantity_text(96.5, "%") == "96.5" and quantity_text(96.0, "%") == "96"
    assert quantity_text(560.0, "W") == "560" and quantity_text(73.549875, "kW") == "73.55"


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
