"""Which annotations to offer as the target of a relation (a quote's speaker, a demand's
claimant): one entry per actor, not one per mention.

A document names the same actor many times ("Lavrov … Lavrov … the Russian minister"); a
list of every mention repeats names and tells them apart only by offsets. So linked mentions
are offered once per entity, under its canonical name, and unlinked ones once per spelling;
each entry links to the mention of its group nearest the annotation being related, or to the
current target, when it is in the group.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from annotator.core.matching import normalise_name
from annotator.core.model import Annotation


@dataclass(frozen=True, slots=True)
class TargetChoice:
    annotation_id: str  # the mention a choice links to
    text: str  # what the list shows: the actor's name, or the mention's text
    linked: bool  # the mention is linked to the registry


def target_choices(
    candidates: Iterable[Annotation],
    near: int,
    entity_names: Mapping[str, str],
    current: str | None = None,
) -> list[TargetChoice]:
    """One choice per entity (named by ``entity_names``) or per unlinked spelling, in the
    order the groups first appear in the text; ``near`` is the offset of the annotation
    being related."""
    groups: dict[tuple[bool, str], list[Annotation]] = {}
    for ann in candidates:
        if ann.entity is not None and ann.entity in entity_names:
            group = (True, ann.entity)
        else:
            group = (False, normalise_name(ann.text))
        groups.setdefault(group, []).append(ann)
    choices = []
    for (linked, key), anns in groups.items():
        chosen = next((a for a in anns if a.id == current), None)
        if chosen is None:
            chosen = min(anns, key=lambda a: (abs(a.start - near), a.start))
        text = entity_names[key] if linked else " ".join(chosen.text.split())
        choices.append(TargetChoice(chosen.id, text, linked))
    return choices
