"""Ports for the servers tests start (dash_duo's, the fault proxy's)."""

from __future__ import annotations

import random
import socket

#: dash_duo's servers listen below Linux's ephemeral range (32768-60999): a port there can be
#: held at any moment by an outgoing connection (to chromedriver, PostgreSQL, Redis), and a
#: server that cannot bind leaves the test's browser waiting on a page that never comes.
TEST_PORTS = range(20_000, 32_000)


def free_port(ports: range = TEST_PORTS) -> int:
    """A port in `ports` that nothing listens on now, tried in a random order so that two
    test runs on one machine (a developer's and a helper's) seldom reach for the same one."""
    for port in random.sample(ports, 200):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {ports}")
