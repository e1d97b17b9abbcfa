"""Results of long operations (import, check), as plain data for the CLI and the GUI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields

#: Called with (items done, total or None). Returning True asks the operation to stop.
ProgressCallback = Callable[[int, int | None], bool | None]


class Cancelled(Exception):
    """Raised inside an operation whose progress callback asked it to stop."""


@dataclass
class ImportReport:
    added: int = 0
    duplicates: list[str] = field(default_factory=list)  # where each skipped text came from
    annotations: int = 0
    relations: int = 0
    entities: int = 0
    annotations_skipped: int = 0
    #: Documents of an annotation format whose text the project had: they received the
    #: annotations (not counted in ``duplicates``).
    matched: int = 0
    #: Spans and relations of an annotation format that could not be imported (see warnings).
    spans_skipped: int = 0
    relations_skipped: int = 0
    # "<where>: <kind> <id> imported as <new id>": an id already used by different content
    renamed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Files left out whole because they could not be read ("<file>[:<place>]: <reason>");
    #: the other files were imported (an import with ``on_bad_file="skip"``).
    failed: list[str] = field(default_factory=list)

    def include(self, other: ImportReport) -> None:
        """Add what ``other`` (the report of one file, kept) counted and listed to this one."""
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, list):
                mine.extend(theirs)
            else:
                setattr(self, f.name, mine + theirs)

    def summary(self) -> str:
        parts = [f"{self.added} document(s) added"]
        if self.duplicates:
            parts.append(f"{len(self.duplicates)} already in the project (same text), skipped")
        if self.matched:
            parts.append(f"{self.matched} already in the project (same text) annotated")
        if self.annotations or self.annotations_skipped:
            parts.append(f"{self.annotations} annotation(s)")
        if self.annotations_skipped:
            parts.append(f"{self.annotations_skipped} annotation(s) already present, skipped")
        if self.relations:
            parts.append(f"{self.relations} relation(s)")
        left_out = [
            f"{count} {what}(s)"
            for count, what in ((self.spans_skipped, "span"), (self.relations_skipped, "relation"))
            if count
        ]
        if left_out:
            parts.append(f"{' and '.join(left_out)} not imported (see the warnings)")
        if self.entities:
            parts.append(f"{self.entities} actor(s) added to the registry")
        if self.renamed:
            parts.append(f"{len(self.renamed)} imported under a new id (id already used)")
        if self.failed:
            parts.append(f"{len(self.failed)} file(s) could not be read, left out")
        return "; ".join(parts)


@dataclass
class CheckReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    #: How many problems (unfinished annotations, duplicates) the warnings count in all.
    problems: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors
