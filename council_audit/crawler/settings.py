"""Scrapy settings for a council-audit crawl, all derived from :class:`Settings`."""

from __future__ import annotations

from typing import Any

from council_audit import browser, progress
from council_audit.proxy import chromium_args
from council_audit.routing import refusal
from council_audit.scope import Scope
from council_audit.settings import Settings

MAX_TABS = 10_000  # no limit of scrapy-playwright's: see PLAYWRIGHT_MAX_PAGES_PER_CONTEXT


def abort_request(request: Any, block_third_party: bool = True) -> bool:
    """Requests the browser does not make, whatever their address: audio and video, and
    (``block_third_party``) analytics, tag managers, web-font services and video players
    (:func:`council_audit.thirdparty.blocked`). The crawl's route filter
    (:func:`council_audit.routing.refusal`) applies the same rule with the scope decision."""
    return refusal(request, None, None, block_third_party) is not None


def scrapy_settings(
    settings: Settings,
    db_path: str,
    run_id: str,
    scope: Scope | None = None,
    proxy_url: str | None = None,
) -> dict[str, Any]:
    """``scope`` is the crawl's scope decision (loopback only for the councils' own
    sites); ``proxy_url`` the filtering proxy Chromium is started behind."""
    handler = "council_audit.crawler.handler.GuardedPlaywrightHandler"
    launch = browser.launch_options(settings)
    if proxy_url:
        launch["args"] = [*launch["args"], *chromium_args(proxy_url)]
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
        "PLAYWRIGHT_LAUNCH_OPTIONS": launch,
        "PLAYWRIGHT_CONTEXTS": {"default": context},
        # the page pool (PagePoolMiddleware) bounds the tabs; scrapy-playwright's own
        # per-context semaphore would lose a permit whenever opening a tab is cancelled
        # by a deadline, and then make every later tab wait for ever
        "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": MAX_TABS,
        "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": settings.page_timeout * 1000,
        "PLAYWRIGHT_PROCESS_REQUEST_HEADERS": None,
        # the handler's own route filter (council_audit.routing) replaces
        # PLAYWRIGHT_ABORT_REQUEST; it also aborts audio and video
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
        # Scrapy 2.19's RemoteControl runs an HTTP server that can run code: never wanted
        "REMOTE_CONTROL_ENABLED": False,
        # meta refresh is the browser's to follow, within navigation_budget; Scrapy's
        # own would chase two pages that refresh to each other 20 times, then drop them
        "METAREFRESH_ENABLED": False,
        "REDIRECT_MAX_TIMES": max(settings.navigation_budget, 5),
        "TWISTED_DNS_RESOLVER": "council_audit.crawler.resolver.ScopedResolver",
        "LOG_LEVEL": settings.log_level.upper(),
        # Scrapy's own log only when asked for; otherwise progress.quiet_logging
        "LOG_ENABLED": progress.verbose(settings),
        "DOWNLOADER_MIDDLEWARES": {
            # first of all: every request (homepage, robots.txt, sitemaps...) in scope
            "council_audit.crawler.middlewares.ScopeMiddleware": 50,
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
        "EXTENSIONS": {
            "council_audit.progress.Progress": 500,
            "council_audit.crawler.diskfull.StopWhenUnwritable": 100,
            "scrapy.extensions.remote_control.RemoteControl": None,
            # a 304 on a re-crawl lowers the delay as a 200 does (see the module)
            "scrapy.extensions.throttle.AutoThrottle": None,
            "council_audit.crawler.throttle.RevalidatingAutoThrottle": 0,
        },
        "COUNCIL_AUDIT_SETTINGS": settings,
        "COUNCIL_AUDIT_DB": str(db_path),
        "COUNCIL_AUDIT_RUN_ID": run_id,
        "COUNCIL_AUDIT_SCOPE": scope or Scope(settings.allow_loopback),
    }
