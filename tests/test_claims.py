"""Claims: read from a page's markup, checked against the package, and against the sentence's words in each edition."""

from __future__ import annotations

from pathlib import Path

import pytest

from cutover.catalogue import MailVariant
from cutover.claim_pages import card_at, check_claim_on_page, claims_on_page, translations
from cutover.claims import KINDS, Claim, ClaimError, check_package, check_words, parse_claim, step_refs
from cutover.editions import codes
from cutover.markers import phrases

STATEMENTS = {"S15": "In Variante a darf das Konto auf keinen Fall angelegt werden.", "S1": "Schritte abarbeiten."}
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
AFTER = "after portal-stop-exporter lead-stop-work-in-performer"
SENTENCE = "Stoppen Sie den ExporterV2 erst, wenn niemand mehr arbeitet ({step}`lead-stop-work-in-performer`)."
ENGLISH = "Only stop ExporterV2 once nobody works any more ({step}`lead-stop-work-in-performer`)."


@pytest.mark.parametrize(
    ("line", "options", "said"),
    [
        ("before a-b c-d", {"variant": "a"}, "before a-b c-d :variant: a"),
        ("never inbox-not-emptied", {"source": "S21"}, "never inbox-not-emptied :source: S21"),
        ("applies x-y contact-sync", None, "applies x-y contact-sync"),
    ],
)
def test_a_claim_reads_back_as_written(line: str, options: dict[str, str] | None, said: str) -> None:
    assert said == str(parse_claim(line, options))


@pytest.mark.parametrize(
    ("line", "options", "message"),
    [
        ("", None, "unknown kind of claim ''"),
        ("maybe a-b", None, "unknown kind of claim 'maybe'"),
        ("before a-b", None, "the claim before takes STEP STEP, not a-b"),
        ("never", None, "the claim never takes CHECK, not nothing"),
        ("before a-b c-d", {"when": "x"}, "unknown option when (known: variant, source)"),
        ("before a-b c-d", {"variant": "c"}, "unknown mail variant 'c' (known: a, b)"),
        ("never some-check", {"variant": "a"}, "the option variant limits an order (before, after), not a claim never"),
        ("before a-b c-d", {"source": "15"}, "'15' is no statement id"),
    ],
)
def test_a_claim_that_cannot_be_read_says_why(line: str, options: dict[str, str] | None, message: str) -> None:
    with pytest.raises(ClaimError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_claim(line, options)


TRUE = [
    "after portal-stop-exporter lead-stop-work-in-performer",
    "before lead-stop-work-in-performer portal-stop-exporter",
    "before portal-verify-offline portal-switch-to-platform",  # a recommended step: order only
    "never exporter-stopped-while-working-in-performer",
    "risk calendar-sync-duplicates",
    "until lead-keep-exporter-running portal-stop-exporter",
    "from portal-block-performer-transfer portal-activate",
    "recommended mail-connect-client",
    "required portal-deactivate-listings",
    "applies mail-no-platform-account variant-a",
]


@pytest.mark.parametrize("line", TRUE)
def test_a_true_claim_holds_for_the_package(line: str) -> None:
    check_package(parse_claim(line))  # raises if the package says otherwise


@pytest.mark.parametrize(
    ("line", "options", "said"),
    [
        ("after lead-stop-work-in-performer portal-stop-exporter", {}, "to wait for portal-stop-exporter"),
        ("before portal-switch-to-platform portal-verify-offline", {}, "expected portal-switch-to-platform before"),
        ("never calendar-sync-duplicates", {}, "to be a blocker, but it is a warning"),
        ("risk inbox-not-emptied", {}, "to be a warning, but it is a blocker"),
        ("never inbox-not-emptied", {"source": "S15"}, "to carry S15, but it carries S21"),
        ("until lead-keep-exporter-running portal-activate", {}, "to hold until portal-activate"),
        ("from portal-block-performer-transfer portal-stop-exporter", {}, "to hold from portal-stop-exporter"),
        ("until portal-stop-exporter portal-activate", {}, "to be a rule, but it is a action"),
        ("recommended portal-deactivate-listings", {}, "to be recommended"),
        ("required mail-connect-client", {}, "to be required"),
        ("applies mail-no-platform-account variant-b", {}, "to apply variant-b, but it applies variant-a"),
        ("required portal-deactivate-listings", {"source": "S11"}, "to carry S11"),
    ],
)
def test_a_false_claim_fails_saying_what_the_package_says(line: str, options: dict[str, str], said: str) -> None:
    with pytest.raises(AssertionError, match=said):
        check_package(parse_claim(line, options))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("before lead-decid portal-stop-exporter", "lead-decid"),
        ("never no-such-check", "unknown duplicate check 'no-such-check'"),
        ("applies lead-decide sometimes", "unknown condition 'sometimes'"),
    ],
)
def test_a_claim_about_something_unknown_is_a_claim_error(line: str, message: str) -> None:
    with pytest.raises(ClaimError, match=message):
        check_package(parse_claim(line))


def _words(line: str, sentence: str, lang: str = "de", **options: str) -> list[str]:
    """What is wrong with ``sentence`` for the claim ``line``, said in the card of portal-stop-exporter."""
    return check_words(parse_claim(line, options), sentence, lang, STATEMENTS, here="portal-stop-exporter")


def test_the_right_words_in_german_and_english_say_nothing_is_wrong() -> None:
    assert ([], []) == (_words(AFTER, SENTENCE), _words(AFTER, ENGLISH, "en"))


def test_missing_and_opposite_words_are_named() -> None:
    reversed_ = SENTENCE.replace("erst, wenn niemand", "auch, wenn noch jemand")
    assert ["no word says it (" + " | ".join(phrases("after.carry", "de")) + ")", "'auch wenn' says the opposite"] == (
        _words(AFTER, reversed_)
    )


def test_a_word_counts_only_whole_and_not_inside_a_step_link() -> None:
    # "zuerst" holds no "erst", and the linked step's id is no word of the sentence
    assert ["no word says it (" + " | ".join(phrases("after.carry", "de")) + ")"] == _words(
        "after lead-decide portal-stop-exporter", "Zuerst {step}`lead-decide`, {step}`portal-stop-exporter` nachher."
    )


def test_a_step_the_claim_names_must_be_linked_unless_the_sentence_is_in_its_card() -> None:
    claim = parse_claim(AFTER)
    unlinked = SENTENCE.replace("({step}`lead-stop-work-in-performer`)", "")
    assert (["{step}`lead-stop-work-in-performer` is not linked"], ["{step}`portal-stop-exporter` is not linked"]) == (
        check_words(claim, unlinked, "de", STATEMENTS, here="portal-stop-exporter"),
        check_words(claim, unlinked, "de", STATEMENTS, here="lead-stop-work-in-performer"),
    )


def test_the_source_s_emphasis_is_kept_in_german_by_its_own_words_and_in_english_by_any() -> None:
    line, source = "never platform-account-in-variant-a", {"source": "S15"}
    assert [] == _words(line, "Legen Sie auf keinen Fall ein Konto an.", **source)
    assert [] == _words(line, "Under no circumstances create an account.", "en", **source)
    assert ["S15 says 'auf keinen Fall': keep it (auf keinen Fall)"] == _words(
        line, "Legen Sie kein Konto an.", **source
    )
    assert _words(line, "Do not create an account.", "en", **source)[0].startswith("S15 says 'auf keinen Fall': keep")
    assert [] == _words("never inbox-not-emptied", "Nicht so.", source="S1")  # S1 stresses nothing


def test_every_kind_has_its_words_in_every_edition() -> None:
    keys = {f"{kind}.carry" for kind in KINDS if kind not in {"required", "applies"}}
    assert [] == [(key, lang) for key in sorted(keys) for lang in codes() if not phrases(key, lang)]


def test_a_claim_knows_which_of_its_arguments_are_steps() -> None:
    assert (("a-b", "c-d"), (), ("x-y",)) == (
        Claim("before", ("a-b", "c-d")).steps,
        Claim("never", ("inbox-not-emptied",)).steps,
        Claim("applies", ("x-y", "always"), MailVariant.A).steps,
    )
    assert ["a-b", "c-d"] == step_refs("{step}`a-b` und {step}`c-d`")


PAGE = """# Seite

```{cutover:step} portal-stop-exporter
:::{cutover:claim} after portal-stop-exporter lead-stop-work-in-performer
Stoppen Sie den ExporterV2 erst,
wenn niemand mehr arbeitet ({step}`lead-stop-work-in-performer`).
:::

```python
x = 1
```
```

- Punkt

  :::{cutover:claim} never inbox-not-emptied
  :source: S21
  Leeren Sie den Posteingang, sonst gibt es nicht nur Ärger.
  :::

```markdown
:::{cutover:claim} before a b
Nur ein Beispiel.
:::
```
"""


def test_the_claims_of_a_page_with_their_options_and_cards_but_not_the_examples_in_code() -> None:
    found = [(c.arguments, c.options, c.here, " ".join(c.sentence.split())) for _, _, c in claims_on_page(PAGE, "p")]
    assert [
        (AFTER, {}, "portal-stop-exporter", " ".join(SENTENCE.replace("wenn", "\nwenn").split())),
        (
            "never inbox-not-emptied",
            {"source": "S21"},
            None,
            "Leeren Sie den Posteingang, sonst gibt es nicht nur Ärger.",
        ),
    ] == found


def test_a_card_ends_with_its_fence_and_code_inside_does_not_end_it() -> None:
    assert ("portal-stop-exporter", None) == (
        card_at(PAGE[: PAGE.index("```python")]),
        card_at(PAGE[: PAGE.index("- Punkt")]),
    )


def _locale(tmp_path: Path, msgstr: str, *, fuzzy: bool = False) -> Path:
    """A page's translation in every edition but the source, the English text in each (as every_edition does)."""
    flag = "#, fuzzy\n" if fuzzy else ""
    msgid = SENTENCE.replace("wenn", "\\n wenn")
    for lang in codes()[1:]:
        folder = tmp_path / "locale" / lang / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "p.po").write_text(f'{HEADER}{flag}msgid "{msgid}"\nmsgstr "{msgstr}"\n', encoding="utf-8")
    return tmp_path / "locale"


def _on_page(sentence: str = SENTENCE) -> object:
    page = f"```{{cutover:step}} portal-stop-exporter\n:::{{cutover:claim}} {AFTER}\n{sentence}\n:::\n```\n"
    return next(claims_on_page(page, "p"))[2]


def test_translations_are_the_reviewed_entries_by_their_german_with_its_spaces_made_one(tmp_path: Path) -> None:
    assert ({" ".join(SENTENCE.split()): ENGLISH}, {}, {}) == (
        translations(_locale(tmp_path / "a", ENGLISH), "p", "en"),
        translations(_locale(tmp_path / "b", ENGLISH, fuzzy=True), "p", "en"),
        translations(tmp_path / "none", "p", "en"),
    )


def test_a_claim_on_a_page_holds_in_german_and_in_its_translation(tmp_path: Path) -> None:
    check_claim_on_page(_on_page(), _locale(tmp_path, ENGLISH))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "english", "said"),
    [
        (SENTENCE, ENGLISH.replace("Only stop ExporterV2 once", "Stop ExporterV2 even if"), "en: 'even if' says"),
        (SENTENCE.replace("erst, wenn", "auch, wenn"), ENGLISH, "de: no word says it"),
        (SENTENCE.replace("erst, wenn", "auch, wenn"), ENGLISH, "en: "),
        (SENTENCE + "\n\nNoch ein Absatz.", ENGLISH, "a claim holds one sentence (one paragraph), not several"),
    ],
)
def test_a_claim_on_a_page_fails_naming_the_edition_and_the_word(
    tmp_path: Path, sentence: str, english: str, said: str
) -> None:
    with pytest.raises(AssertionError, match=f"claim {AFTER}:") as error:
        check_claim_on_page(_on_page(sentence), _locale(tmp_path, english))  # type: ignore[arg-type]
    assert said in str(error.value)


def test_an_order_of_one_mail_variant_holds_there_and_not_in_every_plan() -> None:
    line, variant_a = "after mail-stop-performer-service portal-stop-exporter", {"variant": "a"}
    check_package(parse_claim(line, variant_a))
    with pytest.raises(AssertionError, match="to wait for portal-stop-exporter, but"):
        check_package(parse_claim(line))


def test_a_condition_is_carried_by_its_own_words_and_contradicted_by_the_other_variant_s() -> None:
    line, link = "applies mail-no-platform-account variant-a", " ({step}`mail-no-platform-account`)"
    assert [] == _words(line, "In Variante a legen Sie kein Konto an" + link)
    assert ["no word says it (Variante a | Mail-Variante a)", "'Variante b' says the opposite"] == _words(
        line, "In Variante b legen Sie kein Konto an" + link
    )


def test_every_problem_of_a_sentence_is_named_at_once() -> None:
    said = _words("never platform-account-in-variant-a", "Legen Sie ruhig ein Konto an.", source="S15")
    assert (2, True, True) == (len(said), said[0].startswith("no word says it ("), said[1].startswith("S15 says"))


@pytest.mark.parametrize(
    ("line", "sentence", "lang", "wrong"),
    [
        # "erst dann" is the later step's word: an order "before" it contradicts
        ("before lead-decide portal-stop-exporter", "Erst dann {step}`lead-decide`.", "de", "'erst dann' says"),
        # a requirement softened to "should"
        ("required portal-deactivate-listings", "You should do this.", "en", "'should' says"),
        ("required portal-deactivate-listings", "Das sollten Sie tun.", "de", "'sollten' says"),
        # "dann" alone is no "after": it may only say what follows in the text
        ("after portal-stop-exporter lead-decide", "Dann {step}`lead-decide`.", "de", "no word says it"),
    ],
)
def test_words_that_only_seem_to_carry_a_claim_do_not(line: str, sentence: str, lang: str, wrong: str) -> None:
    assert any(problem.startswith(wrong) for problem in _words(line, sentence, lang)), _words(line, sentence, lang)


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        (
            "applies calendar-enable-sync calendar-sync",
            "Die Dubletten des Kalendersyncs kann FLOWFACT nicht verhindern.",
        ),
        ("never inbox-not-emptied", "Legen Sie niemandem ein Postfach an."),
    ],
)
def test_inflected_words_carry_their_claim(line: str, sentence: str) -> None:
    assert not any(problem.startswith("no word says it") for problem in _words(line, sentence)), _words(line, sentence)
