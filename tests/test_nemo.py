"""cleanwire.nemo: the DocumentModifier contract of NeMo Curator's Modify stage.

NeMo Curator itself pulls in torch and the CUDA toolkit (several GB), more than
CI installs for one adapter; where it is installed, the class is checked to be
its DocumentModifier too.
"""

import math
import pickle

import pytest

import cleanwire
from cleanwire.nemo import CleanwireModifier

TEXT = "Talks ended ater three atempts."


def test_one_value_is_cleaned_as_modify_passes_it():
    assert CleanwireModifier().modify_document(TEXT) == cleanwire.clean(TEXT)


def test_several_fields_come_as_keywords_and_the_reference_is_used():
    modifier = CleanwireModifier(reference_field="web")
    damaged, web = "Mr Vioti said it.", "Mr Viotti said it."
    assert modifier.modify_document(text=damaged, web=web) == cleanwire.clean(damaged, reference=web)


def test_nulls_stay_null_and_the_modifier_travels_to_workers_pickled():
    modifier = CleanwireModifier(filters=["ligatures"], settings={"ligatures": {"context_model": "bigram"}})
    assert modifier.modify_document(None) is None and math.isnan(modifier.modify_document(float("nan")))
    assert pickle.loads(pickle.dumps(modifier)).modify_document(TEXT) == "Talks ended after three attempts."


def test_a_bad_setting_fails_where_the_modifier_is_made():
    with pytest.raises(ValueError, match="min_damaged_words"):
        CleanwireModifier(settings={"ligatures": {"min_damaged_words": "two"}})


def test_it_is_nemo_curators_document_modifier_where_that_is_installed():
    modifiers = pytest.importorskip("nemo_curator.stages.text.modifiers",
                                    reason="NeMo Curator is not installed (it needs torch and CUDA)")
    assert isinstance(CleanwireModifier(), modifiers.DocumentModifier)
