"""Many articles per file: JSON Lines, JSON arrays, CSV and TSV."""

from __future__ import annotations

import json

import pytest

from annotator import InputError
from annotator.io.common import ReadOptions
from annotator.io.importing import import_paths
from annotator.io.tabular import read_csv, read_jsonl


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def test_jsonl_with_field_mapping_and_metadata(project, write_file, stored) -> None:
    path = write_file(
        "feed.jsonl",
        jsonl(
            {
                "body": "Karsia rejected the proposal.",
                "headline": "Karsia says no",
                "outlet": "Meridian Wire",
                "link": "https://example.org/1",
                "date": "2026-03-04",
                "lang": "en",
                "tags": ["talks", "Karsia"],
                "meta": {"words": 4, "paywall": False},
            },
            {"body": "Valdoria welcomed the offer.", "headline": "Valdoria says yes", "n": 2},
        ),
    )
    options = ReadOptions(
        text_field="body",
        title_field="headline",
        source_field="outlet",
        url_field="link",
        published_field="date",
    )
    report = import_paths(project, [path], options=options)
    assert report.added == 2
    first, second = stored()
    assert first.text == "Karsia rejected the proposal."
    assert first.title == "Karsia says no"
    assert (first.source, first.url, first.published) == (
        "Meridian Wire",
        "https://example.org/1",
        "2026-03-04",
    )
    assert first.metadata == {
        "lang": "en",
        "tags": ["talks", "Karsia"],
        "meta": {"words": 4, "paywall": False},
    }
    assert (second.title, second.source, second.metadata) == ("Valdoria says yes", None, {"n": 2})


def test_jsonl_default_fields_and_blank_lines(project, write_file, stored) -> None:
    path = write_file(
        "feed.ndjson",
        "\n"
        + jsonl({"text": "One.", "title": "First", "source": "S", "published": "2026-01-01"})
        + "   \n"
        + jsonl({"text": "Two.", "title": "Second"}),
    )
    import_paths(project, [path])
    docs = stored()
    assert [(d.title, d.text) for d in docs] == [("First", "One."), ("Second", "Two.")]
    assert (docs[0].source, docs[0].published, docs[0].metadata) == ("S", "2026-01-01", {})


def test_jsonl_line_with_u2028_inside_a_string_is_one_record(project, write_file, stored):
    # Written raw (json.dumps would escape them): U+2028/U+2029 are legal inside JSON strings,
    # and must not be taken for line breaks.
    raw = '{"title": "Sep\u2029arators", "text": "Before\u2028after, and\u0085NEL."}\n'
    raw += '{"title": "Next", "text": "Second record."}\n'
    path = write_file("feed.jsonl", raw)
    assert "\u2028" in path.read_text(encoding="utf-8")
    report = import_paths(project, [path])
    assert report.added == 2
    first, second = stored()
    assert first.text == "Before\u2028after, and\u0085NEL."
    assert first.title == "Sep arators"  # titles are one line: separators become a space
    assert second.text == "Second record."


def test_jsonl_malformed_line_is_named(write_file) -> None:
    path = write_file("feed.jsonl", jsonl({"text": "ok"}) + '{"text": "broken\n' + jsonl({}))
    with pytest.raises(InputError, match=r"feed\.jsonl:2: not valid JSON"):
        list(read_jsonl(path, ReadOptions()))


def test_jsonl_line_that_is_not_an_object_is_named(write_file) -> None:
    path = write_file("feed.jsonl", jsonl({"text": "ok"}) + '["text"]\n')
    with pytest.raises(InputError, match=r"feed\.jsonl:2: each line must be a JSON object"):
        list(read_jsonl(path, ReadOptions()))


def test_jsonl_without_the_text_field_lists_the_fields(write_file) -> None:
    path = write_file("feed.jsonl", jsonl({"body": "x", "headline": "y"}))
    with pytest.raises(
        InputError, match=r"feed\.jsonl:1: no 'text' field \(found: body, headline\)"
    ):
        list(read_jsonl(path, ReadOptions()))


def test_json_array_of_objects(project, write_file, stored) -> None:
    records = [
        {"text": "Article one.", "title": "One", "url": "https://example.org/1", "rank": 1},
        {"text": "Article two.", "title": "Two", "extra": None, "empty": ""},
    ]
    path = write_file("articles.json", json.dumps(records, indent=2))
    report = import_paths(project, [path])
    assert report.added == 2
    one, two = stored()
    assert (one.title, one.text, one.url, one.metadata) == (
        "One",
        "Article one.",
        "https://example.org/1",
        {"rank": 1},
    )
    assert (two.title, two.text, two.metadata) == ("Two", "Article two.", {})


@pytest.mark.parametrize(
    "content",
    ['{"text": "an object, not an array"}', '["a", "b"]', "[1, 2]"],
)
def test_json_that_is_not_an_array_of_objects_is_refused(project, write_file, content, stored):
    path = write_file("articles.json", content)
    with pytest.raises(InputError, match="a JSON array of objects"):
        import_paths(project, [path])
    assert stored() == []


def test_malformed_json_names_line_and_column(project, write_file) -> None:
    path = write_file("articles.json", '[\n  {"text": "one"},\n  {"text": "two",}\n]\n')
    with pytest.raises(InputError, match=r"articles\.json: not valid JSON .* at line 3, column"):
        import_paths(project, [path])


def test_csv_with_metadata_columns_and_quoted_multiline_cells(project, write_file, stored):
    path = write_file(
        "articles.csv",
        "title,text,source,lang\r\n"
        '"Talks, day one","First line.\r\nSecond line, with a comma.\r\n'
        '""Quoted"" words.",Wire,en\r\n'
        "Plain,Simple text,,fr\r\n",
    )
    report = import_paths(project, [path])
    assert report.added == 2
    first, second = stored()
    assert first.title == "Talks, day one"
    assert first.text == 'First line.\nSecond line, with a comma.\n"Quoted" words.'
    assert (first.source, first.metadata) == ("Wire", {"lang": "en"})
    assert (second.title, second.text, second.source, second.metadata) == (
        "Plain",
        "Simple text",
        None,
        {"lang": "fr"},
    )


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_csv_delimiter_is_detected(project, write_file, stored, delimiter) -> None:
    rows = [
        ["title", "text", "section"],
        ["A", '"He said, then, she left, well, yes."', "World"],
        ["B", '"Another text, with commas, many, many."', "Politics"],
    ]
    path = write_file("articles.csv", "".join(delimiter.join(r) + "\n" for r in rows))
    import_paths(project, [path])
    docs = stored()
    assert [(d.title, d.text, d.metadata) for d in docs] == [
        ("A", "He said, then, she left, well, yes.", {"section": "World"}),
        ("B", "Another text, with commas, many, many.", {"section": "Politics"}),
    ]


def test_tsv_is_tab_separated_by_extension(project, write_file, stored) -> None:
    path = write_file("articles.tsv", 'title\ttext\tlang\nA\tHe said, "then"; she\tde\n')
    import_paths(project, [path])
    [doc] = stored()
    assert (doc.title, doc.text, doc.metadata) == ("A", 'He said, "then"; she', {"lang": "de"})


def test_csv_cell_larger_than_128_kb(project, write_file, stored) -> None:
    long_text = "".join(f"Sentence {i} of a very long article. " for i in range(8000))
    assert len(long_text) > 256 * 1024
    path = write_file("long.csv", f'title,text\nLong,"{long_text}"\nShort,tiny\n')
    report = import_paths(project, [path])
    assert report.added == 2
    docs = stored()
    assert docs[0].text == long_text
    assert docs[1].text == "tiny"


def test_csv_without_the_text_column_names_the_columns(project, write_file, stored) -> None:
    path = write_file("articles.csv", "headline,body,lang\nA,Some text,en\n")
    with pytest.raises(InputError) as caught:
        import_paths(project, [path])
    message = str(caught.value)
    assert "no 'text' column" in message
    assert "'headline', 'body', 'lang'" in message
    assert "--text-field" in message
    assert stored() == []
    # naming the column makes it work
    import_paths(project, [path], options=ReadOptions(text_field="body", title_field="headline"))
    [doc] = stored()
    assert (doc.title, doc.text, doc.metadata) == ("A", "Some text", {"lang": "en"})


def test_csv_row_with_too_many_cells_is_named(write_file) -> None:
    path = write_file("articles.csv", "title,text\nA,fine\nB,too,many\n")
    with pytest.raises(InputError, match=r"row 3 has more cells than the header"):
        list(read_csv(path, ReadOptions()))


def test_records_with_blank_text_are_skipped(project, write_file, stored) -> None:
    path = write_file(
        "feed.jsonl", jsonl({"text": "Kept."}, {"text": "   "}, {"text": None}, {"text": "Also."})
    )
    report = import_paths(project, [path])
    assert report.added == 2
    assert [d.text for d in stored()] == ["Kept.", "Also."]


def test_text_field_that_is_not_text_is_refused(project, write_file, stored) -> None:
    path = write_file("feed.jsonl", jsonl({"text": "fine"}, {"text": 42}))
    with pytest.raises(InputError, match=r"feed\.jsonl:2: the 'text' field is not text"):
        import_paths(project, [path])
    assert stored() == []
