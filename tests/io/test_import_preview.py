"""The import preview's data: the fields of tables, the fields guessed, files that fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.io.common import ReadOptions
from annotator.io.preview import guess_fields, preview_import
from annotator.io.tabular import field_names
from tests.io.news_samples import news_page, word_article


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("csv", "Headline;Body;Outlet;Date\nA;Text one;Courier;2026-03-14\n"),
        (
            "jsonl",
            json.dumps({"Headline": "A", "Body": "x"})
            + "\n"
            + json.dumps({"Outlet": "C", "Body": "y", "Date": "2026"})
            + "\n",
        ),
        ("json", json.dumps([{"Headline": "A", "Body": "x", "Outlet": "C", "Date": "d"}])),
    ],
)
def test_the_fields_of_a_table_in_the_order_they_appear(
    tmp_path: Path, name: str, content: str
) -> None:
    path = write(tmp_path / f"t.{name}", content)
    assert field_names(path, name, ReadOptions()) == ["Headline", "Body", "Outlet", "Date"]


def test_fields_named_otherwise_are_guessed_and_known_ones_kept() -> None:
    guessed = guess_fields(["ID", "Headline", "Body", "Outlet", "Date", "Link"], ReadOptions())
    assert (
        guessed.text_field,
        guessed.title_field,
        guessed.source_field,
        guessed.url_field,
        guessed.published_field,
    ) == ("Body", "Headline", "Outlet", "Link", "Date")
    # a field the options name that the table has is kept, even if another name fits too
    kept = guess_fields(["text", "body", "title"], ReadOptions())
    assert (kept.text_field, kept.title_field) == ("text", "title")
    # nothing that fits: the options stay as they are
    assert guess_fields(["a", "b"], ReadOptions()) == ReadOptions()


def test_a_preview_names_the_files_it_cannot_read_and_reads_on(tmp_path: Path) -> None:
    whole = word_article(tmp_path / "whole.docx").read_bytes()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-broken.docx").write_bytes(whole[: len(whole) // 3])
    write(folder / "b-page.html", news_page())
    table = write(folder / "c-table.csv", "Headline,Body\nHello,World text here\n")

    preview = preview_import([folder])

    assert [d.title for d in preview.documents] == ["Council backs night buses"]
    assert preview.problems[0].startswith(f"{folder / 'a-broken.docx'}: not a Word document")
    assert preview.problems[1].startswith(f"{table}: no 'text' column")
    assert (preview.fields, preview.tables, preview.article_files) == (["Headline", "Body"], 1, 3)
    # read with the fields the table has, its row comes too
    chosen = preview_import([folder], options=guess_fields(preview.fields, ReadOptions()))
    assert [d.title for d in chosen.documents] == ["Council backs night buses", "Hello"]
    assert len(chosen.problems) == 1


def test_annotation_files_are_counted_not_previewed(tmp_path: Path) -> None:
    doccano = write(tmp_path / "labels.jsonl", json.dumps({"text": "A b", "label": []}) + "\n")
    preview = preview_import([doccano], "doccano")
    assert (preview.documents, preview.annotation_files, preview.article_files) == ([], 1, 0)
