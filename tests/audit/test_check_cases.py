"""Every finding code's cases as data (tests/cases/<CODE>.yaml, format in tests/check_cases.py): the rows go into a
CSV, the real command line audits it (``effaudit check FILE --as-of … --jurisdiction … --json -``, in this process
through click's runner: one run per code file), and each row's verdict, status and finding are compared. The
``example`` and ``use_instead`` cases are the code's documentation (``effaudit explain CODE``): the texts they name
must be in the doc's Example / Use instead sections and in the case, so the doc cannot drift from the behaviour."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from effaudit.checks import all_rules
from effaudit.checks.base import DOC_SECTIONS, DOC_SECTIONS_ZH
from effaudit.cli import main
from tests.check_cases import DOC_CASES, Case, CaseFile, Expectation, Quantity, load, load_all
from tests.cli_run import effaudit
from tests.result_json import loads

FILES = load_all()
CASES = [case for case_file in FILES.values() for case in case_file.cases]
RULES = all_rules()


def write_inventory(case_file: CaseFile, path: Path) -> dict[str, list[int]]:
    """All rows of the file's cases in one CSV (or one sheet); each case's line numbers (the JSON's ``row``)."""
    header: list[str] = []
    for case in case_file.cases:
        for row in case.rows:
            header += [h for h in row if h not in header]
    lines, where = [], {}
    for case in case_file.cases:
        where[case.name] = []
        for row in case.rows:
            lines.append([row.get(h, "") for h in header])
            where[case.name].append(len(lines) + 1)
    if case_file.format == "xlsx":
        workbook = Workbook()
        workbook.active.title = "设备清单"
        for line in [header, *lines]:
            workbook.active.append([_xlsx_cell(cell) for cell in line])
        workbook.save(path)
    else:
        with path.open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerows([header, *lines])
    return where


def _xlsx_cell(text: str) -> str | float | None:
    """A cell as Excel keeps what a user typed: a number as a number, '=…' as a formula (openpyxl stores no
    computed value), anything else as text."""
    if not text:
        return None
    try:
        return float(text) if not text.startswith("=") else text
    except ValueError:
        return text


@cache
def audited(code: str, directory: Path) -> tuple[dict, dict[str, list[int]], int]:
    case_file = FILES[code]
    path = directory / f"{code}.{case_file.format}"
    where = write_inventory(case_file, path)
    result = CliRunner().invoke(main, ["check", str(path), "--as-of", case_file.as_of.isoformat(),
                                       "--jurisdiction", case_file.jurisdiction, "--json", "-"])
    assert result.exit_code in (0, 1), f"{code}: exit {result.exit_code}\n{result.output}\n{result.exception!r}"
    return loads(result.stdout), where, result.exit_code


@pytest.fixture(scope="session")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("check_cases")


def test_every_code_has_a_case_file_and_no_file_names_an_unknown_code() -> None:
    assert sorted(set(RULES) - set(FILES)) == [], "codes without tests/cases/<CODE>.yaml"
    assert sorted(set(FILES) - set(RULES)) == [], "case files naming no code of all_rules()"


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_case(case: Case, case_dir: Path, request: pytest.FixtureRequest) -> None:
    if case.xfail:
        request.applymarker(pytest.mark.xfail(reason=case.xfail, strict=True))
    report, where, exit_code = audited(case.code, case_dir)
    sheet = report["inventory"]["sheets"][0]
    assert sheet["unknown_columns"] == [], f"{case.code}: a header effaudit does not know (a typo?)"
    items = {item["row"]: item for item in report["items"]}
    case_file = FILES[case.code]
    if case_file.target is not None:
        target = report["summary"]["energy_saving_target"]
        assert case.code in [basis["code"] for basis in target["basis"]], target["basis"]
        for key, share in case_file.target.items():
            assert target[key] == pytest.approx(share, abs=5e-7), f"{key}: {target[key]} ≠ {share}"
    assert exit_code == int(any(item["status"] == "violation" for item in report["items"]))
    for row, expectation in zip(where[case.name], case.expect):
        if expectation is None:
            continue
        assert row in items, f"{case.id}: line {row} is not an item of the report"
        item = items[row]
        summary = f"{case.id} line {row}: {item['verdict']}/{item['status']} " \
                  f"{[(f['code'], f['message']) for f in item['findings']]}"
        assert (item["verdict"], item["status"]) == (expectation.verdict, expectation.status), summary
        if case_file.target is not None:  # a target code: the row is (or is not) below the target
            below = {report["items"][entry["item"]]["row"] for entry in target["below_target"]}
            assert (row in below) == expectation.present, f"{case.code} below_target {sorted(below)}: {summary}"
        else:
            _compare(item, case.code, expectation, summary)
        for code, other in expectation.others.items():
            _compare(item, code, other, summary)


def _compare(item: dict, code: str, expectation: Expectation, summary: str) -> None:
    found = [f for f in item["findings"] if f["code"] == code]
    if not expectation.present:
        assert not found, f"{code} present: {summary}"
        return
    assert len(found) == 1, f"{code} found {len(found)} times: {summary}"
    finding = found[0]
    for key, value in expectation.finding.items():
        if key == "message":
            assert value in finding["message"], summary
        else:
            assert finding.get(key) == value, f"{code} {key}: {summary}"
    for key in ("measured", "required"):
        expected = getattr(expectation, key)
        if expected == "unchecked":
            continue
        if expected is None:
            assert key not in finding, f"{code} {key} {finding[key]}: {summary}"  # audit/2 writes no null
        else:
            assert isinstance(expected, Quantity) and expected.matches(finding.get(key)), \
                f"{code} {key} {finding.get(key)} ≠ {expected}: {summary}"


DOC_CASE_LIST = [case for case in CASES if case.name in DOC_CASES]


@pytest.mark.parametrize("case", DOC_CASE_LIST, ids=lambda case: case.id)
def test_documentation_shows_the_case(case: Case, request: pytest.FixtureRequest) -> None:
    """The texts a doc case names are in the rule's doc section (English, and Chinese where written) and in the
    case's headers, cells, expected quantities or message."""
    if case.doc_xfail:
        request.applymarker(pytest.mark.xfail(reason=case.doc_xfail, strict=True))
    rule = RULES[case.code]
    section = DOC_CASES[case.name]
    english = rule.sections("en")[section]
    chinese = rule.sections("zh")[DOC_SECTIONS_ZH[DOC_SECTIONS.index(section)]] if rule.doc_zh else english
    texts = case.texts()
    for text in case.doc:
        assert text in english, f"{case.id}: {text!r} not in the doc's {section}: {english!r}"
        assert re.search("[a-z]", text) or text in chinese, f"{case.id}: {text!r} not in the Chinese doc's {section}: {chinese!r}"
        assert text in texts, f"{case.id}: {text!r} named by the doc but not in the case"


def test_a_typo_in_a_case_file_fails_loudly(tmp_path: Path) -> None:
    from tests.check_cases import CaseFileError

    good = ("code: EF101\ncases:\n  - name: example\n    doc: ['89.8']\n    row: {效率(%): 89.8}\n"
            "    expect: {verdict: below_minimum, status: violation, finding: {severity: violation}}\n"
            "no_use_instead: test\n")
    path = tmp_path / "EF101.yaml"
    path.write_text(good, encoding="utf-8")
    load(path)
    for broken in (good.replace("expect:", "expected:"), good.replace("below_minimum", "below_minimun"),
                   good.replace("severity", "severty"), good.replace("code: EF101", "code: EF102"),
                   good.replace("no_use_instead: test\n", ""), good.replace("verdict: below_minimum, ", ""),
                   good.replace("    expect:", "    row: {效率(%): 90.0}\n    expect:")):
        path.write_text(broken, encoding="utf-8")
        with pytest.raises(CaseFileError):
            load(path)


def test_the_in_process_run_is_the_command_line(case_dir: Path) -> None:
    """The cases run ``effaudit check`` in this process (click's runner, for speed); one child process — the command
    a user types — gives byte-identical JSON for the same file."""
    report, _, exit_code = audited("EF101", case_dir)
    result = effaudit("check", case_dir / "EF101.csv", "--as-of", FILES["EF101"].as_of.isoformat(),
                      "--jurisdiction", FILES["EF101"].jurisdiction, "--json", "-")
    assert result.returncode == exit_code, result.stderr
    assert loads(result.stdout) == report
