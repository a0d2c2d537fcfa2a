"""The SQLite results database: schema, named migrations and the writer."""

from council_audit.results.writer import ResultsDB, new_run_id

__all__ = ["ResultsDB", "new_run_id"]
