"""Hands MkDocs' build events to kithbook. Keep this file small: MkDocs loads a hook
once per process, so the work lives in the kithbook package."""

from kithbook.mkdocs_hooks import on_config, on_files, on_post_page, on_post_template, on_serve  # noqa: F401
