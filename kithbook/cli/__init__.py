"""The command line: `kithbook`, thin click commands over the engine.

``group`` holds the group and what every command shares (the journal, the edge where
errors become one line); ``options`` reads the values typed on the command line. The
commands, by family: ``making`` (init, add, log), ``reading`` (show, next, schema),
``checking`` (check and its --watch), ``importing`` (import).
"""

from .checking import check
from .group import main
from .importing import import_
from .making import add, init, log
from .reading import next_, schema, show

for _command in (init, add, log, show, check, next_, schema, import_):
    main.add_command(_command)

__all__ = ["main"]
