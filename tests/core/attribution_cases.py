"""What both engines' tests share: quotes as (quote, speaker, cue), and the cases every engine
must get right."""

from __future__ import annotations

from annotator.core.assist.suggested import Suggestions

Attribution = tuple[str, str | None, str | None]


def attributions(found: Suggestions) -> list[Attribution]:
    """(quote, its speaker, its cue) for every suggested quote, in text order."""
    out = []
    for index, span in sorted(enumerate(found.spans), key=lambda pair: pair[1].start):
        if span.role == "speech":
            speaker = found.linked("speaker", index)
            cue = found.linked("cue", index)
            out.append((span.text, speaker.text if speaker else None, cue.text if cue else None))
    return out


#: A quote after its attribution, before it, a clause of "said that", a description.
EVERY_ENGINE = [
    (
        "“We will not give up our fight for fair pay,” said Ola Berg, the union leader.",
        [("We will not give up our fight for fair pay,", "Ola Berg", "said")],
    ),
    (
        "Mara Lindqvist told the council: “These buses are a lifeline for night workers.”",
        [("These buses are a lifeline for night workers.", "Mara Lindqvist", "told")],
    ),
    (
        "Sergei Karamov said on Monday that talks with the union would resume next week.",
        [("talks with the union would resume next week", "Sergei Karamov", "said")],
    ),
    (
        '"Nobody asked the drivers," a union spokeswoman said.',
        [("Nobody asked the drivers,", "a union spokeswoman", "said")],
    ),
]
