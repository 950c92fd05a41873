"""Quiet Material's end-of-life notice in a journal's ``mkdocs`` runs.

Material for MkDocs prints a notice (end of life in May 2027) to every ``mkdocs``
command when its theme package is imported, unless ``NO_MKDOCS_2_WARNING`` is set
(``material/templates/__init__.py``). MkDocs imports the theme while it checks
``theme:`` in mkdocs.yml, before it loads any hook or plugin, so kithbook's hook is
too late to set it. Reading mkdocs.yml comes first, and MkDocs' YAML loader imports
the module that a ``!!python/name:`` tag names: a journal's mkdocs.yml holds

    extra:
      theme_notice: !!python/name:kithbook.theme_notice.QUIET

and reading it sets the variable. A variable set already (any value)
is left as it is; to see the notice again, remove the line.
"""

from __future__ import annotations

import os

#: What mkdocs.yml's ``extra.theme_notice`` holds once read: the notice is quiet.
QUIET = "quiet"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
