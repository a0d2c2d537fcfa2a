"""Link text reference data: link names that say nothing on their own, document file
types and the words that name them, and the wording that warns of a new tab or window."""

from __future__ import annotations

import re

# Whole link names (lower case, punctuation removed) that do not say where a link goes.
NON_DESCRIPTIVE = frozenset(
    {
        "click here", "click", "here", "click this link", "this link", "link", "read more",
        "more", "more info", "more information", "find out more", "learn more", "see more",
        "view more", "continue", "details", "more details", "this page", "go", "info",
        "information", "further information", "click here for more information",
        "read more here", "more here", "this", "this website", "website", "page",
        "download", "download here", "click to download", "view", "view here", "open",
        # Welsh
        "cliciwch yma", "yma", "darllen mwy", "mwy", "mwy o wybodaeth", "rhagor o wybodaeth",
        "dysgu mwy", "darganfod mwy", "lawrlwytho", "lawrlwythwch",
    }
)  # fmt: skip

# File extension -> words in a link name that state that file type.
DOCUMENT_TYPES: dict[str, tuple[str, ...]] = {
    "pdf": ("pdf",),
    "doc": ("word", "doc", "docx", "microsoft word"),
    "docx": ("word", "docx", "doc", "microsoft word"),
    "rtf": ("rtf", "rich text"),
    "odt": ("odt", "opendocument", "open document"),
    "ods": ("ods", "opendocument", "open document", "spreadsheet"),
    "xls": ("excel", "xls", "xlsx", "spreadsheet"),
    "xlsx": ("excel", "xlsx", "xls", "spreadsheet"),
    "csv": ("csv", "comma separated", "comma-separated"),
    "ppt": ("powerpoint", "ppt", "pptx", "slides"),
    "pptx": ("powerpoint", "pptx", "ppt", "slides"),
}

FILE_SIZE = re.compile(r"\d[\d,.]*\s*(?:bytes?|[kmg]i?b|kilobytes?|megabytes?)\b", re.IGNORECASE)

# Wording that tells people a link opens a new tab or window (English and Welsh).
NEW_WINDOW = re.compile(
    r"new\s+(?:browser\s+)?(?:tab|window)|(?:tab|ffenestr)\s+newydd", re.IGNORECASE
)
