"""The rules engine on small texts we wrote: quotes, cues, speakers and the hard cases."""

from __future__ import annotations

import pytest

from annotator.core.assist.rules import RulesEngine


def attributions(text: str) -> list[tuple[str, str | None, str | None]]:
    """(quote, its speaker, its cue) for every suggested quote, in text order."""
    found = RulesEngine().suggest(text)
    for span in found.spans:  # offsets are the text's own
        assert text[span.start : span.end] == span.text
    out = []
    for index, span in sorted(enumerate(found.spans), key=lambda pair: pair[1].start):
        if span.role == "speech":
            speaker = found.linked("speaker", index)
            cue = found.linked("cue", index)
            out.append((span.text, speaker.text if speaker else None, cue.text if cue else None))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“We will not give up our fight for fair pay,” said Ola Berg, the union leader.",
            [("We will not give up our fight for fair pay,", "Ola Berg", "said")],
        ),
        (
            "“The depot stays open at night,” Mara Lindqvist told reporters on Friday.",
            [("The depot stays open at night,", "Mara Lindqvist", "told")],
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
            "According to the foreign minister, the border will stay closed until spring.",
            [("the border will stay closed until spring", "the foreign minister", "According to")],
        ),
        (
            '"Nobody asked the drivers," a union spokeswoman said.',
            [("Nobody asked the drivers,", "a union spokeswoman", "said")],
        ),
    ],
)
def test_quotes_with_their_speaker_and_cue(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert attributions(text) == expected


def test_a_pronoun_speaker_is_resolved_to_the_person_named_before() -> None:
    text = (
        "Sergei Karamov, the port's director, met the strikers. “The talks will resume,” "
        "Karamov told reporters. “We will,” he said, “not give up.”"
    )
    assert attributions(text) == [
        ("The talks will resume,", "Karamov", "told"),
        ("We will,", "Karamov", "said"),
        ("not give up.", "Karamov", "said"),  # split by its attribution: the same speaker
    ]
    found = RulesEngine().suggest(text)
    assert "he" in [s.text for s in found.of_role("actor")]  # the pronoun is a mention too


def test_it_said_is_an_organisation_not_the_place_before_it() -> None:
    text = (
        "The Ministry of Finance published the figures in Geneva on Monday. "
        "“The deficit is under control,” it said."
    )
    assert attributions(text) == [("The deficit is under control,", "Ministry of Finance", "said")]


def test_scare_quotes_and_cue_like_nouns_are_not_suggested() -> None:
    text = (
        "The union's demands were rejected in a statement on Tuesday. "
        "The so-called “reform” was shelved, and the “package” with it."
    )
    found = RulesEngine().suggest(text)
    assert found.spans == []


def test_a_long_quote_without_attribution_is_suggested_with_a_lower_score() -> None:
    text = "Outside the depot a banner read: “No night shifts without night pay for anyone.”"
    found = RulesEngine().suggest(text)
    [quote] = found.of_role("speech")
    assert quote.text == "No night shifts without night pay for anyone."
    assert quote.score < 0.9 and found.linked("speaker", 0) is None


def test_a_project_can_add_cues() -> None:
    text = "“This plan will not survive the winter,” Ola Berg grumbled."
    assert attributions(text)[0][1:] == (None, None)
    found = RulesEngine(extra_cues=["grumbled"]).suggest(text)
    assert [s.text for s in found.of_role("cue")] == ["grumbled"]
    assert found.linked("speaker", 0).text == "Ola Berg"


def test_told_someone_that() -> None:
    text = "Ola Berg told reporters on Friday that the strike would go on until Easter."
    assert attributions(text) == [("the strike would go on until Easter", "Ola Berg", "told")]
    assert attributions("Ola Berg told reporters on Friday.") == []


def test_was_quoted_as_saying() -> None:
    indirect = "Karamov was quoted by the Valley Gazette as saying that the port would reopen."
    assert attributions(indirect) == [("the port would reopen", "Karamov", "saying")]
    direct = "Karamov was quoted as saying: “The port reopens when the strike is over.”"
    assert attributions(direct) == [
        ("The port reopens when the strike is over.", "Karamov", "saying")
    ]
