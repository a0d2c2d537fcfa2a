"""Structure and semantics: headings, lists and tables that say what they are."""
