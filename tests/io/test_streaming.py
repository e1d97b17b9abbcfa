"""Imports stream: every reader yields its first article after reading about one piece of the
file, a bad line or item far into a file is named by its line (and column) with nothing
written, an encoding that changes after the detection sample is refused at its line, and the
import's memory does not grow with the file (measured in a subprocess)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator import Project
from annotator.core.errors import InputError
from annotator.core.model import DocumentInput
from annotator.core.text import DETECTION_SAMPLE
from annotator.io import common
from annotator.io.common import CHUNK_SIZE, ReadOptions
from annotator.io.exporting import export_project
from annotator.io.formats import FORMATS
from annotator.io.importing import import_paths
from annotator.io.native import read_native

FILLER = " ".join(f"word{j}" for j in range(300))  # about 2.3 KB
FIELDS = ("title", "source", "text")


def article(i: int) -> dict[str, Any]:
    return {"title": f"Article {i}", "source": "Wire", "text": f"Zürich, {i}: “yes”. {FILLER}"}


def write_jsonl(path: Path, count: int, bad_line: str | None = None) -> Path:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for i in range(count):
            fh.write(json.dumps(article(i), ensure_ascii=False) + "\n")
        if bad_line is not None:
            fh.write(bad_line + "\n")
    return path


def write_array(path: Path, count: int) -> Path:
    records = ",\n".join(json.dumps(article(i), ensure_ascii=False) for i in range(count))
    path.write_text(f"[\n{records}\n]\n", encoding="utf-8")
    return path


def write_csv(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(FIELDS)
        for i in range(count):
            row = article(i)
            writer.writerow([row["title"], row["source"], row["text"] + "\r\nSecond line."])
    return path


WRITERS: dict[str, Callable[[Path, int], Path]] = {
    "jsonl": write_jsonl,
    "json": write_array,
    "csv": write_csv,
}
COUNT = 2500  # about 6 MB: several pieces of CHUNK_SIZE


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Bytes read so far from each file opened for reading bytes with ``Path.open``, which
    ``Path.read_bytes`` uses too."""
    counts: dict[str, int] = {}
    real_open = Path.open

    class Recorder:
        def __init__(self, fh: Any, key: str) -> None:
            self._fh, self._key = fh, key

        def read(self, size: int = -1) -> bytes:
            data = self._fh.read(size)
            counts[self._key] += len(data)
            return data

        def __enter__(self) -> Recorder:
            return self

        def __exit__(self, *exc: object) -> None:
            self._fh.close()

        def __getattr__(self, name: str) -> Any:
            return getattr(self._fh, name)

    def recording_open(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        fh = real_open(self, mode, *args, **kwargs)
        if "r" in mode and "b" in mode:
            counts.setdefault(str(self), 0)
            return Recorder(fh, str(self))
        return fh

    monkeypatch.setattr(Path, "open", recording_open)
    return counts


@pytest.fixture
def counts() -> Callable[[Path], dict[str, int]]:
    def count(path: Path) -> dict[str, int]:
        with contextlib.closing(sqlite3.connect(str(path))) as conn:
            tables = ("documents", "annotations", "relations", "entities")
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    return count


# -- the first article comes after one piece of the file ----------------------------------------


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_each_reader_yields_its_first_article_after_one_piece(tmp_path, reads, fmt) -> None:
    path = WRITERS[fmt](tmp_path / f"articles.{fmt}", COUNT)
    size = path.stat().st_size
    assert size > 4 * CHUNK_SIZE
    items = FORMATS[fmt].load_reader()(path, ReadOptions())
    first, position = next(items)
    assert first.title == "Article 0"
    assert reads[str(path)] <= 2 * CHUNK_SIZE, "the whole file was read for the first article"
    assert 0 < position <= reads[str(path)]
    rest = [item for item, _ in items]
    assert [item.title for item in rest[-2:]] == [f"Article {COUNT - 2}", f"Article {COUNT - 1}"]
    assert len(rest) == COUNT - 1
    assert reads[str(path)] == size


@pytest.mark.parametrize("kind", ["native", "jsonl"])
def test_a_native_export_yields_its_first_document_after_one_piece(tmp_path, reads, kind):
    source = tmp_path / "big.annotator"
    with Project.create(source, annotator="Ana") as p:
        p.documents.add_many(common_inputs(COUNT))
        out = tmp_path / ("export.json" if kind == "native" else "export.jsonl")
        export_project(p, kind, out)
    assert out.stat().st_size > 4 * CHUNK_SIZE
    reads.clear()
    header, docs, file = read_native(out)
    assert header["format"] == "annotator/1"
    _where, doc = next(docs)
    assert doc["title"] == "Article 0"
    assert reads[str(out)] <= 2 * CHUNK_SIZE
    assert 0 < file.position() <= reads[str(out)]
    assert sum(1 for _ in docs) == COUNT - 1
    assert reads[str(out)] == out.stat().st_size


def common_inputs(count: int) -> list[DocumentInput]:
    return [DocumentInput(**article(i)) for i in range(count)]


def test_a_native_json_with_its_header_after_the_documents_is_read_twice(tmp_path) -> None:
    source = tmp_path / "small.annotator"
    with Project.create(source, annotator="Ana") as p:
        p.documents.add_many(common_inputs(3))
        out = tmp_path / "export.json"
        export_project(p, "native", out)
    whole = json.loads(out.read_text(encoding="utf-8"))
    documents = whole.pop("documents")
    moved = tmp_path / "moved.json"  # documents first (hand-edited): still imports
    moved.write_text(json.dumps({"documents": documents, **whole}), encoding="utf-8")
    with Project.create(tmp_path / "target.annotator") as target:
        report = import_paths(target, [moved], fmt="native")
        assert report.added == 3
        assert [d.title for d in target.documents.all()] == ["Article 0", "Article 1", "Article 2"]


def test_an_over_long_text_file_is_refused_without_reading_it_all(
    tmp_path, reads, monkeypatch
) -> None:
    from annotator.io import plain

    monkeypatch.setattr(plain, "MAX_RAW_DOCUMENT_CHARS", 100_000)
    path = tmp_path / "huge.txt"
    path.write_text("A sentence of an endless article. " * 200_000, encoding="utf-8")
    with pytest.raises(InputError, match=r"huge\.txt: the document is too long: more than 100,0"):
        list(FORMATS["txt"].load_reader()(path, ReadOptions()))
    assert reads[str(path)] <= CHUNK_SIZE < path.stat().st_size


def test_hostile_nesting_is_refused_after_reading_its_first_piece(tmp_path, reads) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * (8 * CHUNK_SIZE))
    with pytest.raises(InputError, match=r"deep\.json\[0\]: lists or objects nest more than 100"):
        list(FORMATS["json"].load_reader()(path, ReadOptions()))
    assert reads[str(path)] <= CHUNK_SIZE


# -- errors far into a file: named, and nothing written --------------------------------------------


def test_a_malformed_jsonl_line_far_in_is_named_and_nothing_is_written(
    project, tmp_path, counts
) -> None:
    path = write_jsonl(tmp_path / "feed.jsonl", COUNT, bad_line='{"text": "broken')
    before = counts(project.path)
    with pytest.raises(InputError, match=rf"feed\.jsonl:{COUNT + 1}: not valid JSON"):
        import_paths(project, [path])
    assert counts(project.path) == before


def test_a_json_syntax_error_far_in_has_jsons_line_and_column(project, tmp_path, counts):
    good = [json.dumps(article(i), ensure_ascii=False) for i in range(COUNT)]
    good[COUNT - 10] = good[COUNT - 10].replace('", "source"', '" "source"', 1)
    text = "[\n" + ",\n".join(good) + "\n]\n"
    with pytest.raises(json.JSONDecodeError) as expected:
        json.loads(text)
    path = tmp_path / "articles.json"
    path.write_text(text, encoding="utf-8")
    before = counts(project.path)
    with pytest.raises(InputError) as caught:
        import_paths(project, [path])
    assert str(caught.value) == (
        f"{path}: not valid JSON (Expecting ',' delimiter at line {expected.value.lineno}, "
        f"column {expected.value.colno})"
    )
    assert expected.value.lineno == COUNT - 8
    assert counts(project.path) == before


def test_a_lone_surrogate_in_a_json_array_names_the_item(project, tmp_path, counts) -> None:
    path = tmp_path / "articles.json"
    records = [article(i) for i in range(COUNT)]
    body = ",\n".join(json.dumps(r) for r in records)
    path.write_text("[\n" + body + ',\n{"text": "bad \\ud83d here"}\n]', encoding="utf-8")
    before = counts(project.path)
    with pytest.raises(InputError) as caught:
        import_paths(project, [path])
    assert str(caught.value).startswith(
        f"{path}[{COUNT}]: the field 'text' holds a lone UTF-16 surrogate"
    )
    assert counts(project.path) == before


def test_a_record_larger_than_a_piece_is_read_whole(project, tmp_path, stored) -> None:
    long_text = "Ein sehr langer Artikel über Zürich. " * (3 * CHUNK_SIZE // 36)
    records = [{"text": "Short one."}, {"text": long_text, "n": 1.5}, {"text": "Last."}]
    path = tmp_path / "articles.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    assert import_paths(project, [path]).added == 3
    assert [(d.text, d.metadata) for d in stored()] == [
        ("Short one.", {}),
        (long_text, {"n": 1.5}),
        ("Last.", {}),
    ]


@pytest.fixture
def stored(project: Project) -> Callable[[], list[Any]]:
    def read() -> list[Any]:
        with Project.open(project.path, readonly=True) as p:
            return list(p.documents.all())

    return read


# -- the same documents whatever the size of the pieces -------------------------------------------

TRICKY = [
    {"title": "Ünïcödé", "text": "Line one.\r\nLine two, with “quotes”, U+2028\u2028inside."},
    {"title": "Astral", "text": "Emoji 😀 and a no-break\u00a0space.\n\nLast paragraph."},
    {"title": 'Commas, and "quotes"', "text": 'He said, "then", and left.\rOld Mac line.'},
]


def tricky(count: int) -> list[dict[str, Any]]:
    return [{**TRICKY[i % 3], "text": f"{i}. {TRICKY[i % 3]['text']}"} for i in range(count)]


def write_tricky(fmt: str, path: Path, count: int, encoding: str = "utf-8") -> Path:
    records = tricky(count)
    if fmt == "jsonl":
        content = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    elif fmt == "json":
        content = json.dumps(records, ensure_ascii=False, indent=1)
    else:
        out = io.StringIO(newline="")
        writer = csv.DictWriter(out, fieldnames=["title", "text"])
        writer.writeheader()
        writer.writerows(records)
        content = out.getvalue()
    path.write_bytes(content.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-8-sig"])
@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_small_pieces_give_the_same_documents(tmp_path, monkeypatch, fmt, encoding) -> None:
    path = write_tricky(fmt, tmp_path / f"feed.{fmt}", 3000, encoding)
    assert path.stat().st_size > 3 * 65_536  # beyond the first piece, read whole
    results = []
    for chunk in (CHUNK_SIZE, 4097, 1000):
        monkeypatch.setattr(common, "CHUNK_SIZE", chunk)
        results.append(
            [(i.title, i.text) for i, _ in FORMATS[fmt].load_reader()(path, ReadOptions())]
        )
    assert results[0] == results[1] == results[2]
    assert len(results[0]) == 3000
    assert results[0][4] == ("Astral", "4. " + TRICKY[1]["text"])


@pytest.mark.parametrize("fmt", ["jsonl", "json", "csv"])
def test_progress_rises_to_the_size_of_the_file(project, tmp_path, fmt) -> None:
    path = WRITERS[fmt](tmp_path / f"feed.{fmt}", COUNT)
    seen: list[tuple[int, int | None]] = []
    import_paths(project, [path], progress=lambda done, total: seen.append((done, total)) and None)
    done = [d for d, _ in seen]
    assert done == sorted(done)
    assert len(set(done)) > 20  # not only at the end of each piece
    assert seen[-1] == (path.stat().st_size, path.stat().st_size)


# -- encodings that change after the detection sample ---------------------------------------


def test_utf8_damaged_far_in_names_the_line(project, tmp_path, counts) -> None:
    path = write_jsonl(tmp_path / "feed.jsonl", COUNT)
    good = path.read_bytes()
    path.write_bytes(good + b'{"text": "caf' + b"\xe9" + b'"}\n')
    before = counts(project.path)
    with pytest.raises(InputError) as caught:
        import_paths(project, [path])
    assert str(caught.value).startswith(
        f"{path}: the file looks like UTF-8, but byte 0xE9 at offset {len(good) + 13} "
        f"(line {COUNT + 1}) is not valid UTF-8"
    )
    assert counts(project.path) == before


def legacy_lines(count: int) -> bytes:
    line = "Le président a déclaré : « Nous ne céderons pas », à Genève, où l’on négocie.\n"
    return "".join(f"{i}. {line}" for i in range(count)).encode("cp1252")


def test_cp1252_with_utf8_after_the_sample_is_refused_at_its_line(project, tmp_path, counts):
    legacy = legacy_lines(20_000)
    assert len(legacy) > 1.5 * DETECTION_SAMPLE
    path = tmp_path / "mixed.txt"
    path.write_bytes(legacy + "Zürich, déjà vu.\n".encode())
    before = counts(project.path)
    with pytest.raises(InputError) as caught:
        import_paths(project, [path])
    message = str(caught.value)
    line = legacy.count(b"\n") + 1
    assert message.startswith(f"{path}: the file reads as cp1252 (detected from the text before)")
    assert f"(line {line}) are UTF-8; the file mixes encodings" in message
    assert counts(project.path) == before
    # naming the encoding reads it all that way, as asked
    import_paths(project, [path], options=ReadOptions(encoding="cp1252"))


def test_ascii_then_cp1252_after_the_sample_is_detected_there(project, tmp_path, stored):
    ascii_part = b"An English article without a single accent, line after line.\n" * 30_000
    assert len(ascii_part) > DETECTION_SAMPLE
    legacy = legacy_lines(50)
    path = tmp_path / "late.txt"
    path.write_bytes(ascii_part + legacy)
    import_paths(project, [path])
    [doc] = stored()
    assert doc.text == (ascii_part + legacy).decode("cp1252")


# -- memory, measured in a fresh process ----------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from annotator.io.importing import import_paths
    from annotator.store.project import Project

    def kb(field):
        for line in open("/proc/self/status"):
            if line.startswith(field + ":"):
                return int(line.split()[1])

    with Project.create(Path(sys.argv[2])) as p:
        before = kb("VmRSS")
        added = import_paths(p, [Path(sys.argv[1])]).added
    print(added, before, kb("VmHWM"))
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads /proc (Linux)")
def test_importing_a_large_json_array_does_not_hold_it_in_memory(tmp_path) -> None:
    count = 10_000
    path = write_array(tmp_path / "articles.json", count)
    size_mb = path.stat().st_size / 2**20
    bound_mb = 45
    assert 2 * size_mb > bound_mb  # its bytes and its text at once would not fit
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(tmp_path / "p.annotator")],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=240,
    )
    assert done.returncode == 0, done.stderr
    added, before_kb, peak_kb = map(int, done.stdout.split())
    assert added == count
    growth_mb = (peak_kb - before_kb) / 1024
    # A streaming import holds a batch of documents and the database's caches: about 30 MB
    # whatever the size of the file (the import before it held the file's bytes, its text and
    # the parsed array at once: 98 MB for 19 MB).
    assert growth_mb < bound_mb, (growth_mb, size_mb)
