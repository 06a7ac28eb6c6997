"""Actors: spaCy's mentions across the corpus merged into canonical people, organisations and places.

Mentions are first resolved inside their article ("Scholz" after "Olaf Scholz", "Lindsay" after
"Lindsay Lohan", "Morningside" after "Morningside Recovery"; ``mentions``), then merged across the
corpus by the rules of ``rules.RULES``, in their order, over one union-find (``groups.Groups``).
Here each group becomes an actor: kept when the evidence is enough, named, given a kind from the
evidence around its mentions (``_vote``), a stable id and a page when it matters.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..models import Actor, ActorKind, Analysis, Article, TitleSource
from ..publish.slugs import unique_slugs
from .aliasfile import AliasSpec, load_aliases
from .countries import country_of_demonym
from .groups import Groups
from .mentions import (
    KIND_OF_LABEL,
    KnownNames,
    NameMention,
    article_mentions,
    collect_mentions,
    defined_short_names,
    known_names,
    rejoin_split_names,
)
from .names import (
    INSTITUTIONS,
    NOT_PERSON_ENDINGS,
    form_key,
    has_company_form,
    is_acronym,
    normalise_name,
    one_edit_apart,
    plural_nickname,
    shaped_as_place,
)
from .rules import RULES
from .secondpass import SecondPass, fingerprint


@dataclass(frozen=True, slots=True)
class ActorIndex:
    """The canonical actors and how to find an actor from a surface form."""

    actors: tuple[Actor, ...]
    by_form: Mapping[str, str]
    by_article_form: Mapping[tuple[str, str], str]
    by_article: Mapping[str, tuple[str, ...]]
    surnames: Mapping[str, str]
    """Actor id -> the last word of its name's key, for "Donfried" said."""

    def resolve(self, surface: str | None, article_id: str | None = None) -> str | None:
        """The actor a name refers to: as tagged in the article, else the one actor of the article
        with that surname ("Donfried" for Karen Donfried), else as known in the corpus."""
        if not surface:
            return None
        key = form_key(normalise_name(surface))
        found = self.by_article_form.get((article_id or "", key))
        if found is None and article_id and " " not in key:
            same = [i for i in self.by_article.get(article_id, ()) if self.surnames.get(i) == key]
            found = same[0] if len(same) == 1 else None
        return found or self.by_form.get(key)


PAGE_ARTICLES = 2
"""An actor named in fewer articles (and not in the alias files) gets no page or feeds of its own."""


def build_actors(analyses: Sequence[Analysis], min_mentions: int, specs: Sequence[AliasSpec] | None = None,
                 headlines: Mapping[str, str] | None = None) -> ActorIndex:
    """Merge every mention of the corpus into actors, drop weak ones, give them stable ids."""
    specs = tuple(specs) if specs is not None else load_aliases(None)
    tagged = tagged_mentions(analyses, specs)
    known = corpus_names(analyses, specs, tagged)
    return actors_from(corpus_mentions(analyses, specs, known, tagged), min_mentions, specs, defined=known.defined,
                       headlines=headlines)


def actors_from(mentions: Sequence[NameMention], min_mentions: int, specs: Sequence[AliasSpec],
                page_articles: int = PAGE_ARTICLES, defined: Mapping[str, str] | None = None,
                headlines: Mapping[str, str] | None = None) -> ActorIndex:
    """``build_actors`` for mentions already found by ``corpus_mentions`` (the build finds them in
    two processes), with the short names the corpus defines (``KnownNames.defined``). An actor has
    a page when named in ``page_articles`` articles or in the alias files. ``headlines``: each
    article's own headline (not one cut from its lead), by article id; a name the text and the
    headline of one article both give is an actor however rarely the corpus names it."""
    groups = Groups(list(mentions), specs, _union(spec.separate for spec in specs), defined)
    for rule in RULES:
        rule(groups)
    return _index(groups, min_mentions, page_articles, headlines or {})


Tagged = Mapping[str, Sequence[NameMention]]
"""Each article's mentions as spaCy tagged them (``collect_mentions``), by article id."""


def tagged_mentions(analyses: Sequence[Analysis], specs: Sequence[AliasSpec],
                    read: Callable[[Analysis, frozenset[str]], list[NameMention]] = collect_mentions
                    ) -> dict[str, list[NameMention]]:
    """The first pass's reading of every article, kept for the second so no article is read twice.
    ``read`` reads one article (``collect_mentions``, or a ``firstpass.FirstPass`` that keeps what
    it read between builds)."""
    ignore = _union(spec.ignore for spec in specs)
    return rejoin_split_names(analyses, {a.article_id: read(a, ignore) for a in analyses})


def corpus_names(analyses: Sequence[Analysis], specs: Sequence[AliasSpec], tagged: Tagged | None = None) -> KnownNames:
    """The first pass: the names spaCy tagged anywhere in the corpus."""
    tagged = tagged if tagged is not None else tagged_mentions(analyses, specs)
    known = known_names(m for a in analyses for m in tagged[a.article_id])
    return replace(known, defined=defined_short_names(analyses, tagged, known))


def corpus_mentions(analyses: Sequence[Analysis], specs: Sequence[AliasSpec], known: KnownNames | None = None,
                    tagged: Tagged | None = None, second: SecondPass | None = None) -> list[NameMention]:
    """Every usable name mention of these articles, each resolved inside its article, in order;
    with the corpus' ``known`` names, glued spans split and untagged known names found; with
    ``tagged``, the first pass's reading of each article is used again; with both and ``second``,
    an article's pass is kept from the last build when the known names answer it as they did."""
    ignore, fixed = _read_apart(specs)
    capitals = _capitals_only(_alias_forms(specs))
    if second is not None and known is not None and tagged is not None:
        names = fingerprint(ignore, fixed)
        found = [_lower_case_apart(m, capitals) for a in analyses
                 for m in second(a, ignore, fixed, known, tagged[a.article_id], names)]
        second.store.release()  # what this process made, stored (a forked copy of the build ends next)
        return found
    return [_lower_case_apart(m, capitals) for a in analyses
            for m in article_mentions(a, ignore, fixed, known, tagged[a.article_id] if tagged else None)]


def _read_apart(specs: Sequence[AliasSpec]) -> tuple[frozenset[str], frozenset[str]]:
    """The names the alias files ignore, and the keys never read as short for a longer name: those
    kept apart and every name the files give ("U.S." after "U.S. Fish and Wildlife Service" is the US)."""
    ignore, separate = _union(spec.ignore for spec in specs), _union(spec.separate for spec in specs)
    return ignore, separate | {form_key(name) for name in _alias_forms(specs)}


def prune_second_pass(second: SecondPass, article_ids: Iterable[str], specs: Sequence[AliasSpec]) -> None:
    """Forget the second-pass records of articles gone (``SecondPass.prune``)."""
    second.prune(article_ids, fingerprint(*_read_apart(specs)))


def _alias_forms(specs: Sequence[AliasSpec]) -> list[str]:
    """Every name the alias files give an actor, canonical or other."""
    return [name for spec in specs for canonical, others in spec.aliases.items() for name in (canonical, *others)]


def _capitals_only(forms: Sequence[str]) -> frozenset[str]:
    """The keys of the alias files' names written only in capitals ("WHO", "US"), with no other
    spelling of the same key listed ("Nato" is, for NATO)."""
    return frozenset(form_key(f) for f in forms if is_acronym(f)) - {form_key(f) for f in forms if not is_acronym(f)}


LOWER_CASE_APART = "~"
"""Appended to the key of a name written in lower case whose letters an alias file lists in capitals
only: "The Who" and "Us Weekly"'s "Us" are not the World Health Organization and the United States."""


def _lower_case_apart(mention: NameMention, capitals: frozenset[str]) -> NameMention:
    if mention.key in capitals and not is_acronym(mention.name):
        return replace(mention, key=mention.key + LOWER_CASE_APART)
    return mention


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    return frozenset().union(*sets)


def _index(groups: Groups, min_mentions: int, page_articles: int = PAGE_ARTICLES,
           headlines: Mapping[str, str] | None = None) -> ActorIndex:
    members: dict[str, list[NameMention]] = defaultdict(list)
    for mention in groups.mentions:
        members[groups.find(mention.key)].append(mention)
    kept = {root: group for root, group in members.items()
            if (_strong(groups, root, group, min_mentions) or _in_headline(group, headlines or {}))
            and any(not _demonym(m) for m in group)}
    teams = {root: _team(group) for root, group in kept.items()}
    votes = {root: _vote(group, teams[root]) for root, group in kept.items()}
    names = {root: _name(groups, root, group, votes[root], teams[root]) for root, group in kept.items()}
    shared = {name for name, count in Counter(names.values()).items() if count > 1}
    names = {root: _name(groups, root, kept[root], votes[root], teams[root], acronym=False) if name in shared
             else name for root, name in names.items()}  # "DPD" of Dallas and "DPD" of Detroit: named in full
    ids = unique_slugs(names)
    actors = tuple(sorted((_actor(groups, ids[root], names[root], root, group, votes[root], page_articles)
                           for root, group in kept.items()),
                          key=lambda a: (-a.mentions, a.id)))
    by_form = {key: ids[groups.find(key)] for key in groups.parent if groups.find(key) in ids}
    by_article_form = {(m.article, m.surface_key): ids[root] for root, group in kept.items() for m in group}
    surnames = {actor.id: form_key(actor.name).split(" ")[-1] for actor in actors}
    return ActorIndex(actors, by_form, by_article_form, _by_article(kept, ids), surnames)


def _strong(groups: Groups, root: str, group: list[NameMention], min_mentions: int) -> bool:
    """Enough evidence: repeated, in two articles, a full personal name, or a known actor."""
    return (len(group) >= min_mentions or len({m.article for m in group}) >= 2
            or any(m.label == "PERSON" and " " in m.key for m in group) or _known(groups, root))


def own_headlines(articles: Iterable[Article]) -> dict[str, str]:
    """Each article's headline by id, when it did not come from its lead (whose names the text has)."""
    return {a.id: a.title for a in articles if a.title_source is not TitleSource.LEAD}


def _in_headline(group: list[NameMention], headlines: Mapping[str, str]) -> bool:
    """A name of several words its article's headline gives as written in the text ("Valdane
    Semiconductor to cut 800 jobs"): the article is about it, though it names it once. One word
    alone is not enough: headlines open on capitals and short forms ("Rovers edge City")."""
    return any(" " in m.name and _as_words(m.name, headlines.get(m.article, "")) for m in group)


_WORD = re.compile(r"\w")


def _as_words(name: str, text: str) -> bool:
    r"""Whether ``text`` holds ``name`` with no word character right before or after it (the
    regular expression ``(?<!\w)name(?!\w)``, without compiling one for each name)."""
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if not (start and _WORD.match(text, start - 1)) and not (end < len(text) and _WORD.match(text, end)):
            return True
        start = text.find(name, start + 1)
    return False


def _known(groups: Groups, root: str) -> bool:
    return root in groups.preferred_by_root()


def _name(groups: Groups, root: str, group: list[NameMention], vote: ActorKind, team: str | None,
          acronym: bool = True) -> str:
    """The alias files' name, else the acronym (unless ``acronym`` is False), else the most used name,
    in full for people, organisations and a ``team`` (the key ``_team`` found)."""
    preferred = groups.preferred_by_root().get(root)
    if preferred:
        return max(preferred)[1]
    counts = Counter(m.name for m in group)
    written = {n.casefold() for n in counts if not n.isupper()}  # "DALLAS" in a dateline is no acronym
    acronyms = [n for n in counts if n.isupper() and n.isalpha() and len(n) <= 6 and n.casefold() not in written
                ] if acronym and vote is not ActorKind.PERSON else []
    short = max(acronyms, key=lambda n: (counts[n], n)) if acronyms else None
    if short is not None and counts[short] >= max(counts.values()):
        return short  # "FBI", as written most; not "QB" for a player
    if team is not None and vote is ActorKind.ORGANIZATION:  # "Kansas City Chiefs", not the city named more often
        counts = Counter(m.name for m in group if m.surface_key == team)
    multi = [n for n in counts if " " in form_key(n)] if vote in _FULL_NAMED else []
    if vote is ActorKind.PERSON:  # a person's name tagged as one, not an acronym's expansion ("Judicial District"),
        tagged = {m.name for m in group if m.label == "PERSON"}  # nor a misspelling tagged where the name is not
        multi = [n for n in multi if n in tagged or any(_respelt(n, t) for t in tagged)] or multi
    by_key: Counter[str] = Counter()  # the forms of one name together: "Brightwater Foods Inc." and "Brightwater Foods"
    for n, count in counts.items():
        by_key[form_key(n)] += count
    return max(multi or list(counts),  # not "DALLAS"; "Brightwater Foods" before "Brightwater Foods Inc"
               key=lambda n: (not n.isupper(), by_key[form_key(n)], not has_company_form(n), counts[n], len(n), n))


def _respelt(a: str, b: str) -> bool:
    """The same name with a letter changed in some of its words: "Esteban Santiago", "Esteben Santiago".
    Stricter than ``names.spelling_variants``, which also pairs a name with a longer one holding it
    ("Del Rio", "Jack Del Rio"): here the tagged full name must not give way to a part of it."""
    first, second = form_key(a).split(" "), form_key(b).split(" ")
    return len(first) == len(second) and all(x == y or one_edit_apart(x, y) for x, y in zip(first, second, strict=True))


def _actor(groups: Groups, actor_id: str, name: str, root: str, group: list[NameMention], vote: ActorKind,
           page_articles: int) -> Actor:
    aliases = tuple(sorted(({m.name for m in group} | {m.surface for m in group}) - {name}))
    articles = tuple(sorted({m.article for m in group if not _demonym(m)}))
    forced = [kind for key, kind in groups.kinds.items() if groups.find(key) == root]
    page = len(articles) >= page_articles or _known(groups, root)
    return Actor(actor_id, name, forced[0] if forced else vote, aliases, articles, len(group), page)


EVIDENCE_SHARE = 3
"""A third of the mentions, for the evidence of a plural verb or of "the" (``_vote``): chosen on the hand-built
sports and business corpus in the tests, then checked on the dev sets' actors."""
_FULL_NAMED = (ActorKind.PERSON, ActorKind.ORGANIZATION)
"""Kinds named by their longest form when it is in use: "Indianapolis Colts", not "Colts"."""


def _vote(group: list[NameMention], team: str | None) -> ActorKind:
    """``_evidence_kind``, but an organisation where that is a person and most of the group's
    mentions by a name of two words or more end on an institution's word that ends no surname
    ("Augustus Hawkins High School", "McLaren Hospital", "Huntingburg Police"): the tagger reads
    a school named after a person as the person, and a title may precede it ("Sheriff")."""
    kind = _evidence_kind(group, team)
    return ActorKind.ORGANIZATION if kind is ActorKind.PERSON and _institution_named(group) else kind


def _evidence_kind(group: list[NameMention], team: str | None) -> ActorKind:
    """The kind the evidence across the corpus supports, in this order:

    1. an organisation when written with a plural verb ("Feyenoord have") in a third of its
       mentions and never after a title: a person never is, clubs, companies and bands are in
       British English; or when one of its names ends on a business's word ("Helix Freight") and
       none follows a title; or when it is a ``team`` named with its place and its nickname (``_team``);
       a place when one of its names opens as places' do ("Mount Sefton",
       "City of Palmer") and none is an institution's or takes a plural verb;
    2. not a person when a third of its mentions, and two at least, follow "the" ("the Colts",
       "the Kremlin"), or when it is written only as an acronym ("JDRF");
    3. a person when tagged so at least once and after a title ("Mr", "Senator"), or named as people
       are, full name then surname alone, either tagged as a person somewhere ("Olaf Scholz", "Scholz"
       tagged as a place; not "Philadelphia Eagles" then "Eagles", tagged as an organisation and a
       place). Teams are named that way too ("Manchester United", "United"), and the tagger's labels are all there is to
       tell them apart: a full name tagged as a person stays one;
    4. else the majority label, multi-word mentions first; but a majority for place with some
       organisation tags and never a locative preposition ("in Rotterdam") is an organisation: a club
       named after its town is tagged as the town; and a majority for organisation written after a
       locative in a third of its mentions, two at least, never after "the" nor with a plural verb, and
       with no institution's word in its name ("court", "police"), is a place: the tagger reads a small
       town it does not know ("a plant in Millbridge") as an organisation; and a majority for person
       with no full name and never after a title, written as places are in a third of its mentions,
       is a place: "Fenwick town council", "a school in Fenwick".
    """
    evidence = Counter(m.evidence for m in group)
    if evidence["group"] * EVIDENCE_SHARE >= len(group) and not evidence["person"]:
        return ActorKind.ORGANIZATION
    if not evidence["person"] and any(" " in m.name and m.name.rsplit(" ", 1)[1].lower().strip(".") in _BUSINESSES
                                      for m in group):
        return ActorKind.ORGANIZATION
    if team is not None:
        return ActorKind.ORGANIZATION
    if not evidence["group"] and any(shaped_as_place(m.key) for m in group) and not _institution(group):
        return ActorKind.PLACE
    thing = (((evidence["the"] >= 2 and evidence["the"] * EVIDENCE_SHARE >= len(group)) or _acronym_only(group))
             and not evidence["person"])
    singles = {m.surface_key for m in group if " " not in m.surface_key}
    tagged_people = {m.surface_key for m in group if m.label == "PERSON"}
    surnamed = any(" " in m.surface_key and m.surface_key.split(" ")[-1] in singles
                   and {m.surface_key, m.surface_key.split(" ")[-1]} & tagged_people for m in group)
    if (surnamed or evidence["person"]) and not thing and any(m.label == "PERSON" for m in group):
        return ActorKind.PERSON
    multi = [m for m in group if " " in m.surface_key]
    votes = Counter(KIND_OF_LABEL[m.label] for m in multi or group)
    if thing:
        del votes[ActorKind.PERSON]
    if not votes:
        return ActorKind.ORGANIZATION
    kind = max(votes, key=lambda kind: (votes[kind], kind.value))
    if kind is ActorKind.PLACE and votes[ActorKind.ORGANIZATION] and not evidence["place"]:
        return ActorKind.ORGANIZATION
    if (kind is ActorKind.PERSON and evidence["place"] * EVIDENCE_SHARE >= len(group) and not evidence["person"]
            and not multi):
        return ActorKind.PLACE
    if (kind is ActorKind.ORGANIZATION and evidence["place"] >= 2 and evidence["place"] * EVIDENCE_SHARE >= len(group)
            and not evidence["group"] and not evidence["the"] and not _institution(group)):
        return ActorKind.PLACE
    return kind


def _acronym_only(group: list[NameMention]) -> bool:
    """Written only as an acronym ("JDRF", "MIDA"): people are not, whatever the tagger reads."""
    return all(is_acronym(m.name) for m in group)


def _institution_named(group: list[NameMention]) -> bool:
    """Most of its mentions by a name of two words or more end on a word that ends institutions'
    names and no person's: "Chicago Public Schools" beside "CPS"; not "Ronald Reagan" beside a
    hospital named after him, which a few mentions put in the group."""
    multi = [m.key for m in group if " " in m.key]
    return 2 * sum(key.rsplit(" ", 1)[1] in NOT_PERSON_ENDINGS for key in multi) > len(multi)


def _institution(group: list[NameMention]) -> bool:
    return any(word in INSTITUTIONS for m in group for word in m.key.split(" "))


_BUSINESSES = frozenset("""freight logistics foods systems packaging energy airlines airways motors pharmaceuticals
holdings group partners capital media technologies technology software networks communications telecom industries
manufacturing insurance bank bancorp financial securities investments properties realty beverages brewing brewery
brands stores retail apparel entertainment studios publishing labs laboratories therapeutics biosciences semiconductor
semiconductors electronics chemicals mining resources petroleum utilities automotive aerospace shipping trucking
construction engineering consulting solutions ventures enterprises corp corporation inc incorporated llc ltd plc
gmbh""".split())
"""Last words that say a name is a business's ("Helix Freight", "Crosslink Capital", "Pellbrook Energy Plc"): no
person's name ends on one, though the tagger often reads an unfamiliar company as a person."""


def _team(group: list[NameMention]) -> str | None:
    """The key of a team's name when the group is a team named with its place and its plural nickname,
    each also written alone ("Jacksonville Jaguars", "Jacksonville", "Jaguars": ``rules.merge_teams``),
    its name tagged mostly as an organisation's, and the team read more often than the place alone:
    an organisation, named in full. No part may be a person's ("Mo Cheeks", "Cheeks")."""
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in group:
        written[mention.surface_key][mention.label] += 1
    read = Counter(m.key for m in group)
    for key in sorted(written):
        words = key.split(" ")
        base, nickname = " ".join(words[:-1]), words[-1]
        if (len(words) > 1 and nickname in written and base in written and plural_nickname(nickname)
                and all(2 * written[part]["PERSON"] < written[part].total() for part in (base, nickname, key))
                and 2 * written[key]["ORG"] > written[key].total()
                and read[key] + read[nickname] > read[base]):
            return key
    return None


def _demonym(mention: NameMention) -> bool:
    """"Hungarian" counted toward Hungary: a mention of the country, but not a naming of it."""
    return mention.surface_key != mention.key and country_of_demonym(mention.surface_key) is not None


def _by_article(kept: Mapping[str, Iterable[NameMention]], ids: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Each article's actors, most mentioned first; a country named only by a demonym ("a Hungarian
    striker") is not one of them."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for root, group in kept.items():
        for mention in group:
            if not _demonym(mention):
                counts[mention.article][ids[root]] += 1
    return {article: tuple(sorted(c, key=lambda a: (-c[a], a))) for article, c in counts.items()}
