"""The dashboard's charts: plain functions from aggregated rows to Plotly figures, summaries
and tables. No database access here: tracker.views.dashboard reads tracker.aggregates and
passes the rows in, so every builder is tested with hand-made rows."""

from tracker.charts.page import Dashboard, Options, Rows, build

__all__ = ["Dashboard", "Options", "Rows", "build"]
