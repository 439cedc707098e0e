"""Quality figures of the default chain on the shared evaluation data.

Prints, with ../shared/eval/score.py's own counting:
* each eval file, and its cases grouped by kind of damage (id after '#');
* ligature repairs alone, in the cases without a reference: truth tokens whose
  noisy form is a ligature loss (precision counts any token the chain broke);
* layout repairs alone, in the page-export and PDF cases without a reference
  (pdf-*, pressreader, seed-001): other damaged tokens, split into case lost
  after a hyphen and the rest (split words, drop caps, spacing);
* capitals after hyphens lowered in every clean BBC and AG article (an export
  that lowers them all), the hyphen-case filter alone;
* the ACL ligature-loss pairs, each in a document showing that loss elsewhere;
* each loss of the ligature table applied to every word of 300 clean BBC
  articles (a font that lost it everywhere), the ligature filter alone;
* another agency's stories (AG News) as pages, each damaged by a font's glyph
  map (FONT_MAPS), the whole chain: text no dev case holds;
* edits made on clean corpora (BBC 2225, AG News), per filter and rule, on
  clean pages of several AG stories or BBC articles, and on clean BBC pages as
  other pipelines leave them (lowercased, in capitals, tokenized, ...).

    python benchmarks/quality.py [--shared ../shared] [--check] [--quick] [--second-opinion none]

--check exits 1 when the chain changes an already-clean case; --quick skips
the clean corpora; --second-opinion sets the ligature and hyphen-case filters'
(default: the transformer where installed), and each eval file's line gives the
chain's MB/s.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

from cleanwire.models.ligatures import losses, reinsert
from cleanwire.models.transformer import SECOND_OPINIONS
from cleanwire.pipeline import Pipeline, make_pipeline


def load_score(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_cases(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def group_of(case_id: str) -> str:
    """The kind of damage a case id names: 'pressreader', 'pdf', 'web', 'clean', 'seed-001+ref'; else 'other'."""
    if "#" not in case_id:
        return case_id if case_id.startswith("seed") else "other"
    kind = case_id.split("#", 1)[1]
    return kind.split("-")[0] if kind.startswith("pdf") else kind


def is_ligature_loss(noisy: str | None, truth: str) -> bool:
    if noisy is None or noisy == truth:
        return False
    return any(c == truth.lower() for loss in losses() for c in reinsert(noisy.lower(), loss))


def layout_kind(noisy: str | None, truth: str) -> str:
    """'hyphen case' for "Euro-atlantic" against "Euro-Atlantic"; 'other layout' for the rest."""
    return "hyphen case" if noisy is not None and "-" in truth and noisy.lower() == truth.lower() else "other layout"


def eval_file(
    score: ModuleType, path: Path, chain: Pipeline
) -> tuple[dict[str, dict[str, Any]], Counter[str], dict[str, Counter[str]], list[str], float]:
    groups: dict[str, dict[str, int]] = defaultdict(Counter)
    ligature: Counter[str] = Counter()
    layout: dict[str, Counter[str]] = defaultdict(Counter)
    changed_clean = []
    seconds = size = 0.0
    for case in read_cases(path):
        started = time.perf_counter()
        cleaned = chain.run(case["noisy"], case.get("reference")).text
        seconds += time.perf_counter() - started
        size += len(case["noisy"].encode())
        if (case["id"].endswith("#clean") or case["id"] == "seed-000") and cleaned != case["noisy"]:
            changed_clean.append(case["id"])
        result = score.score_case(case["noisy"], cleaned, case["truth"])
        result.pop("examples")
        for name in ("all", group_of(case["id"])):
            for key, value in result.items():
                groups[name][key] += value
        truth = score.tokens(case["truth"])
        before, _ = score.align_to_truth(score.tokens(case["noisy"]), truth)
        after, _ = score.align_to_truth(score.tokens(cleaned), truth)
        if case.get("reference"):
            continue  # the ligature and layout figures are those of the filters without a reference
        exported = group_of(case["id"]) in ("pdf", "pressreader", "seed-001")
        for t, b, a in zip(truth, before, after):
            outcome = "fixed" if a == t else "miscorrected" if a != b else "missed"
            if b == t:
                ligature["broken"] += a != t
                if exported and a != t:
                    layout["any"]["broken"] += 1
            elif is_ligature_loss(b, t):
                ligature[outcome] += 1
            elif exported:
                layout[layout_kind(b, t)][outcome] += 1
                layout["any"][outcome] += 1
    summaries = {name: dict(total) | score.summarize(dict(total)) for name, total in groups.items()}
    return summaries, ligature, layout, changed_clean, size / 1e6 / max(seconds, 1e-9)


def reference_coverage(score: ModuleType, path: Path, chain: Pipeline) -> Counter[str]:
    """For `+ref` cases: damaged truth tokens the reference covers (aligned to an equal reference token)."""
    from rapidfuzz.distance import Levenshtein

    counts: Counter[str] = Counter()
    for case in read_cases(path):
        if not case.get("reference"):
            continue
        cleaned = chain.run(case["noisy"], case["reference"]).text
        truth, ref = score.tokens(case["truth"]), score.tokens(case["reference"])
        covered = {i for op in Levenshtein.opcodes(truth, ref) if op.tag == "equal"
                   for i in range(op.src_start, op.src_end)}
        before, _ = score.align_to_truth(score.tokens(case["noisy"]), truth)
        after, _ = score.align_to_truth(score.tokens(cleaned), truth)
        for i, (t, b, a) in enumerate(zip(truth, before, after)):
            where = "covered" if i in covered else "uncovered"
            if b == t:
                counts["broken"] += a != t
            else:
                counts[f"{where} {'fixed' if a == t else 'miscorrected' if a != b else 'missed'}"] += 1
    return counts


def acl_pairs(shared: Path) -> float:
    chain = make_pipeline(["ligatures"])
    rows = list(csv.DictReader((shared / "data/acl-ocr-benchmark/ligature_loss_pairs.tsv").open(), delimiter="\t"))
    right = total = 0
    for row in rows:
        same = [r["noisy"] for r in rows if r is not row and r["ligature"] == row["ligature"]][:3]
        context = " ".join(f"They spoke about the {word} again." for word in same)
        out = chain(f"We talked about the {row['noisy']} today. {context}")
        total += int(row["count"])
        right += int(row["count"]) * (out.split()[4] == row["correct"])
    return right / total


def count_by_position(counts: Counter[str], clean: str, noisy: str, repaired: str) -> None:
    """Token outcomes of damage that changes no word count, compared by position."""
    for t, b, a in zip(clean.split(), noisy.split(), repaired.split()):
        if b == t:
            counts["broken"] += a != t
        else:
            counts["fixed" if a == t else "miscorrected" if a != b else "missed"] += 1


def synthetic_hyphen_case(shared: Path) -> Counter[str]:
    """Every capital after a hyphen lowered in clean articles, then the hyphen-case filter alone."""
    chain = make_pipeline(["hyphen_case"])
    counts: Counter[str] = Counter()
    for text in clean_texts(shared):
        noisy = _CAPITAL_AFTER_HYPHEN.sub(lambda m: m.group().lower(), text)
        if noisy != text:
            count_by_position(counts, text, noisy, chain(noisy))
    return counts


_CAPITAL_AFTER_HYPHEN = re.compile(r"(?<=[A-Za-z]-)[A-Z]")


def synthetic_losses(shared: Path, articles: int = 300) -> dict[str, Counter[str]]:
    """Per loss of the table: every word of clean articles damaged by it, repaired by the ligature filter."""
    chain = make_pipeline(["ligatures"])
    texts = clean_corpora(shared)["bbc-news-2225"][:articles]
    results: dict[str, Counter[str]] = {}
    for loss in losses():
        counts: Counter[str] = Counter()
        for text in texts:
            noisy = text.replace(loss.letters, loss.form)
            if noisy != text:
                count_by_position(counts, text, noisy, chain(noisy))
        results[str(loss)] = counts
    return results


#: Fonts' glyph maps, as page exports and PDF extractors apply them to every word: letters → what is left.
FONT_MAPS = {
    "ft tt one letter": {"tt": "t", "ft": "t"},
    "f-ligatures one letter": {"ffi": "f", "ffl": "f", "fi": "f", "fl": "f", "ff": "f"},
    "f-ligatures vanished": {"ffi": "", "ffl": "", "fi": "", "fl": "", "ff": ""},
    "f-ligatures last letter": {"ffi": "fi", "fi": "f", "fl": "l"},
    "no f glyph": {"f": ""},
    "st ct vanished": {"st": "", "ct": ""},
    "capital and digit glyphs": {"tt": "M", "ff": "7", "fi": "Y"},
    "lowercase glyphs": {"ff": "u", "fi": "z", "ct": "i"},
    "a space": {"tt": " ", "ft": " "},
    "letters set apart": {"ffi": " ffi ", "fi": " fi ", "fl": " fl "},
    "CID placeholders": {"ffi": "(cid:28)", "fi": "(cid:27)", "fl": "(cid:29)", "ff": "(cid:30)"},
    "U+FFFD": {"fi": "\ufffd", "ff": "\ufffd", "fl": "\ufffd"},
}

#: More extractors' maps: office fonts (Calibri, Cambria: Word-made PDFs) draw "ti" and "ft" as one glyph
#: each; MuPDF keeps a ligature's first letter, or all of them, before a space ("af ect", "Pfi zer").
MORE_FONT_MAPS = {
    "office ti ft vanished": {"ti": "", "ft": ""},
    "office ti ft a space": {"ti": " ", "ft": " "},
    "office ti ft U+FFFD": {"ti": "\ufffd", "ft": "\ufffd"},
    "office ti ft symbols": {"ti": "&", "ft": "["},
    "first letter, then a space": {"ffi": "f ", "ffl": "f ", "ff": "f ", "fi": "f ", "fl": "f "},
    "letters, then a space": {"ffi": "ffi ", "ffl": "ffl ", "ff": "ff ", "fi": "fi ", "fl": "fl "},
}


def synthetic_font_maps(
    score: ModuleType, shared: Path, chain: Pipeline, stories_per_page: int = 12,
    font_maps: dict[str, dict[str, str]] = FONT_MAPS,
) -> dict[str, Counter[str]]:
    """Another agency's stories (AG News) as pages, each page damaged by one of ``font_maps``, the whole chain.

    Text the dev cases never saw, damaged the way they are: a check that the rules
    are the damage's, not the dev cases' words. Scored as score.py scores a case.
    """
    encoding = make_pipeline(["encoding"])
    stories = clean_corpora(shared)["ag-news-test"]
    pages = [encoding("\n\n".join(stories[i : i + stories_per_page]))
             for i in range(0, len(stories), stories_per_page)]
    results: dict[str, Counter[str]] = defaultdict(Counter)
    names = list(font_maps)
    for number, page in enumerate(pages):
        name = names[number % len(names)]
        # One pass, longest letters first: a font draws "fi" in "file" once, as one glyph.
        damage = font_maps[name]
        noisy = re.sub("|".join(sorted(damage, key=len, reverse=True)), lambda m: damage[m.group()], page)
        counts = score.score_case(noisy, chain(noisy), page)
        counts.pop("examples")
        results[name].update(counts)
    return results


def clean_corpora(shared: Path) -> dict[str, list[str]]:
    return {
        "bbc-news-2225": [json.loads(line)["text"] for line in (shared / "data/bbc-news-2225/bbc.jsonl").open()],
        "ag-news-test": [f"{r[1]}\n\n{r[2]}" for r in csv.reader((shared / "data/ag-news-test/test.csv").open())],
    }


def clean_texts(shared: Path) -> list[str]:
    return [text for texts in clean_corpora(shared).values() for text in texts]


def clean_corpus_edits(shared: Path, chain: Pipeline) -> dict[str, Counter[str]]:
    return {
        name: Counter(f"{e.filter}/{e.rule}" for text in texts for e in chain.run(text).edits)
        for name, texts in clean_corpora(shared).items()
    }


def clean_pages(shared: Path, corpus: str, sizes: tuple[int, ...]) -> list[str]:
    """A clean corpus's texts joined into pages of each of ``sizes`` texts, after the encoding fix."""
    encoding = make_pipeline(["encoding"])
    texts = clean_corpora(shared)[corpus]
    return [encoding("\n\n".join(texts[i : i + size])) for size in sizes for i in range(0, len(texts), size)]


def clean_page_edits(shared: Path, chain: Pipeline) -> Counter[str]:
    """Edits on clean pages: AG stories 6 to 96 to a page, BBC articles 2 to 16.

    A page holds more words than an article, so evidence that one article's words never add up to can
    (a name repeated, letters a page would write but does not): a clean page must get no repair.
    """
    pages = clean_pages(shared, "ag-news-test", (6, 12, 24, 48, 96))
    pages += clean_pages(shared, "bbc-news-2225", (2, 4, 8, 16))
    return Counter(f"{e.filter}/{e.rule}" for page in pages for e in chain.run(page).edits)


#: Clean pages as other pipelines leave them: nothing in them is damage a repair should touch.
CLEAN_LAYOUTS = {
    "lowercased": str.lower,
    "in capitals": str.upper,
    "every space doubled": lambda text: text.replace(" ", "  "),
    "tokenized": lambda text: re.sub(r"([,.;:!?])", r" \1", text),
    "without apostrophes": lambda text: text.replace("'", "").replace("’", ""),
}


def clean_layout_edits(shared: Path, chain: Pipeline, pages: int = 500) -> dict[str, Counter[str]]:
    """Repairs on clean BBC pages of two articles in each of CLEAN_LAYOUTS (encoding fixes aside)."""
    texts = clean_pages(shared, "bbc-news-2225", (2,))[:pages]
    return {name: Counter(f"{e.filter}/{e.rule}" for text in texts for e in chain.run(layout(text)).edits
                          if e.filter != "encoding")
            for name, layout in CLEAN_LAYOUTS.items()}


def ligature_figures(counts: Counter[str]) -> str:
    fixed, broken, mis, missed = (counts[k] for k in ("fixed", "broken", "miscorrected", "missed"))
    return (f"fixed={fixed} broken={broken} miscorrected={mis} missed={missed} "
            f"precision={fixed / max(1, fixed + broken + mis):.4f} recall={fixed / max(1, fixed + mis + missed):.4f}")


def fmt(summary: dict[str, Any]) -> str:
    return (
        f"fixed={summary['fixed']} broken={summary['broken']} miscorrected={summary['miscorrected']} "
        f"missed={summary['missed']} extra {summary['extra_before']}→{summary['extra_after']} "
        f"precision={summary['precision']:.4f} recall={summary['recall']:.4f} "
        f"extra_removed={summary['extra_removed']:.4f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    parser.add_argument("--check", action="store_true", help="exit 1 if a clean case is changed")
    parser.add_argument("--quick", action="store_true", help="skip the clean corpora")
    parser.add_argument("--second-opinion", default="auto", choices=SECOND_OPINIONS,
                        help="the second opinion of the ligature and hyphen-case filters on close calls")
    args = parser.parse_args()
    chain = make_pipeline(None, {name: {"second_opinion": args.second_opinion} for name in ("ligatures", "hyphen_case")})
    if not (args.shared / "eval" / "score.py").is_file():
        print(f"quality.py: no shared data at {args.shared} (pass --shared)", file=sys.stderr)
        return 2
    score = load_score(args.shared)
    changed: list[str] = []
    for name in ("seeds.jsonl", "bbc-damaged.jsonl", "wild-damage.jsonl", "acl-pdf.jsonl"):
        summaries, ligature, layout, changed_clean, speed = eval_file(score, args.shared / "eval" / name, chain)
        changed += changed_clean
        print(f"{name}: {fmt(summaries.pop('all'))} {speed:.2f} MB/s")
        for group, summary in sorted(summaries.items()):
            if group == "other":
                continue
            print(f"  {group:<18} {fmt(summary)}")
        fixed, broken, mis, missed = (ligature[k] for k in ("fixed", "broken", "miscorrected", "missed"))
        if fixed + mis + missed:
            print(f"  ligature tokens, no reference: {ligature_figures(ligature)}")
        for kind, counts in sorted(layout.items()):
            print(f"  layout tokens ({kind}), exports without reference: {ligature_figures(counts)}")
    print(f"second opinion on close calls: {args.second_opinion}")
    coverage = reference_coverage(score, args.shared / "eval" / "bbc-damaged.jsonl", chain)
    print(f"bbc-damaged +ref, damaged words the reference covers / does not: {dict(sorted(coverage.items()))}")
    print(f"acl ligature_loss_pairs, count-weighted right: {acl_pairs(args.shared):.4f}")
    if not args.quick:
        for loss, counts in synthetic_losses(args.shared).items():
            print(f"synthetic {loss:<6} on 300 clean BBC articles: {ligature_figures(counts)}")
        print(f"synthetic capitals lowered after hyphens, clean BBC and AG: {ligature_figures(synthetic_hyphen_case(args.shared))}")
        for name, counts in synthetic_font_maps(score, args.shared, chain).items():
            print(f"synthetic AG News pages, {name:<24} {ligature_figures(counts)}")
        for name, counts in synthetic_font_maps(score, args.shared, chain, font_maps=MORE_FONT_MAPS).items():
            print(f"synthetic AG News pages, {name:<26} {ligature_figures(counts)}")
        for corpus, counts in clean_corpus_edits(args.shared, chain).items():
            print(f"clean corpus {corpus}: edits {dict(sorted(counts.items()))}")
        page_edits = dict(sorted(clean_page_edits(args.shared, chain).items()))
        print(f"clean pages of AG stories and BBC articles: edits {page_edits}")
        for layout, counts in clean_layout_edits(args.shared, chain).items():
            print(f"clean BBC pages {layout}: edits {dict(sorted(counts.items()))}")
    print(f"clean cases changed: {changed or 'none'}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
