"""Country names from pycountry, demonyms that count toward their country, and the abbreviations of
US states that count toward the state."""

from __future__ import annotations

import functools

import pycountry

from ..config import shipped_yaml
from .names import form_key, normalise_name


@functools.cache
def country_names() -> dict[str, str]:
    """form key of every ISO 3166 name (common, short, official) -> the country's standard name."""
    table: dict[str, str] = {}
    for country in pycountry.countries:
        standard = getattr(country, "common_name", None) or country.name
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                table.setdefault(form_key(value), standard)
    return table


@functools.cache
def demonyms() -> dict[str, str]:
    """form key of a demonym ("Russian") -> the country's name as digest shows it ("Russia")."""
    return {form_key(word): country for word, country in shipped_yaml("demonyms.yml").items()}


def country_of_demonym(key: str) -> str | None:
    """The country a demonym's form key stands for, singular or plural ("russians"), else None."""
    return demonyms().get(key) or (demonyms().get(key[:-1]) if key.endswith("s") else None)


def is_nationality(text: str) -> bool:
    """"the Frenchman", "Americans": a nationality, which counts toward its country but never
    speaks for it (a quote's speaker written so is no one in particular)."""
    return country_of_demonym(form_key(normalise_name(text))) is not None


@functools.cache
def _state_abbreviations() -> dict[str, str]:
    return {str(short): str(state) for short, state in shipped_yaml("states.yml").items()}


def state_of_abbreviation(text: str, sentence: str) -> str | None:
    """The US state a place mention abbreviates as the AP writes it ("Calif.", "N.C."), with its dot
    in the mention or right after it in the sentence, else None: "Mo" or "Miss" alone is no state."""
    text = text.strip()
    if text.endswith("."):
        return _state_abbreviations().get(text)
    return _state_abbreviations().get(f"{text}.") if f"{text}." in sentence else None
