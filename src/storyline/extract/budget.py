"""A time budget for one stage of one article: past it, the stage is stopped where it is.

The stage runs in the caller's thread and is interrupted by an exception raised into it
(``PyThreadState_SetAsyncExc``), which Python delivers at the stage's next bytecode: a stage needs no checks of its
own, and one that turns slow on an odd text (a quadratic corner, a pathological sentence) costs that text its
records of one kind, never the batch its progress. One watchdog thread keeps every budget of the process, rather
than a timer thread started for each stage of each article (three an article; each start waits for the new thread
to run, and so for the interpreter lock, which the parse and the writer hold most of the time). A budget is disarmed
under the watchdog's lock when its block ends, and an exception already sent is withdrawn, so nothing is raised
after the block. The budgets' own lock is a plain lock taken with ``with`` (its enter and exit are C code): an
exception raised into a stage's thread is delivered between bytecodes, and one delivered inside the Python code of
``Condition.__enter__``, after the lock was taken, would leave it held for good, and with it every later budget of
the process and the watchdog itself.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class OverBudget(BaseException):
    """Raised into a stage that ran past its budget; a BaseException, so that no ``except Exception`` inside a
    stage swallows it."""


def _send(thread_id: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               None if exception is None else ctypes.py_object(exception))


class _Watchdog:
    """Sleeps until the earliest deadline of the budgets armed, and interrupts the thread of each that ran out."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._condition = threading.Condition(self._lock)  # the watchdog's sleep, which no exception is sent into
        self._budgets: dict[int, tuple[float, int]] = {}  # token -> (deadline, thread id)
        self._tokens = itertools.count()
        self._wakes_at = math.inf
        self._running = False

    def arm(self, seconds: float) -> int:
        deadline = time.monotonic() + seconds
        with self._lock:
            if not self._running:
                threading.Thread(target=self._watch, name="stage-budgets", daemon=True).start()
                self._running = True
            token = next(self._tokens)
            self._budgets[token] = (deadline, threading.get_ident())
            # The watchdog sleeps until the earliest deadline it knew of: woken only for an earlier one.
            if deadline < self._wakes_at:
                self._condition.notify()
        return token

    def disarm(self, token: int) -> None:
        with self._lock:
            self._budgets.pop(token, None)
            # An exception sent but not yet delivered would surface after the block: withdraw it.
            _send(threading.get_ident(), None)

    def _watch(self) -> None:
        with self._condition:
            while True:
                now = time.monotonic()
                for token, (deadline, thread_id) in list(self._budgets.items()):
                    if deadline <= now:
                        del self._budgets[token]
                        _send(thread_id, OverBudget)
                self._wakes_at = min((deadline for deadline, _ in self._budgets.values()), default=math.inf)
                self._condition.wait(None if self._wakes_at == math.inf else self._wakes_at - now)


_watchdog = _Watchdog()
# A child process forked while a budget was armed has neither the watchdog's thread nor a usable lock.
os.register_at_fork(after_in_child=lambda: globals().update(_watchdog=_Watchdog()))


@contextmanager
def limited(seconds: float) -> Iterator[None]:
    """Run the block with ``seconds`` to spend; it raises OverBudget where it stands once they are spent."""
    watchdog = _watchdog
    token = watchdog.arm(seconds)
    try:
        yield
    finally:
        watchdog.disarm(token)
