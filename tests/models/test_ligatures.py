"""The ligature damage model's derived tables agree with the index they are derived from."""

from cleanwire.models.ligatures import CANDIDATE_ZIPF, damage_index, forms_by_loss


def test_the_forms_of_each_loss_are_the_damage_index_turned_about():
    index = damage_index(CANDIDATE_ZIPF)
    forms = forms_by_loss(CANDIDATE_ZIPF)
    # Every (form, loss) of the index is in the loss's forms, and nothing else is.
    assert {(form, loss) for loss, found in forms.items() for form in found} == {
        (form, loss) for form, readings in index.items() for _, loss in readings
    }
