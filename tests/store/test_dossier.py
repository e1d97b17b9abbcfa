"""The dossier query and the entity restore that undoing a deletion uses, on the demo."""

from __future__ import annotations

from pathlib import Path

from annotator import Project
from annotator.demo import write_demo


def test_dossier_agrees_with_entity_counts_and_restore_relinks(tmp_path: Path) -> None:
    path = tmp_path / "demo.annotator"
    write_demo(path)
    with Project.open(path) as project:
        counts = project.entity_counts()
        for entity in project.entities():
            roles = [e.role for e in project.dossier(entity.id)]
            expected = counts[entity.id]
            assert roles.count("speaker") == expected.quotes
            assert roles.count("claimant") == expected.demands_made
            assert roles.count("addressee") == expected.demands_received
        entity = max(project.entities(), key=lambda e: counts[e.id].mentions)
        mentions = project.entity_mentions(entity.id)
        removed = project.delete_entity(entity.id)
        assert project.entity_mentions(entity.id) == []
        project.restore_entity(removed, mentions)
        assert project.entity(entity.id) == entity
        assert project.entity_mentions(entity.id) == mentions
