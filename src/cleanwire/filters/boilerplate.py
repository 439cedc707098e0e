"""Boilerplate around articles: export headers, photo credits, footers, bylines.

Driven by rule packs, TOML files of named regular expressions with examples
(``dictionaries/boilerplate.toml`` is the built-in pack; users add their own).
A line is removed only when a rule matches it, never by length or punctuation
heuristics, and each removal is an edit naming its rule.
"""

from __future__ import annotations

import dataclasses
import math
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import regex
from rapidfuzz import fuzz

from cleanwire import lexicon
from cleanwire.edits import Change, Edit, rewrite, without_overlaps
from cleanwire.errors import RulePackError, SettingsError
from cleanwire.filters.base import Document, Filter, Positive

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

BUILTIN_PACK = "builtin"
# Two prints of one caption differ at most by the letters an export lost.
_DUPLICATE_SIMILARITY = 90
_RULE_FIELDS = {
    "name", "description", "pattern", "keep", "duplicate", "caption", "requires", "requires_shape",
    "marks_export", "when", "running", "examples", "counter_examples", "starts_on", "on_lines_holding", "mixed_case",
    "per_page",
}
# A running rule's pattern may hold the document's headline (its first line), escaped.
_HEADLINE = "{headline}"
_HEADLINE_WORD = regex.compile(r"[\p{L}\d]+")


@dataclass(frozen=True)
class Rule:
    """One boilerplate rule of a pack."""

    name: str
    description: str
    pattern: Any  # a compiled regex.Pattern
    keep: str | None = None
    duplicate: str | None = None
    caption: bool = False
    requires: tuple[str, ...] = ()
    starts_on: tuple[str, ...] = ()
    on_lines_holding: Any = None  # a compiled regex.Pattern
    requires_shape: tuple[bytes, ...] = ()
    marks_export: bool = False
    when: Literal["always", "export"] = "always"
    running: bool = False
    per_page: bool = False
    mixed_case: bool = False
    examples: tuple[tuple[str, str], ...] = ()
    counter_examples: tuple[str, ...] = ()
    pack: str = BUILTIN_PACK

    def applies_to(self, text: str, shape: bytes | None = None) -> bool:
        """Whether the rule's pre-checks pass: its literals are in ``text``, one of its shapes in ``shape``."""
        if not all(map(text.__contains__, self.requires)):
            return False
        if not (self.requires_shape or self.mixed_case):
            return True
        shape = text_shape(text) if shape is None else shape
        if self.mixed_case and shape.count(b"A") >= shape.count(b"a"):
            return False  # a text in capitals throughout: words in capitals are no header's
        return not self.requires_shape or any(map(shape.__contains__, self.requires_shape))


def _rule_from_table(table: dict[str, Any], pack: str) -> Rule:
    name = table.get("name")
    where = f"rule pack {pack}: rule {name!r}" if name else f"rule pack {pack}: a rule without a name"
    if not isinstance(name, str) or not name:
        raise RulePackError(f"{where}: every rule needs a name")
    unknown = sorted(set(table) - _RULE_FIELDS)
    if unknown:
        raise RulePackError(f"{where}: unknown field {unknown[0]!r}; fields are {', '.join(sorted(_RULE_FIELDS))}")
    if not isinstance(table.get("pattern"), str):
        raise RulePackError(f"{where}: needs a pattern (a string)")
    running = bool(table.get("running", False))
    try:
        pattern = regex.compile(table["pattern"].replace(_HEADLINE, "(?:Headline)"), regex.MULTILINE | regex.VERSION0)
    except regex.error as exc:
        raise RulePackError(f"{where}: invalid pattern: {exc}") from None
    per_page = bool(table.get("per_page", False))
    if per_page and not running:
        raise RulePackError(f"{where}: per_page is for a running rule (running = true)")
    if running and "body" not in pattern.groupindex:
        raise RulePackError(f"{where}: a running rule needs a group named 'body', the header that runs")
    if running and _HEADLINE in table["pattern"]:
        pattern = table["pattern"]  # compiled per document that repeats its headline, with the headline in place
    keep, duplicate = table.get("keep"), table.get("duplicate")
    for setting, group in (("keep", keep), ("duplicate", duplicate)):
        if group is not None and group not in pattern.groupindex:
            raise RulePackError(f"{where}: {setting} = {group!r} names no group of the pattern")
    if duplicate is not None and keep is None:
        raise RulePackError(f"{where}: duplicate needs keep, the group it repeats")
    starts_on = tuple(str(literal) for literal in table.get("starts_on", []))
    if starts_on and (running or not table["pattern"].startswith("^") or not all(starts_on)):
        raise RulePackError(f"{where}: starts_on needs a pattern anchored at a line's start (^) and literals "
                            "that are not empty, in a rule that is not running")
    on_lines_holding = table.get("on_lines_holding")
    if on_lines_holding is not None:
        if starts_on or not isinstance(on_lines_holding, str) or not on_lines_holding:
            raise RulePackError(f"{where}: on_lines_holding needs a pattern (a string that is not empty), "
                                "in a rule without starts_on")
        try:
            on_lines_holding = regex.compile(on_lines_holding, regex.VERSION0)
        except regex.error as exc:
            raise RulePackError(f"{where}: invalid on_lines_holding pattern: {exc}") from None
    when = table.get("when", "always")
    if when not in ("always", "export"):
        raise RulePackError(f"{where}: when = {when!r} must be 'always' or 'export'")
    try:
        examples = tuple((str(text), str(result)) for text, result in table.get("examples", []))
    except (TypeError, ValueError):
        raise RulePackError(f"{where}: examples must be [text, expected result] pairs") from None
    return Rule(
        name=name,
        description=str(table.get("description", "")),
        pattern=pattern,
        keep=keep,
        duplicate=duplicate,
        caption=bool(table.get("caption", False)),
        requires=tuple(str(r) for r in table.get("requires", [])),
        starts_on=starts_on,
        on_lines_holding=on_lines_holding,
        requires_shape=tuple(text_shape(str(piece)) for piece in table.get("requires_shape", [])),
        marks_export=bool(table.get("marks_export", False)),
        when=when,
        running=running,
        per_page=per_page,
        mixed_case=bool(table.get("mixed_case", False)),
        examples=examples,
        counter_examples=tuple(str(t) for t in table.get("counter_examples", [])),
        pack=pack,
    )


# A text's shape: "A" for a capital, "a" for a lowercase letter, "0" for a digit, other bytes as they are.
_SHAPES = bytes(
    0x41 if 65 <= b <= 90 else 0x61 if 97 <= b <= 122 else 0x30 if 48 <= b <= 57 else b for b in range(256)
)


def text_shape(text: str) -> bytes:
    """The shape of ``text`` in UTF-8, in which a rule's ``requires_shape`` pieces are looked for (C passes only).

    >>> text_shape("ANNUAL REVIEW 2019 ?? ©")
    b'AAAAAA AAAAAA 0000 ?? \\xc2\\xa9'
    """
    return text.encode("utf-8", "surrogatepass").translate(_SHAPES)


def parse_pack(data: dict[str, Any], pack: str) -> tuple[Rule, ...]:
    """Rules from a parsed TOML rule pack; ``pack`` names it in errors."""
    rules = data.get("rule")
    if not isinstance(rules, list) or not rules:
        raise RulePackError(f"rule pack {pack}: no [[rule]] tables found")
    parsed = tuple(_rule_from_table(table, pack) for table in rules)
    names = [r.name for r in parsed]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise RulePackError(f"rule pack {pack}: rule {duplicates[0]!r} is defined twice")
    return parsed


@lru_cache(maxsize=32)
def load_pack(source: str) -> tuple[Rule, ...]:
    """The rules of a pack: ``"builtin"`` or a path to a TOML file.

    >>> [r.name for r in load_pack("builtin")][:2]
    ['caption-credit-doubled', 'caption-credit-marked']
    """
    if source == BUILTIN_PACK:
        return parse_pack(lexicon.load_toml("boilerplate.toml"), BUILTIN_PACK)
    try:
        data = tomllib.loads(Path(source).read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulePackError(f"rule pack {source}: cannot read it: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise RulePackError(f"rule pack {source}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise RulePackError(f"rule pack {source}: not UTF-8 at byte {exc.start}; save the pack as UTF-8") from None
    except ValueError as exc:  # what the parser's conversions raise: an integer too long to read, for one
        raise RulePackError(f"rule pack {source}: a value cannot be read: {exc}") from None
    return parse_pack(data, source)


@dataclass(frozen=True)
class BoilerplateSettings:
    """``packs``: rule packs to apply, ``"builtin"`` or paths to TOML files.
    ``captions``: keep a photo caption once (its credit removed) or drop it.
    ``timeout``: seconds one rule may take on one document before it is
    reported as a runaway pattern.
    """

    packs: tuple[str, ...] = (BUILTIN_PACK,)
    captions: Literal["keep-once", "drop"] = "keep-once"
    timeout: Positive = 2.0
    disabled_rules: tuple[str, ...] = field(default=())


class BoilerplateFilter(Filter):
    """Remove export and wire boilerplate by rule packs, keeping captions once."""

    name = "boilerplate"
    description = "export headers, photo credits, doubled captions, footers and bylines (rule packs)"
    Settings = BoilerplateSettings

    def validate(self) -> None:
        s = self.settings
        if s.timeout == math.inf:
            raise SettingsError("boilerplate: timeout=inf must be a finite number of seconds")

    def prepare(self) -> None:
        s = self.settings
        self.rules = tuple(
            rule for pack in s.packs for rule in load_pack(pack) if rule.name not in s.disabled_rules
        )

    def apply(self, doc: Document) -> tuple[str, list[Edit]]:
        return remove_boilerplate(doc.text, self.rules, self.settings.captions, self.settings.timeout, self.name)


def remove_boilerplate(
    text: str, rules: Sequence[Rule], captions: str = "keep-once", timeout: float = 2.0, filter_name: str = "boilerplate"
) -> tuple[str, list[Edit]]:
    """Apply ``rules`` to ``text``: the new text and one edit per removal.

    Rules that mark exports run first; rules for exports only run when one of
    them matched. Where two rules match the same characters, the first wins
    (``rewrite``'s rule, applied before trailing blank lines are absorbed).

    >>> remove_boilerplate("Body.\\n\\nNewspapers in Latvian", load_pack("builtin"))[0]
    'Body.'
    """
    return rewrite(text, _removals(text, rules, captions, timeout), filter_name)


def _removals(text: str, rules: Sequence[Rule], captions: str, timeout: float) -> list[Change]:
    """What :func:`remove_boilerplate` removes; the text's shape (a copy, in bytes) is let go before the rewrite."""
    changes: list[Change] = []
    export = False
    shape = text_shape(text) if any(rule.requires_shape for rule in rules) else None
    for stage in ("always", "export"):
        if stage == "export" and not export:
            break
        for rule in rules:
            if rule.when != stage or not rule.applies_to(text, shape):
                continue
            found = list(_running_changes(text, rule, timeout) if rule.running
                         else _rule_changes(text, rule, captions, timeout))
            export = export or (rule.marks_export and bool(found))
            changes.extend(found)
    return _absorb_trailing_blank_lines(text, without_overlaps(changes))


def _absorb_trailing_blank_lines(text: str, changes: list[Change]) -> list[Change]:
    """Removals that end the text take the blank lines between and before them too."""
    ordered = sorted(changes, key=lambda c: c.start)
    end = len(text)
    first = len(ordered)
    while first > 0 and not ordered[first - 1].after and not text[ordered[first - 1].end : end].strip():
        first -= 1
        ordered[first] = dataclasses.replace(ordered[first], end=end)
        end = ordered[first].start
    if first < len(ordered):
        floor = ordered[first - 1].end if first > 0 else 0
        start = max(floor, len(text[: ordered[first].start].rstrip()))
        ordered[first] = dataclasses.replace(ordered[first], start=start)
    return ordered


def _rule_changes(text: str, rule: Rule, captions: str, timeout: float) -> Iterable[Change]:
    matches = _matches(rule.pattern, text, rule, timeout)
    for match in matches:
        start, end = match.span()
        if start == end:
            continue
        kept = match.group(rule.keep) or "" if rule.keep else ""
        if rule.duplicate is not None:
            again = match.group(rule.duplicate) or ""
            if fuzz.ratio(kept, again) < _DUPLICATE_SIMILARITY:
                continue
            kept = max(kept, again, key=len)  # exports lose letters, never add them
        if rule.caption and captions == "drop":
            kept = ""
        if not kept:
            start, end = _whole_line(text, start, end)
        what = "kept the caption once, removed" if kept else "removed"
        yield Change(start, end, kept, rule.name, f"{what} {rule.description}")


def _matches(pattern: regex.Pattern[str], text: str, rule: Rule, timeout: float) -> list[regex.Match[str]]:
    """Every match of a rule's pattern, or an error naming the rule where the search runs over ``timeout``.

    A rule whose matches start on lines holding one of its ``starts_on``
    literals is tried at those lines' starts alone, in order, as ``finditer``
    would find them: a long text is not searched from every position for a
    few credit lines. A rule whose matches lie on lines holding a match of
    its ``on_lines_holding`` pattern, which the engine finds fast (one that
    opens with a character class it can skip ahead by), is searched on those
    lines alone.
    """
    try:
        if rule.on_lines_holding is not None:
            return [match for start, end in _lines_holding(text, rule.on_lines_holding)
                    for match in pattern.finditer(text, start, end, timeout=timeout)]
        if not rule.starts_on:
            return list(pattern.finditer(text, timeout=timeout))
        found: list[regex.Match[str]] = []
        for start in _line_starts_holding(text, rule.starts_on):
            if found and start < found[-1].end():
                continue
            match = pattern.match(text, start, timeout=timeout)
            if match is not None:
                found.append(match)
        return found
    except TimeoutError:
        raise RulePackError(
            f"boilerplate rule {rule.name!r} ({rule.pack}) ran over {timeout}s on one document: "
            "its pattern backtracks catastrophically; rewrite it or disable it"
        ) from None


def _lines_holding(text: str, pattern: regex.Pattern[str]) -> list[tuple[int, int]]:
    """The spans of the lines (without their newline) that hold a match of ``pattern``, in order, each once.

    >>> _lines_holding("ab CAPS\\ncd\\nEF CAPS GH", regex.compile(r"\\p{Lu}{3}"))
    [(0, 7), (11, 21)]
    """
    spans: list[tuple[int, int]] = []
    at = 0
    while (found := pattern.search(text, at)) is not None:
        spans.append(_line_span(text, *found.span()))
        at = spans[-1][1] + 1
    return spans


def _line_starts_holding(text: str, literals: Sequence[str]) -> list[int]:
    """Where each line that holds one of ``literals`` starts, in order, each once.

    >>> _line_starts_holding("a\\n?? b ??\\nc @ d\\n??", ["??", "@"])
    [2, 10, 16]
    """
    starts = set()
    for literal in literals:
        at = text.find(literal)
        while at >= 0:
            line_start, line_end = _line_span(text, at, at)
            starts.add(line_start)
            at = text.find(literal, line_end)
    return sorted(starts)


def _line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The line (or lines) holding ``text[start:end]``, without the newline that ends it.

    >>> text = "ab\\ncd ef\\ngh"
    >>> _line_span(text, 4, 5), _line_span(text, 0, 0), _line_span(text, 9, 10)
    ((3, 8), (0, 2), (9, 11))
    """
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end < 0 else line_end


def _running_changes(text: str, rule: Rule, timeout: float) -> Iterable[Change]:
    """Running page headers: a header body with a page number beside it, where the text shows it is one.

    It is one where its body recurs (a report's title on every page), where it
    stands on a line of its own, or where it splits a sentence in two. The two
    halves of a split sentence are joined again with a space.
    """
    first_line, line_break, _ = text.lstrip().partition("\n")
    headline = first_line.strip() if line_break else ""  # a text of one line has no headline above it
    pattern = rule.pattern
    headline_rule = isinstance(pattern, str)
    if isinstance(pattern, str):
        # The headline as its words, whatever punctuation a header keeps of it ("UKIP's" or "UKIPs");
        # compiled only where the text writes its words again below it, a page number on their line.
        words = _HEADLINE_WORD.findall(headline)
        if len(words) < 2 or not _repeats_beside_a_number(text, words, text.find(headline) + len(headline)):
            return
        pattern = regex.compile(pattern.replace(_HEADLINE, r"[^\p{L}\d\n]{0,3}".join(words)),
                                regex.MULTILINE | regex.VERSION0)
    matches = [m for m in _matches(pattern, text, rule, timeout) if m.start() > len(headline)]
    if not matches:
        return
    starts: dict[str, list[int]] = {}
    for m in matches:
        starts.setdefault(_without_numbers(m.group("body")), []).append(m.start())
    # How often each body is written; for a rule once a page, not a body written again within a page's
    # length (a table's rows).
    bodies = Counter({body: len(found) for body, found in starts.items()
                      if not rule.per_page or found[-1] - found[0] >= _PAGE_APART})
    for match in matches:
        line_start = _skip(text, match.start(), " \t", -1)  # where the spaces before it start
        after_start = _skip(text, match.end(), " \t", 1)
        own_line = (line_start == 0 or text[line_start - 1] == "\n") and (after_start == len(text) or text[after_start] == "\n")
        before = _skip(text, line_start, " \t\r\n", -1)
        # Between two halves of one sentence: after words that end none, and before a lowercase word, or
        # before any word where the header is the document's own headline (a capital there opens a name).
        splits = before > 0 and text[before - 1] not in _SENTENCE_END and (
            headline_rule or _LOWERCASE_NEXT.match(text, match.end()) is not None)
        recurs = bodies[_without_numbers(match.group("body"))] >= 2
        # A header once a page must recur and stand apart; any other, one of the three.
        if not (recurs and (splits or own_line) if rule.per_page else splits or own_line or recurs):
            continue
        if headline_rule and not (own_line or recurs or match.groupdict().get("label")):
            continue  # the headline's words and a number, once, inside a sentence: "the Tar Heels beat Miami 31 to 28"
        if splits:
            # Joined again: "would not\n\nANNUAL REVIEW 2016 17\n\nreach" is "would not reach".
            yield Change(before, _skip(text, match.end(), " \t\r\n", 1), " ", rule.name,
                         f"removed {rule.description}, in mid-sentence")
        elif not own_line:
            yield Change(line_start, match.end(), "", rule.name, f"removed {rule.description}")
        else:
            start, end = _whole_line(text, match.start(), match.end())
            yield Change(start, end, "", rule.name, f"removed {rule.description}")


# How far apart (characters) two prints of a running header must stand, at the least, to be a page apart:
# a table's rows stand closer, a page holds more.
_PAGE_APART = 300


def _skip(text: str, position: int, characters: str, step: int) -> int:
    """The position past the run of ``characters`` from ``position``, forwards (step 1) or backwards (-1).

    >>> _skip("ab  ; cd", 2, " ;", 1), _skip("ab  ; cd", 6, " ;", -1)
    (6, 2)
    """
    if step > 0:
        while position < len(text) and text[position] in characters:
            position += 1
    else:
        while position > 0 and text[position - 1] in characters:
            position -= 1
    return position


def _repeats_beside_a_number(text: str, words: list[str], start: int) -> bool:
    """Whether ``text`` writes ``words`` again after ``start``, in order with little between them, a number beside them.

    A running header holds a page number on its line, before the words or
    right after them: where none is, the header's pattern cannot match, and
    is not compiled for this text.

    >>> _repeats_beside_a_number("Port deal. Talks on the port deal 4 PORT Port: deal 12", ["Port", "deal"], 10)
    True
    >>> _repeats_beside_a_number("Port deal. The port said a deal", ["Port", "deal"], 10)
    False
    >>> _repeats_beside_a_number("Port deal. On 4 May, the Port deal was signed", ["Port", "deal"], 10)
    True
    >>> _repeats_beside_a_number("Port deal.\\n4\\nThe Port deal was signed", ["Port", "deal"], 10)
    False
    """
    at = text.find(words[0], start)
    while at >= 0:
        end = at + len(words[0])
        for word in words[1:]:
            found = text.find(word, end, end + len(word) + 3)
            if found < 0:
                break
            end = found + len(word)
        else:
            line_start = text.rfind("\n", 0, at) + 1
            after = _skip(text, end, " \t", 1)
            if any(c.isdigit() for c in text[line_start:at]) or (after < len(text) and text[after].isdigit()):
                return True
        at = text.find(words[0], at + 1)
    return False


_SENTENCE_END = frozenset(".!?:;”\"’)]")
_LOWERCASE_NEXT = regex.compile(r"\s*[\p{Ll}]")
_NUMBERS = regex.compile(r"\d+")


def _without_numbers(body: str) -> str:
    return str(_NUMBERS.sub("#", body))


_LINE_BREAK_AND_BLANK_LINES = regex.compile(r"\n(?:[ \t]*\n)*")


def _whole_line(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a removal that empties its line to the line and the blank lines after it."""
    line_start, line_end = _line_span(text, start, end)
    if text[line_start:start].strip() or text[end:line_end].strip():
        return start, end
    following = _LINE_BREAK_AND_BLANK_LINES.match(text, line_end)
    return line_start, following.end() if following else line_end


def check_pack(rules: Sequence[Rule], captions: str = "keep-once") -> list[str]:
    """Run every rule's examples; return one message per failure (empty: all pass).

    Examples run through the whole pack, as documents would, and must give
    their expected result; on a counter-example the rule must not match.

    >>> check_pack(load_pack("builtin"))
    []
    """
    failures = []
    for rule in rules:
        for text, expected in rule.examples:
            got = remove_boilerplate(text, rules, captions)[0]
            if got != expected:
                failures.append(f"{rule.pack}: {rule.name}: {text!r} gave {got!r}, expected {expected!r}")
        for text in rule.counter_examples:
            edits = remove_boilerplate(text, rules, captions)[1]
            if any(edit.rule == rule.name for edit in edits):
                failures.append(f"{rule.pack}: {rule.name}: matched its counter-example {text!r}")
    return failures
