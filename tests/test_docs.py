"""The docs must not drift from the code: examples run, every CLI option is documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click
import pytest

from annotator.cli import main
from annotator.core.schema import parse_schema

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
CLI_DOC = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def fenced(text: str, lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", text, flags=re.S)


def test_readme_python_example_runs_and_stores_what_it_says(tmp_path: Path) -> None:
    from annotator import Project

    (code,) = fenced(README, "python")
    Project.create(tmp_path / "study.annotator").close()
    namespace: dict[str, object] = {}
    import os

    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        exec(compile(code, "README.md", "exec"), namespace)
    finally:
        os.chdir(cwd)
    with Project.open(tmp_path / "study.annotator", readonly=True, annotator="Ana") as p:
        (doc,) = list(p.documents.all())
        assert [a.name for a in p.annotators.all()] == ["Ana"]  # the example's annotator
        ana = p.layer()
        texts = {a.label: a.text for a in ana.annotations(doc.id)}
        assert texts == {"Actor": "Karamov", "Quote": "We will not give up a single village,"}
        (rel,) = ana.relations(doc.id)
        assert rel.type == "speaker"
        (actor,) = [a for a in ana.annotations(doc.id) if a.label == "Actor"]
        assert actor.entity is not None
        assert p.registry.get(actor.entity).name == "Sergei Karamov"
        assert ana.status(doc.id) == "done"


def test_readme_test_command_is_what_ci_runs() -> None:
    commands = [c.strip() for c in fenced(README, "bash") if "pytest" in c and "pip" in c]
    assert len(commands) == 1
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[0] in ci


def _commands(group: click.Group, prefix: str = "") -> dict[str, click.Command]:
    """Every command by its full name ("export", "actors export"), groups included."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        found[prefix + name] = command
        if isinstance(command, click.Group):
            found.update(_commands(command, f"{prefix}{name} "))
    return found


COMMANDS = _commands(main)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_option_is_in_the_cli_reference(name: str) -> None:
    command = COMMANDS[name]
    assert f"## `annotator {name}" in CLI_DOC, f"docs/cli.md has no section for {name}"
    assert f"`annotator {name}" in README, f"README's command table lacks {name}"
    for param in command.params:
        if isinstance(param, click.Option):
            longest = max(param.opts, key=len)
            assert longest in CLI_DOC, f"docs/cli.md does not mention {name} {longest}"


def test_schema_example_in_docs_is_a_valid_schema() -> None:
    doc = (ROOT / "docs" / "schemas.md").read_text(encoding="utf-8")
    (example,) = fenced(doc, "json")
    schema = parse_schema(json.loads(example))
    assert schema.relation("organised_by").max == 3


def test_default_schema_table_matches_the_schema_file() -> None:
    from annotator.core.schema import default_schema

    doc = (ROOT / "docs" / "schemas.md").read_text(encoding="utf-8")
    schema = default_schema()
    for label in schema.labels:
        assert f"| {label.name} | {label.hotkey} |" in doc
        for attribute in label.attributes:
            for value in attribute.values:
                assert value in doc
    for relation in schema.relations:
        assert f"| {relation.name} | {relation.source} → {relation.target} |" in doc


def test_readme_shortcut_table_lists_every_shortcut() -> None:
    from annotator.core.schema import default_schema
    from annotator.gui.shortcuts import SHORTCUTS

    table = README[README.index("| keys | what they do |") :]
    for shortcut in SHORTCUTS:
        for keys in shortcut.keys:
            assert f"`{keys}`" in table, f"README's shortcut table lacks {keys}"
    schema = default_schema()
    for key in [x.hotkey for x in schema.labels] + [r.hotkey for r in schema.relations]:
        if key:
            assert f"`{key}`" in table


def _format_option(command: str) -> click.Option:
    option = next(p for p in main.commands[command].params if p.name == "fmt")
    assert isinstance(option, click.Option)
    return option


def test_cli_format_choices_follow_the_formats_table() -> None:
    # Every format with a reader is offered by `import`, every one with a writer by `export`,
    # in the table's order, each with its description in the option's help.
    from annotator.io.formats import FORMATS

    expected = {
        "import": ["auto", *(n for n, f in FORMATS.items() if f.reader is not None)],
        "export": [n for n, f in FORMATS.items() if f.writer is not None],
    }
    for command, names in expected.items():
        option = _format_option(command)
        assert isinstance(option.type, click.Choice)
        assert list(option.type.choices) == names
        # export: none, the output's name decides (native, or jsonl for a .jsonl file)
        assert option.default in names if command == "import" else option.default is None
        for name in names:
            if name in FORMATS:
                description = FORMATS[name].describe(export=command == "export")
                assert f"{name}: {description}" in (option.help or "")


def test_cli_reference_lists_every_format() -> None:
    from annotator.io.formats import EXPORT_CHOICES, FORMATS, IMPORT_CHOICES

    assert f"- `--format {'|'.join(IMPORT_CHOICES)}`" in CLI_DOC
    importing = CLI_DOC[CLI_DOC.index("## `annotator import") : CLI_DOC.index("Options:")]
    for name in IMPORT_CHOICES[1:]:
        row = f"| `{name}` | {' '.join(FORMATS[name].extensions)} |"
        assert row in importing, f"docs/cli.md's import table lacks {row}"
    exporting = CLI_DOC[CLI_DOC.index("## `annotator export") :]
    exporting = exporting[: exporting.index("\n## ")]
    for name in EXPORT_CHOICES:
        fmt = FORMATS[name]
        row = f"| `{name}` | {fmt.extensions[0]}"
        assert row in exporting, f"docs/cli.md's export table lacks {name}"
        line = exporting[exporting.index(row) :].splitlines()[0]
        assert line.endswith(f"| {fmt.counts.many} |"), line
        assert bool(fmt.extra_files) == ("beside it" in line), line
    row = next(line for line in README.splitlines() if line.startswith("| `annotator export"))
    escaped = "\\|".join(EXPORT_CHOICES)  # a | inside a table cell is written \|
    assert f"--format {escaped} " in row
