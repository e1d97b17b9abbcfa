"""The formats table: every entry resolves, counts and names its files right, stays light."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import InputError, Project, ValidationError
from annotator.io.exporting import export_project
from annotator.io.formats import (
    ACTORS,
    DEMANDS,
    DOCUMENTS,
    EXPORT_CHOICES,
    FORMATS,
    IMPORT_CHOICES,
    IMPORT_EXTENSIONS,
    QUOTES,
    and_list,
    collect,
    detect,
    load,
)
from annotator.io.graphml import second_path

WRITER_PARAMETERS = ["data", "out", "progress"]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_every_reference_resolves_to_a_function(name: str) -> None:
    fmt = FORMATS[name]
    assert fmt.name == name
    assert fmt.description and "\n" not in fmt.description
    if fmt.reader is not None:
        assert callable(fmt.load_reader())
    if fmt.writer is not None:
        writer = fmt.load_writer()
        assert list(inspect.signature(writer).parameters) == WRITER_PARAMETERS
    if fmt.extra_files is not None:
        assert fmt.writer is not None, "extra files without a writer"
        assert callable(load(fmt.extra_files))


def test_choices_come_from_readers_and_writers() -> None:
    assert ("auto", *(n for n, f in FORMATS.items() if f.reader)) == IMPORT_CHOICES
    assert tuple(n for n, f in FORMATS.items() if f.writer) == EXPORT_CHOICES
    # the CLI default and the dialog's first entry
    assert EXPORT_CHOICES[0] == "native"
    assert {"quotes-csv", "demands-csv", "actors-csv", "network-graphml"} <= set(EXPORT_CHOICES)
    assert {"web-annotation", "cas-json"} <= set(EXPORT_CHOICES)
    assert "quotes-csv" not in IMPORT_CHOICES and "txt" not in EXPORT_CHOICES


def test_units_say_one_and_many() -> None:
    assert QUOTES.of(1) == "1 quote"
    assert QUOTES.of(3) == "3 quotes"
    assert DEMANDS.of(0) == "0 demands"
    assert ACTORS.of(1) == "1 actor"
    assert DOCUMENTS.of(12) == "12 documents"
    assert [FORMATS[n].counts for n in ("native", "jsonl")] == [DOCUMENTS, DOCUMENTS]
    assert FORMATS["quotes-csv"].counts == QUOTES
    assert FORMATS["demands-csv"].counts == DEMANDS
    assert FORMATS["actors-csv"].counts == ACTORS
    assert FORMATS["network-graphml"].counts == DEMANDS


def test_messages_name_every_file_written(tmp_path: Path) -> None:
    out = tmp_path / "net.graphml"
    assert FORMATS["network-graphml"].files(out) == (out, second_path(out))
    assert FORMATS["network-graphml"].exported(12, out) == (
        f"Exported 12 demands to {out} and {tmp_path / 'net-addressees.graphml'}."
    )
    quotes = tmp_path / "q.csv"
    assert FORMATS["quotes-csv"].files(quotes) == (quotes,)
    assert FORMATS["quotes-csv"].exported(1, quotes) == f"Exported 1 quote to {quotes}."
    assert and_list(["a", "b", "c"]) == "a, b and c"


def test_export_files_get_the_first_extension_and_only_readers_pick_files() -> None:
    assert FORMATS["native"].extensions[0] == ".json"
    assert FORMATS["jsonl"].extensions[0] == ".jsonl"
    assert FORMATS["network-graphml"].extensions[0] == ".graphml"
    assert ".graphml" not in IMPORT_EXTENSIONS
    assert {e for f in FORMATS.values() if f.reader for e in f.extensions} == IMPORT_EXTENSIONS


def test_a_csv_file_is_imported_as_articles(tmp_path: Path) -> None:
    table = tmp_path / "articles.csv"
    table.write_text("text\nHello\n", encoding="utf-8")
    assert detect(table) == "csv"
    with pytest.raises(InputError, match="cannot tell the format"):
        detect(tmp_path / "net.graphml")


def test_export_only_and_unknown_formats_are_refused(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Hello", encoding="utf-8")
    with pytest.raises(ValidationError, match="unknown import format 'quotes-csv'"):
        collect([article], "quotes-csv")
    with Project.create(tmp_path / "p.annotator") as p:
        with pytest.raises(ValidationError, match="unknown export format 'txt'"):
            export_project(p, "txt", tmp_path / "out.txt")
        with pytest.raises(ValidationError, match="unknown export format 'xml'"):
            export_project(p, "xml", tmp_path / "out.xml")
    assert not (tmp_path / "out.txt").exists()


def test_the_command_line_loads_the_table_but_no_reader_or_writer() -> None:
    code = (
        "import sys, annotator.cli; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('annotator.'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = set(result.stdout.split())
    assert "annotator.io.formats" in loaded
    heavy = {
        ref.partition(":")[0]
        for f in FORMATS.values()
        for ref in (f.reader, f.writer, f.extra_files)
        if ref
    }
    assert heavy and not heavy & loaded
    assert not any(m.startswith("annotator.store") for m in loaded)
