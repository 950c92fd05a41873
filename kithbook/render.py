"""The Jinja environment of the generated pages, and how values are shown in them.

Every value that reaches a template is escaped for HTML and for Markdown at
once (``finalize``), so a name such as ``<script>`` or ``[x](javascript:...)``
shows as text whether it lands in Markdown or in inline HTML. Trusted markup
(the person's own notes, links built here) is marked ``|safe`` / ``Markup``.
"""

from __future__ import annotations

import posixpath
from datetime import date, time
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

# Characters that Markdown or HTML would read as syntax, as numeric entities:
# entities mean the same in Markdown text, in tables and inside raw HTML.
_ENTITIES = {char: f"&#{ord(char)};" for char in "&<>\"'\\`*_{}[]()#+!|~:"}
_ESCAPE = str.maketrans(_ENTITIES)


def escape(value: object) -> str:
    """``value`` as text that Markdown and HTML both show verbatim."""
    return str(value).translate(_ESCAPE)


def _finalize(value: object) -> Markup:
    """Every value printed by a template: trusted Markup as it is, anything else escaped.
    (With autoescape on, macros return Markup too, so their output is not escaped twice.)"""
    if value is None:
        return Markup("")
    if isinstance(value, Markup):
        return value
    return Markup(escape(value))


def day(value: date | None, year: bool = True) -> str:
    """'5 Dec 2026' (or '5 Dec'); an empty string for no date."""
    if value is None:
        return ""
    return f"{value.day} {value:%b %Y}" if year else f"{value.day} {value:%b}"


def clock(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def since(then: date | None, today: date) -> str:
    """How long ago ``then`` was, in words: 'today', '3 weeks ago', 'in 5 days'."""
    if then is None:
        return "never"
    days = (today - then).days
    if days == 0:
        return "today"
    future = days < 0
    days = abs(days)
    if days == 1:
        return "tomorrow" if future else "yesterday"
    if days < 14:
        amount = f"{days} days"
    elif days < 60:
        amount = f"{days // 7} weeks"
    elif days < 730:
        amount = f"{round(days / 30.44)} months"
    else:
        amount = f"{days // 365} years"
    return f"in {amount}" if future else f"{amount} ago"


@pass_context
def href(context, target: str) -> Markup:
    """A relative link from the page being rendered (``here``) to another page's
    source path (``people/jane-doe.md``): MkDocs checks it and makes it a URL."""
    start = posixpath.dirname(context["here"])
    return Markup(quote(posixpath.relpath(target, start or ".")))


def safe_url(url: str) -> str | None:
    """``url`` if it is a web or mail address that is safe to link to, else None."""
    lowered = url.strip().lower()
    if lowered.startswith(("https://", "http://", "mailto:")):
        return url.strip()
    return None


@cache
def environment() -> Environment:
    """The one template environment, made once per process."""
    env = Environment(
        loader=PackageLoader("kithbook", "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(day=day, clock=clock)
    env.globals.update(href=href, since=since, safe_url=safe_url)
    return env


def render(template: str, here: str, **context: object) -> str:
    """The page ``template`` renders for the generated file ``here``."""
    return environment().get_template(template).render(here=here, **context)
