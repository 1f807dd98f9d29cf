"""effaudit batch --scheduler on a real Dask cluster: a ``distributed.LocalCluster`` of two worker processes on
this machine, the CLI in a subprocess as a user runs it. A worker is killed (SIGKILL) in the middle of a batch and
the outputs are compared byte for byte with the local executor's; an input whose audit process is killed every
time it starts (what the kernel's out-of-memory killer does to a poison input) ends in failures.csv, on the cluster
and in the local pool alike, and the other inputs' outputs are the same bytes from both."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.outputs.test_batch import AS_OF, EXAMPLE, EXAMPLE_TOML, plant_csv, read_csv, skipped_count

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> Iterator[tuple[str, distributed.Client]]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as local, distributed.Client(local) as client:
        yield local.scheduler_address, client


def _inputs(root: Path) -> None:
    inputs = root / "in"
    inputs.mkdir()
    (inputs / "inventory.xlsx").write_bytes(EXAMPLE.read_bytes())
    (inputs / "inventory.toml").write_text(EXAMPLE_TOML, encoding="utf-8")
    for number in range(2):
        plant_csv(inputs / f"plant{number}.csv", 7 - number % 3, number + 1)
    (inputs / "empty.csv").write_bytes(b"")


def _command(out: str, *options: str) -> list[str]:
    # relative paths on purpose: the workers' audit processes start in the client's working folder
    return [sys.executable, "-m", "effaudit.cli", "batch", "in", "--out", out, "--as-of", AS_OF, "--lang", "en",
            *options]


def _files(out: Path) -> dict[str, bytes]:
    """Every output but those that name their run (the manifest's paths, the summary PDF's, the DuckDB views')."""
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*"))
            if path.is_file() and path.name not in ("manifest.json", "summary.pdf", "effaudit.duckdb")}


def _kill_a_busy_worker(client: distributed.Client, batch: subprocess.Popen) -> int:
    """SIGKILL a worker process while it audits an input; its pid."""
    pids = client.run(os.getpid)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and batch.poll() is None:
        busy = [worker for worker, keys in client.processing().items()
                if any(str(key).startswith("effaudit-audit-") for key in keys)]
        if busy:
            time.sleep(0.5)  # well into the audit
            os.kill(pids[busy[0]], signal.SIGKILL)
            return pids[busy[0]]
        time.sleep(0.05)
    pytest.fail("no worker was ever busy with the batch")


def test_cluster_batch_with_a_worker_killed_equals_the_local_batch(
        tmp_path: Path, cluster: tuple[str, distributed.Client]) -> None:
    address, client = cluster
    _inputs(tmp_path)
    local = subprocess.run(_command("local", "--jobs", "2"), cwd=tmp_path, capture_output=True, text=True)
    batch = subprocess.Popen(_command("dask", "--scheduler", address), cwd=tmp_path, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    killed = _kill_a_busy_worker(client, batch)
    stdout, stderr = batch.communicate(timeout=600)
    assert batch.returncode == local.returncode == 2, stderr  # empty.csv is unusable
    with pytest.raises(ProcessLookupError):
        os.kill(killed, 0)
    ours, theirs = _files(tmp_path / "dask"), _files(tmp_path / "local")
    # folders × outputs, region CSVs and workbook, the store's items and findings of each enterprise
    assert sorted(ours) == sorted(theirs) and len(ours) == 3 * 4 + 3 + 3 * 2
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert [Path(row["input"]).name for row in read_csv(tmp_path / "dask" / "failures.csv")] == ["empty.csv"]

    client.wait_for_workers(2, timeout=60)  # the nanny restarted the killed worker
    rerun = subprocess.run(_command("dask", "--scheduler", address), cwd=tmp_path, capture_output=True, text=True)
    assert rerun.returncode == 2 and skipped_count(rerun.stdout) == 3, rerun.stderr


POISON = "poison.csv"
# failures.csv's reason, as the README quotes it
WORKER_DIED = "internal error: the worker process died while auditing it (killed, or out of memory?)"


@pytest.fixture
def poison_killer(tmp_path: Path) -> Iterator[list[int]]:
    """Kills, as soon as it appears, every audit process (``effaudit.batch.audit_process``, a Dask worker's child)
    started in ``tmp_path`` for a file named ``poison.csv``, as the out-of-memory killer would; the pids killed.
    Only this test's own: other checkouts' tests may be auditing their poison.csv on the same machine."""
    killed: list[int] = []
    stop = threading.Event()

    def kill() -> None:
        while not stop.is_set():
            for proc in Path("/proc").iterdir():
                try:
                    arguments = (proc / "cmdline").read_bytes().split(b"\0")
                    if b"effaudit.batch.audit_process" not in arguments or not arguments[-2].endswith(
                            POISON.encode()) or (proc / "cwd").resolve() != tmp_path.resolve():
                        continue
                    os.kill(int(proc.name), signal.SIGKILL)
                    killed.append(int(proc.name))
                except (OSError, ValueError):  # gone meanwhile, or not a process
                    continue
            time.sleep(0.01)

    thread = threading.Thread(target=kill, daemon=True)
    thread.start()
    yield killed
    stop.set()
    thread.join()


def _dying_on_poison(root: Path) -> dict[str, str]:
    """The environment of a local batch (``--jobs``) whose worker processes die by SIGKILL when they open a file
    named ``poison.csv``: its pool workers are spawned, show no input in ``ps`` (so no killer outside can pick the
    right one) and import ``sitecustomize`` at start, which adds an audit hook (PEP 578) on ``open``. The batch's
    own process opens the file too (its digest), so only pool workers (a ``multiprocessing.parent_process()``) die;
    each writes its pid to ``ROOT/killed`` first. No test hook in effaudit itself."""
    hook = root / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(f"""\
import os, signal, sys

def _die_on_poison(event, arguments):
    # the batch has imported multiprocessing long before it opens an input
    if event == "open" and str(arguments[0]).endswith({POISON!r}) and sys.modules["multiprocessing"].parent_process():
        with open({str(root / "killed")!r}, "a") as killed:
            killed.write(f"{{os.getpid()}}\\n")
        os.kill(os.getpid(), signal.SIGKILL)

sys.addaudithook(_die_on_poison)
""", encoding="utf-8")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(hook), os.environ.get("PYTHONPATH")]))}


def test_a_poison_input_is_retried_then_listed_in_failures_by_either_executor(
        tmp_path: Path, cluster: tuple[str, distributed.Client], poison_killer: list[int]) -> None:
    """Sorted, poison.csv is audited beside alpha.csv: the local pool breaks, runs what was in flight again one at
    a time, and lists the one that dies alone; Dask retries only the task whose process died."""
    address, client = cluster
    client.wait_for_workers(2, timeout=60)
    (tmp_path / "in").mkdir()
    for name, lines in (("alpha.csv", 7), (POISON, 3), ("zeta.csv", 5)):
        plant_csv(tmp_path / "in" / name, lines, 1)
    local = subprocess.run(_command("local", "--jobs", "2"), cwd=tmp_path, env=_dying_on_poison(tmp_path),
                           capture_output=True, text=True)
    dask = subprocess.run(_command("dask", "--scheduler", address), cwd=tmp_path, capture_output=True, text=True)
    assert local.returncode == 2, local.stderr
    assert dask.returncode == 2, dask.stderr
    # the first attempt and one retry, each in a process of its own
    assert len(set((tmp_path / "killed").read_text(encoding="utf-8").split())) == 2
    assert len(set(poison_killer)) == 2
    for out in ("local", "dask"):
        failures = {Path(row["input"]).name: row["reason"] for row in read_csv(tmp_path / out / "failures.csv")}
        assert failures == {POISON: WORKER_DIED}
    ours, theirs = _files(tmp_path / "dask"), _files(tmp_path / "local")
    # the two others' folders × outputs, region CSVs and workbook, their items and findings in the store: no poison
    assert sorted(ours) == sorted(theirs) and len(ours) == 2 * 4 + 3 + 2 * 2
    assert {name.split("/")[0] for name in ours if "/" in name} == {"alpha", "zeta", "_store"}
    assert not any("poison" in name for name in ours)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_an_input_past_the_time_limit_on_the_cluster(tmp_path: Path, cluster: tuple[str, distributed.Client]) -> None:
    """The time limit is an alarm in the audit process's main thread: it works on a worker as it does locally."""
    address, _client = cluster
    (tmp_path / "in").mkdir()
    with (tmp_path / "in" / "large.csv").open("w", encoding="utf-8") as stream:
        stream.write("设备编号,设备名称,设备类别,型号规格,额定功率(kW),极数,效率(%),数量,出厂日期\n")
        stream.writelines(f"M-{n},电机,电动机,Y2-160M-4,11,4,88.0,1,2002-05\n" for n in range(20_000))
    run = subprocess.run(_command("out", "--scheduler", address, "--timeout", "5"), cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode == 2, run.stderr
    reasons = [row["reason"] for row in read_csv(tmp_path / "out" / "failures.csv")]
    assert len(reasons) == 1 and "not finished after 5 s" in reasons[0]


def test_an_unreachable_scheduler_is_exit_2(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    plant_csv(tmp_path / "in" / "plant.csv", 7, 1)
    run = subprocess.run(_command("out", "--scheduler", "tcp://127.0.0.1:9"), cwd=tmp_path, capture_output=True,
                         text=True, env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert run.returncode == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in run.stderr and "Traceback" not in run.stderr


def test_the_cluster_benchmark_times_every_stage(tmp_path: Path) -> None:
    """benchmarks/bench_cluster.py times one enterprise by calling effaudit's stages one by one, as a batch worker
    does; when a stage's contract changes (the annotated workbook came to need the sheets as read), the benchmark
    must fail here rather than in front of the one who runs it for a province."""
    from benchmarks.bench_cluster import stages

    plant_csv(tmp_path / "plant.csv", 7, 1)
    times = stages(tmp_path / "plant.csv", tmp_path)
    assert list(times) == ["process start and imports", "reading", "audit", "JSON", "PDF", "workbook",
                           "findings store (Parquet)"]
    assert all(seconds > 0 for seconds in times.values())
    assert (tmp_path / "r.pdf").stat().st_size and (tmp_path / "r.xlsx").stat().st_size
