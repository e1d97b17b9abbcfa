"""The lexicons and the noun-phrase rules of the ``spacy`` engine: which words report speech,
which nouns name actors, and how a mention's span is cut from the dependency parse the way
bench/assist_eval's guidelines cut it (names without "the" and titles; descriptions from the
determiner to the head noun; a name that possesses a description is a mention of its own).

Everything here works on spaCy tokens; nothing loads the model.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
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


DATELINE = regex.compile(r"\s*[\p{Lu}][\p{Lu}\s.’'\-]*\s[—–-]+\s")
OTHER_LABELS = frozenset({"WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW"})


class Mentions:
    """The actor mentions of one parsed text, and who the speakers are."""

    def __init__(self, doc: Doc, quote_of: dict[int, int]) -> None:
        self.doc = doc
        self.quote_of = quote_of
        dateline = DATELINE.match(doc.text)
        self._dateline = dateline.end() if dateline else 0
        self.names: dict[int, Mention] = {}  # every token of a name -> the name
        self.found: dict[tuple[int, int], Mention] = {}
        self.spoken: list[Mention] = []  # the speakers so far, in text order
        for entity in doc.ents:
            self._entity(entity)
        for token in doc:
            self._description(token)

    def all(self) -> list[Mention]:
        """The mentions to suggest: none overlapping (names first, then longer ones)."""
        kept: list[Mention] = []
        order = sorted(
            self.found.values(),
            key=lambda m: (m not in self.spoken, m.kind != "name", m.start - m.end),
        )
        for mention in order:
            if all(mention.end <= k.start or k.end <= mention.start for k in kept):
                kept.append(mention)
        return sorted(kept, key=Mention.key)

    # -- finding them ---------------------------------------------------------------------

    def _entity(self, entity: Span) -> None:
        label = entity.label_
        lowered = {t.lower_ for t in entity}
        if label in OTHER_LABELS and lowered & ORG_NAME_WORDS:
            label = "ORG"
        if label not in ACTOR_LABELS or entity.end_char <= self._dateline:
            return
        root = entity.root
        if label == "NORP" and (root.pos_ == "ADJ" or root.dep_ in ("amod", "compound")):
            return  # a nationality adjective ("the Ostrelian negotiator")
        place = label in PLACE_LABELS or (label == "ORG" and not lowered & ORG_NAME_WORDS)
        if place and locational(root):
            return  # a place used as a location ("talks in Geneva")
        token_range = trimmed_name(entity)
        if token_range is None:
            return
        start, end = chars(self.doc, *token_range)
        sort = entity_sort(entity) if label == entity.label_ else "org"
        mention = Mention(start, end, "name", sort, root.i)
        self.found[mention.key()] = mention
        for token in entity:
            self.names[token.i] = mention

    def _description(self, token: Token) -> None:
        if token.i in self.names or not is_actor_noun(token) or token.idx < self._dateline:
            return
        if token.dep_ in ("compound", "amod") and token.head.i != token.i:
            return  # "a police spokesman", "union rules"
        det = next((c for c in token.children if c.dep_ == "det"), None)
        if det is not None and det.lower_ in GENERIC_DETS:
            return
        for child in token.rights:
            if child.dep_ == "appos" and child.i in self.names and child.i == token.i + 1:
                return  # "the relief group Mountain Aid": the name is the mention
            if child.dep_ == "appos" and child.i in self.names:
                between = self.doc[token.i + 1 : child.left_edge.i]
                if not any(t.is_punct for t in between):
                    return
        if token.lemma_.lower() in PLACE_LIKE and locational(token):
            return
        self._describe(token)

    def _describe(self, token: Token) -> Mention:
        first, last = descriptive_range(token, self.names)
        start, end = chars(self.doc, first, last)
        mention = Mention(start, end, "descriptive", noun_sort(token), token.i)
        return self.found.setdefault(mention.key(), mention)

    def _proper(self, token: Token) -> Mention:
        """A name the model did not tag: the proper nouns ending at ``token``."""
        first = token.i
        for child in token.lefts:
            if child.dep_ in ("compound", "nmod", "punct") and child.pos_ in ("PROPN", "PUNCT"):
                first = min(first, child.left_edge.i)
        while first < token.i and (
            self.doc[first].lower_ == "the" or self.doc[first].lower_.strip(".") in TITLES
        ):
            first += 1
        start, end = chars(self.doc, first, token.i)
        lowered = {t.lower_ for t in self.doc[first : token.i + 1]}
        sort = "org" if lowered & ORG_NAME_WORDS else "person"
        mention = Mention(start, end, "name", sort, token.i)
        for index in range(first, token.i + 1):
            self.names.setdefault(index, mention)
        return self.found.setdefault(mention.key(), mention)

    # -- speakers -------------------------------------------------------------------------

    def speaker(self, token: Token | None) -> Mention | None:
        """The mention a cue's subject ``token`` names (added), the one a pronoun refers to."""
        if token is None:
            return None
        word = token.lower_
        if word in PRONOUNS:
            pronoun = Mention(*chars(self.doc, token.i, token.i), "pronoun", PRONOUNS[word], token.i)
            self.found[pronoun.key()] = pronoun
            target = self._resolve(pronoun)
        else:
            target = self._named_by(token)
        if target is not None:
            self.spoken.append(target)
        return target

    def _named_by(self, token: Token) -> Mention | None:
        for other in (*token.children, token.head):  # an apposition that is a name
            related = other.dep_ == "appos" or token.dep_ == "appos" and other is token.head
            if related and other.i in self.names and token.i not in self.names:
                return self.names[other.i]
        if token.i in self.names:
            return self.names[token.i]
        if token.pos_ == "PROPN":
            return self._proper(token)
        if token.pos_ in ("NOUN", "PRON") and token.lower_ not in ("who", "which", "that"):
            if token.pos_ == "PRON" and token.lower_ not in ("we", "i", "you"):
                return None
            if token.pos_ == "PRON":
                return None
            return self._describe(token)
        return None

    def _resolve(self, pronoun: Mention) -> Mention | None:
        """The mention a pronoun speaker refers to: the last speaker it fits, unless a name it
        fits came after; a definite description ("the company") stands for the name before
        it. "he"/"she" fit people, "it" organisations, "they" groups; never a place."""
        wants = pronoun.sort

        def fits(m: Mention) -> bool:
            if wants == "person":
                return m.sort == "person"
            if wants == "org":
                return m.sort == "org"
            return m.sort in ("plural", "org")

        spoken = [m for m in self.spoken if m.start < pronoun.start and fits(m)]
        names = sorted(
            {
                m
                for m in self.names.values()
                if m.end <= pronoun.start and fits(m) and m.head not in self.quote_of
            },
            key=Mention.key,
        )
        last = spoken[-1] if spoken else None
        if last is not None and (not names or names[-1].start <= last.start or
                                 _same(self.doc, names[-1], last)):
            if last.kind == "descriptive" and self._definite(last):
                earlier = [n for n in names if n.start < last.start]
                if earlier:
                    return self._best_name(earlier)
            return last
        return self._best_name(names) if names else last

    def _definite(self, mention: Mention) -> bool:
        head = self.doc[mention.head]
        return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)

    def _best_name(self, names: list[Mention]) -> Mention:
        """The last name, or a subject among the last few (an organisation named in passing
        is less likely what "it" means)."""
        for mention in reversed(names[-3:]):
            head = self.doc[mention.head]
            if head.dep_ in ("nsubj", "nsubjpass") or (
                head.dep_ == "appos" and head.head.dep_ in ("nsubj", "nsubjpass")
            ):
                return mention
            if mention in self.spoken:
                return mention
        return names[-1]


def _same(doc: Doc, a: Mention, b: Mention) -> bool:
    last = lambda m: doc.text[m.start : m.end].split()[-1].casefold()  # noqa: E731
    return last(a) == last(b)
