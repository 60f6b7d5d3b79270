"""Accounts: made by an administrator on the command line, never with a default password."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from zxcvbn import zxcvbn

from dashboard.auth import MIN_PASSWORD_LENGTH, end_sessions, hash_password
from data_access.audit import record
from data_access.models import ROLES, Organisation, Region, User

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


class AccountRefused(ValueError):
    """The account cannot be made as asked; the message says why."""


#: zxcvbn's score (0-4) a password needs: 3 is "safely unguessable: moderate protection from
#: an offline slow-hash scenario" (scrypt here), 0-2 are common words, repeats and sequences.
MIN_PASSWORD_SCORE = 3


def password_problem(password: str, email: str = "") -> str | None:
    """Why a password may not be used (common, repetitive, a sequence, made of the email),
    or None. zxcvbn (Dropbox's estimator) judges it against its frequency lists."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"A password needs at least {MIN_PASSWORD_LENGTH} characters."
    judged = zxcvbn(password[:100], user_inputs=[email, *re.split(r"[@.]", email)])
    if judged["score"] >= MIN_PASSWORD_SCORE:
        return None
    feedback = judged["feedback"]
    hints = " ".join(filter(None, [feedback.get("warning"), *feedback.get("suggestions", [])]))
    return f"That password is too easy to guess. {hints}".strip()


def create_user(
    session: Session,
    email: str,
    password: str,
    role: str,
    site: str | None = None,
    region: str | None = None,
) -> User:
    """Add an account: a site lead names its site, a regional user its region."""
    email = email.strip().lower()
    if not EMAIL.fullmatch(email):
        raise AccountRefused(f"{email!r} is not an email address.")
    if session.scalars(select(User.id).where(User.email == email)).first() is not None:
        raise AccountRefused(f"There is already an account for {email}.")
    org_id, region_id = _binding(session, role, site, region)
    problem = password_problem(password, email)
    if problem:
        raise AccountRefused(problem)
    try:
        password_hash = hash_password(password)
    except ValueError as exc:
        raise AccountRefused(str(exc)) from exc
    user = User(
        email=email,
        password_hash=password_hash,
        role=role,
        organisation_id=org_id,
        region_id=region_id,
        active=True,
        failed_sign_ins=0,
    )
    session.add(user)
    bound = f" for {site or region}" if site or region else ""
    record(session, "command line", "create_user", f"{email} as {role}{bound}", new=1)
    return user


def _binding(
    session: Session, role: str, site: str | None, region: str | None
) -> tuple[int | None, int | None]:
    """The organisation and region ids a role is bound to, checked."""
    if role not in ROLES:
        raise AccountRefused(f"Unknown role {role!r}: one of {', '.join(ROLES)}.")
    if role == "site_lead" and (not site or region):
        raise AccountRefused("A site lead needs --site CODE (and no --region).")
    if role == "regional" and (not region or site):
        raise AccountRefused("A regional user needs --region CODE (and no --site).")
    if role in ("admin", "viewer") and (site or region):
        raise AccountRefused(f"An {role} account is not bound to a site or region.")
    org_id = region_id = None
    if site:
        org_id = session.scalars(select(Organisation.id).where(Organisation.code == site)).first()
        if org_id is None:
            raise AccountRefused(f"There is no site {site!r}: `flask --app app sites` lists them.")
    if region:
        region_id = session.scalars(select(Region.id).where(Region.code == region)).first()
        if region_id is None:
            codes = ", ".join(session.scalars(select(Region.code).order_by(Region.id)))
            raise AccountRefused(f"There is no region {region!r}: one of {codes}.")
    return org_id, region_id


def _account(session: Session, email: str) -> User:
    user = session.scalars(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        raise AccountRefused(f"There is no account for {email.strip().lower()}.")
    return user


def set_password(session: Session, email: str, password: str) -> None:
    """A new password, judged as at creation; every session of the account ends."""
    user = _account(session, email)
    problem = password_problem(password, user.email)
    if problem:
        raise AccountRefused(problem)
    user.password_hash = hash_password(password)
    user.failed_sign_ins, user.locked_until = 0, None
    end_sessions(session, user.id)
    record(session, "command line", "set_password", user.email, revised=1)


def set_role(
    session: Session, email: str, role: str, site: str | None = None, region: str | None = None
) -> None:
    """Another role (and site or region); every session of the account ends."""
    user = _account(session, email)
    old = f"{user.role}"
    user.organisation_id, user.region_id = _binding(session, role, site, region)
    user.role = role
    end_sessions(session, user.id)
    bound = f" for {site or region}" if site or region else ""
    record(session, "command line", "set_role", f"{user.email}: {old} -> {role}{bound}", revised=1)


def deactivate(session: Session, email: str) -> None:
    """The account can no longer sign in; every session of it ends."""
    user = _account(session, email)
    user.active = False
    end_sessions(session, user.id)
    record(session, "command line", "deactivate", user.email, revised=1)


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: str
    site: str | None = None
    region: str | None = None


#: One account per role on the demonstration data (South London and Maudsley, London).
DEMO_ACCOUNTS = (
    DemoAccount("admin@dre.example", "admin"),
    DemoAccount("london@dre.example", "regional", region="LDN"),
    DemoAccount("slam@dre.example", "site_lead", site="SLAM"),
    DemoAccount("viewer@dre.example", "viewer"),
)


def create_demo_accounts(session: Session) -> list[tuple[DemoAccount, str]]:
    """The demonstration accounts that do not exist yet, each with a new random password
    (returned once, to be shown to whoever runs the demonstration)."""
    made = []
    existing = set(session.scalars(select(User.email)))
    for account in DEMO_ACCOUNTS:
        if account.email in existing:
            continue
        password = secrets.token_urlsafe(12)
        create_user(session, account.email, password, account.role, account.site, account.region)
        made.append((account, password))
    return made
