"""The findings of situation files and the symptom lookup."""

from __future__ import annotations

import html
import re
from pathlib import Path

from cutover.catalogue import Catalogue, Lang
from cutover.duplicates import CHECKS, Damage, Severity, symptoms
from cutover.words import word
from sphinxext.builds import RUNBOOK, Build, _build, _project, _smart, _templates


def _findings(page: str) -> list[str]:
    """The HTML inside each findings block on a page."""
    return re.findall(r'<div class="cutover-findings docutils container">\n(.*?)</div>', page, re.DOTALL)


def test_checklist_and_findings_in_each_edition(site_build: Build, edition: Lang, catalogue: Catalogue) -> None:
    """The findings directive shows what the check finds in a situation file: severity, id, message, place, steps.

    Each step is linked with the step role; a situation without findings says so. Checklists and findings are
    rendered in the edition's words, not taken from the German page.
    """
    check = next(c for c in CHECKS if c.id == "platform-account-in-variant-a")
    rule = catalogue["mail-no-platform-account"]
    title = _smart(rule.title.get(edition))
    lands = ", ".join(_smart(damage.label.get(edition)) for damage in check.lands)
    say = {key: word(f"render.{key}").get(edition) for key in ("blocker", "lands", "steps", "no_findings")}
    finding = (
        f'<ul class="simple">\n<li><p><strong>{say["blocker"]}</strong> <code class="docutils literal notranslate">'
        f'<span class="pre">platform-account-in-variant-a</span></code>: {_smart(check.message.get(edition))}\n'
        f"{say['lands']}: {lands}.\n"
        f'{say["steps"]}: <a class="reference internal" href="steps.html#mail-no-platform-account">'
        f'<span class="std std-ref">{title}</span></a> <span class="cutover-badge cutover-id">mail-no-platform-account'
        "</span></p></li>\n</ul>\n"
    )
    condition, span = _smart(rule.applies.label.get(edition)), _smart(rule.kind_label.get(edition))
    expected = ([finding, f"<p>{_smart(say['no_findings'])}</p>\n"], True)
    found = (
        _findings(site_build.pages["findings"]),
        f'{title}</span></a> <span class="cutover-badge cutover-id">mail-no-platform-account</span> · '
        f"<em>{span}</em> · <em>{condition}</em></p></li>" in site_build.pages["index"],
    )
    assert expected == found


def test_findings_spelled_out_in_german_and_in_english(german: Build, english: Build) -> None:
    """A spot check of the words, written out: a wrong words table fails here even where the test above reads it."""
    expected = (True, True, True, True, True)
    assert expected == (
        "Betrifft: Mail-Aktivitäten in der Plattform, Postfächer.\nSchritte: " in german.pages["findings"],
        "<p>Das kann dahinterstecken:</p>" in german.pages["symptome"],
        "<li><p><strong>BLOCKER</strong> " in english.pages["findings"],
        "Affects: Email activities in the platform, Mailboxes.\nSteps: " in english.pages["findings"],
        "<li><p><strong>Known risk:</strong> " in english.pages["symptome"],
    )


def test_broken_situation_file_fails_the_build_with_located_errors(tmp_path: Path) -> None:
    """Every problem of the situation file is an error at the directive, naming the file and line; status 1, no -W."""
    page = "# Befunde\n\n```{cutover:findings} bad.toml\n```\n"
    src = _project(tmp_path, {"index": page}, RUNBOOK)
    (src / "bad.toml").write_text('mail_variant = "c"\ninbox_emptied = 1\n', encoding="utf-8")
    build = _build(src, tmp_path / "out")
    at = f"{src / 'index.md'}:3: ERROR: {src / 'bad.toml'}"
    expected = (
        1,
        [
            f'{at}:1: mail_variant: must be "a" or "b", not \'c\' [cutover.situation]',
            f"{at}:2: inbox_emptied: must be true or false, not 1 [cutover.situation]",
        ],
        False,
    )
    assert expected == (build.status, build.stderr.splitlines(), "cutover-findings" in build.pages["index"])


def test_missing_situation_file_fails_the_build(tmp_path: Path) -> None:
    """A situation file that does not exist is one located error, and the build fails without -W."""
    src = _project(tmp_path, {"index": "# Befunde\n\n```{cutover:findings} nope.toml\n```\n"}, RUNBOOK)
    build = _build(src, tmp_path / "out")
    expected = (
        1,
        [f"{src / 'index.md'}:3: ERROR: {src / 'nope.toml'}: cannot read: no such file or folder [cutover.situation]"],
    )
    assert expected == (build.status, build.stderr.splitlines())


def _symptom_sections(page: str) -> list[tuple[str, str, str]]:
    """Each symptom section: its HTML id, its title, and the HTML after the title."""
    return re.findall(
        r'<section class="cutover-symptom" id="([a-z-]+)">\n<h2>(.*?)<a class="headerlink"[^>]*>¶</a></h2>\n'
        r"(.*?)</section>",
        page,
        re.DOTALL,
    )


def _causes(section: str) -> list[tuple[str, list[str]]]:
    """Each cause in a symptom section: its text, and the step ids its paragraph of steps links, in order."""
    causes = re.findall(r'<li><p>(.*?)</p>\n<p class="cutover-symptom-steps">(.*?)</p>\n</li>', section, re.DOTALL)
    return [(text, re.findall(r'href="steps\.html#([a-z0-9-]+)"', steps)) for text, steps in causes]


def test_symptoms_jump_list_links_every_damage(site_build: Build, edition: Lang) -> None:
    """The list at the top links each symptom's section, in the order of ``Damage``, by what the customer sees.

    In the edition's words; no other list item on the page links a symptom.
    """
    page = site_build.pages["symptome"]
    jump = page.split('<ul class="cutover-symptom-list simple">\n')[1].split("</ul>")[0]
    expected = [(f"#symptom-{damage}", _smart(damage.symptom.get(edition))) for damage in Damage]
    linked = r'<li><p><a class="reference internal" href="(#symptom-[a-z-]+)">(.*?)</a></p></li>'
    assert (expected, expected) == (
        re.findall(r'<li><p><a class="reference internal" href="([^"]+)">(.*?)</a></p></li>', jump),
        re.findall(linked, page),
    )


def test_symptom_sections_are_titled_with_what_the_customer_sees(site_build: Build, edition: Lang) -> None:
    """Each damage has a section with the id symptom-<damage>, titled with its symptom in the edition."""
    expected = [(f"symptom-{damage}", _smart(damage.symptom.get(edition))) for damage in Damage]
    assert expected == [(i, title) for i, title, _ in _symptom_sections(site_build.pages["symptome"])]


def test_symptom_section_introduces_its_causes(site_build: Build, edition: Lang) -> None:
    """Each symptom section starts with the sentence that introduces its causes, and each cause its steps.

    A known risk's steps are "more on this", every other cause's are the "steps that prevent it".
    """
    page = site_build.pages["symptome"]
    say = {key: word(f"site.{key}").get(edition) for key in ("causes", "prevent", "more")}
    causes = [c for s in symptoms() for c in s.checks]
    risks = [c for c in causes if c.severity is Severity.WARNING]
    expected = (
        [f"<p>{say['causes']}</p>\n<ul>\n"] * len(Damage),
        (len(Damage), len(causes) - len(risks), len(risks)),
    )
    found = (
        [body[: len(expected[0][0])] for _, _, body in _symptom_sections(page)],
        (
            page.count(f"<p>{say['causes']}</p>"),
            page.count(f'<p class="cutover-symptom-steps">{say["prevent"]} <a '),
            page.count(f'<p class="cutover-symptom-steps">{say["more"]} <a '),
        ),
    )
    assert expected == found


def test_symptom_lists_each_check_of_its_damage_with_exactly_its_steps(site_build: Build, edition: Lang) -> None:
    """Each section has a bullet per check landing there, in CHECKS order, linking exactly that check's steps.

    The causes are the edition's messages, a warning's with the edition's notice first.
    """
    accepted = f"<strong>{word('render.risk_warning').get(edition)}</strong> "
    expected = [
        [
            (
                (accepted if c.severity is Severity.WARNING else "")
                + _smart(c.message_for(symptom.damage).get(edition)),
                list(c.steps),
            )
            for c in symptom.checks
        ]
        for symptom in symptoms()
    ]
    assert expected == [_causes(body) for _, _, body in _symptom_sections(site_build.pages["symptome"])]


def test_symptom_section_links_the_steps_of_the_symptom(german: Build) -> None:
    """The step ids a section links, each once in order of appearance, are the symptom's steps."""
    linked = [
        list(dict.fromkeys(step for _, steps in _causes(body) for step in steps))
        for _, _, body in _symptom_sections(german.pages["symptome"])
    ]
    assert [list(symptom.steps) for symptom in symptoms()] == linked


def test_symptom_bullet_of_a_warning(german: Build, catalogue: Catalogue) -> None:
    """A known risk says so first; then "more on this" and its steps, each its linked title and id badge."""
    c = next(c for c in CHECKS if c.severity is Severity.WARNING)
    title = html.escape(catalogue[c.steps[0]].title.get("de"), quote=False)
    expected = (
        f"<li><p><strong>Bekanntes Risiko:</strong> {html.escape(c.message.get('de'), quote=False)}</p>\n"
        '<p class="cutover-symptom-steps">Mehr dazu: <a class="reference internal" '
        f'href="steps.html#{c.steps[0]}"><span class="std std-ref">{title}</span></a> '
        f'<span class="cutover-badge cutover-id">{c.steps[0]}</span></p>\n</li>'
    )
    assert expected in german.pages["symptome"]


def test_symptom_bullet_with_several_steps(german: Build, catalogue: Catalogue) -> None:
    """The steps of a cause are separated by commas."""
    c = next(c for c in CHECKS if c.id == "performer-mail-service-running")
    links = ", ".join(
        f'<a class="reference internal" href="steps.html#{step}"><span class="std std-ref">'
        f"{html.escape(catalogue[step].title.get('de'), quote=False)}</span></a> "
        f'<span class="cutover-badge cutover-id">{step}</span>'
        for step in c.steps
    )
    expected = (
        f"<li><p>{html.escape(c.message_for(Damage.CRM_MAIL_ACTIVITIES).get('de'), quote=False)}</p>\n"
        f'<p class="cutover-symptom-steps">Schritte, die das verhindern: {links}</p>\n</li>'
    )
    assert expected in german.pages["symptome"]


def test_gettext_extracts_nothing_from_the_symptoms(gettext: Build) -> None:
    """The symptoms page's template holds only the page's own title."""
    expected = ["Was sehen Sie?"]
    assert expected == _templates(gettext)["symptome"]


def test_symptoms_report_each_step_the_catalogue_lacks(sample_symptoms: Build) -> None:
    """Each step of a check that the catalogue lacks is an unknown-step error at the directive; the build fails."""
    known = {"mail-choose-variant", "portal-stop-exporter"}
    missing = [step for symptom in symptoms() for c in symptom.checks for step in c.steps if step not in known]
    at = f"{sample_symptoms.src / 'index.md'}:9: ERROR: unknown step id "
    expected = (1, [at + repr(step) for step in missing])
    found = [line.split(" (closest")[0] for line in sample_symptoms.stderr.splitlines()]
    assert expected == (sample_symptoms.status, found)


def test_symptoms_still_link_the_steps_the_catalogue_has(sample_symptoms: Build) -> None:
    """The steps the catalogue has are still linked, each where its checks are."""
    expected = [
        [s for s in symptom.steps if s in {"mail-choose-variant", "portal-stop-exporter"}] for symptom in symptoms()
    ]
    linked = [
        list(dict.fromkeys(re.findall(r'href="#([a-z0-9-]+)"><span class="std std-ref">', body)))
        for _, _, body in _symptom_sections(sample_symptoms.pages["index"])
    ]
    assert expected == linked


def test_symptoms_of_an_invalid_catalogue_are_empty(invalid: Build) -> None:
    """With an invalid catalogue, the symptom lookup renders nothing either, rather than links that may be wrong."""
    expected = False
    assert expected == ("cutover-symptom" in invalid.pages["index"])


def test_a_situation_file_in_a_loop_of_links_is_a_located_error(samples: Path, tmp_path: Path) -> None:
    """A ``findings`` file that is a link to itself is one error at the directive, no traceback."""
    src = _project(tmp_path, {"index": "# Befunde\n\n```{cutover:findings} loop.toml\n```\n"}, samples / "valid")
    (src / "loop.toml").symlink_to("loop.toml")
    build = _build(src, tmp_path / "out", builder="text")
    expected = (1, False, [f"{src / 'index.md'}:3: ERROR: {src / 'loop.toml'}: cannot read: too many symbolic links"])
    assert expected == (
        build.status,
        "Traceback" in build.stderr,
        re.findall(r".*ERROR: .*?(?= \[cutover)", build.stderr),
    )
