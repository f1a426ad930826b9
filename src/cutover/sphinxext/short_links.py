"""Short links ``s/<id>.html`` for every step id and retired id, and ``steps.json`` for other tools.

Both need every step placed on a page, which the build checks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from cutover.catalogue import LANGUAGES, Catalogue, span_json
from cutover.links import SHORT, short_path
from cutover.sphinxext.catalogue_access import _catalogue, _lang, _read, _writes_html_of_a_valid_catalogue
from cutover.sphinxext.domain import domain_of
from cutover.words import words_of

__all__ = ["setup_short_links", "steps_json"]

logger = logging.getLogger(__name__)


def _pages(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """Each step id and alias with the page and HTML id of the step it leads to, for the steps placed on a page."""
    placed = domain_of(env).placed
    catalogue = _catalogue(env)
    return {
        name: (placed[step.id], step.id) for step in catalogue if step.id in placed for name in (step.id, *step.aliases)
    }


def _check_placed(app: Sphinx, env: BuildEnvironment) -> None:
    """Every step of a valid catalogue is on a page; else its short links would lead nowhere."""
    catalogue, problems = _read(env)
    if problems:
        return
    placed = domain_of(env).placed
    for step in catalogue:
        if step.id not in placed:
            logger.warning(
                "step %r is on no page, so its short link %s leads nowhere:"
                " place it with a ```{cutover:step} %s``` block",
                step.id,
                short_path(_lang(env), step.id),
                step.id,
                type="cutover",
                subtype="unplaced",
            )


def _short_links(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """One page per step id and alias, ``s/<id>.html``: a redirect that works without JavaScript, and a link."""
    if not _writes_html_of_a_valid_catalogue(app):
        return
    lang = _lang(app.env)
    texts = words_of("site", lang)
    catalogue = _catalogue(app.env)
    for name, (docname, anchor) in _pages(app.env).items():
        page = f"{SHORT}/{name}"
        step = catalogue[anchor]
        retired = texts["renamed"].format(old=name, new=anchor) if name != anchor else ""
        context = {
            "cutover_target": f"{app.builder.get_relative_uri(page, docname)}#{anchor}",
            "cutover_title": step.title.get(lang),
            "cutover_id": anchor,
            "cutover_retired": retired,
            "cutover_here": texts["moved"],
        }
        yield page, context, "cutover-shortlink.html"


def steps_json(catalogue: Catalogue, pages: dict[str, tuple[str, str]], suffix: str = ".html") -> dict[str, Any]:
    """What other tools need to link a step: for each id, title and URLs per edition, area, kind, span and aliases.

    URLs are relative to the steps.json of any edition (``../de/...``), the same file in every edition.
    """
    steps: dict[str, Any] = {}
    for step in catalogue:
        if step.id not in pages:
            continue
        docname = pages[step.id][0]
        steps[step.id] = {
            "title": {lang: step.title.get(lang) for lang in LANGUAGES},
            "url": {lang: f"../{lang}/{docname}{suffix}#{step.id}" for lang in LANGUAGES},
            "short_url": {lang: f"../{short_path(lang, step.id)}" for lang in LANGUAGES},
            "area": step.area.value,
            "kind": step.kind.value,
            "applies": step.applies.value,
            "recommended": step.recommended,
            "span": span_json(step),
            "switch": step.switch,
            "aliases": list(step.aliases),
        }
    return {"languages": list(LANGUAGES), "steps": steps, "aliases": dict(catalogue.aliases)}


def _write_steps_json(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not _writes_html_of_a_valid_catalogue(app):
        return
    data = steps_json(_catalogue(app.env), _pages(app.env), app.builder.out_suffix)  # type: ignore[attr-defined]
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    Path(app.outdir, "steps.json").write_text(text, encoding="utf-8")


def setup_short_links(app: Sphinx) -> None:
    """The short-link pages (template ``cutover-shortlink.html``, beside the layout), steps.json, the placing check."""
    app.connect("env-check-consistency", _check_placed)
    app.connect("html-collect-pages", _short_links)
    app.connect("build-finished", _write_steps_json)
