"""The compiled check of native records accepts exactly what jsonschema accepts.

``annotator.io.native`` tells valid records apart with the validator of jsonschema-rs and
asks jsonschema (the reference, whose messages users see) only about the records it refuses.
So the one thing that must never happen is the compiled check accepting a record jsonschema
refuses: every value of a small exported document and header is replaced, in turn, by values
of every JSON type and edge (empty, negative, 1.0, true, nested), every key removed, an
unknown key added, and the verdicts compared.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator import Project
from annotator.io.native import _validator, export_schema

CANDIDATES: list[Any] = [
    None,
    "",
    "x",
    "Q42",
    "0" * 64,
    0,
    -1,
    1,
    1.0,
    1.5,
    True,
    False,
    [],
    [1],
    ["x"],
    {},
    {"a": 1},
    {"start": 0, "end": 1, "text": "x"},
    "done",
]


def reference(definition: str) -> jsonschema.Draft202012Validator:
    schema = export_schema()
    return jsonschema.Draft202012Validator(
        {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    )


def small_export(demo_path: Path) -> tuple[dict, dict]:
    """The demo's header (two entities) and an annotated document cut to a few annotations."""
    with Project.open(demo_path, readonly=True) as p:
        data = p.datasets()
        header = {"format": "annotator/1", **data.header()}
        doc = next(d for d in data.document_dicts() if d["relations"] and d["status"])
    header["entities"] = header["entities"][:2]
    rel = doc["relations"][0]
    keep = {rel["source"], rel["target"]}
    doc["annotations"] = [a for a in doc["annotations"] if a["id"] in keep]
    doc["annotations"][0]["fragments"].append(copy.deepcopy(doc["annotations"][0]["fragments"][0]))
    doc["annotations"][0]["attributes"] = {"form": "direct"}
    doc["relations"] = [rel]
    doc["metadata"] = {"section": "world", "tags": ["a", {"b": [1]}]}
    return header, doc


def paths(value: Any, path: tuple = ()) -> Iterator[tuple]:
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from paths(child, (*path, index))


def replaced(value: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    copied = copy.deepcopy(value)
    parent = copied
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return copied


def without(value: dict, path: tuple) -> Any:
    copied = copy.deepcopy(value)
    parent = copied
    for step in path[:-1]:
        parent = parent[step]
    if isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent.pop(path[-1])
    return copied


def variants(value: dict) -> Iterator[Any]:
    for path in paths(value):
        for new in CANDIDATES:
            yield replaced(value, path, new)
        if path:
            yield without(value, path)
        yield _with_extra(value, path)


def _with_extra(value: dict, path: tuple) -> Any:
    copied = copy.deepcopy(value)
    node = copied
    for step in path:
        node = node[step]
    if isinstance(node, dict):
        node["unexpected"] = 1
    return copied


@pytest.mark.parametrize("definition", ["document", "header"])
def test_the_compiled_check_refuses_whatever_jsonschema_refuses(demo_path, definition) -> None:
    header, doc = small_export(demo_path)
    value = doc if definition == "document" else header
    check, ref = _validator(definition), reference(definition)
    assert check(value) == [] and ref.is_valid(value)
    refused = 0
    for variant in variants(value):
        problems = check(variant)
        valid = ref.is_valid(variant)
        assert (problems == []) == valid, variant
        refused += not valid
    assert refused > 100  # the variants do reach the schema's rules


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers(-2, 70) | st.floats(-1, 2) | st.text(max_size=3),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
        max_leaves=8,
    ),
    st.sampled_from(["id", "text", "sha256", "status", "annotations", "relations", "metadata"]),
)
def test_random_values_in_a_document_get_the_same_verdict(value, key) -> None:
    doc = {
        "id": "d1",
        "title": "",
        "source": None,
        "url": None,
        "published": None,
        "metadata": {},
        "text": "Hello",
        "sha256": "a" * 64,
        "status": {},
        "annotations": [],
        "relations": [],
        key: value,
    }
    assert (_validator("document")(doc) == []) == reference("document").is_valid(doc)
