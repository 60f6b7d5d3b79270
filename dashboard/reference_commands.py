"""`flask --app app load-reference FILE [--dry-run] [--as WHO]`: load regions and organisations.

A programme that starts from an empty database registers its regions and sites here (or on
/data/organisations), not through the demonstration seed. The file is checked as a whole
first: with any error, every one is listed by row and column and nothing is stored, and the
command ends with a non-zero status so that a script notices.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from dashboard.reference import ReferenceRefused, load_reference

#: Most errors, and most new or updated rows, printed; the rest are counted.
SHOWN_ERRORS = 200
SHOWN_CHANGES = 200


@click.command("load-reference")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and show what would change.")
@click.option("--as", "actor", default="cli", show_default=True, help="Who loads it (audit).")
def load_reference_command(file: Path, dry_run: bool, actor: str) -> None:
    """Load regions and organisations from a CSV or Excel file: new ones are added, changed
    ones updated, none deleted; all in one transaction with an audit entry, or nothing."""
    db = current_app.extensions["dre_db"]
    try:
        result = load_reference(db, file.read_bytes(), file.name, actor, dry_run=dry_run)
    except ReferenceRefused as exc:
        raise click.ClickException(f"{file.name} refused: {exc} Nothing was stored.") from exc
    if result.errors:
        for error in result.errors[:SHOWN_ERRORS]:
            click.echo(str(error), err=True)
        more = len(result.errors) - SHOWN_ERRORS
        if more > 0:
            click.echo(f"... and {more} more.", err=True)
        raise click.ClickException(
            f"{file.name} refused: {len(result.errors)} error(s); nothing was stored."
        )
    if not result.changes:
        click.echo(f"{file.name}: no regions or organisations in it; nothing to store.")
        return
    changed = [c for c in result.changes if c.status != "unchanged"]
    for change in changed[:SHOWN_CHANGES]:
        detail = f" ({change.words()})" if change.changed else ""
        click.echo(f"  {change.status} {change.type} {change.code} {change.name}{detail}")
    if len(changed) > SHOWN_CHANGES:
        click.echo(f"  ... and {len(changed) - SHOWN_CHANGES} more.")
    if result.stored:
        click.echo(f"{file.name} stored: {result.counts_words()}.")
    elif not changed:
        click.echo(f"{file.name}: every row is already stored as it is; nothing changed.")
    else:
        click.echo(
            f"{file.name} checked (dry run, nothing stored): would be {result.counts_words()}."
        )


def init_app(server: Flask) -> None:
    server.cli.add_command(load_reference_command)
