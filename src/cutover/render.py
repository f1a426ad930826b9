"""Checklist and findings rendering with jinja2 templates, shared by the CLI and the Sphinx extension."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import jinja2

from cutover.catalogue import RECOMMENDED, SWITCH, Answers, Applies, Catalogue, Kind, Lang, MailVariant, Step
from cutover.duplicates import Check, Finding
from cutover.planner import NOT_READY, Choice, PersonalPlan, Portal, PortalHint
from cutover.words import words_of

__all__ = [
    "FORMATS",
    "PLAN_FORMATS",
    "Format",
    "PlanFormat",
    "form_values",
    "labels",
    "marks",
    "render_checklist",
    "render_findings",
    "render_plan",
    "render_planner",
]

Format = Literal["text", "markdown"]
FORMATS: tuple[Format, ...] = ("text", "markdown")
PlanFormat = Literal["text", "markdown", "html"]
PLAN_FORMATS: tuple[PlanFormat, ...] = ("text", "markdown", "html")
_SUFFIX = {"text": "txt", "markdown": "md", "html": "html"}


def labels(lang: Lang) -> dict[str, str]:
    """The words every rendering shares, the site's pages included: the words table's ``render.*`` in ``lang``."""
    return words_of("render", lang)


def marks(step: Step, lang: Lang) -> list[str]:
    """What a checklist or plan says after a step besides its title: a rule's span, recommended, its condition.

    The moment of the switch says so too. A step that is simply to be done, and always, has none.
    """
    shown = [step.kind_label] if step.kind is Kind.RULE else []
    shown += [RECOMMENDED] if step.recommended else []
    shown += [SWITCH] if step.switch else []
    shown += [step.applies.label] if step.applies is not Applies.ALWAYS else []
    return [text.get(lang) for text in shown]


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # HTML templates escape; Markdown and plain text must not, escaping would corrupt them.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
    )
    environment.globals["marks"] = marks
    environment.filters["markdown_mark"] = lambda mark: f" · *{mark}*"
    return environment


def render_checklist(
    steps: Sequence[Step], answers: Answers, lang: Lang, fmt: Format = "text", *, sphinx: bool = False
) -> str:
    """The ordered checklist as text or Markdown; ``sphinx`` links each step with the ``step`` role."""
    template = _environment().get_template(f"checklist.{_SUFFIX[fmt]}.j2")
    return template.render(
        steps=steps, answers=answers, answered=_answered(answers, lang), lang=lang, t=labels(lang), sphinx=sphinx
    )


def render_findings(findings: Sequence[Finding], lang: Lang, fmt: Format = "text", *, sphinx: bool = False) -> str:
    """The findings of the duplicate checks as text or Markdown; ``sphinx`` links each step with the ``step`` role."""
    template = _environment().get_template(f"findings.{_SUFFIX[fmt]}.j2")
    return template.render(findings=findings, lang=lang, t=labels(lang), sphinx=sphinx)


def form_values(choice: Choice) -> dict[str, str]:
    """The planner form's values for a choice; the answers that make a customer not ready name only the mail."""
    if choice.mail_sent_from_performer:
        return {"mail": NOT_READY}
    answers = choice.answers
    yes_no = {True: "yes", False: "no"}
    return {
        "mail": answers.variant.value,
        "contacts": yes_no[answers.contact_sync],
        "calendar": yes_no[answers.calendar_sync],
    }


def _answered(answers: Answers, lang: Lang) -> list[str]:
    """The answers as the Markdown checklist and the plan state them: variant, then each sync, yes or no."""
    t = labels(lang)
    return [
        f"{t['variant']} {answers.variant.value}",
        f"{t['contact_sync']}: {t['yes'] if answers.contact_sync else t['no']}",
        f"{t['calendar_sync']}: {t['yes'] if answers.calendar_sync else t['no']}",
    ]


def _summary(choice: Choice, lang: Lang) -> list[str]:
    t = labels(lang)
    if choice.mail_sent_from_performer:
        return [t["mail_performer"]]
    portals = [p.label.get(lang) for p in Portal if p in choice.portals] or [t["none"]]
    return [*_answered(choice.answers, lang), f"{t['portals']}: {', '.join(portals)}"]


def render_plan(
    plan: PersonalPlan, catalogue: Catalogue, lang: Lang, fmt: PlanFormat = "text", *, url: Callable[[str], str]
) -> str:
    """A customer's plan as text, Markdown or a printable HTML page; ``url`` gives the link of a step id."""
    template = _environment().get_template(f"plan.{_SUFFIX[fmt]}.j2")
    return template.render(
        plan=plan,
        first=[catalogue.resolve(step_id) for step_id in plan.readiness.steps],
        summary=_summary(plan.choice, lang),
        lang=lang,
        t=labels(lang),
        url=url,
        standalone=True,
    )


@dataclass
class _PageStep:
    """A step as the planner page shows it: once, with each risk it carries in any plan and the plans it does so in."""

    step: Step
    default: bool  # in the plan shown without JavaScript
    risks: dict[str, Check] = field(default_factory=dict)
    plans: dict[str, list[str]] = field(default_factory=dict)  # risk id -> keys of the plans that show it here
    notes: dict[PortalHint, None] = field(default_factory=dict)  # ordered set


def _page_steps(plans: Sequence[PersonalPlan], catalogue: Catalogue) -> list[_PageStep]:
    """Every step of any plan once: the first plan's in its order, then the others in catalogue order."""
    default = plans[0]
    found: dict[str, _PageStep] = {}
    for made in sorted(plans, key=lambda p: p is not default):
        for item in made.steps:
            shown = found.setdefault(item.step.id, _PageStep(item.step, made is default))
            for risk in item.risks:
                shown.risks[risk.id] = risk
                shown.plans.setdefault(risk.id, []).append(made.choice.key)
            shown.notes.update(dict.fromkeys(item.notes))
    position = {step_id: index for index, step_id in enumerate(catalogue.ids)}
    others = sorted((s for s in found.values() if not s.default), key=lambda s: position[s.step.id])
    return [s for s in found.values() if s.default] + others


def _plan_data(made: PersonalPlan) -> dict[str, Any]:
    """A plan as the page's script reads it: its answers, its steps in order, and what each waits for (by index)."""
    index = {item.step.id: number for number, item in enumerate(made.steps)}
    return {
        "key": made.choice.key,
        "ready": made.readiness.ready,
        "answers": form_values(made.choice),
        "steps": list(index),
        "after": [[index[before] for before in item.after] for item in made.steps],
    }


def render_planner(
    plans: Sequence[PersonalPlan],
    catalogue: Catalogue,
    lang: Lang,
    *,
    url: Callable[[str], str],
    pdfs: Sequence[tuple[str, str]] = (),
) -> str:
    """The planner page's HTML: the questions, every step of every plan once, and each plan as data.

    The steps stand in the order of the first plan, the one shown without JavaScript; the rest follow hidden.
    A risk carries the plans it is shown in, a portal hint its portal, so the page's script only picks
    what to show and in which order, and never decides a rule itself. ``pdfs`` are (link text, address) of the
    printable checklists, linked below the plan.
    """
    default = plans[0]
    t = labels(lang)
    data = json.dumps([_plan_data(made) for made in plans], separators=(",", ":"))
    return (
        _environment()
        .get_template("planner.html.j2")
        .render(
            default=default,
            default_mail=form_values(default.choice)["mail"],
            mail_options=[(v.value, t[f"mail_{v.value}"]) for v in MailVariant] + [(NOT_READY, t["mail_performer"])],
            portals=list(Portal),
            not_ready=[(p, [catalogue.resolve(i) for i in p.readiness.steps]) for p in plans if not p.readiness.ready],
            ready_keys=" ".join(p.choice.key for p in plans if p.readiness.ready),
            entries=_page_steps(plans, catalogue),
            pdfs=pdfs,
            plans_json=data.replace("<", "\\u003c"),  # never "</script>" inside the script element
            lang=lang,
            t=t,
            url=url,
        )
    )
