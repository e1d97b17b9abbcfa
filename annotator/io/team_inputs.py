"""Opening the inputs of a team merge: annotators' project files or native exports.

A project file is opened read-only (store/team_merge.py); a native export (``annotator/1``,
JSON or JSONL) is read as it is merged (io/native.py). Anything else is refused with a
message naming the file, before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import InputError
from annotator.core.schema import parse_schema
from annotator.io.native import is_native_json, is_native_jsonl, read_native
from annotator.store.team_merge import Documents, Source, project_source

SQLITE_MAGIC = b"SQLite format 3\x00"


def open_input(path: Path) -> Source:
    """One input of a merge, by what the file is (not by its name)."""
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give project files or native exports")
    try:
        with path.open("rb") as fh:
            start = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    if start == SQLITE_MAGIC or path.suffix.lower() == ".annotator":
        return project_source(path)
    if is_native_jsonl(path) or is_native_json(path):
        return export_source(path)
    raise InputError(
        f"{path}: neither an Annotator project nor a native export (annotator/1 JSON or JSONL)"
    )


def export_source(path: Path) -> Source:
    header, docs, _file = read_native(path)
    schema = parse_schema(header["schema"])
    used = [False]

    def documents() -> Documents:
        if used[0]:  # a stream is read once; a second pass reads the file again
            return read_native(path)[1]
        used[0] = True
        return docs

    return Source(path, "export", schema, header, documents, None)


def open_inputs(paths: list[Path]) -> list[Source]:
    """Every input, opened; on a failure those already opened are closed again."""
    if not paths:
        raise InputError("give at least one project file or native export to merge")
    sources: list[Source] = []
    try:
        for path in paths:
            sources.append(open_input(path))
    except BaseException:
        for src in sources:
            src.close()
        raise
    return sources
