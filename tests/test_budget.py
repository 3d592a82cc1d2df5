"""The per-stage time budget: a stage past it is stopped where it stands; one within it never hears of it."""

import threading
import time

import pytest

from storyline.extract.budget import OverBudget, limited


def busy(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_block_past_its_budget_is_stopped_where_it_stands():
    start = time.monotonic()
    with pytest.raises(OverBudget):
        with limited(0.2):
            busy(5)
    assert time.monotonic() - start < 2


def test_a_block_within_its_budget_is_never_interrupted_afterwards():
    for _ in range(50):
        with limited(0.05):
            pass
    busy(0.3)  # past every deadline armed above: none of them may fire now


def test_budgets_of_several_threads_are_kept_apart():
    outcomes: dict[str, str] = {}

    def stage(name: str, budget: float, work: float) -> None:
        try:
            with limited(budget):
                busy(work)
            outcomes[name] = "finished"
        except OverBudget:
            outcomes[name] = "stopped"

    threads = [threading.Thread(target=stage, args=("slow", 0.2, 5)),
               threading.Thread(target=stage, args=("quick", 5, 0.4))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes == {"slow": "stopped", "quick": "finished"}


def test_budgets_running_out_as_their_blocks_end_leave_the_watchdog_working():
    """Deadlines that fall as their blocks end, in two threads at once: an exception delivered while a budget is
    being disarmed must never leave the budgets' lock held, which would stop every later budget (and block every
    other thread that arms one)."""
    def stages() -> None:
        for _ in range(3000):
            try:
                with limited(0.0002):
                    busy(0.0002)
            except OverBudget:
                pass

    threads = [threading.Thread(target=stages, daemon=True) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    with pytest.raises(OverBudget):
        with limited(0.2):
            busy(5)
