"""pandas as effaudit uses it: text columns hold Python strings.

Since pandas 3, the ``string`` dtype keeps its text in Arrow arrays whenever pyarrow is installed — and the
findings store (``effaudit.store``) installs it. Arrow text must be valid UTF-8, so a file name's undecodable
bytes (lone surrogates, see ``effaudit.filenames``) could no longer be held, and every figure of effaudit's
performance was measured with Python strings. The packages that make frames import this module first.
"""

import pandas as pd

pd.set_option("mode.string_storage", "python")
