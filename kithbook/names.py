"""Finding a person by what someone wrote: one resolver for the loader, the command
line and the ranking.

What counts as naming someone depends on where it is written. In a file (``with:``,
``by:``, ``introduced_by:``) a slug, a name or an aka, in any case; a person's exact
slug wins over the names of others, so that a slug always says whom it means. At the
terminal a name typed without its accents will do too ("Zoe Angstrom"), and for
commands that only read, the start of one ("zoe"). What the resolver found, or why it
found no one (who it could be, whose name was close), is data: ``Found``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .model import Person
from .text import closest, folded, slugify


@dataclass(frozen=True)
class Found:
    """What ``written`` names: the slug of the one person (``slug``), or None, with the
    slugs it ``could_be`` when several people answer to it, or the person whose name
    is ``close`` to it (shown as "'Miles O'Brien' (miles-obrien)")."""

    written: str
    slug: str | None = None
    could_be: tuple[str, ...] = ()
    close: str | None = None

    @property
    def why(self) -> str:
        """Why no one was found, in one line with its hint; empty when someone was."""
        if self.slug is not None:
            return ""
        if self.could_be:
            return f"'{self.written}' could be {' or '.join(self.could_be)}: write the slug"
        hint = f"; did you mean {self.close}?" if self.close else ""
        return f"no one called '{self.written}' in people/{hint}"


class People:
    """Everyone, to be found by slug, name or aka."""

    def __init__(self, people: Iterable[Person]) -> None:
        self.people = {person.slug: person for person in people}
        self._by_name: dict[str, set[str]] = {}
        self._shown: dict[str, str] = {}
        for person in self.people.values():
            for name in person.names:
                key = name.strip().lower()
                self._by_name.setdefault(key, set()).add(person.slug)
                self._shown.setdefault(
                    key, f"'{name}' ({person.slug})" if name != person.slug else f"'{name}'"
                )

    def find(self, written: str) -> Found:
        """The person a file means by ``written``: their exact slug, else the one person
        with that name or aka, whatever the case."""
        text = written.strip()
        if text in self.people:
            return Found(written, text)
        slugs = self._by_name.get(text.lower(), set())
        if len(slugs) == 1:
            return Found(written, next(iter(slugs)))
        if slugs:
            return Found(written, could_be=tuple(sorted(slugs)))
        near = closest(text.lower(), self._by_name)
        return Found(written, close=self._shown[near] if near is not None else None)

    def find_typed(self, written: str) -> Found:
        """As ``find``, and a name typed without its accents ("Zoe Angstrom") when it is
        no one's name as typed but folds to exactly one person's slug. (Folded, not
        transliterated: "李明" does not find 黎明, whose slug li-ming it would make.)"""
        found = self.find(written)
        if found.slug is None and not found.could_be:
            slug = folded(written)
            if slug in self.people:
                return Found(written, slug)
        return found

    def find_loosely(self, written: str) -> Found:
        """As ``find_typed``, and the start of a name or an aka when it fits one person
        only ("zoe" for Zoë Ångström): fine for commands that read, while commands that
        write ask for a whole name."""
        found = self.find_typed(written)
        start = slugify(written)
        if found.slug is not None or not start:
            return found
        starting = sorted(
            {
                person.slug
                for person in self.people.values()
                for name in person.names
                if slugify(name) == start or slugify(name).startswith(start + "-")
            }
        )
        if len(starting) == 1:
            return Found(written, starting[0])
        return Found(written, could_be=tuple(starting)) if starting else found

    def completions(self, typed: str) -> list[tuple[str, str]]:
        """What a person at the shell may be typing when they have typed ``typed``, as
        (slug, name), for the shell's completion: everyone whose slug, name or aka
        starts as ``typed`` does (case and accents aside). Only slugs are offered: a
        shell inserts a value as it is, and a name's spaces or quotes would break the
        command line."""
        start = folded(typed)
        return [
            (person.slug, person.name)
            for person in sorted(self.people.values(), key=lambda p: p.slug)
            if any(folded(name).startswith(start) for name in person.names)
        ]

    def similar(self, name: str) -> Person | None:
        """The person whose name or aka is closest to ``name``, if one is close enough to
        be worth a word when someone new is added."""
        by_name = {
            other.lower(): person for person in self.people.values() for other in person.names
        }
        close = difflib.get_close_matches(name.lower(), by_name, n=1, cutoff=0.75)
        return by_name[close[0]] if close else None

    def named_in(self, text: str, present: Iterable[str] = ()) -> list[str]:
        """The slugs of the people ``text`` names, as written: by name, first name or aka
        ("Pick up Hamid's zine"). A name several people share counts only for those of
        them ``present`` (at the event the text is about): guessing would mislead."""
        words = _words(text)
        index = self._words_index()
        present = set(present)
        named: dict[str, None] = {}
        for size in (1, 2, 3):
            for start in range(len(words) - size + 1):
                slugs = index.get(" ".join(words[start : start + size]), ())
                if len(slugs) > 1:
                    slugs = tuple(slug for slug in slugs if slug in present)
                named.update(dict.fromkeys(slugs))
        return list(named)

    def _words_index(self) -> Mapping[str, tuple[str, ...]]:
        """Each name, first name and aka, as words, to the slugs of the people it names."""
        if not hasattr(self, "_index"):
            index: dict[str, list[str]] = {}
            for person in self.people.values():
                for name in dict.fromkeys((person.name, first_name(person), *person.aka)):
                    key = " ".join(_words(name))
                    if key:
                        index.setdefault(key, []).append(person.slug)
            self._index = {name: tuple(slugs) for name, slugs in index.items()}
        return self._index


def first_name(person: Person) -> str:
    """The first word of a person's name."""
    return person.name.split()[0] if person.name.split() else person.name


def _words(text: str) -> list[str]:
    """The words of a text, case kept (names are matched as written)."""
    return re.findall(r"@?\w+", text)
