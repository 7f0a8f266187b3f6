"""Building blocks of the measurement harness: damage classes, manifest offsets, the arithmetic."""

from __future__ import annotations

import json
import random
from collections import Counter

import pytest
import regex

# bench/ is not an installed package: pytest puts the repository root on sys.path
# (pythonpath in pyproject.toml).
from bench import damage as dm
from bench.quality import (
    REVIEW_FILE,
    Found,
    LintRun,
    clean_tables,
    load_review,
    new_findings,
    overlaps,
    precision_by_family,
    recall_by_class,
    to_clean,
    top_false_positives,
    verdicts,
)

# Fixtures written for these tests (not taken from any corpus).
ARTICLE_A = """Harbour council approves new ferry terminal

The harbour council in Kestrelford voted on Tuesday to approve a new ferry terminal on the eastern quay. The project will cost £42m and is expected to open in the spring of 2027.

Council leader Marta Vellacott said the decision was "a turning point for the town," and thanked residents for their patience. She told reporters that the old terminal had been closed twice last winter.

"We have waited a long time for this moment," Vellacott said. "The ferry is the lifeline of the islands, and the islands deserve better," she added.

The scheme includes a covered waiting hall (with space for 300 passengers) and a new car park - the first in the harbour area. Local traders said the council's plan would bring more visitors to the town centre.

Opponents argued that the cost was too high for a small district. They said the money should go to schools & housing instead of a building that few people would use.

Vellacott rejected that view in a long statement. The council will publish the full budget in March. It expects the work to take about 18 months.

Ferry operators welcomed the news and said they would add two more crossings each day.
"""  # noqa: E501

ARTICLE_B = """Kestrelford ferry fares to rise

Ferry fares between Kestrelford and the outer islands will rise by 6% from April, the operator has said. The company blamed the cost of fuel and the delay to the new terminal.

Council leader Marta Vellacott said she was disappointed by the increase. "Families on the islands already pay too much," Vellacott told a meeting of the harbour board on Monday.

The operator said a season ticket would still cost less than it did in 2019.
"""  # noqa: E501

ARTICLE_C = """Islanders meet to discuss ferry timetable

More than two hundred islanders met in the village hall on Friday to discuss the winter timetable. Several speakers said the last crossing of the day left too early for people who work in Kestrelford.

Marta Vellacott, who leads the council, promised to raise the matter with the operator. The operator said it would review the timetable in the autumn.
"""  # noqa: E501

FILES = {"a.txt": ARTICLE_A, "b.txt": ARTICLE_B, "c.txt": ARTICLE_C}


@pytest.fixture
def corpus(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for name, text in FILES.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


def _ctx(text: str = ARTICLE_A) -> dm.Context:
    vocab = frozenset(w.lower() for t in FILES.values() for w in dm._WORD_RE.findall(t))
    names: Counter = Counter()
    for t in FILES.values():
        names.update(dm.name_candidates(t).keys())
    return dm.Context(path="a.txt", headlines=[t.split("\n")[0] for t in FILES.values()][1:],
                      name_files=names, vocab=vocab, text=text)


def _apply(cls: str, seed: int = 3, text: str = ARTICLE_A):
    """Damage ``text`` with one injection of ``cls``: (damaged text, manifest entries)."""
    rng = random.Random(seed)
    cands = dm.DAMAGE[cls].fn(text, rng, _ctx(text))
    assert cands, f"{cls}: no candidate spot in the fixture"
    chosen = [dm.Applied(cls, 0, rng.choice(cands))]
    return dm.apply_edits(text, chosen)


# -- generator ---------------------------------------------------------------------------------

def test_generate_is_deterministic_for_a_seed(corpus, tmp_path):
    one = dm.generate([str(corpus)], str(tmp_path / "one"), seed=7)
    two = dm.generate([str(corpus)], str(tmp_path / "two"), seed=7)
    assert one["spans"] == two["spans"] and one["spans"]
    for name in FILES:
        assert (tmp_path / "one" / "damaged" / name).read_text(encoding="utf-8") == \
            (tmp_path / "two" / "damaged" / name).read_text(encoding="utf-8")
    other = dm.generate([str(corpus)], str(tmp_path / "three"), seed=8)
    assert other["spans"] != one["spans"]


def test_manifest_spans_match_the_damaged_text(corpus, tmp_path):
    out = tmp_path / "out"
    for seed in range(6):
        data = dm.generate([str(corpus)], str(out), seed=seed)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["spans"] == data["spans"]
        for e in data["spans"]:
            damaged = (out / "damaged" / e["file"]).read_text(encoding="utf-8")
            clean = (out / "clean" / e["file"]).read_text(encoding="utf-8")
            assert clean == FILES[e["file"]]  # the clean copy is untouched
            assert damaged[e["offset"]:e["end_offset"]] == e["damaged"]
            assert clean[e["clean_offset"]:e["clean_end_offset"]] == e["original"]
            assert e["damaged"] != e["original"] or e["damaged"] == ""
            for a, b in e["related"]:
                assert 0 <= a < b <= len(damaged)


def test_injections_are_in_separate_paragraphs():
    rng = random.Random(1)
    ctx = _ctx()
    chosen = dm.damage_file(ARTICLE_A, rng, ctx, [c for c in dm.DAMAGE
                                                  if not dm.DAMAGE[c].exclusive], per_file=3)
    assert len(chosen) >= 2
    touched = [dm._touched(a.edits, ctx.paragraphs) for a in chosen]
    for i, t in enumerate(touched):
        for u in touched[i + 1:]:
            assert all(abs(x - y) > 1 for x in t for y in u)


def test_related_spans_follow_earlier_edits():
    text = "One two three.\n\nFour five six seven eight nine ten.\n"
    first = dm.Applied("x", 0, [dm.Edit(0, 3, "Uno Uno")])
    second = dm.Applied("y", 1, [dm.Edit(16, 16, "Inserted ", related=((16, 20),))])
    damaged, entries = dm.apply_edits(text, [first, second])
    assert damaged == "Uno Uno two three.\n\nInserted Four five six seven eight nine ten.\n"
    rel = entries[1]["related"][0]
    assert damaged[rel[0]:rel[1]] == "Four"


# -- each class makes the damage it claims -------------------------------------------------------

CLAIMS = {
    "glued-words": r"^\p{Ll}+\p{Lu}?\p{Ll}+$",
    "lost-boundary": r"^\p{L}+ (The|They|He|She|It|We|But|This|In|I)$",
    "doubled-word": r"^(\p{Ll}+) \1$",
    "mangled-initials": r"^[A-Z](\.[A-Z]){1,2}$",
    "title-case": r"^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$",
    "unclosed-quote": r'^"[^"]+$',
    "stray-apostrophe": r"""\p{L}'[.,]?"$""",
    "mixed-quotes": r'^(“[^"”]+"|"[^"”]+”)$',
    "bracket-quote": r'^"\[(He|She|They|We|It|I|This)\]$',
    "unclosed-bracket": r"^\([^()]+$",
    "photo-credit": r"^\((AFP|Reuters|AP|Photo: .+|Source: .+|Image: .+|Picture: .+)\)$",
    "metadata": r"\d",
    "mojibake": r"â€|Â£",
    "html-entity": r"&(amp|nbsp|rsquo|#8217|#39);",
    "zero-width": r"[\u200b\u200c\u00ad\ufeff]",
    "replacement-char": "\ufffd",
}


@pytest.mark.parametrize("cls", sorted(CLAIMS))
def test_class_makes_its_damage(cls):
    for seed in range(4):
        damaged, entries = _apply(cls, seed)
        assert len(entries) == 1
        assert regex.search(CLAIMS[cls], entries[0]["damaged"]), entries[0]
        assert damaged != ARTICLE_A


@pytest.mark.parametrize("cls,lines", [("newsletter", dm.NEWSLETTER),
                                       ("advertisement", dm.ADVERTS)])
def test_inserted_lines_stand_on_their_own(cls, lines):
    damaged, (entry,) = _apply(cls)
    assert entry["damaged"] in lines
    assert f"\n\n{entry['damaged']}\n\n" in damaged


def test_read_next_uses_another_headline():
    damaged, (entry,) = _apply("read-next")
    prefix, _, headline = entry["damaged"].partition(": ")
    assert prefix + ": " in dm.READ_NEXT
    assert headline in (ARTICLE_B.split("\n")[0], ARTICLE_C.split("\n")[0])


def test_repetition_classes_repeat_text():
    damaged, (entry,) = _apply("duplicated-sentence")
    assert damaged.count(entry["damaged"]) == 2
    damaged, (entry,) = _apply("repeated-heading")
    assert entry["damaged"] == "Harbour council approves new ferry terminal"
    assert damaged.count(entry["damaged"]) == 2
    damaged, (entry,) = _apply("repeated-clause")
    a, b = entry["related"][0]
    assert damaged[a:b] == entry["damaged"] or damaged[a:b].lower() == entry["damaged"].lower()
    assert len(entry["damaged"].split()) >= 4


def test_name_in_file_changes_one_later_occurrence():
    damaged, (entry,) = _apply("name-in-file")
    assert entry["original"] in ("Vellacott", "Kestrelford", "Ferry")
    assert entry["damaged"] != entry["original"] and entry["damaged"][0] == entry["original"][0]
    assert abs(len(entry["damaged"]) - len(entry["original"])) <= 1
    assert entry["original"] in damaged[:entry["offset"]]  # the right spelling comes first


def test_name_cross_file_changes_every_occurrence():
    damaged, entries = _apply("name-cross-file", text=ARTICLE_B)
    name = entries[0]["original"]
    assert name in ("Kestrelford", "Vellacott", "Marta")
    assert len(entries) == ARTICLE_B.count(name) and name not in damaged


def test_misspell_avoids_words_of_the_batch():
    rng = random.Random(0)
    for _ in range(50):
        variant = dm.misspell("Vellacott", rng, frozenset({"vellacot"}))
        assert variant not in (None, "Vellacott", "Vellacot")


@pytest.mark.parametrize("a, b, dist", [
    ("Hans", "Hnas", 1),            # adjacent transposition
    ("Analysts", "Analists", 1),    # substitution
    ("Deutsche", "Deutshe", 1),     # deletion (sch -> sh)
    ("Kuleba", "Kulleba", 1),       # insertion (doubled letter)
    ("Greeneman", "Grineman", 2),   # ee -> i: two edits, outside issue 4
    ("Aleksei", "Alexei", 2),       # ks -> x: two edits
    ("Vellacott", "Vellacott", 0),
])
def test_edit_distance_counts_a_transposition_as_one_edit(a, b, dist):
    assert dm.edit_distance(a, b) == dist


@pytest.mark.parametrize("name", ["Vellacott", "Greeneman", "Aleksandra", "Philippa",
                                  "Deutsche", "Kharkiv", "Schofield", "Jablonsky"])
def test_misspell_makes_exactly_one_edit(name):
    rng = random.Random(5)
    seen = set()
    for _ in range(60):
        variant = dm.misspell(name, rng)
        assert variant is not None and variant[0] == name[0]
        assert dm.edit_distance(name, variant) == 1, variant
        seen.add(variant)
    assert len(seen) > 3


def test_a_typo_is_used_once_a_transliteration_may_recur():
    rng = random.Random(2)
    taken: Counter = Counter()
    kinds: Counter = Counter()
    for _ in range(300):
        got = dm.misspell_kind("Vellacott", rng, taken=taken)
        if got is None:
            continue
        variant, kind = got
        if kind == "typo":
            assert taken[variant] == 0, variant  # a random slip is never repeated
        else:
            assert taken[variant] < dm._TRANSLIT_MAX_FILES, variant
        taken[variant] += 1
        kinds[kind, taken[variant] > 1] += 1
    assert kinds["typo", False] > 5 and kinds["translit", True] > 0


def test_a_common_word_that_opens_a_sentence_is_not_a_name():
    text = "Analysts expect Quennell to stay. Analysts disagree."
    assert "Analysts" in dm.name_candidates(text)
    assert "Analysts" not in dm.name_candidates(text, frozenset({"analysts"}))
    assert "Quennell" in dm.name_candidates(text, frozenset({"analysts"}))


def test_name_cross_file_leaves_the_right_spelling_in_two_other_files(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(5):
        (src / f"f{i}.txt").write_text(
            f"Quennell spoke on the radio at {i} and the talks went on for an hour.\n\n"
            "It was late when Quennell's car left the studio and the crowd had gone.\n",
            encoding="utf-8")
    data = dm.generate([str(src)], str(tmp_path / "out"), seed=1, per_file=1,
                       classes=["name-cross-file"])
    damaged = {e["file"] for e in data["spans"]}
    assert len(damaged) == 3  # five files hold the name: at most three may lose it
    assert all(dm.edit_distance(e["original"], e["damaged"]) == 1 for e in data["spans"])
    for i in range(5):
        text = (tmp_path / "out" / "damaged" / f"f{i}.txt").read_text(encoding="utf-8")
        assert ("Quennell" in text) == (f"f{i}.txt" not in damaged)


def test_markdown_code_is_blocked():
    text = "Intro with `code the the` here.\n\n```\nlet x = 1;\n```\n\n    indented code\n\nEnd.\n"
    spans = dm.markdown_code_spans(text)
    covered = "".join(text[a:b] for a, b in spans)
    assert "`code the the`" in covered and "let x = 1;" in covered and "indented code" in covered
    assert "Intro" not in covered and "End." not in covered


def test_quote_pairs_skip_unbalanced_or_ambiguous_paragraphs():
    balanced = 'He said "yes" and "no" today.'
    assert dm._quote_pairs(balanced, 0, len(balanced)) == [(8, 12), (18, 21)]
    odd = '"We start here, and the quote runs on into the next paragraph.'
    assert dm._quote_pairs(odd, 0, len(odd)) == []
    wrong = 'A quote " that opens wrongly" here.'
    assert dm._quote_pairs(wrong, 0, len(wrong)) == []


# -- arithmetic ----------------------------------------------------------------------------------

def test_overlaps_with_slack():
    assert overlaps(10, 15, 14, 20)
    assert not overlaps(10, 15, 19, 25, slack=3)
    assert overlaps(10, 15, 17, 25, slack=3)
    assert overlaps(5, 5, 5, 6, slack=0)  # an empty finding counts as one character
    assert not overlaps(0, 2, 10, 12, slack=0)


MANIFEST = [
    # file f: an insertion of 10 characters at clean 20, a 2 -> 5 replacement at clean 100
    {"file": "f", "class": "newsletter", "id": "f#0", "offset": 22, "end_offset": 30,
     "original": "", "damaged": "x" * 8, "clean_offset": 20, "clean_end_offset": 20,
     "edit_offset": 20, "edit_end_offset": 30, "related": []},
    {"file": "f", "class": "doubled-word", "id": "f#1", "offset": 110, "end_offset": 115,
     "original": "ab", "damaged": "ab ab", "clean_offset": 100, "clean_end_offset": 102,
     "edit_offset": 110, "edit_end_offset": 115, "related": [[40, 50]]},
    {"file": "g", "class": "doubled-word", "id": "g#0", "offset": 5, "end_offset": 10,
     "original": "ab", "damaged": "ab ab", "clean_offset": 5, "clean_end_offset": 7,
     "edit_offset": 5, "edit_end_offset": 10, "related": []},
]
CLASSES = {"newsletter": ["F"], "doubled-word": ["G"]}


def test_to_clean_maps_offsets_around_edits():
    entries = [e for e in MANIFEST if e["file"] == "f"]
    assert to_clean(5, entries) == 5
    assert to_clean(25, entries) == 20  # inside the insertion
    assert to_clean(60, entries) == 50
    assert to_clean(112, entries) == 100
    assert to_clean(120, entries) == 107


def test_recall_counts_expected_family_only():
    damaged = [Found("f", 24, 26, "F001"),  # newsletter found by F
               Found("f", 45, 46, "R001"),  # touches the related span of f#1, wrong family
               Found("g", 8, 9, "G001")]  # g#0 found
    scores = recall_by_class(damaged, MANIFEST, CLASSES)
    assert (scores["newsletter"].injected, scores["newsletter"].found) == (1, 1)
    assert (scores["doubled-word"].injected, scores["doubled-word"].found) == (2, 1)
    assert scores["doubled-word"].found_any == 2
    assert scores["doubled-word"].recall == 0.5


def test_precision_counts_only_new_findings():
    clean = [Found("f", 70, 75, "Q001"), Found("g", 30, 31, "G001")]
    damaged = [Found("f", 80, 85, "Q001"),  # clean 70: old, not counted
               Found("f", 111, 113, "G001"),  # new, on damage
               Found("f", 200, 204, "G001"),  # new, elsewhere
               Found("g", 30, 31, "G001"),  # old
               Found("g", 31, 35, "G002")]  # new (another code), elsewhere
    new = new_findings(damaged, clean, MANIFEST)
    assert [(f.path, f.offset) for f in new] == [("f", 111), ("f", 200), ("g", 31)]
    prec = precision_by_family(new, MANIFEST)
    assert (prec["G"].new, prec["G"].on_damage) == (3, 1)
    assert prec["G"].value == pytest.approx(1 / 3)
    by_code = precision_by_family(new, MANIFEST, key=lambda f: f.code)
    assert (by_code["G001"].new, by_code["G001"].on_damage) == (2, 1)


def _reviewed_run(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("He said the the plan was ready. It was was.\n")
    review = tmp_path / "review.tsv"
    review.write_text("# code\tpath\tflagged\tverdict\tnote\n"
                      "G001\tnews/a.txt\tthe the\tgenuine\tslip\n"
                      "R001\tnews/a.txt\tthe plan\tfalse\tparallel\n")
    run = LintRun([Found("news/a.txt", 8, 15, "G001"),  # 'the the': genuine
                   Found("news/a.txt", 12, 20, "R001"),  # 'the plan': false
                   Found("news/a.txt", 35, 42, "G001")],  # 'was was': not reviewed
                  words=20_000, files=1, chars=45)
    return run, load_review(str(review))


def test_review_matches_rule_file_and_flagged_text(tmp_path):
    run, review = _reviewed_run(tmp_path)
    assert verdicts(run, str(tmp_path), review) == ["genuine", "false", "unreviewed"]
    # the same text flagged by another rule is not covered by the verdict
    other = LintRun([Found("news/a.txt", 8, 15, "R001")], 10, 1, 45)
    assert verdicts(other, str(tmp_path), review) == ["unreviewed"]


def test_false_positive_rate_counts_false_and_unreviewed_findings(tmp_path):
    run, review = _reviewed_run(tmp_path)
    judged = verdicts(run, str(tmp_path), review)
    text = clean_tables(run, {"G": "garbled", "R": "repetition"}, judged)
    assert "3 findings (1.50 per 10k words): 1 genuine slips" in text
    assert "False positives (false + not reviewed): 2 = 1.00 per 10k words" in text
    assert "| G001 doubled-word | 2 | 1.00 | 1 | 1 | 0.50 |" in text
    listed = top_false_positives(run, str(tmp_path), 10, judged)
    assert "(unreviewed)" in listed and "(false)" in listed and "»the the«" not in listed


def test_review_file_entries_are_well_formed():
    review = load_review(REVIEW_FILE)
    assert len(review) >= 100
    assert {v for v in review.values()} <= {"genuine", "false"}
    assert all(code[:1] in "EFGNQR" and path.endswith(".txt") and flagged
               for code, path, flagged in review)


def test_a_bad_verdict_is_an_error(tmp_path):
    bad = tmp_path / "r.tsv"
    bad.write_text("G001\tnews/a.txt\tthe the\tmaybe\tx\n")
    with pytest.raises(ValueError, match="genuine or false"):
        load_review(str(bad))


def test_title_case_damages_noun_phrases_only():
    text = ("Headline here\n\nResidents said the water supply failed twice. They asked for "
            "the night ferry. He watched the middle gives nadal hope. She took a stroke during "
            "rehearsals.\n")
    found = [text[c[0].start:c[0].end]
             for c in dm.DAMAGE["title-case"].fn(text, random.Random(1), _ctx(text))]
    assert found == ["night ferry"]  # ends the phrase; the others run on or are no phrase


def test_repeated_clause_copies_whole_words_and_whole_names():
    text = ("Headline here\n\nThe studio said profits reached $17m profit growth in the quarter "
            "after David Carradine and Natalie Wood signed long contracts with the studio.\n")
    copied = set()
    for seed in range(60):
        for (edit,) in dm.DAMAGE["repeated-clause"].fn(text, random.Random(seed), _ctx(text)):
            (a, b), = edit.related
            copied.add((a, b))
    assert copied, "no candidate spot"
    for a, b in copied:
        assert not text[a - 1].isalnum(), text[a:b]  # not `m profit` out of `$17m profit`
        assert not text[a:b].endswith(("David", "Natalie")), text[a:b]
        assert not text[a:b].startswith(("Carradine", "Wood")), text[a:b]


def test_cost_table_shares_and_rest():
    from bench.speed import cost_table

    text = cost_table(2_000_000, [("N001", 0.5), ("R001", 0.3), ("read", 0.1), ("E004", 0.1)],
                      top=2)
    assert "1.00 s in all = 2.00 MB/s single-threaded" in text
    assert "| N001 | 0.500 | 50% | 4 |" in text
    assert "| 2 others | 0.200 | 20% | |" in text


def test_speed_table_shows_the_engine_floor():
    from bench.speed import speed_table

    r = {"files": 10, "bytes": 1_000_000, "mtlint_seconds": 0.5, "mtlint_mb_s": 2.0,
         "mtlint_files_s": 20.0, "mtlint_peak_mb": 90.0, "floor_seconds": 0.1,
         "floor_mb_s": 10.0, "one_file_seconds": 0.2}
    text = speed_table(r)
    assert "| engine alone: one trivial rule (E004), MB/s | 10.00 (0.10 s) |" in text
    assert "| throughput (MB/s) | 2.00 | ≥ 5 | **no** |" in text


def test_timed_runs_are_cold_and_the_warm_row_is_shown():
    from bench.speed import mtlint_cmd, speed_table

    assert "--no-cache" in mtlint_cmd(["news"])
    warm = mtlint_cmd(["news"], cache_dir="/tmp/c")
    assert "--no-cache" not in warm and warm[warm.index("--cache-dir") + 1] == "/tmp/c"
    r = {"files": 10, "bytes": 1_000_000, "mtlint_seconds": 2.0, "mtlint_mb_s": 0.5,
         "mtlint_files_s": 5.0, "mtlint_peak_mb": 90.0, "one_file_seconds": 0.2,
         "warm_seconds": 0.25}
    assert "| warm cache (unchanged files), wall time (s) | 0.25 (8.0× faster than cold) |" \
        in speed_table(r)


def test_instruction_count_is_read_from_callgrind_output():
    from bench.speed import parse_collected

    err = "==4021== Events    : Ir\n==4021== Collected : 2532538968\n==4021==\n"
    assert parse_collected(err) == 2_532_538_968
    assert parse_collected("==1== Collected : 1,234\n") == 1234
    assert parse_collected("valgrind: no such tool\n") is None


def test_instruction_workload_lints_every_nth_file(tmp_path, monkeypatch):
    import lint.readers
    from bench import speed

    for i in range(7):
        (tmp_path / f"{i}.txt").write_text("The the council met on Monday.\n")
    seen = []
    real = lint.readers.read_document

    def recording(path, source, fmt=None):
        seen.append(path.rsplit("/", 1)[-1])
        return real(path, source, fmt)

    monkeypatch.setattr(lint.readers, "read_document", recording)
    speed.run_sample([str(tmp_path)], 3)
    assert seen == ["0.txt", "3.txt", "6.txt"]
