"""A matched trigger's arguments, read from the parse: its parties (through the mention
layer), kind, date, place and status."""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from spacy.attrs import ENT_TYPE, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ...facts import DateMention, Party, model_entity_range, words_text
from ...layout import layout_of
from ...syntax import PrepositionalObjects, Syntax, string_ids
from .. import mentions
from ..gazetteer import country_aliases, gazetteer_data
from ..dependency import Parse
from ..patterns import Match
from .records import Home, Place
from .words import MeetingWords
from ...sentences import sentence_at, sentence_of

PLACE_TYPES = ("GPE", "LOC", "FAC")
PLACE_TYPE_SET = frozenset(PLACE_TYPES)
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
PREDICATE = frozenset({"VERB", "AUX"})
FINITE_TAGS = ("VBD", "VBZ", "VBP")
TRIP_LOOK_BACK = 2  # sentences before a venue in which a trip's destination is its city
MAX_CLIMB = 4  # heads between a date or place and its trigger
TITLE_CLIMB = 3  # heads between a name inside a title and the person it titles
LIST_RELATIONS = frozenset({"conj", "appos", "parataxis", "list"})  # UD and ClearNLP alike
LINEAR_REACH = 12  # words between a trigger and its "with"/"between" read by the fallback


@dataclass
class Sides:
    """Who takes part: the named parties, and whether a side names nobody ("his counterparts")."""

    parties: list[Party] = field(default_factory=list)
    unnamed: bool = False
    tokens: list[Token] = field(default_factory=list)  # the argument words read
    subjects: list[Party] = field(default_factory=list)  # the parties read as subjects
    fallback: list[Party] = field(default_factory=list)  # the parties read only by a fallback role

    def merge(self, other: "Sides") -> None:
        """Another pattern's reading of the same trigger; a fallback role's parties stay only
        while no pattern names anyone else ("held the meeting of the working group": the
        holders, though the noun's own pattern, alone, reads the group)."""
        named = [p for p in self.parties if p not in self.fallback] + \
            [p for p in other.parties if p not in other.fallback]
        for party in other.parties:
            self.add(party)
        self.fallback = [p for p in self.fallback + other.fallback if p not in named]
        if named:
            self.parties = [p for p in self.parties if p not in self.fallback]
        self.unnamed |= other.unnamed
        self.tokens += other.tokens
        self.subjects += [p for p in other.subjects if p not in self.subjects]

    def add(self, party: Party) -> None:
        if all(mentions.party_key(p) != mentions.party_key(party) for p in self.parties):
            self.parties.append(party)


class ArgumentReader:
    def __init__(self, syntax: Syntax, words: MeetingWords) -> None:
        self.syntax = syntax
        self.w = words
        self._dated: tuple[Doc, list[DateMention], list[int]] | None = None  # the last doc's dates, by token
        self._lead: tuple | None = None  # the last doc's news peg
        self._columns: tuple[Doc, dict[int, list[int]]] | None = None  # the last doc's token attributes, as ids
        self._phrases: tuple[Doc, dict[int, PrepositionalObjects]] | None = None  # the last doc's, by word
        self._words: tuple[Match, list[Token]] | None = None  # the last match's words: date, place, new date ask
        self._modifying: tuple[Match, frozenset[str]] | None = None  # the last match's: again, another ask
        self._name_heads: tuple[Doc, list[int]] | None = None  # the last doc's names' head words, in order
        self._word_lists: tuple[Doc, dict[frozenset[str], bool]] | None = None  # the last doc's: which it holds
        self._places: tuple[Doc, dict[tuple[int, int], Place | None]] | None = None  # the last doc's, by word, depth
        self._holders: tuple[Doc, dict[tuple[int, int], frozenset[int]]] | None = None  # the last doc's, by date span
        countries = gazetteer_data().gpe
        self.countries = frozenset(name for name, country in countries.items() if name == country) \
            | frozenset(country_aliases())

    # ------------------------------------------------------------------ parties

    def sides(self, match: Match) -> Sides:
        sides = Sides()
        for node, roles in match.pattern.roles.items():
            token = match.nodes.get(node)
            for role in roles if token is not None else ():
                if self._skipped(role, sides):
                    continue  # "held the meeting of the working group": the holders, not the group
                args = self._role(token, self.w.fallback_roles.get(role) or self.w.lone_roles.get(role, role))
                if role in self.w.partner_roles and args and token.pos_ in NOMINAL:
                    sides.unnamed = True  # "a meeting with X": whoever holds it is the other side
                before = len(sides.parties)
                for arg in args:
                    sides.tokens.append(arg)
                    self._take(arg, sides, role)
                if role == "subject":
                    sides.subjects += sides.parties[before:]
                if role in self.w.fallback_roles:
                    sides.fallback += sides.parties[before:]
                wanted = 2 if role in self.w.plural_roles else 1
                if role in self.w.linear_roles and len(sides.parties) - before < wanted:
                    self._take_linear(token, role, sides)  # "between X and Y" names two
        return sides

    def _skipped(self, role: str, sides: Sides) -> bool:
        """A fallback role once others named someone; an attendee once a gathering's
        organisation is named ("X attended the NATO summit": NATO alone); a lone role
        unless the others named one party beside an unnamed other side."""
        if role in self.w.lone_roles:
            return not (len(sides.parties) == 1 and sides.unnamed)
        if role not in self.w.fallback_roles or not sides.parties:
            return False
        return role not in self.w.attendee_roles or any(
            (r := mentions.reference_at(t)) is not None and "ORG" in r.types for t in sides.tokens)

    def _take_linear(self, token: Token, role: str, sides: Sides) -> None:
        """Fallback for a parse that breaks a party list ("a meeting in Dakar between Labour
        Minister X and Y", parsed with X inside "Dakar"; "concluded negotiations on the
        Trans-Pacific Partnership (TPP) with Japan", "with" hung on the topic): the names
        after the preposition, read in order up to the end of the list, where no verb
        comes between."""
        doc, lowers, wanted = token.doc, self._column(token.doc, LOWER), get_string_id(role)
        reach = min(sentence_of(token).end, token.i + LINEAR_REACH + 1)
        within = lowers[token.i + 1:reach]
        if wanted not in within:
            return
        mark = doc[token.i + 1 + within.index(wanted)]
        if any(t.pos_ in PREDICATE for t in Span(doc, token.i + 1, mark.i)):
            return  # "pressure at the summit from X to meet with Y": another verb's "with"
        for party in _listed_after(mark, self.w.list_stops):
            sides.add(party)

    def _role(self, token: Token, role: str) -> list[Token]:
        if role == "subject":
            return self._subjects(token)
        if role in ("object", "named_object"):
            return self.syntax.objects(token)
        if role == "self":
            return [token, *self._owners_in_name(token)]
        if role in ("party", "named_party"):
            return [token]
        if role == "reporter":
            return self._reporters(token)
        if role == "clause_agent":  # "The meeting, attended by X and Y", "joined by officials from Austria"
            return [obj for c in token.children if self.syntax.is_clausal(c)
                    for prep, obj in self.syntax.prepositional_objects(c) if prep in self.w.agent_prepositions]
        if role == "at_organisation":  # "met at the World Health Organization": the body hosts it
            return [obj for prep, obj in self.syntax.prepositional_objects(token)
                    if prep in self.w.place_prepositions and self._organisation(obj)]
        if role == "possessor":
            return self.syntax.possessors(token)
        if role == "compound":  # "U.S.-China talks"; a counted group: "six-nation talks"
            return [t for t in self.syntax.core(token) if t.i != token.i and (t.pos_ == "PROPN" or _group_word(t))]
        return [obj for prep, obj in self._phrases_with_particles(token) if prep == role]

    def _phrases_with_particles(self, token: Token) -> PrepositionalObjects:
        """The prepositional phrases on a word and on its particles (read once per word of
        the last document: each role of each pattern asks for its preposition)."""
        if self._phrases is None or self._phrases[0] is not token.doc:
            self._phrases = (token.doc, {})
        known = self._phrases[1]
        if token.i not in known:
            known[token.i] = tuple(x for word in [token, *self._particles(token)]
                                   for x in self.syntax.prepositional_objects(word))
        return known[token.i]

    @staticmethod
    def _owners_in_name(token: Token) -> list[Token]:
        """The names inside a gathering's own name ("the Commonwealth Heads of Government
        Meeting": the Commonwealth), where the name itself is no entity."""
        if mentions.reference_at(token) is not None:
            return []
        start, end = model_entity_range(token) if token.ent_iob_ in ("B", "I") else (token.i, token.i)
        named = [mentions.reference_at(t) for t in Span(token.doc, start, end) if t.i != token.i]
        return [token.doc[r.head] for r in named if r is not None and r.how in ("name", "alias")]

    def _reporters(self, noun: Token) -> list[Token]:
        """"The union said talks with the airline had failed", "Sharif says the issue was
        resolved during a lunch with Zardari": the subject of the verb reporting the clause
        the meeting word is in, where that clause names no party of its own as subject."""
        verb = clause_verb(noun.head)
        if any(s.i != noun.i and mentions.parties(s, mentions.PARTICIPANT) for s in self.syntax.subjects(verb)):
            return []  # "the ministry said X held talks with Y": X holds them
        if verb.dep_ not in self.syntax.s.complement or verb.head.lemma_.lower() not in self.w.reporting:
            return []
        return self.syntax.subjects(verb.head)

    def _particles(self, token: Token) -> list[Token]:
        """Adverbs a verb's phrase hangs on: "handed it *back* to X", "*along* with X"."""
        return [c for c in token.children if c.pos_ in ("ADV", "ADP") and c.dep_ not in self.syntax.s.prepositional]

    def _subjects(self, verb: Token) -> list[Token]:
        """The verb's subjects, or those of the verb it completes: "will travel to Tokyo to
        meet" (the traveller), "invited the Prime Minister to attend" (the one invited),
        "with both sides agreeing to meet again" (the noun the participle describes)."""
        found = self.syntax.subjects(verb)
        if not found and verb.tag_ in FINITE_TAGS and verb.dep_ in self.syntax.s.noun_clause:
            return [verb.head]  # "X and Y met in Nairobi" parsed with "met" modifying X: a finite verb has a subject
        while not found and self.syntax.is_clausal(verb) and verb.head.i != verb.i:
            if verb.tag_ == "VBG" and verb.dep_ in self.syntax.s.noun_clause:
                return [verb.head]
            controller = self.syntax.objects(verb.head)
            verb = verb.head
            found = controller or self.syntax.subjects(verb)
        return found

    def _take(self, token: Token, sides: Sides, role: str) -> None:
        conjuncts = [] if role == "self" else list(token.conjuncts)  # "a visit to Indonesia and to the Forum"
        for arg in [token, *conjuncts]:
            if arg.idx < layout_of(arg.doc).dateline_end:
                continue  # "(Reuters) - Economy ministers ...": the agency is nobody's party
            if role == "compound" and not self._country_or_named(arg):
                continue  # "the Geneva talks": a city names the place, not a party
            found = [p for p in mentions.parties(arg, mentions.PARTICIPANT) if not self._city(arg, p)]
            for party in found + self._named_inside(arg):
                sides.add(party)
            if not found and arg.pos_ in NOMINAL and not role.startswith("named_"):
                sides.unnamed = True  # "met with his counterparts"; "received an award" names nobody

    def _named_inside(self, token: Token) -> list[Party]:
        own = mentions.reference_at(token)
        kinds = ("PERSON", "ORG") if own is not None and own.types == ["ORG"] else ("PERSON",)
        return self._named_below(token, kinds)

    def _named_below(self, token: Token, kinds: tuple[str, ...]) -> list[Party]:
        """Parties named inside the phrase, for a parse that hangs one name on another:
        "Kenyan Agriculture Minister X and Ugandan Trade Minister Y met" parsed with Y as
        the subject and X deep in its modifiers. Prepositional phrases, clauses and
        possessors are not entered."""
        if not self._names_under(token):
            return []  # no name heads a phrase among the words around it: nothing to walk to
        found: list[Party] = []
        stack = [c for c in token.children]
        while stack:
            child = stack.pop()
            if child.dep_ in self.syntax.s.prepositional or self.syntax.is_clausal(child) \
                    or child.dep_ in self.syntax.s.possessive or child.dep_ in ("case", "punct"):
                continue
            ref = mentions.reference_at(child)
            if ref is not None and ref.head == child.i and ref.how in ("name", "alias"):
                allowed = (*kinds, "ORG") if child.dep_ == "conj" else kinds
                found += [p for p, t in zip(ref.parties, ref.types) if t in allowed and p not in found]
            stack.extend(child.children)
        return found

    def _names_under(self, token: Token) -> bool:
        """Whether a name heads a reference between the word's edges (the word aside): the
        phrases under most arguments hold none ("Prime Minister X" is X's own), and then no
        walk down them. The heads are read once per Doc."""
        doc = token.doc
        if self._name_heads is None or self._name_heads[0] is not doc:
            self._name_heads = (doc, sorted(r.head for r in doc._.references or [] if r.how in ("name", "alias")))
        heads = self._name_heads[1]
        between = heads[bisect.bisect_left(heads, token.left_edge.i):bisect.bisect_right(heads, token.right_edge.i)]
        return any(i != token.i for i in between)

    def _city(self, token: Token, party: Party) -> bool:
        """A place that is no country takes part in nothing ("travel to Ottawa for talks")."""
        ref = mentions.reference_at(token)
        if ref is None:
            return False
        return any(p == party and t in PLACE_TYPES and p.name not in self.countries
                   for p, t in zip(ref.parties, ref.types))

    @staticmethod
    def _organisation(token: Token) -> bool:
        ref = mentions.reference_at(token)
        return ref is not None and ref.types == ["ORG"]

    def _country_or_named(self, token: Token) -> bool:
        ref = mentions.reference_at(token)
        if ref is None or not ref.parties:
            return False
        return any(t not in PLACE_TYPES or p.name in self.countries for p, t in zip(ref.parties, ref.types))

    # ------------------------------------------------------------------ kind

    def kind(self, match: Match) -> str:
        info = match.pattern.info
        trigger = match.trigger
        lemma = trigger.lemma_.lower()
        kind = info.get("kinds", {}).get(lemma) or info.get("kind") or self.w.kinds.get(lemma) \
            or self.w.kinds.get(trigger.lower_, "meeting")
        if kind != "summit" and self._in_clause(match, self.w.call_cues):
            return "call"
        before = self._column(trigger.doc, LOWER)[trigger.left_edge.i:trigger.i]
        if kind == "meeting" and not string_ids(self.w.summit_cues).isdisjoint(before):
            return "summit"  # "the Commonwealth Heads of Government Meeting"
        return kind

    @staticmethod
    def neutral(match: Match) -> bool:
        """A verb that tells no medium ("they conferred"), as its pattern lists it; or any
        trigger of a headline, which names the article's encounter without its kind ("PMs
        meet on Friday" over "will hold their annual talks on Friday")."""
        trigger = match.trigger
        return trigger.lemma_.lower() in match.pattern.info.get("neutral", ()) \
            or layout_of(trigger.doc).in_header(trigger.idx)

    # ------------------------------------------------------------------ date and place

    def date(self, doc: Doc, match: Match) -> DateMention | None:
        """The first date attached to the trigger's own words; else to the verb a meeting
        noun hangs on; else to its sentence's main verb, unless a span of days (a trip's:
        "will travel to Tokyo November 19-21 to meet")."""
        sent = sentence_of(match.trigger)
        dated = self._dates_in(doc, sent.start, sent.end)
        root = sent.root
        reported = root.lemma_.lower() in self.w.reporting and root not in match.nodes.values()
        levels = [list(match.nodes.values()), self.words_of(match)[len(match.nodes):], [] if reported else [root]]
        for level, words in enumerate(levels):
            if level == len(levels) - 1:
                dated = [d for d in dated if not self._in_span(d, dated)]
            nodes = {t.i for t in words}
            found = next((d for d in dated if not nodes.isdisjoint(self._holders_of(doc, d))), None)
            if found is not None:
                return found
        return None

    @staticmethod
    def _in_span(date: DateMention, dated: list[DateMention]) -> bool:
        """One end of a span of days ("November 19-21" gives its first and its last day)."""
        return any(d is not date and (d.start, d.end) == (date.start, date.end) for d in dated)

    def _dates_in(self, doc: Doc, start: int, end: int) -> list[DateMention]:
        """The body's resolved dates that start between two tokens, in text order (the dates
        of a trigger's sentence: only they can hang on its words)."""
        if self._dated is None or self._dated[0] is not doc:
            dateline_end = layout_of(doc).dateline_end
            dated = sorted((d for d in doc._.dates or [] if d.value is not None and d.start >= dateline_end),
                           key=lambda d: d.token_start)
            self._dated = (doc, dated, [d.token_start for d in dated])
        _, dated, starts = self._dated
        return dated[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]

    def _holders_of(self, doc: Doc, date: DateMention) -> frozenset[int]:
        """The words a date may be attached to, read once per date of the last document (the
        date of each trigger, and the place on each of its words, ask for the dates of its
        sentence): its head word (its span's root) and the heads above it, up to MAX_CLIMB,
        the tree's root or the first predicate."""
        if self._holders is None or self._holders[0] is not doc:
            self._holders = (doc, {})
        holders, where = self._holders[1], (date.token_start, date.token_end)
        if where not in holders:
            holders[where] = _heads_up_to_predicate(Span(doc, *where).root)
        return holders[where]

    def vetoed(self, match: Match, sides: Sides) -> bool:
        """Press, contests, awards and legislatures: "sat down with the Berlin Gazette for an
        interview", "spoke to the Paris Courier", "met X in the semi-finals", "received the
        Pritzker Prize", "passed in the National Assembly"."""
        if any(o.lemma_.lower() in self.w.awards for o in self.syntax.objects(match.trigger)):
            return True
        trigger = match.trigger
        named_as = words_text(trigger.doc, trigger.left_edge.i, trigger.i).lower()
        if any(event in named_as for event in self.w.public_events):
            return True  # "a Town Hall meeting"
        named = f"{named_as} {trigger.lower_}"
        if named.endswith(self.w.legislatures):
            return True  # "passed in the National Assembly": parliament
        phrases = [obj for node in match.nodes.values()
                   for obj in [*self.syntax.objects(node), *(o for _, o in self.syntax.prepositional_objects(node))]]
        if any(t.lemma_.lower() in self.w.vetoes for t in phrases):
            return True
        return any(t.text.lower() in self.w.press_names and self._organisation(t) for t in sides.tokens)

    def separately(self, match: Match) -> bool:
        """"met X and Y separately": one encounter per party; the adverb may hang on any
        phrase of the trigger's own clause ("separately in Paris" parsed as modifying "Paris")."""
        return self._in_clause(match, self.w.separately)

    def _in_clause(self, match: Match, words: frozenset[str]) -> bool:
        """One of the words (lower case) in the clause of a matched node."""
        doc = match.trigger.doc
        if not self._in_doc(doc, words):
            return False  # none of the words in the article
        lowers, wanted = self._column(doc, LOWER), string_ids(words)
        if all(wanted.isdisjoint(lowers[n.left_edge.i:n.right_edge.i + 1]) for n in match.nodes.values()):
            return False  # none of the words under the nodes: no subtree to walk
        nodes = {n.i for n in match.nodes.values()}
        return any(t.lower_ in words and self._in_clause_of(t, nodes) for node in match.nodes.values()
                   for t in node.subtree)

    def _in_doc(self, doc: Doc, words: frozenset[str]) -> bool:
        """Whether one of the words (lower case) is in the Doc at all, asked once per Doc and
        list: the rules looking for a rare word ("here", "separately") around each trigger
        skip the search in the many articles without one."""
        if self._word_lists is None or self._word_lists[0] is not doc:
            self._word_lists = (doc, {})
        known = self._word_lists[1]
        if words not in known:
            known[words] = not string_ids(words).isdisjoint(self._column(doc, LOWER))
        return known[words]

    def _column(self, doc: Doc, attr: int) -> list[int]:
        """A token attribute of the Doc's words as ids (``LOWER``: lower case; ``ENT_TYPE``: the
        model's entity type), read once per Doc (from the patterns' reading): the rules scan
        words for them."""
        if self._columns is None or self._columns[0] is not doc:
            self._columns = (doc, {})
        columns = self._columns[1]
        if attr not in columns:
            columns[attr] = Parse.of(doc).column(attr).tolist()
        return columns[attr]

    def _in_clause_of(self, token: Token, nodes: set[int]) -> bool:
        """The token belongs to the clause of one of the nodes (no clause boundary between)."""
        while token.i not in nodes and token.head.i != token.i:
            if self.syntax.is_clausal(token):
                return False
            token = token.head
        return token.i in nodes

    def another(self, match: Match) -> bool:
        """"X will also meet with Y": another encounter beside the one reported."""
        return not self.neutral(match) and not self.w.another.isdisjoint(self._modifiers(match))

    def again(self, match: Match) -> bool:
        """"will meet again": the same partners as before."""
        return not self.w.again.isdisjoint(self._modifiers(match))

    def _modifiers(self, match: Match) -> frozenset[str]:
        """The words (lower case) hanging on the matched nodes, read once per match: "again"
        and "also" are looked for among them."""
        if self._modifying is None or self._modifying[0] is not match:
            self._modifying = (match, frozenset(c.lower_ for node in match.nodes.values() for c in node.children))
        return self._modifying[1]

    def new_date(self, doc: Doc, match: Match) -> DateMention | None:
        """"postponed until March 14", "put off to July 9": the new date of a moved encounter."""
        for word in self.words_of(match):
            if word.lemma_.lower() not in self.w.postpone:
                continue  # most words: their phrases are not read here
            for prep, obj in self.syntax.prepositional_objects(word):
                if prep in self.w.new_date_prepositions:
                    found = next((d for d in doc._.dates or [] if d.token_start <= obj.i < d.token_end), None)
                    if found is not None:
                        return found
        return None

    def event_place(self, match: Match, earlier: list) -> tuple[str, str | None] | None:
        """"on the sidelines of the summit": the place of the summit reported before."""
        for prep, obj in (x for node in match.nodes.values() for x in self.syntax.prepositional_objects(node)):
            if obj.lemma_.lower() in self.w.sidelines:
                kind = next((self.w.kinds.get(e.lemma_.lower()) for p, e in self.syntax.prepositional_objects(obj)
                             if p in self.w.of), None)
                return next((d.place for d in reversed(earlier) if d.kind == kind and d.place), None)
        return None

    def event_date(self, match: Match, earlier: list) -> DateMention | None:
        """"will join X for lunch after the talks": the day of the encounter reported before
        that the trigger's words are timed by."""
        for prep, obj in (x for node in match.nodes.values() for x in self.syntax.prepositional_objects(node)):
            kind = self.w.kinds.get(obj.lemma_.lower())
            if prep in self.w.timed_by and kind is not None and self.pointing_back(obj):
                return next((d.date for d in reversed(earlier) if d.kind == kind and d.date), None)
        return None

    def timing(self, noun: Token) -> bool:
        """"after the talks": a definite meeting noun that times another encounter points
        back to one reported before; it is no new one."""
        timed = any(obj.i == noun.i and prep in self.w.timed_by
                    for prep, obj in self.syntax.prepositional_objects(noun.head))
        return timed and self.pointing_back(noun)

    def pointing_back(self, noun: Token) -> bool:
        """"the talks", "their meeting": a meeting noun with a definite determiner."""
        return any(c.lower_ in self.w.definite for c in noun.children if c.i < noun.i)

    def words_of(self, match: Match) -> list[Token]:
        """The matched words, the clauses describing a meeting noun ("talks that had been due
        to take place in Brisbane on Wednesday"), and the predicate the noun hangs on with its
        objects ("talks took place in Florida", parsed with "in Florida" on "place"). Read once
        per match: its date, place and new date ask."""
        if self._words is None or self._words[0] is not match:
            self._words = (match, self._find_words(match))
        return self._words[1]

    def _find_words(self, match: Match) -> list[Token]:
        words = list(match.nodes.values())
        token = match.trigger
        if token.pos_ not in PREDICATE:
            words += [c for c in token.children if self.syntax.is_clausal(c)]
            words += [x for c in words[len(match.nodes):] for x in c.children if self.syntax.is_clausal(x)]
        while token.pos_ not in PREDICATE and token.head.i != token.i and not self.syntax.is_clausal(token):
            token = token.head
        if token.pos_ not in PREDICATE:
            return words
        return words + [token] + [o for o in self.syntax.objects(token) if o not in words]

    def place(self, doc: Doc, match: Match, kind: str, sides_of: list[Token]) -> tuple[str, str | None] | None:
        """Where: a place phrase on the trigger's words (or, as the parse often hangs it, on
        a party: "met X in Moscow"); a city naming the meeting ("the Singapore summit");
        else a trip's destination."""
        if kind == "call":
            return None
        for node in self.words_of(match) + sides_of:
            found = self._place_on(doc, node)
            if found is not None:
                return found
        return self._named_city(match.trigger) or self._destination(match.nodes.get("support", match.trigger)) \
            or self._presence(match.trigger, sides_of)

    def _presence(self, trigger: Token, sides_of: list[Token]) -> tuple[str, str | None] | None:
        """"Rice is in Germany, where she is expected to … Rice is meeting with X": where a
        copula put one of the parties in the sentences just before."""
        keys = {mentions.party_key(p) for t in sides_of for p in mentions.parties(t, mentions.PARTICIPANT)}
        doc = trigger.doc
        ent_types, places = self._column(doc, ENT_TYPE), string_ids(PLACE_TYPE_SET)
        for i in reversed(range(_sentences_before(trigger), sentence_of(trigger).start)):
            if ent_types[i] not in places:
                continue  # most words: no Token made, no subject read
            word = doc[i]
            place = self._present_at(word)  # "is in Germany"
            if place is not None and any(mentions.party_key(p) in keys for s in self.syntax.subjects(word)
                                         for p in mentions.parties(s, mentions.PARTICIPANT)):
                return place
        return None

    def _named_city(self, noun: Token) -> tuple[str, str | None] | None:
        """"the Singapore summit", "the Geneva talks": a city compound names the place."""
        for word in self.syntax.core(noun):
            ref = mentions.reference_at(word) if word.i < noun.i and word.pos_ == "PROPN" else None
            if ref is not None and ref.types[:1] == ["GPE"] and self._city(word, ref.parties[0]):
                return ref.parties[0].name, ref.parties[0].entity
        return None

    def earlier(self, match: Match) -> bool:
        """"the recent summit", "a conversation at the recent summit": an encounter before
        the news peg, which the lead's date does not date."""
        nodes = list(match.nodes.values())
        events = nodes + [obj for node in nodes for _, obj in self.syntax.prepositional_objects(node)]
        return any(c.lower_ in self.w.past_modifiers for event in events for c in event.children if c.i < event.i)

    def lead_date(self, doc: Doc, reference, trigger: Token) -> DateMention | None:
        """The news peg, for an encounter reported without a date of its own: for one named
        in the header ("Remarks ... Before their Meeting", "Readout of the President's Call
        with X") the header's printed date, else the last day-date of the first body
        paragraph; on or before the publication day (once per doc)."""
        if self._lead is None or self._lead[0] is not doc or self._lead[1] != reference:
            self._lead = (doc, reference, *self._find_lead_dates(doc, reference))
        layout = layout_of(doc)
        return self._lead[3] if layout.in_header(trigger.idx) and self._lead[3] else self._lead[2]

    @staticmethod
    def _find_lead_dates(doc: Doc, reference) -> tuple[DateMention | None, DateMention | None]:
        layout = layout_of(doc)
        text = doc._.source_text or doc.text
        end = text.find("\n", max(layout.dateline_end, layout.body_start))
        end = len(text) if end < 0 else end
        days = [d for d in doc._.dates or [] if d.granularity == "day" and d.value is not None
                and (reference is None or d.value <= reference.isoformat())]
        lead = [d for d in days if layout.body_start <= d.start < end and layout.dateline_end <= d.start]
        printed = [d for d in days if layout.in_header(d.start)]
        return (lead[-1] if lead else None), (printed[-1] if printed else None)

    def home(self, doc: Doc, text: str, reference: dt.date | None) -> Home:
        """Where the article puts itself (``text``: its source text): a header line's town,
        the dateline's on the day filed."""
        return Home(self._header_place(doc, text), self._dateline_place(doc),
                    reference.isoformat() if reference else None)

    @staticmethod
    def _header_place(doc: Doc, text: str) -> tuple[str, str | None] | None:
        """A header line that names a town or country and nothing else ("Geneva, Switzerland"
        under a readout's title and venue): where the encounters the article reports are;
        its first, the city."""
        header = layout_of(doc).header
        if not header:
            return None  # most articles: no place sorted
        places = sorted((s, e, ent) for ent in doc._.entities or [] if ent.type in PLACE_TYPES
                        for s, e in ent.mentions)
        for a, b in header:
            on_line = [(s, e, ent) for s, e, ent in places if a <= s and e <= b]
            rest = text[a:b]
            for s, e, _ in reversed(on_line):
                rest = rest[:s - a] + rest[e - a:]
            towns = [ent for _, _, ent in on_line if ent.type == "GPE"]
            if towns and not rest.strip(" ,"):
                return towns[0].name, towns[0].id
        return None

    def _place_on(self, doc: Doc, node: Token, depth: int = 0) -> tuple[str, str | None] | None:
        """A place phrase on the word, or one level down inside its other phrases ("met for
        two hours in Artigas", "at Arakawa's office in Tokyo"); the destination of a trip
        the word is on ("during a visit to Beijing", "X, who is visiting Beijing, met"); a
        venue without a city or "here" is in the dateline's city. Read once per word of the
        last document: the triggers of a sentence share its words."""
        if self._places is None or self._places[0] is not doc:
            self._places = (doc, {})
        known = self._places[1]
        if (node.i, depth) not in known:
            known[node.i, depth] = self._find_place_on(doc, node, depth)
        return known[node.i, depth]

    def _find_place_on(self, doc: Doc, node: Token, depth: int) -> tuple[str, str | None] | None:
        for prep, obj in self.syntax.prepositional_objects(node):
            if obj.lemma_.lower() in self.w.sidelines:
                return self._place_of_event(obj)
            found = self._place_at(obj) if prep in self.w.place_prepositions else self._travel_target(obj)
            if found is None and depth == 0:
                found = self._place_on(doc, obj, depth + 1)
            if found is None and prep in self.w.place_prepositions and self._venue(obj):
                found = self._local_place(obj)
            if found is not None:
                return found
        if self._in_doc(doc, self.w.here) and any(c.lower_ in self.w.here for c in node.children):
            return self._local_place(node)
        found = next((p for c in node.children if self._ongoing_clause(c) and (p := self._travel_target(c))), None)
        if found is not None:
            return found
        if depth == 0:  # "this Sunday, 24 June in Brussels", parsed with the place on the date
            return next((p for d in self._dates_on(doc, node) if (p := self._place_on(doc, d, depth + 1))), None)
        return None

    def _ongoing_clause(self, clause: Token) -> bool:
        """A progressive clause on the word ("who is visiting Beijing", "while touring
        Asia"): a trip under way, not one planned or past ("before returning to Oslo")."""
        adjunct = clause.dep_ in self.syntax.s.relative or clause.dep_ in self.syntax.s.adverbial
        if not adjunct or clause.tag_ != "VBG":
            return False
        return all(c.lower_ in self.w.ongoing_marks for c in clause.children if c.dep_ in self.syntax.s.marker)

    def _dates_on(self, doc: Doc, node: Token) -> list[Token]:
        """The words of the dates hanging on a word."""
        sent = sentence_of(node)
        dated = [d for d in self._dates_in(doc, sent.start, sent.end)
                 if node.i in self._holders_of(doc, d) and not d.token_start <= node.i < d.token_end]
        return [t for d in dated for t in Span(doc, d.token_start, d.token_end)]

    def _local_place(self, token: Token) -> tuple[str, str | None] | None:
        """Where "here" or a venue without a city is: the destination of the trip reported
        just before ("flew to Paris on Monday. She met X at her hotel"), else the
        dateline's city."""
        doc = token.doc
        for word in reversed(Span(doc, _sentences_before(token), token.i)):
            found = self._travel_target(word) if word.pos_ == "VERB" else None
            if found is not None:
                return found
        return self._dateline_place(doc)

    def _venue(self, token: Token) -> bool:
        return token.lemma_.lower() in self.w.venues and token.text.islower()

    def _place_at(self, token: Token) -> tuple[str, str | None] | None:
        """A place named by the phrase: itself, its apposition ("the capital, Addis Ababa",
        also where the parser hung the name elsewhere) or its "of" ("the city of Harare")."""
        candidates = [token, *self.syntax.appositions(token), self.syntax.stray_apposition(token)]
        candidates += [obj for prep, obj in self.syntax.prepositional_objects(token) if prep in self.w.of]
        for cand in filter(None, candidates):
            ref = mentions.reference_at(cand)
            if ref is not None and ref.parties and ref.types[0] in PLACE_TYPES:
                return ref.parties[0].name, ref.parties[0].entity
        return None

    def _place_of_event(self, sidelines: Token) -> tuple[str, str | None] | None:
        """"on the sidelines of the summit in X": the event's place."""
        for prep, event in self.syntax.prepositional_objects(sidelines):
            if prep in self.w.of:
                return self._place_on(sidelines.doc, event)
        return None

    def _destination(self, token: Token) -> tuple[str, str | None] | None:
        """"will travel to Tokyo ... to meet": the trip's destination ("was in Brussels to
        meet": where the traveller is); "left Kuwait City after talks": the place left."""
        for _ in range(MAX_CLIMB):
            if token.lemma_.lower() in self.w.departure:
                found = next((p for obj in self.syntax.objects(token) if (p := self._place_at(obj))), None)
                if found is not None:
                    return found
            found = self._travel_target(token) or self._present_at(token)
            if found is not None:
                return found
            if token.head.i == token.i:
                break
            token = token.head
        return None

    def _present_at(self, token: Token) -> tuple[str, str | None] | None:
        """"was in Brussels on 15 May to meet X": the place a copula puts the subject in."""
        cases = {c.lower_ for c in token.children if c.dep_ == "case"}
        if cases.isdisjoint(self.w.place_prepositions):
            return None  # most words: no copula looked for
        copula = any(c.dep_ in self.syntax.s.auxiliary and c.lemma_ == "be" for c in token.children)
        return self._place_at(token) if copula else None

    def _travel_target(self, token: Token) -> tuple[str, str | None] | None:
        """The place a verb of travel goes to ("flew to Paris", "visited Lima")."""
        if token.lemma_.lower() not in self.w.travel:
            return None
        targets = [obj for prep, obj in self.syntax.prepositional_objects(token) if prep in self.w.destination]
        candidates = targets + self.syntax.objects(token)
        return next((found for target in candidates if (found := self._place_at(target))), None)

    @staticmethod
    def _dateline_place(doc: Doc) -> tuple[str, str | None] | None:
        layout = layout_of(doc)
        if layout.dateline is None:
            return None
        a, b = layout.dateline
        for ent in doc._.entities or []:
            if ent.type in PLACE_TYPES and any(a <= s < b for s, _ in ent.mentions):
                return ent.name, ent.id
        return None


def _sentences_before(token: Token) -> int:
    """Where the TRIP_LOOK_BACK sentences before the word's own begin."""
    doc, start = token.doc, sentence_of(token).start
    for _ in range(TRIP_LOOK_BACK):
        start = sentence_at(doc, start - 1).start if start > 0 else start
    return start


def _heads_up_to_predicate(token: Token) -> frozenset[int]:
    """The word and its heads, up to MAX_CLIMB of them, to the tree's root or to the first
    predicate (which is among them): the words a date on the word hangs on."""
    found = [token.i]
    for _ in range(MAX_CLIMB):
        head = token.head
        if head.i == token.i:
            break
        found.append(head.i)
        if head.pos_ in PREDICATE:
            break
        token = head
    return frozenset(found)


def _group_word(token: Token) -> bool:
    """A word the mention layer reads as a group ("nation" of "six-nation talks")."""
    ref = mentions.reference_at(token)
    return ref is not None and ref.head == token.i and ref.how == "group"


def clause_verb(token: Token) -> Token:
    """The verb of the word's clause: the word itself, or the one a noun hangs on."""
    while token.pos_ not in PREDICATE and token.head.i != token.i:
        token = token.head
    return token


def _listed_after(mark: Token, stops: frozenset[str]) -> list[Party]:
    """Named parties after a preposition, up to a verb, a stop word, or a comma that does
    not continue the list ("between X and Y, secretary general of Z")."""
    found: list[Party] = []
    coordinated = False
    for token in Span(mark.doc, mark.i + 1, sentence_of(mark).end):
        if token.pos_ in PREDICATE or token.lower_ in stops or token.text == "," and coordinated:
            break
        coordinated |= token.pos_ == "CCONJ"
        ref = mentions.reference_at(token)
        if ref is not None and ref.head == token.i and ref.how in ("name", "alias", "title") \
                and not (ref.types != ["PERSON"] and _in_title_of_person(token)):
            found += [p for p in ref.parties if p not in found]
    return found


def _in_title_of_person(token: Token) -> bool:
    """"with Pakistan Peoples' Party leader Zardari": a name modifying a person's title
    (reached through modifiers, not through a list's conjunctions or appositions)."""
    for _ in range(TITLE_CLIMB):
        if token.dep_ in LIST_RELATIONS or token.head.i == token.i:
            return False
        token = token.head
        ref = mentions.reference_at(token)
        if ref is not None and ref.head == token.i and ref.types == ["PERSON"] and ref.how in ("name", "alias"):
            return True
    return False
