"""The fast JSON path of exports must say exactly what the dict path says, for any text."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import Project

tricky = st.text(
    alphabet=st.sampled_from(
        [*'ab "\\/\t\x01\x1f\x7f\u2028\u2029é😀𠀀\u0301<>&', "\ufeff", "\u200b"]
    ),
    min_size=1,
    max_size=12,
)


def test_json_path_equals_dict_path_on_the_demo(demo_path: Path) -> None:
    with Project.open(demo_path, readonly=True) as p:
        data = p.datasets()
        fast = [json.loads(line) for line in data.document_json()]
        assert fast == list(data.document_dicts())
        one = p.datasets(p.layer(p.annotators.all()[0].id))
        assert [json.loads(x) for x in one.document_json()] == list(one.document_dicts())


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=tricky, title=tricky, issue=tricky)
def test_json_path_escapes_like_python(tmp_path: Path, note: str, title: str, issue: str) -> None:
    path = tmp_path / f"p{abs(hash((note, title, issue)))}.annotator"
    with Project.create(path) as p:
        text = f"The union demanded a truce. {title}"
        doc = p.documents.add(text, title=title.strip() or "t", metadata={"k": note}).value
        layer = p.layer()
        demand = layer.add_annotation(
            doc.id, "Demand", [(19, 26)], attributes={"issue": issue.strip() or "x"}, note=note
        ).value
        actor = layer.add_annotation(doc.id, "Actor", [(4, 9)]).value
        layer.add_relation("claimant", demand.id, actor.id)
        fast = [json.loads(line) for line in p.datasets().document_json()]
        assert fast == list(p.datasets().document_dicts())
    path.unlink()
