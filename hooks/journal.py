"""Hands MkDocs' build events to kithbook. Keep this file small: MkDocs loads a hook
once per process, so the work lives in the kithbook package, which names its event
functions in its __all__."""

from kithbook.mkdocs_hooks import *  # noqa: F403
