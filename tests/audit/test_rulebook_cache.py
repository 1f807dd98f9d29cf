"""The rulebook cache: a second load of unchanged files does not parse them; a changed file, a corrupt entry or a
disabled cache load from the files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from effaudit.standards import cache, loader, rulebook
from effaudit.standards.loader import STANDARDS_DATA
from effaudit.standards.rulebook import Rulebook


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("EFFAUDIT_CACHE_DIR", str(folder))
    monkeypatch.delenv("EFFAUDIT_NO_CACHE", raising=False)
    return folder


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(directory: Path) -> list:
        raise AssertionError("the rulebook files were parsed")
    monkeypatch.setattr(rulebook, "load_files", refuse)


def test_unchanged_files_load_from_the_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = Rulebook.load()
    _no_parsing(monkeypatch)
    second = Rulebook.load()
    assert second.version == first.version
    assert [q.id for q in second.quotas] == [q.id for q in first.quotas]
    assert second.get("GB 21343-2023").entries[0].grades == {1: 805.0, 2: 823.0, 3: 940.0}


def test_a_changed_limit_is_never_served_from_the_cache(cache_dir: Path, tmp_path: Path) -> None:
    data = tmp_path / "standards_data"
    shutil.copytree(STANDARDS_DATA, data)
    assert Rulebook.load(data).get("GB 21343-2023").entries[0].grades[3] == 940.0
    path = data / "quotas" / "gb21343-2023.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("{1: 805, 2: 823, 3: 940}") == 1
    path.write_text(text.replace("{1: 805, 2: 823, 3: 940}", "{1: 805, 2: 823, 3: 941}"), encoding="utf-8")
    assert Rulebook.load(data).get("GB 21343-2023").entries[0].grades[3] == 941.0


def test_a_corrupt_entry_or_a_disabled_cache_loads_the_files(cache_dir: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    Rulebook.load()
    for entry in cache_dir.glob("rulebook-*.pickle"):
        entry.write_bytes(b"not a pickle")
    calls = []
    original = loader.load_files
    monkeypatch.setattr(rulebook, "load_files", lambda directory: calls.append(1) or original(directory))
    quota_files = len(list((STANDARDS_DATA / "quotas").glob("*.yaml")))  # one quota edition per file
    assert len(Rulebook.load().quotas) == quota_files == 18 and calls == [1]
    monkeypatch.setenv("EFFAUDIT_NO_CACHE", "1")
    assert cache.read(cache.key(STANDARDS_DATA)) is None
    Rulebook.load()
    assert calls == [1, 1]
