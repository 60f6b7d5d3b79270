"""Thin handlers, one module (or package) per page: read inputs, call `dashboard`, return
components from `layouts`. Each has `register(app)`; `dashboard.pages` lists them."""
