"""Finding a name's unannotated occurrences across the corpus ("tag all occurrences").

The full-text index narrows the corpus down first: only documents whose text contains every
token of at least one of the names (as a phrase) are read and scanned with the compiled name
pattern. The index's tokenizer (unicode61, the sqlite-utils default) folds case and removes
diacritics like :func:`~annotator.core.matching.fold_text`, so it never drops a document the
pattern would match.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import regex
from sqlite_utils import Database

from annotator.core.matching import NameFinder

CONTEXT = 40  # characters of context shown on each side of an occurrence
_CHUNK = 500  # documents per query for the spans that are already annotated
_TOKEN_RE = regex.compile(r"[\p{L}\p{N}\p{Co}]+")


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One place where a name occurs and no annotation of the label covers exactly it."""

    document_id: str
    title: str
    start: int
    end: int
    text: str
    context_before: str
    context_after: str


def fts_query(names: Iterable[str]) -> str | None:
    """An FTS5 query for the text column: any of the names, each as a phrase of its tokens."""
    phrases: list[str] = []
    for name in names:
        tokens = _TOKEN_RE.findall(name)
        if tokens:
            phrase = '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
            if phrase not in phrases:
                phrases.append(phrase)
    if not phrases:
        return None
    return "text : (" + " OR ".join(phrases) + ")"


def candidate_documents(
    db: Database, names: list[str], document: str | None
) -> Iterator[tuple[str, str, str]]:
    """(id, title, text) of the documents that may contain one of ``names``, in import order."""
    if document is not None:
        rows = db.execute("SELECT id, title, text FROM documents WHERE id = ?", [document])
        yield from rows
        return
    query = fts_query(names)
    if query is None:
        return
    yield from db.execute(
        "SELECT d.id, d.title, d.text FROM documents_fts JOIN documents d "
        "ON d.seq = documents_fts.rowid WHERE documents_fts MATCH ? ORDER BY d.seq",
        [query],
    )


def annotated_spans(
    db: Database, label: str, doc_ids: list[str], annotator_id: str | None = None
) -> set[tuple[str, int, int]]:
    """(document, start, end) of the existing annotations of ``label`` in these documents
    (of one annotator's layer, if given)."""
    spans: set[tuple[str, int, int]] = set()
    who = "" if annotator_id is None else " AND annotator = ?"
    for i in range(0, len(doc_ids), _CHUNK):
        chunk = doc_ids[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        params = [label, *chunk] if annotator_id is None else [label, *chunk, annotator_id]
        spans.update(
            db.execute(
                f'SELECT document, start, "end" FROM annotations '
                f"WHERE label = ? AND document IN ({marks}){who}",
                params,
            )
        )
    return spans


def preview(
    db: Database,
    names: list[str],
    label: str,
    document: str | None = None,
    limit: int | None = None,
    annotator_id: str | None = None,
) -> list[Occurrence]:
    """Every occurrence of ``names`` with no ``label`` annotation (of ``annotator``'s layer,
    if given) of the same span."""
    finder = NameFinder(names)
    if finder.pattern is None or (limit is not None and limit <= 0):
        return []
    # First all hits (cheap), then one query per chunk of documents for the spans to skip.
    hits: list[tuple[str, str, str, list[tuple[int, int, str]]]] = []
    for doc_id, title, text in candidate_documents(db, names, document):
        found = finder.find(text)
        if found:
            hits.append((doc_id, title, text, found))
    taken = annotated_spans(db, label, [h[0] for h in hits], annotator_id)
    result: list[Occurrence] = []
    for doc_id, title, text, found in hits:
        for start, end, _name in found:
            if (doc_id, start, end) in taken:
                continue
            result.append(
                Occurrence(
                    doc_id,
                    title,
                    start,
                    end,
                    text[start:end],
                    text[max(0, start - CONTEXT) : start],
                    text[end : end + CONTEXT],
                )
            )
            if limit is not None and len(result) >= limit:
                return result
    return result
