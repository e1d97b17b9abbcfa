"""The dossier query and the entity restore that undoing a deletion uses, on the demo."""

from __future__ import annotations

from pathlib import Path

from annotator import Project
from annotator.demo import write_demo


def test_dossier_agrees_with_entity_counts_and_restore_relinks(tmp_path: Path) -> None:
    path = tmp_path / "demo.annotator"
    write_demo(path)
    with Project.open(path) as project:
        counts = project.registry.counts()
        (person,) = project.annotators.all()  # the demo's one annotator
        demo_layer = project.layer(person.id)
        for entity in project.registry.all():
            roles = [e.role for e in project.registry.dossier(entity.id)]
            expected = counts[entity.id]
            assert roles.count("speaker") == expected.quotes
            assert roles.count("claimant") == expected.demands_made
            assert roles.count("addressee") == expected.demands_received
            # the demo has one layer: its dossier is the whole dossier; another layer's is empty
            assert project.registry.dossier(entity.id, demo_layer) == project.registry.dossier(
                entity.id
            )
            assert project.registry.dossier(entity.id, project.layer()) == []
        entity = max(project.registry.all(), key=lambda e: counts[e.id].mentions)
        mentions = project.registry.mentions(entity.id)
        removed = project.registry.delete(entity.id).value
        assert project.registry.mentions(entity.id) == []
        project.registry.restore(removed, mentions)
        assert project.registry.get(entity.id) == entity
        assert project.registry.mentions(entity.id) == mentions
