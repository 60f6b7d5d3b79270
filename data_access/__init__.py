"""The store: SQLAlchemy models, sessions, queries returning DataFrames, and migrations.

Nothing in this package imports Dash.
"""
