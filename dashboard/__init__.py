"""The DRE Dashboard: app factory (`dashboard.factory`), configuration, component ids and the
domain logic (statistics, panel summaries). Importing this package does no work."""
