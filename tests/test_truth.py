"""Truth over everything a reader sees: no promise the source does not make, and the source's emphasis kept.

The texts are the German pages and their English translations, the step catalogue, the texts of the helper package
(messages, labels, hints), and the site's own settings. runbook/source.txt is FLOWFACT's text; runbook/README.md says
where each statement stands in it.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import cutover.cli
import cutover.sphinxext  # every package text exists once imported
from cutover.catalogue import LANGUAGES, Text, load_catalogue
from cutover.editions import editions
from cutover.words import words

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
LOCALE = DOCS / "locale" / "en" / "LC_MESSAGES"

#: Promises and claims the source does not make, found once on the site and taken out; none may come back.
PROMISES = (
    "ohne Dubletten",  # S24: calendar sync duplicates cannot be prevented
    "without duplicates",
    "Lücke",  # mail arriving before the inbox is emptied is only in the backup
    "gap",
    "steht jedes Objekt genau einmal online",  # S11: transfer conflicts can happen
    "every listing is online exactly once, transferred",
    "nur kurz offline",  # S9 says "minimieren"
    "offline only briefly",
    "only briefly offline",
    "Ein Ordner im selben Postfach genügt nicht",  # no source says so
    "holt der Performer keine neuen Mails mehr ab",
    "no longer fetches new mail",
    "holen dieselben Mails",
    "fetch the same mail",
    "letzte Portalübertragung",  # S28: the ban starts when the platform transfers
    "last portal transfer",
    "nur noch in der Plattform arbeiten Sie",
    "Ab jetzt arbeiten Sie und Ihre Kollegen nur noch in der Plattform",  # S7 starts no second phase
    "brächte die Objekte des Altsystems zurück",  # a mechanism the source does not state
    "put the old system's listings back",
    "Umstiegsteam",  # there is no such author
    "migration team",
    "leading system",  # "primary system" in English
    "Mail-Dienst",  # FLOWFACT writes "Maildienst", in the source and in its help
    "Sie brächte die alten Objekte",  # S28 gives no reason for the ban
    "stehen doppelt auf den Portalen und verursachen",  # S5 says "kann es dazu kommen"
    "ob alles wieder online ist",  # S11: transfer conflicts can happen
    "authenticate against",
    "Regel ab jetzt",  # a rule names its span
    "Rule from now on",
)


def _po_texts() -> Iterator[tuple[str, str]]:
    """Every message of every translated edition's catalogues, German and translated."""
    for lang in LANGUAGES[1:]:
        for po in sorted((DOCS / "locale" / lang / "LC_MESSAGES").glob("*.po")):
            with po.open("rb") as file:
                for message in read_po(file):
                    if message.id:
                        yield f"{lang}/{po.name}: {message.id}", str(message.id)
                        yield f"{lang}/{po.name}: {message.string}", str(message.string)


def _texts() -> Iterator[tuple[str, str]]:
    """Every text a reader can see, with where it is."""
    for page in sorted(DOCS.glob("*.md")):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            if not line.startswith("%"):  # the pins are code
                yield f"{page.name}:{number}", line
    yield from _po_texts()
    yield "conf.py", (DOCS / "conf.py").read_text(encoding="utf-8")
    catalogue = load_catalogue(ROOT / "runbook")
    for step in catalogue:
        for lang in LANGUAGES:
            yield f"{step.id}.title.{lang}", step.title.get(lang)
            yield f"{step.id}.why.{lang}", step.why.get(lang)
            yield f"{step.id}.kind_label.{lang}", step.kind_label.get(lang)
    for text in (obj for obj in gc.get_objects() if isinstance(obj, Text)):
        yield f"package text {text.get('de')[:40]!r}", "\n".join(t for _, t in text.items())
    for key, text in words().items():
        for lang, value in text.items():
            yield f"words.toml [{key}] {lang}", value
    for edition in editions():
        yield f"editions.toml {edition.code}", f"{edition.title}\n{edition.description}\n{edition.switch}"


@pytest.mark.parametrize("promise", PROMISES)
def test_no_text_makes_a_promise_the_source_does_not(promise: str) -> None:
    """No page, translation, catalogue text, package text or setting says it again."""
    found = [where for where, text in _texts() if promise.lower() in text.lower()]
    assert found == []


def test_the_promise_check_reads_every_kind_of_text() -> None:
    """The check reads pages, translations, the catalogue, the package and the settings, so a promise anywhere fails."""
    places = [where for where, _ in _texts()]
    kinds = (
        ".md:",
        ".po:",
        "conf.py",
        ".title.de",
        ".why.en",
        ".kind_label.de",
        "package text",
        "words.toml",
        "editions.toml",
    )
    expected = dict.fromkeys(kinds, True)
    assert expected == {kind: any(kind in where for where in places) for kind in kinds}


#: The source's emphasis (S-id, the source's word, the page that carries the statement, the German the page keeps,
#: and English words of the same strength its translation must use).
EMPHASIS = (
    (
        "S1",
        "unbedingt",
        "index.md",
        "müssen Sie die Schritte dieser Anleitung unbedingt",
        ("without fail", "must", "be sure"),
    ),
    ("S3", "STOPPEN SIE", "portale.md", "Stoppen Sie den ExporterV2, bevor Sie die weiteren Punkte", ("Stop",)),
    (
        "S4",
        "BITTE UNBEDINGT",
        "portale.md",
        "unbedingt einmal aus dem Altsystem heraus offline",
        ("without fail", "be sure"),
    ),
    ("S5", "WICHTIG", "portale.md", "darf es aus dem Altsystem keine online aktiven Objekte mehr geben", ("No",)),
    ("S11", "unbedingt", "portale.md", "unbedingt selbst von Hand prüfen", ("must",)),
    ("S11", "nicht abnehmen", "portale.md", "FLOWFACT kann Ihnen das nicht abnehmen", ("cannot do",)),
    (
        "S14",
        "auf jeden Fall",
        "mail-kontakte-kalender.md",
        "Mailkonten auf jeden Fall in der Plattform",
        ("in any case",),
    ),
    (
        "S15",
        "auf keinen Fall",
        "mail-kontakte-kalender.md",
        "darf das Mailkonto auf keinen Fall",
        ("never", "under no"),
    ),
    (
        "S16",
        "unbedingt",
        "mail-kontakte-kalender.md",
        "muss unbedingt der Maildienst",
        ("without fail", "must", "be sure"),
    ),
    ("S18", "auf keinen Fall", "mail-kontakte-kalender.md", "auf keinen Fall Postfächer", ("never", "under no")),
    ("S20", "ACHTUNG", "mail-kontakte-kalender.md", "Achtung:", ("Caution", "Important", "Attention")),
    ("S25", "auf keinen Fall", "fuehrendes-system.md", "auf keinen Fall abgeschaltet", ("never", "under no")),
    ("S29", "dringend", "fuehrendes-system.md", "empfiehlt dringend", ("strongly", "urgently")),
)


@pytest.mark.parametrize(("statement", "word", "page", "german", "english"), EMPHASIS, ids=lambda x: str(x)[:30])
def test_the_source_s_emphasis_is_kept(
    statement: str, word: str, page: str, german: str, english: tuple[str, ...]
) -> None:
    """Where the source insists, the page insists as much, in German and in its English translation."""
    source = (ROOT / "runbook" / "source.txt").read_text(encoding="utf-8")
    with (LOCALE / page.replace(".md", ".po")).open("rb") as file:
        translated = [str(m.string) for m in read_po(file) if m.id and german in str(m.id)]
    expected = (True, True, True, True)
    assert expected == (
        word in source,
        german in (DOCS / page).read_text(encoding="utf-8"),
        bool(translated),
        any(any(strong.lower() in text.lower() for strong in english) for text in translated),
    )


_BOX = r":{3,}\{warning\}\n(?::{3,}\{cutover:claim\}[^\n]*\n(?::[a-z]+:[^\n]*\n)*)?"


def test_the_emphasis_is_in_a_box_where_the_source_shouts() -> None:
    """Capitals and "ACHTUNG" in the source become a warning box on the page, not a plain sentence.

    The box's first sentence may be a claim: its directive and options stand between the box and the sentence.
    """
    boxes = {
        "portale.md": "Stoppen Sie den ExporterV2, bevor Sie die weiteren Punkte durchführen.",
        "mail-kontakte-kalender.md": "Achtung: Wenn Sie Kontakte synchronisieren möchten",
    }
    found = {
        page: bool(re.search(_BOX + re.escape(text), (DOCS / page).read_text(encoding="utf-8")))
        for page, text in boxes.items()
    }
    assert found == dict.fromkeys(boxes, True)


def test_cli_help_and_output_make_no_promise(capsys: pytest.CaptureFixture[str]) -> None:
    """What the command line prints for every plan says none of it either."""
    for variant in ("a", "b", "performer"):
        for lang in LANGUAGES:
            cutover.cli.main(["--lang", lang, "plan", "--variant", variant, "--contact-sync", "--calendar-sync"])
            cutover.cli.main(["--lang", lang, "steps", "--variant", "a" if variant == "performer" else variant])
    out = capsys.readouterr().out.lower()
    assert len(out) > 10_000
    assert [promise for promise in PROMISES if promise.lower() in out] == []
