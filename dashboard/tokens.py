"""Tokens for the read API (/api/v1/), made, listed and revoked on the command line by whoever
runs the server (dashboard/token_commands.py); requests present them as `Authorization: Bearer
TOKEN` (dashboard/bearer.py).

A token is shown once, when it is made, and stored only as its SHA-256
(data_access/api_tokens.py). The audit log names the account, the token's name and its expiry,
never the token. A token has no role of its own: each request reads its account's current
role, so a new role applies at once, deactivation ends the token at once, and deleting the
account deletes its tokens. Every token expires (DEFAULT_DAYS, at most MAX_DAYS): a token
forgotten in a script or a notebook stops working by itself.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_access.api_tokens import add_token, revoke_tokens, tokens_of
from data_access.audit import record
from data_access.models import User

#: Every token starts so: recognisable in a leaked file or a secret scanner's rules.
PREFIX = "dre_"
#: The shape of a token this app makes: the prefix and 32 random bytes, base64url.
TOKEN_SHAPE = re.compile(r"dre_[A-Za-z0-9_-]{43}")
DEFAULT_DAYS = 90
MAX_DAYS = 365
NAME_LENGTH = 80
#: How the audit log names whoever runs a command (as for accounts: dashboard/accounts.py).
ACTOR = "command line"


class TokenRefused(ValueError):
    """The token cannot be made, found or revoked as asked; the message says why."""


@dataclass(frozen=True)
class NewToken:
    """A token just made: `token` is the only copy there will ever be."""

    token: str
    name: str
    email: str
    expires_at: dt.datetime


@dataclass(frozen=True)
class TokenState:
    """One of an account's tokens as the listing shows it (never the token itself)."""

    name: str
    created_at: dt.datetime | None
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None
    state: str  # "live", "expired" or "revoked"


def aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands back naive datetimes; they were written in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def make_token() -> str:
    return PREFIX + secrets.token_urlsafe(32)


def _account(session: Session, email: str) -> User:
    email = email.strip().lower()
    user = session.scalars(select(User).where(User.email == email)).first()
    if user is None:
        raise TokenRefused(f"There is no account for {email}.")
    return user


def _state(row, now: dt.datetime) -> str:
    if row.revoked_at is not None:
        return "revoked"
    expires = aware(row.expires_at)
    return "expired" if expires is not None and expires <= now else "live"


def _name(session: Session, user: User, name: str | None, now: dt.datetime) -> str:
    """The name asked for, checked, or the first free "token N"."""
    rows = tokens_of(session, user.id)
    if name is None:
        taken = {row.name for row in rows}
        return next(f"token {n}" for n in range(1, len(taken) + 2) if f"token {n}" not in taken)
    name = name.strip()
    if not name or len(name) > NAME_LENGTH or not name.isprintable():
        raise TokenRefused(
            f"A token's name is 1 to {NAME_LENGTH} printable characters, such as 'laptop'."
        )
    if any(row.name == name and _state(row, now) == "live" for row in rows):
        raise TokenRefused(
            f"{user.email} already has a live token named {name!r}: choose another --name, "
            f"or revoke that one first."
        )
    return name


def create_token(
    session: Session, email: str, name: str | None = None, days: int = DEFAULT_DAYS
) -> NewToken:
    """A new token for an active account, lasting `days` (1 to MAX_DAYS), audited."""
    if not 1 <= days <= MAX_DAYS:
        raise TokenRefused(
            f"A token lasts from 1 to {MAX_DAYS} days; {days} is not possible. Make a new "
            f"token when one expires."
        )
    user = _account(session, email)
    if not user.active:
        raise TokenRefused(f"{user.email} is deactivated: a token for it would not work.")
    now = dt.datetime.now(dt.UTC)
    name = _name(session, user, name, now)
    expires_at = now + dt.timedelta(days=days)
    token = make_token()
    add_token(session, user.id, name, token, expires_at)
    subject = f"{user.email}: token {name!r}, expires {expires_at:%Y-%m-%d %H:%M} UTC"
    record(session, ACTOR, "create_token", subject, new=1)
    return NewToken(token, name, user.email, expires_at)


def revoke(session: Session, email: str, name: str | None = None, every: bool = False) -> list[str]:
    """Revoke the account's token named `name`, or `every` one; the names revoked, audited.
    A name that matches no unrevoked token is refused (it was mistyped, or revoked before)."""
    if (name is None) == (not every):
        raise TokenRefused("Name the token to revoke with --name NAME, or revoke --all.")
    name = None if every or name is None else name.strip()
    user = _account(session, email)
    revoked = revoke_tokens(session, user.id, name, dt.datetime.now(dt.UTC))
    if not revoked and not every:
        raise TokenRefused(
            f"{user.email} has no unrevoked token named {name!r}: "
            f"`flask --app app tokens {user.email}` lists its tokens."
        )
    if revoked:
        names = ", ".join(repr(n) for n in revoked)
        record(session, ACTOR, "revoke_token", f"{user.email}: {names}", revised=len(revoked))
    return revoked


def token_states(session: Session, email: str) -> tuple[User, list[TokenState]]:
    """The account and each of its tokens' name, dates and state, oldest first."""
    user = _account(session, email)
    now = dt.datetime.now(dt.UTC)
    states = [
        TokenState(
            row.name,
            aware(row.created_at),
            aware(row.expires_at),
            aware(row.last_used_at),
            aware(row.revoked_at),
            _state(row, now),
        )
        for row in tokens_of(session, user.id)
    ]
    return user, states
