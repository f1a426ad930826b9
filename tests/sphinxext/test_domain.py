"""The ``cutover`` domain: the build errors and placed steps it keeps, per page, and joined after a parallel read."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import cast

from sphinx.environment import BuildEnvironment

from cutover.sphinxext.domain import CutoverDomain
from sphinxext.builds import RUNBOOK, _build, _project


def _domain(build_errors: tuple[tuple[str, str], ...] = (), placed: tuple[tuple[str, str], ...] = ()) -> CutoverDomain:
    """A domain over an environment of its own, holding these build errors and (step, page) placements."""
    domain = CutoverDomain(cast("BuildEnvironment", SimpleNamespace(domaindata={})))
    domain.build_errors.extend(build_errors)
    domain.placed.update(dict(placed))
    return domain


def test_domain_starts_empty() -> None:
    """A new environment's domain has no build errors and no placed steps yet."""
    domain = _domain()
    expected: tuple[list[object], dict[str, str]] = ([], {})
    assert expected == (domain.build_errors, domain.placed)


def test_noted_build_errors_and_steps_are_kept() -> None:
    """What the directives and roles note is what the domain holds."""
    domain = _domain()
    domain.note_build_error("a", "lead-x")
    domain.note_step("lead-decide", "a")
    domain.note_step("lead-decide", "b")
    expected = ([("a", "lead-x")], {"lead-decide": "b"})
    assert expected == (domain.build_errors, domain.placed)


def test_clear_doc_forgets_the_build_errors_of_one_page() -> None:
    """Re-reading a page forgets the unknown ids found on it, and only those."""
    domain = _domain((("a", "lead-x"), ("b", "lead-y"), ("a", "lead-z")))
    domain.clear_doc("a")
    expected = [("b", "lead-y")]
    assert expected == domain.build_errors


def test_clear_doc_forgets_the_steps_placed_on_one_page() -> None:
    """Re-reading a page forgets the steps placed on it, and only those."""
    domain = _domain(placed=(("lead-decide", "a"), ("mail-choose-variant", "b")))
    domain.clear_doc("a")
    expected = {"mail-choose-variant": "b"}
    assert expected == domain.placed


def test_merge_takes_the_build_errors_of_a_parallel_reader() -> None:
    """After a parallel read, the main environment knows the unknown ids every reader found."""
    domain = _domain((("a", "lead-x"),))
    domain.merge_domaindata({"b"}, _domain((("b", "lead-y"),)).data)
    expected = [("a", "lead-x"), ("b", "lead-y")]
    assert expected == domain.build_errors


def test_merge_from_a_reader_without_build_errors() -> None:
    """A parallel reader that found nothing adds nothing."""
    domain = _domain((("a", "lead-x"),))
    domain.merge_domaindata({"b"}, _domain().data)
    expected = [("a", "lead-x")]
    assert expected == domain.build_errors


def test_merge_takes_the_steps_a_parallel_reader_placed() -> None:
    """After a parallel read, the main environment knows where every reader found each step."""
    domain = _domain(placed=(("lead-decide", "a"),))
    domain.merge_domaindata({"b"}, _domain(placed=(("mail-choose-variant", "b"),)).data)
    expected = {"lead-decide": "a", "mail-choose-variant": "b"}
    assert expected == domain.placed


def test_merge_takes_only_the_pages_the_reader_read() -> None:
    """What another reader's data holds about pages it did not read is not taken: those are the main reader's."""
    domain = _domain((("a", "lead-x"),), (("lead-decide", "a"),))
    domain.merge_domaindata({"b"}, _domain((("a", "lead-q"), ("b", "lead-y")), (("portal-activate", "a"),)).data)
    expected = ([("a", "lead-x"), ("b", "lead-y")], {"lead-decide": "a"})
    assert expected == (domain.build_errors, domain.placed)


def test_a_page_read_again_without_its_unknown_id_builds_cleanly(tmp_path: Path) -> None:
    """An incremental build that re-reads a corrected page forgets its error: Sphinx calls the domain's clear_doc."""
    src = _project(tmp_path, {"index": "# Start\n\n```{cutover:step} lead-decde\n```\n"}, RUNBOOK)
    first = _build(src, tmp_path / "out")
    (src / "index.md").write_text("# Start\n\n```{cutover:step} lead-decide\n```\n", encoding="utf-8")
    second = _build(src, tmp_path / "out")
    expected = (1, 0, "")
    assert expected == (first.status, second.status, second.stderr)
