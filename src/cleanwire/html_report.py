"""A run's report as one self-contained HTML page: what changed, by rule, with samples in context.

The page has no script, no external file and no font to fetch: charts are
inline SVG drawn here, every piece of the input is escaped, and contexts are
isolated (``<bdi>``) so that right-to-left marks cannot reorder the page.
It is rendered from the JSON report alone (``cleanwire report run.json``).
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

from cleanwire.audit import Audit, Sample, bucket_labels

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem; color: #1d1d1f; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table.run td, table.run th { padding: .15rem .8rem .15rem 0; text-align: left; }
table.run td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg text { font: 12px system-ui, sans-serif; fill: #1d1d1f; }
ol.samples { padding-left: 1.5rem; } ol.samples li { margin: .5rem 0; }
.context { font-family: ui-monospace, monospace; white-space: pre-wrap; word-break: break-all; background: #f6f6f6;
           padding: .1rem .3rem; }
del { background: #ffd7d5; color: #82071e; } ins { background: #ccffd8; color: #055d20; text-decoration: none; }
.reason { color: #555; font-size: .9em; display: block; } .where { color: #777; font-size: .85em; }
.rule-count { color: #777; font-weight: normal; font-size: .9em; } .nl { color: #aaa; }
"""


def render(report: dict[str, Any]) -> str:
    """The HTML page of a JSON report (as ``cleanwire fix --report run.json`` writes it).

    >>> page = render({"documents": 1, "characters": 9, "edits": {}, "seconds": 0.1})
    >>> page.startswith("<!DOCTYPE html>") and "<script" not in page
    True
    """
    audit = Audit.from_json(report["audit"]) if report.get("audit") else None
    edits = {f"{name}/{rule}": count for name, rules in report.get("edits", {}).items() for rule, count in rules.items()}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>cleanwire report</title>",
        f"<style>{_STYLE}</style></head><body>",
        "<h1>cleanwire report</h1>",
        _run_table(report, audit),
        "<h2>Edits by rule</h2>",
        _bars("edits-by-rule", sorted(edits.items(), key=lambda kv: (-kv[1], kv[0])), "edits")
        if edits else "<p>No edits.</p>",
    ]
    if audit is None:
        parts.append("<p>This report carries no samples (the Ray engine does not gather them).</p>")
    else:
        parts += [
            "<h2>How damaged the documents were</h2>",
            "<p>Documents by edits per 1,000 words: a source that is mostly damage stands out on the right.</p>",
            _bars("damage-histogram", [(label, audit.damage[label]) for label in bucket_labels()], "documents"),
            _glyph_losses(audit),
            _notes(audit),
            "<h2>Samples of each rule's edits</h2>",
            f"<p>Up to {audit.per_rule} edits per rule, sampled uniformly over the whole run; each shows the "
            "text the rule saw, what it removed and what it put in, and why.</p>",
            *(_rule_section(rule, edits.get(rule, len(samples)), samples)
              for rule, samples in sorted(audit.samples.items())),
        ]
    parts.append("</body></html>\n")
    return "\n".join(parts)


def _run_table(report: dict[str, Any], audit: Audit | None) -> str:
    seconds = float(report.get("seconds") or 0)
    characters = int(report.get("characters") or 0)
    inputs = [str(p) for p in report.get("inputs", [])]
    shown_inputs = ", ".join(inputs[:5]) + (f" and {len(inputs) - 5} more" if len(inputs) > 5 else "")
    rows = [
        ("inputs", shown_inputs or "stdin"),
        ("documents", f"{int(report.get('documents') or 0):,}"),
        ("characters", f"{characters:,}"),
        ("seconds", f"{seconds:.2f}"),
        ("MB/s", f"{characters / 1e6 / seconds:.2f}" if seconds else "–"),
        ("documents changed", f"{audit.changed:,}" if audit else "–"),
        ("files changed", f"{int(report.get('files_changed') or 0):,}"),
        ("errors skipped", f"{len(report.get('skipped', [])):,}"),
    ]
    body = "".join(f'<tr><th>{escape(k)}</th><td{"" if k == "inputs" else " class=n"}>{escape(v)}</td></tr>'
                   for k, v in rows)
    return f'<table class="run" id="run">{body}</table>'


def _bars(chart_id: str, items: list[tuple[str, int]], unit: str) -> str:
    """A horizontal bar chart as inline SVG, one bar per (label, count)."""
    # Labels are set in 12 px type: about 7 px a character leaves the longest rule name whole.
    label_width = 16 + 7 * max((len(label) for label, _ in items), default=0)
    bar_width, row = 420, 22
    top = max((count for _, count in items), default=0) or 1
    height = row * len(items) + 8
    bars = []
    for i, (label, count) in enumerate(items):
        y = 4 + i * row
        width = max(1, round(bar_width * count / top)) if count else 0
        bars.append(
            f'<g class="bar"><title>{escape(label)}: {count:,} {unit}</title>'
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{width}" height="{row - 6}" fill="#4c78a8"></rect>'
            f'<text x="{label_width + width + 6}" y="{y + 15}">{count:,}</text></g>'
        )
    return (f'<svg class="chart" id="{chart_id}" role="img" aria-label="{escape(unit)} per {chart_id}" '
            f'width="{label_width + bar_width + 80}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
            f'{"".join(bars)}</svg>')


def _glyph_losses(audit: Audit) -> str:
    return _count_table("Ligature losses", "Documents whose ligature repairs used each loss (a font's lost glyph):",
                        "glyph-losses", audit.glyph_losses, "<tr><th>filter/ligature</th><th>documents</th></tr>")


def _notes(audit: Audit) -> str:
    return _count_table("Noticed and left", "What the chain saw and chose not to change:", "notes", audit.notes)


def _count_table(title: str, intro: str, table_id: str, counts: Counter[str], header: str = "") -> str:
    """A headed table of counts, commonest first; nothing where there is nothing to count."""
    if not counts:
        return ""
    rows = "".join(f"<tr><td>{escape(label)}</td><td class=\"n\">{count:,}</td></tr>"
                   for label, count in counts.most_common())
    return f'<h2>{title}</h2><p>{intro}</p><table class="run" id="{table_id}">{header}{rows}</table>'


def _shown(text: str) -> str:
    """Text of the input, escaped, its line breaks drawn as ↵ so that a sample stays one line."""
    return escape(text).replace("\r", "").replace("\n", '<span class="nl">↵</span>')


def _rule_section(rule: str, count: int, samples: list[Sample]) -> str:
    items = "".join(
        f'<li class="sample"><span class="context"><bdi>{_shown(s.left)}</bdi><del><bdi>{_shown(s.before)}</bdi></del>'
        f'<ins><bdi>{_shown(s.after)}</bdi></ins><bdi>{_shown(s.right)}</bdi></span>'
        f'<span class="reason">{escape(s.reason)}</span> <span class="where">{escape(s.where)}</span></li>'
        for s in samples
    )
    anchor = "rule-" + "".join(c if c.isalnum() else "-" for c in rule)
    return (f'<section class="rule" id="{escape(anchor)}"><h3>{escape(rule)} '
            f'<span class="rule-count">{count:,} edit{"" if count == 1 else "s"}</span></h3><ol class="samples">{items}</ol></section>')
