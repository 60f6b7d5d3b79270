"""`flask --app app briefing --month YYYY-MM`: the cascade briefing written to a file, for a
scheduled job that sends it round. The command line acts as an administrator (full figures)."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

from callbacks.briefing.downloads import render
from dashboard.access import CLI, Access, acting_as
from dashboard.briefing.months import MonthRefused, month_code, parse_month
from dashboard.loaders import load_catalogue
from dashboard.selection import Selection


def _codes(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.strip() for v in values for c in v.split(",") if c.strip())


def _unknown(wanted: tuple[str, ...], known, what: str) -> None:
    missing = [c for c in wanted if c not in set(known)]
    if missing:
        raise click.ClickException(
            f"Unknown {what} code(s): {', '.join(missing)}. Known: {', '.join(sorted(known))}."
        )


@click.command("briefing")
@with_appcontext
@click.option("--month", required=True, help="The month, as YYYY-MM.")
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The file to write, .pdf or .html (default dre-briefing-YYYY-MM.pdf).",
)
@click.option("--region", "regions", multiple=True, help="A region code (repeatable).")
@click.option("--site", "sites", multiple=True, help="A site code (repeatable; see `sites`).")
@click.option(
    "--full",
    is_flag=True,
    help="Unrounded figures, for readers with record-level rights only (default: the "
    "viewers' figures, with disclosure control).",
)
def briefing_command(
    month: str,
    out: Path | None,
    regions: tuple[str, ...],
    sites: tuple[str, ...],
    full: bool,
) -> None:
    """Write the cascade briefing of MONTH for the regions or sites chosen (England without).
    The file is written with the figures a viewer may see, since it is sent round; --full
    keeps every count."""
    try:
        month = month_code(parse_month(month))
    except MonthRefused as exc:
        raise click.BadParameter(str(exc), param_hint="--month") from exc
    out = out or Path(f"dre-briefing-{month}.pdf")
    kind = out.suffix.lower().lstrip(".")
    if kind not in ("pdf", "html"):
        raise click.BadParameter("the file must end in .pdf or .html", param_hint="--out")
    catalogue = load_catalogue()
    regions, sites = _codes(regions), _codes(sites)
    _unknown(regions, catalogue.regions["code"].tolist(), "region")
    _unknown(sites, catalogue.organisations["code"].tolist(), "site")
    selection = Selection(regions=regions, trusts=sites).validated(catalogue)
    reader = CLI if full else Access("viewer", email="command line (as a viewer)")
    try:
        with acting_as(reader):
            content, _ = render(kind, selection, month)
    except MonthRefused as exc:
        raise click.ClickException(str(exc)) from exc
    out.write_bytes(content)
    figures = "every count (--full)" if full else "viewers' figures (disclosure control)"
    click.echo(f"Wrote the briefing of {month} ({len(content):,} bytes, {figures}) to {out}.")
