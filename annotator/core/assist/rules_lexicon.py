"""The lexicon of the ``rules`` engine: cue words by the complements they take, the words that
mark a finite clause, and the words of names, titles and descriptive mentions.

Everything here is about English news in general; nothing depends on a project.
"""

from __future__ import annotations

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

#: What may sit between a cue and "that": adverbials, and a listener after "told".
ADVERB_STARTS = words_of(
    """
    on in at during last this next after before earlier later afterwards again also publicly
    privately repeatedly separately yesterday today then recently previously late early
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

#: Words whose presence makes a name an organisation (what "it" and "they" resolve to); both
#: engines use them (the spacy engine in lower case).
ORG_WORDS = words_of(
    """
    Ministry Union Council Party Bank Company Association Committee Agency Group Commission
    Government Federation Office Court Parliament Assembly Institute Foundation Corporation
    Inc Ltd Alliance Movement Front Coalition Board Authority Police Army Service Fund
    Organisation Organization League Network Centre Center University Department Chamber
    Museum Terminals Line Motors Defence Defense Aid Daily Post Herald Times Gazette Ledger
    Journal Television Radio News Press Airlines Air Holdings Systems Media Energy Relief
    Industries Partners Capital Trust Society Club Institute Council Railways Post Bureau
    Lines Tribune
    """
)

PARTICLES = words_of("of for de da del van von der al bin la le du el and the")
