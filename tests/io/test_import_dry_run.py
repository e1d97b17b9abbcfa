"""import_paths(..., dry_run=True): the report of the import, and nothing kept."""

from __future__ import annotations

from pathlib import Path

from annotator import Project
from annotator.io.exporting import export_project
from annotator.io.importing import import_paths
from annotator.io.preview import preview_documents
from tests.io.news_samples import news_page


def test_a_dry_run_of_an_annotated_export_counts_what_it_would_bring(
    demo_path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "demo.jsonl"
    with Project.open(demo_path, readonly=True) as demo:
        export_project(demo, "jsonl", out)
        documents, annotations = demo.documents.count(), demo.info()["annotations"]
    target = Project.create(tmp_path / "new.annotator", annotator="Tester")
    try:
        report = import_paths(target, [out], dry_run=True)
        assert report.added == documents and report.annotations == annotations > 0
        assert target.documents.count() == 0
        assert target.info()["annotations"] == 0
        again = import_paths(target, [out])  # and then for real: the same report
        assert (again.added, again.annotations) == (report.added, report.annotations)
        assert target.documents.count() == documents
    finally:
        target.close()


def test_the_preview_shows_documents_as_stored_and_stops_early(tmp_path: Path) -> None:
    feed = tmp_path / "feed.csv"
    row = '"Title {i}","Text of article {i}.\r\nSecond line.",Herald\n'
    rows = "".join(row.format(i=i) for i in range(50))
    feed.write_text("title,text,source\n" + rows, encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(news_page(), encoding="utf-8")
    shown = preview_documents([feed, page], limit=3)
    assert [d.title for d in shown] == ["Title 0", "Title 1", "Title 2"]
    first = shown[0]
    assert first.text_start == "Text of article 0. Second line."  # CRLF normalised, one line
    assert first.characters == len("Text of article 0.\nSecond line.")
    assert (first.source, first.metadata, first.origin) == ("Herald", {}, f"{feed}:3")
