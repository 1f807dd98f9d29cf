"""Two inspection rounds in the findings store: each enterprise's progress since its previous round (violations
fixed, still open, new) and the region's trend over every round, as tables of the region summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from effaudit.batch.summary import LABELS as SUMMARY_LABELS
from effaudit.batch.summary import share_pct
from effaudit.diff.compare import compare
from effaudit.diff.sources import read_round
from effaudit.store.query import connect, share_sums, sql_list

LABELS = {  # besides the region summary's own (effaudit.batch.summary.LABELS)
    "zh": {"previous": "上次审核基准日", "violations_then": "上次违规条目", "violations_now": "本次违规条目",
           "fixed": "已整改", "still_open": "仍未整改", "new": "新发现问题", "new_violations": "其中新违规",
           "removed": "已移除（未见替换）", "as_of": "审核基准日"},
    "en": {"previous": "previous as of", "violations_then": "violating items then",
           "violations_now": "violating items now", "fixed": "fixed", "still_open": "still open",
           "new": "new problems", "new_violations": "of which violations", "removed": "removed (no replacement)",
           "as_of": "as of"},
}


def progress_tables(store: Path, as_of: dt.date, enterprises: Sequence[tuple[str, str]], lang: str
                    ) -> dict[str, pd.DataFrame]:
    """``Progress`` (one row per enterprise of this round that has an earlier round in the store) and ``Trend``
    (one row per round, over this round's enterprises); nothing when no enterprise has an earlier round."""
    folders = [folder for folder, _ in enterprises]
    if not folders:
        return {}
    connection = connect(store)
    previous = dict(connection.execute(f"""
        SELECT enterprise, max(as_of) FROM items
        WHERE as_of < ? AND enterprise IN ({sql_list(folders)}) GROUP BY enterprise""", [as_of]).fetchall())
    if not previous:
        connection.close()
        return {}
    rows = []
    for folder, name in enterprises:
        if folder not in previous:
            continue
        diff = compare(read_round(connection, str(store), previous[folder], folder),
                       read_round(connection, str(store), as_of, folder))
        counts = diff.counts
        rows.append({"name": name, "folder": folder, "previous": previous[folder].isoformat(),
                     "violations_then": int((diff.old.items["status"] == "violation").sum()),
                     "violations_now": int((diff.new.items["status"] == "violation").sum()),
                     "fixed": counts["fixed"], "still_open": counts["still_open"], "new": counts["new"],
                     "new_violations": diff.new_violations, "removed": counts["removed"]})
    trend = connection.execute(f"""
        SELECT as_of::VARCHAR, count(DISTINCT enterprise), count(*), count(*) FILTER (status = 'violation'),
               {share_sums()}
        FROM items WHERE as_of <= ? AND enterprise IN ({sql_list(folders)}) GROUP BY ALL ORDER BY 1""",
                               [as_of]).fetchall()
    connection.close()
    labels = {**SUMMARY_LABELS[lang], **LABELS[lang]}
    trend_rows = [{"as_of": day, "enterprises": count, "items": items, "violations": violations,
                   "share_units": share_pct(float(t_units), float(g_units)),
                   "share_power": share_pct(float(t_power), float(g_power))}
                  for day, count, items, violations, g_units, t_units, g_power, t_power in trend]
    return {"Progress": pd.DataFrame(rows).rename(columns=labels),
            "Trend": pd.DataFrame(trend_rows).rename(columns=labels)}
