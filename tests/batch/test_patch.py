import re

from hypothesis import given
from hypothesis import strategies as st

from cleanwire.batch.patch import unified_diff

HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def applied(old: str, diff: str) -> str:
    """The new text, from ``old`` and a unified diff of it, as ``patch`` makes it; every line it keeps is checked."""
    source = old.splitlines(keepends=True)
    out: list[str] = []
    at = 0
    last = " "
    for line in diff.splitlines(keepends=True)[2:]:
        hunk = HUNK.match(line)
        if hunk:
            start = int(hunk[1]) - (1 if hunk[2] != "0" else 0)
            out += source[at:start]
            at = start
        elif line.startswith("\\"):  # no newline at the end of the line before
            if last in " +":
                out[-1] = out[-1].removesuffix("\n")
        else:
            last = line[0]
            if last in " -":
                assert source[at].removesuffix("\n") == line[1:].removesuffix("\n"), (source[at], line)
                at += 1
            if last in " +":
                out.append(line[1:])
    return "".join(out + source[at:])


def test_a_changed_paragraph_is_printed_beside_its_new_form_and_a_removed_one_apart():
    old = "Talks ended ater three atempts.\nHarbour Post\nThe atacks stopped ater a week.\nThe port reopened.\n"
    new = "Talks ended after three attempts.\nThe attacks stopped after a week.\nThe port reopened.\n"
    body = unified_diff(old, new, "a/f", "b/f").splitlines()[3:]
    assert body == [
        "-Talks ended ater three atempts.", "+Talks ended after three attempts.",
        "-Harbour Post",
        "-The atacks stopped ater a week.", "+The attacks stopped after a week.",
        " The port reopened.",
    ]
    assert applied(old, unified_diff(old, new, "a/f", "b/f")) == new


def test_identical_texts_have_no_diff():
    assert unified_diff("same\n", "same\n", "a/f", "b/f") == ""


paragraphs = st.lists(st.sampled_from(["the port reopened", "the port reopened today", "talks ended", "x", ""]),
                      max_size=12)


@given(paragraphs, paragraphs, st.booleans(), st.booleans())
def test_the_diff_turns_the_old_text_into_the_new_one(old, new, old_ends, new_ends):
    before = "\n".join(old) + ("\n" if old_ends and old else "")
    after = "\n".join(new) + ("\n" if new_ends and new else "")
    assert applied(before, unified_diff(before, after, "a/f", "b/f")) == after
