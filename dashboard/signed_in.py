"""The person a request is signed in as, however they signed in: a session cookie
(dashboard/auth.py) or an API token (dashboard/bearer.py). Its own module so that both can
make one without importing each other."""

from __future__ import annotations

from dataclasses import dataclass

from flask_login import UserMixin

from dashboard.roles import Access


@dataclass
class SignedIn(UserMixin):
    """The signed-in person as the request sees them (no ORM object leaves the session)."""

    id: int
    access: Access

    def get_id(self) -> str:
        return str(self.id)
