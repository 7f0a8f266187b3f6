from lint.selection import Selection, is_known_selector


def sel(select=None, ignore=(), extend=()):
    return Selection.from_lists(select, list(ignore), list(extend))


def test_defaults_follow_rule_default():
    s = sel()
    assert s.allows("G001", default=True)
    assert not s.allows("M001", default=False)


def test_prefixes_and_specificity():
    assert sel(["G"]).allows("G001")
    assert not sel(["G"]).allows("Q001")
    assert not sel(["G"], ["G001"]).allows("G001")
    assert sel(["G001"], ["G"]).allows("G001")  # the more specific selector wins
    assert not sel(["G001"], ["G001"]).allows("G001")  # ties go to ignore
    assert sel(extend=["M001"]).allows("M001", default=False)
    assert sel(["ALL"]).allows("M001", default=False)
    assert not sel(["M"]).allows("M001", default=False)  # off-by-default: own code only
    assert sel(["M", "M001"]).allows("M001", default=False)


def test_rule_names_select_like_codes():
    assert sel(["doubled-word"]).allows("G001")
    assert is_known_selector("doubled-word") and not is_known_selector("no-such-rule")


def test_engine_codes():
    s = sel(ignore=["LT:MORFOLOGIK_RULE_EN_US"])
    assert s.allows("LT:EN_A_VS_AN")
    assert not s.allows("LT:MORFOLOGIK_RULE_EN_US")
    assert not sel(ignore=["HARPER"]).allows("HARPER:Spelling")
    assert is_known_selector("LT:ANYTHING")
