"""Inline page furniture (F007): a paragraph line and the spans expected, traps beside."""

import pytest
from rulecases import spans

from rules import furniture_inline


@pytest.mark.parametrize("source, expected", [
    ("The council votes in May. Read more: Rates rise again as inflation bites. The mayor "
     "expects a close vote.", ["Read more: Rates rise again as inflation bites."]),
    ("The council votes in May. Read more The mayor expects a close vote.", ["Read more"]),
    ("The council votes in May (Photo: EPA) and the mayor expects a close vote.",
     ["(Photo: EPA)"]),
    ("The council votes in May. Photo: John Smith/Reuters The mayor expects a close vote.",
     ["Photo: John Smith/Reuters"]),
    # traps
    ("The council votes in May. Read more about it in the report.", []),
    ("Read more: Rates rise again as inflation bites.", []),  # a line of its own: F002
    ("The council votes in May (Photo: EPA)", []),  # at the end of the line: F004
    ("Growth was 3% (Source: World Bank) and rising.", []),
    ("She likes to read more than he does. Related work followed.", []),
])
def test_inline_furniture(source, expected):
    assert spans(furniture_inline.inline_furniture, source) == expected
