"""effaudit batch, run for real: the CLI in a subprocess, a spawned process pool, real inventories (the example
workbook and generated CSVs) next to unusable ones (an empty file, a PDF). Every output is read back: the JSON,
the PDFs (pdftotext), the workbooks (openpyxl), the CSVs; the region summary is checked against the
per-enterprise results; a run killed with SIGKILL is resumed.

Rendering PDFs costs seconds, so the main batch runs once per module and inputs are small."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook

from effaudit.batch.naming import MAX_LENGTH, safe_name, unique_names
from effaudit.batch.run import NO_MATCH, discover
from effaudit.engine import audit
from effaudit.inventory import read_inventory
from effaudit.standards.rulebook import Rulebook

EXAMPLE = Path(__file__).parents[2] / "examples" / "inventory.xlsx"
AS_OF = "2026-11-22"
EXAMPLE_TOML = 'name = "示例化工有限公司"\nindustry = "化学原料和化学制品制造业"\ndistrict = "鄂尔多斯市"\n'
HOSTILE_TOML = 'name = "../../etc/x"\nindustry = "有色金属冶炼"\ndistrict = "包头市"\n'
HEADER = "设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),数量,出厂日期\n"
# One line per verdict worth summing: phase-out motor (Y2 made before 2004) and transformer (S9 of 1995), below
# minimum, below energy-saving, advanced, not assessable (no efficiency), out of scope.
PLANT_LINES = (
    "M-1,引风机电机,电动机,Y2-160M-4,11,4,88.0,{q},2002-05",
    "M-2,水泵电机,电动机,YE2-160M-4,11,4,89.0,1,2022-05",
    "M-3,输送机电机,电动机,YE3-160M-4,11,4,91.5,{q},2022-05",
    "M-4,空压机电机,电动机,YE4-160M-4,15,4,95.2,2,2023-05",
    "M-5,风机电机,电动机,YE3-160M-4,11,4,,1,2022-05",
    "T-1,主变,变压器,S9-500/10,,,,1,1995-01",
    "D-1,办公桌,办公家具,,,,,{q},",
)


def plant_csv(path: Path, lines: int, quantity: int) -> None:
    path.write_text(HEADER + "".join(line.format(q=quantity) + "\n" for line in PLANT_LINES[:lines]),
                    encoding="utf-8")


def run_batch(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "effaudit.cli", "batch", *args, "--as-of", AS_OF],
                          capture_output=True, text=True, cwd=cwd, timeout=900)


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", text)


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def sheet_rows(path: Path, sheet: str) -> list[dict]:
    rows = list(load_workbook(path, read_only=True)[sheet].values)
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def skipped_count(stdout: str) -> int:
    return int(re.search(r"unchanged, skipped\s*│\s*(\d+)", stdout).group(1))


# --- safe names and discovery (no process pool) -------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("../../etc/x", "etc_x"), ("a/b", "a_b"), ("/abs/path", "abs_path"), ("CON", "CON_"), ("lpt1", "lpt1_"),
    ("  ", "enterprise"), ("..", "enterprise"), ("", "enterprise"), ("ＡＢＣ-１２", "ABC-12"),
    ("内蒙古某某化工有限公司（一分厂）", "内蒙古某某化工有限公司_一分厂"), ("a\u202eb\x00c", "a_b_c"),
    ("report.v2", "report_v2"),
])
def test_safe_name(text: str, expected: str) -> None:
    assert safe_name(text) == expected


def test_safe_name_is_capped() -> None:
    assert len(safe_name("厂" * 500)) == MAX_LENGTH


def test_unique_names_in_order_and_case_insensitive() -> None:
    assert unique_names(["plant", "Plant", "plant", "plant-2", "..", " "]) == [
        "plant", "Plant-2", "plant-3", "plant-2-2", "enterprise", "enterprise-2"]


def test_discover_folders_globs_and_missing(tmp_path: Path) -> None:
    for name in ("b/one.xlsx", "a/two.CSV", "a/deep/three.ods", "a/.hidden.csv", "a/~$lock.xlsx", "a/notes.txt",
                 "a/.git/x.csv", "out/annotated.xlsx", "c/four.csv"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    paths, failures = discover([str(tmp_path), str(tmp_path / "c" / "*.csv"), str(tmp_path / "nothing*.xls")],
                               tmp_path / "out")
    assert [p.relative_to(tmp_path).as_posix() for p in paths] == [
        "a/deep/three.ods", "a/two.CSV", "b/one.xlsx", "c/four.csv"]
    assert [(f.input, f.reason) for f in failures] == [(str(tmp_path / "nothing*.xls"), NO_MATCH)]


# --- one real batch over good and unusable inputs -----------------------------------------------------------

@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("batch")
    inputs = root / "inventories"
    for folder in ("a", "b", "c"):
        (inputs / folder).mkdir(parents=True)
    (inputs / "inventory.xlsx").write_bytes(EXAMPLE.read_bytes())
    (inputs / "inventory.toml").write_text(EXAMPLE_TOML, encoding="utf-8")
    plant_csv(inputs / "a" / "plant.csv", 7, 3)
    plant_csv(inputs / "c" / "plant.csv", 5, 2)
    plant_csv(inputs / "b" / "evil.csv", 4, 1)
    (inputs / "b" / "evil.toml").write_text(HOSTILE_TOML, encoding="utf-8")
    (inputs / "empty.csv").write_bytes(b"")
    (root / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    out = inputs / "reports"  # inside an input folder: a re-run must not take its own workbooks as inputs
    run = run_batch(str(inputs), str(root / "scan.pdf"), "--out", str(out), "--jobs", "2", "--lang", "en",
                    cwd=root)
    folders = {"示例化工有限公司": inputs / "inventory.xlsx", "plant": inputs / "a" / "plant.csv",
               "plant-2": inputs / "c" / "plant.csv", "etc_x": inputs / "b" / "evil.csv"}
    results = {name: json.loads((out / name / "result.json").read_text(encoding="utf-8")) for name in folders}
    return {"root": root, "inputs": inputs, "out": out, "run": run, "folders": folders, "results": results}


def test_exit_status_2_and_failures_csv(batch: dict) -> None:
    assert batch["run"].returncode == 2, batch["run"].stderr
    rows = read_csv(batch["out"] / "failures.csv")
    reasons = {Path(row["input"]).name: row["reason"] for row in rows}
    assert set(reasons) == {"empty.csv", "scan.pdf"}
    assert "empty" in reasons["empty.csv"]
    assert "unsupported file type '.pdf'" in reasons["scan.pdf"]
    assert "Traceback" not in batch["run"].stderr


def test_one_safe_folder_per_enterprise(batch: dict) -> None:
    out = batch["out"]
    assert {p.name for p in out.iterdir() if p.is_dir()} == {*batch["folders"], "_store"}
    assert not (batch["root"] / "etc").exists() and not (batch["inputs"] / "etc").exists()
    for name, source in batch["folders"].items():
        assert batch["results"][name]["inventory"]["path"] == str(source)
        assert sorted(p.name for p in (out / name).iterdir()) == [
            "annotated.xlsx", "findings.csv", "report.pdf", "result.json"]


def test_enterprise_outputs_are_whole_and_right(batch: dict) -> None:
    out = batch["out"]
    for name, source in batch["folders"].items():
        result = batch["results"][name]
        if source.suffix == ".csv":
            assert result["summary"]["items"] == len(read_csv(source))
        assert result["as_of"] == AS_OF and len(result["items"]) == result["summary"]["items"] > 0
        text = pdf_text(out / name / "report.pdf")
        assert source.name in text
        findings = [f for item in result["items"] for f in item["findings"]]
        assert len(sheet_rows(out / name / "annotated.xlsx", "Findings")) == len(findings)
        rows = read_csv(out / name / "findings.csv")
        assert Counter(row["code"] for row in rows) == Counter(f["code"] for f in findings)
    assert "示例化工有限公司" in pdf_text(out / "示例化工有限公司" / "report.pdf")
    assert "../../etc/x" in pdf_text(out / "etc_x" / "report.pdf")  # the name as data on the cover


def test_summary_equals_the_sum_of_the_enterprises(batch: dict) -> None:
    out, results = batch["out"], batch["results"]
    enterprises = {row["report folder"]: row for row in sheet_rows(out / "summary.xlsx", "Enterprises")}
    assert set(enterprises) == set(results)
    rulebook = Rulebook.load()
    for name, result in results.items():
        row = enterprises[name]
        items = result["items"]
        assert row["items"] == len(items)
        assert row["quantity"] == pytest.approx(sum(item["quantity"] for item in items))
        assert row["violating items"] == result["summary"]["by_status"]["violation"]
        for label, verdict in (("phase out", "phase_out"), ("below minimum", "below_minimum"),
                               ("energy-saving level", "energy_saving"), ("advanced", "advanced")):
            assert row[label] == result["summary"]["by_verdict"][verdict]
        # The 2027 share is one figure: the enterprise's own report and the region summary agree to the digit.
        target = result["summary"]["energy_saving_target"]
        for column, share in (("units", target["share_by_count"]), ("rated power", target["share_by_rated_power"])):
            expected = None if share is None else round(100 * share, 1)
            assert row[f"at energy-saving level or better ({column}, %)"] == expected
            if share is not None:
                assert f"{expected:.1f}%" in pdf_text(out / name / "report.pdf")
        audited = audit(read_inventory(batch["folders"][name]), rulebook, dt.date.fromisoformat(AS_OF))
        power = (audited.items["quantity"] * audited.items["rated_power_kw"].fillna(0)).sum()
        assert row["rated power total (kW)"] == pytest.approx(power)
    assert enterprises["示例化工有限公司"]["district"] == "鄂尔多斯市"

    families = {row["family code"]: row for row in sheet_rows(out / "summary.xlsx", "By family")}
    expected = Counter(item["category"] for result in results.values() for item in result["items"])
    assert {key: row["items"] for key, row in families.items()} == dict(expected)

    models = Counter()
    for result in results.values():
        models.update(item["model"].upper() for item in result["items"] if item["verdict"] == "phase_out")
    obsolete = {row["phase-out model"]: row["items"] for row in sheet_rows(out / "summary.xlsx", "Obsolete models")}
    assert obsolete == dict(models) and obsolete

    violating = {name for name, result in results.items() if result["summary"]["by_status"]["violation"]}
    assert {row["report folder"] for row in sheet_rows(out / "summary.xlsx", "Violations")} == violating
    districts = {row["district"]: row["enterprises"] for row in sheet_rows(out / "summary.xlsx", "By district")}
    assert districts == {"(not given)": 2, "包头市": 1, "鄂尔多斯市": 1}

    all_findings = read_csv(out / "findings.csv")
    assert len(all_findings) == sum(len(i["findings"]) for r in results.values() for i in r["items"])
    assert {row["folder"] for row in all_findings} == set(results)

    text = pdf_text(out / "summary.pdf")
    assert "Page1of" in text and "示例化工有限公司" in text and "../../etc/x" in text
    for name in ("plant", "plant-2", "etc_x"):
        assert name in text


def test_manifest_records_every_audited_input(batch: dict) -> None:
    manifest = json.loads((batch["out"] / "manifest.json").read_text(encoding="utf-8"))
    entries = {entry["folder"]: entry for entry in manifest["entries"].values()}
    assert set(entries) == set(batch["folders"])
    for name, entry in entries.items():
        assert entry["stamp"]["sha256"] == batch["results"][name]["inventory"]["sha256"]
        assert entry["stamp"]["rulebook"] == batch["results"][name]["tool"]["rulebook"]
        assert entry["stamp"]["as_of"] == AS_OF and entry["stamp"]["lang"] == "en"


def test_rerun_skips_what_is_done(batch: dict) -> None:
    """Runs last in this module: without the unusable inputs, the same batch redoes only the enterprise whose
    metadata file changed and reports the violations (exit 1); the workbooks it wrote inside the input folder
    are not taken as inputs."""
    out = batch["out"]
    (batch["inputs"] / "empty.csv").unlink()
    (batch["inputs"] / "b" / "evil.toml").write_text(HOSTILE_TOML.replace("包头市", "呼和浩特市"), encoding="utf-8")
    before = {p.parent.name: p.stat().st_mtime_ns for p in out.glob("*/report.pdf")}
    run = run_batch(str(batch["inputs"]), "--out", str(out), "--jobs", "2", "--lang", "en", cwd=batch["root"])
    assert run.returncode == 1, run.stderr
    assert skipped_count(run.stdout) == 3
    after = {p.parent.name: p.stat().st_mtime_ns for p in out.glob("*/report.pdf")}
    assert {name for name in after if after[name] != before[name]} == {"etc_x"}
    assert read_csv(out / "failures.csv") == []
    assert len(sheet_rows(out / "summary.xlsx", "Enterprises")) == 4
    districts = {row["district"] for row in sheet_rows(out / "summary.xlsx", "By district")}
    assert districts == {"(not given)", "呼和浩特市", "鄂尔多斯市"}


# --- interrupted and resumed --------------------------------------------------------------------------------

def test_resume_after_sigkill(tmp_path: Path) -> None:
    """Killed (the whole process group, SIGKILL) once the first input is done; the re-run skips what the
    manifest has, does the rest, and every output is whole. Compliant inputs only: exit status 0."""
    for number in range(4):
        rows = "".join(f"M-{number}{line},电动机,电动机,YE3-160M-4,11,4,95.0,{line + 1},2022-05\n" for line in range(3))
        (tmp_path / f"site{number}.csv").write_text(HEADER + rows, encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "effaudit.cli", "batch", str(tmp_path / "*.csv"), "--out", str(out),
               "--jobs", "1", "--as-of", AS_OF, "--lang", "en"]
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    deadline = time.monotonic() + 600
    try:
        while not (out / "manifest.json").exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    done_before = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["entries"]
    assert 1 <= len(done_before) < 4

    run = run_batch(str(tmp_path / "*.csv"), "--out", str(out), "--jobs", "2", "--lang", "en", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert skipped_count(run.stdout) == len(done_before)
    entries = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["entries"]
    assert sorted(entry["folder"] for entry in entries.values()) == [f"site{n}" for n in range(4)]
    for number in range(4):
        folder = out / f"site{number}"
        assert json.loads((folder / "result.json").read_text(encoding="utf-8"))["summary"]["items"] == 3
        assert f"site{number}.csv" in pdf_text(folder / "report.pdf")
        assert len(sheet_rows(folder / "annotated.xlsx", "Findings")) == 3
    assert not list(out.rglob("*.tmp"))
    assert len(read_csv(out / "findings.csv")) == 12
