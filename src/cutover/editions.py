"""The editions of the runbook, declared once in ``editions.toml``: their languages, names and titles, the root page.

This module uses the standard library only, and nothing else of the package: ``noxfile.py`` loads it by its path,
from nox's own Python, where neither the package nor its dependencies are installed.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "EDITIONS_FILE",
    "Edition",
    "EditionsError",
    "build_edition",
    "codes",
    "edition",
    "editions",
    "pdf_arguments",
    "read_editions",
    "root_page",
]

EDITIONS_FILE = Path(__file__).with_name("editions.toml")
_CODE = re.compile(r"[a-z]{2,3}\Z")


@dataclass(frozen=True, slots=True)
class Edition:
    """One language of the site; the fields are described at the top of ``editions.toml``."""

    code: str
    name: str
    switch: str
    title: str
    description: str
    enter: str


_FIELDS = tuple(f.name for f in dataclasses.fields(Edition))


class EditionsError(ValueError):
    """``editions.toml`` cannot be read or declares an edition wrongly; the message names the file and each key."""


def read_editions(path: Path = EDITIONS_FILE) -> tuple[Edition, ...]:
    """Every edition the file declares, the source language first; every problem at once in an ``EditionsError``."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise EditionsError(f"{path}: not readable: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise EditionsError(f"{path}: not readable: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise EditionsError(f"{path}: invalid TOML: {error}") from None
    problems = [f"{key}: unknown key (only [[edition]] tables belong here)" for key in data if key != "edition"]
    entries = data.get("edition")
    if not isinstance(entries, list) or not entries:
        problems.append("edition: declare at least one [[edition]] table")
        entries = []
    found: list[Edition] = []
    for index, entry in enumerate(entries):
        where = f"edition[{index}]"
        if not isinstance(entry, dict):
            problems.append(f"{where}: must be a table")
            continue
        problems += [f"{where}.{key}: unknown key (known: {', '.join(_FIELDS)})" for key in entry if key not in _FIELDS]
        values = {name: entry.get(name) for name in _FIELDS}
        bad = [name for name, value in values.items() if not isinstance(value, str) or not value.strip()]
        problems += [f"{where}.{name}: must be a text that is not empty" for name in bad]
        code = values["code"]
        if isinstance(code, str) and not _CODE.match(code):
            problems.append(f"{where}.code: {code!r} is no language code (two or three small letters, e.g. fr)")
        elif code in {e.code for e in found}:
            problems.append(f"{where}.code: {code!r} is declared twice")
        if not bad:
            found.append(Edition(**values))  # type: ignore[arg-type]  # each value checked to be a text above
    if problems:
        raise EditionsError("\n".join(f"{path}: {problem}" for problem in problems))
    return tuple(found)


@cache
def editions() -> tuple[Edition, ...]:
    """The editions of this package's ``editions.toml``, read once."""
    return read_editions()


def codes() -> tuple[str, ...]:
    """The language codes of the editions, the source language first."""
    return tuple(e.code for e in editions())


def edition(language: str | None) -> Edition:
    """The edition a build or a reader asks for; a language no edition declares is an error, never German."""
    for candidate in editions():
        if candidate.code == language:
            return candidate
    raise EditionsError(
        f"{EDITIONS_FILE}: no edition is declared for the language {language!r} "
        f"(declared: {', '.join(codes())}); add it there, or build one of those"
    )


def build_edition(language: str | None) -> Edition:
    """The edition a build's language setting asks for, whatever its region (``en_GB`` builds ``en``).

    No setting means the source edition; a language no edition declares is an ``EditionsError``.
    """
    return edition(str(language or codes()[0]).replace("-", "_").split("_")[0])


def pdf_arguments(docs: Path, lang: str, out: Path, doctrees: Path) -> list[str]:
    """sphinx-build's arguments for an edition's PDF checklists (rinohtype, ``docs/_pdf/``), every warning an error.

    ``nox -s docs`` runs them with the doctrees of the HTML build, so the pages are not read again;
    tests/test_pdf.py runs them too.
    """
    return ["-W", "-n", "-q", "-b", "rinoh", "-D", f"language={lang}", "-d", str(doctrees), str(docs), str(out)]


_ROOT_PAGE = """\
<!DOCTYPE html>
<html lang="{source}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{titles}</title>
<link rel="icon" href="{source}/_static/favicon.svg">
{alternates}
<script>
  // Comfort only: go to the edition the browser prefers; without JavaScript the reader picks one below.
  // A link to a step (#id) keeps it, since every step has the same id in both editions.
  (function () {{
    var editions = {codes};
    var preferred = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < preferred.length; i++) {{
      var code = String(preferred[i] || "").toLowerCase().split("-")[0];
      if (editions.indexOf(code) !== -1) {{
        window.location.replace(code + "/index.html" + window.location.hash);
        return;
      }}
    }}
  }})();
</script>
<style>
  body {{ font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; max-width: 36rem;
         margin: 3rem auto; padding: 0 1rem; line-height: 1.5; color: #222; }}
  a {{ font-size: 1.2rem; }}
  li {{ margin: 0.75rem 0; }}
</style>
</head>
<body>
<h1>{heading}</h1>
<ul>
{links}
</ul>
</body>
</html>
"""


def root_page(declared: tuple[Edition, ...]) -> str:
    """The site's root page: a link into each edition that works without JavaScript, and a script that only picks one.

    ``nox -s docs`` writes it to ``build/site/index.html``; its own words are each edition's, so it needs no language.
    """
    source = declared[0]
    return _ROOT_PAGE.format(
        source=source.code,
        titles=" · ".join(html.escape(e.title) for e in declared),
        alternates="\n".join(
            f'<link rel="alternate" hreflang="{e.code}" href="{e.code}/index.html">' for e in declared
        ),
        codes=json.dumps([e.code for e in declared]),
        heading=html.escape(source.title),
        links="\n".join(
            f'  <li lang="{e.code}"><a href="{e.code}/index.html" hreflang="{e.code}">'
            f"{html.escape(e.name)}: {html.escape(e.enter)}</a></li>"
            for e in declared
        ),
    )
