"""The command group and what every command shares: paths, errors, backups, progress bars."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from annotator import __version__
from annotator.core.errors import AnnotatorError
from annotator.core.reports import Cancelled

if TYPE_CHECKING:
    pass

PROJECT = click.Path(dir_okay=False, path_type=Path)
OUTPUT = click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (replaced only when the export succeeds).",
)
#: How many unfinished annotations `check` lists one by one.
SHOWN_PROBLEMS = 20


def fail(exc: AnnotatorError) -> NoReturn:
    click.echo(f"Error: {exc}", err=True)
    sys.exit(exc.exit_code)


def say_warnings(warnings: list[str]) -> None:
    for warning in warnings:
        click.echo(f"Warning: {warning}", err=True)


@contextlib.contextmanager
def user_errors(project: Path | None = None) -> Iterator[None]:
    """Turn our exceptions into a message and an exit code; Ctrl-C into a clean stop; SQLite
    finding ``project`` damaged into a message that names it and what to run."""
    try:
        yield
    except AnnotatorError as exc:
        fail(exc)
    except (KeyboardInterrupt, Cancelled):
        click.echo("Cancelled; nothing was changed.", err=True)
        sys.exit(130)
    except Exception as exc:
        from annotator.store.connection import damage_as_user_error

        damage = damage_as_user_error(exc, project)  # damaged where opening did not look
        if damage is None:
            raise
        fail(damage)


@contextlib.contextmanager
def backed_up(project: Path) -> Iterator[Callable[[], list[str]]]:
    """The backups of a command that writes to ``project``: yields the backup step for
    ``Project.open``; after the command, the state it left is backed up in the background
    (store/background.py), so the command's result does not wait for the copy."""
    from annotator.store.background import BackgroundBackup

    backup = BackgroundBackup(project)
    try:
        yield backup.before_changes
    finally:
        say_warnings(backup.finish())


@contextlib.contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int | None], None] | None]:
    """A progress bar on a terminal (stderr); nothing when output is redirected."""
    if not sys.stderr.isatty():
        yield None
        return
    bar_ctx: Any = None
    state = {"shown": 0}

    def update(done: int, total: int | None) -> None:
        nonlocal bar_ctx
        if bar_ctx is None:
            bar_ctx = click.progressbar(length=total or 0, label=label, file=sys.stderr)
            bar_ctx.__enter__()
        bar_ctx.update(done - state["shown"])
        state["shown"] = done

    try:
        yield update
    finally:
        if bar_ctx is not None:
            bar_ctx.__exit__(None, None, None)


class _CommandsOrProject(click.Group):
    """The command group, which also takes a project file in place of a command:
    ``annotator study.annotator`` (what a double-click on a project runs) is ``annotator gui
    study.annotator``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and _looks_like_a_project(args[0]):
            args = ["gui", *args]
        return super().parse_args(ctx, args)


def _looks_like_a_project(arg: str) -> bool:
    return not arg.startswith("-") and (arg.endswith(".annotator") or Path(arg).is_file())


@click.group(
    cls=_CommandsOrProject,
    context_settings={"help_option_names": ["-h", "--help"]},
    invoke_without_command=True,
)
@click.version_option(__version__, prog_name="annotator")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Annotator: tag quotes, actors and demands in news articles; export research datasets.

    A project is one file (SQLite). Every change is saved the moment it is made. Without a
    command, the window opens on the last project (or the demo project); `annotator
    PROJECT` opens it on PROJECT.
    """
    if ctx.invoked_subcommand is None:
        sys.exit(run_gui(None))


def run_gui(project: Path | None) -> int:
    from annotator.app import run

    return run(project)
