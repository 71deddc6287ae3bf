"""Dates written the way the file already writes them.

PyYAML writes a datetime as ``2025-03-16 00:00:00+00:00``; a file may write
``2025-03-16T00:00:00Z`` or ``2025-03-16 00:00:00+00:00``. A date the writer puts in the
place of another (or beside one, in a new list item) copies that one's form: the separator
between day and time, the fraction of seconds, ``Z`` or a numeric offset and the space
before it.
"""

from __future__ import annotations

import datetime as dt
import re

_FORM = re.compile(
    r"(?P<date>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})"
    r"(?:(?P<sep>[Tt]|[ \t]+)(?P<time>[0-9]{1,2}:[0-9]{2}:[0-9]{2})(?P<frac>\.[0-9]*)?"
    r"(?P<space>[ \t]*)(?P<zone>Z|[-+][0-9]{1,2}(?::?[0-9]{2})?)?)?")


def date_form(text: str) -> re.Match[str] | None:
    """The parts of a date as written (``text`` is the scalar's source), else None."""
    return _FORM.fullmatch(text.strip())


def format_like(value: dt.date, sample: str) -> str | None:
    """``value`` written in the form of the date ``sample``; None when ``sample`` is no
    date, or when its form cannot hold ``value`` (a day for a time with a zone...)."""
    form = date_form(sample)
    if form is None:
        return None
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    if form.group("time") is None:
        return None  # the sample is a day: a time has no form there
    out = value.strftime("%Y-%m-%d") + form.group("sep") + value.strftime("%H:%M:%S")
    if value.microsecond:
        out += f".{value.microsecond:06d}".rstrip("0")
    offset = value.utcoffset()
    if offset is None:
        return out
    out += form.group("space") or ""
    zone = form.group("zone") or "+00:00"
    if offset == dt.timedelta(0) and zone == "Z":
        return out + "Z"
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{out}{sign}{hours:02d}:{mins:02d}"
