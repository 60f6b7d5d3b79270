"""Command-line tasks: `flask --app app db-upgrade`, `seed-demo`, `sites`, `returns-template`."""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from dashboard import account_commands, published_commands, reference_commands, token_commands
from dashboard.exports import write_table
from dashboard.returns import ReturnRefused, import_return, site_template
from data_access import queries, summary
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


@click.command("refresh-summary")
@with_appcontext
def refresh_summary_command() -> None:
    """Rebuild the summary tables from the observations and move the data version on. The app
    keeps them in step with every write it makes; this is for observations written by other
    means (a bulk load in SQL, a restored backup)."""
    started = time.perf_counter()
    with _db().engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL statement_timeout = 0")  # a rebuild, not a request
        summary.refresh(conn)
        version = summary.current_version(conn)
    seconds = time.perf_counter() - started
    click.echo(f"Summary tables rebuilt in {seconds:.1f} s; data version {version}.")


@click.command("seed-demo")
@with_appcontext
@click.option("--seed", default=DEFAULT_SEED, show_default=True, help="Random seed.")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) if there is data.")
@click.option(
    "--scale",
    type=click.Choice(["demo", "national"]),
    default="demo",
    show_default=True,
    help="demo: 54 sites, five years; national: 212 organisations, ten years, 3M+ rows.",
)
def seed_demo_command(seed: int, if_empty: bool, scale: str) -> None:
    """Fill an empty database with the demonstration data (the same seed, the same data)."""
    import contextlib
    import time

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
    with contextlib.ExitStack() as stack:
        bar, started = [], [0.0]

        def advance(done: int, total: int) -> None:
            """The observations' progress bar: rows written of the total, and the rate."""
            if not bar:
                started[0] = time.perf_counter()
                bar.append(
                    stack.enter_context(
                        click.progressbar(
                            length=total,
                            label="  Observations",
                            show_pos=True,
                            item_show_func=lambda rate: rate,
                        )
                    )
                )
            rate = done / max(time.perf_counter() - started[0], 1e-6)
            bar[0].update(done - bar[0].pos, f"{rate:,.0f} rows/s" if done else None)
            if done >= total:
                stack.close()  # end the bar's line before the next message

        try:
            counts = seed_demo(
                db.engine,
                seed=seed,
                progress=lambda msg: click.echo(f"  {msg}"),
                scale=scale,
                advance=advance,
            )
        except DatabaseNotEmpty as exc:
            raise click.ClickException(str(exc)) from exc
    summary = ", ".join(f"{n:,} {table}" for table, n in counts.items())
    click.echo(f"Demonstration data written: {summary}.")


@click.command("sites")
@with_appcontext
def sites_command() -> None:
    """List the sites, one a line: code, then name, kind, rurality and region."""
    with _db().session() as session:
        orgs = queries.organisations(session)
    for org in orgs.sort_values("code").itertuples():
        click.echo(f"{org.code}\t{org.name}\t{org.kind}\t{org.rurality}\t{org.region}")


@click.command("returns-template")
@with_appcontext
@click.option("--site", "site_code", required=True, help="The site's code (see `sites`).")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write: .csv or .xlsx.",
)
@click.option(
    "--period",
    "period_codes",
    multiple=True,
    help="A quarter to include (repeatable): one open for returns, or a stored one to "
    "correct; the quarter that just ended by default.",
)
def returns_template_command(site_code: str, out: Path, period_codes: tuple[str, ...]) -> None:
    """Write the quarterly return of one site: its agreed measures, the periods and the
    ethnic categories, with the definitions; a quarter already returned comes filled with its
    stored values, ready to correct. The same file, filled in, is what is imported."""
    if out.suffix.lower() not in (".csv", ".xlsx"):
        raise click.BadParameter("the file must end in .csv or .xlsx", param_hint="--out")
    try:
        with _db().session() as session:
            template = site_template(session, site_code, list(period_codes))
    except ReturnRefused as exc:
        raise click.ClickException(str(exc)) from exc
    write_table(template, out, sheet="returns")
    measures, periods = template["measure_code"].nunique(), template["period"].nunique()
    click.echo(f"Wrote {len(template):,} rows ({measures} measures, {periods} period(s)) to {out}.")


@click.command("import-returns")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and show what would change.")
@click.option("--as", "actor", default="cli", show_default=True, help="Who submits it.")
@click.option(
    "--confirm-warnings",
    is_flag=True,
    help="Store it although some rows look implausible: the warnings listed are confirmed, "
    "and the audit log keeps them.",
)
def import_returns_command(file: Path, dry_run: bool, actor: str, confirm_warnings: bool) -> None:
    """Check a filled-in returns file and store it in one transaction (all rows or none).
    Exits non-zero, storing nothing, when the file is refused (the reasons are listed by row)
    or when rows look implausible and --confirm-warnings is not given (they are listed)."""
    db, content = _db(), file.read_bytes()
    try:
        result = import_return(db, content, file.name, actor, dry_run=True)
        if result.errors:
            _refuse(file.name, [str(e) for e in result.errors], "error(s)")
        if result.warnings and not confirm_warnings and not dry_run:
            _refuse(
                file.name,
                [w.text for w in result.warnings],
                "warning(s): check these rows, then correct the file or run again with "
                "--confirm-warnings to store it as it is",
            )
        for warning in result.warnings:
            click.echo(("Confirmed: " if not dry_run else "Warning: ") + warning.text, err=True)
        if not dry_run:
            keys = {w.key for w in result.warnings}
            result = import_return(db, content, file.name, actor, confirmed=keys)
    except ReturnRefused as exc:
        raise click.ClickException(f"{file.name} refused: {exc}") from exc
    if result.unconfirmed or result.stale:
        _refuse(
            file.name,
            [w.text for w in result.warnings],
            "warning(s), changed while it was being stored (another return was stored "
            "meanwhile): check them and run again",
        )
    counts = result.counts()
    summary = ", ".join(f"{n:,} {status}" for status, n in counts.items())
    if not sum(counts.values()):
        click.echo(f"{file.name}: no filled-in rows; nothing to store.")
    elif result.stored:
        click.echo(f"{file.name} stored: {summary} (SHA-256 {result.checksum[:12]}…).")
    else:
        click.echo(f"{file.name} checked (dry run, nothing stored): would be {summary}.")


def _refuse(file_name: str, lines: list[str], what: str) -> None:
    """List the reasons (the first 200) and stop, nothing stored."""
    for line in lines[:200]:
        click.echo(line, err=True)
    if len(lines) > 200:
        click.echo(f"... and {len(lines) - 200} more.", err=True)
    raise click.ClickException(f"{file_name} refused: {len(lines)} {what}; nothing was stored.")


def init_app(server: Flask) -> None:
    server.cli.add_command(db_upgrade_command)
    server.cli.add_command(seed_demo_command)
    server.cli.add_command(refresh_summary_command)
    server.cli.add_command(sites_command)
    server.cli.add_command(returns_template_command)
    server.cli.add_command(import_returns_command)
    account_commands.init_app(server)
    token_commands.init_app(server)
    reference_commands.init_app(server)
    published_commands.init_app(server)
