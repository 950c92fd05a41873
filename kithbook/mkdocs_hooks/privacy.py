"""The private site: every page keeps search engines away, the theme loads no web
font, and an encrypted site leaves no name, tag or password in clear."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.kithbook")

#: The plugin that encrypts a site for hosting.
ENCRYPT_PLUGIN = "encryptcontent"
#: Files other plugins write with titles or addresses in clear, removed from an encrypted site.
CLEAR_FILES = ("tags.json", "sitemap.xml", "sitemap.xml.gz")
ROBOTS_META = '<meta name="robots" content="noindex, nofollow">'


def check_encryption(config: MkDocsConfig) -> str | None:
    """The password if the site is to be encrypted (the encryptcontent plugin is in
    mkdocs.yml). Without one it would publish everything in clear, so the build stops."""
    plugin = config.plugins.get(ENCRYPT_PLUGIN)
    if plugin is None:
        return None
    password = plugin.config.get("global_password")
    if not password:
        raise PluginError(
            "the site is to be encrypted but has no password: set KITHBOOK_PASSWORD "
            "(encryptcontent's global_password) and build again"
        )
    # The table of contents sits outside the encrypted content and repeats its headings.
    hidden = dict(plugin.config.get("encrypted_something") or {})
    hidden.setdefault("md-nav--secondary", ["nav", "class"])
    plugin.config["encrypted_something"] = hidden
    _no_password_cache(plugin, Path(config.config_file_path).parent)
    _no_names_in_clear(config)
    return password


def _no_password_cache(plugin, root: Path) -> None:
    """The plugin caches each password, in clear, with the key made from it, in a file
    beside mkdocs.yml (``cache_file``): switch the cache off, and remove one an earlier
    build left. Each build then derives the key again (a fraction of a second)."""
    cache = plugin.config.get("cache_file")
    plugin.config["cache_file"] = ""
    if cache and (root / cache).is_file():
        (root / cache).unlink()
        log.info(f"kithbook: removed {cache}, which held the site's password in clear")


#: The site's name on an encrypted site, where every page shows it in clear.
PRIVATE_SITE_NAME = "Private journal"


def _no_names_in_clear(config: MkDocsConfig) -> None:
    """The theme prints the site's name, description, author and copyright outside the
    encrypted content of every page; they often name the journal's owner."""
    if config.site_name != PRIVATE_SITE_NAME:
        log.info(f"kithbook: the encrypted site is titled '{PRIVATE_SITE_NAME}', shown in clear")
    config.site_name = PRIVATE_SITE_NAME
    config.site_description = None
    config.site_author = None
    config.copyright = None


def keep_private(config: MkDocsConfig) -> None:
    """Material loads Google Fonts unless told not to: nothing may leave the machine."""
    if config.theme.name == "material" and config.theme.get("font") is not False:
        log.info("kithbook: theme.font set to false, so no page loads a web font")
        config.theme["font"] = False


def noindex(html: str) -> str:
    if ROBOTS_META in html or "<head>" not in html:
        return html
    return html.replace("<head>", f"<head>\n    {ROBOTS_META}", 1)
