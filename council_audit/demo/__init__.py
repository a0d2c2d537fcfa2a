"""Three demo council websites of our own making, with a manifest of the accessibility
barriers planted on each page: for ``council-audit demo``, integration tests and the
throughput benchmark.

    from council_audit.demo import DemoSites, DEMO_COUNCILS, manifest

    with DemoSites() as sites:
        sites.homepage("DWB")  # "http://127.0.0.1:41234/"
"""

from council_audit.demo.barriers import ALLOWED_CHECK_IDS, BARRIERS
from council_audit.demo.councils import DEMO_COUNCILS
from council_audit.demo.manifest import manifest, write_manifest
from council_audit.demo.serving import DemoSites

__all__ = [
    "ALLOWED_CHECK_IDS",
    "BARRIERS",
    "DEMO_COUNCILS",
    "DemoSites",
    "manifest",
    "write_manifest",
]
