"""What an inspector reads on the terminal: `check` at 80 columns names the enterprise, each item (id, name, model)
and its status, and ends with the count of violations and the files written; `standards list` stays readable in a
pipe; `explain` and `standards show` speak Chinese or English (--lang)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.cli_run import EXAMPLE, effaudit


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in line)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_fits_80_columns_and_says_what_it_wrote(tmp_path: Path, lang: str) -> None:
    completed = effaudit("check", EXAMPLE, "--table", "--as-of", "2026-11-22", "--lang", lang, "--json",
                         tmp_path / "r.json", "--xlsx", tmp_path / "r.xlsx", env={"COLUMNS": "80"})
    assert completed.returncode == 1, completed.stderr
    lines = completed.stdout.splitlines()
    assert max(map(_columns, lines)) <= 80
    assert "内蒙古某某化工有限公司" in completed.stdout  # the enterprise, from the sheet's title rows
    status, name = ("违规", "风机电机") if lang == "zh" else ("violation", "风机电机")
    row = next(index for index, line in enumerate(lines) if "M-009" in line)
    assert status in lines[row] and name in lines[row + 1] and "Y2-160M-4" in lines[row + 2]
    expected = (f"违规条目 14 项；已写出 {tmp_path / 'r.json'}、{tmp_path / 'r.xlsx'}" if lang == "zh" else
                f"14 items in violation; written: {tmp_path / 'r.json'}, {tmp_path / 'r.xlsx'}")
    closing = completed.stdout[completed.stdout.rindex("违规条目" if lang == "zh" else "14 items"):]
    assert "".join(closing.split()) == "".join(expected.split())  # wrapped at 80 columns


def test_check_in_a_pipe_prints_the_counts_not_the_table(tmp_path: Path) -> None:
    """Not a terminal (a script, a log): one line of counts, the renewal list's line and the closing line, each
    unwrapped; no table."""
    completed = effaudit("check", EXAMPLE, "--as-of", "2026-11-22", "--json", tmp_path / "r.json")
    assert completed.returncode == 1
    assert completed.stdout.splitlines() == [
        "effaudit — 内蒙古某某化工有限公司 — inventory.xlsx — 审核基准日 2026-11-22: 67 条：淘汰 9，低于能效限定值 11，"
        "无法判定 14，未达节能水平 10，达到节能水平 13，先进水平 8，不适用 2",
        "整改及更新计划 32 项（淘汰 9，更新 23，评估 0）；未估算节能量（缺年运行小时数：清单或 --profile）",
        f"违规条目 14 项；已写出 {tmp_path / 'r.json'}"]


def test_check_without_outputs_says_so() -> None:
    completed = effaudit("check", EXAMPLE, "--table", "--as-of", "2026-11-22", "--lang", "en")
    assert completed.stdout.splitlines()[-1] == "14 items in violation; no files written (--json, --pdf, --xlsx " \
                                                "write them)"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_standards_list_in_a_pipe(lang: str) -> None:
    completed = effaudit("standards", "list", "--lang", lang)
    lines = completed.stdout.splitlines()
    assert completed.returncode == 0 and max(map(_columns, lines)) <= 80
    assert not any(character in completed.stdout for character in "┃│━")  # lines, not a squeezed table
    gb = lines.index(next(line for line in lines if line.startswith("GB 18613-2020 ")))
    assert lines[gb].split()[-2:] == ["2021-06-01", "provisional"]
    assert lines[gb + 1].strip() == ("电动机能效限定值及能效等级" if lang == "zh" else
                                     "Minimum allowable values of energy efficiency and values of efficiency")


def test_explain_in_chinese_and_english() -> None:
    chinese = effaudit("explain", "RG216", "--lang", "zh").stdout
    for heading in ("作用：", "依据：", "示例：", "应改为："):
        assert heading in chinese
    assert "严重程度：违规" in chinese and "予以报废" in chinese and "What it does" not in chinese
    assert "不标出：" in chinese
    english = effaudit("explain", "RG216", "--lang", "en").stdout
    assert "What it does:" in english and "Scrap it" in english and "作用" not in english
    catalogue = effaudit("explain", "PO101").stdout  # Chinese by default, like check
    assert "作用：" in catalogue and "停止使用" in catalogue
    efficiency = effaudit("explain", "EF101", "--lang", "zh").stdout
    assert "低于能效限定值的设备不得生产、销售" in efficiency and "本条说明尚无中文译文" not in efficiency
    quota = effaudit("explain", "QT101", "--lang", "zh").stdout
    assert "现有企业必须达到强制性单位产品能源消耗限额标准的限定值" in quota


def test_every_chinese_documentation_has_the_four_sections() -> None:
    from effaudit.checks import all_rules
    from effaudit.checks.base import DOC_SECTIONS_ZH
    from effaudit.checks.doc_zh import DOCS_ZH

    rules = all_rules()
    assert set(DOCS_ZH) <= set(rules)
    for code, rule in rules.items():
        if rule.doc_zh:  # a code added since may still lack it: explain then says so
            sections = rule.sections("zh")
            assert list(sections) == list(DOC_SECTIONS_ZH) and all(sections.values()), code


def test_standards_show_in_chinese_and_english() -> None:
    chinese = effaudit("standards", "show", "GB 18613-2020", "--lang", "zh").stdout
    assert chinese.splitlines()[0] == "GB 18613-2020 — 电动机能效限定值及能效等级"
    assert "2021-06-01 起实施" in chinese and "适用范围：" in chinese
    english = effaudit("standards", "show", "GB 18613-2020", "--lang", "en").stdout
    assert english.splitlines()[0].startswith("GB 18613-2020 — Minimum allowable values")
    assert "effective 2021-06-01" in english and "scope: " in english
