"""Entry point: `gunicorn app:server`, `flask --app app <command>`."""

from dashboard.factory import create_app

app = create_app()
server = app.server
