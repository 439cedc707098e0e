import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanwire.filters import boilerplate
from cleanwire.filters.base import Document
from cleanwire.filters.boilerplate import (
    BoilerplateFilter,
    RulePackError,
    check_pack,
    load_pack,
    remove_boilerplate,
)

BUILTIN = load_pack("builtin")
ARTICLE = "Talks resume in the capital\n\nThe two sides met on Monday.\n\nThey will meet again next week."


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.name)
def test_builtin_rule_examples(rule):
    for text, expected in rule.examples:
        assert remove_boilerplate(text, BUILTIN)[0] == expected
    for text in rule.counter_examples:
        assert rule.name not in {e.rule for e in remove_boilerplate(text, BUILTIN)[1]}


PRE_CHECKED_RULES = [rule for rule in BUILTIN if rule.starts_on or rule.on_lines_holding is not None]
RULE_TEXTS = [text for rule in BUILTIN for text in (*(t for t, _ in rule.examples), *rule.counter_examples)]
PIECES = [ARTICLE, "\n", " ?? ", "@", "\u00a9 ", " ", "\t", "12 ", " 7", "ÉCOLE NORMALE", "THE", " 2019", "Ünited",
          "Newspapers in English", "Newspapers from Bahrain", "."]


@pytest.mark.parametrize("rule", PRE_CHECKED_RULES, ids=lambda r: r.name)
@given(st.lists(st.sampled_from(RULE_TEXTS + PIECES), max_size=8).map("".join))
def test_a_rule_tried_on_the_lines_its_pre_check_finds_finds_what_a_search_of_the_whole_text_finds(rule, text):
    spans = [m.span() for m in boilerplate._matches(rule.pattern, text, rule, 2.0)]
    assert spans == [m.span() for m in rule.pattern.finditer(text)]


def test_starts_on_needs_a_pattern_anchored_at_a_lines_start(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text('[[rule]]\nname = "x"\npattern = "Sponsored"\nstarts_on = ["Spons"]\n', encoding="utf-8")
    with pytest.raises(RulePackError, match="starts_on needs a pattern anchored"):
        load_pack(str(pack))


def test_on_lines_holding_needs_a_pattern_and_no_starts_on(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text('[[rule]]\nname = "x"\npattern = "^Sponsored"\nstarts_on = ["Spons"]\non_lines_holding = "S"\n',
                    encoding="utf-8")
    with pytest.raises(RulePackError, match="on_lines_holding needs a pattern"):
        load_pack(str(pack))
    pack.write_text('[[rule]]\nname = "x"\npattern = "Sponsored"\non_lines_holding = "(S"\n', encoding="utf-8")
    with pytest.raises(RulePackError, match="invalid on_lines_holding pattern"):
        load_pack(str(pack))


def test_check_pack_reports_a_failing_example(tmp_path):
    pack = tmp_path / "mine.toml"
    pack.write_text(
        '[[rule]]\nname = "x"\npattern = "Sponsored"\nexamples = [["Sponsored content", "content"]]\n',
        encoding="utf-8",
    )
    failures = check_pack(load_pack(str(pack)))
    assert len(failures) == 1 and "x:" in failures[0] and "' content'" in failures[0]


def test_export_document_loses_header_credits_and_footer_but_keeps_caption_once():
    noisy = (
        "Morning Ledger\n\n" + ARTICLE + "\n\n ?? Photo Desk ?? ↑ Delegates arrive.\nPhoto Desk ↑ Delegates arrive."
        "\n\nNewspapers in Latvian\n\nNewspapers from Peru"
    )
    text, edits = BoilerplateFilter().apply(Document(noisy))
    assert text == ARTICLE + "\n\nDelegates arrive."
    assert [e.rule for e in edits] == ["header-publication", "caption-credit-doubled", "footer-language", "footer-country"]


def test_captions_can_be_dropped():
    noisy = ARTICLE + "\n\n ?? Photo Desk ?? ↑ Delegates arrive.\nPhoto Desk ↑ Delegates arrive.\n\nMore text here."
    assert BoilerplateFilter(captions="drop").apply(Document(noisy))[0] == ARTICLE + "\n\nMore text here."


def test_header_is_kept_when_the_document_is_not_an_export():
    text = "Morning Ledger\n\n" + ARTICLE
    assert BoilerplateFilter().apply(Document(text))[0] == text


def test_user_pack_is_loaded_and_named_in_errors(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nname = "broken"\npattern = "(unclosed"\n', encoding="utf-8")
    with pytest.raises(RulePackError, match=r"bad.toml: rule 'broken': invalid pattern"):
        load_pack(str(bad))
    with pytest.raises(RulePackError, match="cannot read it"):
        load_pack(str(tmp_path / "missing.toml"))
    huge = tmp_path / "huge.toml"
    huge.write_text(f'[[rule]]\nname = "n"\npattern = "a"\ntimeout = {"9" * 5000}\n', encoding="utf-8")
    with pytest.raises(RulePackError, match=r"huge.toml: a value cannot be read"):
        load_pack(str(huge))
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'[[rule]]\nname = "caf\xe9"\npattern = "a"\n')
    with pytest.raises(RulePackError, match=r"latin.toml: not UTF-8 at byte 20"):
        load_pack(str(latin))


def test_runaway_pattern_is_reported_not_hung(tmp_path):
    pack = tmp_path / "slow.toml"
    pack.write_text('[[rule]]\nname = "slow"\npattern = "(a|aa)+$"\n', encoding="utf-8")
    f = BoilerplateFilter(packs=(str(pack),), timeout=0.2)
    with pytest.raises(ValueError, match="'slow'.*backtracks"):
        f.apply(Document("a" * 60 + "!"))


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.name)
def test_builtin_rules_run_in_linear_time_on_adversarial_text(rule):
    # Long runs of the characters the rules look for; the timeout turns a runaway into an error.
    for chunk in ["?? ", "↑ ", "Newspapers in ", "A ", "- ", "a@b.", "|", "\n", "Ab"]:
        remove_boilerplate(chunk * 20_000, [rule], timeout=2.0)


lines = st.lists(st.sampled_from([
    "The minister spoke for an hour.", "Prices rose again in March.", "Fans cheered the team home.",
    "“We will win,” she said.", "Shares ↑ on the news, traders said.",
]), min_size=1, max_size=8)


@given(lines, st.data())
def test_generated_export_comes_back_as_the_article(paragraphs, data):
    article = "\n\n".join(paragraphs)
    noisy = "Daily Herald\n\n" + article
    if data.draw(st.booleans()):
        noisy += "\n\n ?? Camera Pool ?? ↑ Fans wave flags.\nCamera Pool ↑ Fans wave flags."
        article += "\n\nFans wave flags."
    noisy += "\n\nNewspapers in English\n\nNewspapers from Peru"
    assert BoilerplateFilter().apply(Document(noisy))[0] == article


@given(st.lists(st.sampled_from(["Plain line.", "Another one here.", "Newspapers in English", "x ↑ y"]), max_size=6))
def test_removing_twice_removes_nothing_more(parts):
    once = remove_boilerplate("\n\n".join(parts), BUILTIN)[0]
    assert remove_boilerplate(once, BUILTIN)[0] == once


@given(st.lists(st.text(alphabet="abc def.,", min_size=1), max_size=6))
def test_lines_no_rule_matches_are_never_removed(parts):
    text = "\n".join(parts)
    assert remove_boilerplate(text, BUILTIN)[0] == text


def test_running_headers_need_evidence_beyond_one_match():
    from cleanwire.filters.boilerplate import load_pack, remove_boilerplate
    rules = load_pack("builtin")
    # A header in capitals with a page number that neither recurs, nor stands alone, nor splits a sentence.
    text = "Results came in.\n\nThe report said so. ANNUAL REVIEW 2019 12. It ended."
    assert remove_boilerplate(text, rules)[0] == text
    # The same header splitting a sentence is removed and the halves joined.
    split = "Results came in.\n\nThe report said ANNUAL REVIEW 2019 12 that it ended."
    assert remove_boilerplate(split, rules)[0] == "Results came in.\n\nThe report said that it ended."


@pytest.mark.parametrize("timeout", [0, -1.0, float("inf"), float("nan")])
def test_a_timeout_that_cannot_stop_a_runaway_pattern_is_refused(timeout):
    with pytest.raises(ValueError, match="timeout=.*(is wrong: expected `float` > 0.0|must be a finite number)"):
        BoilerplateFilter(timeout=timeout)
