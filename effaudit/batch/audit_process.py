"""Audit one batch input in a process of its own, started by a Dask worker (see ``effaudit.batch.cluster``).

    Dask worker thread ── audit_in_process(job, cwd) ──▶ python -m effaudit.batch.audit_process INPUT
                          (job pickled on stdin)          audit_one(job) → outcome pickled on stdout

Why a process per input, when the Dask worker could audit in its own thread: the time limit is an alarm signal,
which only a process's main thread receives; WeasyPrint keeps memory, so a long-lived worker would grow with
every report (the local executor recycles its processes for the same reason); and the child starts in the
client's working folder, so relative input and output paths mean on the worker what they meant to the client —
which is what makes the outputs byte-identical to the local executor's.

A child that dies (killed, out of memory) raises ``AuditProcessDied`` in the worker; the cluster executor asks
Dask to retry the task once, on any worker, and lists the input in failures.csv if it dies again. The input's path
is the child's last argument, so that ``ps`` shows which input each process is auditing.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import subprocess
import sys

from effaudit.errors import DiskFull


class AuditProcessDied(RuntimeError):
    """The process auditing an input ended without an outcome (killed by a signal, out of memory)."""


def audit_in_process(job: object, cwd: str) -> object:
    """Runs in a Dask worker: audit ``job`` (a ``run.Job``) in a child process started in ``cwd`` and return its
    outcome (an ``EnterpriseSummary`` or a ``Failure``); a full disk is raised as DiskFull."""
    command = [sys.executable, "-m", "effaudit.batch.audit_process", os.fsdecode(job.input)]
    child = subprocess.run(command, input=pickle.dumps((os.getpid(), job)), capture_output=True, cwd=cwd)
    try:
        kind, value = pickle.loads(child.stdout)
    except Exception as error:  # noqa: BLE001 - no outcome at all: the child did not finish
        how = f"signal {-child.returncode}" if child.returncode < 0 else f"exit status {child.returncode}"
        last = child.stderr.decode(errors="replace").strip().splitlines()[-1:]
        raise AuditProcessDied(f"the audit process ended with {how}{': ' + last[0] if last else ''}") from error
    if kind == "disk_full":
        raise DiskFull(value)
    return value


def _die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when the worker that started it dies: a worker killed mid-task must not
    leave an orphan writing the same outputs as the retry. Elsewhere (no prctl) the orphan finishes its input,
    writing whole files that are byte-identical to the retry's."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before prctl took effect
        os._exit(1)


def main() -> None:
    from effaudit.batch.run import audit_one

    outcome_stream = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr, never into the pickled outcome
    parent, job = pickle.loads(sys.stdin.buffer.read())
    _die_with_parent(parent)
    try:
        outcome = ("outcome", audit_one(job))
    except DiskFull as error:
        outcome = ("disk_full", str(error))
    outcome_stream.write(pickle.dumps(outcome))
    outcome_stream.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m effaudit.batch.audit_process INPUT  (the job on stdin; started by a batch)")
    main()
