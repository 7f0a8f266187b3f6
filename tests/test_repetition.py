"""R001 repeated-phrase, second recall round: each case a line of prose and the spans flagged,
positives and traps side by side (the first round's cases are in test_rules_repetition.py)."""

import pytest
from rulecases import spans

from lint.readers.text import read
from rules import repetition


@pytest.mark.parametrize("source, expected", [
    # quotations: news text joins the paragraphs of a continued quote, which reopens with a
    # straight mark before it closes; the copy after the quote is outside it
    ('"The ferry was never late. "We trusted it completely," she said. The coastal ferry '
     'terminal opened in May, as the coastal ferry terminal.',
     ["the coastal ferry terminal"]),
    ('"It was never late," she said. "We trusted it. Officials said the old wooden pier would '
     'close, and the old wooden pier will go."', []),
    # inside a quote: a copy tacked on at the end that echoes a phrase still running on
    ('"It is a difficult court to play on and a difficult court to play."',
     ["a difficult court to play"]),
    ('"It is a difficult court to play on, and a difficult court to play," she said.',
     ["a difficult court to play"]),
    # traps: rhetorical repetition (both copies end alike, or a new subject before the copy)
    ('"We will be trying to finish first as much as every rival will be trying to finish '
     'first."', []),
    ('"We will keep on fighting for the title, we will keep on fighting for the title."', []),
    ('"It is the first time I have won, and it is the first time I have cried," she said.', []),
    ('"It was a really, really hard game and we worked really, really hard," he said.', []),
    # a year ending the previous sentence is not a quantity before the first copy
    ("Gains have not offset the losses of 2002. The cut will hit about 3% of savers, as "
     "the cut will hit.", ["the cut will hit"]),
    ("Output rose from 60,000 barrels a day to 80,000 barrels a day.", []),
    # a capital that only starts the sentence is not part of a longer name
    ("Even the International Monetary Fund admits this, which is the International Monetary "
     "Fund.", ["the International Monetary Fund"]),
    ("The Official UK Charts are run by The Official UK Charts Company, a joint venture.", []),
    # a restated name counts even when the first copy is part of a longer name
    ("The report came from the Bank of England Governor on Monday, which is the Bank of "
     "England.", ["the Bank of England"]),
    ("The Official UK Charts Company, owned by the labels, runs The Official UK Charts.", []),
    # a clause tacked on with "and" is not parallel wording set apart by modifiers
    ("The trial will last two months and if found guilty the former chief faces a jail "
     "sentence and if found guilty the former.", ["and if found guilty the former"]),
    ("A rift in the Ambrose family grew. He played a negative role in the Ambrose family, "
     "and that was all.", []),
    ("The test passes if the code inside the function panics; the test fails if the code "
     "inside the function does not panic.", []),
])
def test_repeated_phrase(source, expected):
    assert spans(repetition.repeated_phrase, source) == expected


@pytest.mark.parametrize("source, expected", [
    ('"Hello," she said. "Bye.', [(0, 8), (19, 24)]),
    ('He said "yes" and left.', [(8, 13)]),
    ('"One. "Two," he said.', [(0, 12)]),
    ("“One” and “two”", [(0, 5), (10, 15)]),
    ('A 5" screen and a "quote" here', [(18, 25)]),
])
def test_quoted_spans(source, expected):
    seg = read("t.txt", source).segments[0]
    assert repetition._quoted(seg) == expected
