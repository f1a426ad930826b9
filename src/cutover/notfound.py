"""The site's 404 page: one ``404.html`` at the root, in every edition's words, that works from any depth.

A static host shows it for any address it does not have, at that address: for a mistyped short link
(``/de/s/portal-verfy-offline.html``) as for a page that never was. So its links start at the site's root (the
path of the site's address), its style is inline, and it needs no script. It offers each edition's step index (a
step's title and id), its search and its start page. ``nox -s docs`` writes it with
``python -m cutover.notfound build/site/404.html``.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path
from urllib.parse import urlsplit

from cutover.catalogue.loading import default_runbook
from cutover.editions import editions
from cutover.errors import CutoverError
from cutover.links import base_url
from cutover.words import word

__all__ = ["STEP_INDEX", "not_found_page"]

STEP_INDEX = "schritte.html"
"""The page of every edition that lists every step with its id."""

_PAGE = """\
<!DOCTYPE html>
<html lang="{source}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{titles}</title>
<style>
  body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; max-width: 36rem;
         margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #222; background: #fff; }}
  section {{ margin: 0 0 2rem; }}
  h1 {{ font-size: 1.6rem; margin: 0 0 0.5rem; }}
  a {{ color: #0b57a4; font-size: 1.1rem; }}
  a:focus-visible {{ outline: 3px solid #0b57a4; outline-offset: 2px; }}
  li {{ margin: 0.5rem 0; }}
</style>
</head>
<body>
<main>
{sections}
</main>
</body>
</html>
"""

_SECTION = """\
<section lang="{code}" aria-labelledby="notfound-{code}">
<h1 id="notfound-{code}">{title}</h1>
<p>{text}</p>
<ul>
  <li><a href="{root}{code}/{steps}" hreflang="{code}">{steps_label}</a></li>
  <li><a href="{root}{code}/search.html" hreflang="{code}">{search}</a></li>
  <li><a href="{root}{code}/index.html" hreflang="{code}">{start}: {site}</a></li>
</ul>
</section>"""


def not_found_page(root: str = "/") -> str:
    """The page, its links starting at ``root`` (the path of the site's address, ending in a slash)."""
    declared = editions()
    sections = [
        _SECTION.format(
            code=e.code,
            root=html.escape(root),
            title=html.escape(word("notfound.title").get(e.code)),
            text=html.escape(word("notfound.text").get(e.code)),
            steps=STEP_INDEX,
            steps_label=html.escape(word("notfound.steps").get(e.code)),
            search=html.escape(word("notfound.search").get(e.code)),
            start=html.escape(word("notfound.start").get(e.code)),
            site=html.escape(e.title),
        )
        for e in declared
    ]
    titles = " · ".join(html.escape(word("notfound.title").get(e.code)) for e in declared)
    return _PAGE.format(source=declared[0].code, titles=titles, sections="\n".join(sections))


def main(argv: list[str] | None = None) -> int:
    """Write the page to the file named on the command line, its links under the site's address."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        sys.stderr.write("usage: python -m cutover.notfound OUTPUT.html\n")
        return 2
    try:
        root = urlsplit(base_url(runbook=default_runbook())).path  # the address ends in a slash: so does its path
    except CutoverError as error:  # a bad CUTOVER_BASE_URL or site.toml: said where, as the command line says it
        for line in error.lines():
            sys.stderr.write(f"cutover.notfound: {line}\n")
        return 2
    Path(args[0]).write_text(not_found_page(root), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
