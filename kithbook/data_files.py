"""The site's data files, exactly as FORMAT.md gives them: ``/api/network.json`` (and
the JSON writer of ``/api/next.json``), for other tools to read."""

from __future__ import annotations

import json
from datetime import date

from .site import Site


def network_json(site: Site) -> str:
    """``/api/network.json``, exactly as FORMAT.md gives it."""
    data = {
        "today": site.today.isoformat(),
        "people": [
            {
                "slug": t.person.slug,
                "name": t.person.name,
                "where": t.person.where,
                "circle": t.person.circle,
                "first_seen": _iso(t.first_seen),
                "last_seen": _iso(t.last_seen),
                "interactions": t.interactions,
                "in_person": t.in_person,
                "timeline": [e.id for e in t.past],
            }
            for t in site.timelines.values()
        ],
        "events": [
            {
                "id": e.id,
                "date": e.date.isoformat(),
                "title": e.title,
                "kind": e.kind,
                "channel": e.channel,
                "with": list(e.with_),
                "place": e.place,
            }
            for e in site.journal.events
        ],
    }
    return data_json(data)


def data_json(value: object) -> str:
    """A data file's JSON, a record (an item of the top list, or of a list under a top
    key) on each line. json's C encoder writes each record; ``indent=`` would make json
    use its pure-Python encoder, several times slower on a large network."""

    def block(item: object) -> str:
        if isinstance(item, list) and item:
            return "[\n" + ",\n".join(json.dumps(x, ensure_ascii=False) for x in item) + "\n]"
        return json.dumps(item, ensure_ascii=False)

    if isinstance(value, dict):
        pairs = (f"{json.dumps(key, ensure_ascii=False)}: {block(v)}" for key, v in value.items())
        return "{\n" + ",\n".join(pairs) + "\n}\n"
    return block(value) + "\n"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
