"""Print pages of the built site to A4 PDFs as Chromium prints them, and each first page to a PNG to look at.

Run by ``nox -s print-preview`` after a change to the print layout: the files land in build/print/, named
``<edition>-<page>.pdf`` and ``.png`` (the PNG needs pdftoppm from poppler-utils; without it only the PDFs are made).
The site is served and Chromium started as in the browser tests.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from e2e.conftest import CHROMIUM, CHROMIUM_ARGS, serve

PAGES = ("planer", "checkliste-variante-a", "checkliste-variante-b")


def main(site: Path, out: Path) -> None:
    """Serve ``site``, print each page of ``PAGES`` in each edition to ``out``, and render its first page."""
    out.mkdir(parents=True, exist_ok=True)
    pdftoppm = shutil.which("pdftoppm")
    with serve(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for lang in sorted(p.name for p in site.iterdir() if (p / "planer.html").exists()):
            for name in PAGES:
                page.goto(f"{origin}/{lang}/{name}.html", wait_until="load")
                pdf = out / f"{lang}-{name}.pdf"
                page.pdf(path=str(pdf), prefer_css_page_size=True)
                if pdftoppm:
                    png = pdf.with_suffix("")
                    subprocess.run([pdftoppm, "-r", "80", "-png", "-singlefile", str(pdf), str(png)], check=True)  # noqa: S603
                print(f"{pdf}{' and .png' if pdftoppm else ''}")  # noqa: T201  # a script says what it wrote
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
