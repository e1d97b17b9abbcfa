"""Deterministic English news prose with its annotations: the text half of bench/generate.py.

Nothing here touches the project file or annotator's API. :func:`make_registry` invents the
actor registry (persons with roles, states, governments, parties, international organisations,
media, with aliases); :class:`NewsWriter` writes an article from templates and returns its text
and the spans to annotate (code-point offsets into that very text), grouped in *events*: a
quote with its speaker and speech verb, a demand with its claimant (and addressee), a mention.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field

# -- word lists ------------------------------------------------------------------------------


def _words(spaced: str, *more: str) -> tuple[str, ...]:
    """The words of ``spaced``, then ``more`` (names with spaces in them)."""
    return (*spaced.split(), *more)


FIRST = _words(
    "Anna Maria Elena Sofia Laura Nadia Irina Olga Leila Amara Grace Hannah Clara Marta Ines "
    "Yuki Mei Priya Fatima Aisha Ngozi Chiara Katarzyna Ewa Tamar Nino Lena Ida Sara Rosa "
    "Thomas Peter Jan Marco Luca David Daniel Samuel Omar Karim Yusuf Ivan Pavel Dmitri Andrei "
    "Kofi Tunde Arjun Ravi Kenji Hiro Lars Erik Jonas Felix Mateo Diego Pablo Nikos Stefan Alex "
    "José Zoë Søren Ólafur François Małgorzata Jiří Ayşe Đorđe Begüm Renée Joaquín Ágnes "
    "Kristóf Tomáš Željko"
)
LAST = _words(
    "Karamov Lindqvist Okonkwo Duarte Nakamura Brenner Haddad Fischer Oyelaran Novak Morales "
    "Kowalski Petrenko Andersen Rossi Bianchi Santos Costa Weber Schneider Hoffmann Dubois "
    "Laurent Moreau Fontaine Jansen Visser Nilsson Berg Lund Tanaka Sato Chen Wang Kim Park "
    "Sharma Gupta Mensah Boateng Abdi Hassan Rahman Aziz Kaya Demir Popescu Ionescu Horvat "
    "Kovac Nagy Varga Molnar Smith Walker Hughes Evans Turner Murphy Kelly Byrne Walsh Ortega "
    "Müller Dvořák Şahin Łukasiewicz Brontë Ibáñez Nørgaard Öztürk Čapek Kovačević Sánchez "
    "Gonçalves Håkansson Jóhannsdóttir Pérez Wójcik",
    "Ó Briain",
    "Nguyễn",
    "Lefèvre",
    "Sørensen",
)
SYLLABLES = _words("kar sel vor tan mir dal bel ost rav lin ser gal tor mes zan vel dor kes lum ar")
ENDINGS = (
    ("ia", "ian"),
    ("ania", "anian"),
    ("ova", "ovan"),
    ("land", "landic"),
    ("ador", "adorian"),
    ("ara", "aran"),
    ("eth", "ethian"),
    ("istan", "istani"),
)
CITIES = _words(
    "Zürich Kraków Genève Reykjavík Tromsø Łódź Malmö Düsseldorf Bogotá Córdoba Brașov İzmir "
    "Thessaloníki Brussels Vienna Nairobi Lagos Jakarta Ankara Oslo Helsinki Lisbon Warsaw "
    "Prague Tbilisi Yerevan Chișinău Kyiv Tallinn Riga Vilnius Århus Kassel Gdańsk Bratislava",
    "São Paulo",
    "Cluj-Napoca",
    "Las Palmas",
)
INTL = (
    ("United Nations", "UN"),
    ("European Union", "EU"),
    ("NATO", "the alliance"),
    ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("International Committee of the Red Cross", "ICRC"),
    ("World Food Programme", "WFP"),
    ("Amnesty International", "Amnesty"),
    ("Human Rights Watch", "HRW"),
    ("Médecins Sans Frontières", "MSF"),
    ("African Union", "AU"),
    ("Council of Europe", "CoE"),
    ("International Monetary Fund", "IMF"),
    ("World Health Organization", "WHO"),
    ("UN refugee agency", "UNHCR"),
    ("International Atomic Energy Agency", "IAEA"),
    ("Norwegian Refugee Council", "NRC"),
    ("Save the Children", "the charity"),
    ("International Crisis Group", "ICG"),
    ("Reporters Without Borders", "RSF"),
    ("World Bank", "the bank"),
)
SOURCES = (
    "Reuters",
    "Le Monde",
    "Süddeutsche Zeitung",
    "El País",
    "The Guardian",
    "Gazeta Wyborcza",
    "Kyiv Independent",
    "Associated Press",
    "Agence France-Presse",
    "Neue Zürcher Zeitung",
    "Dagens Nyheter",
    "Público",
)
SECTIONS = ("politics", "world", "economy", "opinion", "europe", "security")
DAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _words(
    "January February March April May June July August September October November December"
)
GROUPS = (
    "officials",
    "diplomats",
    "analysts",
    "residents",
    "aid workers",
    "negotiators",
    "lawmakers",
    "observers",
    "protesters",
    "farmers",
    "soldiers",
    "journalists",
    "local authorities",
    "humanitarian groups",
    "business leaders",
    "teachers",
)
GENERIC = (
    "a senior official",
    "the protesters",
    "local residents",
    "a government spokesperson",
    "one diplomat",
    "an aid worker",
    "witnesses",
    "the rebels",
    "a military source",
    "the mayor's office",
    "union leaders",
    "a Western diplomat",
)
EVENTS = (
    "heavy shelling",
    "a series of explosions",
    "fresh clashes",
    "a drone attack",
    "widespread power cuts",
    "a wave of arrests",
    "flooding",
    "a cyber attack",
)
AID = ("food", "medicine", "fuel", "drinking water", "winter clothing", "building materials")
ISSUES = (
    ("an immediate cease-fire", "agree to an immediate cease-fire", "cease-fire"),
    (
        "the withdrawal of foreign troops",
        "withdraw its troops from the border region",
        "troop withdrawal",
    ),
    ("unhindered humanitarian access", "let aid convoys reach {city}", "humanitarian access"),
    ("new talks under {org} auspices", "return to the negotiating table", "negotiations"),
    ("recognition of the referendum", "recognise the result of the referendum", "recognition"),
    ("strict neutrality", "stay out of the conflict", "neutrality"),
    (
        "binding security guarantees",
        "give binding security guarantees to {country}",
        "security guarantees",
    ),
    ("tougher sanctions against {country}", "impose sanctions on {country}", "sanctions"),
    ("the release of the detained journalists", "release the detained journalists", "other"),
    (
        "a safe corridor for civilians",
        "open a corridor for civilians leaving {city}",
        "humanitarian access",
    ),
)
QUOTES = (
    "We will not accept {issue} without guarantees",
    "There can be no peace while {city} is under fire",
    "The time for talks is now",
    "Our patience is not unlimited",
    "This is a decisive moment for {country}",
    "We are ready to talk, but not at any price",
    "The situation in {city} is getting worse every day",
    "We have asked for {aid} for weeks and nothing has arrived",
    "These accusations are completely baseless",
    "Every day without {issue} costs lives",
    "We expect {country} to respect its commitments",
    "The people of {city} deserve better than this",
    "It is too early to say whether the talks will succeed",
    "Nobody wants a war, but we must be ready to defend ourselves",
    "I have made our position very clear to my counterpart",
    "We will not be intimidated",
    "The door to dialogue remains open",
    "What happened in {city} must be investigated",
    "History will judge those who looked away",
    "We need {aid}, and we need it today",
)
CLAUSES = (
    "the offer remained on the table",
    "talks would resume in {city} next week",
    "{country} had broken its promises",
    "the sanctions were hurting ordinary people",
    "more than {n} people had fled {city} since {month}",
    "the convoy had been stopped at the border",
    "no decision would be taken before the summit",
    "the government was acting within the law",
    "a deal was closer than ever",
    "the army would not withdraw",
)
CUES = (
    ("said", ""),
    ("said", " on {day}"),
    ("said", " in a statement"),
    ("warned", ""),
    ("added", ""),
    ("insisted", ""),
    ("told", " reporters in {city}"),
    ("stressed", ""),
    ("wrote", " on social media"),
    ("told", " {source}"),
    ("declared", ""),
)
CALL_VERBS = ("called on", "urged", "pressed", "asked")
DEMAND_VERBS = ("called for", "demanded", "pushed for", "insisted on")
FILLER = (
    "{Group} in {city} reported {event} {time}.",
    "The talks, which began {time}, are expected to resume in {city} next week.",
    "According to figures released {time}, more "
    "than {n} people have been displaced since the fighting began.",
    "{Time}, about {n} {group} gathered outside the parliament in {city}.",
    "The {adj} economy has shrunk by {pct} per cent this year, according to the central bank.",
    "Prices of {aid} rose sharply after {event} near {city}.",
    "It was not immediately clear who would attend the summit in {city}.",
    "The ministry did not respond to a request for comment.",
    "Observers say a deal remains unlikely before the elections in {month}.",
    "Negotiations stalled in {month} over the question of {issue}.",
    "The border crossing "
    "near {city} was closed for {h} hours {time}, stranding hundreds of lorries.",
    "Many {group} fear that the vote will be postponed again.",
    "Satellite images published {time} showed damaged buildings around {city}.",
    "The draft agreement would require both sides to {action}.",
    "Since {month}, at least {n} civilians have been killed, according to local authorities.",
    "The dispute has strained relations between {country} and {country2} for more than a decade.",
    "Trade between the two countries fell by {pct} per cent last year.",
    "Power was restored to parts of {city} after {h} hours of outages.",
    "A spokesperson declined to give details, citing security concerns.",
    "The vote, scheduled for {month}, could reshape the politics of the region.",
    "{Group} interviewed by {source} described long queues for bread and fuel.",
    "The measure passed by {n2} votes to {n3} after a heated debate that lasted into the night.",
    "The {adj} parliament is due to debate the proposal {time}.",
    "Schools in {city} remained closed for a third day.",
    "Aid agencies said {aid} was running short in the camps near {city}.",
    "The currency lost {pct} per cent of its value against the euro {time}.",
)
MENTION = (
    "{actor} arrived in {city} {time} for two days of meetings.",
    "{actor} has not commented publicly on the proposal.",
    "{actor} is expected to travel to {city} later this month.",
    "The plan was drawn up by {actor} in {month}.",
    "Critics accuse {actor} of stalling the process.",
)
TITLES = (
    "{Country} rejects calls for {issue}",
    "Talks in {city} stall over {issue}",
    "{Actor} warns of escalation near {city}",
    "Thousands flee {city} as fighting spreads",
    "Pressure grows on {country} over {issue}",
    "{Actor} calls for {issue}",
    "Aid convoy reaches {city} after weeks of delay",
    "What the deal in {city} means for {country}",
)
ACTOR_TYPES = (
    "person",
    "government",
    "state",
    "international organisation",
    "party",
    "NGO",
    "media",
    "other",
)
ORG_ACRONYMS = tuple(a for _, a in INTL if a.isupper())
NGO_INTL = {
    "Amnesty International",
    "Human Rights Watch",
    "Médecins Sans Frontières",
    "Norwegian Refugee Council",
    "Save the Children",
    "International Crisis Group",
    "Reporters Without Borders",
    "International Committee of the Red Cross",
}

#: Per article: (quotes, demands, demands with an addressee, cues tagged, cue relations,
#: other mentions). Each makes 10 annotations and 5 relations; weights below.
PROFILES = (
    (3, 1, 0, 2, 1, 0),
    (2, 1, 1, 2, 1, 1),
    (2, 2, 0, 1, 1, 1),
    (4, 0, 0, 1, 1, 1),
    (1, 2, 2, 1, 0, 1),
)
PROFILE_WEIGHTS = (4, 3, 2, 2, 1)


def uid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


@dataclass
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str]
    note: str | None = None
    wikidata: str | None = None
    adj: str = ""  # states: the adjective ("Karsian")


def make_registry(rng: random.Random, size: int = 2000) -> list[Entity]:
    """Invented states with their governments, parties and media; international
    organisations; the rest persons with a role. Names are unique."""
    out: list[Entity] = []
    names: set[str] = set()

    def add(name: str, type_: str, aliases: list[str], note: str | None = None, adj: str = ""):
        if name in names:
            return None
        names.add(name)
        wikidata = f"Q{rng.randint(1000, 9_999_999)}" if rng.random() < 0.3 else None
        entity = Entity(uid(rng), name, type_, aliases, note, wikidata, adj)
        out.append(entity)
        return entity

    states: list[Entity] = []
    while len(states) < 60:
        stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((1, 2, 2))))
        end, adj_end = rng.choice(ENDINGS)
        name = (stem + end).capitalize()
        adj = (stem + adj_end).capitalize()
        state = add(name, "state", [f"the {adj} state"], adj=adj)
        if state is None:
            continue
        states.append(state)
        add(f"Government of {name}", "government", [f"the {adj} government", f"{adj} government"])
        add(f"{adj} Foreign Ministry", "government", [f"the {adj} foreign ministry"])
        party = f"{adj} {rng.choice(('People', 'Democratic', 'Unity', 'Freedom'))} Party"
        add(party, "party", ["".join(w[0] for w in party.split())])
        add(f"{adj} Broadcasting Corporation", "media", [f"{adj[0]}BC"])
    for name, alias in INTL:
        add(name, "NGO" if name in NGO_INTL else "international organisation", [alias])
    orgs = [e for e in out if e.type in ("international organisation", "NGO")]
    while len(out) < size:
        first, last = rng.choice(FIRST), rng.choice(LAST)
        state = rng.choice(states)
        role = rng.choice(
            (
                f"the {state.adj} foreign minister",
                f"the {state.adj} president",
                f"the {state.adj} prime minister",
                f"a spokesperson for the {rng.choice(orgs).name}",
                f"the {state.adj} defence minister",
                f"the opposition leader in {state.name}",
                f"the head of the {rng.choice(orgs).name} mission",
                f"the mayor of {rng.choice(CITIES)}",
                f"the {state.adj} ambassador to the UN",
                f"an adviser to the {state.adj} president",
            )
        )
        add(f"{first} {last}", "person", [last, f"{first[0]}. {last}"], note=role)
    return out


# -- writing ---------------------------------------------------------------------------------


@dataclass
class Span:
    """A span to annotate: label, fragments (start, end), attributes, entity; ``key`` names it
    within its event, so that relations can point at it."""

    key: str
    label: str
    fragments: list[tuple[int, int]]
    attributes: dict[str, str] = field(default_factory=dict)
    entity: str | None = None


@dataclass
class Article:
    title: str
    source: str
    url: str
    published: str
    section: str
    text: str
    spans: list[Span]
    relations: list[tuple[str, int, int]]  # (type, source span index, target span index)


class _Sentence:
    """Text pieces with marked spans, offsets relative to the sentence."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.spans: list[Span] = []
        self.relations: list[tuple[str, str, str]] = []  # (type, source key, target key)

    def add(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        return self.size

    def mark(self, text: str) -> tuple[int, int]:
        start = self.size
        return start, self.add(text)

    def text(self) -> str:
        return "".join(self.parts)


class _Fields(dict):
    """The values of a template's fields, each drawn when the template asks for it."""

    def __init__(self, writer: NewsWriter, rng: random.Random, cast: list[Entity]) -> None:
        super().__init__()
        self.writer, self.rng, self.cast = writer, rng, cast

    def __missing__(self, key: str) -> object:
        rng, writer = self.rng, self.writer
        if key in ("country", "Country", "adj", "country2"):
            if "country" not in self:
                state, other = rng.sample(writer.states, 2)
                self.update(
                    country=state.name, Country=state.name, adj=state.adj, country2=other.name
                )
            return self[key]
        if key in ("time", "Time"):
            time = rng.choice(
                (
                    f"on {rng.choice(DAYS)}",
                    f"late on {rng.choice(DAYS)}",
                    "earlier this week",
                    "over the weekend",
                    "last month",
                    f"on {rng.choice(DAYS)} evening",
                    "in the early hours",
                )
            )
            self.update(time=time, Time=time[0].upper() + time[1:])
            return self[key]
        if key in ("group", "Group"):
            group = rng.choice(GROUPS)
            self.update(group=group, Group=group[0].upper() + group[1:])
            return self[key]
        value: object
        if key == "city":
            value = rng.choice(CITIES)
        elif key == "event":
            value = rng.choice(EVENTS)
        elif key == "aid":
            value = rng.choice(AID)
        elif key == "n":
            value = f"{rng.randint(2, 90) * 100:,}"
        elif key == "n2":
            value = rng.randint(120, 300)
        elif key == "n3":
            value = rng.randint(20, 119)
        elif key == "h":
            value = rng.randint(2, 72)
        elif key == "pct":
            value = rng.randint(2, 19)
        elif key == "month":
            value = rng.choice(MONTHS)
        elif key == "day":
            value = rng.choice(DAYS)
        elif key == "source":
            value = rng.choice(SOURCES)
        elif key == "org":
            value = rng.choice(ORG_ACRONYMS)
        elif key == "issue":
            value = writer._fill(rng, rng.choice(ISSUES)[0], self.cast)
        elif key == "action":
            value = writer._fill(rng, rng.choice(ISSUES)[1], self.cast)
        elif key in ("actor", "Actor"):
            value = rng.choice(self.cast).name
        else:
            raise KeyError(key)
        self[key] = value
        return value


class NewsWriter:
    """Writes articles: ``article(number, rng, chars)``; the registry is shared."""

    def __init__(self, registry: list[Entity]) -> None:
        self.registry = registry
        self.states = [e for e in registry if e.type == "state"]
        self.persons = [e for e in registry if e.type == "person"]
        self.orgs = [e for e in registry if e.type not in ("person", "state")]

    def _fill(self, rng: random.Random, template: str, cast: list[Entity]) -> str:
        """``template`` with its {fields} filled; only the fields it names are drawn."""
        if "{" not in template:
            return template
        return template.format_map(_Fields(self, rng, cast))

    def _mention(
        self,
        rng: random.Random,
        s: _Sentence,
        key: str,
        cast: list[Entity],
        seen: set[str],
        among: list[Entity] | None = None,
    ) -> None:
        """An actor mention: a cast member (linked) by name or alias, or a generic one."""
        if rng.random() < 0.12:
            start, end = s.mark(rng.choice(GENERIC))
            s.spans.append(Span(key, "Actor", [(start, end)], {"type": "other"}))
            return
        entity = rng.choice(among or cast)
        text = entity.name if entity.id not in seen else rng.choice([entity.name, *entity.aliases])
        seen.add(entity.id)
        start, end = s.mark(text)
        s.spans.append(Span(key, "Actor", [(start, end)], {"type": entity.type}, entity.id))

    def _quote(
        self, rng: random.Random, cast: list[Entity], seen: set[str], cue: bool, cue_relation: bool
    ) -> _Sentence:
        s = _Sentence()
        verb, tail = rng.choice(CUES)
        tail = self._fill(rng, tail, cast)
        roll = rng.random()
        body = self._fill(rng, rng.choice(QUOTES), cast)
        if roll < 0.08:  # discontinuous: “A,” X said. “B.”
            s.add("“")
            first = s.mark(body)
            s.add(",” ")
            self._mention(rng, s, "speaker", cast, seen)
            s.add(" ")
            verb_span = s.mark(verb)
            s.add(f"{tail}. “")
            second = s.mark(self._fill(rng, rng.choice(QUOTES), cast))
            s.add(".”")
            s.spans.append(Span("quote", "Quote", [first, second], {"form": "direct"}))
        elif roll < 0.55:  # “A,” X said.
            s.add("“")
            quote = s.mark(body)
            s.add(",” ")
            self._mention(rng, s, "speaker", cast, seen)
            s.add(" ")
            verb_span = s.mark(verb)
            s.add(f"{tail}.")
            s.spans.append(Span("quote", "Quote", [quote], {"form": "direct"}))
        elif roll < 0.8:  # X said that ...
            self._mention(rng, s, "speaker", cast, seen)
            s.parts[0] = s.parts[0][0].upper() + s.parts[0][1:]
            s.add(" ")
            verb, tail = rng.choice((("said", ""), ("warned", ""), ("told", " reporters")))
            verb_span = s.mark(verb)
            s.add(f"{tail} that ")
            quote = s.mark(self._fill(rng, rng.choice(CLAUSES), cast))
            s.add(".")
            s.spans.append(Span("quote", "Quote", [quote], {"form": "indirect"}))
        else:  # X said: “A.”
            self._mention(rng, s, "speaker", cast, seen)
            s.parts[0] = s.parts[0][0].upper() + s.parts[0][1:]
            s.add(" ")
            verb_span = s.mark(verb)
            s.add(f"{tail}: “")
            quote = s.mark(body + (" 🙏" if rng.random() < 0.03 else "."))
            s.add("”")
            s.spans.append(Span("quote", "Quote", [quote], {"form": "direct"}))
        s.relations.append(("speaker", "quote", "speaker"))
        if cue:
            s.spans.append(Span("cue", "Cue", [verb_span]))
            if cue_relation:
                s.relations.append(("cue", "quote", "cue"))
        return s

    def _demand(
        self, rng: random.Random, cast: list[Entity], seen: set[str], addressee: bool
    ) -> _Sentence:
        s = _Sentence()
        self._mention(rng, s, "claimant", cast, seen)
        s.parts[0] = s.parts[0][0].upper() + s.parts[0][1:]
        s.add(" ")
        noun, action, issue = rng.choice(ISSUES)
        if addressee:
            start = s.add(rng.choice(CALL_VERBS) + " ") - len(s.parts[-1])
            claimant = s.spans[0].entity
            others = [e for e in cast[-2:] if e.id != claimant]  # a state or an organisation
            self._mention(rng, s, "addressee", cast, seen, others)
            end = s.add(" to " + self._fill(rng, action, cast))
            s.relations.append(("addressee", "demand", "addressee"))
            position = "for"
        elif rng.random() < 0.2:
            start, end = s.mark("rejected calls for " + self._fill(rng, noun, cast))
            position = "against"
        else:
            start, end = s.mark(f"{rng.choice(DEMAND_VERBS)} {self._fill(rng, noun, cast)}")
            position = "for"
        s.add(rng.choice((".", f" {self._fill(rng, '{time}', cast)}.", ", officials said.")))
        attrs = {"issue": issue, "position": position}
        s.spans.append(Span("demand", "Demand", [(start, end)], attrs))
        s.relations.append(("claimant", "demand", "claimant"))
        return s

    def _plain(self, rng: random.Random, template: str, cast: list[Entity]) -> _Sentence:
        s = _Sentence()
        s.add(self._fill(rng, template, cast))
        return s

    def _extra_mention(self, rng: random.Random, cast: list[Entity], seen: set[str]) -> _Sentence:
        s = _Sentence()
        before, after = rng.choice(MENTION).split("{actor}")
        if before:
            s.add(before)
        self._mention(rng, s, "actor", cast, seen)
        if not before:
            s.parts[0] = s.parts[0][0].upper() + s.parts[0][1:]
        s.add(self._fill(rng, after, cast))
        return s

    def body(self, rng: random.Random, chars: int) -> tuple[str, list[Span], list]:
        """About ``chars`` characters with exactly 10 annotations and 5 relations."""
        cast = rng.sample(self.persons, rng.randint(2, 4)) + rng.sample(self.orgs, 1)
        cast += rng.sample(self.states, 1)
        seen: set[str] = set()
        quotes, demands, addressed, cues, cue_rels, extra = rng.choices(PROFILES, PROFILE_WEIGHTS)[
            0
        ]
        events = [self._quote(rng, cast, seen, i < cues, i < cue_rels) for i in range(quotes)] + [
            self._demand(rng, cast, seen, i < addressed) for i in range(demands)
        ]
        events += [self._extra_mention(rng, cast, seen) for _ in range(extra)]
        rng.shuffle(events)
        size = sum(e.size + 1 for e in events)
        fillers: list[_Sentence] = []
        templates: list[str] = []
        while size < chars - 60:
            if not templates:  # each template once, in a new order, before any repeats
                templates = rng.sample(FILLER, len(FILLER))
            roll = rng.random()
            if roll < 0.15:  # more speech and names than are annotated, as in a real article
                f = self._quote(rng, cast, set(), False, False)
            elif roll < 0.22:
                f = self._extra_mention(rng, cast, seen)
            else:
                f = self._plain(rng, templates.pop(), cast)
            f.spans, f.relations = [], []
            fillers.append(f)
            size += f.size + 1
        # The lede is a plain sentence when there is one; events are spread among the rest.
        order: list[_Sentence] = fillers[:1]
        rest = fillers[1:]
        for event in events:
            rest.insert(rng.randint(0, len(rest)), event)
        order += rest
        parts: list[str] = []
        offset = 0
        spans: list[Span] = []
        relations: list[tuple[str, int, int]] = []
        left_in_paragraph = rng.randint(1, 4)
        for n, sentence in enumerate(order):
            if n:
                left_in_paragraph -= 1
                sep = " " if left_in_paragraph > 0 else "\n\n"
                if left_in_paragraph <= 0:
                    left_in_paragraph = rng.randint(1, 4)
                parts.append(sep)
                offset += len(sep)
            keys: dict[str, int] = {}
            for span in sentence.spans:
                span.fragments = [(a + offset, b + offset) for a, b in span.fragments]
                keys[span.key] = len(spans)
                spans.append(span)
            relations += [(t, keys[a], keys[b]) for t, a, b in sentence.relations]
            parts.append(sentence.text())
            offset += sentence.size
        return "".join(parts), spans, relations

    def article(self, number: int, rng: random.Random, chars: int = 3000) -> Article:
        text, spans, relations = self.body(rng, chars)
        source = rng.choice(SOURCES)
        title = self._fill(rng, rng.choice(TITLES), self.persons[:50])
        year, month, day = rng.randint(2022, 2025), rng.randint(1, 12), rng.randint(1, 28)
        domain = source.lower().replace(" ", "").replace("ü", "ue").replace("í", "i")
        domain = domain.replace("ú", "u")
        slug = "-".join(w.lower() for w in title.split()[:5] if w.isascii() and w.isalpha())
        return Article(
            title=title,
            source=source,
            url=f"https://{domain}.example/{year}/{month:02d}/{slug}-{number}",
            published=f"{year}-{month:02d}-{day:02d}",
            section=rng.choice(SECTIONS),
            text=text,
            spans=spans,
            relations=relations,
        )

    def long_article(self, rng: random.Random, chunks: int = 1000, chars: int = 1020) -> Article:
        """One article of ``chunks`` × ``chars`` characters with 10 annotations per chunk."""
        parts: list[str] = []
        spans: list[Span] = []
        relations: list[tuple[str, int, int]] = []
        offset = 0
        for n in range(chunks):
            if n:
                parts.append("\n\n")
                offset += 2
            text, chunk_spans, chunk_relations = self.body(rng, chars - 2)
            for span in chunk_spans:
                span.fragments = [(a + offset, b + offset) for a, b in span.fragments]
            relations += [(t, a + len(spans), b + len(spans)) for t, a, b in chunk_relations]
            spans += chunk_spans
            parts.append(text)
            offset += len(text)
        return Article(
            title="Live: the negotiations, hour by hour (a 1 MB article)",
            source="Reuters",
            url="https://reuters.example/live/negotiations",
            published="2025-06-30",
            section="world",
            text="".join(parts),
            spans=spans,
            relations=relations,
        )
