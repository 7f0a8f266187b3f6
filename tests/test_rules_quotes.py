"""Quotes and brackets (Q001-Q006): each case a paragraph and the span expected, traps beside."""

import pytest
from rulecases import fixed, spans

from rules import quotes


@pytest.mark.parametrize("source, expected", [
    # positives
    ("“We will rebuild the bridge by May, the mayor said on Tuesday.", ["“"]),
    ('The mayor said: "We will rebuild the bridge by May. Nobody else spoke.', ['"']),
    ('"It is over, the coach said. "We lost," he added.', ['"']),
    ('"We lost this month, " he said. "We will win the cup next year.', ['"']),
    ("«Nous partons demain, she said.", ["«"]),
    # traps
    ("“We will rebuild the bridge by May,” the mayor said.", []),
    ('"We will rebuild it," she said. "It will take a year."', []),
    ("“The first paragraph of a long quotation.\n\n“The second one, closed at last.”", []),
    ('The report said "rates will rise. "If they do, exports fall," it added.', []),
    ('He bought a 12" record and a 7" single.', []),
    ("“He said ‘no’ twice,” she recalled.", []),
    ("„Wir schaffen das“, sagte sie.", []),
    ("«Bonjour», dit-il.", []),
    ("“It is over for this season, “ the coach said.", []),
    ('"We lost this month, " he said. "We will win the cup next year."', []),
    # a continued quotation with a pasted line between its paragraphs
    ('He said: "It was a perfect night for the team.\n\nREAD MORE: Rates rise again\n\n'
     '"There have been many good nights," he added.', []),
    # ... but an unclosed quotation before a real paragraph is still one
    ('He said: "It was a perfect night for the team.\n\nREAD MORE: Rates rise again\n\n'
     'The club said nothing.', ['"']),
])
def test_unclosed_quote(source, expected):
    assert spans(quotes.unclosed_quote, source) == expected


@pytest.mark.parametrize("source, expected", [
    ("The plan will work, the minister said.” Critics disagreed.", ["”"]),
    ('The plan will work," the minister said. Critics disagreed.', ['"']),
    # traps
    ("“The plan will work,” the minister said.", []),
    ("“A quotation over two paragraphs.\n\nAnd its end.”", []),  # reported once, as Q001
    ('The board measured 6\'2" at the widest point.', []),
    ("The man was about 5’ 10” tall.", []),
    ("The plan â€” first announced in 2019 â€” was never realistic.", []),  # mojibake: E001
])
def test_unopened_quote(source, expected):
    assert spans(quotes.unopened_quote, source) == expected


@pytest.mark.parametrize("source, expected", [
    ('“We are ready," she said.', ['“We are ready,"']),
    ('"We are ready,” she said.', ['"We are ready,”']),
    ("«We are ready,” she said.", ["«We are ready,”"]),
    # traps
    ("“He said ‘no’ twice,” she recalled.", []),
    ("“We are ready,” she said, and he replied \"so are we\".", []),
    ("„Wir schaffen das“, sagte sie.", []),
])
def test_mixed_quotes(source, expected):
    assert spans(quotes.mixed_quotes, source) == expected


@pytest.mark.parametrize("source, expected", [
    ("“We will not give up'” she said.", ["'"]),
    ('"We will not give up\'" she said.', ["'"]),
    ("“We will never surrender’” he said.", ["’"]),
    ('"We will not give up\'," she said.', ["'"]),
    ('"We will try again\'." The talks ended.', ["'"]),
    # traps
    ("The players' union voted in the ’90s for rock ’n’ roll.", []),
    ("“We owe it all to the Joneses’” she said.", []),
    ('"We owe it all to the Joneses\'," she said.', []),
    ("“He told me 'no'” she said.", []),
    ('"I thought:\'OK, it is over\'." He left.', []),
    ('"I said, `Don\'t make me go back\'," she said.', []),
    ("“He told me ‘never again’” she said.", []),
    ("“We were just messin'” he said.", []),
])
def test_stray_apostrophe(source, expected):
    assert spans(quotes.stray_apostrophe, source) == expected


def test_stray_apostrophe_fix():
    assert fixed(quotes.stray_apostrophe, "“We will not give up'” she said.") == (
        "“We will not give up” she said.")


@pytest.mark.parametrize("source, expected", [
    ("“[She] Maria Lopez, the spokeswoman, told reporters.", ["“[She]"]),
    ('"[They] the ministry said in a statement on Monday.', ['"[They]']),
    # traps: the quotation closes; not reported twice as Q001 either
    ("“[She] is ready to lead,” Lopez said.", []),
])
def test_bracket_quote(source, expected):
    assert spans(quotes.bracket_quote, source) == expected
    assert spans(quotes.unclosed_quote, source) == []


@pytest.mark.parametrize("source, expected", [
    ("The agency (which opened in 2019 said it would hire 40 staff.", ["("]),
    ("The agency, which opened in 2019) said it would hire 40 staff.", [")"]),
    ("The law [as amended in 2004 applies to all firms.", ["["]),
    ("The teams (Leeds (capt); Hull met on Friday.", ["("]),
    # traps
    ("The reasons: 1) cost, 2) time and a) risk.", []),
    ("Great news :) and bad news :-( came together.", []),
    ("The value lies in the half-open interval [0, 1) of the axis.", []),
    ("The agency (which opened in 2019) said it [the agency] would hire staff.", []),
    ("1) Open the box.\n2) Remove the tray.", []),
])
def test_unbalanced_bracket(source, expected):
    assert spans(quotes.unbalanced_bracket, source) == expected


def test_a_quoted_bracket_character_is_no_bracket():
    text = 'The set holds "[" and the letters "a" to "z", and a literal \'(\' too.'
    assert spans(quotes.unbalanced_bracket, text) == []
    assert spans(quotes.unbalanced_bracket, "The set (holds a bracket.") == ["("]


@pytest.mark.parametrize("source", [
    # one quotation over joined paragraphs: opened, a paragraph without marks, closed alone
    "He said in a statement that “Last night, our friend left us.\n\n"
    "As a result, we lost an important leader.\n\n”\n",
    "She said: “The video has gained attention, and sales opened up.\n\n”\n",
    "She said: “The video has gained attention.\n\nSales opened up at once.”\n",
])
def test_quotation_continued_over_joined_paragraphs(source):
    assert spans(quotes.unclosed_quote, source) == []
    assert spans(quotes.unopened_quote, source) == []


def test_unclosed_quote_still_found_when_nothing_closes_it():
    source = "She said: “The video has gained attention.\n\nSales opened up at once.\n"
    assert spans(quotes.unclosed_quote, source) == ["“"]
    assert spans(quotes.unopened_quote, "The result was fine.” Then we left.\n") == ["”"]
