"""The findings store: every audited inventory's items and findings as Parquet, one dataset a bureau keeps across
inspection rounds and queries with DuckDB.

    STORE/items/as_of=2026-11-22/enterprise=<folder>/part-0.parquet      one row per item
    STORE/findings/as_of=2026-11-22/enterprise=<folder>/part-0.parquet   one row per finding (``item`` → the item)
    STORE/effaudit.duckdb                                                views ``items`` and ``findings`` over them

A round is an audit date (``as_of``); an enterprise is its report folder name (a batch's, or the safe name of
``check``'s enterprise). Writing an enterprise's round replaces its two files whole (``write``); reading goes
through DuckDB (``query``), which scans the files without loading them into memory.
"""
