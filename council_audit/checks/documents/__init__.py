"""Checks of documents (PDFs) linked from council pages, on the facts pikepdf reads from
them. Each check's ``evaluate`` takes a
:class:`~council_audit.documents.view.DocumentView`."""

SUBJECT = "document"
