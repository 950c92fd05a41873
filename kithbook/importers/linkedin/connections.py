"""Connections.csv: a person per connection.

Name, profile address (exports have the column since 2022, not all of them), email (when
they share it; older exports put ``urn:li:member:...`` there, which is not an email),
company and position (``org``, ``role``), and ``Connected On`` as ``met``. Rows of
hidden profiles hold only a date: they are skipped and counted.
"""

from __future__ import annotations

from .. import Context, Extract, PersonRecord, Repeated, Skip
from ..exports import ExportFile
from ..ids import email_address
from .dates import linkedin_date, slashes_day_first
from .spreadsheet import BLANKS
from .tables import table_rows


def extract_connections(file: ExportFile, text: str, context: Context) -> Extract:
    """A person per row of Connections.csv (its ``text``), hidden profiles skipped, and
    one warning for the dates that cannot be read, with how many more."""
    people: list[PersonRecord] = []
    skipped: list[Skip] = []
    warnings = Repeated()
    table = list(table_rows(file, text))
    # A file that writes NA for an empty email writes it for an empty name too; "Na"
    # is a name all the same (a Korean family name), and so is NA in any other file.
    blank_names = any(row.get("email address").casefold() in BLANKS for row in table)
    day_first = slashes_day_first(row.value("connected on") for row in table)
    for row in table:
        names = (row.get(c) for c in ("first name", "last name"))
        kept = (n for n in names if not (blank_names and n.upper() == n and n.casefold() in BLANKS))
        name = " ".join(" ".join(kept).split())
        url = row.value("url") or row.value("profile url") or row.value("linkedin url")
        email = email_address(row.value("email address") or row.value("email"))
        if not name and not url and not email:
            skipped.append(Skip(row.source, "a hidden profile (only a date)"))
            continue
        connected = row.value("connected on")
        met = linkedin_date(connected, day_first)
        if connected and met is None:
            warnings.add("date", row.source, f"'{connected}' is not a date: no met")
        facts: dict[str, object] = {
            "met": met,
            "org": row.value("company") or None,
            "role": row.value("position") or None,
            "contact.email": [email] if email else None,
            "contact.linkedin": url or None,
        }
        people.append(
            PersonRecord(
                source=row.source,
                key=f"connection:{row.source}",
                name=name or None,
                facts={k: v for k, v in facts.items() if v},
                new_facts={"how_we_met": "LinkedIn"},
            )
        )
    return Extract(tuple(people), (), tuple(skipped), tuple(warnings.problems()))
