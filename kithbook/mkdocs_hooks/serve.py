"""Rebuilds under ``mkdocs serve`` that render only the pages a save changed, and write
the same site as a clean build (kithbook.live keeps what that needs, kithbook.rebuild
makes again only the pages a save changed). What here leans on MkDocs' and Material's
insides is pinned by tests/test_live.py."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import clean_directory

from ..files import Changes
from ..live import LiveSite, file_fingerprint, gone, remove_output, search_index, tree_fingerprint
from ..rebuild import SiteMemory
from ..speed import back_to_collector, set_aside_from_collector
from .search import SEARCH_PLUGIN, search_index_of, write_docs
from .server import dirty_rebuilds, hide_dirty_warning, watch_journal

log = logging.getLogger("mkdocs.plugins.kithbook")

memory = SiteMemory()  # the last site made: a change of notes makes only their pages


class JournalFile(File):
    """A generated file that tells a dirty build the truth: modified only when its text
    changed since the last build (MkDocs counts every generated file as modified)."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


#: The plugins whose state a rebuild that renders only some pages keeps whole: the
#: search index (``Live.finish``) and the tags plugin, whose tags come only from the
#: hand-written pages, which such a rebuild renders when it is on. With any other
#: plugin every rebuild renders every page.
PARTIAL_PLUGINS = frozenset({SEARCH_PLUGIN, "material/tags", "tags"})
TAGS_PLUGINS = ("material/tags", "tags")


@dataclass
class _Kept:
    """What the last build made of the site's files, navigation and templates: a save
    to the journal renders its pages with them (``Live.render_again``)."""

    config: MkDocsConfig
    files: Files
    nav: object
    env: object


class Live:
    """Rebuilds under ``mkdocs serve`` that render only the pages a save changed, and
    write the same site as a clean build (kithbook.live keeps what that needs).

    MkDocs' server rebuilds the whole site on every change. When only the journal
    changed, kithbook rebuilds it first, with the last build's files, navigation and
    templates (``render_again``, in front of the server's builder). Otherwise, from the
    server's first rebuild on, its rebuilds are dirty ones (``server.dirty_rebuilds``),
    in which MkDocs renders only the files that say they are modified; kithbook's
    generated pages say so only when their text changed. A rebuild is ``full`` (the
    site folder emptied, every page rendered, as a clean build) whenever anything but
    the journal may have changed: the first build, mkdocs.yml, the hand-written pages,
    the day, a failed build, or a plugin whose state kithbook cannot keep whole."""

    def __init__(self) -> None:
        self.site = LiveSite()
        self.serving = False
        self.dirty = False  # the server's rebuilds are dirty ones
        self.full = True
        self.observer = None
        self.changes: Changes | None = None
        self.server = None  # the server a change asks for a rebuild, under mkdocs serve
        self.files: Files | None = None
        self.nav = None
        self.env = None
        self.kept: _Kept | None = None  # the last build, whole and without error
        #: the last build's files and its pages: a rebuild that keeps the files keeps
        #: the list of pages, and where each file was written (80,000 at 10,000 people)
        self.listed: tuple[Files, list[File]] | None = None
        self.rendered: set[str] = set()
        self.tags = False  # the tags plugin is on
        self.partial = False  # no plugin is on whose state a partial rebuild loses

    def start(self, config: MkDocsConfig, today: date) -> None:
        """A build starts: full, or only what changed."""
        self.kept = None  # the memory of a whole site is freed for this build's
        others = set(_other_plugins(config))
        self.tags = bool(others & set(TAGS_PLUGINS))
        self.partial = others <= PARTIAL_PLUGINS
        inputs = _inputs(config, today)
        self.full = not (self.dirty and self.partial and inputs == self.site.inputs)
        if self.full:
            self.site.forget()
            memory.forget()
            back_to_collector()
        self.site.inputs = inputs
        self.rendered = set()

    def unchanged(self, config: MkDocsConfig, today: date) -> bool:
        """Whether nothing but the journal changed since the last build (mkdocs.yml,
        the hand-written pages, the day), which ended whole, with no plugin on but
        search: then a rebuild may render only the pages a save changed
        (``render_again``)."""
        return (
            self.kept is not None
            and self.partial
            and not self.tags
            and _inputs(config, today) == self.site.inputs
        )

    def clean(self, config: MkDocsConfig) -> None:
        """A full rebuild starts from an empty site folder, as a clean build does
        (MkDocs empties it only when the build is not dirty)."""
        if self.dirty and self.full:
            clean_directory(config.site_dir)

    def docs_rendered(self, files: Files, generated: dict[str, str]) -> None:
        """The hand-written pages are rendered again when a generated page comes or goes
        (a link to it resolves, or no longer does), and always with the tags plugin on:
        it collects tags only from the pages it renders (generated pages have none)."""
        same = generated.keys() == self.site.contents.keys()
        if self.full or (same and not self.tags):
            return
        for file in files.documentation_pages():
            if not isinstance(file, JournalFile):
                file.is_modified = _modified  # type: ignore[method-assign]

    def restore_nav(self, nav) -> None:
        """Each page in the navigation that this rebuild does not render keeps the title
        and metadata it had: every page shows them in its navigation."""
        self.nav = nav
        if self.full:
            return
        for page in nav.pages:
            kept = self.site.nav.get(page.file.src_uri)
            if kept is not None and not page.file.is_modified():
                page.title, page.meta = kept[0], dict(kept[1])

    def finish(self, config: MkDocsConfig) -> None:
        """After the pages: the search index made whole, the pages of removed files
        removed, and what the next rebuild needs kept."""
        files = self.files
        if files is None:
            return
        pages = self.documentation_pages(files)
        index = search_index_of(config)
        if index is not None:
            docs, self.site.search = search_index(
                [file.url for file in pages], self.rendered, index.entries, self.site.search
            )
            write_docs(index, docs)
            # Under `mkdocs serve --dirty` the plugin would add the last build's entries
            # of every page again; these are whole.
            config.plugins[SEARCH_PLUGIN].search_index_prev = None
        if self.listed is None or self.listed[0] is not files:
            outputs = {file.src_uri: file.abs_dest_path for file in files}
            if not self.full:
                for path in gone(self.site.outputs, outputs):
                    remove_output(path, config.site_dir)
            self.site.outputs = outputs
            self.listed = (files, pages)
        # Under `mkdocs serve`, this line shows how much of the site a rebuild rendered.
        log.info(
            f"kithbook: rendered {len(self.rendered)} of {len(pages)} pages"
            + ("" if self.full else " (the pages that changed)")
        )
        self.site.nav = {
            page.file.src_uri: (page.title, dict(page.meta)) for page in self.nav.pages
        }
        self.kept = _Kept(config, files, self.nav, self.env)
        self.files, self.nav, self.env = None, None, None
        if self.full and self.serving:
            set_aside_from_collector()

    def same_navigation(
        self, generated: dict[str, str], inclusion: Callable[[str], InclusionLevel]
    ) -> bool:
        """Whether the generated files ``generated`` leave the navigation as the last
        build made it: no page in it comes or goes (person and event pages are not
        in it)."""
        moved = generated.keys() ^ self.site.contents.keys()
        return all(inclusion(path).is_not_in_nav() for path in moved)

    def render_again(
        self,
        generated: dict[str, str],
        markdown: Callable[[str, str], str],
        inclusion: Callable[[str], InclusionLevel],
    ) -> bool:
        """A rebuild of the site for the generated files ``generated`` (by path under
        the docs folder; ``markdown`` gives what MkDocs reads of one, ``inclusion``
        where a new one stands) with the last build's files, navigation and
        templates: only the pages whose text changed rendered, the data files that
        changed written, and the build ended as MkDocs ends it (``on_post_build``).
        When generated pages come or go, the hand-written pages (whose links may now
        resolve, or no longer) and the sitemap are made again too. False, with nothing
        written, when a page in the navigation changes its title (``same_navigation``
        tells the other ways it can change): every page shows the navigation.

        For a save to the journal when nothing else changed (``unchanged``): MkDocs'
        own rebuild makes every file, page object, address and the navigation again
        first, about a second at 1,000 people and ten at 10,000."""
        from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page

        kept = self.kept
        assert kept is not None
        config, nav, env = kept.config, kept.nav, kept.env
        moved = generated.keys() ^ self.site.contents.keys()
        self.kept = None  # its pages change from here on
        files = kept.files
        if moved:
            files = _files_again(files, generated, markdown, inclusion, config)
        changed = [
            files.get_file_from_path(path)
            for path, text in generated.items()
            if self.site.changed(path, text)
        ]
        for file in changed:
            if file.src_uri not in moved:
                file.content_string = markdown(file.src_uri, generated[file.src_uri])
        in_serve = self.documentation_pages(files)
        pages = [file for file in changed if file.is_documentation_page()]
        if moved:
            pages += [file for file in in_serve if not isinstance(file, JournalFile)]
        titles = [(page, page.title) for page in nav.pages]
        for file in pages:
            _populate_page(file.page, config, files, dirty=False)
        if any(page.title != title for page, title in titles):
            self.forget()  # every page shows the navigation
            return False
        index = search_index_of(config)
        if index is not None:  # this rebuild's entries; Live.finish adds the others
            index.entries = []
        self.files, self.nav, self.env = files, nav, env
        self.full, self.rendered = False, set()
        for file in changed:
            if not file.is_documentation_page():
                file.copy_file()
        if moved and "sitemap.xml" in config.theme.static_templates:
            _build_theme_template("sitemap.xml", env, files, config, nav)
        for file in pages:  # a draft page shows it is one, as MkDocs' own serve marks it
            excluded = file.inclusion.is_excluded()
            _build_page(file.page, config, in_serve, nav, env, excluded=excluded)
        config.plugins.on_post_build(config=config)
        return True

    def serve(
        self, server, builder, folders: list[Path], journal_saved: Callable[[], bool]
    ) -> None:
        """From the server's first rebuild on, rebuilds are dirty ones, and a save to
        the journal alone renders only the pages it changed (``journal_saved``, which
        says whether it did); a change in the journal's folders (``watch``) asks the
        server for a rebuild, or, where no notices can be had, its own watcher polls
        them."""
        self.dirty = dirty_rebuilds(builder)
        if self.dirty:
            hide_dirty_warning()
        if getattr(server, "builder", None) is builder:
            server.builder = _JournalFirst(builder, journal_saved, self)
        if hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild"):
            self.server = server
        else:  # a server that cannot be asked for a rebuild: its own watcher polls
            self.stop()
        if self.observer is None:
            for folder in folders:
                if folder.is_dir():
                    server.watch(str(folder))

    def watch(self, folders: list[Path]) -> Changes | None:
        """Under ``mkdocs serve``, from its first build on (so that a rebuild is told of
        every change since that build read the journal): the journal's folders watched
        with the system's own notices of change; what changed in them, or None when
        not serving or no notices can be had. A change asks the server for a rebuild
        once ``serve`` has it."""
        if self.serving and self.changes is None:
            watched = [folder for folder in folders if folder.is_dir()]
            self.changes = Changes(watched)
            self.observer = watch_journal(self, watched, self.changes)
        return self.changes if self.observer is not None else None

    def documentation_pages(self, files: Files) -> list[File]:
        """The pages of the site of ``files`` (drafts too, under ``mkdocs serve``): the
        last build's list when these are its files."""
        if self.listed is not None and self.listed[0] is files:
            return self.listed[1]
        level = InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included
        return files.documentation_pages(inclusion=level)

    def forget(self) -> None:
        """The next build renders every page."""
        self.site.forget()
        self.kept, self.listed = None, None
        memory.forget()

    def stop(self) -> None:
        """No more watching (nor ``watch`` again): nothing is told of changes."""
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None


def _modified() -> bool:
    return True


def _inputs(config: MkDocsConfig, today: date) -> tuple:
    """A fingerprint of what a build reads besides the journal."""
    return (
        file_fingerprint(config.config_file_path),
        tree_fingerprint(config.docs_dir),
        today,
        tuple(config.plugins),
    )


def _files_again(
    files: Files,
    generated: dict[str, str],
    markdown: Callable[[str, str], str],
    inclusion: Callable[[str], InclusionLevel],
    config: MkDocsConfig,
) -> Files:
    """The site's files with ``generated`` in place of the last build's generated files,
    in the order of a clean build (the hand-written and theme files, then the generated
    ones in kithbook's order); a new page gets its page object as MkDocs gives one."""
    from mkdocs.structure.pages import Page

    kept = {file.src_uri: file for file in files if isinstance(file, JournalFile)}
    again = [file for file in files if not isinstance(file, JournalFile)]
    for path, content in generated.items():
        file = kept.get(path)
        if file is None:
            file = JournalFile.generated(
                config, path, content=markdown(path, content), inclusion=inclusion(path)
            )
            if file.is_documentation_page():
                Page(None, file, config)
        again.append(file)
    return Files(again)


class _JournalFirst:
    """The server's builder, in front of which a save to the journal alone renders
    only the pages it changed (``journal_saved`` says whether it did). Anything that
    goes wrong there makes the server's own rebuild a full one, which puts the whole
    site right."""

    def __init__(self, builder, journal_saved: Callable[[], bool], live: Live) -> None:
        self.builder, self.journal_saved, self.live = builder, journal_saved, live

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        if config is None:
            try:
                if self.journal_saved():
                    return
            except Exception as error:  # noqa: BLE001 - the full rebuild that follows reports it
                log.info(f"kithbook: rebuilding every page ({type(error).__name__}: {error})")
                self.live.forget()
        self.builder(config)


live = Live()


def pictures_aside(config: MkDocsConfig) -> bool:
    """Whether a page's pictures may be set aside while the search plugin reads it
    (kithbook.ready.set_aside): only when no plugin but search and tags is on, as
    another might read or change the page in between (the encryption plugin encrypts
    it)."""
    return set(_other_plugins(config)) <= PARTIAL_PLUGINS


def _other_plugins(config: MkDocsConfig) -> list[str]:
    """The plugins of the build other than kithbook's own hook (the module whose
    ``on_files`` is kithbook's)."""
    ours = sys.modules[__package__].on_files
    return [
        name
        for name, plugin in config.plugins.items()
        if getattr(plugin, "on_files", None) is not ours
    ]
