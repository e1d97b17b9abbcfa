"""What an engine proposes for one text: spans by role, and links between them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Suggested:
    """A proposed span: ``role`` is a label role (``speech``, ``actor``, ``cue``); offsets
    are code points of the normalised text, ``text`` what they cover; ``score`` in [0, 1];
    ``entity`` the registry actor an actor mention names, when the engine knows it."""

    role: str
    start: int
    end: int
    text: str
    engine: str
    score: float
    entity: str | None = None


@dataclass(frozen=True)
class SuggestedLink:
    """A proposed relation: ``role`` is a relation role (``speaker``, ``cue``), from the
    span at index ``source`` (a speech) to the span at index ``target``."""

    role: str
    source: int
    target: int


@dataclass
class Suggestions:
    spans: list[Suggested] = field(default_factory=list)
    links: list[SuggestedLink] = field(default_factory=list)

    def add(self, span: Suggested) -> int:
        """Add ``span`` unless the same role already covers the same place; its index."""
        for index, known in enumerate(self.spans):
            if (known.role, known.start, known.end) == (span.role, span.start, span.end):
                return index
        self.spans.append(span)
        return len(self.spans) - 1

    def link(self, role: str, source: int, target: int) -> None:
        found = SuggestedLink(role, source, target)
        if found not in self.links:
            self.links.append(found)

    def of_role(self, role: str) -> list[Suggested]:
        return [s for s in self.spans if s.role == role]

    def linked(self, role: str, source: int) -> Suggested | None:
        """The span ``source`` links to by ``role`` (its speaker, its cue), if any."""
        for link in self.links:
            if link.role == role and link.source == source:
                return self.spans[link.target]
        return None
