"""The first reading of annotation files (what the window's mapping dialog offers)."""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

import pytest

from annotator import Project
from annotator.core.errors import InputError
from annotator.core.reports import Cancelled
from annotator.io.import_scan import unknown_in_files


def _doccano(path: Path, *lines: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def _line(text: str, *labels: str, relations: tuple[str, ...] = ()) -> dict[str, object]:
    entities = [
        {"id": i, "label": label, "start_offset": 0, "end_offset": 4}
        for i, label in enumerate(labels)
    ]
    links = [{"id": i, "from_id": 0, "to_id": 1, "type": t} for i, t in enumerate(relations)]
    return {"text": text, "entities": entities, "relations": links}


def test_unknown_labels_and_relation_types_are_counted_over_every_file(
    project: Project, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _doccano(folder / "a.jsonl", _line("Some text", "PER", "Quote", "PER", relations=("said",)))
    _doccano(folder / "b.jsonl", _line("More text", "ORG", "PER"), _line("Third", "Actor"))
    (folder / "article.txt").write_text("An article, no labels.", encoding="utf-8")
    seen: list[tuple[int, int | None]] = []

    found = unknown_in_files(project, [folder], progress=lambda d, t: seen.append((d, t)) and None)

    assert found.labels == Counter({"PER": 3, "ORG": 1})  # Quote and Actor are the schema's
    assert found.relation_types == Counter({"said": 1})
    assert found.annotation_files == 2
    assert bool(found)
    sizes = sum(p.stat().st_size for p in folder.glob("*.jsonl"))
    assert seen[-1] == (sizes, sizes)  # bytes of the annotation files, to their end
    # a map given already (--map) is applied first
    mapped = unknown_in_files(project, [folder], label_map={"PER": "Actor", "said": "speaker"})
    assert mapped.labels == Counter({"ORG": 1}) and mapped.relation_types == Counter()
    assert project.documents.count() == 0  # nothing was stored


def test_articles_only_and_known_labels_give_nothing_to_map(
    project: Project, tmp_path: Path
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Just an article.", encoding="utf-8")
    found = unknown_in_files(project, [article])
    assert not found and found.annotation_files == 0
    known = _doccano(tmp_path / "k.jsonl", _line("Some text", "Actor", "Quote"))
    assert not unknown_in_files(project, [known], "doccano")


def test_cancel_and_a_bad_file(project: Project, tmp_path: Path) -> None:
    sample = _doccano(tmp_path / "a.jsonl", *[_line(f"Text {i}", "PER") for i in range(5)])
    with pytest.raises(Cancelled):
        unknown_in_files(project, [sample], progress=lambda _d, _t: True)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "x", "entities": []}\n{"text": ', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl"):
        unknown_in_files(project, [bad], "doccano")


# -- the scan's documents, kept for the import ------------------------------------------------


def _stored(project: Project) -> list[tuple[str, str, str]]:
    return sorted(
        (d.text, a.label, a.text)
        for d in project.documents.all()
        for layer in project.layers()
        for a in layer.annotations(d.id)
    )


def _swap_keeping_stamp(path: Path, text: str) -> None:
    """Write ``text`` (of the same size) into ``path`` and give it back its modification time:
    an import that reads the file again sees ``text``; one that uses the scan's reading does not."""
    status = path.stat()
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size == status.st_size
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


def test_the_import_uses_the_documents_the_scan_read(project: Project, tmp_path: Path) -> None:
    from annotator.io.importing import import_paths

    conll = tmp_path / "tags.conll"
    conll.write_text("Ana\tI-PER\nsaid\tO\nno\tB-Quote\n.\tO\n", encoding="utf-8")
    found = unknown_in_files(project, [conll])
    assert found.labels == Counter({"PER": 1}) and found.read is not None
    _swap_keeping_stamp(conll, "Bob\tI-PER\nsaid\tO\nno\tB-Quote\n.\tO\n")
    report = import_paths(project, [conll], label_map={"PER": "Actor"}, already_read=found.read)
    # not read again: what the scan read is stored
    assert _stored(project) == [("Ana said no .", "Actor", "Ana"), ("Ana said no .", "Quote", "no")]
    # what the reader noticed while the scan read it is said by the import
    assert any("1 I- tags without a B- before them" in w for w in report.warnings), report.warnings


def test_a_file_changed_since_the_scan_or_too_big_is_read_again(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.io import import_scan
    from annotator.io.importing import import_paths

    path = _doccano(tmp_path / "a.jsonl", _line("Some text", "Quote"))
    found = unknown_in_files(project, [path])
    assert found.read is not None and found.read.format == "doccano"
    _doccano(path, _line("Other words", "Quote"))  # changed (its size too)
    import_paths(project, [path], already_read=found.read)
    assert _stored(project) == [("Other words", "Quote", "Othe")]

    monkeypatch.setattr(import_scan, "KEEP_READ_BYTES", 10)
    assert unknown_in_files(project, [path]).read is None  # larger than the cap: not kept
    # with an article among the files, the article is stored first: nothing is kept
    (tmp_path / "b.txt").write_text("An article.", encoding="utf-8")
    assert unknown_in_files(project, [path, tmp_path / "b.txt"]).read is None
