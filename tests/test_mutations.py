"""The mutation gate's set stays applicable, and the gate tells a check of meaning from a missing translation."""

from __future__ import annotations

from pathlib import Path

import pytest

from mutations import FIRST, ROOT, Outcome, classify, read_mutations, report

CLAIM_FAILED = "FAILED docs/portale.md::line:39,column:1 - AssertionError: claim after a b:"


def test_the_set_has_forty_mutations_over_every_category_each_applicable_once() -> None:
    mutations = read_mutations()
    changes = [(m.id, file, old) for m in mutations for file, old, _ in m.changes]
    stale = [(name, file) for name, file, old in changes if (ROOT / file).read_text("utf-8").count(old) != 1]
    assert (True, set(FIRST), []) == (len(mutations) >= 40, {m.category for m in mutations}, stale)


def test_a_wrong_entry_is_named_with_its_key(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text(
        '[[mutation]]\nid = "x"\ncategory = "poetry"\nfile = "f"\nold = "a"\nnew = "b"\nwhy = "w"\n'
        '[[mutation]]\nid = "y"\nfile = "f"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="unknown category 'poetry'") as error:
        read_mutations(path)
    assert "mutation[1]: missing ['category', 'new', 'old', 'why'], unknown []" in str(error.value)


@pytest.mark.parametrize(
    ("output", "verdict"),
    [
        ("1 passed", "survived"),
        ("FAILED tests/test_mail.py::test_x - AssertionError\n", "killed"),
        (f"{CLAIM_FAILED}\nE     de: no word says it (nach)\nE     en: x.po has no translation of it\n", "killed"),
        (f"{CLAIM_FAILED}\nE     en: docs/locale/en/LC_MESSAGES/portale.po has no translation of it\n", "fresh only"),
        (f"{CLAIM_FAILED}\nE     en: x.po has no translation of it\nFAILED tests/test_truth.py::t - x\n", "killed"),
    ],
)
def test_a_failure_of_meaning_kills_a_missing_translation_alone_does_not(output: str, verdict: str) -> None:
    assert verdict == classify(output)


def test_the_report_scores_each_category_and_lists_who_was_not_killed() -> None:
    first, second = read_mutations()[:2]
    lines = report([Outcome(first, "killed", "", 1.0), Outcome(second, "survived", "", 1.0)])
    assert lines[-2:] == [
        "score: 1 of 2 killed by a check of meaning",
        f"survived: {second.id} ({second.category}) {second.file}: {second.old!r} -> {second.new!r}: {second.why}",
    ]
