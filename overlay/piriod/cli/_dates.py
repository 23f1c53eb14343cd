"""Dates on the command line: ISO 8601 only, read strictly, local time unless an offset says.

`01/02/2026` is 2 January in one country and 1 February in another, and a forgiving parser
fills what is missing from today (`March` became the 28th of March): an export that ran with
a guessed date is wrong without a word. So only ISO 8601 is accepted: a date
(`2026-01-05`), or a date and a time (`2026-01-05T10:00`, seconds and fractions optional),
with or without an offset (`Z`, `-03:00`). Anything else is refused, showing these forms.

A date or time without an offset is this computer's local time, as the library reads it.
A date alone is a whole day: from its first instant (`--created-since`) to its last
(`--created-until`), and both for `--created`.
"""

from __future__ import annotations

import argparse
import datetime
import re
import time

import dateutil.parser

__all__ = ["DateArgument", "local_zone", "parse_date_argument"]

# The date part must be a whole calendar date: isoparse also reads `2026` and `2026-01`
# (reduced precision) and `2026-W05`, none of which is one day.
_WHOLE_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_FORMS = "2026-01-05, 2026-01-05T10:00 or 2026-01-05T10:00:00-03:00"
_SEARCH = 26 * 3600


class DateArgument:
    """What a date flag was given: the instant it names, or a whole day."""

    def __init__(self, text: str, moment: datetime.datetime, *, whole_day: bool) -> None:
        self.text = text
        self.moment = moment
        self.whole_day = whole_day

    @property
    def first_instant(self) -> datetime.datetime:
        """The instant named; for a date alone, the first instant of that local day."""
        if not self.whole_day:
            return self.moment
        return _start_of_local_day(self.moment.date())

    @property
    def last_instant(self) -> datetime.datetime:
        """The instant named; for a date alone, the last microsecond before the next local
        day starts. Worked out between instants, not on the clock's face: a day when the
        clock goes back has 25 hours (and the last 23:59 is not the last instant), one when
        it goes forward 23."""
        if not self.whole_day:
            return self.moment
        following = self.moment.date() + datetime.timedelta(days=1)
        # astimezone(): shown with the offset in force at that instant, not the next day's.
        return (_start_of_local_day(following) - datetime.timedelta(microseconds=1)).astimezone()

    def __repr__(self) -> str:
        return f"DateArgument({self.text!r})"


def _start_of_local_day(day: datetime.date) -> datetime.datetime:
    """The first instant of `day` in this computer's time zone, with its offset.

    Midnight, where it exists. Where the clock jumps over midnight, the day starts at the
    jump, and Python's reading of the missing midnight may be an hour off either way: so the
    first instant whose local date is `day` is searched for, to the second, within a day
    and two hours of that reading: clocks move by an hour or two, and a time zone that
    changed sides of the date line skipped a whole day (Samoa, 30 December 2011). For a
    skipped day, that first instant is the next day's first."""
    guess = datetime.datetime.combine(day, datetime.time()).astimezone()

    def reached(moment: int) -> bool:
        return datetime.datetime.fromtimestamp(moment).date() >= day

    before, after = int(guess.timestamp()) - _SEARCH, int(guess.timestamp()) + _SEARCH
    if reached(before) or not reached(after):  # pragma: no cover (no time zone does this)
        return guess
    while after - before > 1:  # the earliest second on `day`: before < it <= after
        middle = (before + after) // 2
        if reached(middle):
            after = middle
        else:
            before = middle
    return datetime.datetime.fromtimestamp(after).astimezone()


def local_zone() -> str:
    """This computer's time zone as `help` names it: `-03 (UTC-03:00)`, `UTC (UTC+00:00)`."""
    offset = datetime.datetime.now().astimezone().strftime("%z")
    name = time.strftime("%Z") or "local time"
    return f"{name} (UTC{offset[:3]}:{offset[3:]})"


def _refuse(text: str, why: str) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(
        f"{text!r} is not an ISO 8601 date ({why}); write it like {_FORMS}"
    )


def parse_date_argument(text: str) -> DateArgument:
    """A date flag's value, or ArgumentTypeError (one line, with the accepted forms)."""
    stripped = text.strip()
    date_part, separator, time_part = stripped.partition("T")
    if not separator:
        date_part, separator, time_part = stripped.partition(" ")
    if not _WHOLE_DATE.fullmatch(date_part):
        raise _refuse(text, "the date must be year-month-day, with four digits for the year")
    if separator and not time_part:
        raise _refuse(text, "a time must follow the T")
    try:
        moment = dateutil.parser.isoparse(f"{date_part}T{time_part}" if separator else date_part)
    except (ValueError, OverflowError) as error:
        raise _refuse(text, str(error) or "not a valid date") from None
    try:
        # Sent as an instant with an offset: a date at the edge of the calendar cannot be.
        (moment if moment.tzinfo else moment.astimezone()).astimezone(datetime.UTC)
        (moment + datetime.timedelta(days=1)).astimezone()
    except (OverflowError, ValueError):
        raise _refuse(text, "out of range: use a year from 1 to 9998") from None
    if separator and moment.tzinfo is None:
        # A time the local clock never showed (skipped forward, or a skipped day) would be
        # sent as some other time without a word.
        shown = moment.astimezone().replace(tzinfo=None)
        if shown != moment:
            raise argparse.ArgumentTypeError(
                f"{text!r} is a time this computer's clock skipped ({local_zone()}); give"
                " an offset, e.g. -03:00, or another time"
            )
    argument = DateArgument(text, moment, whole_day=not separator)
    if argument.whole_day and argument.last_instant < argument.first_instant:
        raise argparse.ArgumentTypeError(
            f"{text!r} is a day this computer's time zone skipped ({local_zone()}): no"
            " instant belongs to it"
        )
    return argument
