"""Reading inventories: files → raw sheets (``readers``), header rows and aliases (``header``), cell values
(``values``). ``effaudit.inventory`` puts them together into the canonical frame."""

import effaudit.frames  # noqa: F401 - Python-string text columns, before any frame is made
