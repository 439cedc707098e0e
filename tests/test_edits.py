import random

import pytest

from cleanwire.edits import Change, Edit, origin, replay, rewrite, without_overlaps


def test_rewrite_applies_changes_in_any_order_and_records_edits():
    text, edits = rewrite("a ater b frst", [Change(9, 13, "first", "fi", "r2"), Change(2, 6, "after", "ft", "r1")], "lig")
    assert text == "a after b first"
    assert [(e.start, e.end, e.before, e.after, e.rule) for e in edits] == [
        (2, 6, "ater", "after", "ft"),
        (9, 13, "frst", "first", "fi"),
    ]


def test_rewrite_drops_changes_that_change_nothing():
    assert rewrite("abc", [Change(0, 1, "a", "r", "why")], "f") == ("abc", [])


def test_rewrite_makes_the_first_of_two_overlapping_changes():
    text, edits = rewrite("abcdef", [Change(2, 4, "y", "late", ""), Change(0, 3, "x", "early", "")], "f")
    assert (text, [e.rule for e in edits]) == ("abyef", ["late"])


def test_without_overlaps_agrees_with_comparing_every_pair():
    rng = random.Random(7)
    for _ in range(3000):
        changes = []
        for i in range(rng.randint(0, 12)):
            start = rng.randint(0, 15)
            changes.append(Change(start, start + rng.choice([0, 0, 1, 2, 3, 5]), str(i), "r", ""))
        pairwise: list[Change] = []
        for change in changes:
            if not any(change.start < k.end and k.start < change.end for k in pairwise):
                pairwise.append(change)
        assert without_overlaps(changes) == pairwise


def test_without_overlaps_is_not_quadratic():
    # 200,000 adjacent changes: a pairwise check would make 2e10 comparisons.
    changes = [Change(i, i + 1, "x", "r", "") for i in range(200_000)]
    assert len(without_overlaps(changes)) == 200_000


def test_replay_runs_stages_in_order():
    first = Edit(0, 4, "ater", "after", "one", "r", "")
    second = Edit(0, 5, "after", "AFTER", "two", "r", "")
    assert replay("ater x", [first, second]) == "AFTER x"


def test_replay_rejects_edits_that_do_not_fit_the_text():
    with pytest.raises(ValueError, match="does not match"):
        replay("hello", [Edit(0, 4, "ater", "after", "one", "r", "")])


def test_origin_maps_positions_back_through_earlier_stages():
    removed = Edit(0, 6, "Head\n\n", "", "boilerplate", "header", "")
    # 'x' at position 2 after the removal was at position 8 before it.
    assert origin(2, [removed]) == 8
    grown = Edit(0, 4, "ater", "after", "ligatures", "ft", "")
    assert origin(5, [grown]) == 4
    assert origin(1, [grown]) == 0  # inside a replacement: its start


def test_without_overlaps_keeps_the_earlier_of_two_changes_over_one_span():
    first, rival, apart = Change(4, 8, "x", "a", ""), Change(6, 10, "y", "b", ""), Change(10, 12, "z", "c", "")
    assert without_overlaps([first, rival, apart]) == [first, apart]
    assert without_overlaps([rival, first, apart]) == [rival, apart]
