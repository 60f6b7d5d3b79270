"""Security headers on every response: a Content-Security-Policy that allows no script but the
app's own files and Dash's own inline scripts (by hash), no framing by any page, no sniffing,
no full referrer to other sites, and HSTS when served over HTTPS.

Dash starts its renderer and registers clientside callbacks with inline scripts; their
SHA-256 hashes (`Dash.csp_hashes`) are allowed, nothing else inline. Styles may be inline
(Dash's components set `style` attributes). Images may be `data:` URIs (the overview's trend
images are SVG data URIs).
"""

from __future__ import annotations

from flask import Flask, Response, current_app, request

HSTS = "max-age=31536000; includeSubDomains"


def content_security_policy(script_hashes: list[str]) -> str:
    hashes = " ".join(script_hashes)  # Dash gives them quoted: "'sha256-...'"
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' {hashes}".strip(),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def _policy() -> str:
    """The policy, computed once per app after every callback is registered."""
    policy = current_app.extensions.get("dre_csp")
    if policy is None:
        dash_app = current_app.extensions.get("dre_dash")
        hashes = list(dash_app.csp_hashes()) if dash_app is not None else []
        policy = current_app.extensions["dre_csp"] = content_security_policy(hashes)
    return policy


def add_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", _policy())
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", HSTS)
    return response


def init_app(server: Flask) -> None:
    server.after_request(add_headers)
