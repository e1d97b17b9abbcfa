"""A small team: a lead's project distributed to ana, ben and cem, each of whom annotates."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

from annotator import Project
from annotator.store.distribute import distribute

NAMES = ("ana", "ben", "cem")
TEXT = "Article {i}: Karamov said talks would resume, and Lavrov called for a cease-fire."

#: What a review project holds, independent of when it was written: a stable content hash.
CONTENT = (
    'SELECT d.sha256, a.id, a.label, a.start, a."end", a.attributes, a.entity, an.name '
    "FROM annotations a JOIN documents d ON d.id = a.document "
    "LEFT JOIN annotators an ON an.id = a.annotator ORDER BY a.id",
    "SELECT id, type, source, target, annotator FROM relations ORDER BY id",
    "SELECT document, annotator, state FROM document_status ORDER BY 1, 2",
    "SELECT id, name, aliases FROM entities ORDER BY id",
    "SELECT id, sha256 FROM documents ORDER BY id",
    "SELECT document, annotator, overlap FROM assignments ORDER BY 1, 2",
    "SELECT schema FROM project",
)


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(str(path))) as conn:
        return conn.execute(sql).fetchall()


def content_hash(path: Path) -> str:
    h = hashlib.sha256()
    for sql in CONTENT:
        h.update(repr(query(path, sql)).encode())
    return h.hexdigest()


def annotate(path: Path, same_name_actor: str | None = None) -> None:
    """In the owner's layer: on every document an Actor, a Quote with its speaker, and a
    Demand; the first document done; optionally a new registry entry."""
    with Project.open(path, backup=False) as p, p.transaction():
        entity = p.registry.add(same_name_actor).value.id if same_name_actor else None
        layer = p.layer()
        for n, doc in enumerate(p.documents.all()):
            start = doc.text.index("Karamov")
            actor = layer.add_annotation(doc.id, "Actor", [(start, start + 7)], entity=entity)
            said = doc.text.index("talks")
            quote = layer.add_annotation(doc.id, "Quote", [(said, said + 19)])
            layer.add_relation("speaker", quote.value.id, actor.value.id)
            if n % 2 == 0:
                c = doc.text.index("a cease-fire")
                layer.add_annotation(
                    doc.id, "Demand", [(c, c + 12)], attributes={"issue": "cease-fire"}
                )
            if n == 0:
                layer.set_status(doc.id, "done")


def make_team(folder: Path, documents: int = 9, overlap: float = 34) -> dict[str, Path]:
    lead = folder / "lead.annotator"
    with Project.create(lead, annotator="Lead") as p, p.transaction():
        for i in range(documents):
            p.documents.add(TEXT.format(i=i), title=f"Article {i}")
        p.registry.add("Sergei Karamov", type="person")
    team = folder / "team"
    team.mkdir()
    with Project.open(lead, backup=False) as p:
        distribute(p, list(NAMES), team, overlap=overlap)
    files = {n: team / f"{n}.annotator" for n in NAMES}
    annotate(files["ana"])
    annotate(files["ben"], same_name_actor="Sergey Lavrov")
    annotate(files["cem"], same_name_actor="sergey lavrov")
    return files
