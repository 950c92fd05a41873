"""`kithbook init`: a new journal that builds with --strict right away."""

from __future__ import annotations

import json

import yaml
from click.testing import CliRunner
from conftest import mkdocs_build

from kithbook.cli import main


def init(folder, *args):
    return CliRunner().invoke(
        main, ["init", str(folder), *args], env={"KITHBOOK_TODAY": "2026-11-21"}
    )


def test_a_new_journal_builds_strict_and_checks_clean(tmp_path):
    folder = tmp_path / "mynet"
    result = init(folder, "--name", "Zoë Example", "--where", "Leeds, UK")
    assert result.exit_code == 0, result.output
    for rel in ("mkdocs.yml", "hooks/journal.py", "docs/index.md", ".gitignore", "README.md"):
        assert (folder / rel).is_file(), rel
    assert (folder / "people" / "alex-example.md").is_file()
    assert (folder / "events" / "2026" / "2026-11-21-started-this-journal.md").is_file()
    assert "site/" in (folder / ".gitignore").read_text().split()
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert 'name: "Zoë Example"' in config and "dev_addr: 127.0.0.1:8000" in config
    assert 'site_name: "Zoë Example\'s network"' in config

    check = CliRunner().invoke(main, ["--journal", str(folder), "check"])
    assert check.exit_code == 0, check.output
    build = mkdocs_build(folder, strict=True)
    assert build.returncode == 0, build.stderr
    person = (folder / "site" / "people" / "alex-example" / "index.html").read_text("utf-8")
    assert "Started this journal" in person


def test_a_journal_without_a_name_is_my_network(tmp_path):
    assert init(tmp_path / "j").exit_code == 0
    assert 'site_name: "My network"' in (tmp_path / "j" / "mkdocs.yml").read_text("utf-8")


def test_init_never_overwrites(tmp_path):
    folder = tmp_path / "mynet"
    assert init(folder).exit_code == 0
    (folder / "mkdocs.yml").write_text("mine\n")
    again = init(folder)
    assert again.exit_code == 1
    assert "exists already" in again.output and "Traceback" not in again.output
    assert (folder / "mkdocs.yml").read_text() == "mine\n"


def test_init_sets_up_pre_commit_and_editor_schemas(tmp_path):
    folder = tmp_path / "mynet"
    assert init(folder).exit_code == 0
    hooks = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text())
    hook = hooks["repos"][0]["hooks"][0]
    assert (hook["id"], hook["entry"], hook["pass_filenames"]) == (
        "kithbook-check",
        "kithbook check",
        False,
    )
    settings = json.loads((folder / ".vscode" / "settings.json").read_text())
    for schema, globs in settings["yaml.schemas"].items():
        assert json.loads((folder / schema).read_text())["$schema"].startswith(
            "https://json-schema"
        )
        assert globs


def test_an_encrypted_journal_needs_its_password(tmp_path):
    folder = tmp_path / "mynet"
    assert init(folder, "--encrypt").exit_code == 0
    assert "encryptcontent" in (folder / "mkdocs.yml").read_text()
    without = mkdocs_build(folder, KITHBOOK_PASSWORD="")
    assert without.returncode == 1 and "no password" in without.stderr
    with_password = mkdocs_build(folder, strict=True, KITHBOOK_PASSWORD="a long test passphrase")
    assert with_password.returncode == 0, with_password.stderr
    assert "Alex Example" not in "".join(
        p.read_text("utf-8", "replace") for p in (folder / "site").rglob("*") if p.is_file()
    )
