"""The command line: `kithbook`, thin click commands over the engine.

``group`` holds the group and what every command shares (the journal, the edge where
errors become one line); ``options`` reads the values typed on the command line. The
commands, by family: ``making`` (init, add, log), ``reading`` (show, next, schema),
``checking`` (check and its --watch), ``importing`` (import), ``changing`` (rename,
merge, rm, done), ``daily`` (today, find); ``completion`` completes their values in a
shell.
"""

from .changing import done, merge, remove, rename
from .checking import check
from .daily import find, today
from .group import main
from .importing import import_
from .making import add, init, log
from .reading import next_, schema, show

for _command in (init, add, log, show, check, next_, schema, import_):
    main.add_command(_command)
for _command in (rename, merge, remove, done, today, find):
    main.add_command(_command)

__all__ = ["main"]
