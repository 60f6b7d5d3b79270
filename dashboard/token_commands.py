"""Token commands: `flask --app app create-token EMAIL [--name NAME] [--days N]`,
`revoke-token EMAIL (--name NAME | --all)` and `tokens EMAIL`.

Whoever runs the server makes a token for an account and hands it over; the token is printed
once, here, and nowhere else (the store keeps its SHA-256, the audit log and the listing its
name). Errors are said in words and end the command with a non-zero status, so that a
script that makes or revokes tokens notices.
"""

from __future__ import annotations

import datetime as dt

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from dashboard.tokens import (
    DEFAULT_DAYS,
    MAX_DAYS,
    TokenRefused,
    create_token,
    revoke,
    token_states,
)


def _db():
    return current_app.extensions["dre_db"]


def _when(value: dt.datetime | None, never: str = "never") -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value is not None else never


@click.command("create-token")
@with_appcontext
@click.argument("email")
@click.option(
    "--name", default=None, help="What the token is for, e.g. 'laptop' (default: token N)."
)
@click.option(
    "--days",
    type=int,
    default=DEFAULT_DAYS,
    show_default=True,
    help=f"How many days the token works, 1 to {MAX_DAYS}.",
)
def create_token_command(email: str, name: str | None, days: int) -> None:
    """Make a read API token for an account and print it once. It reads with the account's
    role, as that role is at each request."""
    try:
        with _db().session() as session:
            made = create_token(session, email, name=name, days=days)
    except TokenRefused as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"Token {made.name!r} for {made.email}, valid until {made.expires_at:%Y-%m-%d %H:%M} UTC:"
    )
    click.echo(made.token)
    click.echo("It will not be shown again: keep it where only its user can read it.")


@click.command("revoke-token")
@with_appcontext
@click.argument("email")
@click.option("--name", default=None, help="The token to revoke (`tokens EMAIL` lists them).")
@click.option("--all", "every", is_flag=True, help="Revoke every token of the account.")
def revoke_token_command(email: str, name: str | None, every: bool) -> None:
    """End a token of an account (--name NAME) or all of them (--all), at once."""
    try:
        with _db().session() as session:
            revoked = revoke(session, email, name=name, every=every)
    except TokenRefused as exc:
        raise click.ClickException(str(exc)) from exc
    who = email.strip().lower()
    if not revoked:
        click.echo(f"{who} had no unrevoked token: nothing to revoke.")
        return
    names = ", ".join(repr(n) for n in revoked)
    them = "it" if len(revoked) == 1 else "them"
    click.echo(f"Revoked for {who}: {names}. Requests with {them} are refused from now on.")


@click.command("tokens")
@with_appcontext
@click.argument("email")
def tokens_command(email: str) -> None:
    """List an account's tokens: name, when made, until when, last use and state (the
    tokens themselves are never shown: they are not kept)."""
    try:
        with _db().session() as session:
            user, states = token_states(session, email)
    except TokenRefused as exc:
        raise click.ClickException(str(exc)) from exc
    status = "" if user.active else ", deactivated: none of its tokens works"
    if not states:
        click.echo(f"{user.email} ({user.role}{status}) has no tokens.")
        return
    click.echo(f"Tokens of {user.email} ({user.role}{status}), times in UTC:")
    width = max(len("name"), *(len(t.name) for t in states))
    columns = ("name".ljust(width), "created         ", "expires         ", "last used       ")
    click.echo("  " + "  ".join((*columns, "state")))
    for t in states:
        state = f"revoked {_when(t.revoked_at)}" if t.state == "revoked" else t.state
        dates = (f"{_when(d):16}" for d in (t.created_at, t.expires_at, t.last_used_at))
        click.echo("  " + "  ".join((t.name.ljust(width), *dates, state)))


def init_app(server: Flask) -> None:
    for command in (create_token_command, revoke_token_command, tokens_command):
        server.cli.add_command(command)
