"""No raw markup from a page or its translation: MyST's HTML is text, and raw directives are build errors."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from cutover.messages import visible
from cutover.sphinxext.domain import domain_of

__all__ = ["RawMarkup", "setup_raw_markup"]

logger = logging.getLogger(__name__)


class RawMarkup(SphinxTransform):
    """Refuse raw markup from a page or its translation: it is shown as text, and it is a build error at its line.

    A page or a translator's msgstr could otherwise put ``<script>`` or ``<img onerror=…>`` on the site. MyST's HTML
    syntax is switched off (``_switch_off_html``), so HTML in Markdown is text already; this catches what is left,
    a ``{raw}`` directive or raw reStructuredText.
    """

    default_priority = 27  # after Locale (20), so that a translated page is checked as it will be written

    def apply(self, **kwargs: Any) -> None:
        """Replace each raw node but the extension's own with its text, as a build error at its line."""
        for node in list(self.document.findall(nodes.raw)):
            if node.get("cutover"):
                continue
            text = node.astext()
            logger.error(
                "raw %s markup is not allowed on a page or in its translation (it is shown as text): %s",
                node.get("format", ""),
                visible(text),
                location=node,
                type="cutover",
                subtype="raw-markup",
            )
            domain_of(self.env).note_build_error(self.env.docname, "raw markup")
            inline = isinstance(node.parent, nodes.TextElement)
            node.replace_self(nodes.literal(text, text) if inline else nodes.literal_block(text, text))


def _switch_off_html(app: Sphinx, config: Any) -> None:
    """HTML in a page's Markdown, or in its translation, is text: MyST's two HTML rules are switched off."""
    if hasattr(config, "myst_disable_syntax"):
        config.myst_disable_syntax = sorted({*config.myst_disable_syntax, "html_block", "html_inline"})


def setup_raw_markup(app: Sphinx) -> None:
    """The raw-markup check, and MyST's HTML switched off."""
    app.add_transform(RawMarkup)
    app.connect("config-inited", _switch_off_html)
