"""Finding and launching Chromium.

Search order for the browser (first that exists wins):
1. the ``chromium_path`` setting (also ``COUNCIL_AUDIT_CHROMIUM_PATH``);
2. Playwright's own Chromium, if ``playwright install chromium`` was ever run;
3. a system Chromium: ``/usr/bin/chromium``, then ``chromium``, ``chromium-browser``,
   ``google-chrome`` on PATH.
"""

from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path

from council_audit.settings import Settings

SYSTEM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
# Without these, Chromium phones home at start-up (updates, sync, field trials).
QUIET_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-features=Translate,MediaRouter,OptimizationHints",
    "--metrics-recording-only",
    "--mute-audio",
)


class BrowserNotFound(RuntimeError):
    pass


def find_chromium(settings: Settings) -> str:
    """Path of the Chromium executable to use (see the module docstring for the order)."""
    if settings.chromium_path:
        if not Path(settings.chromium_path).exists():
            raise BrowserNotFound(f"chromium_path {settings.chromium_path!r} does not exist")
        return settings.chromium_path
    own = _playwright_chromium()
    if own:
        return own
    for candidate in SYSTEM_CANDIDATES:
        found = candidate if os.path.isabs(candidate) and os.path.exists(candidate) else None
        found = found or shutil.which(candidate)
        if found:
            return found
    raise BrowserNotFound(
        "no Chromium found: install Debian's 'chromium' package (make install does), "
        "or set COUNCIL_AUDIT_CHROMIUM_PATH"
    )


def _playwright_chromium() -> str | None:
    root = os.environ.get("PLAYWRIGHT_BROWSERS_PATH") or str(Path.home() / ".cache/ms-playwright")
    hits = sorted(glob.glob(os.path.join(root, "chromium-*/chrome-linux*/chrome")))
    return hits[-1] if hits else None


def launch_args() -> list[str]:
    args = list(QUIET_ARGS)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    return args


def launch_options(settings: Settings) -> dict:
    """Keyword arguments for Playwright's ``chromium.launch``."""
    return {"executable_path": find_chromium(settings), "args": launch_args(), "headless": True}


def context_options(settings: Settings) -> dict:
    return {
        "viewport": {"width": settings.viewport_width, "height": settings.viewport_height},
        "user_agent": settings.user_agent_string(),
        "java_script_enabled": True,
        "accept_downloads": True,
        "service_workers": "block",
    }
