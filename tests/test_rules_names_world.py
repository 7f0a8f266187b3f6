"""N006: rare spellings of first names frequent somewhere in the world, traps beside."""

import pytest
from rulecases import spans

from rules import names_world


@pytest.mark.parametrize("source, expected", [
    ("The Polish striker Krzystof Piatek scored twice on Sunday.", ["Krzystof"]),
    ("The Italian composer Giusseppe Verdi wrote many operas.", ["Giusseppe"]),
    # traps
    ("The Polish striker Krzysztof Piatek scored twice on Sunday.", []),  # frequent itself
    ("The striker Krzystof Piatek scored. Krzysztof Piatek then left.", []),  # N001's ground
    ("The lawyer Ioanidis said the case was closed. Ioanidis left.", []),  # used twice
    ("The flanker Kyrgiakos was injured in the match.", []),  # a surname
    ("The singer Oyelaran Smith performed on Sunday.", []),  # no frequent neighbour
])
def test_rare_world_name_spelling(source, expected):
    assert spans(names_world.rare_world_name_spelling, source) == expected


def test_world_list_never_flags_a_frequent_name():
    ranks = names_world.world_ranks()
    assert ranks["Krzysztof"][0] <= names_world.FREQUENT_RANK
    for name in ("Krzysztof", "Giuseppe", "Maria", "Mohammed"):
        assert names_world.frequent_neighbour(name) is None
