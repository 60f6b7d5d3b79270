"""What the read API's tests share."""

from __future__ import annotations


def get_json(client, url: str, status: int = 200) -> dict:
    """The JSON of a GET that must answer `status` (else the test fails with the body)."""
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return response.get_json()
