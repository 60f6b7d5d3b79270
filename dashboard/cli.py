"""Command-line tasks: `flask --app app db-upgrade`, `flask --app app seed-demo`."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from data_access.demo.generate import DEFAULT_SEED
from data_access.migrate import upgrade
from data_access.seed import DatabaseNotEmpty, is_empty, seed_demo


def _db():
    return current_app.extensions["dre_db"]


@click.command("db-upgrade")
@with_appcontext
def db_upgrade_command() -> None:
    """Create the database if needed and apply every migration (alembic upgrade head)."""
    upgrade(_db().engine)
    click.echo("Database schema is at the latest migration.")


@click.command("seed-demo")
@with_appcontext
@click.option("--seed", default=DEFAULT_SEED, show_default=True, help="Random seed.")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) if there is data.")
def seed_demo_command(seed: int, if_empty: bool) -> None:
    """Fill an empty database with the demonstration data (the same seed, the same data)."""
    db = _db()
    with db.engine.connect() as conn:
        empty = is_empty(conn)
    if not empty:
        if if_empty:
            click.echo("The database already holds data: demonstration data not added.")
            return
        raise click.ClickException(
            "The database already holds data; the demonstration seed only fills an empty one."
        )
    try:
        counts = seed_demo(db.engine, seed=seed, progress=lambda msg: click.echo(f"  {msg}"))
    except DatabaseNotEmpty as exc:
        raise click.ClickException(str(exc)) from exc
    summary = ", ".join(f"{n:,} {table}" for table, n in counts.items())
    click.echo(f"Demonstration data written: {summary}.")


def init_app(server: Flask) -> None:
    server.cli.add_command(db_upgrade_command)
    server.cli.add_command(seed_demo_command)
