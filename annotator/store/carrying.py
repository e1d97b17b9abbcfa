"""Carrying an annotation's links into another layer (adjudication into gold, accepting a
suggestion into a person's layer): each relation from the original comes along, pointing at
the copy of its end that ``copy_end`` makes or finds; a link the layer already has, or one
over the relation's maximum (the layer's own choice stands), is left out."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from annotator.core.model import Annotation, Relation
from annotator.store import annotations as ann_sql

if TYPE_CHECKING:
    from annotator.store.layer import Layer
    from annotator.store.project import Project


def carry_links(
    project: Project,
    original: Annotation,
    copy: Annotation,
    layer: Layer,
    copy_end: Callable[[Annotation], Annotation],
) -> list[Relation]:
    """Add to ``layer`` the relations from ``original``, as relations from ``copy``; returns
    those added."""
    db, schema = project.db, project.schema
    added = []
    for rel in ann_sql.relations_touching(db, original.id):
        if rel.source != original.id:
            continue
        target = ann_sql.get_annotation(db, rel.target)
        if target is None:
            continue
        end = copy_end(target)
        existing = ann_sql.relations_from(db, copy.id, rel.type)
        if any(r.target == end.id for r in existing):
            continue
        spec = schema.relation(rel.type)
        if spec is not None and spec.max is not None and len(existing) >= spec.max:
            continue
        added.append(layer.add_relation(rel.type, copy.id, end.id).value)
    return added
