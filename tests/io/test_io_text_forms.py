"""What happens to a text on import: decoding, line ends, NFC, and duplicates by sha256."""

from __future__ import annotations

import codecs
import hashlib
import json
import unicodedata

import pytest

from annotator import InputError
from annotator.io.common import ReadOptions
from annotator.io.importing import import_paths

FRENCH = (
    "Le président a déclaré : « Nous ne céderons pas. » Les négociations reprendront à "
    "Genève la semaine prochaine, a-t-il ajouté. La délégation s’est dite « prête à "
    "discuter » d’un cessez-le-feu – sans conditions préalables."
)
GERMAN = (
    "Die Bundesregierung hat am Montag erklärt, dass die Gespräche über einen "
    "Waffenstillstand fortgesetzt würden. Außenministerin Müller sagte, man müsse "
    "„jetzt handeln“, und verwies auf die Lage der Flüchtlinge."
)


@pytest.mark.parametrize("text", [FRENCH, GERMAN], ids=["french", "german"])
def test_cp1252_file_is_decoded(project, write_file, stored, text) -> None:
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the detection path is really taken
    path = write_file("legacy.txt", data)
    import_paths(project, [path])
    [doc] = stored()
    assert doc.text == text


def test_cp1252_csv_is_decoded(project, write_file, stored) -> None:
    path = write_file("legacy.csv", f'title,text\nGenève,"{FRENCH}"\n'.encode("cp1252"))
    import_paths(project, [path])
    [doc] = stored()
    assert (doc.title, doc.text) == ("Genève", FRENCH)


@pytest.mark.parametrize(
    "bom, codec",
    [
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF8, "utf-8"),
    ],
)
def test_files_with_a_byte_order_mark(project, write_file, stored, bom, codec) -> None:
    path = write_file("marked.txt", bom + FRENCH.encode(codec))
    import_paths(project, [path])
    [doc] = stored()
    assert doc.text == FRENCH  # the mark itself is not part of the text


def test_utf16_jsonl_is_decoded(project, write_file, stored) -> None:
    content = json.dumps({"title": "Genève", "text": GERMAN}, ensure_ascii=False) + "\n"
    path = write_file("feed.jsonl", content.encode("utf-16"))  # with BOM
    import_paths(project, [path])
    [doc] = stored()
    assert (doc.title, doc.text) == ("Genève", GERMAN)


def test_utf16_without_mark_needs_the_encoding_option(project, write_file, stored) -> None:
    path = write_file("unmarked.txt", FRENCH.encode("utf-16-le"))
    with pytest.raises(InputError, match="--encoding"):
        import_paths(project, [path])
    import_paths(project, [path], options=ReadOptions(encoding="utf-16-le"))
    assert [d.text for d in stored()] == [FRENCH]


def test_crlf_and_lone_cr_become_lf(project, write_file, stored) -> None:
    path = write_file("windows.txt", "First line.\r\nSecond line.\r\n\r\nOld Mac\rline.\r\n")
    import_paths(project, [path])
    [doc] = stored()
    assert doc.text == "First line.\nSecond line.\n\nOld Mac\nline.\n"
    assert doc.sha256 == hashlib.sha256(doc.text.encode("utf-8")).hexdigest()


def test_text_is_stored_in_nfc(project, write_file, stored) -> None:
    decomposed = "Ha\u0301lek said Valdori\u0301a\u0308 would not yield. Zu\u0308rich."
    assert not unicodedata.is_normalized("NFC", decomposed)
    path = write_file("nfd.txt", decomposed)
    import_paths(project, [path])
    [doc] = stored()
    assert doc.text == unicodedata.normalize("NFC", decomposed)
    assert "Hálek" in doc.text and "Zürich" in doc.text
    # nothing else is touched: no-break spaces, tabs and trailing spaces stay
    path2 = write_file("spaces.txt", "a\u00a0b\tc  \n  d")
    import_paths(project, [path2])
    assert stored()[1].text == "a\u00a0b\tc  \n  d"


def test_duplicate_in_a_later_import_is_skipped_and_reported(project, write_file, stored):
    first = write_file("a.txt", "The same article.")
    assert import_paths(project, [first]).added == 1
    again = write_file("copy.txt", "The same article.")
    report = import_paths(project, [again])
    assert report.added == 0
    assert report.duplicates == [str(again)]
    assert "1 already in the project (same text), skipped" in report.summary()
    [doc] = stored()
    assert doc.title == "a"  # the first one stays


def test_duplicate_within_one_import_and_across_formats(project, write_file, stored) -> None:
    txt = write_file("a.txt", "Karsia rejected the plan.\r\n")  # differs only in line ends
    md = write_file("b.md", "---\ntitle: Other\n---\nA different article.\n")
    feed = write_file(
        "c.jsonl",
        json.dumps({"text": "Karsia rejected the plan.\n", "title": "dup"})
        + "\n"
        + json.dumps({"text": "A different article.", "title": "dup too"})
        + "\n",
    )
    table = write_file("d.csv", 'title,text\nx,"A different article."\n')
    report = import_paths(project, [txt, md, feed, table])
    assert report.added == 2
    assert report.duplicates == [f"{feed}:1", f"{feed}:2", f"{table}:2"]
    assert [(d.title, d.text) for d in stored()] == [
        ("a", "Karsia rejected the plan.\n"),
        ("Other", "A different article."),
    ]


def test_nfc_variants_are_duplicates(project, write_file, stored) -> None:
    composed = write_file("composed.txt", "Genève talks.")
    decomposed = write_file("decomposed.txt", "Gene\u0300ve talks.")
    report = import_paths(project, [composed, decomposed])
    assert (report.added, report.duplicates) == (1, [str(decomposed)])
    assert len(stored()) == 1


def test_many_duplicates_across_batches(project, write_file, stored) -> None:
    # more records than one insert batch, each text twice
    lines = [json.dumps({"text": f"Article {i % 700}."}) for i in range(1400)]
    path = write_file("feed.jsonl", "\n".join(lines) + "\n")
    report = import_paths(project, [path])
    assert report.added == 700
    assert len(report.duplicates) == 700
    assert report.duplicates[0] == f"{path}:701"
    assert len(stored()) == 700
