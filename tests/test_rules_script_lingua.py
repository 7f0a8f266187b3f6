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
    # Spanish or Portuguese, lingua is unsure which; it is surely not English
    ("Sales rose by 4% in the third quarter, la empresa no ha querido hacer comentarios.",
     ["la empresa no ha querido hacer comentarios"]),
    # traps: names, a list of languages in several scripts
    ("The deal with Banca Nazionale del Lavoro and Monte dei Paschi di Siena was signed "
     "in Rome on Friday after long talks.", []),
    ("Read it in: Läs på svenska, 日本語 readme, 한국어 readme, Schwizerdütsch readme, "
     "हिन्दी readme and more.", []),
])
def test_untranslated_span(source, expected):
    found = spans(script.untranslated_span, source)
    assert bool(found) == bool(expected)
    if expected:
        assert expected[0] in found[0] or found[0] in expected[0]
