"""N007: one name in two spellings by case or spacing across a run (a corpus rule)."""

from lint.readers.text import read
from rules.name_case import NameCaseVariant


def flagged(*sources: str) -> list[str]:
    items = [(f"f{i}.txt", NameCaseVariant.collect(read(f"f{i}.txt", s)))
             for i, s in enumerate(sources)]
    out = []
    for path, hit in NameCaseVariant.reduce(items):
        src = sources[int(path[1:-4])]
        out.append(src[hit.offset:hit.end_offset])
    return out


def test_case_and_spacing_variants_of_a_usual_name():
    a = ("We migrated to PostgreSQL in 2021. PostgreSQL is fast. The PostgreSQL team helped. "
         "The OpenSearch cluster and OpenSearch nodes use OpenSearch dashboards.")
    b = "Our Postgresql setup needs tuning, unlike the Open Search one."
    assert flagged(a, b) == ["Postgresql", "Open Search"]


def test_traps():
    a = "We use PostgreSQL. PostgreSQL is fast. The PostgreSQL team helped."
    # all capitals, lower case, a sentence opener, and no usual form (2 against 1)
    assert flagged(a, "POSTGRESQL rocks. postgresql is a word here.") == []
    assert flagged("Postgresql is fine. We like it.", a) == []
    assert flagged("We use GitHub and GitHub.", "We use Github.") == []
