import effaudit.frames  # noqa: F401 - Python-string text columns, before any frame is made
