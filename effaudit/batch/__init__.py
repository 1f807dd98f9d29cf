"""Batch mode for bureaus: many inventories → a folder of reports per enterprise, a region summary,
``failures.csv`` and a manifest that lets an interrupted or repeated run resume (``effaudit batch``)."""
