"""Claims: what a rule sentence of a page says, checked against the package and against the sentence's own words.

A page marks a sentence with its claim (``{cutover:claim} before mail-choose-variant portal-stop-exporter``). The
claim is checked against the catalogue and the duplicate checks (``check_package``), and the sentence's words
against the claim in each edition's language (``check_words``): the words that carry a kind of claim, and those
that would say its opposite, are data of each edition in ``claims.toml``. Sybil runs both for every claim of every
page (``conftest.py``), in German and in each translation; each build checks the words of its own edition.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from cutover import pins
from cutover.catalogue import Applies, Kind, MailVariant
from cutover.catalogue.ids import STATEMENT_ID
from cutover.checks import CHECKS, Check, Severity
from cutover.editions import codes
from cutover.errors import CutoverError, UnknownStepError
from cutover.markers import CLAIMS_FILE, found, own_words, phrases

__all__ = [
    "CLAIMS_FILE",
    "KINDS",
    "Claim",
    "ClaimError",
    "check_package",
    "check_words",
    "own_words",
    "parse_claim",
    "step_refs",
]


KINDS: dict[str, str] = {
    "before": "STEP STEP",
    "after": "STEP STEP",
    "never": "CHECK",
    "risk": "CHECK",
    "until": "RULE STEP",
    "from": "RULE STEP",
    "recommended": "STEP",
    "required": "STEP",
    "applies": "STEP CONDITION",
}
"""Each kind of claim and the arguments it takes."""

ORDERS = ("before", "after")
"""The kinds of claim that ``:variant:`` may limit to one mail variant."""

_STEP_ROLE = re.compile(r"\{step\}`([^`]*)`")


class ClaimError(CutoverError):
    """A claim that cannot be read, or that the package or the sentence's words contradict; says which and why."""


@dataclass(frozen=True, slots=True)
class Claim:
    """One claim: its kind, its arguments (step or check ids, a condition), the mail variant, the statement."""

    kind: str
    args: tuple[str, ...]
    variant: MailVariant | None = None
    source: str | None = None

    def __str__(self) -> str:
        options = "".join(
            f" :{name}: {value}" for name, value in (("variant", self.variant), ("source", self.source)) if value
        )
        return f"{self.kind} {' '.join(self.args)}{options}"

    @property
    def steps(self) -> tuple[str, ...]:
        """The step ids among the arguments: the steps the sentence is about."""
        shapes = KINDS[self.kind].split()
        return tuple(arg for arg, shape in zip(self.args, shapes, strict=True) if shape in {"STEP", "RULE"})


def parse_claim(arguments: str, options: Mapping[str, str] | None = None) -> Claim:
    """The claim of a ``{cutover:claim}`` line (``before a b``) and its options (``variant``, ``source``)."""
    words = arguments.split()
    options = dict(options or {})
    if not words or words[0] not in KINDS:
        raise ClaimError(f"unknown kind of claim {words[0] if words else ''!r} (known: {', '.join(KINDS)})")
    kind, args = words[0], tuple(words[1:])
    shapes = KINDS[kind].split()
    if len(args) != len(shapes):
        raise ClaimError(f"the claim {kind} takes {KINDS[kind]}, not {' '.join(args) or 'nothing'}")
    unknown = sorted(set(options) - {"variant", "source"})
    if unknown:
        raise ClaimError(f"unknown option {', '.join(unknown)} (known: variant, source)")
    variant = options.get("variant")
    if variant is not None and variant not in {v.value for v in MailVariant}:
        raise ClaimError(f"unknown mail variant {variant!r} (known: a, b)")
    if variant is not None and kind not in ORDERS:
        raise ClaimError(f"the option variant limits an order ({', '.join(ORDERS)}), not a claim {kind}")
    source = options.get("source")
    if source is not None and not STATEMENT_ID.fullmatch(source):
        raise ClaimError(f"{source!r} is no statement id (S1, S2, …; runbook/statements.toml)")
    return Claim(kind, args, MailVariant(variant) if variant else None, source)


def _check(check_id: str) -> Check:
    for check in CHECKS:
        if check.id == check_id:
            return check
    raise ClaimError(f"unknown duplicate check {check_id!r}")


def _order(claim: Claim) -> None:
    first, then = claim.args if claim.kind == "before" else reversed(claim.args)
    catalogue = pins.catalogue()
    if catalogue[first].recommended or catalogue[then].recommended:
        pins.before(first, then, claim.variant)  # no step waits for a recommended one; it keeps its place
    else:
        pins.waits_for(then, first, claim.variant)


def _finding(claim: Claim) -> None:
    check, expected = _check(claim.args[0]), Severity.BLOCKER if claim.kind == "never" else Severity.WARNING
    if check.severity is not expected:
        raise AssertionError(f"expected {check.id} to be a {expected.value}, but it is a {check.severity.value}")
    if claim.source is not None and claim.source not in check.statements:
        carried = ", ".join(check.statements)
        raise AssertionError(f"expected {check.id} to carry {claim.source}, but it carries {carried}")
    pins.fires(check.id, **check.example)


def _span(claim: Claim) -> None:
    rule, step = claim.args
    pins.kind_is(rule, Kind.RULE)
    (pins.holds_until if claim.kind == "until" else pins.holds_from)(rule, step)


def _strength(claim: Claim) -> None:
    pins.recommended(claim.args[0], is_recommended=claim.kind == "recommended")


def _applies(claim: Claim) -> None:
    step, condition = claim.args
    if condition not in {a.value for a in Applies}:
        raise ClaimError(f"unknown condition {condition!r} (known: {', '.join(a.value for a in Applies)})")
    pins.applies_only(step, Applies(condition))


_PACKAGE: dict[str, Callable[[Claim], None]] = {
    "before": _order,
    "after": _order,
    "never": _finding,
    "risk": _finding,
    "until": _span,
    "from": _span,
    "recommended": _strength,
    "required": _strength,
    "applies": _applies,
}


def check_package(claim: Claim) -> None:
    """Raise ``AssertionError`` (from the pins) or ``ClaimError`` where the package does not say what ``claim`` says."""
    for step_id in claim.steps:
        try:
            pins.catalogue()[step_id]
        except UnknownStepError as error:
            raise ClaimError(str(error)) from None
    _PACKAGE[claim.kind](claim)
    if claim.source is not None and claim.steps:
        pins.carries(claim.steps[0], claim.source)


def step_refs(sentence: str) -> list[str]:
    """The step ids a sentence links with ``{step}``, in order."""
    return _STEP_ROLE.findall(sentence)


def check_words(
    claim: Claim, sentence: str, lang: str, statements: Mapping[str, str], *, here: str | None = None
) -> list[str]:
    """What in ``sentence`` (MyST source, in ``lang``) contradicts ``claim`` or is missing; empty if nothing is.

    ``statements`` are FLOWFACT's statements by id (the catalogue's), for a claim's ``source``; ``here`` is the step
    whose card holds the sentence: a claim about it need not link it.
    """
    problems: list[str] = []
    text = own_words(sentence)
    key = f"applies.{claim.args[1]}" if claim.kind == "applies" else claim.kind
    carry = phrases(f"{key}.carry", lang)
    if carry and not found(carry, text):
        problems.append(f"no word says it ({' | '.join(carry)})")
    problems += [f"{phrase!r} says the opposite" for phrase in found(phrases(f"{key}.against", lang), text)]
    linked = set(step_refs(sentence))
    problems += [f"{{step}}`{step}` is not linked" for step in claim.steps if step not in linked and step != here]
    if claim.source is not None:
        problems += _emphasis(statements.get(claim.source, ""), claim.source, text, lang)
    return problems


def _emphasis(statement: str, source: str, text: str, lang: str) -> list[str]:
    """Where FLOWFACT's statement stresses its rule, the sentence keeps the stress: in German, the source's words."""
    stressed = found(phrases("emphasis.carry", codes()[0]), statement)
    if not stressed:
        return []
    wanted = stressed if lang == codes()[0] else phrases("emphasis.carry", lang)
    if found(wanted, text):
        return []
    return [f"{source} says {' and '.join(repr(s) for s in stressed)}: keep it ({' | '.join(wanted)})"]
