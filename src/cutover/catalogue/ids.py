"""What a step id and a statement id look like, and the file that lists every step id ever published."""

from __future__ import annotations

import re
from typing import TypeGuard

from cutover.messages import Message, shown

__all__ = ["LONGEST_ID", "PUBLISHED", "STATEMENT_ID", "STEP_ID", "is_step_id", "not_an_id"]

STEP_ID = re.compile(r"^(lead|portal|mail|contacts|calendar)(-[a-z0-9]+)+$")
LONGEST_ID = 60
"""The most characters of a step id or alias: an id names a file (s/<id>.html) and is read aloud."""


def is_step_id(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a step id: the pattern, all of it (no trailing newline), and no longer than a line."""
    return isinstance(value, str) and len(value) <= LONGEST_ID and STEP_ID.fullmatch(value) is not None


def not_an_id(value: object) -> Message:
    """Why ``value`` is no step id: too long, or not of the pattern."""
    if isinstance(value, str) and len(value) > LONGEST_ID and STEP_ID.fullmatch(value):
        return Message("{value} is longer than {longest} characters", value=shown(value), longest=LONGEST_ID)
    return Message("{value} does not match {pattern}", value=shown(value), pattern=STEP_ID.pattern)


STATEMENT_ID = re.compile(r"^S[1-9][0-9]*$")
PUBLISHED = "published-ids.txt"
"""The runbook's committed list of every step id ever published; an id on it must stay a step or an alias."""
