"""Annotator: annotate quotes, actors and demands in news articles; export research datasets.

The scripting API::

    from annotator import Project

    with Project.open("study.annotator") as project:
        for doc in project.documents():
            ...

See docs/api.md. Heavy modules load on first use so that the command line starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from annotator.core.errors import (
    AnnotatorError,
    DuplicateAnnotationError,
    InputError,
    NotFoundError,
    OutputError,
    ProjectFileError,
    ProjectLockedError,
    SchemaError,
    StorageFullError,
    ValidationError,
)
from annotator.core.model import Annotation, Annotator, Document, Entity, Fragment, Relation


def _installed_version() -> str:
    """The version of the installed package (pyproject.toml's, through its metadata): the one
    version string ``--version``, Help → About and the packages show."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("annotator")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "0+unknown"


__version__ = _installed_version()

if TYPE_CHECKING:
    from annotator.core.schema import Schema
    from annotator.store.project import Project

__all__ = [
    "Annotation",
    "Annotator",
    "AnnotatorError",
    "Document",
    "DuplicateAnnotationError",
    "Entity",
    "Fragment",
    "InputError",
    "NotFoundError",
    "OutputError",
    "Project",
    "ProjectFileError",
    "ProjectLockedError",
    "Relation",
    "Schema",
    "SchemaError",
    "StorageFullError",
    "ValidationError",
    "__version__",
]


def __getattr__(name: str) -> Any:
    if name == "Project":
        from annotator.store.project import Project

        return Project
    if name == "Schema":
        from annotator.core.schema import Schema

        return Schema
    raise AttributeError(f"module 'annotator' has no attribute {name!r}")
