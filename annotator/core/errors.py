"""Exceptions raised by Annotator.

Every error a user can cause derives from :class:`AnnotatorError`; its message is written for
the person who reads it (it names the file, line, field or limit involved). The command line
prints the message and exits with a non-zero code; the GUI shows it in a dialog.
"""

from __future__ import annotations


class AnnotatorError(Exception):
    """Base class of every error a user can cause."""

    exit_code = 1


class ValidationError(AnnotatorError, ValueError):
    """An edit or a piece of input does not fit the schema or the text; nothing was written."""

    exit_code = 2


class DuplicateAnnotationError(ValidationError):
    """The same annotation is already there: same label, same fragments, same document and
    layer (it would be linked and counted twice). ``existing`` is its id."""

    def __init__(self, message: str, existing: str) -> None:
        super().__init__(message)
        self.existing = existing


class SchemaError(ValidationError):
    """A schema file is malformed; the message names the field that is wrong."""


class InputError(AnnotatorError):
    """A file to import cannot be read: missing, binary, empty, undecodable or malformed."""

    exit_code = 3


class ProjectFileError(AnnotatorError):
    """A project file cannot be opened: not SQLite, not ours, newer, missing or read-only."""

    exit_code = 4


class ProjectLockedError(ProjectFileError):
    """Another process has the project open for writing."""

    exit_code = 5


class StorageFullError(AnnotatorError):
    """The disk (or the file's size limit) is full; the transaction was rolled back."""

    exit_code = 6


class NotFoundError(AnnotatorError, KeyError):
    """A document, annotation, relation, entity or annotator id does not exist."""

    exit_code = 2

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class OutputError(AnnotatorError):
    """An export cannot be written (folder missing, permission denied, disk full)."""

    exit_code = 7
