"""Script leftovers (S001, S002, S004): each case a line of prose and the spans expected."""

import pytest
from rulecases import fixed, spans

from rules import script


@pytest.mark.parametrize("source, expected", [
    ("The company was founded in 2003 by 张伟 and grew quickly.", ["张伟"]),
    ("Open the account of @芳芳一人食 on Douyin to watch the video.", ["芳芳一人食"]),
    ("The minister said that the Министерство would review the case soon.", ["Министерство"]),
    ("The report 经济观察网 - 专业财经新闻网站 was published today in full.",
     ["经济观察网 - 专业财经新闻网站"]),
    # traps
    ("The capital, Kyiv (Київ), lies on the Dnipro river in the north.", []),
    ("She wrote “你好” (hello) on the board for the class.", []),
    ("The angle α is larger than β in this small triangle.", []),
    ("张伟说今天天气很好。", []),  # not English prose
    ("In Chinese, the word 谢谢 means thanks and is used every day.", []),  # about a language
])
def test_foreign_script(source, expected):
    assert spans(script.foreign_script, source) == expected


@pytest.mark.parametrize("source, expected", [
    ("The council approved the plan，which was late。", ["，", "。"]),
    ("Font:【Large Medium Small】 is shown on the page.", ["【", "】"]),
    ("The council approved the plan（after a debate）on Monday.", ["（", "）"]),
    # traps
    ("The council approved the plan, which was late.", []),
    ("The name 北京，上海 is written here in the text today.", []),  # inside a CJK run
])
def test_fullwidth_punctuation(source, expected):
    assert spans(script.fullwidth_punctuation, source) == expected


def test_fullwidth_punctuation_fix():
    assert fixed(script.fullwidth_punctuation, "We approved the plan，which was late。") == \
        "We approved the plan, which was late."
    assert fixed(script.fullwidth_punctuation,
                 "The council approved the plan（after a debate）on Monday.") == \
        "The council approved the plan (after a debate) on Monday."


@pytest.mark.parametrize("source, expected", [
    ("Delivery takes 5~10 working days.", ["5~10"]),
    ("The dose is 3.5～4 grams.", ["3.5～4"]),
    # traps
    ("It takes ~5 days.", []),
    ("Copy it to ~/bin and run it.", []),
])
def test_tilde_range(source, expected):
    assert spans(script.tilde_range, source) == expected
