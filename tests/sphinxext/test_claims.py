"""``{cutover:claim}``: the sentence shows as if the directive were not there; each build checks its edition's words."""

from __future__ import annotations

import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from cutover.sphinxext.claims import sentence_of
from sphinxext.builds import RUNBOOK, _build, _project, _write_po

GERMAN = "Stoppen Sie den ExporterV2 erst, wenn niemand mehr arbeitet ({step}`lead-stop-work-in-performer`)."
ENGLISH = "Only stop ExporterV2 once nobody works any more ({step}`lead-stop-work-in-performer`)."
TARGET = "\n```{cutover:step} lead-stop-work-in-performer\n```\n"  # the step the sentences link
CLAIM = f":::{{cutover:claim}} after portal-stop-exporter lead-stop-work-in-performer\n{GERMAN}\n:::\n"
CLAIMED = f"# Start\n\n```{{cutover:step}} portal-stop-exporter\n{CLAIM}```\n"  # in the card of its first step
PLAIN = f"# Start\n\n```{{cutover:step}} portal-stop-exporter\n{GERMAN}\n```\n"


def _body(page: str) -> str:
    return page.split('role="main">', 1)[1].split("</section>", 1)[0]


def _built(tmp_path: Path, page: str, english: str = ENGLISH, lang: str = "de") -> tuple[int, str, str]:
    src = _project(tmp_path, {"index": page + TARGET}, RUNBOOK)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('myst_enable_extensions = ["colon_fence"]\n')  # as docs/conf.py: the pages' ::: fences
    _write_po(src, "en", {"index": {"Start": "Start", GERMAN: english}})
    build = _build(src, tmp_path / "out", "-D", f"language={lang}")
    return build.status, build.stderr, _body(build.pages["index"])


def test_a_claim_leaves_no_trace_in_either_edition(tmp_path: Path) -> None:
    for lang in ("de", "en"):
        claimed = _built(tmp_path / f"claimed-{lang}", CLAIMED, lang=lang)
        plain = _built(tmp_path / f"plain-{lang}", PLAIN, lang=lang)
        assert (0, "", plain[2]) == claimed, lang
        assert ("erst, wenn" if lang == "de" else "once nobody") in claimed[2]


def test_a_translation_that_says_the_opposite_fails_the_english_build_where_it_stands(tmp_path: Path) -> None:
    status, stderr, _ = _built(tmp_path, CLAIMED, ENGLISH.replace("Only stop ExporterV2 once", "Stop it even if"), "en")
    lines = [line for line in stderr.splitlines() if "ERROR" in line]
    assert (1, 2) == (status, len(lines))
    assert re.search(
        r"index\.md:4: ERROR: claim after portal-stop-exporter lead-stop-work-in-performer: no word", lines[0]
    )
    assert lines[1].endswith("'even if' says the opposite [cutover.claim]")


def test_an_unknown_kind_is_a_located_error_and_the_sentence_still_shows(tmp_path: Path) -> None:
    status, stderr, body = _built(tmp_path, CLAIMED.replace("{cutover:claim} after", "{cutover:claim} later"))
    assert (1, True, True) == (
        status,
        "index.md:4: ERROR: unknown kind of claim 'later'" in stderr,
        "erst, wenn niemand mehr arbeitet" in body,
    )


def test_a_claim_in_its_step_s_card_need_not_link_that_step(tmp_path: Path) -> None:
    status, stderr, body = _built(tmp_path, CLAIMED)
    assert (0, "", True) == (status, stderr, 'id="portal-stop-exporter"' in body)
    outside = "# Start\n\n" + CLAIM.replace("({step}`lead-stop-work-in-performer`)", "")
    status, stderr, _ = _built(tmp_path / "outside", outside)
    assert (1, True, True) == (
        status,
        "{step}`portal-stop-exporter` is not linked" in stderr,
        "{step}`lead-stop-work-in-performer` is not linked" in stderr,
    )


def test_the_sentence_of_a_claim_keeps_its_links_and_drops_the_linked_titles_and_badges() -> None:
    paragraph = nodes.paragraph()
    link = addnodes.pending_xref("", refdomain="std", reftype="ref", reftarget="lead-decide")
    link += nodes.inline("", "Nicht vergessen")
    badge = nodes.inline("", "", classes=["cutover-badge", "cutover-id"])
    badge += nodes.Text("lead-decide")
    paragraph += [nodes.Text("Zuerst "), link, nodes.Text(" "), badge, nodes.Text(".")]
    assert "Zuerst  {step}`lead-decide`  ." == sentence_of(paragraph)
