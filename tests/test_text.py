"""Words and names: slugs, did-you-mean hints and titles from file names."""

from __future__ import annotations

import pytest

from kithbook.text import SLUG, did_you_mean, slugify, title_from_stem


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Zoë Ångström", "zoe-angstrom"),
        ("Jane Doe", "jane-doe"),
        ("  Jane   Doe  ", "jane-doe"),
        ("José María", "jose-maria"),
        ("Jürgen Groß", "jurgen-gross"),
        ("Søren Kierkegaard", "soren-kierkegaard"),
        ("Łukasz Żółć", "lukasz-zolc"),
        ("Björk Guðmundsdóttir", "bjork-gudmundsdottir"),
        ("Æsa Þór", "aesa-thor"),
        ("Œuvre", "oeuvre"),
        ("Đorđe", "dorde"),
        ("İstanbul ılık", "istanbul-ilik"),
        ("Nguyễn Thị Minh Khai", "nguyen-thi-minh-khai"),
        ("François-Xavier O'Neil", "francois-xavier-o-neil"),
        ("Dr. J. R. R. Tolkien", "dr-j-r-r-tolkien"),
        ("jane_doe", "jane-doe"),
        ("Meetup #42 @ Tilt!", "meetup-42-tilt"),
        ("ﬁnn", "finn"),
        ("Ａｌｉ", "ali"),
        ("2024-02-12 Thrive", "2024-02-12-thrive"),
        ("already-a-slug", "already-a-slug"),
        ("李小龍", ""),
        ("", ""),
        ("---", ""),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


@pytest.mark.parametrize("name", ["Zoë Ångström", "Meetup #42 @ Tilt!", "a--b", "-x-", "Œ ß ł"])
def test_a_slug_is_a_slug(name):
    slug = slugify(name)
    assert SLUG.match(slug)
    assert slugify(slug) == slug


@pytest.mark.parametrize(
    ("word", "choices", "hint"),
    [
        ("clsoe", ["inner", "close", "friend"], "; did you mean 'close'?"),
        ("cofee", ["coffee", "call"], "; did you mean 'coffee'?"),
        ("circel", ("name", "circle", "where"), "; did you mean 'circle'?"),
        ("JANE DOE", ["Jane Doe", "Sam Roe"], "; did you mean 'Jane Doe'?"),  # case aside
        ("Jane", ["jane-doe", "bob"], "; did you mean 'jane-doe'?"),
        ("xyz", ["inner", "close"], ""),
        ("close", [], ""),
    ],
)
def test_did_you_mean(word, choices, hint):
    assert did_you_mean(word, choices) == hint


def test_did_you_mean_takes_any_iterable():
    assert did_you_mean("inne", {"inner": 1, "outer": 2}) == "; did you mean 'inner'?"
    assert did_you_mean("inne", (c for c in ["inner"])) == "; did you mean 'inner'?"


@pytest.mark.parametrize(
    ("stem", "title"),
    [
        ("2024-02-12-thrive", "Thrive"),
        ("2024-02-12-coffee-with-jane", "Coffee with jane"),
        ("2024-02-12_lunch_at_tilt", "Lunch at tilt"),
        ("2024-02-12 drinks", "Drinks"),
        ("team-offsite", "Team offsite"),
        ("bbq", "Bbq"),
        ("2024-02-12", "2024-02-12"),
        ("2024-02-12-", "2024-02-12-"),
        ("2024-thrive", "2024 thrive"),
        ("iPhone-launch", "IPhone launch"),
    ],
)
def test_title_from_stem(stem, title):
    assert title_from_stem(stem) == title
