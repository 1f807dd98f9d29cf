"""The findings store, for real: a batch over a small region writes Parquet files (read back with pyarrow: typed
columns, the rulebook version and inventory digest on every row), the region summary is computed from them with
DuckDB and its workbook cells equal those of the summary as effaudit computed it before the store (a fixture made
with that code), and the README's DuckDB queries run against the store's DuckDB file."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.cli_run import effaudit
from tests.outputs.store_inputs import region_inputs, workbook_cells
from tests.outputs.test_batch import AS_OF, EXAMPLE

FIXTURES = Path(__file__).parents[1] / "fixtures" / "store"
README = Path(__file__).parents[2] / "README.md"


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("region")
    region_inputs(root / "in")
    run = subprocess.run([sys.executable, "-m", "effaudit.cli", "batch", str(root / "in"), "--out", str(root / "out"),
                          "--as-of", AS_OF, "--jobs", "2"], capture_output=True, text=True)
    assert run.returncode == 1, run.stderr
    return root


def test_summary_from_the_store_equals_the_summary_before_it(region: Path) -> None:
    """Every sheet the summary had before the store (the renewal reserve came later: test_renewal_plan.py)."""
    cells = json.dumps(workbook_cells(region / "out" / "summary.xlsx"), ensure_ascii=False)
    expected = json.loads((FIXTURES / "summary_cells_zh.json").read_text(encoding="utf-8"))
    sheets = json.loads(cells.replace(f'"{region / "in"}/', '"IN/'))
    assert {name: sheets[name] for name in expected} == expected
    assert set(sheets) - set(expected) == {"Reserve", "Reserve items"}


def test_items_and_findings_are_typed_parquet_with_their_provenance(region: Path) -> None:
    store = region / "out" / "_store"
    folders = {"示例化工有限公司", "北方钢铁有限公司", "南方化工有限公司", "west"}
    for folder in folders:
        result = json.loads((region / "out" / folder / "result.json").read_text(encoding="utf-8"))
        items = pq.read_table(store / "items" / f"as_of={AS_OF}" / f"enterprise={folder}" / "part-0.parquet")
        findings = pq.read_table(store / "findings" / f"as_of={AS_OF}" / f"enterprise={folder}" / "part-0.parquet")
        assert items.num_rows == len(result["items"])
        assert findings.num_rows == sum(len(item["findings"]) for item in result["items"])
        for table in (items, findings):
            assert set(table.column("rulebook_version").to_pylist()) == {result["tool"]["rulebook"]}
            assert set(table.column("inventory_sha256").to_pylist()) == {result["inventory"]["sha256"]}
        assert items.column("verdict").to_pylist() == [item["verdict"] for item in result["items"]]
        assert findings.column("code").to_pylist() == [f["code"] for item in result["items"] for f in item["findings"]]
    schema = items.schema
    assert schema.field("quantity").type == pa.float64() and schema.field("row").type == pa.int64()
    assert schema.field("manufacture_date").type == pa.date32() and schema.field("poles_inferred").type == pa.bool_()
    assert schema.field("model").type == pa.string() and findings.schema.field("inferred").type == pa.bool_()
    assert findings.schema.field("measured_value").type == pa.float64()


def _readme_queries() -> dict[str, str]:
    """The README's DuckDB queries: the SQL block under "Querying the findings store", each query after a
    ``-- name`` comment line."""
    section = README.read_text(encoding="utf-8").split("### Querying the findings store", 1)[1]
    block = re.search(r"```sql\n(.*?)```", section, re.S).group(1)
    return {match[0]: match[1].strip() for match in re.findall(r"^-- ([^\n]+)\n(.*?;)", block, re.S | re.M)}


def test_the_readme_queries_run_on_the_store(region: Path) -> None:
    queries = _readme_queries()
    assert len(queries) >= 3
    with duckdb.connect(str(region / "out" / "_store" / "effaudit.duckdb"), read_only=True) as connection:
        results = {name: connection.execute(sql).fetchall() for name, sql in queries.items()}
    obsolete = next(rows for name, rows in results.items() if "obsolete" in name.lower())
    assert ("包头市", "Y2-160M-4", 1, 3.0) in obsolete
    assert ("鄂尔多斯市", "Y2-160M-4", 2, 2.0) in obsolete  # the example's and south's y2-160m-4, one model
    target = next(rows for name, rows in results.items() if "2027" in name)
    by_industry = {row[0]: row for row in target}
    assert set(by_industry) == {"化学原料和化学制品制造业", "黑色金属冶炼和压延加工业", "（未填）"}


def test_check_writes_a_round_to_the_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    for as_of in ("2025-11-22", AS_OF):
        completed = effaudit("check", EXAMPLE, "--as-of", as_of, "--store", store)
        assert completed.returncode == 1, completed.stderr
    with duckdb.connect(str(store / "effaudit.duckdb"), read_only=True) as connection:
        rounds = connection.execute("SELECT as_of::VARCHAR, enterprise, count(*) FROM items GROUP BY ALL ORDER BY 1"
                                    ).fetchall()
    assert rounds == [("2025-11-22", "内蒙古某某化工有限公司", 67), (AS_OF, "内蒙古某某化工有限公司", 67)]
