"""Guesses sent in parallel lock the account on the embedded SQLite database too (issue 14):
SQLite has no row locks, so twelve guesses read "not locked" together, each checked its
password, and one guess could get through after the lock."""

from __future__ import annotations

import threading

from dashboard import auth
from tests.conftest import REGIONAL, TEST_PASSWORD, csrf_token


def test_parallel_guesses_check_at_most_five_passwords_then_lock(writable_app, monkeypatch):
    app = writable_app.server
    checked: list[str] = []
    real_check = auth.check_password_hash

    def counting(hashed: str, password: str) -> bool:
        if hashed != auth._DUMMY_HASH:
            checked.append(password)
        return real_check(hashed, password)

    monkeypatch.setattr(auth, "check_password_hash", counting)
    start = threading.Barrier(12)
    codes: list[int] = []

    def guess(password: str):
        client = app.test_client()
        form = {"csrf": csrf_token(client), "email": REGIONAL, "password": password}
        start.wait()
        codes.append(client.post("/login", data=form).status_code)

    threads = [threading.Thread(target=guess, args=(f"wrong guess {i}",)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert codes == [401] * 12
    assert len(checked) == auth.MAX_FAILED_SIGN_INS  # the other seven refused unchecked
    client = app.test_client()
    right = client.post(
        "/login", data={"csrf": csrf_token(client), "email": REGIONAL, "password": TEST_PASSWORD}
    )
    assert right.status_code == 401  # locked
    assert len(checked) == auth.MAX_FAILED_SIGN_INS  # and not even checked
