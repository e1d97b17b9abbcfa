"""Checking a native export file against resources/export/annotator-1.schema.json.

Used by tests/io directly (``from export_validation import assert_valid_export``) and by
tests/e2e through its conftest. The schema is read from the resources folder of the source
tree, not through the package, so a package that silently changed its copy would be caught.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_FILE = (
    Path(__file__).resolve().parents[2] / "resources" / "export" / "annotator-1.schema.json"
)


@cache
def export_schema() -> dict[str, Any]:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@cache
def _validator(definition: str | None) -> jsonschema.Draft202012Validator:
    schema = export_schema()
    if definition is not None:
        schema = {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}
    return jsonschema.Draft202012Validator(schema)


def _validate(value: Any, definition: str | None, where: str) -> None:
    errors = sorted(_validator(definition).iter_errors(value), key=lambda e: list(e.path))
    assert not errors, f"{where}: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors[:5]
    )


def _check_fragments(doc: dict[str, Any], where: str) -> None:
    text = doc["text"]
    ids = {a["id"] for a in doc["annotations"]}
    for ann in doc["annotations"]:
        for frag in ann["fragments"]:
            assert 0 <= frag["start"] < frag["end"] <= len(text), f"{where}: {ann['id']} {frag}"
            assert text[frag["start"] : frag["end"]] == frag["text"], (
                f"{where}: fragment of {ann['id']} does not match the document text: {frag}"
            )
    for rel in doc["relations"]:
        assert rel["source"] in ids, f"{where}: relation {rel['id']} from outside the document"


def _jsonl_header(first_line: str) -> dict[str, Any] | None:
    """The header when ``first_line`` is a complete JSONL header, else None (JSON export)."""
    try:
        value = json.loads(first_line)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) and "documents" not in value else None


def assert_valid_export(path: Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Validate an export file and return (header, documents).

    JSON: the whole object against the schema. JSONL: the first line against $defs/header and
    every further line against $defs/document. Every fragment must equal text[start:end].
    """
    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    assert raw.endswith("\n"), f"{path}: does not end with a newline"
    header = _jsonl_header(raw.partition("\n")[0])
    if header is not None:
        lines = raw.split("\n")
        _validate(header, "header", f"{path}:1")
        documents = []
        for number, line in enumerate(lines[1:-1], start=2):
            assert line.strip(), f"{path}:{number}: blank line in a JSONL export"
            doc = json.loads(line)
            _validate(doc, "document", f"{path}:{number}")
            documents.append(doc)
    else:
        whole = json.loads(raw)
        _validate(whole, None, str(path))
        documents = whole.pop("documents")
        header = whole
    for index, doc in enumerate(documents):
        _check_fragments(doc, f"{path}: documents[{index}]")
    known = {a["id"] for a in header["annotators"]}
    for doc in documents:
        for ann in doc["annotations"]:
            assert ann["annotator"] is None or ann["annotator"] in known, ann
    return header, documents
