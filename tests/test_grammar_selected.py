"""Selecting an engine rule by its code turns it on even when mtlint's defaults keep it off."""

from __future__ import annotations

import pytest

from lint.grammar.selected import selected_engine_rules, with_selected_rules
from lint.selection import Selection


def test_selected_engine_rules_come_from_select_and_extend_select():
    sel = Selection.from_lists(["G", "HARPER:AnA"], [], ["HARPER:PronounVerbAgreement",
                                                         "HARPER", "LT:EN_A_VS_AN"])
    assert selected_engine_rules(sel, "harper") == ["AnA", "PronounVerbAgreement"]
    assert selected_engine_rules(sel, "languagetool") == ["EN_A_VS_AN"]
    settings = with_selected_rules({"engine": "harper", "enabled-rules": ["AnA"]}, sel)
    assert settings["enabled-rules"] == ["AnA", "PronounVerbAgreement"]
    # nothing named: the settings are returned as they were
    plain = {"engine": "harper"}
    assert with_selected_rules(plain, Selection.from_lists(None, [], [])) is plain


def test_selecting_an_off_harper_rule_turns_it_on(tmp_path, monkeypatch, capsys):
    pytest.importorskip("harper")
    from lint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("They bought a apple at the market on Monday.\n",
                                    encoding="utf-8")
    main(["check", "--grammar", "harper", "--no-cache", "--select", "HARPER:AnA", "a.txt"])
    out = capsys.readouterr().out
    assert "HARPER:AnA" in out and "a.txt:1:13" in out
