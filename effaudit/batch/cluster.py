"""The batch on a running Dask cluster (``effaudit batch … --scheduler tcp://HOST:PORT``): the same jobs as the
local process pool, run by the cluster's workers, each input in a process of its own (``audit_process``).

The client plans, keeps the manifest and writes the region outputs exactly as for a local batch; only the
per-input audits move. Workers read the inputs and write the enterprise folders under the same paths as the
client (a shared file system), so a job carries the client's working folder for relative paths.

Losing a process is handled at two levels:
- the audit process dies (killed, out of memory): the task fails with ``AuditProcessDied`` and Dask runs it once
  more (``retries``), on any worker; dead again, it is a failure (``WORKER_DIED``) — a poison input;
- the Dask worker itself dies: the scheduler gives its tasks to other workers, and a task that was running on
  ``distributed.scheduler.allowed-failures`` workers that died (3 by default) is given up (``KilledWorker``),
  which is also a failure.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace

from effaudit import __version__
from effaudit.batch.audit_process import AuditProcessDied, audit_in_process
from effaudit.batch.run import WORKER_DIED, Failure, Job
from effaudit.batch.summary import EnterpriseSummary
from effaudit.errors import DiskFull, UsageError

RETRIES = 1  # as the local pool: an input whose process died is run once more, then it is the suspect
WORKER_SECONDS = 30  # for a first worker to join the scheduler


def _audit(job: Job, rulebook: object, cwd: str) -> EnterpriseSummary | Failure:
    """The task a worker runs: the rulebook is sent to every worker once (scattered), not with every job."""
    return audit_in_process(replace(job, rulebook=rulebook), cwd)


def _version() -> str:
    from effaudit import __version__ as worker_version

    return worker_version


def _connect(address: str):  # noqa: ANN202 - distributed.Client, imported lazily
    from distributed import Client

    try:
        client = Client(address)  # waits distributed.comm.timeouts.connect (30 s) for the scheduler
    except (OSError, TimeoutError, ValueError) as error:
        raise UsageError(f"cannot reach the Dask scheduler at {address}: {error}; start it with `dask scheduler` "
                         "and give its address (tcp://HOST:8786)") from error
    try:
        client.wait_for_workers(1, timeout=WORKER_SECONDS)
        versions = client.run(_version)
    except (OSError, TimeoutError) as error:
        client.close()
        raise UsageError(f"the Dask scheduler at {address} has no worker: start one with "
                         f"`dask worker {address}`") from error
    stale = sorted(worker for worker, version in versions.items() if version != __version__)
    if stale:
        client.close()
        raise UsageError(f"Dask workers {', '.join(stale)} run another effaudit than this one ({__version__}): "
                         "install the same version on every worker")
    return client


def run_on_cluster(jobs: Sequence[Job], address: str,
                   done: Callable[[Job, EnterpriseSummary | Failure], None]) -> None:
    """Run every job on the cluster at ``address`` and call ``done`` as each finishes, in the order they finish.
    A full disk cancels what is left and is raised."""
    from distributed import as_completed
    from distributed.scheduler import KilledWorker

    client = _connect(address)
    try:
        rulebook = client.scatter(jobs[0].rulebook, broadcast=True, hash=False)
        cwd = os.getcwd()
        futures = {client.submit(_audit, replace(job, rulebook=None), rulebook, cwd, key=f"effaudit-audit-{index}-"
                                 f"{os.urandom(4).hex()}", retries=RETRIES, pure=False): job
                   for index, job in enumerate(jobs)}
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome = future.result()
            except DiskFull:
                client.cancel(list(futures))
                raise
            except (AuditProcessDied, KilledWorker):
                outcome = Failure(job.input, WORKER_DIED)
            except Exception as error:  # noqa: BLE001 - one input's trouble must not stop the batch
                outcome = Failure(job.input, f"internal error: {type(error).__name__}: {error}")
            done(job, outcome)
    finally:
        client.close()
