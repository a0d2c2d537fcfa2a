"""Scrapy settings for a council-audit crawl, all derived from :class:`Settings`."""

from __future__ import annotations

from typing import Any

from council_audit import browser
from council_audit.settings import Settings

ABORTED_RESOURCE_TYPES = ("media",)  # audio and video: large, and not needed to audit


def abort_request(request: Any) -> bool:
    return request.resource_type in ABORTED_RESOURCE_TYPES


def scrapy_settings(settings: Settings, db_path: str, run_id: str) -> dict[str, Any]:
    handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
    return {
        "BOT_NAME": "council-audit",
        "USER_AGENT": settings.user_agent_string(),
        "ROBOTSTXT_OBEY": settings.obey_robots,
        "ROBOTSTXT_USER_AGENT": "council-audit",
        "TWISTED_REACTOR": "twisted.internet.asyncioreactor.AsyncioSelectorReactor",
        "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
        "PLAYWRIGHT_BROWSER_TYPE": "chromium",
        "PLAYWRIGHT_LAUNCH_OPTIONS": browser.launch_options(settings),
        "PLAYWRIGHT_CONTEXTS": {"default": browser.context_options(settings)},
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": settings.render_pages,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": settings.page_timeout * 1000,
        "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": None,
        "PLAYWRIGHT_ABORT_REQUEST": abort_request,
        "CONCURRENT_REQUESTS": max(settings.render_pages * 2, settings.concurrent_per_council),
        "CONCURRENT_REQUESTS_PER_DOMAIN": settings.concurrent_per_council,
        "DOWNLOAD_DELAY": settings.download_delay,
        "DOWNLOAD_TIMEOUT": settings.page_timeout,
        "DOWNLOAD_MAXSIZE": settings.max_response_bytes,
        "DOWNLOAD_WARNSIZE": 0,
        "AUTOTHROTTLE_ENABLED": settings.autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(settings.download_delay, 0.5),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": settings.autothrottle_target,
        "RETRY_TIMES": 1,
        "HTTPERROR_ALLOW_ALL": True,  # a 404 or 500 page is recorded, not dropped
        "DEPTH_PRIORITY": 1,
        "SCHEDULER_DISK_QUEUE": "scrapy.squeues.PickleFifoDiskQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": settings.log_level.upper(),
        "DOWNLOADER_MIDDLEWARES": {
            "council_audit.crawler.middlewares.PagePoolMiddleware": 950,
        },
        "ITEM_PIPELINES": {
            "council_audit.crawler.pipelines.AuditPipeline": 100,
            "council_audit.crawler.pipelines.StorePipeline": 800,
        },
        "COUNCIL_AUDIT_SETTINGS": settings,
        "COUNCIL_AUDIT_DB": str(db_path),
        "COUNCIL_AUDIT_RUN_ID": run_id,
    }
