"""The translated editions: untranslated text warned of, unreadable translations refused, fixed words translated.

The fixed words are the theme's English labels and the search script's words.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape
from pathlib import Path
from typing import Any

import sphinx.locale
from babel.messages.pofile import read_po
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import CatalogInfo
from sphinx.util.nodes import extract_messages

from cutover._toml import display_path, not_a_file
from cutover.sphinxext.build_errors import _failed, _log_problems
from cutover.sphinxext.catalogue_access import _lang_of

__all__ = ["UntranslatedText", "setup_translations", "translated_labels", "translations_js"]

logger = logging.getLogger(__name__)


class UntranslatedText(SphinxTransform):
    """In a translated edition, warn at each piece of source-language text that has no translation.

    Sphinx shows such text silently in the source language; with ``-W`` this warning fails the build instead,
    naming the page and line, so that no English page can show German by accident.
    """

    default_priority = 26  # after Locale (20) has translated and TranslationProgressTotaliser (25) has counted

    def apply(self, **kwargs: Any) -> None:
        """Warn at each untranslated piece of text, unless this is the source language's edition."""
        if _lang_of(self.config.language) == _lang_of(self.config.cutover_source_language):
            return
        for node, message in extract_messages(self.document):
            if not _translated(node, message):
                shown = message if len(message) <= 70 else message[:69] + "…"
                logger.warning(
                    "untranslated text in the %r edition: %r (run `nox -s translations-update`, then translate it)",
                    self.config.language,
                    shown,
                    location=node,
                    type="cutover",
                    subtype="untranslated",
                )


def _translated(node: nodes.Element, message: str) -> bool:
    """Whether Sphinx translated the message; a toctree's caption and titles are replaced in place, unmarked."""
    if isinstance(node, addnodes.toctree):
        entries: list[tuple[str | None, str]] = node.get("entries", [])
        titles = [title for title, _ in entries]
        return message != node.get("caption") and message not in titles
    return bool(node.get("translated"))


_LABEL = re.compile(r'\b(aria-label|title)="([^"<>{}]+)"')


def translated_labels(html: str) -> str:
    """A page with the labels its theme writes as fixed English text in the build's language.

    Themes write some labels in their templates as plain text, not through gettext (Sphinx's basic layout names
    its sidebar ``aria-label="Main"``), so no catalogue reaches them; every ``aria-label`` and ``title`` is looked
    up in Sphinx's catalogue, which holds the project's own German words (docs/locale/de/LC_MESSAGES/sphinx.po).
    """
    translator = sphinx.locale.get_translator()
    return _LABEL.sub(lambda m: f'{m[1]}="{escape(translator.gettext(unescape(m[2])))}"', html)


def _compile_readable_catalogues(app: Sphinx) -> None:
    """Let Sphinx compile only the translations that are files; name each other one as a build error.

    Sphinx opens every ``*.po`` it finds: one that is a folder would stop the build with a traceback, a pipe would
    keep it waiting for ever.
    """
    compile_catalogs = app.builder.compile_catalogs

    def compile_readable(catalogs: set[CatalogInfo], message: str) -> None:
        readable, problems = set(), []
        for catalog in catalogs:
            path = Path(catalog.po_path)
            if problem := not_a_file(path, display_path(path)):
                problems.append(problem)
            else:
                readable.add(catalog)
        _log_problems("unreadable translation: %s", tuple(problems), "translation")
        if problems:  # this build fails; the next one looks again, so the failure is not kept with the pages
            app.connect("build-finished", _failed)
        compile_catalogs(readable, message)

    app.builder.compile_catalogs = compile_readable  # type: ignore[method-assign]


def _translate_theme_labels(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if app.builder.format != "html" or templates is None:
        return
    render = templates.render

    def rendered(template: str, context: dict[str, Any]) -> str:
        return translated_labels(render(template, context))

    templates.render = rendered


def _project_messages(app: Sphinx) -> Path | None:
    """The project's own catalogue of Sphinx's words for the build's language (``locale/<lang>/sphinx.po``)."""
    for folder in app.config.locale_dirs:
        po = Path(app.srcdir, folder, str(app.config.language), "LC_MESSAGES", "sphinx.po")
        if po.is_file():
            return po
    return None


def translations_js(language: str, po: Path) -> str:
    """The search script's words for ``language``: Sphinx's own, overlaid with the project's ``sphinx.po``.

    Sphinx compiles a project's ``sphinx.po`` for the pages, but takes the script's words from its own prebuilt
    file only; and that file's plural rule returns true or false where the script indexes a list, so a result
    count in German shows nothing. The rule written here returns a number.
    """
    own = Path(sphinx.locale.__file__).parent / language / "LC_MESSAGES" / "sphinx.js"
    data: dict[str, Any] = {"messages": {}}
    if own.is_file():
        text = own.read_text(encoding="utf-8")
        data = json.loads(text[text.index("(") + 1 : text.rindex(")")])
    with po.open("rb") as file:
        catalog = read_po(file)
    for message in catalog:
        if message.id and message.string:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            data["messages"][key] = list(message.string) if isinstance(message.string, tuple) else message.string
    data["locale"] = language
    data["plural_expr"] = f"Number({catalog.plural_expr})"
    return f"Documentation.addTranslations({json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)});\n"


def _write_translations_js(app: Sphinx, exception: Exception | None) -> None:
    po = _project_messages(app)
    if exception is not None or app.builder.format != "html" or po is None:
        return
    Path(app.outdir, "_static", "translations.js").write_text(
        translations_js(str(app.config.language), po), encoding="utf-8"
    )


def _builder_inited(app: Sphinx) -> None:
    _translate_theme_labels(app)
    _compile_readable_catalogues(app)


def setup_translations(app: Sphinx) -> None:
    """The untranslated-text check, the readable-translations guard, the theme's labels and the search's words."""
    app.add_transform(UntranslatedText)
    app.connect("builder-inited", _builder_inited)
    app.connect("build-finished", _write_translations_js)
