"""Claims on pages: ``{cutover:claim}`` marks a rule sentence with what it claims; each build checks its words.

The directive parses its body like any text, so the sentence is translated as one message and shows as before.
Once the page is read and translated, ``ClaimWords`` checks the sentence's words in the build's edition against the
claim (``cutover.claims.check_words``) and leaves the sentence in the page without a trace of the claim. A sentence
whose words say the opposite fails the build, with the page, the line, the claim and the word. That the package says
what the claim says is checked by Sybil under pytest (``conftest.py``), not by every build.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from cutover.catalogue import MailVariant
from cutover.claims import Claim, ClaimError, check_words, parse_claim
from cutover.sphinxext.catalogue_access import _lang, _read
from cutover.sphinxext.domain import DOMAIN, domain_of
from cutover.sphinxext.steps import CARD

__all__ = ["claim", "sentence_of", "setup_claims"]

logger = logging.getLogger(__name__)


class claim(nodes.Element):  # noqa: N801  # docutils names its node classes in lower case
    """A rule sentence and its claim, until ``ClaimWords`` has checked the words; then only the sentence is left."""


class ClaimDirective(SphinxDirective):
    """``{cutover:claim} before mail-choose-variant portal-stop-exporter`` (options ``:variant:``, ``:source:``)."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {"variant": directives.unchanged_required, "source": directives.unchanged_required}  # noqa: RUF012

    def run(self) -> list[nodes.Node]:
        node = claim()
        self.set_source_info(node)
        node += self.parse_content_to_nodes()
        try:
            parsed = parse_claim(self.arguments[0], self.options)
        except ClaimError as error:
            logger.error("%s", error, location=self.get_location(), type="cutover", subtype="claim")
            domain_of(self.env).note_build_error(self.env.docname, "claim")
            return node.children
        node["kind"], node["args"], node["here"] = parsed.kind, list(parsed.args), self.env.temp_data.get(CARD) or ""
        node["variant"], node["source"] = parsed.variant.value if parsed.variant else "", parsed.source or ""
        return [node]


def sentence_of(node: nodes.Element) -> str:
    """The sentence of a claim as MyST would write it: its own words, each linked step as ``{step}`id```."""
    parts: list[str] = []
    for child in node.findall(include_self=False, descend=True, siblings=False):
        if isinstance(child, addnodes.pending_xref) and child.get("refdomain") == "std":
            parts.append(f" {{step}}`{child['reftarget']}` ")
        elif isinstance(child, nodes.Text) and not _in_link_or_badge(child):
            parts.append(child.astext())
    return "".join(parts)


def _in_link_or_badge(text: nodes.Text) -> bool:
    parent = text.parent
    while parent is not None:
        if isinstance(parent, addnodes.pending_xref) or "cutover-id" in parent.get("classes", ()):
            return True
        parent = parent.parent
    return False


class ClaimWords(SphinxTransform):
    """Check each claim's words in the build's edition, after the translation; then leave only the sentence."""

    default_priority = 500  # after sphinx.transforms.i18n.Locale (20): the words are the edition's own

    def apply(self) -> None:
        catalogue = _read(self.env)[0]
        lang, statements = _lang(self.env), catalogue.statements
        for node in list(self.document.findall(claim)):
            variant = MailVariant(node["variant"]) if node["variant"] else None
            # A retired id stands for its successor, as the {step} links of the sentence do.
            args = tuple(catalogue.resolve(a).id if a in catalogue.aliases else a for a in node["args"])
            said = Claim(node["kind"], args, variant, node["source"] or None)
            for problem in check_words(said, sentence_of(node), lang, statements, here=node["here"] or None):
                logger.error("claim %s: %s", said, problem, location=node, type="cutover", subtype="claim")
                domain_of(self.env).note_build_error(self.env.docname, "claim")
            node.replace_self(node.children)


def setup_claims(app: Sphinx) -> None:
    """``{cutover:claim}``, and the check of its words in every build."""
    app.add_node(claim)
    app.add_directive_to_domain(DOMAIN, "claim", ClaimDirective)
    app.add_transform(ClaimWords)
