"""The bounds of what a request may carry, shared by every schema: text without control characters,
integers that fit their PostgreSQL columns, pincodes of six digits and timestamps within the settings' range.

`boundary.py` applies the same text rule to every path and query parameter."""

import re
from datetime import datetime, timedelta
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from fastcommerce.config import get_settings

INT4_MAX = 2**31 - 1
MAX_MOVEMENT = 1_000_000
"""Units one stock movement (a receipt, wastage, adjustment, transfer or plan line) may move."""
MAX_OFFSET = 10_000_000

_CONTROL = re.compile(r"[\x00-\x1f]")
_CONTROL_IN_FREE_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NO_CONTROL = r"^[^\x00-\x1f]*$"
_NO_CONTROL_BUT_LINES = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"


def control_character_problem(value: str, free_text: bool = False) -> str | None:
    """What is wrong with `value` if it holds a control character (free text may hold tabs and line
    breaks); PostgreSQL refuses NUL in text, and no code or name needs the others."""
    found = (_CONTROL_IN_FREE_TEXT if free_text else _CONTROL).search(value)
    if found is None:
        return None
    return f"control character {found.group()!r} at position {found.start()} is not allowed"


def _text_check(free_text: bool) -> AfterValidator:
    def check(value: str) -> str:
        if problem := control_character_problem(value, free_text):
            raise PydanticCustomError("control_character", problem)
        return value

    return AfterValidator(check)


Text = Annotated[str, _text_check(False), Field(json_schema_extra={"pattern": _NO_CONTROL})]
"""A code, a name or a word: no control characters."""
FreeText = Annotated[str, _text_check(True), Field(json_schema_extra={"pattern": _NO_CONTROL_BUT_LINES})]
"""A note a person writes: tabs and line breaks allowed, no other control characters."""

Pincode = Annotated[int, Field(ge=100_000, le=999_999, description="six-digit Indian pincode")]
RowId = Annotated[int, Field(ge=1, le=INT4_MAX)]
Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET)]
Units = Annotated[int, Field(ge=1, le=MAX_MOVEMENT)]


SIMULATED_TIME = {"simulated_time": True}
"""Validation context of data whose times are a simulation's own calendar, not a request's: no time bounds."""


def _within_time_bounds(value: datetime, info: ValidationInfo) -> datetime:
    if info.context == SIMULATED_TIME:
        return value
    settings = get_settings()
    latest = datetime.now(value.tzinfo) + settings.timestamp_max_ahead
    if not settings.timestamp_earliest <= value <= latest:
        raise PydanticCustomError(
            "timestamp_out_of_range",
            "must lie between {earliest} and {ahead} from now",
            {
                "earliest": settings.timestamp_earliest.isoformat(),
                "ahead": _duration(settings.timestamp_max_ahead),
            },
        )
    return value


def _duration(span: timedelta) -> str:
    hours = span.total_seconds() / 3600
    return f"{hours:g} hours"


Timestamp = Annotated[AwareDatetime, AfterValidator(_within_time_bounds)]
"""A moment with a UTC offset, not before FC_TIMESTAMP_EARLIEST nor later than FC_TIMESTAMP_MAX_AHEAD
from now."""
