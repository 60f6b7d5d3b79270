"""API tokens in the store. Only a token's SHA-256 is written: a copy of the database (a
backup, a stolen disk) gives nobody a working token, and a token need never be compared in
its own right, only looked up by its hash through the unique index.

Every function works in the caller's session, so a token and its audit entry are written in
one transaction (dashboard/tokens.py audits). Nothing here deletes: a revoked token stays as
history, and an account's tokens go with the account (the foreign key cascades).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import NamedTuple

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from data_access.models import ApiToken, Organisation, Region, User


def token_hash(token: str) -> str:
    """What is stored for `token`: its SHA-256 in hex. A token is 256 random bits, so an
    unsalted fast hash is enough (nobody can guess one to test against it)."""
    return hashlib.sha256(token.encode()).hexdigest()


def add_token(
    session: Session, user_id: int, name: str, token: str, expires_at: dt.datetime
) -> ApiToken:
    """Store a new token of the account, by its hash."""
    row = ApiToken(
        user_id=user_id,
        name=name,
        token_hash=token_hash(token),
        created_at=dt.datetime.now(dt.UTC),
        expires_at=expires_at,
    )
    session.add(row)
    session.flush()
    return row


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    """Every token the account has had, oldest first (revoked and expired ones too)."""
    return list(
        session.scalars(select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.id))
    )


def revoke_tokens(session: Session, user_id: int, name: str | None, now: dt.datetime) -> list[str]:
    """Revoke the account's unrevoked tokens named `name` (every one for None); the names
    revoked, one per token."""
    query = select(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
    if name is not None:
        query = query.where(ApiToken.name == name)
    rows = list(session.scalars(query.order_by(ApiToken.id)))
    for row in rows:
        row.revoked_at = now
    session.flush()
    return [row.name for row in rows]


class Bearer(NamedTuple):
    """A token looked up by its hash, with its account as a request needs it."""

    token_id: int
    expires_at: dt.datetime | None
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None
    user_id: int
    email: str
    role: str
    active: bool
    site: str | None
    region: str | None


def find_bearer(session: Session, hashed: str) -> Bearer | None:
    """The token stored as `hashed` and its account's current role, site and region (read
    afresh on each request: a new role applies at once), or None."""
    row = session.execute(
        select(
            ApiToken.id,
            ApiToken.expires_at,
            ApiToken.revoked_at,
            ApiToken.last_used_at,
            User.id,
            User.email,
            User.role,
            User.active,
            Organisation.code,
            Region.code,
        )
        .join(User, User.id == ApiToken.user_id)
        .outerjoin(Organisation, Organisation.id == User.organisation_id)
        .outerjoin(Region, Region.id == User.region_id)
        .where(ApiToken.token_hash == hashed)
    ).first()
    return None if row is None else Bearer(*row)


def mark_used(session: Session, token_id: int, now: dt.datetime, unless_since: dt.datetime) -> None:
    """Set the token's last use to `now`, unless it was already set at or after
    `unless_since` (two requests at once write it once)."""
    session.execute(
        update(ApiToken)
        .where(
            ApiToken.id == token_id,
            or_(ApiToken.last_used_at.is_(None), ApiToken.last_used_at < unless_since),
        )
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)  # SQLite's times are naive
    )
