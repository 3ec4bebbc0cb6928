"""What the server keeps between requests: the newest few, by a key no one can guess."""

from __future__ import annotations

from carecite.web.actions import Kept


def test_only_the_newest_are_kept_and_each_is_let_go_once() -> None:
    released: list[str] = []
    kept = Kept(2, released.append)
    first, second, third = (kept.keep(item) for item in ("a", "b", "c"))
    assert kept.get(first) is None and released == ["a"]  # pushed out by newer ones
    assert (kept.get(second), kept.get(third)) == ("b", "c")
    kept.forget(second)
    kept.forget(second)  # a second time, or an unknown key: nothing more happens
    kept.forget("no-such-key")
    assert kept.get(second) is None and released == ["a", "b"]
    kept.clear()
    assert kept.get(third) is None and released == ["a", "b", "c"]


def test_keys_cannot_be_guessed_from_one_another() -> None:
    kept: Kept[int] = Kept()
    keys = [kept.keep(n) for n in range(20)]
    assert len(set(keys)) == 20
    assert all(len(key) >= 22 for key in keys)  # 128 random bits, URL-safe
