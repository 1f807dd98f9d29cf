"""Re-inspection (复查): compare two audits of one enterprise, item by item.

    sources (a result JSON file, or a round of the findings store) → match (equipment id, else the keys that do
    not depend on the sheet) → compare (fixed / still_open / new / removed / unchanged_ok) → render (terminal,
    JSON ``effaudit.diff/1``, workbook)
"""
