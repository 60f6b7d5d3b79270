"""Account commands: `flask --app app create-user`, `demo-accounts`, `set-password`,
`set-role`, `deactivate`. A new password, a new role and deactivation end every session of
the account at once."""

from __future__ import annotations

from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from dashboard.accounts import (
    AccountRefused,
    create_demo_accounts,
    create_user,
    deactivate,
    set_password,
    set_role,
)

ROLE_CHOICE = click.Choice(["admin", "regional", "site_lead", "viewer"])


def _db():
    return current_app.extensions["dre_db"]


def _run(change, *args, **kwargs) -> None:
    try:
        with _db().session() as session:
            change(session, *args, **kwargs)
    except AccountRefused as exc:
        raise click.ClickException(str(exc)) from exc


@click.command("create-user")
@with_appcontext
@click.argument("email")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["admin", "regional", "site_lead", "viewer"]),
    help="admin: everything; regional: its region; site_lead: its site; viewer: aggregates.",
)
@click.option("--site", "site", help="The site a site lead belongs to (see `sites`).")
@click.option("--region", "region", help="The region a regional user belongs to.")
@click.password_option(
    envvar="DRE_NEW_PASSWORD", help="Asked for when not given (or DRE_NEW_PASSWORD)."
)
def create_user_command(
    email: str, role: str, site: str | None, region: str | None, password: str
) -> None:
    """Make an account. The password is asked for twice and stored only as a salted hash."""
    try:
        with _db().session() as session:
            create_user(session, email, password, role, site=site, region=region)
    except AccountRefused as exc:
        raise click.ClickException(str(exc)) from exc
    bound = f" for site {site}" if site else f" for region {region}" if region else ""
    click.echo(f"Account {email.strip().lower()} made: {role}{bound}.")


@click.command("demo-accounts")
@with_appcontext
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the new passwords to this file (readable by you only).",
)
def demo_accounts_command(out: Path | None) -> None:
    """One account per role for the demonstration, each with a new random password shown
    once. Accounts that exist are left alone."""
    with _db().session() as session:
        made = create_demo_accounts(session)
    if not made:
        click.echo("The demonstration accounts exist already (passwords unchanged).")
        return
    lines = [
        f"{a.email}\t{password}\t{a.role}{' ' + (a.site or a.region) if a.site or a.region else ''}"
        for a, password in made
    ]
    click.echo("Demonstration accounts (email, password, role):")
    for line in lines:
        click.echo(f"  {line}")
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.touch(mode=0o600, exist_ok=True)
        out.chmod(0o600)
        with out.open("a", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        click.echo(f"Written to {out} (readable by you only).")


@click.command("set-password")
@with_appcontext
@click.argument("email")
@click.password_option(
    envvar="DRE_NEW_PASSWORD", help="Asked for when not given (or DRE_NEW_PASSWORD)."
)
def set_password_command(email: str, password: str) -> None:
    """Give an account a new password; its sessions end."""
    _run(set_password, email, password)
    click.echo(f"New password set for {email.strip().lower()}; its sessions have ended.")


@click.command("set-role")
@with_appcontext
@click.argument("email")
@click.option("--role", required=True, type=ROLE_CHOICE)
@click.option("--site", "site", help="The site of a site lead.")
@click.option("--region", "region", help="The region of a regional user.")
def set_role_command(email: str, role: str, site: str | None, region: str | None) -> None:
    """Give an account another role (and site or region); its sessions end, and its API
    tokens read with the new role from their next request."""
    _run(set_role, email, role, site=site, region=region)
    click.echo(
        f"{email.strip().lower()} is now {role}; its sessions have ended and its API tokens "
        f"read as {role} from now on."
    )


@click.command("deactivate")
@with_appcontext
@click.argument("email")
def deactivate_command(email: str) -> None:
    """Close an account: it can no longer sign in, and its sessions and API tokens end."""
    _run(deactivate, email)
    click.echo(f"{email.strip().lower()} is deactivated; its sessions and API tokens have ended.")


def init_app(server: Flask) -> None:
    for command in (
        create_user_command,
        demo_accounts_command,
        set_password_command,
        set_role_command,
        deactivate_command,
    ):
        server.cli.add_command(command)
