"""Documents linked from council pages: PDFs read with pikepdf (tags, language, title,
text layer, encryption, form fields, dates) and office files' metadata. The checks are
in :mod:`council_audit.checks.documents`."""
