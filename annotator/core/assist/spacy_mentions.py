"""The actor mentions of one parsed text, for the ``spacy`` engine: named entities (places
used as locations, nationality adjectives and datelines left out), proper nouns the model did
not tag, descriptions of actors, and pronoun speakers with what they refer to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from annotator.core.assist.spacy_rules import (
    ACTOR_LABELS,
    BARE_NOUNS,
    BUILDING,
    GENERIC_DETS,
    LEFT_DEPS,
    ORG_NAME_WORDS,
    OTHER_LABELS,
    PLACE_LABELS,
    PLACE_LIKE,
    PRONOUNS,
    TITLES,
    Mention,
    chars,
    descriptive_range,
    first_of_sentence,
    is_nationality,
    locational,
    lowered,
    noun_class,
    noun_sort,
    trimmed,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: "PORT LISLE — ": where a text starts with one, the place is no actor.
DATELINE = regex.compile(r"\s*\p{Lu}[\p{Lu}\s.’'\-]*\s[—–]\s")
SUBJECTS = ("nsubj", "nsubjpass")


class Mentions:
    """The actor mentions of one parsed text, and who its speakers are."""

    def __init__(self, doc: Doc, quote_of: dict[int, int]) -> None:
        self.doc = doc
        self.text = doc.text  # (spaCy builds it anew on every access)
        self.quote_of = quote_of
        dateline = DATELINE.match(self.text)
        self._dateline = dateline.end() if dateline else 0
        self.names: dict[int, Mention] = {}  # every token of a name -> the name
        self.found: dict[tuple[int, int], Mention] = {}
        self.spoken: list[Mention] = []  # the speakers so far, in text order
        self.alias: dict[str, Mention] = {}  # a description's head -> the name apposed to it
        self.gender: dict[str, str] = {}  # a name's last word -> "he" or "she"
        parts = [part for entity in doc.ents for part in self._parts(entity)]
        for first, last, label in parts:
            self._entity(first, last, label)
        for token in doc:
            self._bare_name(token)
        for token in doc:
            self._description(token)

    def all(self) -> list[Mention]:
        """The mentions to suggest, none overlapping: speakers, then names, then longer."""
        kept: list[Mention] = []
        order = sorted(
            self.found.values(),
            key=lambda m: (m not in self.spoken, m.kind != "name", m.start - m.end),
        )
        for mention in order:
            if all(mention.end <= k.start or k.end <= mention.start for k in kept):
                kept.append(mention)
        return sorted(kept, key=Mention.key)

    # -- names ----------------------------------------------------------------------------

    def _parts(self, entity: Span) -> list[tuple[int, int, str]]:
        """An entity's names, [first, last] and label; a possessive splits it ("[Norway]’s
        [National Museum]")."""
        label = entity.label_
        if label in OTHER_LABELS and lowered(entity) & ORG_NAME_WORDS:
            label = "ORG"
        if label not in ACTOR_LABELS or entity.end_char <= self._dateline:
            return []
        parts, first = [], entity.start
        if entity.end - first > 2 and self.doc[first + 1].tag_ == "POS":
            parts.append((first, first, "GPE"))  # a one-word possessor: a state, mostly
            first += 2
        parts.append((first, entity.end - 1, label))
        kept = []
        for part_first, part_last, part_label in parts:
            cut = trimmed(self.doc, part_first, part_last, part_label)
            if cut is not None:
                kept.append((*cut, part_label))
        return kept

    def _root(self, first: int, last: int) -> Token:
        for token in self.doc[first : last + 1]:
            if not first <= token.head.i <= last or token.head.i == token.i:
                return token
        return self.doc[last]

    def _entity(self, first: int, last: int, label: str) -> None:
        doc = self.doc
        root = self._root(first, last)
        single = first == last
        if label == "NORP" and (root.pos_ == "ADJ" or root.dep_ in ("amod", "compound")):
            return  # a nationality adjective ("the Swedish negotiator")
        if single and is_nationality(root) and root.head.pos_ == "NOUN":
            return
        title = last + 1 < len(doc) and doc[last + 1].lower_ in TITLES
        if single and root.dep_ == "compound" and title:
            return  # "[Defence] Minister Jon Dahl"
        orgish = bool(lowered(doc[first : last + 1]) & ORG_NAME_WORDS)
        if (label in PLACE_LABELS or (single and not orgish)) and locational(root):
            return  # a place used as a location ("talks in Geneva")
        if (single and noun_class(root)) or not any(
            t.text[:1].isupper() for t in doc[first : last + 1]
        ):
            return  # "Parliament", "the health ministry": a description, not a name
        self._name(first, last, self._sort(first, last, label), root.i)

    def _name(self, first: int, last: int, sort: str, head: int) -> Mention:
        mention = Mention(*chars(self.doc, first, last), "name", sort, head)
        mention = self.found.setdefault(mention.key(), mention)
        for index in range(first, last + 1):
            self.names.setdefault(index, mention)
        return mention

    def _sort(self, first: int, last: int, label: str) -> str:
        """What a pronoun may call a name: the model's label, unless the words (an
        organisation's), an apposition ("…, a teacher", "…, 34,") or a surname used alone
        elsewhere (a person's) say otherwise."""
        doc = self.doc
        if lowered(doc[first : last + 1]) & ORG_NAME_WORDS:
            return "org"
        if label in PLACE_LABELS:
            return "place"
        if label == "NORP":
            return "plural"
        root = self._root(first, last)
        related = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos":
            related.append(root.head)
        if any(noun_class(r) == "org" and r.pos_ == "NOUN" for r in related):
            return "org"  # "Vessko, the state-owned company"
        if any(noun_class(r) in ("role", "people") or r.pos_ == "NUM" for r in related):
            return "person"
        if any(
            c.dep_ == "relcl" and any(g.lower_ == "who" for g in c.children) for c in root.children
        ):
            return "person"  # "…, who chairs the board,"
        if label == "PERSON" or (first > 0 and doc[first - 1].lower_.strip(".") in TITLES):
            return "person"
        surname = doc[last].text
        if first < last and any(
            t.text == surname and t.i != last and doc[t.i - 1].pos_ != "PROPN" for t in doc
        ):
            return "person"
        return "org"

    def _bare_name(self, token: Token) -> None:
        """A subject, object or apposition that is a proper noun the model did not tag."""
        if (
            token.pos_ != "PROPN"
            or token.i in self.names
            or token.ent_type_
            or token.idx < self._dateline
            or token.dep_ not in (*SUBJECTS, "appos", "conj", "poss", "dobj")
            or not token.text[:1].isupper()
            or noun_class(token)
            or token.lower_ in TITLES
            or locational(token)
        ):
            return
        self._proper(token)

    def _proper(self, token: Token) -> Mention:
        """The proper nouns ending at ``token`` as a name."""
        if token.i in self.names:
            return self.names[token.i]
        doc = self.doc
        first = token.i
        for child in token.lefts:
            if child.dep_ in ("compound", "nmod", "punct") and child.pos_ in ("PROPN", "PUNCT"):
                first = min(first, child.left_edge.i)
        while first < token.i and (doc[first].lower_ == "the" or doc[first].is_punct):
            first += 1
        while first < token.i and doc[first].lower_.strip(".") in TITLES:
            first += 1
        return self._name(first, token.i, self._sort(first, token.i, ""), token.i)

    # -- descriptions ---------------------------------------------------------------------

    def _description(self, token: Token) -> None:
        kind = noun_class(token)
        if not kind or token.i in self.names or token.idx < self._dateline:
            return
        if token.dep_ in ("compound", "amod") and token.head.i != token.i:
            return  # "a police spokesman", "union rules"
        if token.i + 1 in self.names:
            return  # "the charity Red Harbour": the name is the mention
        det = next((c for c in token.lefts if c.dep_ in ("det", "poss")), None)
        if det is not None and det.lower_ in GENERIC_DETS | {"my", "our", "your"}:
            return  # "every museum"; "our parents" (the speaker's own)
        plural = token.tag_ in ("NNS", "NNPS")
        bare = not any(c.dep_ in LEFT_DEPS - {"punct", "case"} for c in token.lefts)
        if bare and not (
            token.lower_ in BARE_NOUNS
            or (plural and kind == "role")
            or (plural and token.dep_ in SUBJECTS and first_of_sentence(token, self._dateline))
        ):
            return  # "students", "office": people or things at large
        if kind == "org" and token.lemma_.lower() in PLACE_LIKE and locational(token, BUILDING):
            return  # "outside the court"
        indefinite = det is not None and det.lower_ in ("a", "an")
        if indefinite and (token.i in self.quote_of or token.dep_ == "attr"):
            return  # "is no longer a central bank"
        self._describe(token)

    def _describe(self, token: Token) -> Mention:
        first, last = descriptive_range(token, self.names)
        mention = Mention(*chars(self.doc, first, last), "descriptive", noun_sort(token), token.i)
        mention = self.found.setdefault(mention.key(), mention)
        name = self._apposed_name(token)
        if name is not None:
            self.alias.setdefault(token.lemma_.lower(), name)
        return mention

    def _apposed_name(self, token: Token) -> Mention | None:
        """The name in apposition to a description ("Its chairman, Ola Berg", "the
        rector of Lund University, Eva Holm", "the losing bidder, the firm Kemi Oy")."""
        if token.i in self.names:
            return None
        if token.dep_ == "appos" and token.head.i in self.names:
            return self.names[token.head.i]
        near = [c for c in token.children if c.dep_ == "appos"]
        near += [g for c in near for g in c.children if g.dep_ == "appos"]
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                near += [g for g in pobj.children if g.dep_ == "appos"]
        named = [self.names[c.i] for c in near if c.i in self.names]
        return named[0] if named else None

    # -- speakers -------------------------------------------------------------------------

    def speaker(self, token: Token | None) -> Mention | None:
        """The mention the subject ``token`` of a cue names (added to the mentions); for a
        pronoun, the pronoun is added and what it refers to returned."""
        if token is None:
            return None
        word = token.lower_
        if word in PRONOUNS:
            pronoun = Mention(
                *chars(self.doc, token.i, token.i), "pronoun", PRONOUNS[word], token.i
            )
            self.found[pronoun.key()] = pronoun
            target = self._resolve(pronoun, word)
            if target is not None and target.kind == "name" and word in ("he", "she"):
                self.gender.setdefault(self._last_word(target), word)
        else:
            target = self._named_by(token)
        if target is not None:
            self.spoken.append(target)
        return target

    def _named_by(self, token: Token) -> Mention | None:
        name = self._apposed_name(token)
        if name is not None:
            if (noun_class(token) or token.pos_ == "NOUN") and token.i + 1 not in self.names:
                self._describe(token)  # "[Its chairman], [Ola Berg], said"
            return name
        if token.i in self.names:
            return self.names[token.i]
        if token.pos_ == "PROPN" and token.text[:1].isupper() and not noun_class(token):
            return self._proper(token)
        if token.pos_ in ("NOUN", "PROPN"):
            return self._describe(token)
        return None

    def _last_word(self, mention: Mention) -> str:
        return self.text[mention.start : mention.end].split()[-1].casefold()

    def _resolve(self, pronoun: Mention, word: str) -> Mention | None:
        """What a pronoun speaker refers to: the last speaker it fits, unless a name it fits
        came after; a definite description ("the company") stands for the name before it.
        "he"/"she" fit people, "it" organisations, "they" groups; never a place."""

        def fits(m: Mention) -> bool:
            if pronoun.sort == "person":
                known = self.gender.get(self._last_word(m), word) if m.kind == "name" else word
                return m.sort == "person" and known == word
            if pronoun.sort == "org":
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
        if not names:
            return last
        newest = names[-1]
        if last is None or (
            newest.start > last.start and self._last_word(newest) != self._last_word(last)
        ):
            return self._best_name(names)
        if last.kind == "descriptive" and self._definite(last):
            alias = self.alias.get(self.doc[last.head].lemma_.lower())
            if alias is not None and fits(alias):
                return alias
            earlier = [n for n in names if n.start < last.start]
            if earlier and pronoun.sort != "plural":
                return self._best_name(earlier)
        return last

    def _definite(self, mention: Mention) -> bool:
        head = self.doc[mention.head]
        return any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)

    def _best_name(self, names: list[Mention]) -> Mention:
        """The last name, or a subject among the last few (an organisation named in passing
        is less likely what "it" means)."""
        for mention in reversed(names[-3:]):
            head = self.doc[mention.head]
            if mention in self.spoken or head.dep_ in SUBJECTS:
                return mention
            if head.dep_ == "appos" and head.head.dep_ in SUBJECTS:
                return mention
        return names[-1]
