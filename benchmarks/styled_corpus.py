"""Build the styled corpus: public design systems' own component examples on full pages.

The real-councils corpus renders unstyled, so what a check reads from the rendering
(sizes, colours, reflow, focus) cannot be measured on it. These pages can: each is one
example that a design system's npm package ships (its test fixtures, its example
templates or its README's examples), on a full page of that design system with its own
header, footer, CSS and JavaScript. Councils and public bodies build on these systems.

- The packages are fetched with ``npm pack`` at the pinned versions below (the npm
  registry is the only network this needs), with Nunjucks to render the templates, into
  ``benchmarks/.styled-corpus/`` (ignored by git). Nothing of them is committed.
- ``benchmarks/styled_corpus.mjs`` writes the pages into
  ``benchmarks/.styled-corpus/pages/<system>/``; ``benchmarks/precision.py`` serves
  that folder on 127.0.0.1 and audits every page.
- ``hmrc-frontend`` and ``@scottish-government/design-system`` are not used: their
  packages ship no examples (HMRC's READMEs link to its website; the Scottish
  Government's tests read HTML files that are not in the package). Charts of the ONS
  system (31 examples) need its site's own helpers and do not render.

Run: ``.venv/bin/python benchmarks/styled_corpus.py [--force]``
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOME = ROOT / "benchmarks" / ".styled-corpus"
PAGES = HOME / "pages"
RENDERER = ROOT / "benchmarks" / "styled_corpus.mjs"
PACKAGES = {
    "govuk-frontend": "6.6.0",
    "@ministryofjustice/frontend": "11.1.0",
    "@nationalarchives/frontend": "1.5.0",
    "@ons/design-system": "72.11.0",
}
NUNJUCKS = "nunjucks@3.2.4"
STAMP = PAGES / "built.json"


def npm(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["npm", *args, "--no-audit", "--no-fund", "--silent"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode:
        raise SystemExit(f"npm {' '.join(args)} failed: {done.stderr.strip()[-800:]}")
    return done.stdout


def fetch(name: str, version: str) -> None:
    """Unpack ``name@version`` into HOME/<name>/package."""
    target = HOME / name
    if (target / "package" / "package.json").exists():
        return
    packed = npm("pack", f"{name}@{version}", cwd=HOME).strip().splitlines()[-1]
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(HOME / packed) as tar:
        tar.extractall(target, filter="data")
    (HOME / packed).unlink()


def wanted() -> dict[str, str]:
    return {"packages": PACKAGES, "nunjucks": NUNJUCKS, "renderer": RENDERER.read_text()}


def built() -> bool:
    return STAMP.exists() and json.loads(STAMP.read_text())["wanted"] == wanted()


def build(force: bool = False) -> dict[str, dict[str, int]]:
    """Fetch the packages and render the pages, unless they are built already for these
    versions and this renderer. Returns the pages made (and examples skipped) per system."""
    if built() and not force:
        return json.loads(STAMP.read_text())["counts"]
    if shutil.which("npm") is None or shutil.which("node") is None:
        raise SystemExit("the styled corpus needs node and npm (Debian: apt-get install npm)")
    HOME.mkdir(parents=True, exist_ok=True)
    for name, version in PACKAGES.items():
        fetch(name, version)
    if not (HOME / "node_modules" / "nunjucks").exists():
        npm("install", "--prefix", str(HOME), NUNJUCKS, cwd=HOME)
    shutil.rmtree(PAGES, ignore_errors=True)
    done = subprocess.run(
        ["node", str(RENDERER), str(HOME), str(PAGES)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode:
        raise SystemExit(f"rendering the styled corpus failed: {done.stderr.strip()[-1500:]}")
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    STAMP.write_text(json.dumps({"wanted": wanted(), "counts": counts}, indent=1))
    return counts


def pages() -> dict[str, str]:
    """Cache key -> path (under PAGES) of every page of the styled corpus."""
    return {
        f"ds/{p.parent.name}/{p.stem}": p.relative_to(PAGES).as_posix()
        for p in sorted(PAGES.glob("*/*.html"))
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="fetch and render again")
    args = parser.parse_args(argv)
    counts = build(args.force)
    for system, n in sorted(counts["made"].items()):
        skipped = counts["skipped"].get(system, 0)
        print(
            f"{system}: {n} pages" + (f" ({skipped} examples would not render)" if skipped else "")
        )
    print(f"{sum(counts['made'].values())} pages in {PAGES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
