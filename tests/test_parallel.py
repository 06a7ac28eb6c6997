"""Stages side by side: the same results wherever a job ran, and a failed child never loses a job."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from generator.runner import (
    COLLECTOR_THRESHOLDS,
    Balance,
    Job,
    Runner,
    Split,
    can_fork,
    paced_collector,
    side_by_side,
)
from generator.timing import StageTimer


def pid() -> int:
    return os.getpid()


def square_sum(n: int) -> int:
    return sum(i * i for i in range(n))


def test_there_jobs_run_in_another_process_and_results_come_back() -> None:
    if not can_fork():
        pytest.skip("fork is not used on this platform")
    timer = StageTimer()
    done = side_by_side({"mine": pid, "sum": lambda: square_sum(1000)}, {"theirs": pid, "big": lambda: ["x"] * 10**5},
                        timer, workers=2)
    assert done["mine"] == os.getpid() != done["theirs"]
    assert done["sum"] == square_sum(1000) and done["big"] == ["x"] * 10**5
    assert set(timer.seconds) == {"mine", "sum", "theirs", "big"}


def test_a_build_paces_the_collector_and_gives_the_process_its_own_back() -> None:
    before = gc.get_threshold()
    assert before != COLLECTOR_THRESHOLDS
    with paced_collector():
        assert gc.get_threshold() == COLLECTOR_THRESHOLDS
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), paced_collector():
        raise RuntimeError("a failed build")
    assert gc.get_threshold() == before


def test_the_forked_copy_leaves_the_builds_objects_to_the_build() -> None:
    """Frozen in the copy, the objects it shares with the build are never visited by its
    collector, which would copy their pages and scan them for nothing."""
    if not can_fork():
        pytest.skip("fork is not used on this platform")
    done = side_by_side({"here": gc.get_freeze_count}, {"there": gc.get_freeze_count}, StageTimer(), workers=2)
    assert done["there"] > done["here"]


def test_one_worker_runs_everything_here() -> None:
    done = side_by_side({"mine": pid}, {"theirs": pid}, StageTimer(), workers=1)
    assert done == {"mine": os.getpid(), "theirs": os.getpid()}


def test_a_job_failing_in_the_child_is_run_again_here_where_its_error_shows() -> None:
    calls: list[int] = []

    def fails_in_child() -> str:
        calls.append(os.getpid())
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return "done here"

    parent = os.getpid()
    done = side_by_side({}, {"job": fails_in_child}, StageTimer(), workers=2)
    assert done == {"job": "done here"}

    def always_fails() -> None:
        raise ValueError("broken stage")

    with pytest.raises(ValueError, match="broken stage"):
        side_by_side({}, {"job": always_fails}, StageTimer(), workers=2)


def doubled(items) -> list[tuple[int, int]]:
    return [(item, os.getpid()) for item in items for _ in range(2)]


def joined(parts: list[list]) -> list:
    return [item for part in parts for item in part]


def test_split_jobs_come_back_joined_in_order_whatever_the_worker_count() -> None:
    for workers in (1, 2):
        timer = StageTimer()
        (done,) = Runner(timer, workers).run(Split("work", list(range(7)), doubled, joined))
        assert [item for item, _ in done] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]
        assert set(timer.seconds) == ({"work", "work 2/2"} if workers == 2 and can_fork() else {"work"})
    (empty,) = Runner(StageTimer(), 2).run(Split("none", [], doubled, joined))
    assert empty == []


def test_the_runner_balances_whole_jobs_and_shares_out_split_ones() -> None:
    if not can_fork():
        pytest.skip("fork is not used on this platform")
    timer = StageTimer()
    heavy, light, pids = Runner(timer, 2).run(Job("heavy", pid, weight=2), Job("light", pid),
                                              Split("pages", list(range(9)), doubled, lambda parts: parts, weight=3,
                                                    spread=True))
    assert light == os.getpid() != heavy  # the heaviest goes to the child, the next to the lighter side
    here, there = pids
    # there carries 2, here 1: of 9 items (weight 3) here takes two thirds, dealt out in turn
    assert [item for item, _ in here][::2] == [1, 2, 4, 5, 7, 8] and [item for item, _ in there][::2] == [0, 3, 6]


def _slowly(seconds: float) -> Callable[[], str]:
    def job() -> str:
        time.sleep(seconds)
        return "slow"
    return job


def _doubled_slowly(items: Sequence[int]) -> list[int]:
    time.sleep(0.004 * len(items))
    return [2 * item for item in items]


def test_a_copy_whose_results_came_late_gets_fewer_items_next_time(tmp_path: Path) -> None:
    """The weights put half the items beside a job that in truth takes longer than all of them:
    the copy's results come late, the balance learns a larger share for this process and keeps
    it for the next build; the results are the same every time."""
    if not can_fork():
        pytest.skip("fork is not used on this platform")
    path = tmp_path / "balance.json"
    jobs = (Job("slow", _slowly(0.4), weight=0.0), Split("work", list(range(40)), _doubled_slowly, joined))
    wanted = [2 * item for item in range(40)]
    balance = Balance(path)
    assert Runner(StageTimer(), 2, balance=balance).run(*jobs) == ("slow", wanted)
    assert balance.share("slow|work") > 0.75  # the weights gave 0.5; the copy was 0.4 s late on 0.16 s
    balance.save()
    again = Balance(path)
    assert again.share("slow|work") == balance.share("slow|work")
    timer = StageTimer()
    assert Runner(timer, 2, balance=again).run(*jobs) == ("slow", wanted)
    assert timer.seconds["work"] > 3 * timer.seconds.get("work 2/2", 0.0)  # this process took most items
    path.write_text("{not json", encoding="utf-8")
    assert Balance(path).share("slow|work") is None  # an unreadable record: the weights decide


@pytest.mark.e2e
def test_a_build_is_the_same_with_one_worker_or_two() -> None:
    """The seeds with the real model: every page, feed and data file equal either way."""
    from generator.build import SiteInfo, generate
    from generator.config import load_config

    from .conftest import REPO, SEEDS

    site = SiteInfo("Digest", "https://example.org/")
    one, two = (generate(load_config(REPO / "digest.yml", input=str(SEEDS), cache_dir=None, workers=workers), site)
                for workers in (1, 2))
    assert len(one.pages) > 30 and one.pages == two.pages and one.files == two.files
    assert one.digest == two.digest


def test_a_value_handed_off_mid_job_reaches_the_job_beside_it_without_holding_the_sender() -> None:
    import time

    from generator.runner import Handoff

    for workers in (1, 2):
        found: Handoff[list[int]] = Handoff()
        big = list(range(200_000))  # a megabyte pickled: more than a pipe holds

        def sender() -> tuple[int, float]:
            found.send(big)  # noqa: B023
            return pid(), time.monotonic()

        def waiter() -> tuple[int, float, int]:
            time.sleep(0.5 if workers == 2 else 0)  # noqa: B023  # busy with its own work first
            got = found.receive()  # noqa: B023
            return pid(), time.monotonic(), sum(got)

        sent, (where, received, total) = Runner(StageTimer(), workers).run(
            Job("send", sender, sends=found), Job("wait", waiter, weight=5))
        assert total == sum(big) and sent[0] == os.getpid()
        if workers == 2 and can_fork():
            assert where != os.getpid()
            assert sent[1] < received  # the sender went on before the value was read


def test_a_sender_that_fails_never_leaves_the_job_beside_it_waiting() -> None:
    from generator.runner import Handoff

    found: Handoff[int] = Handoff()

    def sender() -> int:
        raise ValueError("no actors")

    with pytest.raises(ValueError, match="no actors"):
        Runner(StageTimer(), 2).run(Job("send", sender, sends=found), Job("wait", found.receive, weight=5))
