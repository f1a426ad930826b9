"""Print pages of the built site to A4 PDFs as Chromium prints them, and each first page to a PNG to look at.

Run by ``nox -s print-preview`` after a change to the print layout: the files land in build/print/, named
``<edition>-<page>.pdf`` and ``.png`` (the PNG needs pdftoppm from poppler-utils; without it only the PDFs are made).
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = ("planer", "checkliste-variante-a", "checkliste-variante-b")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the server silent: the script prints what it wrote."""


def main(site: Path, out: Path) -> None:
    """Serve ``site``, print each page of ``PAGES`` in each edition to ``out``, and render its first page."""
    out.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    pdftoppm = shutil.which("pdftoppm")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ["CUTOVER_CHROMIUM"], args=ARGS)
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
    server.shutdown()


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
