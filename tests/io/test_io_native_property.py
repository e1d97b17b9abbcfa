"""The native format is the reference: any project comes back from its JSON and JSONL exports
exactly — every layer's spans, attributes, actor links and relations."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from roundtrip import build, projects, round_trip


@pytest.mark.parametrize(("fmt", "name"), [("jsonl", "out.jsonl"), ("native", "out.json")])
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(docs=projects())
def test_any_project_comes_back_exactly(tmp_path_factory, fmt: str, name: str, docs) -> None:
    folder = tmp_path_factory.mktemp("native")
    with build(folder / "a.annotator", docs) as original:
        before, after, warnings = round_trip(original, fmt, folder / name, import_format="native")
    assert after == before
    assert not [w for w in warnings if "schema" not in w]
