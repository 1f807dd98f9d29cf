"""Write a synthetic but realistic inventory CSV: motors at GB 18613-2020 table ratings with efficiencies around
the grade limits, some catalogue models, transformers, unknown equipment and a few bad cells.

    .venv/bin/python benchmarks/generate_inventory.py 200000 /tmp/inventory-200k.csv
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from effaudit.standards.rulebook import Rulebook

MODELS = np.array(["YE3-{frame}-{poles}", "YE2-{frame}-{poles}", "YE4-{frame}-{poles}", "Y2-{frame}-{poles}",
                   "Y{frame}-{poles}"])


def generate(lines: int, seed: int = 7) -> pd.DataFrame:
    random = np.random.default_rng(seed)
    table = Rulebook.load().get("GB 18613-2020").tables[0].rows
    rows = table.iloc[random.integers(0, len(table), lines)].reset_index(drop=True)
    g3 = rows["efficiency_pct_g3"].to_numpy()
    efficiency = np.round(g3 + random.normal(0.5, 1.5, lines), 1).astype(object)
    efficiency[random.random(lines) < 0.02] = "n/a"
    poles = rows["poles"].astype(int).astype(str)
    series = random.choice(["YE3", "YE2", "YE4", "Y2"], lines, p=[0.5, 0.25, 0.15, 0.1])
    model = pd.Series(series) + "-160M-" + poles
    year = random.integers(1998, 2025, lines)
    frame = pd.DataFrame({
        "设备编号": [f"M-{i:07d}" for i in range(lines)],
        "设备名称": "电动机",
        "设备类别": "电动机",
        "型号规格": model,
        "额定功率(kW)": rows["rated_power_kw"].map(lambda v: f"{v:g}"),
        "极数": poles,
        "效率(%)": efficiency,
        "数量": 1,
        "出厂日期": pd.Series(year).astype(str) + "-05",
    })
    transformers = random.random(lines) < 0.05
    frame.loc[transformers, "设备类别"] = "变压器"
    frame.loc[transformers, "型号规格"] = random.choice(["S9-500/10", "S11-M-800/10", "SCB10-1000/10"],
                                                        int(transformers.sum()))
    return frame


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    generate(count).to_csv(target, index=False)
    print(f"wrote {count} lines to {target}")
