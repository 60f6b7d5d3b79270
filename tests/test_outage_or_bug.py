"""A statement the database refuses is a bug with its real reason, not an outage (issue 14):
PostgreSQL refusing a return's query ("stack depth limit exceeded", "number of parameters")
reached the user as "the database is not answering"."""

from __future__ import annotations

from types import SimpleNamespace

from sqlalchemy.exc import InterfaceError, OperationalError, ProgrammingError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from dashboard.errors import database_down


def _error(kind, sqlstate):
    return kind("SELECT ...", {}, SimpleNamespace(sqlstate=sqlstate))


def test_connection_failures_timeouts_and_a_full_pool_are_an_outage():
    assert database_down(_error(OperationalError, "08006"))  # connection failure
    assert database_down(_error(OperationalError, "57014"))  # statement timeout
    assert database_down(_error(OperationalError, "57P01"))  # server shutting down
    assert database_down(_error(InterfaceError, None))
    assert database_down(PoolTimeout("QueuePool limit reached"))
    assert database_down(OperationalError("SELECT", {}, Exception("database is locked")))


def test_a_refused_statement_is_not_an_outage():
    assert not database_down(_error(OperationalError, "54001"))  # stack depth limit exceeded
    assert not database_down(_error(ProgrammingError, "42601"))  # syntax error
    assert not database_down(_error(ProgrammingError, "54023"))  # too many arguments
    assert not database_down(KeyError("x"))
