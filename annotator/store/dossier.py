"""One entity across the corpus: what it said, demanded and was asked, and its mentions.

A mixin of :class:`~annotator.store.project.Project`. The dossier is one query over the
relations whose target is a mention linked to the entity, so it stays quick on large projects
(``annotations_entity`` and ``relations_target`` are indexed). The relation types are those the
schema gives the roles ``speaker``, ``claimant`` and ``addressee`` (bound parameters).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from annotator.core.errors import ValidationError
from annotator.core.model import Entity
from annotator.core.schema import ADDRESSEE, CLAIMANT, SPEAKER, Roles
from annotator.store import registry as reg_sql
from annotator.store.datasets import FRAGMENT_JOINER
from annotator.store.editing import _ProjectParts

#: The relation roles that make a dossier entry, in the order the dossier shows them.
ROLES = (SPEAKER, CLAIMANT, ADDRESSEE)

#: How many code points of the text around an entry its context shows on each side.
CONTEXT = 80


@dataclass(frozen=True, slots=True)
class DossierEntry:
    """A quote or demand an entity is a party to (through a mention linked to it)."""

    role: str  # one of ROLES: the role of the relation (whatever the schema calls it)
    document_id: str
    document_title: str
    published: str
    annotation_id: str
    label: str
    start: int
    end: int
    text: str  # the fragments joined with FRAGMENT_JOINER
    before: str  # up to CONTEXT code points before ``start``
    after: str  # up to CONTEXT code points after ``end``


def dossier_entries(db: Database, roles: Roles, entity_id: str) -> list[DossierEntry]:
    """The entries of one entity, grouped by role in the order of :data:`ROLES`."""
    role_of = {
        name: role
        for role, name in zip(ROLES, (roles.speaker, roles.claimant, roles.addressee), strict=True)
        if name is not None
    }
    if not role_of:
        return []
    marks = ", ".join(f":r{i}" for i in range(len(role_of)))
    sql = (
        'SELECT DISTINCT r.type, d.id, d.title, d.published, x.id, x.label, x.start, x."end", '
        "x.fragments, substr(d.text, max(x.start - :pad, 0) + 1, min(x.start, :pad)), "
        'substr(d.text, x."end" + 1, :pad), d.seq, x.created '
        "FROM annotations m "
        "JOIN relations r ON r.target = m.id "
        "JOIN annotations x ON x.id = r.source "
        "JOIN documents d ON d.id = x.document "
        f"WHERE m.entity = :entity AND r.type IN ({marks}) "
        'ORDER BY d.seq, x.start, x."end", x.created, x.id'
    )
    params: dict[str, object] = {"pad": CONTEXT, "entity": entity_id}
    params.update({f"r{i}": name for i, name in enumerate(role_of)})
    entries = []
    for row in db.execute(sql, params):
        rel_type, doc_id, title, published, ann_id, label, start, end, raw, before, after = row[:11]
        entries.append(
            DossierEntry(
                role=role_of[rel_type],
                document_id=doc_id,
                document_title=title or "",
                published=published or "",
                annotation_id=ann_id,
                label=label,
                start=start,
                end=end,
                text=FRAGMENT_JOINER.join(f["text"] for f in json.loads(raw)),
                before=before or "",
                after=after or "",
            )
        )
    entries.sort(key=lambda e: ROLES.index(e.role))  # stable: document order within a role
    return entries


class EntityDossier(_ProjectParts):
    """The dossier of an entity, and the mention bookkeeping that undoing a deletion needs."""

    def dossier(self, entity_id: str) -> list[DossierEntry]:
        """Quotes the entity spoke, demands it made and demands made of it, across the corpus:
        grouped by role (speaker, claimant, addressee), then in document and text order."""
        reg_sql.require_entity(self.db, entity_id)
        return dossier_entries(self.db, self.schema.roles, entity_id)

    def entity_mentions(self, entity_id: str) -> list[tuple[str, str, str]]:
        """(annotation id, document id, modified) of every mention linked to the entity."""
        return [
            tuple(row)
            for row in self.db.execute(
                "SELECT id, document, modified FROM annotations WHERE entity = ? ORDER BY id",
                [entity_id],
            )
        ]

    def restore_entity(self, entity: Entity, mentions: Iterable[tuple[str, str, str]]) -> None:
        """Put back an entity removed by ``delete_entity`` with its id and fields, and link its
        former mentions (from :meth:`entity_mentions`) to it again, with their old times."""
        with self.transaction():
            if reg_sql.get_entity(self.db, entity.id) is not None:
                raise ValidationError(f"an actor with id {entity.id!r} already exists")
            reg_sql.upsert_entity(self.db, entity, insert=True)
            self.db.conn.executemany(
                "UPDATE annotations SET entity = ?, modified = ? WHERE id = ? AND entity IS NULL",
                [(entity.id, modified, ann_id) for ann_id, _doc, modified in mentions],
            )


__all__ = ["CONTEXT", "ROLES", "DossierEntry", "EntityDossier"]
