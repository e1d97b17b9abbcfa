"""`--help` of the group and every command, and `--version`."""

from __future__ import annotations

import re

import pytest

from annotator import __version__

COMMANDS = {
    "gui": ["PROJECT", "last project", "demo"],
    "new": ["PROJECT", "--schema", "--name"],
    "import": [
        "PROJECT",
        "PATHS",
        "--format",
        "auto",
        "jsonl",
        "csv",
        "native",
        "--text-field",
        "--title-field",
        "--source-field",
        "--url-field",
        "--published-field",
        "--encoding",
        "--annotator",
        "all or nothing",
    ],
    "export": ["PROJECT", "--format", "native", "jsonl", "-o", "--output", "--annotator"],
    "info": ["PROJECT", "--json"],
    "check": ["PROJECT", "--json"],
    "recover": ["PROJECT", "-o", "--output", "must not exist"],
    "demo": ["PATH", "--force"],
    "actors": ["export", "import"],
    "gold": [
        "PROJECT",
        "--accept",
        "agreed",
        "majority",
        "--min",
        "--share",
        "--annotators",
        "--documents",
        "--dry-run",
    ],
    "schema": ["PROJECT", "--export", "--import", "--migrate", "--dry-run"],
    "guidelines": ["PROJECT", "--set", "--export"],
    "distribute": ["PROJECT", "--annotators", "--overlap", "--seed", "--blind", "--force", "-o"],
    "merge": ["OUT", "INPUTS", "--on-conflict", "--json", "Inputs are only read"],
    "agreement": [
        "PROJECT",
        "--annotators",
        "--labels",
        "--documents",
        "--unit",
        "--format",
        "-o",
        "--output",
        "marked done",
        "undefined",
    ],
    "suggest": ["--engine", "--documents", "--labels", "--list-engines", "suggestions,NAME"],
}


def test_group_help_lists_every_command(cli) -> None:
    result = cli("--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: ")
    for option in ("--version", "--help"):
        assert option in result.stdout
    commands = result.stdout.split("Commands:")[1]
    listed = {line.split()[0] for line in commands.splitlines() if line.strip()}
    assert listed == set(COMMANDS)
    assert cli("-h").stdout == result.stdout


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_command_help_mentions_its_options(cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: python -m annotator {command} ")
    # click wraps help text; join it to one line before looking for phrases
    flat = " ".join(result.stdout.split())
    for word in COMMANDS[command]:
        assert word in flat, f"{command} --help does not mention {word!r}"
    assert result.stderr == ""


def test_version(cli) -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"annotator, version {__version__}"


def test_unknown_command_and_missing_arguments(cli) -> None:
    result = cli("frobnicate")
    assert result.returncode == 2
    assert "No such command 'frobnicate'" in result.stderr
    result = cli("import")
    assert result.returncode == 2
    assert "Missing argument 'PROJECT'" in result.stderr


def _offered(help_text: str) -> list[str]:
    """The choices click shows for --format: ``--format [a|b|c]``."""
    metavar = help_text.split("--format [", 1)[1].split("]", 1)[0]
    return metavar.split("|")


@pytest.mark.parametrize("command", ["import", "export"])
def test_format_help_offers_and_describes_every_format_of_the_table(cli, command: str) -> None:
    from annotator.io.formats import FORMATS

    result = cli(command, "--help")
    assert result.returncode == 0, result.stderr
    export = command == "export"
    names = [n for n, f in FORMATS.items() if (f.writer if export else f.reader) is not None]
    assert _offered(result.stdout) == ([] if export else ["auto"]) + names
    # click wraps help (also after hyphens): compare without any whitespace
    squeezed = "".join(result.stdout.split())
    for name in names:
        described = f"{name}:{FORMATS[name].describe(export=export)}"
        assert "".join(described.split()) in squeezed, f"{command} --help lacks {name}"
    unsupported = [n for n in FORMATS if n not in names]
    assert unsupported, "every format both reads and writes: this test checks nothing"
    for name in unsupported:
        assert not re.search(rf"(?<![\w-]){re.escape(name)}:", squeezed), name
