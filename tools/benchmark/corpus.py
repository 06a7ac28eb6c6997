"""A generated corpus shaped like real coverage of a beat, the same for the same seed.

Real collections name many actors, most of them once or twice and a few very often, and repeat
them across the articles of a story and across stories; a corpus whose few names recur everywhere
hides the cost of actor pages, actor feeds and the corpus stages. So names, organisations and
places are drawn from large pools with a long tail (a Zipf law over each pool), each event has its
own cast and place and is covered for days to weeks, and each article also names a few people and
organisations drawn from the whole tail. Sentences come from a bank of news-like templates over a
varied vocabulary, about 600 words an article.
"""

from __future__ import annotations

import bisect
import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

FIRST = ("Anna Boris Carla David Elena Farid Greta Hugo Ines Jonas Karim Lena Marco Nadia Omar Petra Quentin "
         "Rosa Stefan Tariq Ulla Viktor Wanda Xavier Yara Zoran Amara Bruno Chiara Dmitri Esther Felix Giulia "
         "Hamid Ingrid Jakub Kofi Leila Mateo Nora Oskar Priya Rafael Sofia Tomas Uma Vera Walter Yusuf Zainab "
         "Alma Bilal Clara Diego Emil Fatima Gustav Hana Ivan Julia").split()
LAST = ("Alvarez Brandt Costa Dubois Eriksen Fischer Garcia Horvat Ivanov Jensen Kowalski Lindqvist Moreau "
        "Novak Okafor Petrov Quinn Rossi Schmidt Tanaka Urbina Varga Weber Xu Yilmaz Zielinski Abbott Baptiste "
        "Castillo Dimitrov Engel Ferreira Gallagher Haddad Iqbal Jovanovic Keller Larsen Mendes Nakamura "
        "Olsen Pereira Ramos Santos Thorsen Ueda Vasquez Wojcik Yamamoto Ziegler Ahmed Bauer Carvalho Dalton "
        "Esposito Fontaine Gruber Hansen Ibarra Jansen Kaur Lopez Marsh Nilsson Ortega Price Reyes Sato "
        "Torres Vidal Wagner Young").split()
CITIES = ("Vienna Lisbon Warsaw Nairobi Manila Lima Oslo Seoul Cairo Quito Hanoi Accra Tbilisi Riga Dublin Madrid "
          "Athens Prague Budapest Helsinki Stockholm Copenhagen Brussels Amsterdam Rotterdam Hamburg Munich "
          "Milan Naples Marseille Lyon Porto Seville Valencia Krakow Gdansk Bucharest Sofia Belgrade Zagreb "
          "Ljubljana Bratislava Vilnius Tallinn Reykjavik Edinburgh Glasgow Cardiff Belfast Toronto Montreal "
          "Vancouver Chicago Houston Phoenix Denver Boston Seattle Atlanta Miami Detroit Dallas Bogota Santiago "
          "Caracas Havana Montevideo Asuncion Lagos Dakar Kampala Kigali Lusaka Harare Maputo Tunis Algiers Rabat "
          "Amman Beirut Doha Muscat Karachi Lahore Dhaka Colombo Kathmandu Bangkok Jakarta Surabaya Taipei Osaka "
          "Busan Perth Adelaide Brisbane Auckland Wellington").split()
ORG_NAMES = ("Atlas Vega Norsk Harbor Summit Pioneer Meridian Crescent Granite Evergreen Horizon Keystone "
             "Lighthouse Northwind Oakridge Redwood Silverline Trident Unity Westbrook Beacon Cobalt Delta Falcon "
             "Juniper Kestrel Lumen Orion Sterling Tundra").split()
ORG_KINDS = ("Energy Mining Airlines Bank Capital Holdings Logistics Foods Telecom Motors Pharmaceuticals Insurance "
             "Shipping Steel Media Water Rail Foundation Institute Union").split()
MINISTRIES = "Health Finance Transport Education Energy Agriculture Defence Justice Labour Housing".split()
NOUNS = ("port workers,river pollution,airline merger,grain prices,border treaty,flood defences,pension reform,"
         "data breach,high-speed railway,nurse shortage,housing costs,wind farm,teacher pay,water supply,bus fares,"
         "steel tariffs,fishing quotas,mining licence,drug prices,school meals,power cuts,tax rebate,bridge repairs,"
         "wildfire season,cyber attack,bank fees,rent controls,coal plant,clinic closures,food inspections,"
         "harbour expansion,airport noise,ferry routes,minimum wage,coastal erosion,vaccine supply,phone tariffs,"
         "farm subsidies,landfill site,tram line").split(",")
VERBS = ("warned about,criticised,welcomed,questioned,defended,rejected,backed,examined,challenged,"
         "praised").split(",")
SENTENCES = (
    "{person} said on {day} that the {topic} would shape the coming months in {city}.",
    "Officials from {org} met in {city} to discuss the {topic} and its cost for families.",
    "\u201cWe cannot wait any longer, and we will act within weeks,\u201d {person} told reporters in {city}.",
    "The talks in {city} followed weeks of pressure from {org}, which has warned of wider damage.",
    "According to {org}, more than {number} people have been affected by the {topic} so far.",
    "Critics said the response to the {topic} had been slow and badly explained to the public.",
    "{person}, who leads the group in {city}, has asked for an independent review of the decision.",
    "Local businesses in {city} reported losses of about {number} euros over the past month.",
    "\u201cThis is a serious moment for everyone involved,\u201d {person} added, calling for calm.",
    "Analysts expect further meetings between {org} and the government before the end of the year.",
    "{other} {verb} the plan, saying the {topic2} deserved as much attention.",
    "A spokesperson for {org2} declined to comment on the {topic} when contacted on {day}.",
    "{other} of {org2} said the figures for the {topic2} would be published next week.",
    "In {city2}, where the {topic2} is also debated, {other} said the lessons were clear.",
    "The {topic} has divided opinion since {org} first raised it in {month}.",
    "Figures released by {org2} show {number} complaints about the {topic2} this year.",
    "{person} {verb} the proposal at a meeting with {other} in {city}.",
    "Residents of {city} told local radio that the {topic} had changed their daily lives.",
    "The dispute over the {topic} is expected to reach the courts in {city2} by {month}.",
    "\u201cNobody here asked for this,\u201d said {other}, a resident of {city} for twenty years.",
)
MONTHS = "January February March April May June July August September October November December".split()


@dataclass(frozen=True)
class Pool:
    """Names with a long tail: the first are drawn often, most rarely (Zipf, exponent ``s``)."""

    names: tuple[str, ...]
    cumulative: tuple[float, ...]

    @classmethod
    def of(cls, names: list[str], s: float = 1.1) -> Pool:
        weights = itertools.accumulate(1.0 / (rank + 1) ** s for rank in range(len(names)))
        return cls(tuple(names), tuple(weights))

    def draw(self, rng: random.Random) -> str:
        return self.names[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def pools(rng: random.Random) -> tuple[Pool, Pool, Pool]:
    """People (about 4,500), organisations (about 700) and places, each shuffled so the frequent
    names differ from seed to seed."""
    people = [f"{first} {last}" for first in FIRST for last in LAST]
    orgs = [f"{name} {kind}" for name in ORG_NAMES for kind in ORG_KINDS] + \
        [f"the Ministry of {m}" for m in MINISTRIES] + [f"the {city} City Council" for city in CITIES[:40]]
    places = list(CITIES)
    for names in (people, orgs, places):
        rng.shuffle(names)
    return Pool.of(people), Pool.of(orgs), Pool.of(places, s=0.9)


@dataclass(frozen=True)
class Event:
    topic: str
    city: str
    cast: tuple[str, ...]
    org: str
    start: date
    days: int


def make_corpus(folder: Path, count: int, seed: int = 7, start: int = 0) -> int:
    """Write ``count`` articles (``article-NNNNN.txt`` from ``start``); returns the words written.
    The events and pools depend on ``seed`` only, so a later call with the same seed and a higher
    ``start`` adds more coverage of the same events."""
    rng = random.Random(seed)
    people, orgs, places = pools(rng)
    events = [Event(rng.choice(NOUNS), places.draw(rng), tuple(people.draw(rng) for _ in range(3)), orgs.draw(rng),
                    date(2024, 1, 1) + timedelta(days=rng.randrange(300)), rng.choice((2, 4, 7, 14, 30)))
              for _ in range(max(count // 6, 1))]
    words = 0
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(start, start + count):
        article = random.Random(f"{seed}-{number}")
        event = events[article.randrange(len(events))]
        text = _article(article, event, people, orgs, places)
        words += len(text.split())
        (folder / f"article-{number:05d}.txt").write_text(text, encoding="utf-8")
    return words


def _article(rng: random.Random, event: Event, people: Pool, orgs: Pool, places: Pool) -> str:
    when = event.start + timedelta(days=rng.randrange(event.days))
    others = [people.draw(rng) for _ in range(3)]
    org2, city2, topic2 = orgs.draw(rng), places.draw(rng), rng.choice(NOUNS)
    sentences = [rng.choice(SENTENCES).format(
        person=rng.choice(event.cast), other=rng.choice(others), city=event.city, city2=city2, topic=event.topic,
        topic2=topic2, org=event.org, org2=org2, verb=rng.choice(VERBS), number=f"{rng.randrange(100, 90000):,}",
        day=f"{when:%A}", month=rng.choice(MONTHS)) for _ in range(38)]
    sentences = [s[0].upper() + s[1:] for s in sentences]
    body = "\n\n".join(" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3))
    return f"date {when.isoformat()} {body}\n"
