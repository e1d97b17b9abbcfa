"""Hostile input is refused with a message naming the file and place (or the argument), never
a traceback, and nothing is written: deep nesting, lone surrogates, NUL bytes, unclosed quotes,
wrong types through the API."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import InputError, SchemaError, ValidationError
from annotator.core.schema import load_schema_text
from annotator.io.importing import import_paths

DEEP = "[" * 900 + "]" * 900
TABLES = ("documents", "annotations", "relations", "entities", "annotators", "document_status")


@pytest.fixture
def counts():
    """Rows per table of a project file, read with plain sqlite3."""

    def count(path: Path) -> dict[str, int]:
        with contextlib.closing(sqlite3.connect(str(path))) as conn:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    return count


def refused(project, path: Path, counts) -> str:
    before = counts(project.path)
    with pytest.raises(InputError) as caught:
        import_paths(project, [path])
    assert counts(project.path) == before
    return str(caught.value)


@pytest.mark.parametrize("name", ["deep.jsonl", "deep.json"])
def test_deeply_nested_records_are_refused(project, write_file, counts, name) -> None:
    record = '{"text": "An article.", "tags": ' + DEEP + "}"
    content = record + "\n" if name.endswith(".jsonl") else f'[{{"text": "A."}}, {record}]'
    path = write_file(name, content)
    where = f"{path}:1" if name.endswith(".jsonl") else f"{path}[1]"
    assert refused(project, path, counts) == (
        f"{where}: the field 'tags' nests lists or objects more than 100 levels deep"
    )


def test_nesting_beyond_the_parsers_recursion_is_refused(project, write_file, counts) -> None:
    path = write_file("deeper.jsonl", '{"text": "A.", "m": %s}\n' % ("[" * 5000 + "]" * 5000))
    assert refused(project, path, counts) == (
        f"{path}:1: lists or objects nest more than 100 levels deep"
    )


def test_deeply_nested_native_export_is_refused(demo_path, project, tmp_path, counts, cli):
    out = tmp_path / "demo.jsonl"
    assert cli("export", demo_path, "--format", "jsonl", "-o", out).returncode == 0
    header, first, *rest = out.read_text(encoding="utf-8").splitlines()
    doc = json.loads(first)
    doc["metadata"] = {"deep": json.loads(DEEP)}
    out.write_text("\n".join([header, json.dumps(doc), *rest]) + "\n", encoding="utf-8")
    message = refused(project, out, counts)
    assert message == f"{out}:2: the value nests lists or objects more than 100 levels deep"


def test_deeply_nested_schema_is_refused() -> None:
    with pytest.raises(SchemaError, match=r"^deep\.json: the value nests lists or objects"):
        load_schema_text('{"name": "x", "labels": ' + DEEP + "}", "deep.json")


def test_lone_surrogate_in_jsonl_names_the_line_and_field(project, write_file, counts) -> None:
    path = write_file("feed.jsonl", '{"text": "fine"}\n{"text": "bad \\ud83d here"}\n')
    message = refused(project, path, counts)
    assert message.startswith(f"{path}:2: the field 'text' holds a lone UTF-16 surrogate")


def test_lone_surrogate_in_metadata_names_its_path(project, write_file, counts) -> None:
    path = write_file("feed.jsonl", '{"text": "fine", "tags": ["a", "\\udc00"]}\n')
    assert refused(project, path, counts).startswith(
        f"{path}:1: the field 'metadata/tags/1' holds a lone UTF-16 surrogate"
    )


def test_lone_surrogate_through_the_api(project, counts) -> None:
    before = counts(project.path)
    with pytest.raises(ValidationError, match="the field 'text' holds a lone UTF-16 surrogate"):
        project.documents.add("bad \ud83d here")
    with pytest.raises(ValidationError, match="the field 'metadata/k' holds a lone"):
        project.documents.add("good text", metadata={"k": "\udfff"})
    assert counts(project.path) == before


def test_nul_byte_in_a_csv_names_its_line(project, write_file, counts) -> None:
    path = write_file("table.csv", b'text,title\n"ok",a\n"b\x00ad",b\n')
    assert "the first at byte offset 20, line 3" in refused(project, path, counts)


def test_unclosed_csv_quote_names_the_line_it_opens(project, write_file, counts) -> None:
    path = write_file("table.csv", 'text,title\n"ok",a\n"fine",b\n"open,c\nmore\n')
    message = refused(project, path, counts)
    assert message.startswith(f"{path}:4: malformed CSV in the row starting at line 4")
    assert "unclosed quotation mark" in message


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda p: p.documents.add(None), "text must be text (a str), not NoneType"),
        (lambda p: p.documents.add(5), "text must be text (a str), not int"),
        (lambda p: p.documents.add("Text.", title=3), "title must be text (a str), not int"),
        (lambda p: p.documents.add("Text.", source=[1]), "source must be text (a str) or None"),
        (lambda p: p.documents.add("Text.", metadata=5), "metadata must be a mapping, not int"),
        (lambda p: p.documents.add("Text.", metadata={1: "x"}), "metadata keys must be text"),
        (lambda p: p.documents.add("Text.", metadata={"k": {1, 2}}), "metadata is not JSON"),
        (lambda p: p.documents.add_many(5), "add_many takes an iterable of DocumentInput"),
        (lambda p: p.documents.add_many(["x"]), "add_many takes DocumentInput items, not str"),
    ],
)
def test_wrong_types_through_the_documents_api(project, counts, call, expected) -> None:
    before = counts(project.path)
    with pytest.raises(ValidationError) as caught:
        call(project)
    assert expected in str(caught.value)
    assert counts(project.path) == before


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"fragments": 5}, "fragments must be a list of (start, end) pairs, not int"),
        ({"fragments": "0-4"}, "fragments must be a list of (start, end) pairs, not str"),
        ({"label": 7}, "label must be text (a str), not int"),
        ({"label": ["Actor"]}, "label must be text (a str), not list"),
        ({"attributes": 3}, "attributes must be a mapping, not int"),
    ],
)
def test_wrong_types_through_the_annotation_api(project, counts, kwargs, expected) -> None:
    doc = project.documents.add("Karamov said talks would resume.").value
    before = counts(project.path)
    arguments = {"label": "Actor", "fragments": [(0, 7)], **kwargs}
    with pytest.raises(ValidationError) as caught:
        project.layer().add_annotation(doc.id, **arguments)
    assert expected in str(caught.value)
    assert counts(project.path) == before
