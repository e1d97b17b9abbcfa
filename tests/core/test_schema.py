from __future__ import annotations

import copy
import json

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import default_schema, load_schema_text, parse_schema


def raw() -> dict:
    return copy.deepcopy(default_schema().raw)


def test_default_schema_has_the_claims_labels_relations_and_hotkeys() -> None:
    schema = default_schema()
    assert schema.name == "Claims — quotes, actors, demands"
    assert {x.name: x.hotkey for x in schema.labels} == {
        "Actor": "A",
        "Quote": "Q",
        "Demand": "D",
        "Cue": "C",
    }
    speaker = schema.relation("speaker")
    assert (speaker.source, speaker.target, speaker.required, speaker.max) == (
        "Quote",
        "Actor",
        True,
        1,
    )
    assert schema.relation("addressee").required is False
    assert schema.label("Demand").attribute("issue").editable is True
    assert "troop withdrawal" in schema.label("Demand").attribute("issue").values
    assert schema.label("Actor").entity and not schema.label("Quote").entity


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda s: s["labels"][0].update(hotkey="AA"), "labels[0].hotkey"),
        (lambda s: s["labels"][1].update(color="orange"), "labels[1].color"),
        (lambda s: s["labels"][0].pop("name"), "labels[0]"),
        (lambda s: s["relations"][0].update(target="Speaker"), "relations[0].target"),
        (lambda s: s["relations"][2].update(source="Nothing"), "relations[2].source"),
        (lambda s: s["labels"][1].update(hotkey="A"), "labels[1].hotkey"),
        (
            lambda s: s["labels"].append(copy.deepcopy(s["labels"][0]) | {"hotkey": "X"}),
            "labels[4].name",
        ),
        (lambda s: s.update(version=0), "version"),
        (lambda s: s.update(format="other/1"), "format"),
        (
            lambda s: s["labels"][2]["attributes"][0].update(values=[]),
            "labels[2].attributes[0].values",
        ),
        (lambda s: s.update(surprise=True), "(top level)"),
    ],
)
def test_a_bad_schema_is_refused_naming_the_field(mutate, field: str) -> None:
    data = raw()
    mutate(data)
    with pytest.raises(SchemaError) as info:
        parse_schema(data)
    assert field in str(info.value)


def test_schema_that_is_not_json_names_the_line() -> None:
    with pytest.raises(SchemaError, match="line 2"):
        load_schema_text('{\n  "format": nope\n}', "my.json")


def test_schema_round_trips_through_its_json() -> None:
    schema = default_schema()
    again = load_schema_text(schema.to_json())
    assert again == schema
    assert json.loads(again.to_json()) == schema.raw
