"""The JSON Schema of journal files: printed by `kithbook schema`, equal in its
fields to the loader's, and in agreement with the loader on real files.

The package does not run the schema (the loader's rules are the checker), so a
tiny validator of the keywords the schema uses lives here, to test that the
schema accepts what the loader accepts.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kithbook.cli import main
from kithbook.config import parse_config
from kithbook.files import journal_files
from kithbook.load import EVENT_FIELDS, PERSON_FIELDS, load_journal
from kithbook.reading import split_front_matter
from kithbook.schema import journal_schema

REPO = Path(__file__).resolve().parent.parent
USED_KEYWORDS = {
    "$schema", "$id", "$ref", "$defs", "title", "description", "type", "properties",
    "required", "additionalProperties", "enum", "pattern", "anyOf", "items", "minLength",
}  # fmt: skip


def errors(instance: object, schema: dict, root: dict, where: str = "") -> list[str]:
    """Why ``instance`` does not fit ``schema``: a subset of draft 2020-12 (USED_KEYWORDS)."""
    found: list[str] = []
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        found += errors(instance, target, root, where)
    if "type" in schema and not _is_type(instance, schema["type"]):
        return found + [f"{where}: not {schema['type']}"]
    if "enum" in schema and instance not in schema["enum"]:
        found.append(f"{where}: {instance!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(instance, str):
        if not re.search(schema["pattern"], instance):
            found.append(f"{where}: {instance!r} does not match {schema['pattern']}")
    if "minLength" in schema and isinstance(instance, str) and len(instance) < schema["minLength"]:
        found.append(f"{where}: too short")
    if "anyOf" in schema and all(errors(instance, s, root, where) for s in schema["anyOf"]):
        found.append(f"{where}: fits none of anyOf")
    if isinstance(instance, list) and "items" in schema:
        for index, item in enumerate(instance):
            found += errors(item, schema["items"], root, f"{where}[{index}]")
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        for key in schema.get("required", ()):
            if key not in instance:
                found.append(f"{where}: '{key}' is required")
        for key, value in instance.items():
            if key in properties:
                found += errors(value, properties[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                found.append(f"{where}: '{key}' is not allowed")
            elif isinstance(schema.get("additionalProperties"), dict):
                found += errors(value, schema["additionalProperties"], root, f"{where}.{key}")
    return found


def _is_type(instance: object, kind: str) -> bool:
    checks = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
    }
    return checks[kind](instance)


def as_json_data(value: object) -> object:
    """YAML data as an editor's YAML server sees it: dates are text."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): as_json_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json_data(v) for v in value]
    return value


def file_data(path: Path) -> object:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix == ".md":
        text = split_front_matter(text)[0]
    return as_json_data(yaml.safe_load(text))


def validate(data: object, kind: str | None = None) -> list[str]:
    schema = journal_schema(kind)
    return errors(data, schema, schema)


# ---------------------------------------------------------------- the tests


@pytest.mark.parametrize("kind", [None, "person", "event"])
def test_kithbook_schema_prints_valid_json(kind: str | None) -> None:
    result = CliRunner().invoke(main, ["schema"] + ([kind] if kind else []))
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed == journal_schema(kind)
    assert printed["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_an_unknown_schema_is_a_usage_error() -> None:
    assert CliRunner().invoke(main, ["schema", "place"]).exit_code == 2


def test_the_schema_has_the_loaders_fields_in_the_format_order() -> None:
    definitions = journal_schema()["$defs"]
    assert list(definitions["person"]["properties"]) == [*PERSON_FIELDS, "notes"]
    assert list(definitions["event"]["properties"]) == [*EVENT_FIELDS, "notes"]
    assert definitions["person"]["required"] == ["name"]
    assert definitions["event"]["required"] == ["date"]


def test_the_schema_uses_only_keywords_the_test_validator_knows() -> None:
    def keywords(node: object) -> set[str]:
        if isinstance(node, list):
            return set().union(*map(keywords, node)) if node else set()
        if not isinstance(node, dict):
            return set()
        found = set(node) - {"properties", "$defs"}
        for key, value in node.items():
            if key in ("properties", "$defs"):
                found |= set().union(*map(keywords, value.values()))
            elif key not in ("enum", "required"):
                found |= keywords(value)
        return found

    assert keywords(journal_schema()) <= USED_KEYWORDS


def test_the_schema_accepts_a_full_person_and_event() -> None:
    person = yaml.safe_load(
        """
        name: Zoë Ångström
        aka: [Zo, zoe_a]
        where: Leeds, UK
        tags: climbing, work
        circle: close
        keep_in_touch: 3w
        met: 2024-05-01
        how_we_met: Pennine Code
        introduced_by: jane-doe
        birthday: 02-29
        org: Brindle & Finch
        role: designer
        contact: {email: [zoe@example.org], mastodon: "@zoe@example.social", signal: "+44 1"}
        follows_me: true
        i_follow: false
        extra: {favourite tea: oolong}
        snooze_until: 2027-01-01
        """
    )
    event = yaml.safe_load(
        """
        date: 2026-11-20 18:30
        end: 2026-11-20
        title: Coffee
        kind: bouldering
        with: [zoe-angstrom, Jane Doe]
        place: Tilt
        by: me
        follow_up: [send the link, "[x] pay back"]
        tags: [coffee]
        uid: abc@example.org
        """
    )
    assert validate(as_json_data(person), "person") == []
    assert validate(as_json_data(event), "event") == []
    assert validate([as_json_data(event), {"date": "2026-01-01", "notes": "hi"}], "event") == []
    assert validate(as_json_data(person)) == []


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("person", {"where": "Leeds"}),
        ("person", {"name": "Jo", "circle": "inner-most"}),
        ("person", {"name": "Jo", "keep_in_touch": "fortnightly"}),
        ("person", {"name": "Jo", "nick": "J"}),
        ("person", {"name": "Jo", "met": "May 2024"}),
        ("event", {"title": "no date"}),
        ("event", {"date": "2026-11-20", "with": {"jo": 1}}),
        ("event", {"date": "20/11/2026"}),
    ],
)
def test_the_schema_rejects_what_the_loader_reports(kind: str, data: dict) -> None:
    assert validate(data, kind)


def test_every_demo_file_the_loader_reads_cleanly_fits_the_schema() -> None:
    if not (REPO / "people").is_dir():
        pytest.skip("no demo journal")
    config, _ = parse_config({})
    _, problems = load_journal(REPO, config)
    troubled = {problem.source.path for problem in problems}
    checked = 0
    for folder, kind, recursive in (("people", "person", False), ("events", "event", True)):
        for path, rel in journal_files(REPO, folder, recursive):
            if rel in troubled:
                continue
            assert validate(file_data(path), kind) == [], rel
            checked += 1
    assert checked
