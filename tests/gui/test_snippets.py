"""Cutting a search snippet to its column around the match (measured here in characters)."""

from __future__ import annotations

from annotator.gui.snippets import fit_snippet


def elide(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


SNIPPET = "…The appeal came from Liang Shuwen, the Concord’s [humanitarian] coordinator for…"


def fit(text: str, width: int) -> str:
    return fit_snippet(text, width, len, elide)


def test_a_snippet_that_fits_is_left_alone() -> None:
    assert fit(SNIPPET, len(SNIPPET)) == SNIPPET


def test_the_words_before_the_match_give_way_first() -> None:
    assert fit(SNIPPET, 50) == "…the Concord’s [humanitarian] coordinator for…"
    assert fit(SNIPPET, 40) == "…[humanitarian] coordinator for…"
    assert fit(SNIPPET, 20) == "…[humanitarian] coo…"
    assert fit(SNIPPET, 10) == "…[humanit…"  # narrower than the match: its start
    for width in range(16, len(SNIPPET)):
        shown = fit(SNIPPET, width)
        assert len(shown) <= width and "[humanitarian]" in shown, width


def test_without_a_match_or_with_one_at_the_start_it_is_cut_at_the_end() -> None:
    assert fit("[Karamov] said the talks would resume on Monday", 20) == "[Karamov] said the …"
    assert fit("no marks in this one at all, just text", 12) == "no marks in…"
