"""API tokens (issue 15) made, listed and revoked: what is stored, what is audited, and every
refusal of the command line, said in words with a non-zero exit."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import delete, select

from dashboard.accounts import deactivate
from dashboard.tokens import TOKEN_SHAPE, TokenRefused, create_token, revoke, token_states
from data_access.api_tokens import token_hash
from data_access.models import ApiToken, AuditEntry, User
from tests.conftest import ADMIN, SITE_LEAD, VIEWER

TOKEN_LINE = re.compile(r"^dre_[A-Za-z0-9_-]{43}$", re.MULTILINE)


@pytest.fixture
def cli(writable_app):
    return writable_app.server.test_cli_runner()


def _stored(writable_db, email: str) -> list[ApiToken]:
    with writable_db.session() as s:
        user_id = s.scalars(select(User.id).where(User.email == email)).one()
        return list(s.scalars(select(ApiToken).where(ApiToken.user_id == user_id)))


def _audit_text(writable_db) -> str:
    with writable_db.session() as s:
        entries = s.scalars(select(AuditEntry)).all()
        return "\n".join(f"{e.actor} {e.action} {e.file_name} {e.details}" for e in entries)


def token_states_of(writable_db, email):
    with writable_db.session() as s:
        return token_states(s, email)[1]


def test_a_token_is_stored_as_its_hash_and_audited_without_itself(writable_db):
    with writable_db.session() as s:
        made = create_token(s, " Viewer@DRE.example ", name="laptop", days=30)
    assert TOKEN_SHAPE.fullmatch(made.token) and made.email == VIEWER
    (row,) = _stored(writable_db, VIEWER)
    assert row.token_hash == token_hash(made.token) and made.token not in row.token_hash
    assert len(row.token_hash) == 64 and row.name == "laptop"
    days = (row.expires_at - row.created_at).total_seconds() / 86_400
    assert days == pytest.approx(30, abs=0.01)
    audit = _audit_text(writable_db)
    assert "create_token viewer@dre.example: token 'laptop', expires" in audit
    assert made.token not in audit and made.token[4:20] not in audit


def test_every_token_is_new_and_unnamed_ones_are_numbered(writable_db):
    with writable_db.session() as s:
        made = [create_token(s, VIEWER) for _ in range(3)]
    assert len({m.token for m in made}) == 3
    assert [m.name for m in made] == ["token 1", "token 2", "token 3"]
    expires = made[0].expires_at - dt.datetime.now(dt.UTC)
    assert dt.timedelta(days=89, hours=23) < expires <= dt.timedelta(days=90)


@pytest.mark.parametrize(
    ("email", "name", "days", "why"),
    [
        (VIEWER, None, 0, "from 1 to 365 days; 0 is not possible"),
        (VIEWER, None, -5, "-5 is not possible"),
        (VIEWER, None, 366, "366 is not possible"),
        (VIEWER, "   ", 30, "1 to 80 printable characters"),
        (VIEWER, "x" * 81, 30, "1 to 80 printable characters"),
        (VIEWER, "tab\there", 30, "1 to 80 printable characters"),
        ("nobody@dre.example", None, 30, "no account for nobody@dre.example"),
    ],
)
def test_tokens_are_refused_in_words(writable_db, email, name, days, why):
    with writable_db.session() as s, pytest.raises(TokenRefused, match=re.escape(why)):
        create_token(s, email, name=name, days=days)
    assert _stored(writable_db, VIEWER) == []


def test_a_live_name_is_not_given_twice_but_a_revoked_ones_is(writable_db):
    with writable_db.session() as s:
        create_token(s, VIEWER, name="laptop")
    with writable_db.session() as s, pytest.raises(TokenRefused, match="already has a live"):
        create_token(s, VIEWER, name="laptop")
    with writable_db.session() as s:
        assert revoke(s, VIEWER, name="laptop") == ["laptop"]
        create_token(s, VIEWER, name="laptop")
    states = [t.state for t in token_states_of(writable_db, VIEWER)]
    assert states == ["revoked", "live"]


def test_a_deactivated_account_gets_no_token(writable_db):
    with writable_db.session() as s:
        deactivate(s, VIEWER)
    with writable_db.session() as s, pytest.raises(TokenRefused, match="is deactivated"):
        create_token(s, VIEWER)


def test_revoking_by_name_or_all_is_audited_and_a_missing_name_refused(writable_db):
    with writable_db.session() as s:
        for name in ("a", "b", "c"):
            create_token(s, SITE_LEAD, name=name)
        create_token(s, VIEWER, name="a")
    with writable_db.session() as s:
        assert revoke(s, SITE_LEAD, name=" b ") == ["b"]
    with writable_db.session() as s, pytest.raises(TokenRefused, match="no unrevoked token"):
        revoke(s, SITE_LEAD, name="b")
    with writable_db.session() as s:
        assert revoke(s, SITE_LEAD, every=True) == ["a", "c"]
        assert revoke(s, SITE_LEAD, every=True) == []
    assert all(row.revoked_at is not None for row in _stored(writable_db, SITE_LEAD))
    assert _stored(writable_db, VIEWER)[0].revoked_at is None  # another account's "a" lives
    audit = _audit_text(writable_db)
    assert "revoke_token slam@dre.example: 'b'" in audit
    assert "revoke_token slam@dre.example: 'a', 'c'" in audit
    for asked in ({}, {"name": "a", "every": True}):
        with writable_db.session() as s, pytest.raises(TokenRefused, match="--name NAME, or"):
            revoke(s, SITE_LEAD, **asked)


def test_deleting_an_account_deletes_its_tokens(writable_db):
    with writable_db.session() as s:
        create_token(s, VIEWER)
        create_token(s, ADMIN)
    with writable_db.session() as s:
        s.execute(delete(User).where(User.email == VIEWER))
    with writable_db.session() as s:
        owners = s.scalars(select(User.email).join(ApiToken, ApiToken.user_id == User.id)).all()
        assert owners == [ADMIN]


def test_create_token_prints_it_once_and_the_listing_never(cli, writable_db):
    made = cli.invoke(args=["create-token", VIEWER, "--name", "notebook", "--days", "7"])
    assert made.exit_code == 0, made.output
    (token,) = TOKEN_LINE.findall(made.output)
    assert "'notebook' for viewer@dre.example, valid until" in made.output
    assert "It will not be shown again" in made.output
    assert _stored(writable_db, VIEWER)[0].token_hash == token_hash(token)
    listing = cli.invoke(args=["tokens", VIEWER])
    assert listing.exit_code == 0 and token not in listing.output and "dre_" not in listing.output
    assert re.search(r"notebook\s+\d{4}-\d\d-\d\d \d\d:\d\d .* never\s+live", listing.output)
    assert token not in _audit_text(writable_db)


def test_revoke_token_and_the_listing_say_what_happened(cli):
    cli.invoke(args=["create-token", SITE_LEAD, "--name", "laptop"])
    revoked = cli.invoke(args=["revoke-token", SITE_LEAD, "--name", "laptop"])
    assert revoked.exit_code == 0 and "Revoked for slam@dre.example: 'laptop'" in revoked.output
    listing = cli.invoke(args=["tokens", SITE_LEAD]).output
    assert re.search(r"laptop .* revoked \d{4}-\d\d-\d\d", listing)
    nothing = cli.invoke(args=["revoke-token", SITE_LEAD, "--all"])
    assert nothing.exit_code == 0 and "nothing to revoke" in nothing.output
    assert "has no tokens" in cli.invoke(args=["tokens", ADMIN]).output


@pytest.mark.parametrize(
    ("args", "why"),
    [
        (["create-token", "nobody@dre.example"], "There is no account for nobody@dre.example"),
        (["create-token", VIEWER, "--days", "0"], "0 is not possible"),
        (["create-token", VIEWER, "--days", "400"], "400 is not possible"),
        (["revoke-token", VIEWER, "--name", "never made"], "no unrevoked token named"),
        (["revoke-token", VIEWER], "--name NAME, or revoke --all"),
        (["revoke-token", "nobody@dre.example", "--all"], "no account for"),
        (["tokens", "nobody@dre.example"], "no account for"),
    ],
)
def test_command_line_refusals_exit_non_zero_in_words(cli, args, why):
    result = cli.invoke(args=args)
    assert result.exit_code != 0 and why in result.output, result.output


def test_a_deactivated_account_is_refused_a_token_and_listed_as_such(cli, writable_app):
    cli.invoke(args=["create-token", VIEWER])
    deactivated = cli.invoke(args=["deactivate", VIEWER])
    assert "its sessions and API tokens have ended" in deactivated.output
    refused = cli.invoke(args=["create-token", VIEWER])
    assert refused.exit_code != 0 and "viewer@dre.example is deactivated" in refused.output
    assert "deactivated: none of its tokens works" in cli.invoke(args=["tokens", VIEWER]).output
