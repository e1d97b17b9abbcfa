"""The demo project: twelve articles we wrote (resources/demo/articles), five pre-annotated.

The pre-annotations (resources/demo/annotations.json) locate their fragments by text rather
than by offsets, so the articles can be edited without recounting: a fragment is a string (its
first occurrence after the previous fragment of the same annotation) or
``{"text": ..., "occurrence": n}`` (the n-th occurrence in the article).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from annotator.core.errors import ProjectFileError
from annotator.core.text import normalise_text
from annotator.io.common import ReadOptions
from annotator.io.plain import read_markdown
from annotator.resources_path import read_text, resource
from annotator.store.project import Project

DEMO_ANNOTATOR = "Demo annotator"


def _locate(text: str, fragments: list[Any]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for i, fragment in enumerate(fragments):
        if isinstance(fragment, str):
            needle, occurrence = fragment, 1
        else:
            needle, occurrence = fragment["text"], fragment.get("occurrence", 1)
        needle = normalise_text(needle)
        start = cursor if i > 0 else 0
        pos = -1
        for _ in range(occurrence if i == 0 else 1):
            pos = text.find(needle, start)
            if pos < 0:
                raise ValueError(f"demo fragment {needle!r} not found")
            start = pos + 1
        spans.append((pos, pos + len(needle)))
        cursor = pos + len(needle)
    return spans


def article_paths() -> list[Path]:
    folder = resource("demo", "articles")
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".md"))


def write_demo(target: Path, replace: bool = False, annotator: str = DEMO_ANNOTATOR) -> None:
    """Create the demo project at ``target`` (refused if it exists, unless ``replace``).

    Its annotations are in ``annotator``'s layer: the window shows the layer of whoever opens
    it, so the window's own demo is written in its user's name."""
    if target.exists():
        if not replace:
            raise ProjectFileError(f"{target}: already exists (use --force to replace it)")
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
    spec = json.loads(read_text("demo", "annotations.json"))
    with (
        Project.create(
            target, name="Demo: diplomacy, protests, negotiations", annotator=annotator
        ) as project,
        project.transaction(),
    ):
        layer = project.layer()
        ids_by_file: dict[str, str] = {}
        for path in article_paths():
            for item, _ in read_markdown(path, ReadOptions()):
                doc = project.documents.add(
                    item.text,
                    title=item.title,
                    source=item.source,
                    url=item.url,
                    published=item.published,
                    metadata=item.metadata,
                ).value
                ids_by_file[path.name] = doc.id
        entity_ids = {}
        for e in spec["entities"]:
            entity = project.registry.add(
                e["name"],
                type=e.get("type"),
                aliases=e.get("aliases", []),
                wikidata=e.get("wikidata"),
                note=e.get("note"),
            ).value
            entity_ids[e["key"]] = entity.id
        for filename, doc_spec in spec["documents"].items():
            doc_id = ids_by_file[filename]
            text = project.documents.text(doc_id)
            keys: dict[str, str] = {}
            for a in doc_spec["annotations"]:
                ann = layer.add_annotation(
                    doc_id,
                    a["label"],
                    _locate(text, a["fragments"]),
                    attributes=a.get("attributes", {}),
                    entity=entity_ids[a["entity"]] if a.get("entity") else None,
                    origin="import",
                ).value
                keys[a["key"]] = ann.id
            for r in doc_spec.get("relations", []):
                layer.add_relation(r["type"], keys[r["source"]], keys[r["target"]])
            if doc_spec.get("status"):
                layer.set_status(doc_id, doc_spec["status"])
