"""User preferences, kept in a readable JSON file under the user's config folder.

Window geometry is the only thing left to QSettings. ``$ANNOTATOR_CONFIG_DIR`` moves the
folder (the tests point it at a temporary one).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import platformdirs

MAX_RECENT = 8


def config_dir() -> Path:
    override = os.environ.get("ANNOTATOR_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("annotator", appauthor=False))


def _clean_shortcuts(value: object) -> dict[str, list[str]]:
    """``shortcuts`` as read from preferences.json: entries of another shape are dropped."""
    if not isinstance(value, dict):
        return {}
    return {
        action: [k for k in keys if isinstance(k, str)]
        for action, keys in value.items()
        if isinstance(action, str) and isinstance(keys, list)
    }


@dataclass
class Settings:
    annotator_name: str = ""
    snap_to_words: bool = True
    #: Linking a mention whose text is not yet a name or alias of the actor adds it as an alias
    #: (so the next such mention is linked, and "Tag all occurrences" finds it).
    add_linked_spellings: bool = True
    font_size: float = 12.0
    theme: str = "system"  # system, light or dark
    recent_projects: list[str] = field(default_factory=list)
    #: The document last open in each project (by the project's absolute path), reopened
    #: with the project.
    last_documents: dict[str, str] = field(default_factory=dict)
    #: Keys the user bound to actions instead of the defaults (Preferences → Keyboard): only
    #: the actions they changed, by name (see gui/shortcuts.py), each with its list of keys.
    shortcuts: dict[str, list[str]] = field(default_factory=dict)
    #: The suggestion engine (core/assist/engines.py); "" for the best one installed.
    suggestion_engine: str = ""
    #: Suggestions are made for a document as it opens (if it has none yet), and shown.
    show_suggestions: bool = True

    def __post_init__(self) -> None:
        self.shortcuts = _clean_shortcuts(self.shortcuts)  # a hand-edited file may be off

    @property
    def path(self) -> Path:
        return config_dir() / "preferences.json"

    @classmethod
    def load(cls) -> Settings:
        path = config_dir() / "preferences.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known} if isinstance(data, dict) else {}
        try:
            return cls(**values)
        except TypeError:
            return cls()

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_suffix(".partial")
        partial.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False), encoding="utf-8")
        partial.replace(self.path)

    def remember_project(self, path: Path) -> None:
        entry = str(Path(path).resolve())
        self.recent_projects = [entry] + [p for p in self.recent_projects if p != entry]
        del self.recent_projects[MAX_RECENT:]
        self.save()

    def remember_document(self, project: Path, doc_id: str) -> None:
        entry = str(Path(project).resolve())
        if self.last_documents.get(entry) != doc_id:
            self.last_documents[entry] = doc_id
            # only the recent projects' entries are kept, so the file stays small
            keep = set(self.recent_projects) | {entry}
            self.last_documents = {k: v for k, v in self.last_documents.items() if k in keep}
            self.save()

    def last_document(self, project: Path) -> str | None:
        return self.last_documents.get(str(Path(project).resolve()))

    @property
    def last_project(self) -> Path | None:
        for entry in self.recent_projects:
            if Path(entry).exists():
                return Path(entry)
        return None
