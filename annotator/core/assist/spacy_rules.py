"""The lexicons and the noun-phrase rules of the ``spacy`` engine: which words report speech,
which nouns name actors, and how a mention's span is cut from the dependency parse the way
bench/assist_eval's guidelines cut it (names without "the" and titles; descriptions from the
determiner to the head noun; a name that possesses a description is a mention of its own).

Everything here works on spaCy tokens; nothing loads the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.assist.rules import CUE_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Lemmas of the verbs that report speech; a verb counts when it takes a clause (indirect
#: speech) or sits next to a quotation (direct speech).
CUE_LEMMAS = words(
    """
    say tell add warn insist argue claim state announce declare explain note stress urge
    demand deny admit confirm reply respond write ask suggest vow pledge promise threaten
    acknowledge concede complain predict recall report emphasise emphasize maintain assert
    allege caution counter conclude observe remark comment tweet post underline reiterate
    estimate reaffirm disclose reveal insist acknowledge repeat contend testify assure
    """
)
CUE_FORMS = CUE_WORDS | words("arguing adding warning insisting noting stressing writing")
#: Cues only before or after a direct quotation ("called the ruling “…”", "a banner read: “…”").
DIRECT_ONLY = words("call read shout chant")

#: Heads of descriptive mentions, by what "he"/"she", "it" and "they" can refer to.
PERSON_NOUNS = words(
    """
    minister spokesman spokeswoman spokesperson official president chairman chairwoman chair
    leader secretary mayor governor ambassador diplomat analyst director chief commander
    negotiator envoy activist lawyer representative officer premier chancellor senator
    lawmaker legislator deputy general economist expert commissioner prosecutor judge rector
    professor surgeon doctor nurse teacher driver farmer worker student resident protester
    demonstrator organiser organizer rescuer trader investor scientist seismologist researcher
    coordinator founder owner manager executive banker grower imam priest bishop mp member
    candidate campaigner adviser advisor aide source witness survivor resident neighbour
    neighbor official inspector auditor regulator bidder operator delegate observer monitor
    """
)
ORG_NOUNS = words(
    """
    government ministry union council committee commission board agency company firm group
    organisation organization bank office party coalition opposition parliament federation
    association alliance authority institute museum university management army police
    court embassy delegation team operator newspaper paper channel television broadcaster
    agency bloc administration cabinet regime junta military navy force forces charity
    institution consortium venture holding side sides country countries state states
    governments industry movement network foundation corporation utility producer exporters
    """
)
#: Descriptive heads that also name the place of an institution ("outside the court").
PLACE_LIKE = words(
    "ministry court parliament museum university bank embassy office hospital terminal "
    "council headquarters port"
)
#: Heads that keep an "of" phrase: "thousands of teachers", "a team of conservators".
QUANTITY_NOUNS = words(
    "thousands hundreds dozens tens millions scores team delegation group crowd number"
)
#: Determiners of non-specific mentions, which the gold leaves out ("every museum").
GENERIC_DETS = words("every any no each many few several all other another such")
#: Subjects of cue verbs that are documents, not speakers ("The ruling said that …").
NON_SPEAKERS = words(
    """
    ruling report reports statement note letter document audit copy banner sign study poll
    survey data figure figures text law decree order verdict judgment judgement plan bill
    website message notice placard leaflet poster document memo analysis article story
    """
)
#: Titles before a name, left out of the name ("Finance Minister [Karl Oberg]").
TITLES = words(
    """
    mr mrs ms dr sir prof president minister general prime foreign finance defence defense
    interior transport education agriculture trade culture health opposition leader chief
    secretary deputy senator governor mayor judge commander colonel captain lieutenant
    sergeant bishop father sister brother king queen prince princess sheikh imam rabbi
    """
)
#: Prepositions whose object is a place, not an actor ("talks in Turkey").
LOCATIONAL = words(
    "in at near to from across inside outside throughout into within around towards toward "
    "through via over beyond along off onto past"
)
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Words in a name that make it an organisation (so "it" may refer to it).
ORG_NAME_WORDS = words(
    """
    ministry union council party bank company association committee agency group commission
    government federation office court parliament assembly institute foundation corporation
    inc ltd alliance movement front coalition board authority police army service fund
    organisation organization league network centre center university department daily
    herald post times ledger gazette news agency terminals line airlines air motors defence
    industries holdings systems energy partners relief aid press tribune journal chamber
    """
)
PRONOUNS = {"he": "person", "she": "person", "it": "org", "they": "plural"}
LEFT_DEPS = frozenset(
    {"det", "amod", "compound", "poss", "nummod", "quantmod", "nmod", "advmod", "case", "punct"}
)


@dataclass(frozen=True)
class Mention:
    """An actor mention: token range [first, last] and characters [start, end); ``kind`` is
    "name", "descriptive" or "pronoun"; ``sort`` what a pronoun may refer to it as ("person",
    "org", "plural", "place" or "")."""

    start: int
    end: int
    kind: str
    sort: str
    head: int  # the token index of its head

    def key(self) -> tuple[int, int]:
        return (self.start, self.end)


def chars(doc: Doc, first: int, last: int) -> tuple[int, int]:
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def entity_sort(span: Span) -> str:
    lowered = {t.lower_.strip(".,’'") for t in span}
    if span.label_ in PLACE_LABELS:
        return "place"
    if span.label_ == "NORP":
        return "plural"
    if lowered & ORG_NAME_WORDS or span.label_ == "ORG":
        return "org"
    return "person"


def trimmed_name(span: Span) -> tuple[int, int] | None:
    """The token range [first, last] of a name: no leading "the" (except a group noun,
    "the Ostrelians"), no title, no possessive "’s"."""
    first, last = span.start, span.end - 1
    doc = span.doc
    while last > first and (doc[last].tag_ == "POS" or doc[last].is_punct):
        last -= 1
    if span.label_ != "NORP":
        while first < last and (doc[first].lower_ in ("the", "a", "an") or doc[first].is_punct):
            first += 1
    if span.label_ == "PERSON":
        while first < last and doc[first].lower_.strip(".") in TITLES:
            first += 1
    if doc[first].is_punct or doc[first].is_space:
        return None
    return first, last


def descriptive_range(token: Token, names: dict[int, Mention]) -> tuple[int, int]:
    """The token range of a description headed by ``token``: from its determiner through its
    premodifiers; a name possessing it is left out ("[Ostrel]’s [chief negotiator]")."""
    doc = token.doc
    first = token.i
    for child in token.lefts:
        if child.dep_ not in LEFT_DEPS:
            continue
        if child.dep_ == "poss" and (child.i in names or child.pos_ == "PROPN"):
            first = max(first, child.right_edge.i + 1) if first == token.i else first
            first = child.right_edge.i + 1
            continue
        first = min(first, child.left_edge.i)
    while first < token.i and (doc[first].is_punct or doc[first].tag_ == "POS"):
        first += 1
    last = token.i
    if token.lower_ in QUANTITY_NOUNS:
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                last = max(last, child.right_edge.i)
    while last > token.i and doc[last].is_punct:
        last -= 1
    return first, last


def noun_sort(token: Token) -> str:
    lemma = token.lemma_.lower()
    if lemma in ORG_NOUNS or token.lower_ in ORG_NOUNS:
        return "plural" if token.tag_ == "NNS" else "org"
    if token.tag_ in ("NNS", "NNPS") or token.lower_ == "police":
        return "plural"
    return "person"


def is_actor_noun(token: Token) -> bool:
    word, lemma = token.lower_, token.lemma_.lower()
    return token.pos_ in ("NOUN", "PROPN") and bool(
        {word, lemma} & (PERSON_NOUNS | ORG_NOUNS) or (lemma + "s") in ORG_NOUNS
    )


def locational(token: Token) -> bool:
    """Whether ``token`` heads the object of a locational preposition ("in Geneva"); "to" only
    after a verb without an object ("flew to Brussels", not "return the bronzes to Belisar")."""
    while token.dep_ in ("compound", "conj", "appos") and token.head is not token:
        token = token.head
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ not in LOCATIONAL:
        return False
    if prep.lower_ == "to":
        head = prep.head
        if head.pos_ == "VERB" and any(c.dep_ == "dobj" for c in head.children):
            return False
    return True
