"""The lexicon and text shapes the ``rules`` engine works with: cue words by the complements
they take, the words that mark a finite clause, names and descriptive mentions, quotations
(also those that run over several paragraphs) and sentences.

Everything here is about English news in general; nothing depends on a project.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

import regex


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
    observed remarked commented tweeted posted underlined reiterated reiterates estimated
    estimates revealed reveals disclosed indicated indicates assured reassured informed
    reminded hinted
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

#: Words that make a run of words a finite clause ("the talks *would* resume").
FINITE = words_of(
    """
    is are was were has have had will would can could shall should may might must do does
    did am won’t can’t don’t doesn’t didn’t isn’t aren’t wasn’t weren’t hasn’t haven’t
    hadn’t wouldn’t couldn’t shouldn’t won't can't don't doesn't didn't isn't aren't wasn't
    weren't hasn't haven't hadn't wouldn't couldn't shouldn't
    """
)
IRREGULAR_PAST = words_of(
    """
    took made gave went came saw found left kept fell rose won lost paid held met sent spent
    knew began got put ran felt became brought built bought caught cut hit meant set sold
    stood struck understood grew drew threw fought chose broke spoke thought
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
#: Auxiliaries and adverbs between a subject and its cue ("has also said", "had told").
AUX_OR_ADVERB = (
    r"has|have|had|was|were|is|are|would|will|did|does|do|could|may|might|should|also|later|"
    r"earlier|previously|publicly|privately|repeatedly|again|then|already|once|first|"
    r"reportedly|separately|recently|afterwards|subsequently|initially|originally|similarly|"
    r"likewise|officially|openly|quickly|immediately|angrily|frequently|often|never|not|only|"
    r"just|still|yesterday|today|long|consistently|always|twice|once|further|too"
)
#: Words that cut a report from what its speaker did next ("…, but declined to comment").
OUTSIDE_REPORT = regex.compile(
    r",?\s+but\s+(?:declined|refused|did\s+not|didn’t|didn't|gave\s+no|would\s+not\s+(?:say|"
    r"comment|elaborate|give))\b|,\s+(?:while|whereas)\s"
)
#: Where a report's clause stops when another report follows in the same sentence.
TRAILING_CONNECTOR = regex.compile(
    r"(?:[,;]?\s+(?:and|but|though|although|while|whereas|as|before|after|even\s+as))?"
    r"[\s,;:—–]*$"
)

#: Words that end a descriptive mention of a speaker ("the foreign minister").
ROLE_NOUNS = (
    "minister|spokesman|spokeswoman|spokesperson|official|officials|president|chairman|"
    "chairwoman|chair|leader|secretary|mayor|governor|ambassador|diplomat|source|sources|"
    "analyst|analysts|director|head|chief|commander|negotiator|envoy|activist|activists|"
    "lawyer|representative|member|officer|premier|chancellor|senator|mp|deputy|general|"
    "economist|expert|experts|union|ministry|government|police|army|court|council|committee|"
    "statement|organisers|organizers|protesters|residents|workers|teachers|doctors|office|"
    "institute|agency|company|firm|group|federation|association|board|commission|museum|"
    "bank|party|rector|commissioner|lawmaker|student|driver|teacher|surgeon|doctor|"
    "economists|traders|officers|spokespeople|authorities|prosecutor|prosecutors|judge|"
    "paper|newspaper|broadcaster|channel|agency|operator|bidder|producer|producers|"
    "exporters|farmers|leaders|unions|governments|ministries|owner|owners|founder|manager|"
    "researchers|scientists|seismologists|officials"
)
#: Nouns that say something without being anyone: their "said" has no speaker.
INANIMATE = words_of(
    """
    banner banners sign signs placard placards note notes poster posters leaflet leaflets
    graffiti ruling judgment judgement verdict copy document documents audit draft text
    letter statement inscription message notice plaque slogan report memo
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
#: Words that start a relative clause, an age or a participle in an apposition.
APPOSITION_SKIPS = words_of("who which whose whom where when appearing speaking")
ABBREVIATIONS = words_of(
    "Mr Mrs Ms Dr St Gen Lt Col Sgt Prof Rev No Inc Ltd Co Jr Sr vs Gov Sen Rep Maj Capt"
)

_CAP = r"(?:\p{Lu}[\p{L}\p{M}'’\-]*\.?)"
_JOIN = r"(?:de|da|del|van|von|der|al|bin|la|le|du|el|of|for)"
#: A name: capitalised words, with the particles of names between them.
NAME = rf"{_CAP}(?:\s+(?:{_JOIN}\s+)?{_CAP}){{0,4}}"
#: A descriptive mention: "the (Russian) foreign minister", "a union spokeswoman".
DESCRIPTIVE = (
    rf"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts|[Oo]ne)\s+(?:[\p{{L}}\-’']+\s+){{0,3}}?"
    rf"(?:{ROLE_NOUNS})\b"
)
PRONOUN = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)"
SPEAKER = rf"(?:{DESCRIPTIVE}|{PRONOUN}\b|{NAME})"

#: A quotation in typographic or straight marks, within one paragraph.
QUOTATION = regex.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")

WORD = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}'’\-]*")
DATELINE = regex.compile(r"\A\s*\p{Lu}[\p{Lu}\p{M}\s.'’\-]*\s+[—–-]{1,2}\s+")
#: What may sit between a cue and its report: "said on Monday", "said in a statement".
ADVERBIAL = regex.compile(
    r"\G(?:,?\s+(?:(?:on|last|this|next|late|early|earlier|later)(?:\s+(?:on|in))?"
    r"(?:\s+(?:the\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|day|week|"
    r"month|year|weekend|morning|afternoon|evening|night|\d{1,2}\s+\p{Lu}\p{Ll}+|"
    r"\p{Lu}\p{Ll}+\s+\d{1,2}))+|afterwards|later|earlier|again|also|too|separately|"
    r"yesterday|today|previously|then|now|recently|in\s+the\s+past|"
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
    position = 0
    for paragraph in text.split("\n"):
        begin, position = position, position + len(paragraph) + 1
        if opened is not None and not paragraph.lstrip().startswith(("“", '"')):
            # the open quotation ended with its paragraph: no closing mark at all
            found.append(_quotation(text, opened, _paragraph_end(text, opened)))
            opened = None
        index = begin
        while index < begin + len(paragraph):
            char = text[index]
            if opened is None and char in "“\"":
                opened, straight = index, char == '"'
            elif opened is not None and index != opened:
                if (straight and char == '"') or (not straight and char == "”"):
                    found.append(_quotation(text, opened, index + 1))
                    opened = None
                elif char in "“\"" and text[begin:index].strip() == "":
                    pass  # the mark that reopens a quotation running on from the paragraph before
                elif char == "“" and not straight:
                    opened = index  # an unclosed mark earlier in the paragraph: start again
            index += 1
    if opened is not None:
        found.append(_quotation(text, opened, _paragraph_end(text, opened)))
    return [q for q in found if q.end > q.start]


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _quotation(text: str, opened: int, closed: int) -> Quotation:
    end = closed - 1 if text[closed - 1] in "”\"" and closed - 1 > opened else closed
    end = len(text[opened + 1 : end].rstrip()) + opened + 1
    return Quotation(opened, opened + 1, end, closed)


class Sentences:
    """The sentences of a text as ``(start, end)``: ``end`` is where the final ".", "!" or
    "?" is (or the end of the paragraph). A dateline ("PORT LISLE — ") is not part of the
    first sentence."""

    _END = regex.compile(r"[.!?]+(?=[”\"’)]*(?:\s|$))|\n")

    def __init__(self, text: str) -> None:
        self.spans: list[tuple[int, int]] = []
        start = 0
        dateline = DATELINE.match(text)
        if dateline is not None and dateline.end() < 80:
            start = dateline.end()
        for match in self._END.finditer(text):
            end = match.start()
            if match.group() == ".":
                word = regex.search(r"(\p{L}+)$", text[max(0, end - 6) : end])
                if word is not None and (
                    word.group(1) in ABBREVIATIONS
                    or (len(word.group(1)) == 1 and word.group(1).isupper())
                ):
                    continue
            self._add(text, start, end)
            start = match.end()
        self._add(text, start, len(text))
        self._starts = [s for s, _ in self.spans]

    def _add(self, text: str, start: int, end: int) -> None:
        while start < end and text[start] in " \t\n”\"’":
            start += 1
        if end > start:
            self.spans.append((start, end))

    def at(self, position: int) -> tuple[int, int]:
        """The sentence holding ``position`` (or the one before it)."""
        index = max(0, bisect.bisect_right(self._starts, position) - 1)
        return self.spans[index] if self.spans else (0, 0)


def words_in(text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    return WORD.finditer(text, start, end)


def is_finite(word: str) -> bool:
    """Whether ``word`` is most likely the finite verb of a clause."""
    lower = word.lower()
    if lower in FINITE or lower in IRREGULAR_PAST:
        return True
    return word.islower() and len(word) > 4 and word.endswith("ed")


def starts_clause(text: str, start: int, end: int) -> bool:
    """Whether a finite clause (a report) starts at ``start``: a subject pronoun, or a
    subject and a finite verb within the next words, before any punctuation."""
    stop = regex.compile(r"[,;:()—–“”\"]").search(text, start, end)
    limit = stop.start() if stop is not None else end
    words = [m.group() for m in itertools_islice(words_in(text, start, limit), 12)]
    if len(words) < 2:
        return False
    first = words[0].lower()
    if first in NOT_CLAUSE_STARTS or (first == "about" and not words[1][0].isdigit()):
        return False
    if first in SUBJECT_PRONOUNS:
        return True
    for word in words[1:]:
        if word.lower() in ("that", "which", "who", "to"):
            return False
        if is_finite(word):
            return True
    return False


def itertools_islice(items: Iterator[regex.Match[str]], count: int) -> list[regex.Match[str]]:
    out = []
    for item in items:
        out.append(item)
        if len(out) == count:
            break
    return out
