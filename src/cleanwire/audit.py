"""What a run changed, gathered for a person to judge: samples of each rule's edits, and how damaged texts were.

Each worker makes an :class:`Audit` of the documents it cleaned and the parent
merges them, so an audit costs little and is the same with one process or
many. Samples are a bottom-k sample per rule: every edit gets a pseudo-random
key from where it stands, and a rule keeps the ``per_rule`` edits with the
smallest keys. That is a uniform sample of the rule's edits over the whole
run, whatever the order or split of the work, and the same on every run.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from cleanwire.edits import Edit, origin, replay, stages
from cleanwire.pipeline import CleanResult

#: Characters of context shown each side of a sampled edit, and at most this much of the edit itself.
CONTEXT = 60
LONGEST_SHOWN = 160
#: Edits per 1,000 words: a document falls in the first bucket whose bound is at least its rate.
DAMAGE_BUCKETS = (0.0, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, float("inf"))
#: Filters whose rules name the ligature a document lost.
GLYPH_FILTERS = ("ligatures", "glyphs")


def _shown(text: str, limit: int, keep_end: bool = False) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis where it was cut (a megabyte line stays short)."""
    if len(text) <= limit:
        return text
    return "…" + text[-limit:] if keep_end else text[:limit] + "…"


@dataclass(frozen=True)
class Sample:
    """One edit in its context: ``before`` replaced by ``after`` between ``left`` and ``right``."""

    key: float
    where: str
    left: str
    before: str
    after: str
    right: str
    reason: str


@dataclass
class Audit:
    """Samples per "filter/rule", documents per damage bucket and per glyph loss, notes per rule.

    >>> from cleanwire.pipeline import make_pipeline
    >>> text = "Talks ended ater three atempts."
    >>> audit = Audit.of_document(text, make_pipeline(["ligatures"]).run(text), lambda at: f"a.txt:1:{at + 1}")
    >>> sorted(audit.samples), audit.changed, sorted(audit.glyph_losses.items())
    (['ligatures/ft', 'ligatures/tt'], 1, [('ligatures/ft', 1), ('ligatures/tt', 1)])
    >>> ft = audit.samples["ligatures/ft"][0]
    >>> ft.left, ft.before, ft.after, ft.right, ft.where
    ('Talks ended ', 'ater', 'after', ' three atempts.', 'a.txt:1:13')
    """

    per_rule: int = 8
    samples: dict[str, list[Sample]] = field(default_factory=dict)
    damage: Counter[str] = field(default_factory=Counter)
    glyph_losses: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)
    changed: int = 0

    @classmethod
    def of_document(cls, text: str, result: CleanResult, where: Callable[[int], str], per_rule: int = 8) -> Audit:
        """The audit of one document (see :meth:`add`)."""
        return cls(per_rule).add(text, result, where)

    def add(self, text: str, result: CleanResult, where: Callable[[int], str]) -> Audit:
        """Add one document: its input ``text``, what the chain made of it, and ``where``, which names
        the place of a position in the input ("file:line:column"). Returns the audit.

        Only an edit whose key enters its rule's sample gets its context cut: across a
        worker's many documents, few do.
        """
        edits = result.edits
        self.damage[bucket(len(edits) * 1000 / max(len(result.text.split()), 1))] += 1
        self.changed += int(result.text != text)
        self.glyph_losses.update({f"{e.filter}/{e.rule}" for e in edits if e.filter in GLYPH_FILTERS})
        self.notes.update(f"{n.filter}: {_shown(n.reason, LONGEST_SHOWN)}" for n in result.notes)
        document = where(0)
        entering = []
        for index, edit in enumerate(edits):
            rule = f"{edit.filter}/{edit.rule}"
            key = _key(document, index, edit)
            kept = self.samples.get(rule, [])
            if len(kept) < self.per_rule or key < kept[-1].key:
                entering.append((key, index, rule))
        if entering:
            received = _texts_received(text, edits)
            for key, index, rule in entering:
                kept = self.samples.setdefault(rule, [])
                if len(kept) < self.per_rule or key < kept[-1].key:
                    kept.append(_sample(received, edits, key, index, where))
                    kept.sort(key=lambda s: s.key)
                    del kept[self.per_rule :]
        return self

    def merge(self, other: Audit) -> Audit:
        """This audit with ``other``'s documents added (in place); returns itself."""
        for rule, samples in other.samples.items():
            both = sorted([*self.samples.get(rule, []), *samples], key=lambda s: s.key)
            self.samples[rule] = both[: self.per_rule]
        self.damage.update(other.damage)
        self.glyph_losses.update(other.glyph_losses)
        self.notes.update(other.notes)
        self.changed += other.changed
        return self

    def to_json(self) -> dict[str, Any]:
        """A plain dict for the JSON report; :meth:`from_json` reads it back."""
        return {
            "per_rule": self.per_rule,
            "samples": {rule: [asdict(s) for s in samples] for rule, samples in sorted(self.samples.items())},
            "damage_per_1000_words": {b: self.damage[b] for b in bucket_labels() if self.damage[b]},
            "glyph_losses": dict(self.glyph_losses.most_common()),
            "notes": dict(self.notes.most_common()),
            "documents_changed": self.changed,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Audit:
        """The audit a JSON report carries.

        >>> import cleanwire
        >>> a = Audit.of_document("ater the atempts", cleanwire.clean_and_explain("ater the atempts"), str)
        >>> Audit.from_json(a.to_json()) == a
        True
        """
        return cls(
            per_rule=int(data["per_rule"]),
            samples={rule: [Sample(**s) for s in samples] for rule, samples in data["samples"].items()},
            damage=Counter(data["damage_per_1000_words"]),
            glyph_losses=Counter(data["glyph_losses"]),
            notes=Counter(data["notes"]),
            changed=int(data["documents_changed"]),
        )


def bucket(rate: float) -> str:
    """The damage bucket of a document with ``rate`` edits per 1,000 words.

    >>> bucket(0), bucket(0.5), bucket(12), bucket(400)
    ('0', '≤1', '≤20', '>100')
    """
    labels = bucket_labels()
    for bound, label in zip(DAMAGE_BUCKETS, labels):
        if rate <= bound:
            return label
    return labels[-1]


def bucket_labels() -> list[str]:
    """The buckets' labels, in order: "0", "≤1", ..., ">100"."""
    bounds = DAMAGE_BUCKETS
    return ["0", *(f"≤{b:g}" for b in bounds[1:-1]), f">{bounds[-2]:g}"]


def _key(document: str, index: int, edit: Edit) -> float:
    """A pseudo-random number in [0, 1) from where the edit stands: the same on every run."""
    digest = hashlib.blake2b(f"{document}\0{index}\0{edit.start}\0{edit.before}".encode(
        "utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def _texts_received(text: str, edits: list[Edit]) -> dict[str, tuple[str, list[Edit]]]:
    """The text each filter received, and the edits made before it, by filter name."""
    received = {}
    earlier: list[Edit] = []
    for stage in stages(edits):
        received[stage[0].filter] = (text, list(earlier))
        text = replay(text, stage)
        earlier += stage
    return received


def _sample(received: dict[str, tuple[str, list[Edit]]], edits: list[Edit], key: float, index: int,
            where: Callable[[int], str]) -> Sample:
    edit = edits[index]
    seen, earlier = received[edit.filter]
    return Sample(
        key=key,
        where=where(origin(edit.start, earlier)),
        left=_shown(seen[max(0, edit.start - CONTEXT - 1) : edit.start], CONTEXT, keep_end=True),
        before=_shown(edit.before, LONGEST_SHOWN),
        after=_shown(edit.after, LONGEST_SHOWN),
        right=_shown(seen[edit.end : edit.end + CONTEXT + 1], CONTEXT),
        reason=_shown(edit.reason, 2 * LONGEST_SHOWN),
    )
