"""effaudit: enterprise energy-efficiency compliance auditor (Chinese mandatory standards and catalogues)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("effaudit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
