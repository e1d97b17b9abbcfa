"""Cleaning of document fields that come from outside (titles scraped from HTML, dates)."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SPACE = re.compile(r"\s+")


def clean_title(title: str | None) -> tuple[str, bool]:
    """A title as plain text on one line; True when HTML markup or entities were removed.

    Titles are shown as plain text everywhere; markup in them (``<b>``, ``&amp;``) comes from
    scraped feeds and would otherwise be displayed literally or, worse, interpreted.
    """
    if not title:
        return "", False
    text = _TAG.sub("", title)
    text = html.unescape(text)
    text = _SPACE.sub(" ", text).strip()
    return text, text != _SPACE.sub(" ", title).strip()
