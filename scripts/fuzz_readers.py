"""Fuzz the inventory readers: random and mutated CSV / xlsx / ods files must either read or raise InventoryError.

Not part of CI. Run it for as long as you like:

    .venv/bin/python scripts/fuzz_readers.py --minutes 10

Any other exception is a bug: the input that caused it is saved under fuzz-crashes/ with the traceback.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
import traceback
from pathlib import Path

from effaudit.errors import InventoryError
from effaudit.inventory import read_inventory

ROOT = Path(__file__).resolve().parents[1]
SEEDS = [ROOT / "examples" / "inventory.xlsx", *sorted((ROOT / "tests" / "fixtures" / "inventories").glob("*"))]
CELLS = ["75kW", "1,600kVA", "92.1%", "0.93", "2016年4月", "2016.04", "45000", "YE3-160M-4", "S11-M-800/10", "",
         "<b>x</b>", "=1+1", "\u202e", "九十", "-3", "1e308", "nan", "100马力", "IC81W", "冷却方式", "额定功率(kW)"]


def _mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if not data:
            break
        position = rng.randrange(len(data))
        action = rng.random()
        if action < 0.5:
            data[position] = rng.randrange(256)
        elif action < 0.75:
            del data[position:position + rng.randint(1, 64)]
        else:
            data[position:position] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    return bytes(data)


def _random_csv(rng: random.Random) -> bytes:
    header = rng.sample(["设备名称", "型号", "额定功率(kW)", "效率", "极数", "出厂日期", "容量", "冷却方式", "x"], k=rng.randint(1, 6))
    lines = [",".join(header)] + [",".join(rng.choice(CELLS) for _ in header) for _ in range(rng.randint(0, 30))]
    text = "\n".join(lines)
    return text.encode(rng.choice(["utf-8", "utf-8-sig", "gb18030"]), errors="replace")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.minutes * 60
    crashes, runs = ROOT / "fuzz-crashes", 0
    with tempfile.TemporaryDirectory() as folder:
        while time.monotonic() < deadline:
            if rng.random() < 0.4:
                suffix, data = ".csv", _random_csv(rng)
            else:
                seed = rng.choice(SEEDS)
                suffix, data = seed.suffix, _mutate(seed.read_bytes(), rng)
            path = Path(folder) / f"input{suffix}"
            path.write_bytes(data)
            runs += 1
            try:
                read_inventory(path)
            except InventoryError:
                pass
            except Exception:  # noqa: BLE001 - every other exception is what we are looking for
                crashes.mkdir(exist_ok=True)
                saved = crashes / f"crash-{runs}{suffix}"
                saved.write_bytes(data)
                saved.with_suffix(".txt").write_text(traceback.format_exc(), encoding="utf-8")
                print(f"crash: {saved}")
    print(f"{runs} inputs read")


if __name__ == "__main__":
    main()
