"""Interpretation: raw cells under a recognised header → the canonical fields, the family first and then every
column in that family's context, each value with where it came from.

Reading (``effaudit.io``) hands over cells, header texts and row numbers and knows nothing of families; the checks
receive canonical fields and never re-interpret text. What a column, a word or a unit means is data
(``effaudit/resources/``); the modules here are the kinds of reading.
"""

import effaudit.frames  # noqa: F401 - Python-string text columns, before any frame is made
