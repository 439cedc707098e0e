from hypothesis import given
from hypothesis import strategies as st

import cleanwire
from cleanwire.audit import Audit

DAMAGED = ["Talks ended ater three atempts.", "The frst ofcials met ater the atacks.", "Nothing to repair.",
           "The efect of the ofer was dicult to judge ater the atempts.", "Euro-atlantic talks ater atempts."]


def audit_of(number: int, text: str, per_rule: int = 2) -> Audit:
    return Audit.of_document(text, cleanwire.clean_and_explain(text), lambda at: f"doc{number}:{at}", per_rule)


@given(st.lists(st.sampled_from(DAMAGED), min_size=1, max_size=12), st.randoms())
def test_merging_in_any_order_or_split_gives_the_same_audit(texts, random):
    audits = [audit_of(i, t) for i, t in enumerate(texts)]
    forwards = Audit(per_rule=2)
    for audit in audits:
        forwards.merge(audit)
    shuffled = audits[:]
    random.shuffle(shuffled)
    cut = random.randint(0, len(shuffled))
    left, right = Audit(per_rule=2), Audit(per_rule=2)
    for audit in shuffled[:cut]:
        left.merge(audit)
    for audit in shuffled[cut:]:
        right.merge(audit)
    assert right.merge(left) == forwards
    assert all(len(samples) <= 2 for samples in forwards.samples.values())
    assert sum(forwards.damage.values()) == len(texts)


def test_a_rule_keeps_the_edits_with_the_smallest_keys_of_the_whole_run():
    audits = [audit_of(i, DAMAGED[0], per_rule=1) for i in range(20)]
    merged = Audit(per_rule=1)
    for audit in audits:
        merged.merge(audit)
    [kept] = merged.samples["ligatures/tt"]
    assert kept.key == min(a.samples["ligatures/tt"][0].key for a in audits)
