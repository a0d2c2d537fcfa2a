"""Link checks: link text, documents, new windows and broken links."""
