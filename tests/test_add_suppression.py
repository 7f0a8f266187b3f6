"""--add-suppression ends flagged lines with a mtlint-disable-line comment (Markdown, HTML
and plain text); the next run is clean and every comment is used."""

import pytest

from lint.readers import read_document
from lint.suppress import Suppressions


def write(path, data):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        fh.write(data)


def read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


CASES = {
    "a.md": ("# Title\n\nThe minister said the the plan\nwas ready (AFP) today, it said.\n",
             "# Title\n\nThe minister said the the plan <!-- mtlint-disable-line G001 -->\n"
             "was ready (AFP) today, it said.\n"),
    "a.txt": ("Title line\n\nThe minister said the the plan was ready.\r\n"
              "And and what it is.\r\n",
              "Title line\n\nThe minister said the the plan was ready. "
              "<!-- mtlint-disable-line G001 -->\r\n"
              "And and what it is. <!-- mtlint-disable-line G001 -->\r\n"),
    "a.html": ("<p>The minister said the the plan\nwas ready.</p>\n",
               "<p>The minister said the the plan <!-- mtlint-disable-line G001 -->\n"
               "was ready.</p>\n"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_comments_added_and_the_next_run_is_clean(run_cli, name):
    before, expected = CASES[name]
    write(name, before)
    code, out, err = run_cli("check", name, "--add-suppression", "--select", "G001")
    assert code == 0 and out == ""
    assert read(name) == expected
    code, out, _ = run_cli("check", name, "--select", "G001,M001", "--format", "text")
    assert code == 0, out


def test_markdown_hard_break_stays_at_the_end(run_cli):
    write("a.md", "The minister said the the plan\\\nwas ready.\n")
    run_cli("check", "a.md", "--add-suppression", "--select", "G001")
    assert read("a.md") == ("The minister said the the plan "
                            "<!-- mtlint-disable-line G001 -->\\\nwas ready.\n")
    assert run_cli("check", "a.md", "--select", "G001,M001")[0] == 0


def test_an_existing_comment_gets_the_new_code(run_cli):
    write("a.txt", "It is, the the end (AFP) <!-- mtlint-disable-line F004 -->\n")
    run_cli("check", "a.txt", "--add-suppression", "--select", "G001,F004")
    assert read("a.txt").endswith("(AFP) <!-- mtlint-disable-line F004,G001 -->\n")
    assert run_cli("check", "a.txt", "--select", "G001,F004,M001")[0] == 0


def test_a_line_ending_inside_a_tag_is_left_alone(run_cli):
    source = '<p>The minister said the the plan <a\nhref="x">link</a>.</p>\n'
    write("a.html", source)
    code, _, err = run_cli("check", "a.html", "--add-suppression", "--select", "G001")
    assert code == 2 and "cannot add suppressions safely" in err
    assert read("a.html") == source


def test_plain_text_comment_is_a_directive_not_prose():
    source = ("Intro.\n\n<!-- mtlint-disable-next-line G001 -->\nIt is is so.\n"
              "And and again. <!-- mtlint-disable-line G001 -->\n")
    doc = read_document("a.txt", source)
    assert [d.kind for d in doc.directives] == ["disable-next-line", "disable-line"]
    assert all("mtlint" not in seg.text and "<!--" not in seg.text for seg in doc.segments)
    sup = Suppressions.from_document(doc)
    assert sup.suppresses("G001", source.index("is is"))
    assert sup.suppresses("G001", source.index("And and"))
    assert not sup.suppresses("G001", source.index("Intro"))
    # Other comments in plain text are prose as before.
    assert "<!-- a note -->" in read_document("b.txt", "Text <!-- a note --> here.\n") \
        .segments[0].text
