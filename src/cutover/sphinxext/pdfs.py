"""``{pdf}``: a link to the PDF the site builds of a page, titled like the PDF."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from cutover.sphinxext.domain import DOMAIN, domain_of

__all__ = ["PDF_FOLDER", "setup_pdfs"]

logger = logging.getLogger(__name__)

PDF_FOLDER = "pdf"
"""Where in each edition the site build (noxfile.py) puts the PDFs that conf.py's ``rinoh_documents`` describe."""


def _pdfs(config: Config, docname: str) -> dict[str, tuple[str, str]]:
    """Each page the site also builds as PDF, with a link text for that PDF and its address relative to ``docname``.

    None if the site builds no PDFs. conf.py sets ``rinoh_documents`` in every build, HTML included.
    """
    documents: list[dict[str, str]] = getattr(config, "rinoh_documents", None) or []
    up = "../" * docname.count("/")
    return {d["doc"]: (f"{d['title']} (PDF)", f"{up}{PDF_FOLDER}/{d['target']}.pdf") for d in documents}


class PdfRole(SphinxRole):
    """``{pdf}`checkliste-variante-a``: a link to the PDF of that page, titled like the PDF."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        page = self.text.strip()
        found = _pdfs(self.config, self.env.docname).get(page)
        if found is None:
            logger.error(
                "%r is not built as PDF: no entry of rinoh_documents in conf.py has doc %r",
                page,
                page,
                location=self.get_location(),
                type="cutover",
                subtype="pdf",
            )
            domain_of(self.env).note_build_error(self.env.docname, page)
            return [nodes.literal(self.rawtext, page)], []
        text, address = found
        return [nodes.reference(text, text, refuri=address, classes=["cutover-pdf"])], []


def setup_pdfs(app: Sphinx) -> None:
    """The role ``{pdf}`` under its plain name, for the translations write it so; ``{cutover:pdf}`` too."""
    app.add_role("pdf", PdfRole())
    app.add_role_to_domain(DOMAIN, "pdf", PdfRole())
