"""Publication dates as written in news sources, normalised to ISO 8601.

Dates in the formats a source uses (``"June 3, 2024 Monday"``, ``"3 juin 2024"``,
``"2024-06-03T10:15:00Z"``) are tried first against a few fixed patterns, which is fast; the
rest go to dateparser, which knows the month and weekday names of many languages. A date that
neither can read is not guessed: :func:`iso_date` returns None and the reader keeps the
original text in the document's metadata (``date_as_written``).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

#: Patterns tried before dateparser, on the text with weekdays, "GMT"/"UTC" and commas removed.
#: (ISO 8601 forms are read by ``datetime.fromisoformat`` before these.)
FIXED_PATTERNS = (
    "%B %d %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%d %b %Y",
    "%B %d %Y %I:%M %p",
    "%d %B %Y %H:%M",
    "%Y-%m-%d",  # after a weekday or "GMT" was taken off
)
_WEEKDAYS = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.IGNORECASE
)
_ZONE = re.compile(r"\s*(Z|[+-]\d\d:?\d\d|\b(GMT|UTC))\s*$", re.IGNORECASE)
_SPACES = re.compile(r"[\s,]+")


_ISO_START = re.compile(r"\d{4}-\d\d-\d\d")


def _fixed(text: str) -> str | None:
    if _ISO_START.match(text):
        try:
            value = dt.datetime.fromisoformat(_ZONE.sub("", text))
        except ValueError:
            pass
        else:
            return _iso(value, has_time=len(text) > 10)
    cleaned = _SPACES.sub(" ", _ZONE.sub("", _WEEKDAYS.sub(" ", text))).strip()
    for pattern in FIXED_PATTERNS:
        try:
            value = dt.datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
        return _iso(value, has_time="%H" in pattern or "%I" in pattern)
    return None


def _iso(value: dt.datetime, has_time: bool) -> str:
    if not has_time or (value.hour, value.minute, value.second) == (0, 0, 0):
        return value.date().isoformat()
    return value.replace(tzinfo=None, microsecond=0).isoformat()


@cache
def _parser(languages: tuple[str, ...]) -> object:
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=list(languages) or None,
        settings={
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
            # "yesterday" or "2 hours ago" in an archived article says nothing of its date
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        },
    )


def iso_date(text: str | None, languages: tuple[str, ...] = ()) -> str | None:
    """``text`` as an ISO 8601 date (``2024-06-03``) or date and time
    (``2024-06-03T10:15:00``), or None when it cannot be read as one.

    ``languages``: ISO 639-1 codes the date may be written in (all that dateparser knows when
    empty; naming them is faster and avoids misreadings).
    """
    if text is None or not text.strip() or len(text) > 200:
        return None
    found = _fixed(text.strip())
    if found is not None:
        return found
    parser = _parser(tuple(languages))
    data = parser.get_date_data(text.strip())  # type: ignore[attr-defined]
    if data is None or data.date_obj is None:
        return None
    value: dt.datetime = data.date_obj
    return _iso(value, has_time=data.period == "time")


def dated(
    text: str | None, metadata: dict[str, object], languages: tuple[str, ...] = ()
) -> str | None:
    """The ISO date of ``text``; the original goes to ``metadata["date_as_written"]`` when it
    could not be read or says more than the ISO form does."""
    if text is None or not text.strip():
        return None
    found = iso_date(text, languages)
    if found is None or found != text.strip():
        metadata["date_as_written"] = text.strip()
    return found
