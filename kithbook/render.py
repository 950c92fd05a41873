"""The Jinja environment of the generated pages, and how values are shown in them.

Every value that reaches a template is escaped for HTML and for Markdown at
once (``finalize``), so a name such as ``<script>`` or ``[x](javascript:...)``
shows as text whether it lands in Markdown or in inline HTML. Trusted markup
(the person's own notes, links built here) is marked ``|safe`` / ``Markup``.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from datetime import date, time
from functools import cache
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from .notes import notes_block
from .ready import NOTES
from .speed import remembered
from .text import ago, clock, day

# Characters that Markdown or HTML would read as syntax, as numeric entities:
# entities mean the same in Markdown text, in tables and inside raw HTML.
_ENTITIES = {char: f"&#{ord(char)};" for char in "&<>\"'\\`*_{}[]()#+!|~:"}
_ESCAPE = str.maketrans(_ENTITIES)


def escape(value: object) -> str:
    """``value`` as text that Markdown and HTML both show verbatim. Its line breaks
    become ``<br>``, so that a value of several lines (an imported note) stays in its
    table cell or list item."""
    text = str(value).translate(_ESCAPE)
    if "\n" not in text:
        return text
    return text.replace("\r\n", "\n").strip("\n").replace("\n", "<br>")


# What a double-quoted YAML string cannot hold as it is: a backslash, and characters
# outside YAML's printable set (controls, lone surrogates).
_NOT_IN_YAML = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\\\\")


def page_title(text: object) -> str:
    """``text`` as a generated page's ``title`` in its front matter. The theme prints a
    page's title as it is, without escaping, in the browser's title bar, the header and
    the lists of pages, so it is HTML-escaped here; whatever YAML could not hold in a
    double-quoted string becomes a character reference, which HTML shows the same."""
    escaped = html.escape(str(text), quote=True)
    return _NOT_IN_YAML.sub(lambda match: f"&#{ord(match.group())};", escaped)


def _finalize(value: object) -> str:
    """Every value printed by a template: trusted Markup (from the helpers below or
    ``|safe``) as it is, anything else escaped. This is the only escaping: Jinja's
    autoescape is off, so templates define no macros (a macro's output would be
    escaped again); the pieces pages share are the Python helpers below."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape(value)


@pass_context
def href(context, target: str) -> Markup:
    """A relative link from the page being rendered (``here``) to another page's
    source path (``people/jane-doe.md``): MkDocs checks it and makes it a URL."""
    return Markup(link(target, context["here"]))


def relative(target: str, here: str) -> str:
    """``target`` relative to the folder of ``here``, both paths under the docs folder:
    what ``posixpath.relpath`` gives, without its two ``os.getcwd()`` calls per link
    (a site has a few links per event on several pages)."""
    start = here.split("/")[:-1]
    parts = target.split("/")
    if "." not in parts[-1] or any(part in ("", ".", "..") for part in (*start, *parts)):
        return posixpath.relpath(target, "/".join(start) or ".")
    common = 0
    for mine, theirs in zip(start, parts[:-1], strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:])


def page_url(src: str) -> str:
    """The URL path (from the site's root) of a page's source path, as MkDocs serves
    it with ``use_directory_urls``: ``people/jane-doe.md`` -> ``people/jane-doe/``."""
    stem = src[: -len(".md")] if src.endswith(".md") else src
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative_url(here: str, target: str) -> str:
    """The link from the page generated from ``here`` to the page generated from
    ``target`` (both source paths), for raw HTML, which MkDocs leaves alone:
    from ``network.md`` to ``people/jane-doe.md`` it is ``../people/jane-doe/``."""
    rel = relative(page_url(target) + "index.html", page_url(here) + "index.html")
    return quote(rel.removesuffix("index.html")) or "./"


def person_links(here: str, page_of: Callable[[str], str]) -> Callable[[str], str]:
    """A function from a person's slug to the link to their page (``page_of(slug)``,
    a source path) from the page generated from ``here``."""
    return lambda slug: relative_url(here, page_of(slug))


def link(target: str, here: str) -> str:
    """The URL-quoted link from the page ``here`` to the page ``target`` (source paths
    under the docs folder). It depends only on the folder of ``here``, and a site's
    pages share a few folders: each link is worked out once per folder."""
    return _link_from(here.rpartition("/")[0], target)


@remembered(1 << 16)
def _link_from(folder: str, target: str) -> str:
    return quote(relative(target, f"{folder}/page.md" if folder else "page.md"))


# The links every page has many of (a few per event row), made in Python: as Jinja
# macros they took a large share of the rendering. Templates call them as globals.


@pass_context
def title(context, text: object, clear: str | None = None) -> Markup:
    """A page's front matter and heading: the first thing of every generated page.

    The theme prints a page's title as it is, unescaped, in the browser's title bar, the
    header and lists of pages; so the page gets its title in its front matter, escaped
    (``page_title``). On an encrypted site those places are in clear: a page whose title
    names someone is titled ``clear`` there ("Person"), and its heading gets no id made
    from its text (the theme's "skip to content" link, in clear too, would show it)."""
    private = context["site"].private
    meta = page_title(clear if private and clear else text)
    shown = _finalize(text)
    heading = f"<h1>{shown}</h1>" if private else f"# {shown}"
    return Markup(f'---\ntitle: "{meta}"\n---\n\n{heading}')


@pass_context
def person_link(context, slug: str) -> Markup:
    """``[name](link)`` to a person's page."""
    return Markup(_person_link(context["site"], context["here"], slug))


@pass_context
def people_links(context, slugs) -> Markup:
    """Links to people's pages, separated by commas."""
    site, here = context["site"], context["here"]
    return Markup(", ".join([_person_link(site, here, slug) for slug in slugs]))


@pass_context
def event_link(context, event) -> Markup:
    """``[title](link)`` to an event's page; the bare title for an item of a list file."""
    return Markup(_event_link(context["site"], context["here"], event))


@pass_context
def url_html(context, target: str) -> Markup:
    """``href`` as the page's URL, for the regions of a ready page: from ``people/a.md``
    to ``network.md`` it is ``../../network/``."""
    return Markup(relative_url(context["here"], target))


@pass_context
def person_link_html(context, slug: str) -> Markup:
    """``person_link`` as HTML, for the regions of a ready page (kithbook.ready)."""
    return Markup(_person_link(context["site"], context["here"], slug, html=True))


@pass_context
def people_links_html(context, slugs) -> Markup:
    """``people_links`` as HTML, for the regions of a ready page."""
    site, here = context["site"], context["here"]
    return Markup(", ".join([_person_link(site, here, slug, html=True) for slug in slugs]))


@pass_context
def tag_links_html(context, tags) -> Markup:
    """Links to each tag's section of the tags page, separated by commas, as HTML for
    the regions of a ready page."""
    site, here = context["site"], context["here"]
    target = relative_url(here, "tags.md")
    return Markup(
        ", ".join(f'<a href="{target}#{site.tag_anchors[t]}">{_escaped(t)}</a>' for t in tags)
    )


@pass_context
def event_link_html(context, event) -> Markup:
    """``event_link`` as HTML, for the regions of a ready page."""
    return Markup(_event_link(context["site"], context["here"], event, html=True))


def when(event, year: bool = True) -> Markup:
    """An event's day ('5 Dec 2026', or '5 Dec'), and its time if it has one."""
    return Markup(_when(event.date, event.time, year))


@pass_context
def event_row(context, event, year: bool = True, skip: str | None = None) -> Markup:
    """One line of a timeline: the day, the linked title, kind and channel, the others
    there (all but ``skip``, whose page it is) and the place."""
    return Markup(_event_row(context["site"], context["here"], event, year, skip))


@pass_context
def event_row_html(context, event, year: bool = True, skip: str | None = None) -> Markup:
    """``event_row`` as HTML, for the regions of a ready page."""
    return Markup(_event_row(context["site"], context["here"], event, year, skip, html=True))


@pass_context
def event_list_html(context, events, year: bool = True, skip: str | None = None) -> Markup:
    """A list of ``event_row``s as the HTML Markdown makes of it, in one call (a
    timeline has hundreds of rows), for the regions of a ready page."""
    site, here = context["site"], context["here"]
    rows = [f"<li>{_event_row(site, here, e, year, skip, html=True)}</li>" for e in events]
    return Markup("<ul>\n" + "\n".join(rows) + "\n</ul>")


def _event_row(site, here: str, event, year: bool, skip: str | None, html: bool = False) -> str:
    kind = _escaped(event.kind)
    if event.kind != event.channel:
        kind += ", " + _escaped(event.channel)
    parts = [_when(event.date, event.time, year), _event_link(site, here, event, html)]
    parts.append(f"<em>{kind}</em>" if html else f"*{kind}*")
    others = [_person_link(site, here, slug, html) for slug in event.with_ if slug != skip]
    if others:
        parts.append("with " + ", ".join(others))
    if event.place:
        parts.append(_escaped(event.place))
    return " · ".join(parts)


# The pieces of the helpers above, as plain text (a Markup is made once, at the end):
# a site prints the same names, days and places in row after row.

_escaped = remembered(1 << 16)(escape)


def _person_link(site, here: str, slug: str, html: bool = False) -> str:
    return _link_to(_escaped(site.journal.people[slug].name), site.person_page(slug), here, html)


def _event_link(site, here: str, event, html: bool = False) -> str:
    title = escape(event.title)
    return _link_to(title, site.event_page(event), here, html) if event.page else title


def _link_to(text: str, page: str, here: str, html: bool) -> str:
    """A link to the generated page ``page`` from ``here``: ``[text](page.md)`` in
    Markdown, which MkDocs checks and turns into the page's URL; with ``html``, the
    ``<a>`` it makes of it, for the regions of a ready page."""
    if html:
        return f'<a href="{relative_url(here, page)}">{text}</a>'
    return f"[{text}]({link(page, here)})"


@remembered(1 << 14)
def _when(value: date, at: time | None, year: bool) -> str:
    text = day(value, year)
    return escape(f"{text} {clock(at)}" if at else text)


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
        autoescape=False,  # _finalize escapes each value, once
        finalize=_finalize,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # package files: no stat() of every template on every page
    )
    env.filters.update(day=day, clock=clock)
    env.globals.update(href=href, ago=ago, safe_url=safe_url)
    env.globals.update(
        person_link=person_link,
        people_links=people_links,
        event_link=event_link,
        event_row=event_row,
        when=when,
        title=title,
        notes=notes,
        person_link_html=person_link_html,
        people_links_html=people_links_html,
        tag_links_html=tag_links_html,
        event_list_html=event_list_html,
        event_row_html=event_row_html,
        event_link_html=event_link_html,
        url_html=url_html,
        notes_here=Markup(NOTES),
    )
    return env


def notes(text: str) -> Markup:
    """A person's or an event's notes: their Markdown as written, marked for
    ``notes.clean_notes`` to sanitize once MkDocs has made HTML of the page."""
    return Markup(notes_block(text))


def render(template: str, here: str, **context: object) -> str:
    """The page ``template`` renders for the generated file ``here``."""
    return environment().get_template(template).render(here=here, **context)
