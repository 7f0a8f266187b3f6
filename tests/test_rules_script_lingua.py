"""S003 (lingua, optional): an untranslated clause of a Latin-script language."""

import pytest
from rulecases import spans

from rules import script

pytest.importorskip("lingua")


@pytest.mark.parametrize("source, expected", [
    ("The minister said on Tuesday that la réunion sera reportée à la semaine prochaine "
     "because of the strike.", ["réunion sera reportée à la semaine prochaine"]),
    # traps
    ("The minister said that the meeting will be postponed until next week because of the "
     "strike, per se.", []),
    ("The coup d'état in the capital was followed by a long period of calm and reform.", []),
])
def test_untranslated_span(source, expected):
    found = spans(script.untranslated_span, source)
    assert bool(found) == bool(expected)
    if expected:
        assert expected[0] in found[0] or found[0] in expected[0]
