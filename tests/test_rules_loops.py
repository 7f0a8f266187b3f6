"""Loops and restatements (R004-R006): each case a line of prose and the spans expected."""

import pytest
from rulecases import spans

from rules import loops


@pytest.mark.parametrize("source, expected", [
    # positives: the four disguises, and one finding per run
    ("The ABC-ABC-ABC-ABC company grew.", ["ABC-ABC-ABC-ABC"]),
    ("They won a sub-sub-sub-contract.", ["sub-sub-sub"]),
    ("The BlueBlueBlueBlue water was cold.", ["BlueBlueBlueBlue"]),
    ("We visited the station, station, station, station today.",
     ["station, station, station, station"]),
    ("The QUALITY QUALITY QUALITY was poor.", ["QUALITY QUALITY QUALITY"]),
    ("It helps the poor people the poor people the poor people here.",
     ["the poor people the poor people the poor people"]),
    ("The University of Bern, Bern, Bern, Bern, and of Bern, Bern, Bern ended.",
     ["Bern, Bern, Bern, Bern, and of Bern, Bern, Bern"]),
    # traps
    ("She waved and said bye bye to everyone.", []),
    ('He shouted "no, no, no" and left.', []),
    ("It was very very very cold.", []),
    ("The vector was 0, 0, 0 at the start.", []),
    ("He starred in the musical Spend Spend Spend last year.", []),
    ('"The mentality of the French is \'scrum, scrum, scrum\'." he said.', []),
    ('"We will fight, fight, fight for it," he said.', ["fight, fight, fight"]),
    ("Buy three A A A batteries.", []),
    ("The Mississippi is long and the banana is yellow.", []),
])
def test_degenerate_loop(source, expected):
    assert spans(loops.degenerate_loop, source) == expected


@pytest.mark.parametrize("source, expected", [
    ("Guests may bring cups or cups to the tasting.", ["cups or cups"]),
    ("The plan covers health and health services.", ["health and health"]),
    ("They grow wheat, rice, wheat and maize.", ["wheat, rice, wheat and maize"]),
    ("It was built from components and components.", ["components and components"]),
    # traps
    ("More and more people came, again and again, over and over.", []),
    ("The team grew stronger and stronger.", []),
    ("They walked for miles and miles.", []),
    ("You may or may not see the word.", []),
    ("Kim and Kim met in Seoul.", []),
    ("It was commissioned by UK Sport and Sport England.", []),
    ("He was in there and there is more to come.", []),
    ("They grow wheat, rice, barley and maize.", []),
    ('The phrase "cups or cups" is a joke.', []),
    # a crossed parallel: two sets told apart on purpose
    ("It tries different words and words of different lengths.", []),
    # a phrase after the second item that does not take up the word before the first
    ("Bring cups or cups of tea.", ["cups or cups"]),
    ("Bring hot cups or cups of tea.", ["cups or cups"]),
    ("Bring the cups or cups of the tea.", ["cups or cups"]),
    ('"I have done a lot of drugs and drugs," he said.', ["drugs and drugs"]),
])
def test_identical_coordination(source, expected):
    assert spans(loops.identical_coordination, source) == expected


@pytest.mark.parametrize("source, expected", [
    ("The new bridge will open to traffic next spring after years of delays. The new bridge "
     "will open to traffic next spring after years of setbacks.",
     ["The new bridge will open to traffic next spring after years of setbacks."]),
    ("The committee approved the plan for the new school on Monday.\n\nThe committee "
     "adopted the plan for the new school on Monday.",
     ["The committee adopted the plan for the new school on Monday."]),
    # traps
    ("Smith scored in the tenth minute of the first half of the game. Jones scored in the "
     "tenth minute of the first half of the game.", []),
    ("The first team won the cup in 2001 after a long season. The first team won the cup "
     "in 2005 after a long season.", []),
    ("Add the flour. Add the sugar.", []),
    ("The new bridge will open next spring after years of delays. The new bridge will open "
     "next spring after years of delays.", []),  # identical: R002
    ("The council met on Monday to discuss the budget for next year. Residents complained "
     "about the noise from the new road on Tuesday.", []),
])
def test_near_duplicate_sentence(source, expected):
    assert spans(loops.near_duplicate_sentence, source) == expected


def test_sibling_list_items_are_parallel_not_restatements():
    from lint.readers import read_document

    items = ("- The `out` directory under the current working directory (if it exists)\n"
             "- The `~/logs/` directory under the user's home directory (if it exists)\n")
    doc = read_document("a.md", items, "markdown")
    assert list(loops.near_duplicate_sentence(doc)) == []
    # one item restating itself is still reported
    one = ("- The committee approved the plan for the new school on Monday. The committee "
           "adopted the plan for the new school on Monday.\n")
    doc = read_document("b.md", one, "markdown")
    assert len(list(loops.near_duplicate_sentence(doc))) == 1


def test_identical_coordination_leaves_a_file_name_alone():
    assert spans(loops.identical_coordination, "From here, you run the main or main.exe file.") \
        == []
    assert spans(loops.identical_coordination, "Bring cups or cups to the table.") != []


@pytest.mark.parametrize("source", [
    # ten words, two edits placed to break the most trigrams: two shared trigrams are left
    "The old mill near the river was sold last week. The old barn near the river got sold "
    "last week.",
    "The old mill near the river was sold last week.\n\nThe old barn near the river got "
    "sold last week.",
    # eight words, one edit in the middle
    "The team played the match in heavy rain. The team played the game in heavy rain.",
])
def test_near_duplicate_sentence_at_the_fewest_shared_trigrams(source):
    assert len(spans(loops.near_duplicate_sentence, source)) == 1


def test_loops_found_in_any_paragraph_of_a_document():
    from lint.readers.text import read

    source = ("The talks began on Monday.\n\nThey ended in Bern, Bern, Bern, Bern on Friday.\n\n"
              "Prices rose.\n\nThe BlueBlueBlueBlue water and the ABC-ABC-ABC firm.\n\n"
              "The talks ended in Bern, Bern\n\nBern, Bern on Friday.")
    doc = read("t.txt", source)
    found = [source[h.offset:h.end_offset] for h in loops.degenerate_loop(doc)]
    # a loop cut by a paragraph break is two short repeats, not one loop
    assert found == ["Bern, Bern, Bern, Bern", "BlueBlueBlueBlue", "ABC-ABC-ABC"]
    words = loops._doc_words(doc)
    assert [words.of(i) for i in range(len(doc.segments))] == \
        [loops._lower_words(seg) for seg in doc.segments]
