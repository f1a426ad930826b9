"""Fixtures for the browser session: the built site on a local server, and Debian's Chromium driven by Playwright.

`nox -s browser` builds the site first and sets CUTOVER_SITE and CUTOVER_CHROMIUM. Every page is opened once per
edition; what the browser saw (ids, step sections, requests, console errors) is kept for the tests to judge.
"""

from __future__ import annotations

import contextlib
import functools
import http
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Error,
    Page,
    Playwright,
    Request,
    Response,
    Route,
    sync_playwright,
)

from cutover.catalogue import LANGUAGES, Catalogue, load_catalogue

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("CUTOVER_SITE", ROOT / "build" / "site"))
CHROMIUM = os.environ.get("CUTOVER_CHROMIUM", "/usr/bin/chromium")

# The flags this machine needs: no sandbox as root, and none of Chromium's own calls home, which a closed
# network refuses and which would count as requests to other hosts.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Every page of the runbook, named like its source; the builder adds the index and the search page.
PAGES = sorted([path.stem for path in (ROOT / "docs").glob("*.md")] + ["genindex", "search"])

SUMMARY: list[str] = []  # what the tour saw, printed at the end of the session


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # the base class names it so
        """Serve silently: pytest shows what matters."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """As a static host does: an address the site does not have gets the root's 404.html, with status 404."""
        page = Path(str(self.directory)) / "404.html"
        if code != http.HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@dataclass
class Visit:
    """What one page load showed: ids of elements, step sections, every request, and every error."""

    ids: set[str] = field(default_factory=set)
    steps: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Watch:
    """Requests and errors seen in a browser context, with the local server's origin to judge them against."""

    origin: str
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        """Record the page's console errors, script errors and failed responses."""
        page.on("console", self._console)
        page.on("pageerror", self._page_error)
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _page_error(self, error: Error) -> None:
        self.errors.append(str(error))

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.errors.append(f"{response.status} {response.url}")


@pytest.fixture(scope="session")
def site() -> Path:
    """The built site, with both editions; a clear failure if it has not been built."""
    missing = [lang for lang in LANGUAGES if not (SITE / lang / "index.html").is_file()]
    if missing:
        pytest.fail(f"{SITE}: no built edition for {', '.join(missing)}; run `nox -s docs` first", pytrace=False)
    return SITE


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A folder served on a free local port; its origin."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def origin(site: Path) -> Iterator[str]:
    """The site served on a free local port, for the whole session."""
    with serve(site) as address:
        yield address


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """Playwright's driver, for the session."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's headless Chromium; never a downloaded browser."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"no Chromium at {CHROMIUM}; install Debian's chromium or set CUTOVER_CHROMIUM", pytrace=False)
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


def open_page(browser: Browser, origin: str, **options: object) -> tuple[Page, Watch]:
    """A page in a fresh browser context, watched: every request, every console or script error, every failure.

    A request to any host other than the local server is refused and recorded.
    """
    context = browser.new_context(**options)  # type: ignore[arg-type]
    watch = Watch(origin)

    def route(route: Route, request: Request) -> None:
        watch.requests.append(request.url)
        parts = urlsplit(request.url)
        if f"{parts.scheme}://{parts.netloc}" == origin:
            route.continue_()
        else:
            watch.outside.append(request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    watch.attach(page)
    return page, watch


Opener = Callable[..., tuple[Page, Watch]]


@pytest.fixture
def new_page(browser: Browser, origin: str) -> Iterator[Opener]:
    """Open pages in fresh contexts (options as for ``new_context``); every context is closed after the test.

    Pages are watched against the site's server, or against the server at ``at`` for a site built by a test.
    """
    pages: list[Page] = []

    def opener(at: str | None = None, **options: object) -> tuple[Page, Watch]:
        page, watch = open_page(browser, at or origin, **options)
        pages.append(page)
        return page, watch

    yield opener
    for page in pages:
        page.context.close()


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    """The step catalogue the site was built from."""
    return load_catalogue(ROOT / "runbook")


Tour = tuple[dict[tuple[str, str], Visit], Watch]


def where(tour: Tour, lang: str) -> dict[str, str]:
    """Each step id with the page the tour found it on, in one edition."""
    visits, _ = tour
    return {step: name for (edition, name), visit in visits.items() if edition == lang for step in visit.steps}


_IN_VIEW = """id => { const element = document.getElementById(id);
                      if (!element || !element.checkVisibility()) return false;
                      const box = element.getBoundingClientRect();
                      return box.height > 0 && box.top >= -1 && box.top < window.innerHeight; }"""


def in_view(page: Page, element_id: str) -> bool:
    """The element with this id is rendered and, once the page has settled (within 5 s), in the viewport.

    Polled from here rather than with ``wait_for_function``, which needs the page's own scripts to run.
    """
    for _ in range(500):
        if page.evaluate(_IN_VIEW, element_id):
            return True
        page.wait_for_timeout(10)
    return False


@pytest.fixture(scope="session")
def tour(browser: Browser, origin: str) -> Iterator[Tour]:
    """Every page of both editions opened once: what each showed, and every request of the whole tour."""
    page, watch = open_page(browser, origin)
    visits: dict[tuple[str, str], Visit] = {}
    for lang in LANGUAGES:
        for name in PAGES:
            before = len(watch.errors)
            page.goto(f"{origin}/{lang}/{name}.html", wait_until="load")
            visit = Visit(
                ids=set(page.eval_on_selector_all("[id]", "nodes => nodes.map(n => n.id)")),
                steps=page.eval_on_selector_all("section.cutover-step", "nodes => nodes.map(n => n.id)"),
            )
            visit.errors = watch.errors[before:]
            visits[lang, name] = visit
    in_every = set.intersection(
        *({s for (e, _), v in visits.items() if e == lang for s in v.steps} for lang in LANGUAGES)
    )
    SUMMARY.append(
        f"{len(visits)} pages opened ({len(PAGES)} per edition), {len(in_every)} step ids present in every edition, "
        f"{len(watch.requests)} requests, {len(watch.outside)} to other hosts"
    )
    yield visits, watch
    page.context.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say what the browser saw, so the numbers are in the log of every run."""
    for line in SUMMARY:
        terminalreporter.write_line(f"browser: {line}")
