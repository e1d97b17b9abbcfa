"""The command line. One module per group of commands; each adds its commands to ``main``.

``annotator new | import | export | info | check | recover | actors | demo | suggest`` and the
team commands.
"""

from annotator.cli import (
    actors_commands,
    agreement_commands,
    codebook_commands,
    gold_commands,
    project_commands,
    suggest_commands,
    team_commands,
)
from annotator.cli.base import main

__all__ = [
    "actors_commands",
    "agreement_commands",
    "codebook_commands",
    "gold_commands",
    "main",
    "project_commands",
    "suggest_commands",
    "team_commands",
]

if __name__ == "__main__":  # pragma: no cover
    main()
