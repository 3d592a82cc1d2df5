"""A time budget for one stage of one article: past it, the stage is stopped where it is.

The stage runs in the caller's thread and is interrupted from a timer thread by an exception raised into it
(``PyThreadState_SetAsyncExc``), which Python delivers at the stage's next bytecode: a stage needs no checks of its
own, and one that turns slow on an odd text (a quadratic corner, a pathological sentence) costs that text its
records of one kind, never the batch its progress. The timer is disarmed under a lock when the stage ends, and an
exception it had already sent is withdrawn, so nothing is raised after the budget's block.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(BaseException):
    """Raised into a stage that ran past its budget; a BaseException, so that no ``except Exception`` inside a
    stage swallows it."""


@contextmanager
def limited(seconds: float) -> Iterator[None]:
    """Run the block with ``seconds`` to spend; it raises OverBudget where it stands once they are spent."""
    thread_id = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    armed = True

    def interrupt() -> None:
        with lock:
            if armed:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, ctypes.py_object(OverBudget))

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            armed = False
            timer.cancel()
            # An exception sent but not yet delivered would surface after this block: withdraw it.
            ctypes.pythonapi.PyThreadState_SetAsyncExc(thread_id, None)
