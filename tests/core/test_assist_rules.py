"""The rules engine on small texts we wrote: quotes, cues, speakers and the hard cases."""

from __future__ import annotations

import pytest
from attribution_cases import EVERY_ENGINE, Attribution
from attribution_cases import attributions as attributions_of

from annotator.core.assist.rules import RulesEngine


def attributions(text: str) -> list[Attribution]:
    """(quote, its speaker, its cue) for every suggested quote, in text order."""
    found = RulesEngine().suggest(text)
    for span in found.spans:  # offsets are the text's own
        assert text[span.start : span.end] == span.text
    return attributions_of(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *EVERY_ENGINE,
        (
            "“The depot stays open at night,” Mara Lindqvist told reporters on Friday.",
            [("The depot stays open at night,", "Mara Lindqvist", "told")],
        ),
        (
            "According to the foreign minister, the border will stay closed until spring.",
            [("the border will stay closed until spring", "the foreign minister", "According to")],
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
    assert found.of_role("speech") == [] and found.of_role("cue") == []


def test_a_long_quote_without_attribution_is_suggested_with_a_lower_score() -> None:
    text = "Her anger was barely contained. “Every one of those men knew what they signed.”"
    found = RulesEngine().suggest(text)
    [quote] = found.of_role("speech")
    assert quote.text == "Every one of those men knew what they signed."
    assert quote.score < 0.9 and found.linked("speaker", 0) is None
    assert found.linked("cue", 0) is None


def test_what_a_banner_or_a_ruling_says_has_a_cue_but_no_speaker() -> None:
    assert attributions(
        "Outside the depot a banner stretched across the railings read: “No night shifts "
        "without night pay.”"
    ) == [("No night shifts without night pay.", None, "read")]
    assert attributions("A handwritten note on the gate said the depot was closed.") == [
        ("the depot was closed", None, "said")
    ]
    assert attributions("The ruling said that the contract was void.") == [
        ("the contract was void", None, "said")
    ]


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
    # the cue is the whole phrase, the newspaper inside it is not the speaker
    indirect = "Karamov was quoted by the Valley Gazette as saying that the port would reopen."
    assert attributions(indirect) == [
        ("the port would reopen", "Karamov", "was quoted by the Valley Gazette as saying")
    ]
    later = "Karamov was later quoted by the agency KNA as saying the port would reopen."
    assert attributions(later)[0][1:] == (
        "Karamov",
        "was later quoted by the agency KNA as saying",
    )
    direct = "Karamov was quoted as saying: “The port reopens when the strike is over.”"
    assert attributions(direct) == [
        ("The port reopens when the strike is over.", "Karamov", "was quoted as saying")
    ]
    after = "“The port reopens when the strike is over,” Karamov was quoted as saying."
    assert attributions(after)[0][1:] == ("Karamov", "was quoted as saying")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a name in apposition is the speaker
            "Its chairman, Simon Brell, said members had lost contracts abroad.",
            [("members had lost contracts abroad", "Simon Brell", "said")],
        ),
        (  # a relative clause between the speaker and the cue
            "Opposition leader Tomas Vilk, who joined the march, said his party would "
            "scrap the plan.",
            [("his party would scrap the plan", "Tomas Vilk", "said")],
        ),
        (
            "Dara Molk, a lorry driver who had waited since dawn, said he had not been told "
            "when he could leave.",
            [("he had not been told when he could leave", "Dara Molk", "said")],
        ),
        (  # a description and a postmodifier: the head of the phrase
            "A spokesman for the port authority in Trebin said the cranes would stay idle.",
            [("the cranes would stay idle", "A spokesman", "said")],
        ),
        (  # an auxiliary and an adverbial between cue and "that"
            "The bank's governor has said in the past that rates would stay high.",
            [("rates would stay high", "The bank's governor", "said")],
        ),
        (
            "Ostrel's agriculture ministry said in a statement from its offices in Varn "
            "that exporters were respecting all rules.",
            [("exporters were respecting all rules", "agriculture ministry", "said")],
        ),
        (  # no "that": the report starts at a clause
            "Police said about 15,000 people took part, while organisers put the number at 40,000.",
            [("about 15,000 people took part", "Police", "said")],
        ),
        (
            "The minister said a new museum in the capital, Keffa, would open in May.",
            [("a new museum in the capital, Keffa, would open in May", "The minister", "said")],
        ),
        (  # a verb that needs "that"
            "Opposition leader Lars Ekdal demanded that the minister resign.",
            [("the minister resign", "Lars Ekdal", "demanded")],
        ),
        (
            "Economists at Selmo University estimated that the dispute had cost 180 million.",
            [("the dispute had cost 180 million", "Economists", "estimated")],
        ),
    ],
)
def test_indirect_speech_x_said_that(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert attributions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mara Lind told state television that the death toll was likely to rise.",
            [("the death toll was likely to rise", "Mara Lind", "told")],
        ),
        (
            "Ivo Rask told shareholders in a letter seen by reporters that the firm "
            "expected to be cleared.",
            [("the firm expected to be cleared", "Ivo Rask", "told")],
        ),
        (  # no "that": the report starts where a clause does
            "The mayor told council members the budget was exhausted.",
            [("the budget was exhausted", "The mayor", "told")],
        ),
        (
            "The mayor warned residents that the river could burst its banks.",
            [("the river could burst its banks", "The mayor", "warned")],
        ),
    ],
)
def test_x_told_y_that(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert attributions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # sentence-initial, with a postmodifier after the name
            "According to Jonas Brel of the Fishermen's Union, catches have fallen by a third.",
            [("catches have fallen by a third", "Jonas Brel", "According to")],
        ),
        (
            "According to the relief group Mountain Aid, at least four schools collapsed.",
            [("at least four schools collapsed", "Mountain Aid", "According to")],
        ),
        (  # a relative clause after the source
            "According to Jonas Brel, who chairs the cooperative, catches have fallen.",
            [("catches have fallen", "Jonas Brel", "According to")],
        ),
        (  # sentence-final, the name in apposition
            "A vote is expected in April, according to the speaker of parliament, Giulia Marchi.",
            [("A vote is expected in April", "Giulia Marchi", "according to")],
        ),
        (  # sentence-final, no comma
            "Prices rose by nine percent last year according to the statistics office.",
            [("Prices rose by nine percent last year", "the statistics office", "according to")],
        ),
    ],
)
def test_according_to_x(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert attributions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the dateline is not part of the report
            "TREBIN — Talks resumed on Friday, two days after the union walked out, a "
            "mediator said.",
            [
                (
                    "Talks resumed on Friday, two days after the union walked out",
                    "a mediator",
                    "said",
                )
            ],
        ),
        (
            "Tariffs collected since June will not be refunded, officials on both sides said.",
            [("Tariffs collected since June will not be refunded", "officials", "said")],
        ),
        (
            "The museum will return the bronzes, the museum's board announced on Friday.",
            [("The museum will return the bronzes", "the museum's board", "announced")],
        ),
        (  # inverted, the name in apposition
            "The bridge will stay closed until May, said the council's director, Ana Mirek.",
            [("The bridge will stay closed until May", "Ana Mirek", "said")],
        ),
    ],
)
def test_a_report_before_its_attribution(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert attributions(text) == expected


def test_a_participle_reports_for_the_subject_of_its_clause() -> None:
    text = (
        "The dispute began in June, when Tarvania imposed a tariff on fish, arguing that "
        "Corvessa was paying unfair state aid."
    )
    assert attributions(text) == [("Corvessa was paying unfair state aid", "Tarvania", "arguing")]
    after_a_quote = "“Our patience has run out,” the group said, adding that it would hold a vigil."
    assert attributions(after_a_quote) == [
        ("Our patience has run out,", "the group", "said"),
        ("it would hold a vigil", "the group", "adding"),
    ]


def test_two_reports_in_one_sentence_are_two_quotes() -> None:
    coordinated = (
        "The prosecutor's office confirmed it had received a complaint and said it was "
        "examining the tender."
    )
    assert attributions(coordinated) == [
        ("it had received a complaint", "The prosecutor's office", "confirmed"),
        ("it was examining the tender", "The prosecutor's office", "said"),
    ]
    assert attributions(
        "Transport Minister Kwame Ashby urged both sides to return to talks and said the "
        "government was ready to appoint a mediator."
    ) == [("the government was ready to appoint a mediator", "Kwame Ashby", "said")]
    though = (
        "The city council, which met on Monday, said the plan was too expensive, though it "
        "noted that a smaller version could be considered."
    )
    assert attributions(though) == [
        ("the plan was too expensive", "The city council", "said"),
        ("a smaller version could be considered", "The city council", "noted"),
    ]
    declined = "A spokesman said the talks would resume soon, but declined to give a date."
    assert attributions(declined) == [("the talks would resume soon", "A spokesman", "said")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Local media reports say Interior Minister Petra Lind told parliament that the "
            "border would reopen within a week.",
            [("the border would reopen within a week", "Petra Lind", "told")],
        ),
        (
            "The Harbour Gazette reported on Sunday that Defence Minister Aksel Berg had told "
            "senior officers that he had not seen the bid.",
            [("he had not seen the bid", "Aksel Berg", "told")],
        ),
        (
            "According to the newspaper, the minister told the committee that no contracts "
            "had been signed.",
            [("no contracts had been signed", "the minister", "told")],
        ),
        (  # a fact reported, not words: the outer source speaks
            "Citing two people at the meeting, the paper said Berg had ordered an inquiry.",
            [("Berg had ordered an inquiry", "the paper", "said")],
        ),
    ],
)
def test_of_nested_reports_only_the_innermost_counts(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert attributions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The union's demands that overtime be paid were rejected. Its claims were dismissed.",
        "The minister urged both sides to return to talks and called for calm.",
        "Vukic accused the Ostrelians of flooding the market with cheap grain.",
        "Tarvania and Corvessa agreed on Friday to suspend the tariffs for six months.",
        "Corvessa responded two weeks later with a tariff on steel.",
        "President Faris Nouri declared three days of national mourning.",
        "The minister is said to be furious. Officials said nothing about the timing.",
        "The strike added to the pressure on the government, which had promised reforms.",
        "A poll published on Sunday found that 61 percent of voters backed the plan.",
    ],
)
def test_cue_words_that_report_nothing(text: str) -> None:
    assert attributions(text) == []


def test_pronoun_speakers_are_resolved_to_the_latest_fitting_mention() -> None:
    text = (
        "Agriculture Minister Sabina Rota met the protest leaders. She said afterwards that "
        "the government would ask for limits on imports. "
        "Quillon Air announced a merger with the Ostrelian carrier Nordvik in Geneva. "
        "“This makes us stronger,” it said. "
        "Economists at the bank said inflation would peak in spring. They said rates "
        "could fall by summer."
    )
    assert [speaker for _, speaker, _ in attributions(text)] == [
        "Sabina Rota",
        "Quillon Air",
        "Economists",
        "Economists",
    ]


def test_a_pronoun_for_a_description_that_was_named_is_the_name() -> None:
    text = (
        "The rector of Selmo University, Anna Weller, spoke first. The rector said she "
        "feared that applications would fall. “We will lose talent,” she said."
    )
    assert attributions(text) == [
        ("she feared that applications would fall", "The rector", "said"),
        ("We will lose talent,", "Anna Weller", "said"),
    ]


def test_a_quotation_can_run_over_several_paragraphs() -> None:
    text = (
        "The strike leader, Ola Berg, told the crowd: “We have waited long enough. The "
        "time for talks is over.\n\n“If the government will not listen, we will take our case "
        "to the streets.”\n\nThe crowd cheered."
    )
    [(quote, speaker, cue)] = attributions(text)
    assert quote.startswith("We have waited") and quote.endswith("to the streets.")
    assert "\n\n“If the government" in quote  # one quote, over both paragraphs
    assert (speaker, cue) == ("Ola Berg", "told")


def test_a_quotation_followed_by_the_attribution_of_the_next_one() -> None:
    text = (
        "Prime Minister Ivo Sander told a news conference: “We will not be blackmailed.” He "
        "added: “The door to talks remains open.”"
    )
    assert attributions(text) == [
        ("We will not be blackmailed.", "Ivo Sander", "told"),
        ("The door to talks remains open.", "Ivo Sander", "added"),
    ]


def test_a_partial_quote_in_reported_speech_is_the_quote() -> None:
    text = "Kestria's foreign ministry said the remarks were “unacceptable and dangerous”."
    assert attributions(text) == [("unacceptable and dangerous", "foreign ministry", "said")]
    scare = "The minister said the so-called “reform” would be shelved until spring."
    assert attributions(scare) == [
        ("the so-called “reform” would be shelved until spring", "The minister", "said")
    ]


def test_other_actor_mentions_leave_out_places_and_adjectives() -> None:
    text = (
        "VARN — Ostrel's defence ministry suspended the contract with Brannock Defence in "
        "Geneva. Corvessan exporters were alarmed. Automation has cut jobs."
    )
    actors = [s.text for s in RulesEngine().suggest(text).of_role("actor")]
    assert "Ostrel" in actors and "defence ministry" in actors and "Brannock Defence" in actors
    assert not {"VARN", "Geneva", "Corvessan", "Automation"} & set(actors)


def test_a_name_with_a_hyphenated_particle_is_one_mention() -> None:
    text = (
        "The talks are hosted by the foreign minister, Yusuf al-Haddad, who flew in. "
        "“Nobody should expect a miracle by Wednesday,” al-Haddad said."
    )
    found = RulesEngine().suggest(text)
    actors = [s.text for s in found.spans if s.role == "actor"]
    assert "Yusuf al-Haddad" in actors and "Haddad" not in actors and "Yusuf" not in actors
    assert attributions(text) == [
        ("Nobody should expect a miracle by Wednesday,", "al-Haddad", "said")
    ]
