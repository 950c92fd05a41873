"""Words and names: slugs, did-you-mean hints and titles from file names."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from kithbook.cli import main
from kithbook.text import SLUG, did_you_mean, folded, slugify, title_from_stem


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
        ("", ""),
        ("---", ""),
    ],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


# ---------------------------------------------------------------- names in other scripts


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Γιώργος Παπαδόπουλος", "giorgos-papadopoylos"),  # Greek, letter by letter
        ("Νίκος Καζαντζάκης", "nikos-kazantzakis"),
        ("Дмитрий Шостакович", "dmitriy-shostakovich"),  # Cyrillic
        ("Юлия Щербакова", "yuliya-shcherbakova"),
        ("ಅನಿಲ್ ಕುಂಬ್ಳೆ", "anil-kumble"),  # Kannada: a virama ends the consonant
        ("ರಮ್ಯಾ", "ramya"),  # ...and a consonant without one says "a"
        ("ಪುನೀತ್ ರಾಜ್\u200cಕುಮಾರ್", "punit-rajkumar"),  # a zero-width non-joiner joins
        ("राहुल गांधी", "rahul-gamdhi"),  # Devanagari: no "a" at the end of a word
        ("李小龙", "li-xiao-long"),  # Chinese: a word per syllable
        ("李小龍", "li-xiao-long"),
        ("山田太郎", "shan-tian-tai-lang"),  # kanji are read as Chinese
        ("やまだ たろう", "yamada-tarou"),  # kana
        ("ジョン・スミス", "jiyon-sumisu"),  # a middle dot between two words
        ("김민준", "gim-min-jun"),  # Hangul
        ("محمد علي", "mhmd-ly"),  # Arabic, without its vowels
        ("דוד בן-גוריון", "dvd-vn-gvryvn"),  # Hebrew, likewise
        ("Əli Həsənov", "eli-hesenov"),  # Latin letters with no accent to drop
        ("Արամ Խաչատրյան", "aram-khachatryan"),  # Armenian
        ("Zoë 李", "zoe-li"),
        ("Bob李Lee", "bob-li-lee"),
        ("🙂 Bob ✨", "bob"),  # symbols and emoji are no part of a name
    ],
)
def test_names_in_any_script_make_readable_slugs(name, slug):
    assert slugify(name) == slug
    assert SLUG.match(slug)


_OLD_LETTERS = str.maketrans(
    {
        "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
        "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH",
        "ı": "i",
    }
)  # fmt: skip


def old_slugify(text: str) -> str:
    """Slugs as kithbook made them before other scripts were transliterated: existing
    journals' file names were made by this, and must keep their meaning."""
    text = unicodedata.normalize("NFKD", text.translate(_OLD_LETTERS))
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def test_every_character_that_made_a_slug_before_makes_the_same_one():
    changed = [
        f"U+{code:04X} {old_slugify(chr(code))!r} -> {slugify(chr(code))!r}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) not in ("Cn", "Co", "Cs")  # unassigned, private
        and old_slugify(chr(code))
        and slugify(chr(code)) != old_slugify(chr(code))
    ]
    assert changed == []


@pytest.mark.parametrize(
    "name",
    [
        "Zoë Ångström", "Ngũgĩ wa Thiong’o", "François-Xavier O’Neil", "Jean–Luc Picard",
        "Zoe\u0308 Angstro\u0308m", "Dr. J. R. R. Tolkien", "“Jane” Doe", "Ｊａｎｅ　Ｄｏｅ",
        "Mary-Jane « MJ » Watson", "Renée ½ Smith", "José María 🙂", "Łukasz Żółć",
    ],
)  # fmt: skip
def test_latin_names_keep_their_slugs_byte_for_byte(name):
    assert slugify(name) == old_slugify(name)


def test_add_takes_a_name_in_any_script(tmp_path: Path):
    root = tmp_path / "journal"
    runner = CliRunner()
    assert runner.invoke(main, ["init", str(root)]).exit_code == 0
    result = runner.invoke(main, ["--journal", str(root), "add", "李小龙"])
    assert result.exit_code == 0, result.output
    assert (
        (root / "people" / "li-xiao-long.md")
        .read_text(encoding="utf-8")
        .startswith("---\nname: 李小龙\n")
    )
    assert runner.invoke(main, ["--journal", str(root), "check"]).exit_code == 0


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [
        ("Zoë  Ångström", "zoe-angstrom", True),
        ("Jane O’Neil", "jane oneil", True),
        ("Дмитрий", "дмитрий", True),
        ("ΓΙΏΡΓΟΣ", "γιώργος", True),
        ("李明", "黎明", False),  # both are li-ming as slugs, and two names
        ("ジョン", "ション", False),
        ("Борис", "Boris", False),  # one name in two scripts is for an aka to say
        ("Bob 李", "Bob 王", False),
    ],
)
def test_names_are_compared_folded_but_never_transliterated(one, other, same):
    assert (folded(one) == folded(other)) is same
    assert folded(one)


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


def test_a_file_slug_stops_at_a_word_within_sixty_characters():
    from kithbook.text import file_slug

    long_name = "Wolfeschlegelsteinhausenbergerdorff " * 80
    assert len(file_slug(long_name)) <= 60
    assert file_slug("a " * 200).strip("-a") == ""
    assert file_slug("🎉", "coffee") == "coffee" and file_slug("🎉") == ""
