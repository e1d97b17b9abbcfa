"""The lexicons and token rules of the ``spacy`` engine: which verbs report speech, which
nouns head descriptions of actors, which prepositions make a name a place, and how a
mention's span is cut from the parse the way bench/assist_eval's guidelines cut it (names
without "the" and titles; descriptions from the determiner to the head noun, without a name
that possesses them).

Everything here works on spaCy tokens; nothing loads the model.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.assist.rules import CUE_WORDS
from annotator.core.assist.rules_lexicon import ORG_WORDS
from annotator.core.assist.rules_lexicon import words_of as words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


#: Lemmas of the verbs that report speech: a cue when it takes a clause (indirect speech) or
#: sits next to a quotation (direct speech).
CUE_LEMMAS = words(
    """
    say tell add warn insist argue claim state announce declare explain note stress urge
    demand deny admit confirm reply respond write ask suggest vow pledge promise threaten
    acknowledge concede complain predict recall report emphasise emphasize maintain assert
    allege caution counter conclude observe remark comment tweet post underline reiterate
    estimate reaffirm disclose reveal repeat contend testify assure
    """
)
#: Forms of them (the rules engine's lexicon, and participles the tagger may call nouns).
CUE_FORMS = CUE_WORDS | words("arguing adding warning insisting noting stressing writing")
#: Cues only next to a quotation ("called the ruling “…”", "a banner read: “…”").
DIRECT_ONLY = words("call read shout chant")

#: Heads of descriptions of people in a role (always specific: "officials said").
ROLE_NOUNS = words(
    """
    minister spokesman spokeswoman spokesperson official president chairman chairwoman chair
    leader secretary mayor governor ambassador diplomat analyst director chief commander
    negotiator envoy activist lawyer representative officer premier chancellor senator
    lawmaker legislator deputy general economist expert commissioner prosecutor judge rector
    professor surgeon coordinator founder owner manager executive banker imam priest bishop
    mp candidate campaigner adviser advisor aide source witness inspector auditor regulator
    bidder operator delegate observer organiser organizer head speaker
    """
)
#: Heads of descriptions of people at large: specific with a determiner or a modifier ("the
#: farmers", "Dock workers"), or as a sentence's subject ("Farmers from … joined").
PEOPLE_NOUNS = words(
    """
    doctor nurse teacher driver farmer worker student resident protester demonstrator
    rescuer trader investor scientist seismologist researcher grower member survivor
    neighbour neighbor fisherman fishermen villager shopkeeper parent pilot soldier
    """
)
#: Heads of descriptions of organisations and groups (what "it" and "they" may be).
ORG_NOUNS = words(
    """
    government ministry union council committee commission board agency company firm group
    organisation organization bank office party coalition opposition parliament federation
    association alliance authority authorities institute museum university management army
    police court embassy delegation team newspaper paper channel television broadcaster bloc
    administration cabinet regime junta military navy charity consortium
    venture holding sides countries governments movement network foundation corporation
    utility producer
    """
)
#: Descriptive heads that are specific even with no determiner ("police", "parliament").
BARE_NOUNS = words("police parliament management government congress senate opposition")
#: Organisations whose name is also their building ("outside the court", "in parliament").
PLACE_LIKE = words(
    "ministry court parliament museum university bank embassy office hospital council union bloc"
)
#: Nouns of places: a name they govern is a location ("the city of Tromsø", "the capital, X").
PLACE_NOUNS = words(
    """
    city town village capital centre center region province district area outskirts south
    north east west part parts streets heart suburb suburbs port coast border island
    """
)
#: Heads that keep an "of" phrase: "thousands of teachers", "a team of conservators".
QUANTITY_NOUNS = words("thousands hundreds dozens tens millions scores team delegation crowd")
#: Determiners of non-specific mentions, which the gold leaves out ("every museum").
GENERIC_DETS = words("every any no each many few all other another such")
#: Subjects of cue verbs that are documents, not speakers ("The ruling said that …").
NON_SPEAKERS = words(
    """
    ruling report reports statement note letter document audit copy banner sign study poll
    survey data figure figures text law decree order verdict judgment judgement bill website
    message notice placard leaflet poster memo analysis article story
    """
)
#: Titles before a name, which the name leaves out ("Finance Minister [Karl Oberg]").
TITLES = words(
    """
    mr mrs ms dr sir prof president minister general prime foreign finance defence defense
    interior transport education agriculture trade culture health opposition leader chief
    secretary deputy senator governor mayor judge commander colonel captain lieutenant
    sergeant bishop father sister king queen prince princess sheikh imam rabbi
    """
)
#: Prepositions whose object is a place, not an actor ("talks in Turkey").
LOCATIONAL = words(
    "in at near to from across inside outside throughout into within around towards toward "
    "through via beyond along onto"
)
#: The locational prepositions after which an organisation's name is its building.
BUILDING = words("in at near inside outside into from within across throughout")
#: Words that make a name an organisation ("it" may refer to it).
ORG_NAME_WORDS = frozenset(word.lower() for word in ORG_WORDS)
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels the model gives some organisations' names ("The … Dockers’ Union": WORK_OF_ART).
OTHER_LABELS = frozenset({"WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW"})
#: What a pronoun speaker may refer to.
PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "plural"}
NATIONALITY_ENDINGS = ("an", "ian", "ese", "ish", "i")
LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "advmod", "case", "punct"}
)


@dataclass(frozen=True)
class Mention:
    """An actor mention of characters [start, end): ``kind`` is "name", "descriptive" or
    "pronoun"; ``sort`` what a pronoun may call it ("person", "org", "plural", "place");
    ``head`` the index of its head token."""

    start: int
    end: int
    kind: str
    sort: str
    head: int

    def key(self) -> tuple[int, int]:
        return (self.start, self.end)


def chars(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """The characters of tokens ``first`` to ``last`` (inclusive)."""
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def lowered(tokens: Iterable[Token]) -> set[str]:
    return {t.lower_.strip(".,’'") for t in tokens}


def trimmed(doc: Doc, first: int, last: int, label: str) -> tuple[int, int] | None:
    """A name's tokens without a leading "the" (but "the Swedes" keeps it), a title or a
    possessive "’s"."""
    while last > first and (doc[last].tag_ == "POS" or doc[last].is_punct):
        last -= 1
    if label != "NORP":  # "the Swedes" keeps its "the"
        while first < last and (
            doc[first].pos_ in ("DET", "ADJ", "VERB", "ADV", "PUNCT") or doc[first].is_punct
        ):
            first += 1  # "The", "Neighbouring"
    while first < last and label == "PERSON" and doc[first].lower_.strip(".") in TITLES:
        first += 1
    if doc[first].is_punct or doc[first].is_space:
        return None
    return first, last


def descriptive_range(token: Token, names: Mapping[int, object]) -> tuple[int, int]:
    """The tokens of a description headed by ``token``: from its determiner through its
    premodifiers; a name before it is a mention of its own ("[Norway]’s [chief negotiator]",
    "[the Nordic Council]’s [trade committee]")."""
    doc = token.doc
    first = token.i
    for child in token.lefts:
        if child.dep_ not in LEFT_DEPS:
            continue
        if child.i in names and child.dep_ in ("poss", "nmod", "compound"):
            first = child.right_edge.i + 1
            continue
        first = min(first, child.left_edge.i)
    while first < token.i and (
        doc[first].is_punct or doc[first].tag_ == "POS" or doc[first].pos_ in ("ADP", "ADV")
    ):
        first += 1
    last = token.i
    if token.lower_ in QUANTITY_NOUNS:
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                last = max(last, child.right_edge.i)
    while last > token.i and doc[last].is_punct:
        last -= 1
    return first, last


def noun_class(token: Token) -> str:
    """ "role", "people" or "org" for a noun that heads a description of an actor, else ""."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return ""
    forms = {token.lower_, token.lemma_.lower()}
    if token.lower_ in QUANTITY_NOUNS - ORG_NOUNS:  # "thousands of students"
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                return noun_class(pobj)
        return ""
    if forms & ORG_NOUNS:
        return "org"
    if forms & ROLE_NOUNS:
        return "role"
    if forms & PEOPLE_NOUNS:
        return "people"
    return ""


def noun_sort(token: Token) -> str:
    """What a pronoun may call a description headed by ``token``."""
    plural = token.tag_ in ("NNS", "NNPS") or token.lower_ in ("police", "sides")
    if noun_class(token) == "org":
        return "plural" if plural else "org"
    return "plural" if plural else "person"


def locational(token: Token, prepositions: frozenset[str] = LOCATIONAL) -> bool:
    """Whether ``token`` heads a location: the object of a locational preposition ("in
    Geneva"; "to" only after a verb without an object, "flew to Brussels", or a noun,
    "exports to Chile"), or a place noun's name ("the city of Tromsø", "the capital, X")."""
    while token.dep_ in ("compound", "conj") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "appos" and token.head.lemma_.lower() in PLACE_NOUNS:
        return True
    if token.dep_ != "pobj":
        return False
    prep = token.head
    word = prep.lower_
    if word == "of":
        return prep.head.lemma_.lower() in PLACE_NOUNS
    if word not in prepositions:
        return False
    if word == "to":
        head = prep.head
        if head.pos_ == "ADJ" or (
            head.pos_ == "VERB" and any(c.dep_ == "dobj" for c in head.children)
        ):
            return False
    return True


def is_nationality(token: Token) -> bool:
    """Whether ``token`` is a nationality adjective ("Chilean fish", "Kenyan officials")."""
    return token.dep_ in ("amod", "compound") and token.lower_.endswith(NATIONALITY_ENDINGS)


def first_of_sentence(token: Token, dateline: int = 0) -> bool:
    """Whether ``token`` starts its sentence, or follows only its modifiers (or a dateline
    ending at character ``dateline``)."""
    start = token.sent.start
    doc = token.doc
    while start < token.i and (doc[start].is_space or doc[start].is_punct):
        start += 1
    return token.left_edge.i <= start or token.left_edge.idx == dateline
