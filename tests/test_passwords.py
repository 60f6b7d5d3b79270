"""Passwords are judged, not only counted (issue 14): `password1234` and `aaaaaaaaaaaa` were
accepted because they are twelve characters long."""

from __future__ import annotations

import pytest

from dashboard.accounts import password_problem


@pytest.mark.parametrize(
    "password",
    [
        "password1234",
        "aaaaaaaaaaaa",
        "abcdefghijkl",
        "qwertyuiop12",
        "123456789012",
        "lead@trust.nhs.uk1",
    ],
)
def test_common_repetitive_and_email_made_passwords_are_refused(password):
    problem = password_problem(password, "lead@trust.nhs.uk")
    assert problem is not None and "too easy to guess" in problem


@pytest.mark.parametrize("password", ["correct horse battery staple", "kX9#mq2LpZ7v-tide"])
def test_a_strong_password_is_accepted(password):
    assert password_problem(password, "lead@trust.nhs.uk") is None


def test_a_short_password_says_how_long_it_must_be():
    assert "at least 12 characters" in password_problem("Xy7#", "a@b.org")


def test_create_user_refuses_a_weak_password_in_words(runner, monkeypatch):
    monkeypatch.setenv("DRE_NEW_PASSWORD", "password1234")
    refused = runner.invoke(args=["create-user", "weak@example.org", "--role", "admin"])
    assert refused.exit_code != 0 and "too easy to guess" in refused.output
