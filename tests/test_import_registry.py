"""The importers: one registry, which the command line reads, and one protocol, which
every importer follows."""

from __future__ import annotations

from click.testing import CliRunner

from kithbook.cli import main
from kithbook.importers import KINDS, Importer, importer


def test_every_registered_importer_follows_the_protocol():
    for kind in KINDS:
        assert isinstance(importer(kind), Importer), kind


def test_the_command_line_offers_the_registered_kinds_in_their_order():
    result = CliRunner().invoke(main, ["import", "--help"])
    assert result.exit_code == 0
    assert "{" + "|".join(KINDS) + "}" in result.output
    assert KINDS == ("linkedin", "twitter", "vcard", "ics")
