"""The PDF rectification report, read back with poppler (pdftotext, pdffonts, pdfinfo): headings, every violating
model, every standard applied, an embedded CJK font, English on request, hostile cell text printed as inert text,
no file fetched outside report_templates/, and the same bytes for the same input and --as-of.

Rendering costs seconds, so each PDF is made once per module."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from weasyprint import HTML

from effaudit.cli import main
from effaudit.engine import AuditResult, audit
from effaudit.errors import UsageError
from effaudit.inventory import read_inventory
from effaudit.report.context import _WORDS, _remarks, build_context, listing
from effaudit.report.metadata import Enterprise, from_title_lines, load_enterprise
from effaudit.report.pdf import TEMPLATES, TemplateOnlyFetcher, render_pdf, require_cjk_font
from effaudit.standards.rulebook import Rulebook

EXAMPLE = Path(__file__).parents[2] / "examples" / "inventory.xlsx"
AS_OF = "2026-11-22"
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "image": '<img src="file:///etc/passwd">',
    "expression": "{{ 7*7 }}",
    "raw": "{% raw %}",
    "formula": '=HYPERLINK("http://x")',
}
ENTERPRISE_TOML = """
name = "示例化工有限公司"
credit_code = "91150000MA0N000000"
inspecting_body = "某市节能监察支队"
inspector = "王检查"
"""


def pdf_text(path: Path) -> str:
    """The text in reading order (not -layout: that interleaves the lines of neighbouring table cells)."""
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    """Text without whitespace: table cells wrap long strings over several lines."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The example inventory through the CLI: Chinese PDF with an enterprise file, and the JSON result."""
    folder = tmp_path_factory.mktemp("example")
    (folder / "meta.toml").write_text(ENTERPRISE_TOML, encoding="utf-8")
    pdf = folder / "report.pdf"
    run = CliRunner().invoke(main, ["check", str(EXAMPLE), "--as-of", AS_OF, "--pdf", str(pdf),
                                    "--enterprise", str(folder / "meta.toml")])
    assert run.exit_code == 1, run.output  # the example has violations
    result = audit(read_inventory(EXAMPLE), Rulebook.load(), dt.date.fromisoformat(AS_OF))
    return {"pdf": pdf, "text": pdf_text(pdf), "result": result}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("hostile")
    inventory = folder / "hostile.csv"
    rows = ["设备编号,设备名称,型号规格,额定功率(kW),极数,效率(%),出厂日期,备注"]
    rows += [f'H-{i},"{value.replace(chr(34), chr(34) * 2)}",Y2-160M-4,11,4,88,2001-06,x'
             for i, value in enumerate(HOSTILE.values())]
    rows += ["H-long," + "长" * 5000 + ",YE3-160M-4,11,4,93.5,2022-01,x",
             "H-bidi,\u202eevil\u202c名称,YE3-160M-4,11,4,93.5,2022-01,+1",
             "H-minus,@SUM(A1),YE3-160M-4,11,4,93.5,2022-01,-1"]
    inventory.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = audit(read_inventory(inventory), Rulebook.load(), dt.date.fromisoformat(AS_OF))
    context = build_context(result, Enterprise(name="<b>恶意</b>公司"), "zh")
    fetcher = TemplateOnlyFetcher()
    pdf = folder / "hostile.pdf"
    pdf.write_bytes(render_pdf(context, fetcher))
    return {"pdf": pdf, "text": pdf_text(pdf), "fetcher": fetcher, "context": context}


def test_example_report_has_headings_models_and_standards(example: dict) -> None:
    text = squeezed(example["text"])
    for heading in ("重点用能设备能效合规整改报告", "审核结论摘要", "须整改设备", "建议更新设备", "无法判定的设备",
                    "附录A", "附录B", "附录C", "方法说明", "检查单位", "被检查单位", "（盖章）"):
        assert heading in text, heading
    violating = example["result"].items.query("verdict == 'phase_out' or status == 'violation'")
    assert {"Y2-160M-4", "YE2-280S-4", "S9-500/10"} <= set(violating["model"])
    for model in violating["model"]:
        assert model in text, model
    for document in example["result"].standards_applied:  # as each cites itself: a catalogue by notice or title
        cited = (document.document or document.title_zh) if document.kind == "phase_out_catalogue" else document.id
        assert squeezed(cited) in text, document.id
    assert "GB18613-2020" in text and "工业和信息化部公告2015年第16号" in text and "MIIT-HEOE" not in text
    assert "待与官方文本核实" in text  # single-source / provisional data is flagged as such


def test_example_report_cover_pages_and_summary(example: dict) -> None:
    text = squeezed(example["text"])
    for value in ("示例化工有限公司", "91150000MA0N000000", "某市节能监察支队", "王检查", AS_OF, "effaudit",
                  example["result"].rulebook.version):
        assert value in text, value
    info = subprocess.run(["pdfinfo", str(example["pdf"])], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
    assert "A4" in info
    assert f"第1页共{pages}页" in text and f"第{pages}页共{pages}页" in text
    assert text.count("示例化工有限公司·能效合规整改报告") == pages - 1  # running header on every page but the cover
    items = example["result"].items
    key = items["family"].isin(["motor_lv", "motor_hv", "motor_pmsm", "transformer", "fan", "pump", "compressor",
                                "boiler", "chiller"])  # key energy-using equipment: a mandatory standard covers it
    verdicts = items.loc[key, "verdict"]
    graded = verdicts.isin(["phase_out", "below_minimum", "below_energy_saving", "energy_saving", "advanced"])
    share = verdicts.isin(["energy_saving", "advanced"]).sum() / graded.sum()
    assert f"{100 * share:.1f}%" in text  # the graded items at the energy-saving level or better


def test_example_report_embeds_a_cjk_font(example: dict) -> None:
    fonts = subprocess.run(["pdffonts", str(example["pdf"])], capture_output=True, text=True, check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line or "SourceHan" in line]
    assert cjk, fonts
    assert all(line.split()[-5] == "yes" for line in cjk), fonts  # the emb column


def test_english_report(tmp_path: Path) -> None:
    pdf = tmp_path / "en.pdf"
    run = CliRunner().invoke(main, ["check", str(EXAMPLE), "--as-of", AS_OF, "--lang", "en", "--pdf", str(pdf)])
    assert run.exit_code == 1, run.output
    text = pdf_text(pdf)
    for heading in ("Energy-Efficiency Compliance and Rectification Report", "Rectification required",
                    "Recommended renewal", "Could not be assessed", "Appendix A", "Method notes", "Page 1 of"):
        assert heading in text, heading
    # standard titles keep their Chinese name, with the English as a gloss
    assert "电动机能效限定值及能效等级" in squeezed(text)
    assert "Minimum allowable values" in text
    assert "内蒙古某某化工有限公司" in text  # the enterprise name from the sheet's 填报单位 title row


def test_hostile_text_is_printed_as_text(hostile: dict) -> None:
    text = squeezed(hostile["text"])
    for value in HOSTILE.values():
        assert squeezed(value) in text, value
    assert "@SUM(A1)" in text
    assert "<b>恶意</b>公司" in text  # enterprise metadata is escaped too
    assert "evil名称" in text  # the bidi override is dropped, the text reads in order
    assert "长" * 400 in text and "长" * 600 not in text  # a 5,000-character cell is cut, not laid out whole


def test_nothing_outside_the_templates_is_fetched(hostile: dict) -> None:
    fetcher = hostile["fetcher"]
    assert fetcher.refused == []
    assert fetcher.served and all(url.startswith(TEMPLATES.as_uri()) for url in fetcher.served)


def test_fetcher_refuses_files_outside_templates_and_the_network() -> None:
    fetcher = TemplateOnlyFetcher()
    for url in ("file:///etc/passwd", "http://example.com/x.css", "https://example.com/a.png",
                (TEMPLATES / ".." / "pyproject.toml").as_uri(), "file://otherhost/etc/passwd"):
        with pytest.raises(ValueError, match="refused"):
            fetcher.fetch(url)
    assert fetcher.fetch((TEMPLATES / "report.css").as_uri()).read().startswith(b"/*")
    # and WeasyPrint really goes through it: an image tag in markup we render is refused, not read
    HTML(string='<img src="file:///etc/passwd"><link rel="stylesheet" href="http://example.com/x.css">',
         base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher).render()
    assert {"file:///etc/passwd", "http://example.com/x.css"} <= set(fetcher.refused)


def test_same_input_same_pdf(hostile: dict) -> None:
    again = render_pdf(hostile["context"])
    assert again == hostile["pdf"].read_bytes()
    info = subprocess.run(["pdfinfo", "-isodates", str(hostile["pdf"])], capture_output=True, text=True,
                          check=True).stdout
    assert f"CreationDate:   {AS_OF}T00:00:00" in info.replace("CreationDate:    ", "CreationDate:   ")


def test_no_cjk_font_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # fc-list cannot be found: no font can be confirmed
    with pytest.raises(UsageError, match="no CJK font installed"):
        require_cjk_font()


def test_enterprise_from_title_rows_and_file(tmp_path: Path) -> None:
    lines = ["内蒙古某某化工有限公司重点用能设备清单", "填报单位：内蒙古某某化工有限公司（盖章） 填报日期：2026年10月",
             "统一社会信用代码：91150000MA0N123456 联系人：张三"]
    stated = from_title_lines(lines)
    assert (stated.name, stated.credit_code, stated.contact) == ("内蒙古某某化工有限公司", "91150000MA0N123456", "张三")
    meta = tmp_path / "meta.toml"
    meta.write_text('inspector = "李四"\ncontact = "王五"\n', encoding="utf-8")
    merged = load_enterprise(meta, lines)
    assert (merged.name, merged.inspector, merged.contact) == ("内蒙古某某化工有限公司", "李四", "王五")
    meta.write_text('nmae = "typo"\n', encoding="utf-8")
    with pytest.raises(UsageError, match="unknown keys"):
        load_enterprise(meta, lines)


def test_bad_enterprise_file_or_output_path_exits_2(tmp_path: Path) -> None:
    meta = tmp_path / "meta.toml"
    meta.write_text("name = [1, 2]\n", encoding="utf-8")
    for extra in (["--pdf", str(tmp_path / "r.pdf"), "--enterprise", str(meta)],
                  ["--xlsx", str(tmp_path / "missing" / "r.xlsx")]):
        run = CliRunner().invoke(main, ["check", str(EXAMPLE), "--as-of", AS_OF, *extra])
        assert run.exit_code == 2, run.output
    assert not (tmp_path / "r.pdf").exists()


def test_result_type_is_what_the_context_reads(example: dict) -> None:
    assert isinstance(example["result"], AuditResult)
    context = build_context(example["result"], Enterprise(), "zh")
    sections = context.sections
    assert sum(len(items) for items in sections.values()) == len(example["result"].items)
    assert [item.verdict for item in sections["rectification"]][:1] == ["phase_out"]  # worst first


def test_long_sections_list_every_item_and_every_remark(example: dict) -> None:
    """The per-item sections are compact lines grouped by verdict and requirement, with repeated remarks printed
    once as notes: every item is listed once, under its own requirement, and no remark of a finding is lost."""
    for lang in ("zh", "en"):
        context = build_context(example["result"], Enterprise(), lang)
        words = _WORDS[lang]
        for name in ("rectification", "renewal", "not_assessable"):
            items, listed = context.section(name), listing(context, name)
            assert sum(group.count for group in listed.groups) == len(items)
            entries = [entry for group in listed.groups for entry in group.entries]
            assert sorted(entry.head.split(words["head"])[0] for entry in entries) == sorted(
                item.equipment_id or "—" for item in items)
            for group in listed.groups:
                members = [item for item in items if item.verdict == group.verdict and item.action in group.heading]
                assert len(members) >= group.count
            lines = "\n".join(line for entry in entries for line in entry.findings)
            for item in items:
                for finding in item.findings:
                    for remark in _remarks(finding):
                        if remark in listed.notes:
                            number = listed.notes.index(remark) + 1
                            assert words["see"].format(n=number) in lines, remark
                        else:
                            assert remark in lines, remark


def _assert_rendered_from_parameters(result: AuditResult, codes: tuple[str, ...]) -> None:
    """With every message blanked, each finding of ``codes`` shows the same (metric, remarks, sentence), and that
    sentence is the check's own message (the same templates)."""
    blanked = dataclasses.replace(result, findings=result.findings.assign(message_zh="", message_en=""))

    def rendered_views(audit_result: AuditResult, lang: str) -> list:
        context = build_context(audit_result, Enterprise(), lang)
        return [view for item in context.items for view in item.findings if view.code in codes]

    for lang in ("zh", "en"):
        views = rendered_views(blanked, lang)
        assert {view.code for view in views} == set(codes) and views == rendered_views(result, lang)
        rendered = result.findings["code"].isin(codes)
        assert sorted(view.message for view in views) == sorted(result.findings.loc[rendered, f"message_{lang}"])
        assert all(view.metric for view in views if view.measured)


def test_sentences_are_rendered_from_the_findings_parameters(example: dict) -> None:
    """The report never reads back the message of a finding whose code has a template (the grade codes, EF112,
    EF110 / EF111 / EF117, PO101)."""
    from effaudit.finding_texts import GRADE_CODES, LOOKUP_CODES, METRIC_CODES

    _assert_rendered_from_parameters(example["result"], (*GRADE_CODES, *METRIC_CODES, *LOOKUP_CODES, "PO101"))


def test_catalogue_sentences_are_rendered_from_the_findings_parameters() -> None:
    """As of 2016-06-01 the example has every catalogue code but PO105 (no model of a doubtful listing): PO101
    (deadline passed), PO102 (still ahead), PO103 (a condition's data missing), PO104 (renewal encouraged)."""
    from effaudit.finding_texts import CATALOGUE_CODES

    result = audit(read_inventory(EXAMPLE), Rulebook.load(), dt.date(2016, 6, 1))
    _assert_rendered_from_parameters(result, tuple(code for code in CATALOGUE_CODES if code != "PO105"))


def test_example_report_lists_requirements_and_what_to_supply(example: dict) -> None:
    text = squeezed(example["text"])
    context = build_context(example["result"], Enterprise(), "zh")
    for name in ("rectification", "renewal", "not_assessable"):
        for item in context.section(name):
            assert squeezed(item.equipment_id) in text, item.equipment_id
            assert squeezed(item.action) in text, item.action
    assert "缺少能效数据（效率），请补充铭牌值" in text
    assert "实测88.0%" in text and "要求≥91.4%" in text  # measured vs required, with units
