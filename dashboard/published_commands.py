"""`flask --app app import-published mha-annual FILE [--dry-run] [--skip-bad]` and
`flask --app app import-long FILE [--dry-run] [--skip-bad]`: load published statistics.

The file is checked as a whole first: with any problem, each is listed by line number, nothing
is stored and the command ends with a non-zero status, unless `--skip-bad` stores the rest and
lists what it skipped. The summary says what was stored: organisations, measures, and cells
new, revised, unchanged and suppressed at source.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from dashboard.published import SOURCES, ImportRefused, ImportResult, import_long, import_published

SHOWN = 200
_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


def _report(result: ImportResult, file: Path, dry_run: bool) -> None:
    if result.problems:
        for problem in result.problems[:SHOWN]:
            click.echo(str(problem), err=True)
        if len(result.problems) > SHOWN:
            click.echo(f"... and {len(result.problems) - SHOWN} more.", err=True)
        raise click.ClickException(
            f"{file.name} refused: {len(result.problems)} problem(s); nothing was stored. "
            "(--skip-bad stores the rest and lists what it skips.)"
        )
    for problem in result.skipped[:SHOWN]:
        click.echo(f"skipped: {problem}", err=True)
    if result.kept_aside:
        aside = "; ".join(
            f"{reason}: {n:,} rows" for reason, n in sorted(result.kept_aside.items())
        )
        click.echo(f"Kept aside (not figures this dashboard shows): {aside}.")
    if not result.counts:
        click.echo(f"{file.name}: no figures to store.")
    elif result.stored:
        click.echo(f"{file.name} stored: {result.words()}.")
    elif dry_run:
        click.echo(f"{file.name} checked (dry run, nothing stored): would be {result.words()}.")
    else:
        click.echo(f"{file.name}: every figure is already stored as it is; nothing changed.")


def _options(command):
    command = click.option("--as", "actor", default="cli", show_default=True, help="Who (audit).")(
        command
    )
    command = click.option(
        "--skip-bad", is_flag=True, help="Store the readable rows; list the others."
    )(command)
    return click.option("--dry-run", is_flag=True, help="Check and count; store nothing.")(command)


@click.command("import-published")
@with_appcontext
@click.argument("source", type=click.Choice(SOURCES))
@click.argument("file", type=_FILE)
@_options
def import_published_command(
    source: str, file: Path, dry_run: bool, skip_bad: bool, actor: str
) -> None:
    """Import a publication's CSV (or XLSX): mha-annual is NHS England's Mental Health Act
    Statistics, Annual Figures."""
    db = current_app.extensions["dre_db"]
    try:
        result = import_published(
            db, source, file.read_bytes(), file.name, actor, dry_run=dry_run, skip_bad=skip_bad
        )
    except ImportRefused as exc:
        raise click.ClickException(f"{file.name} refused: {exc} Nothing was stored.") from exc
    _report(result, file, dry_run)


@click.command("import-long")
@with_appcontext
@click.argument("file", type=_FILE)
@_options
def import_long_command(file: Path, dry_run: bool, skip_bad: bool, actor: str) -> None:
    """Import figures in a tidy long format: area_code, period, measure_code, group_code,
    numerator, denominator (both blank: suppressed at source)."""
    db = current_app.extensions["dre_db"]
    try:
        result = import_long(
            db, file.read_bytes(), file.name, actor, dry_run=dry_run, skip_bad=skip_bad
        )
    except ImportRefused as exc:
        raise click.ClickException(f"{file.name} refused: {exc} Nothing was stored.") from exc
    _report(result, file, dry_run)


def init_app(server: Flask) -> None:
    server.cli.add_command(import_published_command)
    server.cli.add_command(import_long_command)
