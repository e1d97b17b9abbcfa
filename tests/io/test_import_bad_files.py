"""A file of articles that cannot be read is left out whole and named; the others go in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.io.importing import import_paths
from annotator.store.project import Project
from tests.io.news_samples import news_page, nexis_docx, word_article


@pytest.fixture
def project(tmp_path: Path):
    with Project.create(tmp_path / "p.annotator") as p:
        yield p


def texts(project: Project) -> list[str]:
    return sorted(d.text.split(".")[0] for d in project.documents.all())


def jsonl(path: Path, records: list[dict[str, object]], tail: str = "") -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records) + tail, encoding="utf-8")
    return path


def test_a_truncated_word_file_is_left_out_and_the_others_are_stored(
    project: Project, tmp_path: Path
) -> None:
    whole = word_article(tmp_path / "whole.docx").read_bytes()
    broken = tmp_path / "broken.docx"
    broken.write_bytes(whole[: len(whole) // 2])
    good = tmp_path / "good.txt"
    good.write_text("Good article. It is stored.", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(news_page(), encoding="utf-8")

    report = import_paths(project, [good, broken, page], on_bad_file="skip")

    assert report.added == 2
    [failure] = report.failed
    assert failure.startswith(f"{broken}: not a Word document")
    assert {d.title for d in project.documents.all()} == {"good", "Council backs night buses"}
    assert "1 file(s) could not be read, left out" in report.summary()
    # the same import refusing bad files stores nothing
    with Project.create(tmp_path / "q.annotator") as other:
        with pytest.raises(InputError, match=r"broken\.docx: not a Word document"):
            import_paths(other, [good, broken, page], on_bad_file="refuse")
        assert other.documents.count() == 0


def test_a_file_that_fails_after_some_batches_keeps_none_of_them(
    project: Project, tmp_path: Path
) -> None:
    """Thousands of good lines are written in batches before line 2,501 is found malformed:
    none of that file is kept, nor its duplicates and warnings in the report."""
    many = [{"text": f"Line {i}. Of a long file.", "title": "<b>x</b>"} for i in range(2500)]
    big = jsonl(tmp_path / "big.jsonl", many, tail="{not json\n")
    small = jsonl(tmp_path / "small.jsonl", [{"text": "Small one. Kept."}])

    report = import_paths(project, [big, small], on_bad_file="skip")

    assert texts(project) == ["Small one"]
    assert report.added == 1
    assert report.failed == [
        f"{big}:2501: not valid JSON (Expecting property name enclosed in double quotes, column 2)"
    ]
    assert not any("HTML removed from the title" in w for w in report.warnings)
    # a later import of the repaired file adds it: nothing of the failed one was left behind
    jsonl(big, many)
    again = import_paths(project, [big, small], on_bad_file="skip")
    assert (again.added, len(again.duplicates), again.failed) == (2500, 1, [])


def test_duplicates_across_files_are_found_when_a_file_between_them_fails(
    project: Project, tmp_path: Path
) -> None:
    first = jsonl(tmp_path / "a.jsonl", [{"text": "Same text. Twice."}])
    bad = jsonl(tmp_path / "b.jsonl", [{"body": "no text field"}])
    second = jsonl(tmp_path / "c.jsonl", [{"text": "Same text. Twice."}])

    report = import_paths(project, [first, bad, second], on_bad_file="skip")

    assert (report.added, report.duplicates) == (1, [f"{second}:1"])
    assert len(report.failed) == 1 and report.failed[0].startswith(f"{bad}:1: no 'text' field")


def test_a_news_export_missing_an_end_of_document_is_left_out_whole(
    project: Project, tmp_path: Path
) -> None:
    cut = nexis_docx(tmp_path / "cut.docx", end_of_last=False)
    whole = nexis_docx(tmp_path / "whole.docx")

    report = import_paths(project, [cut, whole], on_bad_file="skip")

    assert len(report.failed) == 1 and "End of Document" in report.failed[0]
    assert str(cut) in report.failed[0]
    assert report.added == project.documents.count() > 0
    origins = {d.metadata.get("file") for d in project.documents.all()}
    assert origins == {"whole.docx"}


def test_annotation_files_stay_all_or_nothing(project: Project, tmp_path: Path) -> None:
    """A bad doccano file refuses the whole import even when bad files are skipped: the
    annotations of several files refer to each other's documents."""
    good = jsonl(tmp_path / "good.jsonl", [{"text": "Plain article. Kept?"}])
    bad = tmp_path / "labels.jsonl"
    bad.write_text('{"text": "A", "label": [[0, 1, "quote"]]}\n{"text": \n', encoding="utf-8")
    with pytest.raises(InputError):
        import_paths(project, [good, bad], "doccano", on_bad_file="skip")
    assert project.documents.count() == 0


def test_a_cancel_still_rolls_everything_back(project: Project, tmp_path: Path) -> None:
    from annotator.core.reports import Cancelled

    files = [jsonl(tmp_path / f"{i}.jsonl", [{"text": f"File {i}. Text."}]) for i in range(3)]
    calls = [0]

    def progress(_done: int, _total: int | None) -> bool:
        calls[0] += 1
        return calls[0] > 3

    with pytest.raises(Cancelled):
        import_paths(project, files, progress=progress, on_bad_file="skip")
    assert project.documents.count() == 0


def test_a_document_the_store_refuses_leaves_out_only_its_file(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files read whole are written together; when the writing refuses one document (too
    long here), they are written again one at a time and only that file is left out."""
    import annotator.core.text

    monkeypatch.setattr(annotator.core.text, "MAX_DOCUMENT_CHARS", 1_000)
    folder = tmp_path / "texts"
    folder.mkdir()
    for name in ("a", "c", "d"):
        (folder / f"{name}.txt").write_text(f"Article {name}. Short.", encoding="utf-8")
    (folder / "b.txt").write_text("Long. " * 400, encoding="utf-8")

    report = import_paths(project, [folder], on_bad_file="skip")

    assert texts(project) == ["Article a", "Article c", "Article d"]
    assert report.added == 3
    [failure] = report.failed
    assert failure.startswith(f"{folder / 'b.txt'}: the document is too long: 2,400 characters")
