"""Scrapy settings for a council-audit crawl, all derived from :class:`Settings`."""

from __future__ import annotations

from functools import partial
from typing import Any

from council_audit import browser, progress, thirdparty
from council_audit.settings import Settings

ABORTED_RESOURCE_TYPES = ("media",)  # audio and video: large, and not needed to audit


def abort_request(request: Any, block_third_party: bool = True) -> bool:
    """Requests the browser does not make: audio and video, and (``block_third_party``)
    analytics, tag managers, web-font services and video players
    (:func:`council_audit.thirdparty.blocked`)."""
    if request.resource_type in ABORTED_RESOURCE_TYPES:
        return True
    return block_third_party and thirdparty.blocked(request.url) is not None


def scrapy_settings(settings: Settings, db_path: str, run_id: str) -> dict[str, Any]:
    handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
    context = {**browser.context_options(settings)}
    if settings.ignore_https_errors:
        context["ignore_https_errors"] = True
    return {
        "BOT_NAME": "council-audit",
        "USER_AGENT": settings.user_agent_string(),
        "ROBOTSTXT_OBEY": settings.obey_robots,
        "ROBOTSTXT_USER_AGENT": "council-audit",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": browser.launch_options(settings),
        "PLAYWRIGHT_CONTEXTS": {"default": context},
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": settings.render_pages,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": settings.page_timeout * 1000,
        "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": None,
        "PLAYWRIGHT_ABORT_REQUEST": partial(
            abort_request, block_third_party=settings.block_third_party
        ),
        "CONCURRENT_REQUESTS": max(settings.render_pages * 2, settings.concurrent_per_council),
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.concurrent_per_council,
        # requests go to the council (download slot) with the fewest in flight, so one
        # council's round of requests never starves the others
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        "DOWNLOAD_DELAY": settings.download_delay,
        "DOWNLOAD_TIMEOUT": settings.page_timeout,
        "DOWNLOAD_MAXSIZE": settings.max_response_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "AUTOTHROTTLE_ENABLED": settings.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(settings.download_delay, 0.5),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": settings.autothrottle_target,
        "RETRY_TIMES": 1,
        "HTTPERROR_ALLOW_ALL": True,  # a 404 or 500 page is recorded, not dropped
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": settings.log_level.upper(),
        # Scrapy's own log only when asked for; otherwise progress.quiet_logging
        "LOG_ENABLED": progress.verbose(settings),
        "DOWNLOADER_MIDDLEWARES": {
            # just before Scrapy's RedirectMiddleware (600), which then leaves it alone
            "council_audit.crawler.middlewares.OffsiteRedirectMiddleware": 650,
            "council_audit.crawler.middlewares.PagePoolMiddleware": 950,
        },
        "ITEM_PIPELINES": {
            "council_audit.crawler.pipelines.AuditPipeline": 100,
            "council_audit.crawler.pipelines.DocumentPipeline": 200,
            "council_audit.crawler.pipelines.StorePipeline": 800,
            "council_audit.crawler.pipelines.CouncilPipeline": 900,
        },
        "EXTENSIONS": {"council_audit.progress.Progress": 500},
        "COUNCIL_AUDIT_SETTINGS": settings,
        "COUNCIL_AUDIT_DB": str(db_path),
        "COUNCIL_AUDIT_RUN_ID": run_id,
    }
