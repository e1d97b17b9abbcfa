from __future__ import annotations

import copy
import json

import pytest

from annotator.core.errors import SchemaError
from annotator.core.schema import (
    Roles,
    default_schema,
    load_schema_text,
    parse_schema,
    with_default_roles,
)


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


# -- roles -----------------------------------------------------------------------------------


def test_default_schema_names_its_roles() -> None:
    schema = default_schema()
    assert schema.roles == Roles(
        speech="Quote",
        claim="Demand",
        actor="Actor",
        cue="Cue",
        speaker="speaker",
        claimant="claimant",
        addressee="addressee",
        cue_relation="cue",
    )
    assert schema.label_for_role("speech") is schema.label("Quote")
    assert schema.relation_for_role("addressee") is schema.relation("addressee")
    assert schema.label_for_role("nothing") is None


def _without_roles(data: dict) -> dict:
    for item in [*data["labels"], *data["relations"]]:
        item.pop("role", None)
    return data


def test_a_stored_default_schema_without_roles_gets_the_default_roles() -> None:
    old = _without_roles(raw())
    old["labels"][2]["attributes"][0]["values"].append("prisoner exchange")  # edited values
    old["labels"][1]["color"] = "#000000"
    schema = parse_schema(old)
    assert schema.roles == default_schema().roles
    assert schema.raw == old and "role" not in schema.to_json()  # the stored text stays
    assert load_schema_text(schema.to_json()).roles == default_schema().roles
    assert with_default_roles(old) is not old and "role" not in json.dumps(old)


def _rename_quote(data: dict) -> None:
    data["labels"][1]["name"] = "Zitat"
    for rel in data["relations"]:
        if rel["source"] == "Quote":
            rel["source"] = "Zitat"


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.update(name="My claims"),
        _rename_quote,
        lambda s: s["relations"].pop(),
        lambda s: s["relations"][2].update(target="Cue"),
        lambda s: s["labels"][0].update(entity=False),
    ],
)
def test_other_schemas_without_roles_get_none(change) -> None:
    data = _without_roles(raw())
    change(data)
    schema = parse_schema(data)
    assert schema.roles == Roles()
    assert with_default_roles(data) is data


def test_a_schema_with_some_roles_is_not_upgraded() -> None:
    data = _without_roles(raw())
    data["labels"][1]["role"] = "speech"
    assert parse_schema(data).roles == Roles(speech="Quote")


@pytest.mark.parametrize(
    ("mutate", "field", "says"),
    [
        (lambda s: s["labels"][0].update(role="speaker"), "labels[0].role", "is not one of"),
        (lambda s: s["relations"][0].update(role="speech"), "relations[0].role", "is not one of"),
        (lambda s: s["labels"][2].update(role="speech"), "labels[2].role", "'Quote'"),
        (lambda s: s["labels"][0].update(entity=False), "labels[0].role", '"entity": true'),
        (lambda s: s["relations"][1].update(role="speaker"), "relations[1].role", "'speaker'"),
        (lambda s: s["relations"][0].update(source="Demand"), "relations[0].source", "'Quote'"),
        (lambda s: s["relations"][0].update(target="Cue"), "relations[0].target", "registry"),
        (lambda s: s["relations"][3].update(target="Actor"), "relations[3].target", "'Cue'"),
        (lambda s: s["labels"][1].pop("role"), "relations[0].source", "no label has that role"),
        (lambda s: s["labels"][3].pop("role"), "relations[3].target", "no label has that role"),
    ],
)
def test_roles_are_checked_naming_the_field(mutate, field: str, says: str) -> None:
    data = raw()
    mutate(data)
    with pytest.raises(SchemaError) as info:
        parse_schema(data)
    assert f"schema field {field}:" in str(info.value)
    assert says in str(info.value)


def test_labels_and_relations_without_a_role_are_free() -> None:
    data = raw()
    data["labels"].append({"name": "Event", "hotkey": "E"})
    data["relations"].append({"name": "reported_by", "source": "Event", "target": "Quote"})
    schema = parse_schema(data)
    assert schema.label("Event").role is None and schema.relation("reported_by").role is None
    assert schema.roles == default_schema().roles


# -- names in any language -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Äußerung", "Zitat direkt", "Заявление", "引用", "Cue-2"])
def test_label_names_may_use_any_script(name: str) -> None:
    data = raw()
    data["labels"][3]["name"] = name
    data["relations"][3]["target"] = name
    assert parse_schema(data).roles.cue == name


@pytest.mark.parametrize("name", ["2nd", "_x", " Zitat", "Zitat 'direkt'", 'Zitat "direkt"'])
def test_label_names_start_with_a_letter_and_hold_no_quote_marks(name: str) -> None:
    data = raw()
    data["labels"][3]["name"] = name
    with pytest.raises(SchemaError, match=r"labels\[3\]\.name"):
        parse_schema(data)


@pytest.mark.parametrize("name", ["sprecher", "äußerer", "говорящий", "speaker_2"])
def test_relation_names_are_lower_case_identifiers_in_any_script(name: str) -> None:
    data = raw()
    data["relations"][0]["name"] = name
    assert parse_schema(data).roles.speaker == name


@pytest.mark.parametrize("name", ["Sprecher", "sprecher's", "wer spricht", "2nd", "_x"])
def test_other_relation_names_are_refused(name: str) -> None:
    data = raw()
    data["relations"][0]["name"] = name
    with pytest.raises(SchemaError, match=r"relations\[0\]\.name"):
        parse_schema(data)
