"""Degenerate text (R007) and self-referential definitions (R008): lines of prose and the
spans expected."""

import pytest
from rulecases import spans

from rules import degeneration


@pytest.mark.parametrize("source, expected", [
    ('The term "common prosperity" refers to the term "common prosperity".',
     ['The term "common prosperity" refers to the term "common prosperity"']),
    ("Digital economy is defined as digital economy.",
     ["Digital economy is defined as digital economy"]),
    ("The so-called dual circulation refers to dual circulation.",
     ["The so-called dual circulation refers to dual circulation"]),
    ("Inflation means inflation, he said.", ["Inflation means inflation"]),
    ("'Common prosperity' means 'common prosperity'.",
     ["'Common prosperity' means 'common prosperity'"]),
    ("They raised the levy, which means the levy, on Monday.",
     ["the levy, which means the levy"]),
    ('He said that "Market" refers to market.', ['"Market" refers to market']),
    ("WTO stands for WTO.", ["WTO stands for WTO"]),
    # traps: tautologies written on purpose use `is` / `will be`, not a defining verb
    ("A deal is a deal.", []),
    ("Boys will be boys.", []),
    ("It is what it is.", []),
    ("Enough is enough, the minister said.", []),
    # slogans with `means`
    ("No means no.", []),
    ("Yes means yes, and never means never.", []),
    ("She said Brexit means Brexit and left.", []),
    ('"Brexit means Brexit," she said.', []),
    ('"Growth means growth", she said.', []),
    # a term inside a longer subject; a definition that goes on
    ("The price of oil refers to oil.", []),
    ("Growth means growth in exports.", []),
    ('The term "GDP" stands for gross domestic product.', []),
    ("They did it again, that is, again.", []),
])
def test_self_referential_definition(source, expected):
    assert spans(degeneration.self_referential_definition, source) == expected


def test_self_reference_in_code_is_left_alone():
    from lint.readers import read_document

    doc = read_document("t.md", "The name `Self` refers to `Self` in this impl block.\n")
    assert list(degeneration.self_referential_definition(doc)) == []


DOMINATED = ("The bank said the bank of bank and the bank for bank the bank of bank are bank "
             "products bank the bank.")
LOOPED = ("The two products are the only ones of the bank's financial products, "
          + ", ".join(f"the bank's financial {w}" for w in
                      ["products", "services", "products", "plans", "services", "products",
                       "plans", "products", "services", "plans"]) + ".")


@pytest.mark.parametrize("source, expected", [
    (DOMINATED, [DOMINATED]),
    (LOOPED, [LOOPED]),
    # traps: prose at its most repetitive (lists, match reports, technical prose)
    ("Replacements: Priscott for Roberts (71), Green for Dowd (71), Skivington for Shaw (71), "
     "Birkett for Hart (57), Gotting for Rees (39).", []),
    ("If the value is None, the value inside the option is the resultant value of the "
     "expression, and the function continues.", []),
    ("We shall fight on the beaches, we shall fight on the landing grounds, we shall fight "
     "in the fields and in the streets, we shall fight in the hills; we shall never "
     "surrender.", []),
    ("Of Argentina's bondholders, 38.4% reside in Argentina, 15.6% in Italy, 10.3% in "
     "Switzerland, 9.1% in the United States, 5.1% in Germany and 3% in Japan.", []),
    ("The the cat sat.", []),  # short: G001's business
])
def test_degenerate_text(source, expected):
    assert spans(degeneration.degenerate_text, source) == expected


def test_degenerate_text_leaves_tables_alone():
    from lint.readers import read_document

    row = "| bank | bank | bank | bank | bank | bank | bank | bank | bank | bank | bank | bank |"
    doc = read_document("t.md", "| a | b |\n|---|---|\n" + row + "\n")
    assert list(degeneration.degenerate_text(doc)) == []
