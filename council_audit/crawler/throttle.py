"""AutoThrottle that paces re-crawls by the council's real answers.

Scrapy's AutoThrottle lowers a site's delay only on ``200`` answers: error pages and
redirects are small and fast, and would make it speed up against a struggling site. A
re-crawl's conditional requests are answered ``304 Not Modified`` when nothing changed,
so an unchanged council kept the start delay (0.5 s) for every page, and a 50-page
re-crawl took at least 25 s of waiting. A 304 is the server's normal, cheap answer to
the question asked: here it counts as a healthy answer, so the delay follows its
latency as it would for a 200. Errors and redirects keep Scrapy's rule.
"""

from __future__ import annotations

from scrapy.core.downloader import Slot
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Response


class RevalidatingAutoThrottle(AutoThrottle):
    def _adjust_delay(self, slot: Slot, latency: float, response: Response) -> None:
        if response.status == 304:
            response = response.replace(status=200)
        super()._adjust_delay(slot, latency, response)
