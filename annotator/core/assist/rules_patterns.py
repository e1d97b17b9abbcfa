"""The text shapes the ``rules`` engine matches, as regular expressions: names, descriptive
mentions and pronouns, and what sits around a cue (quotation marks, adverbials, "that", the
boundaries of a subject or a report).

Everything here is about English news in general; nothing depends on a project.
"""

from __future__ import annotations

import regex

from annotator.core.assist.rules_lexicon import ROLE_NOUNS

# -- shapes of mentions -------------------------------------------------------------------

#: A particle joined to the next word of a name by a hyphen ("al-Haddad", "ibn-Saud").
_HYPHENED = r"(?:(?:al|el|ad|ash|bin|ibn|bint|abu|ben)-)?"

#: A capitalised word (of a name).
_CAP = rf"(?:{_HYPHENED}\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*\.?)"

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
    rf"{_HYPHENED}\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*"
    rf"(?:[ ]+(?:{_JOIN}[ ]+)?{_HYPHENED}\p{{Lu}}[\p{{L}}\p{{M}}'’\-]*){{0,4}}"
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
