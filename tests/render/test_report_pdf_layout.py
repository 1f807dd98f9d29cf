"""What an inspector sees in the PDF, zh and en: appendix B lists the policy rulebooks the report applied and never
calls them "not encoded"; documents are cited as they cite themselves (a notice number, a title), never by the
rulebook's ids; the signature block comes with content and its seal circles keep clear of the printed names."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from tests.cli_run import EXAMPLE, effaudit

TRUCK = ("设备编号,设备名称,设备类别,车辆类型,使用性质,燃料,排放标准,注册日期,数量\n"
         "V-1,重型货车,车辆,重型货车,营运,柴油,国三,2008-03-01,1\n")
SEAL_RADIUS_PT = 15 / 25.4 * 72  # the circle is 30 mm across
CLEARANCE_PT = 8  # between the circle and the nearest printed word (the names used to touch it)
LONG_NAMES = ('name = "内蒙古自治区鄂尔多斯市某某煤化工有限责任公司第一分公司"\n'
              'inspecting_body = "内蒙古自治区鄂尔多斯市节能监察支队第二大队"\ninspector = "李四 王五"\n')


def _pdf(tmp_path: Path, inventory: Path, lang: str, *options: str | Path) -> Path:
    completed = effaudit("check", inventory, "--as-of", "2026-11-22", "--lang", lang, "--pdf", tmp_path / "r.pdf",
                         *options)
    assert completed.returncode == 1, completed.stderr
    return tmp_path / "r.pdf"


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path) -> list[list[tuple[str, float, float, float, float]]]:
    """Every page's words with their boxes (xMin, yMin, xMax, yMax, in points)."""
    xhtml = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True, check=True).stdout
    namespace = "{http://www.w3.org/1999/xhtml}"
    root = ElementTree.fromstring(xhtml)
    return [[(word.text or "", *(float(word.get(side)) for side in ("xMin", "yMin", "xMax", "yMax")))
             for word in page.iter(f"{namespace}word")] for page in root.iter(f"{namespace}page")]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_policies_applied_are_listed_not_called_unencoded(tmp_path: Path, lang: str) -> None:
    (tmp_path / "truck.csv").write_text(TRUCK, encoding="utf-8")
    text = re.sub(r"\s+", "", _text(_pdf(tmp_path, tmp_path / "truck.csv", lang)))
    appendix = text[text.index("附录B" if lang == "zh" else "AppendixB."):]
    assert "国发〔2024〕7号" in appendix and "机动车强制报废标准规定" in appendix
    assert "尚未收录" not in appendix and "notyetencoded" not in appendix


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_documents_are_cited_as_they_cite_themselves(tmp_path: Path, lang: str) -> None:
    text = _text(_pdf(tmp_path, EXAMPLE, lang))
    assert not re.search(r"MIIT-HEOE|NDRC-ISAC|p\d+·", text)
    assert "工业和信息化部公告2015年第16号" in re.sub(r"\s+", "", text)
    assert "每小时10蒸吨及以下燃煤锅炉" in re.sub(r"\s+", "", text)  # the 2024 catalogue's entry, by its words


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_signature_block_has_company_and_a_clear_seal(tmp_path: Path, lang: str) -> None:
    (tmp_path / "long.toml").write_text(LONG_NAMES, encoding="utf-8")
    pages = _pages(_pdf(tmp_path, EXAMPLE, lang, "--enterprise", tmp_path / "long.toml"))
    seal_label = "（盖章）" if lang == "zh" else "(seal)"
    [page] = [words for words in pages if any(word[0] == seal_label for word in words)]
    seals = sorted((word for word in page if word[0] == seal_label), key=lambda word: word[1])
    top = min(word[2] for word in seals) - 40  # the boxes' headings are level with the circles' tops
    above = [word for word in page if word[4] < top - 10]
    assert len(above) >= 3  # not alone on its page: the last entries came along
    for seal in seals:
        centre_x, centre_y = (seal[1] + seal[3]) / 2, (seal[2] + seal[4]) / 2
        beside = [word for word in page if word[0] != seal_label and abs((word[2] + word[4]) / 2 - centre_y)
                  < SEAL_RADIUS_PT and word[1] < centre_x + SEAL_RADIUS_PT and word[3] > centre_x - 2 * SEAL_RADIUS_PT]
        assert beside, "expected the box's names beside the seal"
        assert all(word[3] < centre_x - SEAL_RADIUS_PT - CLEARANCE_PT for word in beside), beside


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_nearly_blank_page(tmp_path: Path, lang: str) -> None:
    """A summary table one row too long used to leave a page with that row alone before section 2."""
    pages = _pages(_pdf(tmp_path, EXAMPLE, lang))
    seal_label = "（盖章）" if lang == "zh" else "(seal)"
    for number, words in enumerate(pages[:-1], start=1):
        if not any(word[0] == seal_label for word in words):
            assert len(words) >= 100, f"page {number} has {len(words)} words"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_renewal_deadline_is_printed_whole(tmp_path: Path, lang: str) -> None:
    """The action column of the renewal plan used to break a bracketed deadline mid-number ("（2015-12-3" / "1）"):
    the date now stands on a line of its own, as one word of the PDF's text."""
    pages = _pages(_pdf(tmp_path, EXAMPLE, lang))
    words = [word[0] for page in pages for word in page]
    assert words.count("2015-12-31") >= 2 and words.count("2015-03-06") >= 2  # Y2/Y motors, 9-19/Y5-47 fans
    assert not any(re.fullmatch(r"（?\d{4}-\d{2}-\d", word) for word in words)  # no date cut after its first day digit
