"""CSV tables for statistics software: one row per quote, per demand, or per registry actor.

Files are UTF-8 with a byte-order mark (so that Excel shows "Łukasz" and "Müller" correctly;
pandas, R's readr and LibreOffice read the mark too), comma-separated, with CRLF row ends as
RFC 4180 asks, every field that needs it quoted. They are written to a temporary file and
renamed when complete, like every export.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from annotator.core.reports import Cancelled, ProgressCallback
from annotator.io.common import spreadsheet_cell
from annotator.io.native import atomic_output
from annotator.store.datasets import ActorRow, Datasets, DemandRow, QuoteRow, SpanFacts

#: Excel recognises UTF-8 only by its byte-order mark.
ENCODING = "utf-8-sig"

DOCUMENT_COLUMNS = ("document_id", "document_title", "source", "published")
PLACE_COLUMNS = ("start", "end", "fragments", "annotator")

QUOTE_COLUMNS = (
    *DOCUMENT_COLUMNS,
    "speaker",
    "speaker_id",
    "speaker_type",
    "quote",
    "form",
    *PLACE_COLUMNS,
    "quote_id",
)
DEMAND_COLUMNS = (
    *DOCUMENT_COLUMNS,
    "claimant",
    "claimant_id",
    "claimant_type",
    "addressee",
    "addressee_id",
    "addressee_type",
    "issue",
    "position",
    "demand",
    *PLACE_COLUMNS,
    "demand_id",
)
ACTOR_COLUMNS = (
    "actor_id",
    "name",
    "type",
    "aliases",
    "wikidata",
    "mentions",
    "quotes",
    "demands_made",
    "demands_received",
    "note",
)

Row = TypeVar("Row")
PROGRESS_EVERY = 200


def _document(span: SpanFacts) -> list[Any]:
    return [span.document_id, span.document_title, span.source, span.published]


def _place(span: SpanFacts) -> list[Any]:
    return [span.start, span.end, span.fragments, span.annotator]


def quote_record(row: QuoteRow) -> list[Any]:
    s, who = row.span, row.speaker
    return [
        *_document(s),
        who.name,
        who.id,
        who.type,
        s.text,
        row.form,
        *_place(s),
        s.annotation_id,
    ]


def demand_record(row: DemandRow) -> list[Any]:
    s, by, to = row.span, row.claimant, row.addressee
    return [
        *_document(s),
        by.name,
        by.id,
        by.type,
        to.name,
        to.id,
        to.type,
        row.issue,
        row.position,
        s.text,
        *_place(s),
        s.annotation_id,
    ]


def actor_record(row: ActorRow) -> list[Any]:
    return [
        row.id,
        row.name,
        row.type,
        row.aliases,
        row.wikidata,
        row.mentions,
        row.quotes,
        row.demands_made,
        row.demands_received,
        row.note,
    ]


def reported(
    rows: Iterable[Row], total: int | None, progress: ProgressCallback | None
) -> Iterator[Row]:
    """``rows`` passed through, telling ``progress`` every few hundred (it may cancel)."""
    done = 0
    for done, row in enumerate(rows, start=1):
        yield row
        if progress is not None and done % PROGRESS_EVERY == 0 and progress(done, total):
            raise Cancelled()
    if progress is not None and progress(done, total):
        raise Cancelled()


def write_table(
    out: Path,
    columns: Sequence[str],
    rows: Iterable[Row],
    record: Callable[[Row], list[Any]],
) -> int:
    """A header line and one line per row, atomically; returns the number of rows."""
    count = 0
    with atomic_output(out, encoding=ENCODING, newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([spreadsheet_cell(cell) for cell in record(row)])
            count += 1
    return count


def write_quotes_csv(
    data: Datasets,
    out: Path,
    progress: ProgressCallback | None = None,
) -> int:
    """One row per quote: document, speaker, text, form and offsets."""
    total = data.count_quotes()
    rows = reported(data.quote_rows(), total, progress)
    return write_table(out, QUOTE_COLUMNS, rows, quote_record)


def write_demands_csv(
    data: Datasets,
    out: Path,
    progress: ProgressCallback | None = None,
) -> int:
    """One row per demand: document, claimant, addressee, issue, position, text and offsets."""
    total = data.count_demands()
    rows = reported(data.demand_rows(), total, progress)
    return write_table(out, DEMAND_COLUMNS, rows, demand_record)


def write_actors_csv(
    data: Datasets,
    out: Path,
    progress: ProgressCallback | None = None,
) -> int:
    """One row per registry entity with its counts (only this annotator's, if one is given)."""
    total = data.count_entities()
    rows = reported(data.actor_rows(), total, progress)
    return write_table(out, ACTOR_COLUMNS, rows, actor_record)
