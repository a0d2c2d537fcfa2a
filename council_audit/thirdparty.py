"""Third-party requests that cannot change a page's findings: analytics, tag managers,
web-font services and video players. Not loading them saves the browser's time and keeps
crawls from being reported to trackers (setting ``block_third_party``).

What stays: everything from the council's own hosts, and third parties that shape what
people meet on the page (cookie banners, read-aloud and translation tools, maps, forms,
payment pages, chat). The ``<iframe>`` of a blocked video player is still on the page,
so checks of the frame itself (its title) still run; what the player shows inside it is
the video service's, not the council's.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Host suffixes, grouped by why they are left out.
ANALYTICS = (
    "google-analytics.com", "analytics.google.com", "googletagmanager.com",
    "googletagservices.com", "doubleclick.net", "googleadservices.com", "googlesyndication.com",
    "hotjar.com", "hotjar.io", "clarity.ms", "connect.facebook.net", "facebook.com/tr",
    "siteimproveanalytics.com", "siteimproveanalytics.io", "quantserve.com",
    "scorecardresearch.com", "nr-data.net", "js-agent.newrelic.com", "cloudflareinsights.com",
    "matomo.cloud", "mouseflow.com", "crazyegg.com", "fullstory.com", "segment.com",
    "segment.io", "mixpanel.com", "heapanalytics.com", "adobedtm.com", "omtrdc.net",
    "demdex.net", "linkedin.com/px", "snap.licdn.com", "ads-twitter.com", "analytics.twitter.com",
    "bat.bing.com", "stats.g.doubleclick.net", "contentsquare.net", "luckyorange.com",
)  # fmt: skip
FONTS = ("fonts.googleapis.com", "fonts.gstatic.com", "use.typekit.net", "p.typekit.net",
         "fast.fonts.net", "cloud.typography.com")  # fmt: skip
VIDEO = (
    "youtube.com", "youtube-nocookie.com", "ytimg.com", "googlevideo.com", "player.vimeo.com",
    "vimeocdn.com", "brightcove.net", "brightcove.com", "jwplayer.com", "jwpcdn.com",
    "wistia.com", "wistia.net", "vidyard.com", "dailymotion.com",
)  # fmt: skip
GROUPS = {"analytics or tag manager": ANALYTICS, "web-font service": FONTS, "video player": VIDEO}


def blocked(url: str) -> str | None:
    """Why the browser does not load ``url``, or None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return None
    where = host + parts.path
    for why, suffixes in GROUPS.items():
        for suffix in suffixes:
            host_part, _, path = suffix.partition("/")
            if (host == host_part or host.endswith("." + host_part)) and (
                not path or where.startswith(f"{host}/{path}")
            ):
                return f"third-party {why}: not needed to audit"
    return None
