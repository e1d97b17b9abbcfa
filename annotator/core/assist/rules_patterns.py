"""The lexicon and text shapes the ``rules`` engine works with: cue words by the complements
they take, the words that mark a finite clause, names and descriptive mentions, quotations
(also those that run over several paragraphs) and sentences.

Everything here is about English news in general; nothing depends on a project.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import regex

# -- cue words ----------------------------------------------------------------------------


def words_of(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Reporting verbs in the forms news uses. Forms that are also common nouns ("claims",
#: "demands", "reports", "notes", "states", "promises") are in :data:`NOUN_LIKE_CUES`: they
#: count only right next to a quotation or before "that".
CUE_WORDS = words_of(
    """
    said says say saying told tells tell telling added adds warned warns warning insisted
    insists argued argues claimed stated announced announces declared declares explained
    explains noted stressed stresses urged urges demanded accused denied denies admitted
    admits confirmed confirms replied replies responded responds wrote writes asked asks
    suggested suggests vowed vows pledged pledges promised threatened threatens acknowledged
    acknowledges conceded concedes complained complains predicted predicts recalled
    reported emphasised emphasized emphasises emphasizes maintained maintains asserted
    asserts alleged alleges cautioned cautions countered counters concluded agreed agrees
    observed remarked commented tweeted posted underlined reiterated reiterates
    """
)

#: More reporting verbs the rules engine counts (kept apart from :data:`CUE_WORDS`, which
#: other engines share).
MORE_CUE_WORDS = words_of(
    """
    estimated estimates revealed reveals disclosed indicated indicates assured reassured
    informed reminded hinted
    """
)

#: Cues that take a listener before what was said ("told reporters that …").
TELLING = words_of("told tells tell telling")

NOUN_LIKE_CUES = words_of("claims demands reports notes states promises")

#: Cues whose report may follow with no "that" ("said the talks would resume"); the others
#: ("urged", "agreed", "promised", "accused", …) take an infinitive or a noun phrase as often
#: as a clause, and count only with "that" ("demanded that the minister resign").
BARE_CLAUSE_CUES = words_of(
    """
    said says say told tells tell added adds warned warns insisted insists argued argues
    claimed stated announced announces declared declares explained explains noted stressed
    stresses confirmed confirms admitted admits wrote writes acknowledged acknowledges
    conceded concedes predicted predicts recalled reported maintains maintained asserted
    asserts alleged alleges cautioned countered concluded estimated estimates revealed
    disclosed indicated replied complained reiterated emphasised emphasized underlined
    """
)

#: Cues that often take a noun phrase ("noted the progress made"): a report without "that"
#: needs a pronoun or an auxiliary ("confirmed three people had died").
NOUN_OBJECT_CUES = words_of(
    """
    announced confirmed confirms reported noted stressed acknowledged acknowledges admitted
    admits revealed disclosed estimated estimates predicted recalled explained declared
    indicated emphasised emphasized underlined reiterated concluded stated
    """
)

#: Cues that take a listener before the report, like "told": "warned investors that …".
LISTENER_CUES = TELLING | words_of("warned warns assured reassured informed reminded")

#: Participles that attach a report to the subject of the clause before them: "…, arguing
#: that …". Those in :data:`BARE_PARTICIPLES` may also go without "that".
PARTICIPLE_CUES = words_of(
    """
    arguing saying adding warning insisting noting claiming stressing explaining suggesting
    complaining acknowledging conceding stating predicting maintaining alleging recalling
    cautioning
    """
)

BARE_PARTICIPLES = words_of("saying adding warning arguing insisting")

#: Cues that count only right before a quotation: "called the ruling “…”", "read: “…”".
NEAR_QUOTE_CUES = words_of("called calls described describes read reads")

#: Verbs of saying whose report starts a new, inner report ("the paper reported that X had
#: told …" is X's report, not the paper's).
NESTING_CUES = words_of(
    """
    said says say told tells wrote writes added announced declared stated warned insisted
    claimed argued confirmed
    """
)


# -- words of clauses ---------------------------------------------------------------------

#: Words that make a run of words a finite clause ("the talks *would* resume").
FINITE = words_of(
    """
    is are was were has have had will would can could shall should may might must do does
    did am won’t can’t don’t doesn’t didn’t isn’t aren’t wasn’t weren’t hasn’t haven’t
    hadn’t wouldn’t couldn’t shouldn’t won't can't don't doesn't didn't isn't aren't wasn't
    weren't hasn't haven't hadn't wouldn't couldn't shouldn't
    """
)

#: Words that are verbs whenever they are written in lower case.
FINITE_FIRST = words_of(
    "is are was were has have had will would can could shall should may might must did does"
)

IRREGULAR_PAST = words_of(
    """
    took made gave went came saw found left kept fell rose won lost paid held met sent spent
    knew began got put ran felt became brought built bought caught cut hit meant set sold
    stood struck understood grew drew threw fought chose broke spoke thought told said wrote
    """
)

#: Pronouns that may open a clause; after a cue they start the report ("said she would").
SUBJECT_PRONOUNS = words_of("he she it they we i you there this these those")

#: Words a report cannot start with ("said to be", "added to the pressure").
NOT_CLAUSE_STARTS = words_of(
    """
    to for of with by from in on at as into onto against over under after before because
    nothing little goodbye hello so yes and but or than if whether when while how what why
    where which who whom
    """
)

PERSONAL = words_of("i we you me us them him he she it they this that these those there")

#: Determiners and quantifiers a descriptive mention starts with.
DETERMINERS = words_of(
    "the a an its his her their our one two three some several many both all most this that"
)

PREPOSITIONS = words_of(
    """
    in on at for from with under after before during despite since by to of as into over
    about among between through without unlike like according outside inside near across
    """
)

PLACE_PREPOSITIONS = words_of(
    "in at from to near outside inside across into via towards around through of between"
)

#: Words that start a relative clause, an age or a participle in an apposition.
APPOSITION_SKIPS = words_of("who which whose whom where when appearing speaking")

ABBREVIATIONS = words_of(
    "Mr Mrs Ms Dr St Gen Lt Col Sgt Prof Rev No Inc Ltd Co Jr Sr vs Gov Sen Rep Maj Capt"
)


# -- words of mentions --------------------------------------------------------------------

#: Words that end a descriptive mention of a speaker ("the foreign minister").
ROLE_NOUNS = (
    "minister|spokesman|spokeswoman|spokesperson|official|officials|president|chairman|"
    "chairwoman|chair|leader|secretary|mayor|governor|ambassador|diplomat|source|sources|"
    "analyst|analysts|director|head|chief|commander|negotiator|envoy|activist|activists|"
    "lawyer|representative|member|officer|premier|chancellor|senator|mp|deputy|general|"
    "economist|expert|experts|union|ministry|government|police|army|court|council|committee|"
    "organisers|organizers|protesters|residents|workers|teachers|doctors|office|"
    "institute|agency|company|firm|group|federation|association|board|commission|museum|"
    "bank|party|rector|commissioner|lawmaker|student|driver|teacher|surgeon|doctor|"
    "economists|traders|officers|spokespeople|authorities|prosecutor|prosecutors|judge|"
    "paper|newspaper|broadcaster|channel|agency|operator|bidder|producer|producers|"
    "exporters|farmers|leaders|unions|governments|ministries|owner|owners|founder|manager|"
    "researchers|scientists|seismologists|executive|executives"
)

#: Nouns of descriptive mentions that are organisations ("it said") or people ("he said").
ORG_NOUNS = words_of(
    """
    ministry government company firm group office union council committee agency board
    institute commission museum bank party federation association alliance operator paper
    newspaper broadcaster channel court army police authority authorities administration
    embassy charity organisation organization bloc cabinet parliament prosecutor’s
    airline carrier insurer retailer manufacturer producer chain club team network daily
    broadcaster agency lender utility giant conglomerate consortium coalition movement
    """
)

ROLES = frozenset(ROLE_NOUNS.split("|")) | ORG_NOUNS

#: Titles before a name ("Transport Minister Kwame Ashdown"): the name is the speaker.
TITLES = words_of(
    """
    Minister President Premier Chancellor Secretary Governor Mayor Leader Senator General
    Commissioner Ambassador Director Chairman Chairwoman Chief Judge Prosecutor Spokesman
    Spokeswoman King Queen Prince Colonel Captain Admiral Bishop Professor Dr Mr Mrs Ms
    leader minister president secretary governor mayor spokesman spokeswoman chief director
    """
)

#: Nouns that say something without being anyone: their "said" has no speaker.
INANIMATE = words_of(
    """
    banner banners sign signs placard placards note notes poster posters leaflet leaflets
    graffiti ruling judgment judgement verdict copy document documents audit draft text
    letter statement inscription message notice plaque slogan report memo figures data
    statistics study survey poll research estimates
    """
)

#: Capitalised words that begin sentences but name nobody.
NOT_NAMES = words_of(
    """
    The A An But And Or In On At For With From By To Of As If When While After Before Since
    This That These Those It He She They We I You His Her Their Our Its There Here Then
    Yet So Still However Meanwhile Also Asked Speaking Mr Mrs Ms Dr Monday Tuesday Wednesday
    Thursday Friday Saturday Sunday January February March April May June July August
    September October November December Not No Some Many Both All Most Several One Two
    According Under Over Despite During Until Unlike Like Without Among Between Through
    """
)

NOT_SUBJECTS = NOT_NAMES - words_of("The A An Its His Her Their One Some Several Many Both")

#: Words whose presence makes a name an organisation (what "it" and "they" resolve to).
ORG_WORDS = words_of(
    """
    Ministry Union Council Party Bank Company Association Committee Agency Group Commission
    Government Federation Office Court Parliament Assembly Institute Foundation Corporation
    Inc Ltd Alliance Movement Front Coalition Board Authority Police Army Service Fund
    Organisation Organization League Network Centre Center University Department Chamber
    Museum Terminals Line Motors Defence Defense Aid Daily Post Herald Times Gazette Ledger
    Journal Television Radio News Press Airlines Air Holdings Systems Media Energy Relief
    Industries Partners Capital Trust Society Club Institute Council Railways Post Bureau
    """
)

PARTICLES = words_of("of for de da del van von der al bin la le du el and the")


# -- shapes of mentions -------------------------------------------------------------------

#: A capitalised word (of a name).
_CAP = r"(?:\p{Lu}[\p{L}\p{M}'’\-]*\.?)"

#: The particles between the words of a name ("Union of Northern States").
_JOIN = r"(?:de|da|del|van|von|der|al|bin|la|le|du|el|of|for)"

#: A name: capitalised words, with the particles of names between them.
NAME = rf"{_CAP}(?:\s+(?:{_JOIN}\s+)?{_CAP}){{0,4}}"

#: A descriptive mention: "the (Russian) foreign minister", "a union spokeswoman".
DESCRIPTIVE = (
    rf"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne)\s+(?:[\p{{L}}\-’']+\s+){{0,3}}?"
    rf"(?:{ROLE_NOUNS})\b"
)

#: The pronouns an attribution may have for a subject ("it said").
PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)"

#: Who may speak: a description, a pronoun or a name.
SPEAKER = rf"(?:{DESCRIPTIVE}|{PRONOUN}\b|{NAME})"

#: Names, descriptions and pronouns, compiled.
NAME_RE = regex.compile(NAME)

PRONOUN_RE = regex.compile(PRONOUN)

#: Descriptions as actor mentions, also after a name's "’s" ("Ostrel’s defence ministry").
DESCRIPTIVE_RE = regex.compile(
    rf"\b({DESCRIPTIVE})|(?:’s|'s)\s((?:\p{{Ll}}+\s+){{0,2}}(?:{ROLE_NOUNS}))\b"
)

NAME_IN_LINE = regex.compile(  # a name within a line, with no full stop
    rf"\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*(?:[ ]+(?:{_JOIN}[ ]+)?\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*){{0,4}}"
)

#: A given name.
GIVEN = r"\p{Lu}\p{Ll}+"

#: A description and the name it is given in apposition ("Its chairman, Simon Breck,")
#: or by a title ("Education Minister Vera Halasz").
ALIAS = regex.compile(
    rf"(?:(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|{NAME}(?:’s|'s))\s+)"
    rf"(?:[\p{{L}}\-]+\s+){{0,3}}?(\p{{Ll}}+)(?:\s+of\s+{NAME})?,\s+({NAME}),"
    rf"|\b(\p{{Lu}}\p{{Ll}}+)\s+({GIVEN}\s+{NAME})"
)

#: Where the head of a subject phrase ends ("a spokesman *for the port* …").
POSTMODIFIER = regex.compile(
    r"\s(?:of|at|for|from|in|on|with|involved|based|close|familiar|representing|working|"
    r"who|which|whose|last|this|next|earlier|later|yesterday|today)(?:\s|$)"
    r"|\s\p{Ll}+(?:ed|en|wn)\s+(?:across|in|on|at|by|to|from|outside|near|over|under|along|"
    r"with|for|above|onto|into)\s"
)

#: A name after a description glued to it ("the charity Red Lantern Relief").
TRAILING_NAME = regex.compile(rf"(?:^|\s)(\p{{Ll}}[\p{{L}}\-’']*)\s+({NAME})$")

#: A name that owns what follows ("Ostrel’s agriculture ministry").
POSSESSOR = regex.compile(rf"(?:The\s+)?({NAME})(?:’s|'s|’|')\s+(?=\p{{Ll}})")

#: The possessive ending of a name.
POSSESSIVE = regex.compile(r"(?:’s|'s|’|')$")

#: The source of a thing that says something ("a statement from the ministry").
FROM = regex.compile(r"\G\s+(?:\p{Ll}+ed\s+)?(?:from|by)\s+")

#: Plural nouns of people that begin a sentence ("Economists said").
PLURAL_ROLE = regex.compile(r"\p{Ll}+(?:ists|ers|ians|ants|ents|ors|ives|ees)|police|officials")

#: Nationality adjectives ("Corvessan fish").
NATIONALITY = regex.compile(r"\p{Lu}\p{Ll}+(?:an|ian|ese|ish|i|ic)")

#: A capitalised word.
CAPITALISED_WORD = regex.compile(r"\p{Lu}[\p{L}\p{M}'’\-]*")

#: A capitalised word right before a position.
CAPITAL_BEFORE = regex.compile(r"(?:^|\s)\p{Lu}[\p{L}\-]*$")

#: The lower-case word right before a position.
WORD_BEFORE = regex.compile(r"(\p{Ll}+)\s+$")

#: The lower-case word right after a position.
NEXT_WORD = regex.compile(r"\G\s+(\p{Ll}+)\b")


# -- shapes around cues -------------------------------------------------------------------

#: A quotation in typographic or straight marks, within one paragraph.
QUOTATION = regex.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")

#: A word (with its apostrophes and hyphens).
WORD = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’\-]*")

#: A dateline: "PORT LISLE — ".
DATELINE = regex.compile(r"\A\s*\p{Lu}[\p{Lu}\p{M}\s.'’\-]*\s+[—–-]{1,2}\s+")

#: What may sit between a cue and its report: "said on Monday", "said in a statement".
ADVERBIAL = regex.compile(
    r"\G(?:,?\s+(?:(?:on|last|this|next|late|early|earlier|later)(?:\s+(?:on|in))?"
    r"(?:\s+(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|day|week|"
    r"month|year|weekend|morning|afternoon|evening|night|\d{1,2}\s+\p{Lu}\p{Ll}+|"
    r"\p{Lu}\p{Ll}+\s+\d{1,2}))+|afterwards|later|earlier|again|also|too|separately|"
    r"yesterday|today|previously|then|now|recently|in\s+the\s+past|however|though|"
    r"(?:in|at|during|on)\s+(?:a|an|the|his|her|its|their)\s+(?:[\p{L}\-]+\s+){0,2}?"
    r"(?:statement|interview|letter|speech|post|message|video|briefing|conference|meeting|"
    r"broadcast|address|session|hearing|debate|email)))*,?"
)

#: What may sit between a cue and "that": adverbials, and a listener after "told".
ADVERB_STARTS = words_of(
    """
    on in at during last this next after before earlier later afterwards again also publicly
    privately repeatedly separately yesterday today then recently previously late early
    """
)

#: "that" and what it introduces.
THAT = regex.compile(r"\G\s+that\s+(?=\S)")

#: "that" after a few words (an adverbial, a listener).
THAT_LATER = regex.compile(r"\G\s+(\p{Ll}+)\s+(?:[^\s,.;:“”\"]+\s+){0,8}?that\s+(?=\S)")

#: A listener of a few words and "that" ("told reporters in Varn that").
TOLD_THAT = regex.compile(r"\G\s+(?:[^\s,.;:“”\"]+\s+){1,9}?that\s+(?=\S)")

#: What may come between a cue and the quotation it introduces ("said on Monday: “").
TAIL = regex.compile(r"(?:\s+[^\s“”\"]+){0,8}?\s*[:,]?\s*(?:that\s+)?$")

#: What may come between a closing quotation mark and its attribution.
AFTER_MARK = regex.compile(r"\G[,.!?]?[ \t]*,?[ \t]*(?:[—–][ \t]*)?")

#: Where an attribution after a quotation ends.
AFTER_STOP = regex.compile(r"[.;:!?“”\"\n]")

#: "was quoted (by Y) as" before "saying".
QUOTED_AS = regex.compile(
    r"\b(?:was|were|is|are|has\s+been|had\s+been)\s+(?:\p{Ll}+\s+)?quoted\s+"
    r"(?:(?:by|in|on)\s+[^,.;:“”\"\n]{1,70}?\s+)?as\s+$"
)

#: What comes before a participle cue ("…, arguing", "… before saying").
PARTICIPLE_LEAD = regex.compile(r"(?:,|\s(?:before|after|while|by))\s*$")

#: A cue coordinated with the verb before it ("… and said").
COORDINATION = regex.compile(r"\s(?:and|but|then)\s*$")

#: What makes a noun-like cue a noun ("the union’s demands").
NOUN_BEFORE = regex.compile(
    r"(?:\b(?:the|a|an|its|his|her|their|our|these|those|such|new|recent|earlier|fresh|many|"
    r"several|of)|\S(?:’s|'s|s’|s'))\s+$"
)

#: Words that cut a report from what its speaker did next ("…, but declined to comment").
OUTSIDE_REPORT = regex.compile(
    r",?\s+but\s+(?:declined|refused|did\s+not|didn’t|didn't|gave\s+no|would\s+not\s+(?:say|"
    r"comment|elaborate|give))\b|,\s+(?:while|whereas)\s|;\s|,?\s+and\s+(?:urged|called|accused|"
    r"declined|refused|appealed|asked|vowed|pledged|promised|threatened)\b"
)

#: Where a report's clause stops when another report follows in the same sentence.
TRAILING_CONNECTOR = regex.compile(
    r"(?:[,;]?\s+(?:and|but|though|although|while|whereas|as|before|after|even\s+as))?"
    r"[\s,;:—–]*$"
)

#: Where a subject before a cue may start.
BOUNDARY = regex.compile(
    r"[,;:—–(“”\"]|\s(?:and|but|that|while|when|as|after|before|because|since|although|"
    r"though|if|who|which|where|whereas|so|then|than|until|unless|whether)\s"
)

#: Conjunctions before the subject of a clause.
SUBORDINATOR = regex.compile(
    r"\G\s*(?:(?:and|but|when|after|as|while|because|although|though|if|since|then|so|"
    r"before|whereas|even\s+as)\s+)+"
)

#: Auxiliaries and adverbs between a subject and its cue ("has also said").
TRAILING_AUX = regex.compile(
    r"(?:\s+(?:has|have|had|was|were|is|are|would|will|did|does|do|could|may|might|should|"
    r"also|later|earlier|previously|publicly|privately|repeatedly|again|then|already|once|"
    r"first|reportedly|separately|recently|afterwards|subsequently|initially|originally|"
    r"similarly|likewise|officially|openly|quickly|immediately|angrily|frequently|often|"
    r"never|not|only|just|still|yesterday|today|long|consistently|always|twice|further|"
    r"too))*\s*$"
)

#: A comma between phrases (not in "1,400").
COMMA = regex.compile(r",(?=\s)")

#: A relative clause.
RELATIVE = regex.compile(r"\s(?:who|which|whose)\s")

#: A relative clause between commas ("According to X, who …, …").
RELATIVE_COMMA = regex.compile(r"\G\s*(?:who|which|whose)\s[^,.;:]{1,120}?,(?=\s)")

#: A name and a comma (an apposition).
NAME_COMMA = regex.compile(rf"\G\s+({NAME}),(?=\s)")

#: A comma and a name (an apposition).
COMMA_NAME = regex.compile(rf"\G,\s+({NAME})(?=\s*(?:[,.;:!?]|$))")

#: A comma and a name that ends the sentence.
COMMA_NAME_END = regex.compile(rf"\G,\s+{NAME}\s*$")

#: Where a subject after an inverted cue ends ("said Ola Berg, …").
SUBJECT_STOP = regex.compile(r"[,.;:!?()“”\"\n]|\s(?:who|which)\s")

#: The first word from a position.
FIRST_WORD = regex.compile(r"\G\s*(\S+)")

#: The second part of "X, Y,".
SECOND_PART = regex.compile(r"\G\s+([^,]{1,80}?),(?=\s)")

#: Punctuation that ends a sentence or a clause.
SENTENCE_PUNCTUATION = regex.compile(r"[.;!?]")

#: Quotation marks.
MARKS = regex.compile(r"[“”\"]")

#: Quotation marks and line ends.
MARKS_OR_BREAK = regex.compile(r"[“”\"\n]")

#: A quotation that goes on after its attribution (“…,” she said, “…).
REOPENED = regex.compile(r"[,.]\s*[“\"]$")


# -- quotations and sentences -------------------------------------------------------------


@dataclass(frozen=True)
class Quotation:
    """A quotation: ``start``/``end`` of its body, ``outer_start``/``outer_end`` with its
    marks."""

    outer_start: int
    start: int
    end: int
    outer_end: int


def quotations(text: str) -> list[Quotation]:
    """Every quotation in ``text``: in “ ” or straight marks, within a paragraph or running
    on over paragraphs that each open with a quotation mark (the news convention for a long
    quotation: no closing mark until its last paragraph)."""
    found: list[Quotation] = []
    opened: int | None = None  # where the open quotation's mark is
    straight = False
    begin = last = 0
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            begin += len(paragraph) + 1
            continue
        lead = begin + len(paragraph) - len(paragraph.lstrip())  # the paragraph's first mark
        if opened is not None and (lead >= len(text) or text[lead] not in '“"'):
            # the open quotation ended with its paragraph, with no closing mark
            found.append(_quotation(text, opened, last))
            opened = None
        for index in range(begin, begin + len(paragraph)):
            char = text[index]
            if char not in '“”"':
                continue
            if opened is None:
                if char != "”":
                    opened, straight = index, char == '"'
            elif index == lead and opened < begin:
                pass  # the mark that reopens a quotation running on from the paragraph before
            elif char == ('"' if straight else "”"):
                found.append(_quotation(text, opened, index + 1))
                opened = None
            elif char == "“" and not straight:
                opened = index  # a mark left open earlier in the paragraph: start again
        begin += len(paragraph) + 1
        last = begin - 1
    if opened is not None:
        found.append(_quotation(text, opened, last))
    return [q for q in found if q.end > q.start]


def _quotation(text: str, opened: int, closed: int) -> Quotation:
    closes = closed - 1 > opened and text[closed - 1] in '”"'
    end = closed - 1 if closes else closed
    end = opened + 1 + len(text[opened + 1 : end].rstrip())
    return Quotation(opened, opened + 1, end, closed)


_LAST_WORD = regex.compile(r"(\p{L}+)$")


class Sentences:
    """The sentences of a text as ``(start, end)``: ``end`` is where the final ".", "!" or
    "?" is (or the end of the paragraph). A dateline ("PORT LISLE — ") is not part of the
    first sentence."""

    _END = regex.compile(r"[.!?]+[”\"’')]*(?=\s|$)|\n")

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = []
        start = 0
        dateline = DATELINE.match(text)
        if dateline is not None and dateline.end() < 80:
            start = dateline.end()
        for match in self._END.finditer(text):
            end = match.start()
            if match.group().startswith(".") and len(match.group()) == 1:
                word = _LAST_WORD.search(text, max(0, end - 6), end)
                if word is not None and (
                    word.group(1) in ABBREVIATIONS or len(word.group(1)) == 1  # an initial, "p.m."
                ):
                    continue
            self._add(text, start, end)
            start = match.end()
        self._add(text, start, len(text))
        self._starts = [s for s, _ in self.spans]

    def _add(self, text: str, start: int, end: int) -> None:
        while start < end and text[start] in " \t\n":
            start += 1
        if end > start:
            self.spans.append((start, end))

    def at(self, position: int) -> tuple[int, int]:
        """The sentence holding ``position`` (or the one before it)."""
        index = max(0, bisect.bisect_right(self._starts, position) - 1)
        return self.spans[index] if self.spans else (0, 0)


# -- clauses ------------------------------------------------------------------------------


def words_in(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    return WORD.finditer(text, start, end)


def is_finite(word: str) -> bool:
    """Whether ``word`` is most likely the finite verb of a clause."""
    lower = word.lower()
    if lower in FINITE or lower in IRREGULAR_PAST:
        return True
    return word.islower() and len(word) > 4 and word.endswith("ed")


_CLAUSE_STOP = regex.compile(r"[;:()—–“”\"]|,\s+(?:and|but|while|whereas|which|who)\s")


def starts_clause(text: str, start: int, end: int, strict: bool = False) -> bool:
    """Whether a finite clause (a report) starts at ``start``: a subject pronoun, or a
    subject and a finite verb within the next words, before any punctuation; ``strict``: a
    finite verb that is an auxiliary ("had", "would"), not only a past tense ("made")."""
    stop = _CLAUSE_STOP.search(text, start, end)
    limit = stop.start() if stop is not None else end
    words = [m.group() for m in itertools.islice(words_in(text, start, limit), 12)]
    if len(words) < 2:
        return False
    first = words[0].lower()
    if first in NOT_CLAUSE_STARTS or (first == "about" and not words[1][0].isdigit()):
        return False
    if first in SUBJECT_PRONOUNS:
        return True
    for index, word in enumerate(words[1:], 1):
        lower = word.lower()
        if lower in ("that", "which", "who"):
            return False
        if lower == "to" and index + 1 < len(words):
            after = words[index + 1]
            if after.islower() and after not in DETERMINERS:
                return False  # an infinitive: "urged both sides to return"
        if lower in FINITE or (not strict and is_finite(word)):
            return True
    return False


def clause_ok(text: str, start: int, e: int) -> bool:
    """Whether what follows "that" is a clause, not a relative ("a statement that was …")."""
    first = next(iter(words_in(text, start, e)), None)
    return first is not None and not is_finite(first.group())


def strip_aux(text: str, s: int, end: int) -> int:
    aux = TRAILING_AUX.search(text, s, end)
    return aux.start() if aux is not None else end


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in " ,;:":
        b -= 1
    return a, b


# -- mentions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # "name", "descriptive", "pronoun", "thing" (says something, is nobody)
    group: str = "unknown"  # "person", "org", "group", "unknown"


def capital(word: str) -> bool:
    return word[:1].isupper() or word in ("of", "for", "de", "van", "von", "al", "and", "the")


def name_mention(text: str, a: int, b: int) -> Mention:
    words = text[a:b].split()
    if words[0] == "The" and len(words) > 1:
        a += 4
        words = words[1:]
    org = any(POSSESSIVE.sub("", w.strip(".,")) in ORG_WORDS for w in words)
    if org:
        group = "org"
    elif len(words) >= 2:  # a person if the surname is used alone elsewhere
        last = POSSESSIVE.sub("", words[-1])
        alone = any(at >= b and not glued for at, glued in capitalised(text).get(last, ()))
        group = "person" if alone else "unknown"
    else:
        group = "person" if was_named_before(text, words[0], a) else "unknown"
    return Mention(a, b, "name", group)


def descriptive_mention(text: str, a: int, b: int) -> Mention:
    words = text[a:b].lower().split()
    head = words[-1].rstrip("’'") if words else ""
    if head in ORG_NOUNS:
        group = "org"
    elif head.endswith("s") and not head.endswith("ss"):
        group = "group"
    else:
        group = "person"
    return Mention(a, b, "descriptive", group)


def was_named_before(text: str, surname: str, at: int) -> bool:
    """Whether a lone capitalised word is a surname used earlier with a first name."""
    return any(where < at and glued for where, glued in capitalised(text).get(surname, ()))


_CAPITALISED: dict[str, dict[str, list[tuple[int, bool]]]] = {}


def capitalised(text: str) -> dict[str, list[tuple[int, bool]]]:
    """Each capitalised word of ``text``: where it is, and whether a capitalised word comes
    right before it ("Simon *Breck*"). Kept for the last text only."""
    known = _CAPITALISED.get(text)
    if known is not None:
        return known
    found: dict[str, list[tuple[int, bool]]] = {}
    previous_end, previous_capital = -2, False
    for match in CAPITALISED_WORD.finditer(text):
        glued = previous_capital and text[previous_end : match.start()] == " "
        found.setdefault(POSSESSIVE.sub("", match.group()), []).append((match.start(), glued))
        previous_end, previous_capital = match.end(), True
    _CAPITALISED.clear()
    _CAPITALISED[text] = found
    return found
