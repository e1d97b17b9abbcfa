"""One entity across the corpus: what it said, demanded and was asked, and its mentions.

Read by ``project.registry.dossier``. The dossier is one query over the
relations whose target is a mention linked to the entity, so it stays quick on large projects
(``annotations_entity`` and ``relations_target`` are indexed). The relation types are those the
schema gives the roles ``speaker``, ``claimant`` and ``addressee`` (bound parameters).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlite_utils import Database

from annotator.core.schema import ADDRESSEE, CLAIMANT, SPEAKER, Roles
from annotator.store.datasets import FRAGMENT_JOINER

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


def dossier_entries(
    db: Database, roles: Roles, entity_id: str, annotator_id: str | None = None
) -> list[DossierEntry]:
    """The entries of one entity (in one annotator's layer, if given), grouped by role in the
    order of :data:`ROLES`."""
    role_of = {
        name: role
        for role, name in zip(ROLES, (roles.speaker, roles.claimant, roles.addressee), strict=True)
        if name is not None
    }
    if not role_of:
        return []
    marks = ", ".join(f":r{i}" for i in range(len(role_of)))
    who = "" if annotator_id is None else " AND x.annotator = :who AND r.annotator = :who"
    sql = (
        'SELECT DISTINCT r.type, d.id, d.title, d.published, x.id, x.label, x.start, x."end", '
        "x.fragments, substr(d.text, max(x.start - :pad, 0) + 1, min(x.start, :pad)), "
        'substr(d.text, x."end" + 1, :pad), d.seq, x.created '
        "FROM annotations m "
        "JOIN relations r ON r.target = m.id "
        "JOIN annotations x ON x.id = r.source "
        "JOIN documents d ON d.id = x.document "
        f"WHERE m.entity = :entity AND r.type IN ({marks}){who} "
        'ORDER BY d.seq, x.start, x."end", x.created, x.id'
    )
    params: dict[str, object] = {"pad": CONTEXT, "entity": entity_id, "who": annotator_id}
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


__all__ = ["CONTEXT", "ROLES", "DossierEntry", "dossier_entries"]
