"""The batch manifest, ``DIR/manifest.json``: for every audited input, what its outputs were made from (content
digest, effaudit and rulebook versions, as-of date, language), where they are, and the enterprise's summary.

A re-run skips an input whose stamp is unchanged and whose outputs are all there, and takes its summary from here,
so the region summary still covers it. The file is rewritten whole (temporary name, then rename) after every
finished input: a killed run leaves the manifest as of its last finished input, never half a file. Failed inputs
are not recorded: a re-run tries them again.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from effaudit.atomic import write_text
from effaudit.batch.summary import EnterpriseSummary

SCHEMA = "effaudit.batch-manifest/1"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
OUTPUTS = ("result.json", "report.pdf", "annotated.xlsx", "findings.csv")


@dataclass(frozen=True)
class Stamp:
    """Everything an enterprise's outputs depend on: when one part changes, the outputs are made again."""

    sha256: str
    enterprise_sha256: str  # of the sidecar metadata file, '' when there is none
    effaudit: str
    rulebook: str
    as_of: str
    lang: str
    profile: str = ""  # the operating profile's digest and grid factor (``--profile``, ``--grid-factor``); '' none


@dataclass(frozen=True)
class Entry:
    input: str  # as given on the command line (or found in a folder)
    folder: str  # the enterprise's folder under DIR
    stamp: Stamp
    summary: EnterpriseSummary


class Manifest:
    """Entries keyed by the input's absolute path."""

    def __init__(self, path: Path, entries: dict[str, Entry] | None = None) -> None:
        self.path = path
        self.entries = entries or {}

    @classmethod
    def load(cls, path: Path) -> Manifest:
        """The manifest at ``path``; empty when there is none or it cannot be read (then everything is redone,
        which is always safe)."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if raw.get("schema") != SCHEMA:
                return cls(path)
            entries = {key: Entry(value["input"], value["folder"], Stamp(**value["stamp"]),
                                  EnterpriseSummary(**value["summary"]))
                       for key, value in raw["entries"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(path)
        return cls(path, entries)

    def finished(self, key: str, stamp: Stamp, folder: str) -> Entry | None:
        """The entry when the input's outputs are up to date: same stamp, same folder, every output present."""
        entry = self.entries.get(key)
        if entry is None or entry.stamp != stamp or entry.folder != folder:
            return None
        outputs = self.path.parent / folder
        return entry if all((outputs / name).is_file() for name in OUTPUTS) else None

    def record(self, key: str, entry: Entry) -> None:
        self.entries[key] = entry
        self.save()

    def forget(self, key: str) -> None:
        if self.entries.pop(key, None) is not None:
            self.save()

    def save(self) -> None:
        entries = {key: asdict(self.entries[key]) for key in sorted(self.entries)}
        text = json.dumps({"schema": SCHEMA, "entries": entries}, ensure_ascii=False, indent=1)
        # An input's path as the file system gave it, undecodable bytes (surrogateescape) included, so that the
        # next run finds its entry: JSON escapes them, which the text written as UTF-8 would not.
        write_text(self.path, _LONE_SURROGATE.sub(lambda match: f"\\u{ord(match.group()):04x}", text) + "\n")
