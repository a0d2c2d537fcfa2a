"""``python -m council_audit.demo.server``: serve the demo councils in the foreground,
print their URLs, stop on Ctrl-C."""

from __future__ import annotations

import argparse
import threading

from council_audit.demo.serving import DemoSites


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the demo council websites.")
    parser.add_argument("--port-base", type=int, default=None, help="first port (default: any)")
    args = parser.parse_args(argv)
    sites = DemoSites(args.port_base).start()
    for row in sites.councils():
        print(f"{row['code']}  {row['name']:<32} {row['homepage_url']}", flush=True)
    print("Press Ctrl-C to stop.", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        sites.stop()


if __name__ == "__main__":
    main()
