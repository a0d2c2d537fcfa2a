"""One run crawled by many machines: councils queued in Redis (Dramatiq's Redis broker),
workers crawling them into local SQLite shards, and a merge into one results database.
docs/scaling.md explains the design; :mod:`council_audit.api` is the way in."""
