"""``annotator suggest PROJECT``: run a suggestion engine over documents (docs/assist.md)."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.base import PROJECT, backed_up, main, progress_bar, say_warnings, user_errors
from annotator.core.assist.engines import ENGINES, default_engine, engine_info


def _split(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [x.strip() for x in value.split(",") if x.strip()] or None


@main.command("suggest")
@click.argument("project", type=PROJECT)
@click.option(
    "--engine",
    type=click.Choice([i.name for i in ENGINES]),
    help="The engine (default: the best one installed: spacy with the [assist] extra, else rules).",
)
@click.option("--documents", help="Only these documents (ids, comma-separated); default: all.")
@click.option(
    "--labels",
    help="Only these labels (names, comma-separated); default: every label with suggestions "
    "(quotes, actor mentions, cues).",
)
@click.option("--list-engines", is_flag=True, help="Say which engines there are and exit.")
def suggest(
    project: Path,
    engine: str | None,
    documents: str | None,
    labels: str | None,
    list_engines: bool,
) -> None:
    """Suggest quotes, speakers, cues and actor mentions in PROJECT's suggestions layer.

    A document's earlier open suggestions are replaced; spans somebody accepted or rejected
    are never suggested again. People decide in the window (Enter accepts, Backspace rejects).
    Each batch of documents is committed: Ctrl+C keeps the documents done. Measure the
    suggestions against a person's work with `annotator agreement PROJECT --annotators
    suggestions,NAME`.
    """
    from annotator.core.assist.engines import make_engine
    from annotator.store.project import Project

    if list_engines:
        for info in ENGINES:
            state = "installed" if info.installed() else f"needs annotator[{info.needs}]"
            click.echo(f"{info.name:9} {state:24} {info.finds}")
        return
    with user_errors(project):
        name = engine or default_engine()
        done = {"documents": 0}
        with backed_up(project) as backup, Project.open(project, backup=backup) as p:
            say_warnings(p.warnings)
            made = make_engine(name, p.suggestions.knowledge())
            chosen = _split(documents)
            if chosen is not None:
                for doc_id in chosen:
                    p.documents.get(doc_id)  # unknown: refused, naming it
            with progress_bar(f"Suggesting ({name})") as bar:

                def progress(count: int, total: int | None) -> bool:
                    done["documents"] = count
                    if bar is not None:
                        bar(count, total)
                    return False

                try:
                    report = p.suggestions.run(made, chosen, _split(labels), progress)
                except KeyboardInterrupt:
                    click.echo(
                        f"Stopped: the {done['documents']} document(s) done keep their "
                        "suggestions.",
                        err=True,
                    )
                    raise SystemExit(130) from None
        per_label = ", ".join(f"{n} {label}" for label, n in sorted(report.suggested.items()))
        click.echo(
            f"{report.total} suggestion(s) in {report.documents} document(s) "
            f"({engine_info(name).title})" + (f": {per_label}" if per_label else "")
        )
        if report.skipped_decided:
            click.echo(f"{report.skipped_decided} span(s) decided before were left out.")
