"""An imported article keeps the name of its file in its metadata (``file``)."""

from __future__ import annotations

from pathlib import Path

from annotator import Project
from annotator.io.common import ReadOptions
from annotator.io.importing import import_paths


def test_txt_and_md_articles_keep_their_file_names(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "talks_resume.txt").write_text("Karamov said talks would resume.", encoding="utf-8")
    (folder / "aid.md").write_text("# Aid convoy\n\nThe convoy reached Sarvel.", encoding="utf-8")
    (folder / "named.md").write_text(
        "---\ntitle: Named\nfile: original-scan-17.pdf\n---\nBelotsky agreed.", encoding="utf-8"
    )
    with Project.create(tmp_path / "p.annotator") as p:
        import_paths(p, [folder], "auto", ReadOptions(), None)
        files = {d.title: d.metadata.get("file") for d in p.documents.all()}
    assert files == {
        "talks resume": "talks_resume.txt",
        "Aid convoy": "aid.md",
        "Named": "original-scan-17.pdf",  # the front matter's own value wins
    }
