"""Spacing and joining damage (G007-G009, Q007): a line of prose and the spans expected."""

import pytest
from rulecases import fixed, spans

from rules import spacing


@pytest.mark.parametrize("source, expected", [
    ("The Council,rejected the proposal on Monday.", ["Council,rejected"]),
    ("Prices rose;exports fell in the spring.", ["rose;exports"]),
    ("The talks ended in March.The ministers left.", ["March.The"]),
    # traps
    ("Use a short name, e.g.,x for the value.", []),
    ("Open file.txt and visit Chinanews.com today.", []),
    ("It cost 1,000 pounds, or 3.5 per cent more.", []),
    ("Mr.Smith and U.S.Army were there.", []),
    ("Set a,b,c,d to zero and x,y to one.", []),  # data, and words the lexicon lacks
    ("The Council, rejected by voters, met again.", []),
])
def test_missing_space_after_punctuation(source, expected):
    assert spans(spacing.missing_space_after_punctuation, source) == expected


def test_missing_space_fix():
    assert fixed(spacing.missing_space_after_punctuation,
                 "The Council,rejected the plan.") == "The Council, rejected the plan."


@pytest.mark.parametrize("source, expected", [
    ("The new rules greatlyreduced the backlog.", ["greatlyreduced"]),
    ("The plan aims at strongeconomic growth in the region.", ["strongeconomic"]),
    ("The bank expects economicgrowth to slow.", ["economicgrowth"]),
    # traps
    ("The beermaker and the carmaker met.", []),
    ("Commit the lockfile with the code.", []),
    ("Visit totallyradio.com for the show.", []),
    ("The greatlyreduced plan and the greatlyreduced budget.", []),  # a term of the text
    ("Nonetheless the committee agreed.", []),
])
def test_run_together_words(source, expected):
    assert spans(spacing.run_together_words, source) == expected


@pytest.mark.parametrize("source, expected", [
    ("For more details about the new rules and forms,\nplease contact us on", ["on"]),
    ("Who to vote for", []),  # a plain-text title
    ("The report said that the best way to fix the old bridge is for", []),
    ("The ministry said the new rules would apply to all of the", ["the"]),
    # traps
    ("For more details about the new rules, please contact us.", []),
    ("Contact us on", []),  # short
    ("# Things to look at\n\nThe ministry said the rules apply.", []),
    ("Run the following command in `cargo`", []),
])
def test_truncated_paragraph(source, expected):
    assert spans(spacing.truncated_paragraph, source) == expected


@pytest.mark.parametrize("source, expected", [
    ('He said "we have reached the deal" Asked about it, he left.', ['l" Asked']),
    ("He said “we have reached the deal” The talks then ended.", ["l” The"]),
    # traps
    ('He said "we have reached the deal." Asked about it, he left.', []),
    ('He said "we have reached the deal," he added.', []),
    ('She starred in "Frozen" Smith said last week.', []),
    ('The "deal" The talks', []),  # no lower-case word after the opener
])
def test_lost_stop_after_quote(source, expected):
    assert spans(spacing.lost_stop_after_quote, source) == expected


def test_lost_stop_fix():
    assert fixed(spacing.lost_stop_after_quote, 'He said "we won" He left.') == \
        'He said "we won." He left.'


def test_truncated_paragraph_leading_into_a_list_or_code_is_left_alone():
    from lint.readers import read_document
    from rules import spacing

    intro = "The pattern supports wildcards that match any sequence of characters, such as"
    for after in ("\n\n- `*Test`\n- `Foo*`\n", "\n\n```\nsc *Test\n```\n"):
        doc = read_document("a.md", intro + after, "markdown")
        assert list(spacing.truncated_paragraph(doc)) == []
    doc = read_document("b.md", intro + "\n\nNext paragraph starts here and goes on.\n",
                        "markdown")
    assert len(list(spacing.truncated_paragraph(doc))) == 1
