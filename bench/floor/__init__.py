"""The framework's floor for bench/load.py: the least a Django request that writes can cost.

One view that inserts one row and answers JSON, served by the same gunicorn process, through
the same middleware and database connection as Thrustlog's own pages. Installed only by
`bench.settings`, never by `thrustlog.settings`: production has no such URL.
"""
