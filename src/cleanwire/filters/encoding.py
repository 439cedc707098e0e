"""Encoding damage: mojibake, HTML entities and their remnants, control characters.

ftfy does the real work. This filter adds three things around it:

* a cheap test that skips ftfy on lines that cannot hold anything ftfy fixes
  (ftfy's cost is its mojibake detector, and most news lines are clean);
* edits with spans, so each ftfy fix is explained where it happened;
* entity remnants whose ``&`` was lost on the way (``we#39;ll``,
  `` quot;hello quot;``, ``India8217;s``), which ftfy cannot see;
* a control character between letters is kept as U+FFFD, not dropped: PDF
  extractors write NUL (or another C0 control) for a glyph they could not
  map, and dropping it would join the word's pieces without the glyph's
  letters ("expe\\x00ed" → "expeed"), where the glyph filter reads
  "expe\\ufffded" as "expected".
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

import ftfy
from ftfy import chardata
from rapidfuzz.distance import Levenshtein

from cleanwire.blocks import line_blocks
from cleanwire.edits import Change, Edit, rewrite
from cleanwire.filters.base import AtLeastOne, Document, Filter


def _chars_for_bytes(byte_values: Iterable[int], encodings: Iterable[str] = chardata.CHARMAP_ENCODINGS) -> str:
    """Every character these bytes decode to in ftfy's single-byte encodings."""
    chars = set()
    values = list(byte_values)
    for encoding in encodings:
        for byte in values:
            try:
                chars.add(bytes([byte]).decode(encoding))
            except UnicodeDecodeError:
                continue
    return "".join(sorted(chars))


def _char_class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


# Mojibake of UTF-8 always shows a lead byte followed by a continuation byte,
# or by the space, '?' or U+001A that ftfy's transcoders restore (for the lead
# bytes and encodings where ftfy does so); anything else ftfy fixes is one of
# the single characters below. A line with none of these is left alone, which
# ftfy would also do: the tests check this on ftfy's own cases and on
# generated text.
_LEAD = _chars_for_bytes(range(0xC0, 0x100))
_CONTINUATION = _chars_for_bytes(range(0x80, 0xC0))
_NOT_MACROMAN = [e for e in chardata.CHARMAP_ENCODINGS if e != "macroman"]
_SPACE_LEAD = _chars_for_bytes([0xC2, 0xC3, 0xC5, 0xCE, 0xD0, 0xD9, 0xE0, 0xE1, 0xE2, 0xE3, 0xF0], _NOT_MACROMAN)
_LOSSY_LEAD = _chars_for_bytes(range(0xC2, 0xF5), [e for e in chardata.CHARMAP_ENCODINGS if e.startswith("sloppy")])
_SINGLE = (
    "\x1b\r\u2028\u2029\x85"
    + "".join(chr(c) for c in range(0x80, 0xA0))
    + "".join(chr(c) for c in chardata.CONTROL_CHARS)
    + "".join(chr(c) for c in chardata.LIGATURES)
    + "".join(chr(c) for c in chardata.WIDTH_MAP)
)
_SURROGATES = "\ud800-\udfff"
# Character-class searches: `re` scans for a class in C, several times faster than
# hashing each character into a set.
_SINGLE_RE = re.compile(_char_class(_SINGLE)[:-1] + _SURROGATES + "]")
_LEAD_RE = re.compile(_char_class(_LEAD + _SPACE_LEAD + _LOSSY_LEAD))
# Opened by a look ahead for any lead, which `re` skips ahead by: a third faster than the alternation alone.
_SEQUENCE = re.compile(
    f"(?={_LEAD_RE.pattern})(?:"
    + "|".join([
        _char_class(_LEAD) + _char_class(_CONTINUATION),
        _char_class(_SPACE_LEAD) + "[ \xa0]",
        _char_class(_LOSSY_LEAD) + "[?\x1a\ufffd]",
    ])
    + ")"
)
_QUOTES = re.compile("[\u02bc\u2018-\u201f]")
# What may_need_ftfy looks for first: a line without any of these is ASCII with nothing ftfy fixes.
_MAY_NEED_FTFY = re.compile(
    "[^" + "".join(re.escape(chr(c)) for c in range(128) if chr(c) != "&" and chr(c) not in _SINGLE) + "]"
)


Normalization = Literal["NFC", "NFD", "NFKC", "NFKD"]


def may_need_ftfy(line: str, uncurl_quotes: bool = False, normalization: Normalization | None = "NFC") -> bool:
    """Whether ftfy could change ``line``; ``False`` is a promise that it would not.

    >>> may_need_ftfy("Plain “curly” news text, £5 and café.")
    False
    >>> may_need_ftfy("canâ€™t")
    True
    """
    # '&' matters only as an HTML entity, the only thing ftfy unescapes.
    if "&" in line and chardata.HTML_ENTITY_RE.search(line):
        return True
    if _SINGLE_RE.search(line):
        return True
    if line.isascii():
        return False
    # The lead-and-continuation pattern is slower to search: only where a lead character is.
    if _LEAD_RE.search(line) and _SEQUENCE.search(line):
        return True
    if uncurl_quotes and _QUOTES.search(line):
        return True
    return normalization is not None and not unicodedata.is_normalized(normalization, line)


# Entity remnants, from AG News and web exports: '#39;', '#146;', 'quot;'.
# A numeric remnant is repaired only when it names punctuation or a symbol
# (so '#1;' in a list or 'No. 39;' stay), a bare number only when it is one
# of the typographic quotes, dashes or ellipsis (8211-8230) glued to a letter
# ('India8217;s', '8220;Yes'), never standing alone ('route 8217; closed').
_NUMERIC_REMNANT = re.compile(r"(?<![&#])#(\d{2,4});")
_BARE_NUMERIC_REMNANT = re.compile(r"(82(?:1[1-9]|2[0-2]|30));")  # glued to a letter: checked per match
# Named entities whose names are not English words.
_REMNANT_NAMES = ("quot", "amp", "apos", "nbsp", "hellip", "mdash", "ndash", "lsquo", "rsquo", "ldquo", "rdquo")
_NAMED_REMNANT = re.compile(rf"(?<![&\w])({'|'.join(_REMNANT_NAMES)});")


def _remnant_char(code: int) -> str | None:
    char = html.unescape(f"&#{code};")
    if len(char) != 1 or char == "\ufffd":
        return None
    category = unicodedata.category(char)
    return char if category[0] in "PS" or char == "\xa0" else None


def _glued_to_a_letter(text: str, match: re.Match[str]) -> bool:
    before = text[match.start() - 1] if match.start() else ""
    after = text[match.end()] if match.end() < len(text) else ""
    return before.isascii() and before.isalpha() or after.isascii() and after.isalpha()


# C0 controls but tab, line breaks and escape (ftfy's terminal escapes), after an ASCII letter and
# before a letter: after another letter, U+FFFD may read to ftfy as the end of mojibake ("à\ufffd").
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]+")
# The same characters as UTF-8 bytes, which never stand inside another character's bytes.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")
# Where prose words end and start: at a space or a sentence's punctuation ("feg\x00=" is a formula's debris).
_WORD_END = re.compile(r"[\s.,;:!?)\]'\"\u2019\u201d]|\Z")
_WORD_START = re.compile(r"[\s(\['\"\u2018\u201c]")


def glyph_placeholder_changes(text: str) -> list[Change]:
    """Control characters between letters, each as U+FFFD: the place of a glyph the extractor could not map.

    The letter before must be ASCII: after another, ftfy may read U+FFFD as the
    end of a mojibake sequence, and a second pass would take it away.

    At a word's edge one may be a glyph's place too ("boo\\x00" for "boost"),
    or debris: it is kept there only in a text whose extractor shows that it
    writes them for glyphs, between letters; elsewhere it is dropped, as ftfy drops it.

    >>> [(c.start, c.after) for c in glyph_placeholder_changes("boo\\x00 up, a\\tb, à\\x00a")]
    []
    >>> [(c.start, c.after) for c in glyph_placeholder_changes("expe\\x00ed, boo\\x00 up, \\x00rms, a\\tb, à\\x00a")]
    [(4, '\ufffd'), (12, '\ufffd'), (18, '\ufffd')]
    """
    if not any(map(_holds_control, _blocks_in_bytes(text))):
        return []  # none at all, found by C passes: a long text's regex scan costs ten times more
    inside, at_edges = [], []
    for match in _CONTROL.finditer(text):
        start, end = match.span()
        after_letter = start > 0 and _ASCII_LETTER.match(text, start - 1) is not None
        before_letter = end < len(text) and _LETTER.match(text, end) is not None
        if after_letter and before_letter:
            inside.append(match)
        elif (after_letter and _WORD_END.match(text, end)) or (
            before_letter and _ASCII_LETTER.match(text, end) and (start == 0 or _WORD_START.match(text, start - 1))
        ):
            at_edges.append(match)
    return [Change(m.start(), m.end(), "\ufffd" * (m.end() - m.start()), "glyph-placeholder",
                   "a control character in a word stands where a glyph was, as between letters in this text; "
                   "kept as U+FFFD for the glyph filter to read, not dropped")
            for m in sorted(inside + at_edges if inside else [], key=lambda m: m.start())]


def _blocks_in_bytes(text: str) -> Iterator[bytes]:
    """``text`` in UTF-8 a block at a time (``blocks.line_blocks``): a long text is never copied whole."""
    for start, end in line_blocks(text):
        yield text[start:end].encode("utf-8", "surrogatepass")


def _holds_control(data: bytes) -> bool:
    return len(data.translate(None, _CONTROL_BYTES)) < len(data)


def _keep_placeholders(text: str, changes: list[Change]) -> list[Change]:
    """ftfy's ``changes`` to ``text``, with control characters between letters kept as placeholders.

    ftfy reads the text as it is (a placeholder would change its reading of
    what stands around it); a placeholder then takes the place of ftfy's
    dropping those characters. Where ftfy's change there does more than drop
    control characters (it fixes mojibake beside them, say), ftfy's change is
    made and the placeholder is not.

    >>> [(c.start, c.after) for c in _keep_placeholders("ab\\x00c \\x01 d", [Change(2, 6, "c ", "r", "")])]
    [(2, '\ufffd'), (5, '')]
    """
    placeholders = glyph_placeholder_changes(text)
    if not placeholders:
        return changes
    # Both lists are in text order and without overlaps: each change meets the placeholders between these.
    starts = [p.start for p in placeholders]
    ends = [p.end for p in placeholders]
    refused: set[int] = set()
    kept: list[Change] = []
    for change in changes:
        first, stop = bisect.bisect_right(ends, change.start), bisect.bisect_left(starts, change.end)
        if first >= stop:
            kept.append(change)
        elif _CONTROL.sub("", text[change.start : change.end]) == change.after:
            # Only dropped characters: each one no placeholder holds is dropped on its own.
            held = {i for p in placeholders[first:stop] for i in range(p.start, p.end)}
            kept += [Change(i, i + 1, "", change.rule, change.reason) for i in range(change.start, change.end)
                     if i not in held and _CONTROL.match(text, i)]
        else:
            kept.append(change)
            refused.update(range(first, stop))
    return [p for index, p in enumerate(placeholders) if index not in refused] + kept


def entity_remnant_changes(text: str) -> list[Change]:
    """Changes that restore HTML entities whose ``&`` was lost.

    >>> [c.after for c in entity_remnant_changes("world#39;s quot;best quot; #1; item")]
    ["'", '"', '"']
    """
    changes = []
    # Every remnant ends at a ";": only the few characters before each one are read.
    semicolon = text.find(";")
    while semicolon >= 0:
        window = max(0, semicolon - _LONGEST_REMNANT)
        for pattern in _REMNANTS_ENDING:
            match = pattern.search(text, window, semicolon + 1)
            if match is None:
                continue
            if pattern is _NAMED_ENDING:
                changes.append(
                    Change(match.start(), match.end(), html.unescape(f"&{match.group(1)};"), "entity-remnant",
                           f"HTML entity &{match.group(1)}; lost its '&'")
                )
                break
            # A bare number only where a letter touches it ('India8217;s', never 'route 8217; closed').
            if pattern is _BARE_NUMERIC_ENDING and not _glued_to_a_letter(text, match):
                continue
            char = _remnant_char(int(match.group(1)))
            if char is not None:
                changes.append(
                    Change(match.start(), match.end(), char, "entity-remnant",
                           f"HTML entity &#{match.group(1)}; lost its '&'")
                )
                break
        semicolon = text.find(";", semicolon + 1)
    return changes


# Each remnant pattern as it ends at a ";" (``\Z`` is the search's end), in order of precedence.
_NUMERIC_ENDING = re.compile(_NUMERIC_REMNANT.pattern + r"\Z")
_BARE_NUMERIC_ENDING = re.compile(_BARE_NUMERIC_REMNANT.pattern + r"\Z")
_NAMED_ENDING = re.compile(_NAMED_REMNANT.pattern + r"\Z")
_REMNANTS_ENDING = (_NUMERIC_ENDING, _BARE_NUMERIC_ENDING, _NAMED_ENDING)
# The longest remnant ("hellip;", "#8217;") and the character its lookbehind reads.
_LONGEST_REMNANT = max(len(name) for name in _REMNANT_NAMES) + 1


@dataclass(frozen=True)
class EncodingSettings:
    """ftfy's options (see ``ftfy.TextFixerConfig``), the remnant repair and glyph placeholders.

    Defaults are ftfy's, except that curly quotes are kept: quote style is a
    house choice, not damage. ``entity_remnants``: restore entities that lost
    their "&". ``glyph_placeholders``: a control character
    between letters becomes U+FFFD instead of being dropped (see the module's notes).
    """

    unescape_html: bool | Literal["auto"] = "auto"
    remove_terminal_escapes: bool = True
    fix_encoding: bool = True
    restore_byte_a0: bool = True
    replace_lossy_sequences: bool = True
    decode_inconsistent_utf8: bool = True
    fix_c1_controls: bool = True
    fix_latin_ligatures: bool = True
    fix_character_width: bool = True
    uncurl_quotes: bool = False
    fix_line_breaks: bool = True
    fix_surrogates: bool = True
    remove_control_chars: bool = True
    normalization: Normalization | None = "NFC"
    max_decode_length: AtLeastOne = 1_000_000
    entity_remnants: bool = True
    glyph_placeholders: bool = True


class EncodingFilter(Filter):
    """Fix mojibake, entities, control characters and lost-'&' entity remnants (ftfy)."""

    name = "encoding"
    description = "mojibake, HTML entities and their remnants, control characters (ftfy)"
    Settings = EncodingSettings

    def prepare(self) -> None:
        fields = {k: v for k, v in self.settings_dict().items() if k not in ("entity_remnants", "glyph_placeholders")}
        self._config = ftfy.TextFixerConfig(**fields, explain=True)

    def apply(self, doc: Document) -> tuple[str, list[Edit]]:
        changes = self._ftfy_changes(doc.text)
        if self.settings.entity_remnants:
            # Remnants have no '&', so ftfy leaves them alone: both sets of
            # changes index the same text. One overlapping an ftfy fix yields (it comes after).
            changes += entity_remnant_changes(doc.text)
        return rewrite(doc.text, changes, self.name)

    def _needs_ftfy(self, line: str) -> bool:
        return may_need_ftfy(line, self.settings.uncurl_quotes, self.settings.normalization)

    def _ftfy_changes(self, text: str) -> list[Change]:
        if not self._needs_ftfy(text):
            return []
        changes = self._ftfy_fixed_point(text)
        if not self.settings.glyph_placeholders:
            return changes
        marked = _keep_placeholders(text, changes)
        # U+FFFD in a line may make ftfy read the rest of it as mojibake ("A\ufffdÃ " becomes "A\ufffdà "):
        # where placeholders would change what ftfy makes of the result, they are dropped as ftfy drops them.
        if marked is not changes and self._ftfy_pass(rewrite(text, marked, self.name)[0]):
            return changes
        return marked

    def _ftfy_fixed_point(self, text: str) -> list[Change]:
        changes = self._ftfy_pass(text)
        fixed = rewrite(text, changes, self.name)[0]
        # ftfy is not always idempotent: a line break it makes, or a control
        # character it drops, can leave new mojibake for a second pass
        # ("\x80\rÀ\x86"). Run to a fixed point so that cleaning twice changes nothing.
        for passes in range(_MAX_PASSES):
            again = rewrite(fixed, self._ftfy_pass(fixed), self.name)[0]
            if again == fixed:
                break
            fixed = again
        if passes == 0:
            return changes
        return _diff_changes(text, fixed, "ftfy-repeated", "ftfy, run again until the text stopped changing")

    def _ftfy_pass(self, text: str) -> list[Change]:
        config = self._config
        changes: list[Change] = []
        pos = 0
        # Same segmentation as ftfy.fix_text, so results match it exactly.
        while pos < len(text):
            # Lines of ASCII without '&' or a character of _SINGLE need nothing: go to the line that may.
            wanted = _MAY_NEED_FTFY.search(text, pos)
            if wanted is None:
                break
            line = max(pos, text.rfind("\n", pos, wanted.start()) + 1)
            if config.unescape_html == "auto" and text.find("<", pos, line) >= 0:
                config = config._replace(unescape_html=False)
            pos = line
            brk = text.find("\n", pos) + 1 or len(text)
            brk = min(brk, pos + config.max_decode_length)
            segment = text[pos:brk]
            if config.unescape_html == "auto" and "<" in segment:
                config = config._replace(unescape_html=False)
            if self._needs_ftfy(segment):
                changes.extend(Change(c.start + pos, c.end + pos, c.after, c.rule, c.reason)
                               for c in _segment_changes(segment, config, self.settings.glyph_placeholders))
            pos = brk
        return changes


_MAX_PASSES = 3
# A private-use character: an extractor's placeholder for a glyph it could not map, a letter or letters.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


def _segment_changes(segment: str, config: ftfy.TextFixerConfig, placeholders: bool) -> list[Change]:
    """ftfy's changes to one segment; with ``placeholders``, glyph placeholders left where they stand.

    No legacy encoding holds a private-use character, so ftfy would re-encode
    no mojibake in a line that holds one, until the glyph filter read it as
    letters and a second cleaning did. ftfy reads each such placeholder as a
    letter ("x"), and no change of its touches one.

    >>> config = ftfy.TextFixerConfig(explain=True)
    >>> [[c.after for c in _segment_changes("\ue000l\x9b\u00df", config, kept)] for kept in (True, False)]
    [['ݧ'], ['›']]
    """
    stand_in = _PRIVATE_USE.sub("x", segment) if placeholders else segment
    fixed, steps = ftfy.fix_and_explain(stand_in, config)
    if fixed == stand_in:
        return []
    rule = "+".join(_step_name(s) for s in steps or []) or "ftfy"
    reason = "ftfy: " + ", ".join(f"{a} {p}" for a, p in steps or [])
    changes = _diff_changes(stand_in, fixed, rule, reason)
    if not placeholders:
        return changes
    return [c for c in changes if not _PRIVATE_USE.search(segment, c.start, c.end)]


def _step_name(step: tuple[str, str]) -> str:
    action, parameter = step
    return parameter if action in ("apply", "transcode") else f"{action}-{parameter}"


def _diff_changes(before: str, after: str, rule: str, reason: str) -> list[Change]:
    """The changes that turn ``before`` into ``after``: one per run of changed characters.

    Runs less than three characters apart are one change, so a mojibake
    sequence is one edit. rapidfuzz aligns in C++; difflib would be quadratic
    on a long paragraph.
    """
    changes: list[Change] = []
    for op in Levenshtein.opcodes(before, after):
        if op.tag == "equal":
            continue
        last = changes[-1] if changes else None
        if last is not None and op.src_start - last.end < 3:
            gap = before[last.end : op.src_start]
            changes[-1] = Change(last.start, op.src_end, last.after + gap + after[op.dest_start : op.dest_end],
                                 rule, reason)
        else:
            changes.append(Change(op.src_start, op.src_end, after[op.dest_start : op.dest_end], rule, reason))
    return changes
