"""The rectification report as PDF: ReportContext → HTML (Jinja2, autoescaped) → WeasyPrint.

Untrusted inventory text only ever reaches the template as data (autoescape on, never rendered as a template),
and WeasyPrint may only load files from ``report_templates/`` (``TemplateOnlyFetcher``): a hostile cell cannot
make the renderer read a local file or call the network.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import subprocess
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from effaudit.errors import UsageError
from effaudit.report.chart import Bar, bar_chart
from effaudit.report.savings import PDF_NUMBERS
from effaudit.report.context import SECTIONS, VERDICT_COLOURS, ReportContext, compliant_listing, listing

TEMPLATES = Path(__file__).resolve().parents[2] / "report_templates"
CHUNK_ROWS = 100  # entries per block of a long list: long lists are laid out in pieces, never as one huge box
NO_CJK_FONT = "no CJK font installed (install fonts-noto-cjk) — refusing to print empty boxes"


class TemplateOnlyFetcher(URLFetcher):
    """Serves files inside ``root`` (the report templates) and refuses every other URL; keeps a log of both."""

    def __init__(self, root: Path = TEMPLATES) -> None:
        super().__init__(allowed_protocols=("file",))
        self.root = root.resolve()
        self.served: list[str] = []
        self.refused: list[str] = []

    def _local_file(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(parts.path)).resolve()
        return path if path.is_relative_to(self.root) and path.is_file() else None

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        path = self._local_file(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url!r}: only files in {self.root} are served")
        self.served.append(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})


def require_cjk_font() -> None:
    """Raise UsageError unless fontconfig knows a font covering Chinese (else every glyph prints as a box)."""
    try:
        listing = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=True,
                                 timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        listing = ""
    if not listing.strip():
        raise UsageError(NO_CJK_FONT)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


def render_html(context: ReportContext) -> str:
    bars = [Bar(row.label, row.items, VERDICT_COLOURS[row.key]) for row in context.by_verdict]
    created = dt.datetime.combine(context.as_of, dt.time(), dt.timezone.utc).isoformat()
    return render_template(
        "report.html.j2", r=context, chart=Markup(bar_chart(bars)), colours=VERDICT_COLOURS, section_names=SECTIONS,
        listings={name: listing(context, name) for name in SECTIONS[:3]}, compliant=compliant_listing(context),
        bar=" ｜ " if context.lang == "zh" else " | ", chunk_rows=CHUNK_ROWS, created=created, plan_numbers=PDF_NUMBERS)


def pdf_of(html: str, identity: str, fetcher: URLFetcher | None = None) -> bytes:
    """The PDF of a page rendered from the report templates, loading nothing outside them. The PDF identifier is
    derived from ``identity`` instead of being random: the same page gives the same bytes."""
    require_cjk_font()
    identifier = hashlib.sha256(identity.encode()).hexdigest()[:32]
    return HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetcher or TemplateOnlyFetcher()
                ).write_pdf(pdf_identifier=identifier.encode())


def render_template(name: str, **values: object) -> str:
    """A report template (autoescaped: inventory text stays data) rendered with ``values``."""
    return _environment().get_template(name).render(**values)


def render_pdf(context: ReportContext, fetcher: URLFetcher | None = None) -> bytes:
    """The PDF bytes. Same context → same bytes: the metadata dates are the as-of date, and the identifier comes
    from the inventory digest, the as-of date, the language and the version."""
    require_cjk_font()
    return pdf_of(render_html(context), f"{context.inventory_sha256}|{context.as_of}|{context.lang}|{context.version}",
                  fetcher)
