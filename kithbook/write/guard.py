"""What keeps a changeset whole while it is placed: the journal's lock, which one
writer holds at a time, and the signals (Ctrl-C, SIGTERM, SIGHUP) that wait until the
placing is done."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no locks on folders (see journal_lock)
    fcntl = None

#: Signals that wait while files are placed, then act as they would have.
HELD_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


@contextmanager
def journal_lock(root: Path, wait: bool = True) -> Iterator[bool]:
    """Hold the journal's lock for writing a changeset: a lock on the journal's folder,
    which the system lets go of when the process ends, however it ends. Yields False,
    holding nothing, when ``wait`` is False and another process holds it. Where there are
    no such locks (Windows, some network disks), yields True."""
    if fcntl is None:
        yield True
        return
    descriptor = os.open(root, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            held = True
        except BlockingIOError:
            held = False
        except OSError:
            held = True  # no locks on this disk
        yield held
    finally:
        os.close(descriptor)


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP wait until the block is done, then act as they would
    have (the default action ends the process with the signal's status), so that only a
    kill or a power cut can stop a changeset halfway. Outside the main thread, where
    signals cannot be caught, nothing is held."""
    caught: list[int] = []
    previous: dict[int, object] = {}
    try:
        for name in HELD_SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:
                previous[number] = signal.signal(
                    number, lambda signum, frame: caught.append(signum)
                )
    except ValueError:  # not the main thread
        pass
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)
        for number in dict.fromkeys(caught):
            signal.raise_signal(number)
