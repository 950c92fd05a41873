"""The one place that writes journal files: nothing else in kithbook creates or
changes a file of a journal (`kithbook init`'s too go through ``write_new``).

- ``new_files``: a new file, written whole or not at all, never over another
  (`kithbook add`, `log`, `init`).
- ``file_text``: the text of a journal file: front matter in a stable key order,
  one way of writing each value.
- ``additions``: fields added to a file a person wrote, every other byte kept.
- ``changeset``: the many files of an import, all or nothing, and the recovery of
  one that a kill stopped halfway; ``stage``: the folder where it waits.
- ``edits``: values of a file a person wrote changed (a name in ``with:``, a follow-up
  ticked), every other byte kept; ``plan``: a change of many files planned whole and
  read back by the loader before it is written; ``people`` (rename, merge, remove)
  and ``follow_ups`` (done) make such plans; ``git_index`` tells git of a moved file.
"""

from .additions import add_to_front_matter
from .changeset import Changeset, JournalChanged, finish_interrupted, interrupted
from .file_text import event_markdown, front_matter, person_markdown
from .new_files import (
    WriteFailed,
    existing_file,
    is_taken,
    numbered,
    write_new,
    write_new_numbered,
)
from .stage import STAGE_DIR

__all__ = [
    "STAGE_DIR",
    "Changeset",
    "JournalChanged",
    "WriteFailed",
    "add_to_front_matter",
    "event_markdown",
    "existing_file",
    "finish_interrupted",
    "front_matter",
    "interrupted",
    "is_taken",
    "numbered",
    "person_markdown",
    "write_new",
    "write_new_numbered",
]
