"""Command line: a thin layer over reading, auditing and rendering. Heavy libraries are imported lazily so that
`effaudit --help` stays fast."""

from __future__ import annotations

import datetime as dt
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from effaudit import __version__
from effaudit.errors import DiskFull, UsageError
from effaudit.filenames import readable

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_VIOLATION, EXIT_UNUSABLE = 0, 1, 2


# The audit dates every output can carry: the annotated workbook is a zip archive, whose entry dates (MS-DOS
# format) run from 1980 to 2107; pandas' timestamps (1677-09-22 to 2262-04-11) hold all of those.
EARLIEST_AS_OF, LATEST_AS_OF = dt.date(1980, 1, 1), dt.date(2107, 12, 31)


def _parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        date = dt.date.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from error
    if not EARLIEST_AS_OF <= date <= LATEST_AS_OF:
        raise click.BadParameter(f"{value} is outside {EARLIEST_AS_OF}..{LATEST_AS_OF}, the dates every report "
                                 "can carry (an Excel workbook's zip entries are dated 1980 to 2107)")
    return date


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="effaudit")
def main() -> None:
    """effaudit — audit an equipment inventory against China's mandatory efficiency standards and the
    phase-out catalogues. Exit status: 0 nothing non-compliant, 1 at least one violation, 2 unusable input."""


PROFILE_OPTION = click.option(
    "--profile", "profile_path", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
    help="Operating profile (YAML): hours and load per family or item, prices, grid factor, replacement costs, "
         "for the savings estimate and the renewal plan (see README).")
GRID_FACTOR_OPTION = click.option(
    "--grid-factor", metavar="ID", help="The electricity CO2 factor (default national-2022; e.g. "
                                        "inner-mongolia-2022; `effaudit standards show 'CO2 factors'`).")


def operating_profile(path: Path | None, grid_factor: str | None) -> object:
    """The operating profile of ``--profile`` (none: an empty one), with ``--grid-factor`` over its own."""
    from dataclasses import replace

    from effaudit.savings.profile import OperatingProfile, load_profile

    profile = load_profile(path) if path else OperatingProfile()
    return replace(profile, grid_factor=grid_factor) if grid_factor else profile


@main.command()
@click.argument("inventory", type=click.Path(path_type=Path))
@click.option("--json", "json_path", metavar="PATH|-", help="Write the JSON result to PATH, or '-' for stdout.")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the rectification report (PDF, A4) to PATH.")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the annotated workbook (the inventory's sheets with verdicts, Findings, Summary) to PATH.")
@click.option("--enterprise", "enterprise_path", type=click.Path(dir_okay=False, path_type=Path),
              help="TOML file with the enterprise and inspector details for the PDF (see README).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of messages and reports.")
@click.option("--as-of", "as_of", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Audit date: picks the editions and deadlines in force (default: today).")
@click.option("--jurisdiction", metavar="national|inner-mongolia|wuhai",
              help="Whose renewal-plan rules apply (each includes the national ones; wuhai includes inner-mongolia). "
                   "Default: the enterprise's region (--enterprise or the sheet's title rows), else national.")
@click.option("--table/--no-table", "table", default=None,
              help="The table of the items to act on (default: on a terminal; elsewhere one line of counts).")
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Also write the items and findings to this findings store (Parquet, see README).")
@PROFILE_OPTION
@GRID_FACTOR_OPTION
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
def check(inventory: Path, json_path: str | None, pdf_path: Path | None, xlsx_path: Path | None,
          enterprise_path: Path | None, lang: str, as_of: dt.date, jurisdiction: str | None, table: bool | None,
          store_path: Path | None, profile_path: Path | None, grid_factor: str | None,
          debug: bool) -> None:
    """Audit one INVENTORY file (.xlsx, .xls, .ods, .csv)."""
    from rich.console import Console

    from effaudit.engine import audit
    from effaudit.inventory import read_inventory
    from effaudit.outputs import write_reports
    from effaudit.report import json_report, terminal
    from effaudit.report.metadata import load_enterprise
    from effaudit.standards.rulebook import Rulebook

    from effaudit.output_paths import refuse_clobbering

    zh = lang == "zh"
    with _usable(debug):
        refuse_clobbering({"INVENTORY": inventory, "--enterprise": enterprise_path, "--profile": profile_path},
                          {"--json": Path(json_path) if json_path not in (None, "-") else None,
                           "--pdf": pdf_path, "--xlsx": xlsx_path})
        with _stages(Console(stderr=True)) as stage:
            stage(f"正在读取 {readable(inventory.name)} …" if zh else f"reading {readable(inventory.name)} …")
            rulebook = Rulebook.load()
            profile = operating_profile(profile_path, grid_factor)
            read = read_inventory(inventory, today=as_of, keep_sheets=xlsx_path is not None)
            enterprise = load_enterprise(enterprise_path,
                                         [line for sheet in read.sheets for line in sheet.title_lines])
            stage(f"正在审核 {len(read.items):,} 条 …" if zh else f"auditing {len(read.items):,} lines …")
            result = audit(read, rulebook, as_of,
                           rulebook.choose_jurisdiction(jurisdiction, enterprise.district, enterprise.region), profile)
            stage("正在写出报告 …" if zh else "writing the reports …")
            write_reports(result, json_path if json_path != "-" else None, pdf_path, xlsx_path, enterprise_path,
                          lang)
            if store_path:
                _store(store_path, result, enterprise, inventory)
        if json_path == "-":
            sys.stdout.writelines(map(readable, json_report.chunks(result, lang)))
        else:
            written = [path for path in (json_path and Path(json_path), pdf_path, xlsx_path) if path]
            console = Console()
            if table if table is not None else console.is_terminal:
                terminal.render(result, console, lang, enterprise.name, written)
            else:  # a script or a log: the counts, without laying out a table of up to 200 items
                terminal.render_counts(result, console, lang, enterprise.name, written)
    sys.exit(EXIT_VIOLATION if (result.items["status"] == "violation").any() else EXIT_OK)


def _store(store: Path, result: object, enterprise: object, inventory: Path) -> None:
    """One enterprise's round into the findings store, named as a batch would name its folder."""
    from effaudit.batch.naming import safe_name
    from effaudit.batch.summary import summarize
    from effaudit.report.context import untrusted_text
    from effaudit.store.query import write_catalog
    from effaudit.store.write import write_audit

    try:
        store.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create the findings store: {error.strerror}", file=str(store)) from error
    folder = safe_name(untrusted_text(enterprise.name) or inventory.stem)
    write_audit(store, result, summarize(result, enterprise, str(inventory), folder, fallback_name=inventory.stem))
    write_catalog(store)


@contextmanager
def _stages(console: Console) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr naming the stage a long check is in (a million lines take half a minute); nothing at
    all when stderr is not a terminal, so scripts and logs see only the results."""
    if not console.is_terminal:
        yield lambda _text: None
        return
    with console.status("") as status:
        yield lambda text: status.update(text, spinner="dots")  # a new spinner redraws at once


@contextmanager
def _usable(debug: bool) -> Iterator[None]:
    """Turn an unusable input (UsageError) into one line on stderr and exit 2; any other error too, as an internal
    error worth reporting — never a traceback unless --debug asks for one."""
    try:
        yield
    except UsageError as error:
        if debug:
            raise
        click.echo(f"effaudit: {error}", err=True)
        sys.exit(EXIT_UNUSABLE)
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as error:  # noqa: BLE001 - the last line of defence: a bug must not print a traceback
        if debug:
            raise
        click.echo(f"effaudit: internal error ({type(error).__name__}: {error}); run again with --debug and "
                   "report it", err=True)
        sys.exit(EXIT_UNUSABLE)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Output folder: a folder per enterprise, the region summary, failures.csv, manifest.json.")
@click.option("--jobs", type=click.IntRange(min=1), help="Worker processes (default: the CPUs available).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the reports and the summary.")
@click.option("--as-of", "as_of", callback=_parse_date, metavar="YYYY-MM-DD",
              help="Audit date: picks the editions and deadlines in force (default: today).")
# A 200,000-line inventory with all its reports takes a few minutes; a hang must not hold a worker for ever.
@click.option("--timeout", type=click.FloatRange(min=0), default=900, show_default=True, metavar="SECONDS",
              help="Time limit per input; an input that takes longer is listed in failures.csv (0: no limit).")
@click.option("--store", "store_path", type=click.Path(file_okay=False, path_type=Path), metavar="STORE",
              help="The findings store to write items and findings to (default: DIR/_store); keep one across "
                   "inspection rounds to compare them.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Run the audits on this Dask cluster (`dask scheduler` + `dask worker`, see README) instead of "
                   "local processes; the workers must see the inputs and DIR under the same paths.")
@PROFILE_OPTION
@GRID_FACTOR_OPTION
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
def batch(inputs: tuple[str, ...], out: Path, jobs: int | None, lang: str, as_of: dt.date, timeout: float,
          store_path: Path | None, scheduler: str | None, profile_path: Path | None, grid_factor: str | None,
          debug: bool) -> None:
    """Audit many inventories: each INPUT is a file, a folder (every .xlsx/.xls/.ods/.csv inside, recursively) or
    a glob; on local processes (--jobs) or a Dask cluster (--scheduler). A re-run skips the inputs already done
    and unchanged. Exit status: 0 all audited and no violation, 1 some enterprise has a violation, 2 some input
    could not be used (see DIR/failures.csv), or the disk filled up (free space and run the same command
    again)."""
    from rich.console import Console

    from effaudit.batch.run import default_jobs, progress_bar, run_batch, totals_table

    with _usable(debug):
        try:
            with progress_bar(Console(stderr=True)) as progress:
                report = run_batch(inputs, out, jobs=jobs or default_jobs(), as_of=as_of, lang=lang,
                                   timeout=timeout, scheduler=scheduler, findings_store=store_path,
                                   progress=progress, profile=operating_profile(profile_path, grid_factor))
        except KeyboardInterrupt:
            click.echo("effaudit: interrupted; run the same command again to resume", err=True)
            sys.exit(130)
        except DiskFull as error:
            click.echo(f"effaudit: batch stopped, {error}: the inputs finished so far are kept; free some space and "
                       "run the same command again to resume", err=True)
            sys.exit(EXIT_UNUSABLE)
        Console().print(totals_table(report, lang))
    sys.exit(report.exit_status)


@main.command()
@click.argument("old", type=click.Path(path_type=Path))
@click.argument("new", type=click.Path(path_type=Path))
@click.option("--json", "json_path", metavar="PATH|-", help="Write the comparison (effaudit.diff/1) to PATH, or '-'.")
@click.option("--pdf", "pdf_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the re-inspection report (复查报告, PDF, A4) to PATH.")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the re-inspection workbook (复查报告) to PATH.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the terminal summary and the workbook.")
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
def diff(old: Path, new: Path, json_path: str | None, pdf_path: Path | None, xlsx_path: Path | None, lang: str,
         debug: bool) -> None:
    """Re-inspection: compare two audits of one enterprise, OLD and NEW (result JSON files of `effaudit check
    --json` or a batch's <enterprise>/result.json), or two rounds of a findings store for every enterprise
    (STORE@2025-11-22 STORE@2026-11-22). Each item is fixed, still_open, new, removed or unchanged_ok.
    Exit status: 0 nothing still open and no new violation, 1 otherwise, 2 unusable input."""
    import json

    from rich.console import Console

    from effaudit.atomic import write_bytes, write_text
    from effaudit.diff.compare import compare, compare_rounds
    from effaudit.diff.report import as_json, render_pdf, render_terminal, render_workbook
    from effaudit.diff.sources import read_result, store_round
    from effaudit.output_paths import refuse_clobbering

    with _usable(debug):
        refuse_clobbering({"OLD": old, "NEW": new},
                          {"--json": Path(json_path) if json_path not in (None, "-") else None, "--pdf": pdf_path,
                           "--xlsx": xlsx_path})
        rounds = store_round(str(old)), store_round(str(new))
        if all(rounds):
            if rounds[0][0].resolve() != rounds[1][0].resolve():
                raise UsageError("compare two rounds of one findings store: STORE@OLD-DATE STORE@NEW-DATE")
            result = compare_rounds(rounds[0][0], rounds[0][1], rounds[1][1])
        elif any(rounds):
            raise UsageError("compare two result JSON files, or two rounds of a findings store, not one of each")
        else:
            result = compare(read_result(old), read_result(new))
        text = json.dumps(as_json(result), ensure_ascii=False, indent=1) + "\n"
        if json_path and json_path != "-":
            write_text(Path(json_path), text)
        if xlsx_path:
            write_bytes(xlsx_path, render_workbook(result, lang))
        if pdf_path:
            write_bytes(pdf_path, render_pdf(result, lang))
        if json_path == "-":
            sys.stdout.write(readable(text))
        else:
            render_terminal(result, Console(), lang)
    sys.exit(result.exit_status)


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the headers and the guide sheet.")
@click.option("--as-of", "as_of", callback=_parse_date, metavar="YYYY-MM-DD",
              help="The guide names the standards in force on this date (default: today).")
@click.option("--force", is_flag=True, help="Replace PATH if it exists.")
def template(path: Path, lang: str, as_of: dt.date, force: bool) -> None:
    """Write a blank inventory workbook (PATH.xlsx): an equipment sheet and a product sheet whose headers effaudit
    reads back, and a guide to every column (unit, values, the standards that use it)."""
    from effaudit.atomic import write_bytes
    from effaudit.standards.rulebook import Rulebook
    from effaudit.template import template_workbook

    with _usable(debug=False):
        if path.suffix.lower() != ".xlsx":
            raise UsageError("the template is an Excel workbook: give a path ending in .xlsx", file=str(path))
        if path.exists() and not force:
            raise UsageError("exists already; use --force to replace it", file=str(path))
        write_bytes(path, template_workbook(lang, Rulebook.load(), as_of))
    click.echo(f"wrote {path}: fill in the sheet {'设备清单' if lang == 'zh' else 'Equipment'} (and the product sheet "
               f"for unit-consumption quotas), then run: effaudit check {path}")


@main.group()
def standards() -> None:
    """List the rulebook's standards and catalogues, or show one."""


@standards.command("list")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the titles.")
def standards_list(lang: str) -> None:
    """Every standard edition, catalogue, policy, quota and conversion table: id, kind, effective date,
    confidence, and the title on a line of its own (readable at 80 columns, on a terminal or in a pipe)."""
    from effaudit.report.context import untrusted_text
    from effaudit.standards.rulebook import Rulebook

    rulebook = Rulebook.load()
    rows = [*((s, s.family) for s in rulebook.standards), *((c, "phase-out catalogue") for c in rulebook.catalogues),
            *((p, f"policy ({p.jurisdiction})") for p in rulebook.policies),
            *((q, "energy quota") for q in rulebook.quotas), *((c, "conversion factors") for c in rulebook.conversions),
            *(((rulebook.emission_factors, "CO2 factors"),) if rulebook.emission_factors else ())]
    width = max(len(document.id) for document, _ in rows)
    click.echo(f"effaudit rulebook {rulebook.version}: {len(rows)} documents")
    for document, kind in rows:
        title = untrusted_text(document.title_zh if lang == "zh" else document.title_en)
        click.echo(f"\n{document.id:<{width}}  {kind:<20} {document.effective.isoformat()}  {document.confidence}")
        # a Chinese character takes two columns: 38 of them fill the line
        click.echo(textwrap.fill(title, 38 if lang == "zh" else 76, initial_indent="    ", subsequent_indent="    "))


@standards.command("show")
@click.argument("document_id")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the headings and labels (the tables are the standard's own).")
def standards_show(document_id: str, lang: str) -> None:
    """Print one standard's tables or one catalogue's entries (DOCUMENT_ID as listed, e.g. 'GB 18613-2020')."""
    from effaudit.standards.rulebook import Rulebook
    from effaudit.standards.show import describe

    document = Rulebook.load().get(document_id)
    if document is None:
        click.echo(f"effaudit: no standard or catalogue {document_id!r}; see `effaudit standards list`", err=True)
        sys.exit(EXIT_UNUSABLE)
    click.echo(describe(document, lang))


@main.command()
@click.argument("code")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
              help="Language of the explanation.")
def explain(code: str, lang: str) -> None:
    """Explain a finding CODE (e.g. EF101): what it does, why, an example, and what to use instead."""
    from effaudit.checks import find_rule
    from effaudit.checks.policy import SEVERITY_ZH

    rule = find_rule(code)
    if rule is None:
        click.echo(f"effaudit: unknown code {code!r}", err=True)
        sys.exit(EXIT_UNUSABLE)
    if lang == "zh":
        click.echo(f"{rule.code} — {rule.title_zh} / {rule.title_en}（严重程度：{SEVERITY_ZH[rule.severity]}）\n")
        if not rule.doc_zh:
            click.echo("（本条说明尚无中文译文，以下为英文原文）\n")
    else:
        click.echo(f"{rule.code} — {rule.title_en} / {rule.title_zh} (severity: {rule.severity})\n")
    colon = "：" if lang == "zh" else ":"
    for heading, text in rule.sections(lang).items():
        click.echo(f"{heading}{colon}\n  " + text.replace("\n", "\n  ") + "\n")


if __name__ == "__main__":
    main()
