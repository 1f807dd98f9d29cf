"""A batch run: find the inputs, give each enterprise a folder, audit each input in a worker process of its own,
then write the region outputs.

    discover (files, folders, globs) → plan (folder names, sidecar metadata, digests; skip what the manifest
    says is done) → process pool (one input per worker process), or a Dask cluster (``cluster``) → findings.csv,
    failures.csv, summary.xlsx/.pdf

Nothing an input does stops the others: a UsageError, a bug or an input that takes longer than the time limit
becomes a row of ``failures.csv``, and so does a worker that dies (killed, out of memory) — which breaks the whole
pool, so the inputs that were in flight are run again one at a time to find out which one it was. A full disk is
not the input's fault and would fail every input after it: it stops the batch (DiskFull), to be resumed.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import hashlib
import io
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from effaudit import __version__
from effaudit.atomic import NO_SPACE, cannot_write, write_bytes
from effaudit.batch.manifest import OUTPUTS, Entry, Manifest, Stamp
from effaudit.batch.naming import unique_names
from effaudit.batch.summary import (
    EnterpriseSummary,
    display_value,
    findings_table,
    region,
    render_pdf,
    render_workbook,
    summarize,
)
from effaudit.errors import DiskFull, UsageError
from effaudit.filenames import utf8
from effaudit.report.metadata import load_enterprise, read_enterprise_file
from effaudit.standards.rulebook import Rulebook
from effaudit.savings.estimate import saving_basis
from effaudit.savings.profile import OperatingProfile
from effaudit.store.write import remove as remove_round
from effaudit.store.write import write_audit, written

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
WORKER_DIED = "internal error: the worker process died while auditing it (killed, or out of memory?)"
NO_MATCH = "no such file or folder, and no file matches this pattern"
STORE_FOLDER = "_store"  # the findings store under DIR by default: no enterprise folder starts with '_' (naming)


@dataclass(frozen=True)
class Failure:
    input: str
    reason: str


@dataclass(frozen=True)
class Job:
    """One input to audit, and everything its worker needs (picklable: it crosses to a spawned process)."""

    input: str
    key: str  # absolute path: the manifest's key
    out: Path
    folder: str
    enterprise_file: Path | None  # the sidecar <stem>.toml, when there is one
    stamp: Stamp
    rulebook: Rulebook  # loaded once by the parent: unpickling it is ~40× faster than loading it again
    timeout: float  # seconds; 0: no limit
    store: Path  # the findings store (effaudit.store) the audit's items and findings go to
    profile: OperatingProfile = OperatingProfile()  # hours, prices, costs for the savings (``--profile``)

    @property
    def outputs(self) -> Path:
        return self.out / self.folder


@dataclass
class BatchReport:
    summaries: list[EnterpriseSummary] = field(default_factory=list)  # in input order
    failures: list[Failure] = field(default_factory=list)
    audited: int = 0
    skipped: int = 0
    totals: dict[str, float | int | None] = field(default_factory=dict)  # the region's, see summary.region

    @property
    def exit_status(self) -> int:
        """2 when some input could not be used (it wins), 1 when some enterprise has a violation, else 0."""
        if self.failures:
            return 2
        return 1 if any(summary.violations for summary in self.summaries) else 0


# --- discovery and plan -------------------------------------------------------------------------------------

def _in_folder(folder: Path) -> list[Path]:
    """Inventory files under ``folder``, at any depth; hidden files and folders and Excel's ``~$`` lock files
    are not inventories."""
    return [path for path in folder.rglob("*")
            if path.suffix.lower() in SUFFIXES and path.is_file()
            and not any(part.startswith((".", "~$")) for part in path.relative_to(folder).parts)]


def discover(patterns: Sequence[str], out: Path) -> tuple[list[Path], list[Failure]]:
    """The input files, sorted and without duplicates, and a failure for each pattern that names nothing.
    A file named explicitly is taken whatever its suffix (the reader says why it cannot be used); files under
    ``out`` are never inputs (a re-run must not audit its own annotated workbooks)."""
    out = out.resolve()
    found: dict[Path, Path] = {}
    failures = []
    for pattern in patterns:
        given = Path(pattern)
        matches = [given] if given.exists() else [Path(m) for m in sorted(glob.glob(pattern, recursive=True))]
        files = [file for match in matches for file in (_in_folder(match) if match.is_dir() else [match])]
        if not matches:
            failures.append(Failure(pattern, NO_MATCH))
        for file in files:
            if not file.resolve().is_relative_to(out):
                found.setdefault(file.resolve(), file)
    return sorted(found.values(), key=str), failures


def _sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def _sidecar(path: Path) -> Path | None:
    sidecar = path.with_suffix(".toml")
    return sidecar if sidecar != path and sidecar.is_file() else None


def _profile_stamp(profile: OperatingProfile) -> str:
    """What the outputs depend on of the operating profile: its file's digest and the grid factor."""
    digest = _sha256(profile.path) if profile.path else ""
    return f"{digest}|{profile.grid_factor}" if profile.grid_factor else digest


def plan(paths: Sequence[Path], out: Path, rulebook: Rulebook, as_of: dt.date, lang: str,
         timeout: float, store: Path, profile: OperatingProfile = OperatingProfile()
         ) -> tuple[list[Job], list[Failure]]:
    """A job per usable input. The folder is named after the enterprise its sidecar ``<stem>.toml`` names, else
    after the file stem; names are given over all inputs in sorted order, so they do not move between runs."""
    names, failed = [], {}
    for path in paths:
        sidecar = _sidecar(path)
        try:
            name = read_enterprise_file(sidecar).name if sidecar else None
        except UsageError as error:
            failed[path] = Failure(str(path), str(error))
            name = None
        names.append(name or path.stem)
    jobs, failures = [], list(failed.values())
    profile_stamp = _profile_stamp(profile)
    for path, folder in zip(paths, unique_names(names)):
        if path in failed:
            continue
        sidecar = _sidecar(path)
        try:
            digests = _sha256(path), _sha256(sidecar) if sidecar else ""
        except OSError as error:
            failures.append(Failure(str(path), f"{error.filename}: cannot read: {error.strerror}"))
            continue
        stamp = Stamp(*digests, __version__, rulebook.version, as_of.isoformat(), lang, profile_stamp)
        jobs.append(Job(str(path), str(path.resolve()), out, folder, sidecar, stamp, rulebook, timeout, store,
                        profile))
    return jobs, failures


# --- the worker ---------------------------------------------------------------------------------------------

def _remove_temporaries(folder: Path) -> None:
    """Temporary files a killed run left behind (``effaudit.atomic`` names them ``.<name>.<random>.tmp``)."""
    for name in OUTPUTS:
        for temporary in folder.glob(f".{name}.*.tmp"):
            temporary.unlink(missing_ok=True)


class _TimedOut(BaseException):
    """Raised by the alarm in a worker; a BaseException, so that no ``except Exception`` on the way swallows it."""


def _time_out(_signal: int, _frame: object) -> None:
    raise _TimedOut


def audit_one(job: Job) -> EnterpriseSummary | Failure:
    """Runs in a worker process: audit one input, write its folder (each file whole or not at all), and return
    its summary — or why it could not be used. A full disk is raised (DiskFull): it stops the batch.

    The time limit is an alarm signal in the worker's main thread: it interrupts Python code at once, a single
    long call into C when that returns."""
    if job.timeout:
        signal.signal(signal.SIGALRM, _time_out)
        signal.setitimer(signal.ITIMER_REAL, job.timeout)
    try:
        return _audit(job)
    except _TimedOut:
        return Failure(job.input, f"{job.input}: not finished after {job.timeout:g} s, the time limit per input "
                                  "(batch --timeout): check it alone with `effaudit check`, or raise the limit")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def _audit(job: Job) -> EnterpriseSummary | Failure:
    from effaudit.engine import audit
    from effaudit.inventory import read_inventory
    from effaudit.outputs import write_reports

    try:
        as_of = dt.date.fromisoformat(job.stamp.as_of)
        inventory = read_inventory(job.input, today=as_of, keep_sheets=True)  # the annotated workbook copies them
        title_lines = [line for sheet in inventory.sheets for line in sheet.title_lines]
        enterprise = load_enterprise(job.enterprise_file, title_lines)
        jurisdiction = job.rulebook.choose_jurisdiction(None, enterprise.district, enterprise.region)
        result = audit(inventory, job.rulebook, as_of, jurisdiction, job.profile)
        if result.inventory.sha256 != job.stamp.sha256:
            return Failure(job.input, f"{job.input}: the file changed while the batch ran; run the batch again")
        try:
            job.outputs.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise cannot_write(error, job.outputs) from error
        _remove_temporaries(job.outputs)
        write_reports(result, job.outputs / "result.json", job.outputs / "report.pdf",
                      job.outputs / "annotated.xlsx", job.enterprise_file, job.stamp.lang)
        summary = summarize(result, enterprise, job.input, job.folder, fallback_name=Path(job.input).stem)
        # utf-8-sig: Excel in China opens a CSV without a byte-order mark as GBK and garbles it
        csv_text = findings_table(result, summary, job.stamp.lang).to_csv(index=False)
        write_bytes(job.outputs / "findings.csv", utf8(csv_text, "utf-8-sig"))
        write_audit(job.store, result, summary)
        return summary
    except DiskFull:
        raise
    except UsageError as error:
        return Failure(job.input, str(error))
    except OSError as error:
        if error.errno in NO_SPACE:  # a library's own temporary file
            raise cannot_write(error, job.outputs) from error
        return Failure(job.input, f"internal error: {type(error).__name__}: {error}")
    except Exception as error:  # noqa: BLE001 - one input's bug must not stop the batch
        return Failure(job.input, f"internal error: {type(error).__name__}: {error}")


def _run_pool(jobs: Sequence[Job], workers: int, done: Callable[[Job, EnterpriseSummary | Failure], None]) -> None:
    """Run every job in spawned worker processes, at most ``workers`` at a time; each process audits one input
    and exits (WeasyPrint keeps memory). Jobs are submitted only as workers free up, so the ones in flight are
    known when a dying worker breaks the pool: they are run again, each alone, and one that breaks the pool
    alone is a failure."""
    pending, suspects = deque(jobs), deque[Job]()
    context = multiprocessing.get_context("spawn")
    while pending or suspects:
        running: dict[Future, Job] = {}
        alone: Job | None = None
        with ProcessPoolExecutor(max_workers=workers, max_tasks_per_child=1, mp_context=context) as pool:
            try:
                while pending or suspects or running:
                    if alone is None and suspects and not running:
                        alone = suspects.popleft()
                        running[pool.submit(audit_one, alone)] = alone
                    while alone is None and not suspects and pending and len(running) < workers:
                        job = pending.popleft()
                        running[pool.submit(audit_one, job)] = job
                    finished, _ = wait(running, return_when=FIRST_COMPLETED)
                    for future in finished:
                        job = running[future]
                        try:
                            outcome = future.result()
                        except (BrokenProcessPool, DiskFull):
                            raise
                        except Exception as error:  # noqa: BLE001 - e.g. a result that could not be pickled
                            outcome = Failure(job.input, f"internal error: {type(error).__name__}: {error}")
                        del running[future]
                        alone = None if job is alone else alone
                        done(job, outcome)
            except BrokenProcessPool:
                if alone is not None:
                    done(alone, Failure(alone.input, WORKER_DIED))
                else:
                    suspects.extend(running.values())


# --- the run ------------------------------------------------------------------------------------------------

def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return utf8(buffer.getvalue(), "utf-8-sig")


def _write_failures(out: Path, failures: Sequence[Failure]) -> None:
    write_bytes(out / "failures.csv", _csv([["input", "reason"], *([f.input, f.reason] for f in failures)]))


def _concatenate_findings(out: Path, summaries: Sequence[EnterpriseSummary]) -> None:
    """DIR/findings.csv: every enterprise's findings.csv, one header."""
    parts = []
    for summary in summaries:
        lines = (out / summary.folder / "findings.csv").read_bytes().removeprefix(b"\xef\xbb\xbf")
        header, _, body = lines.partition(b"\n")
        parts.append(body)
    write_bytes(out / "findings.csv", b"\xef\xbb\xbf" + (header + b"\n" if parts else b"") + b"".join(parts))


def _remove_outputs(folder: Path, findings_store: Path, as_of: str) -> None:
    """A failed input's outputs from an earlier run would contradict failures.csv: remove them, and its round in
    the findings store."""
    remove_round(findings_store, as_of, folder.name)
    for name in OUTPUTS:
        (folder / name).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass  # not empty (someone else's files) or never made


def _clean_stale(manifest: Manifest, jobs: Sequence[Job], failures: Sequence[Failure], out: Path,
                 findings_store: Path) -> None:
    """Forget the manifest entries this run no longer stands behind, and remove their folders: an input that is
    gone (deleted, renamed), one whose enterprise folder moved (a new name in its sidecar), one that is now
    unusable. A folder that a current input is to use is left to it. Entries of inputs that still exist but were
    not named this time are kept."""
    planned = {job.key: job.folder for job in jobs}
    failed = {str(Path(failure.input).resolve()) for failure in failures}
    for key, entry in list(manifest.entries.items()):
        if planned.get(key, entry.folder) == entry.folder and key not in failed and Path(key).is_file():
            continue
        manifest.forget(key)
        if entry.folder not in planned.values():
            _remove_outputs(out / entry.folder, findings_store, entry.stamp.as_of)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_batch(patterns: Sequence[str], out: Path, *, jobs: int, as_of: dt.date, lang: str,
              timeout: float, scheduler: str | None = None, findings_store: Path | None = None,
              progress: Callable[[int, int, int], None] | None = None,
              profile: OperatingProfile = OperatingProfile()) -> BatchReport:
    """Audit every input into ``out`` and write the region outputs; see the module docstring. ``timeout`` is
    the time limit per input in seconds (0: none). With ``scheduler`` (a Dask scheduler's address) the inputs
    are audited on that cluster (``effaudit.batch.cluster``) instead of ``jobs`` local processes. Items and
    findings go to ``findings_store`` (default ``out/_store``), from which the region summary is computed.

    ``progress(done, failed, total)`` is called once the plan is made and after every finished input. ``profile``
    (the operating profile) feeds every enterprise's savings estimate and renewal list."""
    findings_store = findings_store or out / STORE_FOLDER
    for folder in (out, findings_store):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise UsageError(f"cannot create the output folder: {error.strerror}", file=str(folder)) from error
    rulebook = Rulebook.load()
    saving_basis(rulebook, profile)  # an unknown grid factor stops the batch before it starts
    paths, failures = discover(patterns, out)
    if not paths and not failures:
        raise UsageError("no inventory files (.xlsx, .xls, .ods, .csv) found in the inputs given")
    jobs_to_run, plan_failures = plan(paths, out, rulebook, as_of, lang, timeout, findings_store, profile)
    report = BatchReport(failures=failures + plan_failures)
    manifest = Manifest.load(out / "manifest.json")
    _clean_stale(manifest, jobs_to_run, plan_failures, out, findings_store)
    by_input: dict[str, EnterpriseSummary] = {}
    pending = []
    for job in jobs_to_run:
        entry = manifest.finished(job.key, job.stamp, job.folder)
        if entry is None or not written(findings_store, as_of, job.folder):
            pending.append(job)
        else:
            by_input[job.input] = replace(entry.summary, input=job.input)
    report.skipped = len(by_input)
    total = len(paths) + len(failures)
    _write_failures(out, report.failures)
    if progress:
        progress(report.skipped + len(report.failures), len(report.failures), total)

    def finished(job: Job, outcome: EnterpriseSummary | Failure) -> None:
        if isinstance(outcome, Failure):
            report.failures.append(outcome)
            manifest.forget(job.key)
            _remove_outputs(job.outputs, findings_store, job.stamp.as_of)
            _write_failures(out, report.failures)
        else:
            by_input[job.input] = outcome
            report.audited += 1
            manifest.record(job.key, Entry(job.input, job.folder, job.stamp, outcome))
        if progress:
            progress(len(by_input) + len(report.failures), len(report.failures), total)

    if pending and scheduler:
        from effaudit.batch.cluster import run_on_cluster

        run_on_cluster(pending, scheduler, finished)
    elif pending:
        _run_pool(pending, max(1, min(jobs, len(pending))), finished)
    order = {str(path): index for index, path in enumerate(paths)}
    report.summaries = sorted(by_input.values(), key=lambda summary: order[summary.input])
    report.failures.sort(key=lambda failure: (order.get(failure.input, len(order)), failure.input))
    _write_failures(out, report.failures)
    _concatenate_findings(out, report.summaries)
    from effaudit.store.progress import progress_tables
    from effaudit.store.query import enterprise_summaries, write_catalog
    from effaudit.store.reserve import reserve_tables

    summary = region(enterprise_summaries(findings_store, as_of, [(s.folder, s.input) for s in report.summaries]),
                     lang, progress_tables(findings_store, as_of, [(s.folder, s.name) for s in report.summaries],
                                           lang)
                     | reserve_tables(findings_store, as_of, [s.folder for s in report.summaries], lang))
    write_catalog(findings_store)
    report.totals = summary.totals
    write_bytes(out / "summary.xlsx", render_workbook(summary, as_of))
    write_bytes(out / "summary.pdf", render_pdf(summary, as_of, rulebook.version, len(report.failures)))
    return report


# --- on the terminal ----------------------------------------------------------------------------------------

@contextmanager
def progress_bar(console: Console) -> Iterator[Callable[[int, int, int], None]]:
    """A rich progress bar (files done, failures, time left) and the ``progress`` callback that drives it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn("effaudit batch"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("[red]{task.fields[failed]} failed"), TextColumn("· time left"),
                  TimeRemainingColumn(), console=console) as bar:
        task = bar.add_task("batch", total=None, failed=0)
        started = False

        def update(done: int, failed: int, total: int) -> None:
            nonlocal started
            if not started:  # inputs skipped as unchanged are done at once: keep them out of the speed estimate
                bar.reset(task, total=total, completed=done, failed=failed)
                started = True
            bar.update(task, completed=done, total=total, failed=failed)

        yield update


def totals_table(report: BatchReport, lang: str) -> Table:
    from rich.table import Table

    zh = lang == "zh"
    totals = report.totals
    table = Table(title="批量审核合计" if zh else "Batch totals", show_header=False)
    table.add_column(justify="left")
    table.add_column(justify="right")
    rows = (
        ("已审核企业（本次）", "enterprises audited (this run)", report.audited),
        ("未变化、已跳过", "unchanged, skipped", report.skipped),
        ("无法使用的输入（failures.csv）", "unusable inputs (failures.csv)", len(report.failures)),
        ("条目（设备及产品）", "items (equipment and products)", totals["items"]),
        ("数量（台套 / 产品行）", "quantity (units / product rows)", totals["quantity"]),
        ("违规条目", "violating items", totals["violations"]),
        ("有违规的企业", "enterprises with violations", totals["violating_enterprises"]),
        ("节能水平及以上（按台数，%）", "at energy-saving level or better (units, %)", totals["share_units"]),
        ("节能水平及以上（按功率，%）", "at energy-saving level or better (rated power, %)", totals["share_power"]),
    )
    for label_zh, label_en, value in rows:
        table.add_row(label_zh if zh else label_en, display_value(value))
    return table
