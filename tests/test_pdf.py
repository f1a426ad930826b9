"""The PDF checklists: the real pages through the rinoh builder as nox runs it, read back; the box per step."""

from __future__ import annotations

import contextlib
import io
import re
import runpy
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
import sphinx.locale
from babel.messages.pofile import read_po
from pypdf import PdfReader
from sphinx.cmd.build import build_main

from cutover.catalogue import LANGUAGES, Answers, Applies, Kind, Lang, MailVariant, Step, load_catalogue
from cutover.editions import pdf_arguments
from cutover.ordering import steps_in_order

ROOT = Path(__file__).resolve().parents[1]
BOX = "❏"  # what ChecklistDirective puts before each step for every builder but HTML (ZapfDingbats in the PDF)
TITLES = {"de": "Checkliste: Mail-Variante a", "en": "Checklist: email variant a"}
"""The variant-a page's title as pinned in German and English; a further edition's is its catalogue's translation."""
A4 = (595.28, 841.89)  # points


class Pdf(NamedTuple):
    """One edition's PDF of the variant-a checklist, read back: what the build printed on stderr, then the file."""

    lang: Lang
    stderr: str
    title: str | None
    sizes: list[tuple[float, float]]
    text: str


def _read(lang: Lang, stderr: str, path: Path) -> Pdf:
    """The PDF's title, page sizes in points, and the text of every page: ligatures undone, white space one space."""
    reader = PdfReader(path)
    raw = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(unicodedata.normalize("NFKC", raw).split())  # NFKC: the ligature ﬁ is fi again
    sizes = [(round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) for page in reader.pages]
    return Pdf(lang, stderr, reader.metadata.title if reader.metadata else None, sizes, text)


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[Path, subprocess.Popen[str]]]]:
    """The variant-a checklist of each edition, built as PDF with nox's own arguments, all at once."""
    started = {}
    for lang in LANGUAGES:
        folder = tmp_path_factory.mktemp(f"pdf-{lang}")
        arguments = pdf_arguments(ROOT / "docs", lang, folder / "pdf", folder / "doctrees")
        only_a = ["-D", "rinoh_targets=checkliste-variante-a"]  # one PDF per language keeps the test fast
        process = subprocess.Popen(  # noqa: S603  # our own interpreter running Sphinx on our own pages
            [sys.executable, "-m", "sphinx", *arguments, *only_a],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        started[lang] = (folder, process)
    yield started
    for _, process in started.values():  # a run that reads only some editions still ends the other builds
        if process.returncode is None:
            process.kill()
            process.communicate()


@pytest.fixture(scope="module", params=LANGUAGES)
def pdf(request: pytest.FixtureRequest, builds: dict[str, tuple[Path, subprocess.Popen[str]]]) -> Pdf:
    """The variant-a checklist of one edition as PDF, read once its build (from a fresh read of the pages) is done."""
    lang: Lang = request.param
    folder, process = builds[lang]
    _, stderr = process.communicate()
    if process.returncode:
        pytest.fail(f"the {lang} PDF build failed:\n{stderr}")
    return _read(lang, stderr, folder / "pdf" / "checkliste-variante-a.pdf")


@pytest.fixture(scope="module")
def steps() -> tuple[Step, ...]:
    """The steps of the variant-a page's checklist: variant a with both syncs."""
    return steps_in_order(load_catalogue(), Answers(MailVariant.A, contact_sync=True, calendar_sync=True))


def test_build_prints_no_warning(pdf: Pdf) -> None:
    """The rinoh build (which passed -W -n) prints nothing on stderr: not even a font fallback of rinohtype's."""
    assert pdf.stderr == ""


def test_title_is_in_the_edition_language(pdf: Pdf) -> None:
    """The PDF's title, in its metadata and at the top of the first page, is the page title in the build's language."""
    assert _title(pdf.lang) == pdf.title
    assert pdf.text.startswith(_title(pdf.lang) + " ")


def test_at_most_two_a4_pages(pdf: Pdf) -> None:
    """No title page, no table of contents: one or two A4 pages."""
    assert 1 <= len(pdf.sizes) <= 2
    assert set(pdf.sizes) == {A4}


def test_every_step_in_plan_order_with_its_number_title_and_id(pdf: Pdf, steps: tuple[Step, ...]) -> None:
    """Each step of the plan appears in order as its number, the box, its title in the build's language and its id."""
    position = 0
    for number, step in enumerate(steps, start=1):
        title = step.title.get(pdf.lang).replace("'", "\u2019")  # Sphinx's typographic apostrophe
        entry = f"{number}. {BOX} {title} {step.id}"
        found = pdf.text.find(entry, position)
        assert found >= 0, f"not after position {position}: {entry!r}"
        position = found + len(entry)


def test_every_step_prints_where_it_leads(pdf: Pdf, steps: tuple[Step, ...]) -> None:
    """Paper has no links: each entry ends in its step's short address in the edition, in plan order."""
    expected = [f"{pdf.lang}/s/{step.id}.html" for step in steps]
    # An address may wrap at a slash, and across a page's footer ("<title> 1 / 2"): read it joined up again.
    joined = re.sub(re.escape(_title(pdf.lang).replace(" ", "")) + r"\d+/\d+", "", re.sub(r"\s+", "", pdf.text))
    assert expected == re.findall(rf"{pdf.lang}/s/[a-z0-9-]+?\.html", joined)


def test_one_empty_box_per_step(pdf: Pdf, steps: tuple[Step, ...]) -> None:
    """The box to tick by hand is there once for each step, and nowhere else."""
    assert len(steps) == pdf.text.count(BOX)


def test_conditions_are_marked_as_on_the_page(pdf: Pdf, steps: tuple[Step, ...]) -> None:
    """Exactly the steps that do not always apply carry their condition last after the id, in the build's language."""
    marked = [
        step.id for step in steps if re.search(rf"{step.id}( · [^·]+?)* · {step.applies.label.get(pdf.lang)}", pdf.text)
    ]
    expected = [step.id for step in steps if step.applies is not Applies.ALWAYS]
    assert len(expected) >= 4
    assert expected == marked


def test_rules_name_their_span_as_on_the_page(pdf: Pdf, steps: tuple[Step, ...]) -> None:
    """Each rule says after its id when it holds ("Regel bis zum Stopp des ExporterV2"), in the build's language."""
    rules = [step for step in steps if step.kind is Kind.RULE]
    spans = {"de": "Regel bis zum Stopp des ExporterV2", "en": "Rule until ExporterV2 is stopped"}
    span = spans.get(pdf.lang) or next(
        step.kind_label.get(pdf.lang) for step in rules if step.kind_label.get("de") == spans["de"]
    )
    expected = (3, True, [step.id for step in rules])
    assert expected == (
        len(rules),
        span in pdf.text,
        [step.id for step in rules if f"{step.id} · {step.kind_label.get(pdf.lang)}" in pdf.text],
    )


def test_no_book_furniture(pdf: Pdf) -> None:
    """Nothing of the default book template: no release line, no contents, no chapter number before a heading."""
    assert not re.search(r"Release|Inhalt|Contents|\b1 (So arbeiten|How to use)", pdf.text)
    headings = {"de": "So arbeiten Sie mit der Checkliste", "en": "How to use the checklist"}
    heading = headings.get(pdf.lang) or _translated("checkliste-variante-a", pdf.lang)[headings["de"]]
    assert heading in pdf.text


def test_web_only_sentences_stay_out_of_the_pdf(pdf: Pdf) -> None:
    """The link to the PDF itself and the link to the other variant's page are for the web page only."""
    assert "checkliste-variante-a.pdf" not in pdf.text
    assert "checkliste-variante-b" not in pdf.text


def _translated(page: str, lang: Lang) -> dict[str, str]:
    """A page's catalogue in an edition other than German: each German message with its translation."""
    with (ROOT / "docs" / "locale" / lang / "LC_MESSAGES" / f"{page}.po").open("rb") as file:
        return {str(message.id): str(message.string) for message in read_po(file) if message.id}


def _title(lang: Lang) -> str:
    """The variant-a page's title in an edition: pinned in German and English, else the edition's translation."""
    return TITLES.get(lang) or _translated("checkliste-variante-a", lang)[TITLES["de"]]


def _pdf_documents(lang: Lang) -> dict[str, dict[str, str]]:
    """The PDFs conf.py has rinohtype write in an edition, by page: target file name, title and the rest."""
    conf = runpy.run_path(str(ROOT / "docs" / "conf.py"))
    return {document["doc"]: document for document in conf["_pdf_documents"](lang)}


@pytest.mark.parametrize("variant", ["a", "b"])
def test_each_checklist_page_links_its_own_pdf_in_every_edition(variant: str) -> None:
    """The German page and every translation of it link the page's own PDF, which conf.py has rinohtype write."""
    page = f"checkliste-variante-{variant}"
    link = f"{{pdf}}`{page}`"
    assert link in (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8")
    for lang in LANGUAGES[1:]:
        translated = [text for german, text in _translated(page, lang).items() if link in german]
        assert len(translated) == 1, lang
        assert link in translated[0], lang
    assert [page] * len(LANGUAGES) == [_pdf_documents(lang)[page]["target"] for lang in LANGUAGES]


@pytest.mark.parametrize("variant", ["a", "b"])
def test_each_pdf_is_titled_like_its_page_in_every_edition(variant: str) -> None:
    """A PDF's title (conf.py's, for rinohtype drops the page's own heading) is the page's title in its language."""
    page = f"checkliste-variante-{variant}"
    german = (ROOT / "docs" / f"{page}.md").read_text(encoding="utf-8").splitlines()[0].removeprefix("# ")
    expected = [german, *(_translated(page, lang)[german] for lang in LANGUAGES[1:])]
    assert expected == [_pdf_documents(lang)[page]["title"] for lang in LANGUAGES]


CHECKLIST = """\
# Liste

```{cutover:checklist}
:variant: b
```

```{cutover:step} lead-decide
```

```{cutover:step} mail-choose-variant
```

```{cutover:step} portal-stop-exporter
```
"""


def _tiny(folder: Path, builder: str, samples: Path) -> str:
    """A page with a checklist and its steps over the valid sample catalogue, built with ``builder``; the page."""
    src = folder / "src"
    src.mkdir()
    runbook = samples / "valid"
    (src / "conf.py").write_text(
        f'extensions = ["myst_parser", "cutover.sphinxext"]\nlanguage = "de"\ncutover_runbook = "{runbook}"\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text(CHECKLIST, encoding="utf-8")
    sphinx.locale.translators.clear()  # Sphinx keeps loaded catalogues in the process; its own tests clear them too
    stderr = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(stderr):
        status = build_main(["-q", "-W", "-n", "-b", builder, str(src), str(folder / "out")])
    assert (0, "") == (status, stderr.getvalue())
    return next((folder / "out").glob("index.*")).read_text(encoding="utf-8")


def test_text_builder_shows_the_box_before_each_step(tmp_path: Path, samples: Path) -> None:
    """Without HTML, each checklist item starts with the empty box, then the step's title and id."""
    expected = [
        f"1. {BOX} Entscheiden lead-decide · de/s/lead-decide.html",
        f"2. {BOX} Variante wählen mail-choose-variant · de/s/mail-choose-variant.html",
        f"3. {BOX} Exporter stoppen portal-stop-exporter · *Ab hier führt die Plattform* · "
        "de/s/portal-stop-exporter.html",
    ]
    page = _tiny(tmp_path, "text", samples)
    items = re.findall(r"^\d\. .*?(?=^\d\. |^\S|\Z)", page, re.MULTILINE | re.DOTALL)
    assert expected == [" ".join(re.sub(r"-\n\s+", "-", item).split()) for item in items]
    assert page.count(BOX) == 3


def test_html_builder_leaves_the_box_to_the_stylesheet(tmp_path: Path, samples: Path) -> None:
    """In HTML, cutover.css draws the box: no box character on the page, and each item starts with its link."""
    page = _tiny(tmp_path, "html", samples)
    assert BOX not in page
    assert len(re.findall(r'<li class="cutover-check"><p><a class="reference internal" href="#', page)) == 3
