from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.spans import Span, SpanIndex, nesting_depths

spans_strategy = st.lists(
    st.tuples(st.integers(0, 200), st.integers(1, 40)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=60,
)


@given(spans_strategy, st.integers(0, 250), st.integers(1, 60))
def test_overlapping_matches_a_brute_force_scan(raw, start, length) -> None:
    spans = [Span(s, e, f"a{i}") for i, (s, e) in enumerate(raw)]
    index = SpanIndex(spans)
    end = start + length
    expected = {s for s in spans if s.start < end and s.end > start}
    assert set(index.overlapping(start, end)) == expected


@given(spans_strategy, st.integers(0, 250))
def test_at_returns_containing_spans_innermost_first(raw, position) -> None:
    index = SpanIndex(Span(s, e, f"a{i}") for i, (s, e) in enumerate(raw))
    found = index.at(position)
    assert all(s.start <= position < s.end for s in found)
    assert len(found) == sum(1 for s, e in raw if s <= position < e)
    assert [s.end - s.start for s in found] == sorted(s.end - s.start for s in found)


def test_nested_and_overlapping_spans_get_distinct_depths() -> None:
    outer, inner, later, apart = (
        Span(0, 50, "q"),
        Span(10, 20, "a"),
        Span(15, 60, "d"),
        Span(70, 80, "x"),
    )
    depths = nesting_depths(SpanIndex([outer, inner, later, apart]).spans)
    assert depths[("q", 0)] == 0
    assert depths[("a", 0)] == 1
    assert depths[("d", 0)] == 2
    assert depths[("x", 0)] == 0


@given(spans_strategy, spans_strategy, st.integers(0, 250), st.integers(1, 60))
def test_replace_equals_a_fresh_index(raw, extra, start, length) -> None:
    spans = [Span(s, e, f"a{i % 7}", i) for i, (s, e) in enumerate(raw)]
    index = SpanIndex(spans)
    new = [Span(s, e, "a3", 100 + i) for i, (s, e) in enumerate(extra)]
    index.replace("a3", new)
    fresh = SpanIndex([s for s in spans if s.key != "a3"] + new)
    assert index.spans == fresh.spans
    assert set(index.overlapping(start, start + length)) == set(
        fresh.overlapping(start, start + length)
    )
