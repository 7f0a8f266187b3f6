"""Repetition (R001-R003): each case a text and the spans expected, traps beside."""

import pytest
from rulecases import fixed, spans

from lint.readers.text import read
from rules import repetition


@pytest.mark.parametrize("source, expected", [
    ("It was the largest protest in the capital since 1989, which is the largest protest in "
     "the capital in decades.", ["the largest protest in the capital"]),
    ("The board approved a long-term, strategic plan that is part of a long-term, strategic "
     "effort to cut costs.", ["a long-term, strategic"]),
    ("Officials said the new water treatment plant would open in May, and the new water "
     "treatment plant will serve the whole city.", ["the new water treatment plant"]),
    ("The company will cut its annual carbon emissions by half before 2030. Rivals expect it to "
     "cut its annual carbon emissions by half much later.",
     ["cut its annual carbon emissions by half"]),
    # traps
    ("The Licensee shall pay the fee. The Licensee shall notify the Licensor in writing.", []),
    ("He worked step by step, day after day, again and again, until it was done.", []),
    ("One of the players said one of the coaches had left in the case of the injury.", []),
    ('"We will fight on the beaches, we will fight on the beaches," he said.', []),
    ("Sales rose to 60,000 barrels a day in May from 50,000 barrels a day in April.", []),
    ("The Royal Bank of Scotland said profits rose. The Royal Bank of Scotland also cut jobs.",
     []),
    ("The new water treatment plant will open in May.\n\nMuch later in the article the new "
     "water treatment plant is mentioned again, which is normal in news writing.", []),
    ("The river runs to the sea\nThe river runs to the sea\nAnd the wind blows on\n"
     "The river runs to the sea", []),
    ("Prices rose sharply in the north. Wages also rose sharply in the west.", []),
    # a four-word run with two content words spread out (the prefilter used to miss it)
    ("Less welcome was the news that the firm had been fined for breaking takeover rules, "
     "which is welcome was the news.", ["welcome was the news"]),
    # three content words in a row, no restating cue
    ("The council said the new ferry terminal would cost more, and critics of the new ferry "
     "terminal agreed.", ["the new ferry terminal"]),
    # the run stops at a full stop: "with the braking" / "with. The affected"
    ("Cars were recalled because of possible faults with the brakes, as because of possible "
     "faults with. The "
     "affected cars were built in 2004.", ["because of possible faults with"]),
    # parallel wording: different modifiers or a contrasting determiner before each copy
    ("The survey said residential real estate activity rose and commercial real estate "
     "activity fell.", []),
    ("You can use a different version control system or no version control system at all.",
     []),
    ("Here we get a warning about not using the variable, but we don't get a warning about "
     "not using the other one.", []),
    ("This time next year I hope we are winning, but I fear this time next year we will not be.",
     []),
    # pairs that set two things side by side: same/different, first/second, before/after
    ("Groups with the same group name will have the same number, and groups with a different "
     "group name will have a different number.", []),
    ("It runs before the closure is called and again after the closure is called.", []),
    # a frame before a number in both copies is a parallel quantity; in one copy it is not
    ("No economy fare will be priced higher than $499, and no first fare will be priced higher "
     "than $599.", []),
    # quotations: a long or restated copy is flagged; short rhetorical repetition is not
    ('"We expect strong quarterly profit growth across Europe, that is strong quarterly profit '
     'growth across Europe," she said.', ["strong quarterly profit growth across Europe"]),
    ('"In the beginning, growth was mainly driven by spending, that is growth was mainly '
     'driven," he said.', ["growth was mainly driven"]),
    ('"It was a really, really hard game and we worked really, really hard," he said.', []),
    ('"It is the first time I have won, and it is the first time I have cried," she said.', []),
    # a name twice in one sentence; a name inside a longer name or in brackets is left alone
    ("He called for reform of the United Nations, the World Bank and the IMF, of the United "
     "Nations.", ["of the United Nations"]),
    ("The Official UK Charts are run by The Official UK Charts Company, a joint venture.", []),
    ("J Kwakye (Woodford Green with Essex Ladies) and J Maduaka (Woodford Green with Essex "
     "Ladies) both ran.", []),
])
def test_repeated_phrase(source, expected):
    assert spans(repetition.repeated_phrase, source) == expected


@pytest.mark.parametrize("source, expected", [
    ("The bridge will reopen in May after repairs. The bridge will reopen in May after "
     "repairs. Drivers should use the ring road.",
     ["The bridge will reopen in May after repairs."]),
    ("The bridge will reopen in May after repairs.\n\nDrivers should use the ring road.\n\n"
     "The bridge will reopen in May after repairs.",
     ["The bridge will reopen in May after repairs."]),
    ("Drivers must use the ring road.\nThe bridge will reopen in May after repairs.\n"
     "The bridge will reopen in May after repairs.",
     ["The bridge will reopen in May after repairs."]),
    # copies starting after a closing quote, a question mark, an abbreviation inside
    ('"The bridge will reopen in May after repairs." The bridge will reopen in May after '
     'repairs.', ["The bridge will reopen in May after repairs."]),
    ("Is the bridge going to reopen in May? Is the bridge going to reopen in May? Nobody knows.",
     ["Is the bridge going to reopen in May?"]),
    ("Mr. Smith will reopen the old bridge in May. Mr. Smith will reopen the old bridge in May.",
     ["Mr. Smith will reopen the old bridge in May."]),
    # traps
    ("Officials said the bridge will reopen in May, and engineers said the bridge will reopen "
     "in May too.", []),  # the same words inside two different sentences
    ("Drivers should use the ring road until then\nDrivers should use the ring road until then",
     []),  # a headline-like line repeated as the next line: R003's
    ("Read the documentation.\n\nIt explains the options.\n\nRead the documentation.", []),
    ("The bridge will reopen in May after repairs. The bridge will reopen in June after "
     "repairs.", []),
    ("Row one | yes | no | maybe so\n\nRow two | yes | no | maybe so", []),
])
def test_duplicated_sentence(source, expected):
    assert spans(repetition.duplicated_sentence, source) == expected


def test_duplicated_sentence_only_nearby():
    copy = "The council will review the ferry timetable in the autumn."
    other = ["Residents asked about parking near the new terminal building.",
             "The operator said that fares would stay the same next year.",
             "Engineers inspected the old pier on Tuesday and Wednesday.",
             "A public meeting is planned for the first week of March."]
    # three paragraphs between the copies: still a pasted duplicate
    near = "\n\n".join([copy, *other[:2], copy])
    assert spans(repetition.duplicated_sentence, near) == [copy]
    # four paragraphs between: a text repeating itself on purpose (a changelog, a summary)
    far = "\n\n".join([copy, *other, copy])
    assert spans(repetition.duplicated_sentence, far) == []
    # a third copy near the second is reported against the second
    assert spans(repetition.duplicated_sentence, far + "\n\n" + copy) == [copy]


def test_duplicated_sentence_fix_only_when_adjacent():
    source = "The bridge will reopen in May after repairs. The bridge will reopen in May after " \
             "repairs. Drivers should use the ring road."
    assert fixed(repetition.duplicated_sentence, source) == \
        "The bridge will reopen in May after repairs. Drivers should use the ring road."
    far = "The bridge will reopen in May after repairs.\n\nDrivers wait.\n\n" \
          "The bridge will reopen in May after repairs."
    (hit,) = repetition.duplicated_sentence(read("t.txt", far))
    assert hit.fix is None


@pytest.mark.parametrize("source, expected", [
    ("Markets rally after rate cut\nMarkets rally after rate cut\n\nShares rose on Monday.",
     ["Markets rally after rate cut"]),
    ("Markets rally after rate cut\n\nMarkets rally after rate cut\n\nShares rose on Monday.",
     ["Markets rally after rate cut"]),
    ("Renault boss hails 'great year'\n\nRenault boss hails 'great year'\n\nSales rose.",
     ["Renault boss hails 'great year'"]),
    # traps
    ("Contents\n\nChapter one: the start\n\nChapter two: the end\n\nChapter one: the start\n\n"
     "It began in May.", []),
    ("Markets rally after rate cut\n\nShares rose on Monday after the central bank cut rates.",
     []),
    ("It rained. It rained.\nIt rained. It rained.", []),
])
def test_repeated_heading(source, expected):
    assert spans(repetition.repeated_heading, source) == expected


def test_repeated_heading_fix_deletes_the_copy():
    source = "Markets rally after rate cut\n\nMarkets rally after rate cut\n\nShares rose."
    assert fixed(repetition.repeated_heading, source) == \
        "Markets rally after rate cut\n\nShares rose."


def test_repeated_heading_leaves_a_markdown_contents_link_alone():
    from lint.readers.markdown import read as read_md

    source = "# The Book\n\n[The Book](title-page.md)\n[Foreword](foreword.md)\n"
    assert list(repetition.repeated_heading(read_md("t.md", source))) == []
    source = "# The Book\n\nThe Book\n\nIt begins.\n"
    assert [source[h.offset:h.end_offset]
            for h in repetition.repeated_heading(read_md("t.md", source))] == ["The Book"]


def test_duplicated_sentence_compares_code_spans_and_skips_lead_ins():
    from lint.readers.markdown import read as read_md

    source = ("You can only apply the `Copy` trait to types that are cheap.\n\n"
              "You can only apply the `Eq` trait to types that are cheap.\n\n"
              "This code compiles, runs, and prints:\n\nIt works.\n\n"
              "This code compiles, runs, and prints:\n")
    assert list(repetition.duplicated_sentence(read_md("t.md", source))) == []


def test_html_title_repeated_by_h1_is_not_a_repeated_heading():
    from lint.readers.html import read as read_html

    source = ("<html><head><title>Trade talks resume</title></head><body>"
              "<h1>Trade talks resume</h1><h2>Trade talks resume</h2><p>Talks resumed.</p>"
              "</body></html>")
    doc = read_html("t.html", source)
    found = [source[h.offset:h.end_offset] for h in repetition.repeated_heading(doc)]
    assert found == ["Trade talks resume"]  # only the h2 copy of the h1
    assert source.index("<h2>") < [h.offset for h in repetition.repeated_heading(doc)][0]


@pytest.mark.parametrize("words, n, expected", [
    ([["a", "b"], ["c", "d"]], 3, set()),  # n-grams across segments never count
    ([["a", "b"], ["a", "b"]], 3, set()),
    ([["a", "b"], ["a", "b"]], 2, {0, 1}),
    ([["x", "a", "b", "c"], ["a", "b", "c"], ["y"]], 3, {0, 1}),
    ([["a", "b", "c", "a", "b", "c"], ["z"]], 3, {0}),
    ([], 3, set()),
])
def test_segments_sharing_ngrams(words, n, expected):
    from rules.repetition import _segments_sharing_ngrams

    assert _segments_sharing_ngrams(words, n) == expected


# -- R001, second recall round: continued quotes, copies tacked on inside a quote --------
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
    # a copy tacked on at the end of the sentence needs one content word, idioms included
    ("China began building a number of power plants to rein in growth, that is a number of "
     "power.", ["a number of power"]),
    ("He has since signed over his shareholding to one of his fellow investors and over his "
     "shareholding to one.", ["over his shareholding to one"]),
    ("The chart included downloads for the first time in April, that is for the first time.",
     ["for the first time"]),
    # the same words that go on in the sentence are no echo
    ("They won for the first time and for the first time in years the fans sang.", []),
    ("He signed over his shareholding to one of them, as over his shareholding to one "
     "investor he had little say.", []),
])
def test_repeated_phrase_quotes_and_restatements(source, expected):
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


def test_lookbehind_helpers_see_only_what_precedes():
    filler = "Some words go here and then some more. " * 200
    text = filler + "It was big, which is the largest protest"
    assert repetition._restated(text, text.index("the largest"))
    assert not repetition._restated(text, text.index("protest"))
    assert repetition._sentence_start_before(text, text.index("It was"))
    assert repetition._sentence_start_before("It was", 0)
    assert not repetition._sentence_start_before(text, text.index("was big"))


def test_a_paragraph_that_repeats_itself_everywhere_is_given_up_on():
    # every word repeats at every distance: the rule looks at a bounded number of earlier
    # copies and gives up rather than working through all of them
    assert spans(repetition.repeated_phrase, "word " * 3000) == []
    # a real repetition in an ordinary paragraph is still found
    assert spans(repetition.repeated_phrase,
                 "It was the largest protest in the capital since 1989, which is the largest "
                 "protest in the capital in decades.") == ["the largest protest in the capital"]


def test_duplicated_sentence_under_another_heading_is_on_purpose():
    from lint.readers.markdown import read as read_md

    note = "The default value is used when the option is not set."
    # the same note under two headings (two options documented alike): left alone
    apart = f"## Width\n\n{note}\n\n## Height\n\n{note}\n"
    assert list(repetition.duplicated_sentence(read_md("t.md", apart))) == []
    # under one heading it is a pasted duplicate
    together = f"## Width\n\n{note}\n\nIt is in pixels.\n\n{note}\n"
    hits = list(repetition.duplicated_sentence(read_md("t.md", together)))
    assert [together[h.offset:h.end_offset] for h in hits] == [note]


@pytest.mark.parametrize("source, expected", [
    # deliberate parallels: a frame with a different filler, a comparison between the copies
    ("They debated cutting the budget for roads rather than cutting the budget for schools.",
     []),
    ("We chose the default size of the heap instead of the default size of the stack.", []),
    # restatements are still reported
    ("It was the largest protest in the capital since 1989, which is the largest protest in "
     "the capital.", ["the largest protest in the capital"]),
    ("If the official figures were wrong, if the official figures were wrong, we would know.",
     ["if the official figures were wrong"]),
])
def test_repeated_phrase_parallels(source, expected):
    assert spans(repetition.repeated_phrase, source) == expected


def test_duplicated_sentence_not_across_sibling_list_items():
    from lint.readers.markdown import read as read_md

    source = ("- `user`: the user name.\n  Required if the server requires authentication.\n"
              "- `pass`: the password.\n  Required if the server requires authentication.\n")
    assert list(repetition.duplicated_sentence(read_md("a.md", source))) == []
    # a repeat inside one item is still found
    source = ("- Required if the server requires authentication. Required if the server "
              "requires authentication.\n- Other item.\n")
    hits = list(repetition.duplicated_sentence(read_md("a.md", source)))
    assert len(hits) == 1


def test_duplicated_sentence_not_across_a_code_block_in_markdown():
    from lint.readers.markdown import read as read_md

    line = "The following graph shows how many elements are processed per second."
    source = f"{line}\n\n```python\nrun(a)\n```\n\n{line}\n"
    assert list(repetition.duplicated_sentence(read_md("a.md", source))) == []
    assert len(list(repetition.duplicated_sentence(read_md("a.md", f"{line}\n\n{line}\n")))) == 1


@pytest.mark.parametrize("source, expected", [
    # documentation names a thing again instead of writing "it"
    ("The default timeout of the task is one day, and the default timeout of the task can be "
     "changed with `options`.\n", []),
    # a restatement is still one
    ("It was the largest protest in the capital since 1989, which is the largest protest in "
     "the capital.\n", ["the largest protest in the capital"]),
    ("Restart the agent service, restart the agent service and wait.\n",
     ["restart the agent service"]),
])
def test_repeated_phrase_in_reference_prose(source, expected):
    from lint.readers.markdown import read as read_md

    doc = read_md("a.md", source)
    assert [source[h.offset:h.end_offset] for h in repetition.repeated_phrase(doc)] == expected


def test_repeated_frame_before_different_nouns_is_parallel():
    assert spans(repetition.repeated_phrase, "Just as we might want to refer to part of a "
                 "string, we might want to refer to part of an array.") == []


def test_repeated_heading_differs_by_a_code_span():
    from lint.readers.markdown import read as read_md

    source = "### Load the resource\n\nLoad the `.class` resource\n"
    assert list(repetition.repeated_heading(read_md("a.md", source))) == []
    source = "### Load the resource\n\nLoad the resource\n"
    assert len(list(repetition.repeated_heading(read_md("a.md", source)))) == 1
