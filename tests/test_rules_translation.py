"""Translation QA (family T): each check on a (source, target) pair, positives and traps."""

import json

import pytest

from lint.registry import all_rules
from lint.translation import check_pairs, check_pairs_messages
from lint.translation.align import align
from lint.translation.anchors import chinese_numeral, normalise_link
from lint.translation.bitext import file_bitext, to_hits
from lint.translation.blocks import markdown_blocks
from lint.translation.pairs import Mapping


def codes(source, target, select=None):
    return [(code, target[a:b]) for _, code, a, b in check_pairs([(source, target)],
                                                                 select=select)]


@pytest.mark.parametrize("source, target, expected", [
    ("默认值为 50，最大值是 4", "The default value is 500, the max value is 4", [("T020", "500")]),
    ("共 1.2万 人参加", "12,000 people took part", []),
    ("第3名", "came 3rd", []),
    ("2023年3月5日发布", "Released on March 5, 2023", []),
    ("三个场景", "3 scenarios", []),
    ("下午3点开始", "It starts at 15:00", []),
    ("增长了百分之五十", "grew by 50%", []),
    ("1200万人", "12 million people", []),
    ("占 ５０％", "50% of it", []),
    ("预估的400万至600万人次", "estimates of 4 to 6 million visitors", []),  # a shared scale
    ("默认值为 50", "The default value is fifty", []),  # a word: matched, never reported
    ("去年增长 5%", "grew last year", []),  # a number dropped alone is not a change
    # a version glued to a product name is a number too
    ("在 java 8 和 java11 中", "in java 8 and java 12", [("T020", "12")]),
    ("在 java 8 和 java11 中", "in java 8 and java 11", []),
    ("md5 和 utf8", "MD5 and UTF-8", []),  # short names keep their digits
    # the source's 第一 is the target's `first`, not the `1` that replaced `0`
    ("第一个文件包括 0~5 秒的结果", "the first file holds the results of 1~5 seconds",
     [("T020", "1")]),
    ("第一个文件包括 1~5 秒的结果", "the first file holds the results of 1~5 seconds", []),
    ("第一个文件", "file 1", []),  # a word against a digit still matches
])
def test_number_mismatch(source, target, expected):
    assert codes(source, target, ["T020"]) == expected


@pytest.mark.parametrize("source, target, expected", [
    ("通过`--classLoaderClass`指定", "set it with `--classloaderclass`",
     [("T002", "--classloaderclass")]),
    ("使用 `-x 2` 参数", "use the `-x 3` option", [("T002", "-x 3")]),
    ("通过`jobs`查看任务状态将会变为 Stopped", "`jobs` shows `Stopped`", []),
    ("用`java -jar`的方式启动", "start it with `java`", []),
    ("按`ctrl+c`中断", "press `Ctrl+C` to abort", []),
    ("指定`返回值`", "the `return value`", []),  # source-script code: a translated term
])
def test_inline_code(source, target, expected):
    assert codes(source, target, ["T002"]) == expected


@pytest.mark.parametrize("source, target, expected", [
    ("已删除 %d 个文件", "Deleted %s files", [("T003", "%s")]),
    ("你好，{name}！", "Hello, {user}!", [("T003", "{user}")]),
    ("{{count}} 条消息", "{{count}} messages", []),
    ("点击<0>这里</0>", "Click <0>here</0>", []),
    ("%s 个文件", "files", [("T003", "files")]),  # a lost placeholder in a segment
    ("{count, plural, one {# 个} other {# 个}}", "{count, plural, one {# file} other {# files}}",
     []),
])
def test_placeholders(source, target, expected):
    assert codes(source, target, ["T003"]) == expected


@pytest.mark.parametrize("source, target, expected", [
    ("参考[快速入门](quick-start.md)", "See [Quick Start](quick-stat.md)",
     [("T005", "quick-stat.md")]),
    ("见[文档](https://k8s.io/zh-cn/docs/a/)", "see [docs](https://k8s.io/docs/a/)", []),
    ("[教程](https://x.com/t.html?language=cn&id=w)", "[tutorial](https://x.com/t.html?language=en&id=w)",
     []),
    ("见[jad](/doc/jad.md)", "see [jad](/en/doc/jad.md)", []),
    # a page in the source's language, replaced by one in the target's
    ("[介绍](https://ehlxr.me/Linux-%E4%B8%AD-fg)", "[intro](http://man7.org/jobs.1p.html)", []),
])
def test_links(source, target, expected):
    assert codes(source, target, ["T005"]) == expected


@pytest.mark.parametrize("source, target, expected", [
    ("启动 Demo 服务", "Start the 启动 Demo", [("T030", "启动")]),
    ("指定线程", "interrupt 指定线程", [("T030", "指定线程")]),
    ("函数的概念", "the concept of 函数 (function)", []),  # glossed term
    ("函数的概念", "the 函 of it", []),  # one character
    ("它是一个函数", "It is a 方法", []),  # CJK the source lacks: the monolingual rule's
    ("保存", "", [("T031", "")]),
])
def test_untranslated_and_empty(source, target, expected):
    assert codes(source, target, ["T030", "T031"]) == expected


@pytest.mark.parametrize("source, target, expected", [
    ("在 JProfiler 等收费软件中", "commercial software like JProfile", [("T040", "JProfile")]),
    ("使用 Arthas 诊断", "Diagnose with arthas", []),  # case only
    ("集成 Spring Boot Starter", "When it is started, spring starts", []),  # a common word
    ("查看 JVM 的线程", "show the threads", []),  # a dropped name is not reported
])
def test_names(source, target, expected):
    assert codes(source, target, ["T040"]) == expected


def test_glossary():
    got = list(check_pairs([("类加载器的 hash", "the loader hash"),
                            ("类加载器的 hash", "the class loader hash")],
                           select=["T041"], glossary=[("类加载器", "class loader")]))
    assert [(i, c) for i, c, _, _ in got] == [(0, "T041")]


ZH = """# watch

::: tip
观察函数
:::

## 参数

1. 启动 `math-game`
2. 执行 `watch demo.MathGame primeFactors -x 2`
3. 查看结果

```bash
# 启动
$ watch demo.MathGame primeFactors -x 2
Affect(class count: 1 , method count: 1) cost in 32 ms
```

| 参数 | 说明 |
| --- | --- |
| -x | 深度 |
| -n | 次数 |
"""

EN = """# watch

::: tip
Watch methods
:::

## Parameters

1. Start `math-game`
3. Run `watch demo.MathGame primeFactors -x 2`
3. Check the result

```bash
# start it
$ watch demo.MathGame primeFactors -x 3
Affect(class count: 1, method count: 1) cost in 35 ms
```

| Name | Meaning |
| --- | --- |
| -x | depth |
"""


def test_markdown_pair_alignment_and_checks():
    bt = file_bitext("zh/watch.md", ZH, EN, "markdown")
    kinds = [(p.source.kind, p.target.kind) for p in bt.pairs]
    assert ("code", "code") in kinds and ("heading", "heading") in kinds
    assert all(s == t for s, t in kinds)
    found = []
    for code, r in all_rules().items():
        check = getattr(r.check, "unit_check", None)
        if check and r.default:
            found += [(code, EN[h.offset:h.end_offset]) for h in to_hits(bt, check(bt))]
    assert ("T001", "$ watch demo.MathGame primeFactors -x 3") in found
    assert ("T010", "3") in found  # the second item renumbered
    assert any(code == "T012" for code, _ in found)  # a table row lost
    # the comment was translated and the timing differs in output only: not reported
    assert not any("start it" in text or "Affect" in text for _, text in found)


def test_finding_names_source_and_carries_related():
    bt = file_bitext("zh/watch.md", ZH, EN, "markdown")
    from rules.translation.markup import check_code_blocks

    (hit,) = to_hits(bt, check_code_blocks(bt))
    assert "zh/watch.md:15" in hit.message
    assert hit.related[0]["path"] == "zh/watch.md" and hit.related[0]["line"] == 15


def test_unaligned_blocks_are_not_reported():
    # the source's paragraph became a list: the structure differs and the blocks share no
    # anchors, so they are not paired and their numbers are not compared
    zh = "# 标题\n\n默认值为 50。\n"
    en = "# Title\n\n- The default value is 500.\n- The maximum is 7.\n"
    bt = file_bitext("zh.md", zh, en, "markdown")
    from rules.translation.numbers import check_numbers

    assert [p.target.kind for p in bt.pairs] == ["heading"]
    assert list(check_numbers(bt)) == []


def test_blocks_cut_containers_and_lists():
    blocks = markdown_blocks("::: tip\n提示\n:::\n\n1. a\n2. b\n")
    assert [b.kind for b in blocks] == ["container", "paragraph", "container", "list_item",
                                        "list_item"]
    assert [b.meta.get("number") for b in blocks[3:]] == [1, 2]
    assert align(blocks, blocks)[0].how == "structure"


def test_helpers():
    assert chinese_numeral("一百零五") == 105 and chinese_numeral("三千万") == 30_000_000
    assert chinese_numeral("两亿") == 200_000_000 and chinese_numeral("的") is None
    assert normalise_link("/zh/doc/a.md", True) == normalise_link("/en/doc/a.md", True)
    assert normalise_link("/zh/doc/a.md", False) != normalise_link("/en/doc/a.md", False)


def test_mapping_patterns():
    m = Mapping("docs/zh/{path}", "docs/en/{path}")
    assert m.source_for("docs/en/a/b/c.md") == "docs/zh/a/b/c.md"
    assert m.source_for("docs/fr/a.md") is None
    m = Mapping("content/{name}.zh.md", "content/{name}.en.md")
    assert m.source_for("content/intro.en.md") == "content/intro.zh.md"
    assert m.is_source("content/intro.zh.md")


def test_messages_name_the_source():
    ((_, code, _, _, message),) = check_pairs_messages([("默认值为 50", "default 500")],
                                                      select=["T020"])
    assert code == "T020" and "'50'" in message


def test_cli_source_dir_json_and_sarif(tmp_path, capsys):
    from lint.cli import main

    (tmp_path / "zh").mkdir()
    (tmp_path / "en").mkdir()
    (tmp_path / "zh" / "a.md").write_text("默认值为 50。\n", encoding="utf-8")
    (tmp_path / "en" / "a.md").write_text("The default value is 500.\n", encoding="utf-8")
    (tmp_path / "en" / "b.md").write_text("No source for this one.\n", encoding="utf-8")
    args = ["check", str(tmp_path / "en"), "--source", str(tmp_path / "zh"), "--select", "T",
            "--no-cache"]
    assert main([*args, "--format", "json"]) == 1
    out, err = capsys.readouterr()
    (finding,) = json.loads(out)["findings"]
    assert finding["code"] == "T020" and finding["related"][0]["line"] == 1
    assert "without a source" in err
    assert main([*args, "--format", "sarif"]) == 1
    sarif = json.loads(capsys.readouterr()[0])
    result = sarif["runs"][0]["results"][0]
    assert result["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_explain_every_t_rule():
    from lint.ruledocs import explain_text

    t_rules = [r for c, r in all_rules().items() if c.startswith("T")]
    assert len(t_rules) >= 10
    for r in t_rules:
        assert "Leaves alone" in explain_text(r)


PO = '''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "已删除 %d 个文件"
msgstr "Deleted %s files"

msgid "默认值为 50"
msgstr ""
"The default value "
"is \\"500\\""

#, fuzzy
msgid "保存"
msgstr "Saved 7"

msgid "打开"
msgstr ""
'''

XLIFF = '''<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="zh" target-language="en" datatype="plaintext" original="a">
  <body>
   <trans-unit id="1"><source>默认值为 50 &amp; 更多</source>
    <target>The default &amp; 500</target></trans-unit>
   <trans-unit id="2"><source>点击<x id="1"/>这里</source><target>Click here</target></trans-unit>
   <trans-unit id="3" translate="no"><source>共 3 个</source><target>4</target></trans-unit>
  </body>
 </file>
</xliff>
'''

TMX = '''<?xml version="1.0"?>
<tmx version="1.4"><header srclang="zh" datatype="plaintext" segtype="sentence" adminlang="en"
 creationtool="x" creationtoolversion="1" o-tmf="x"/>
<body><tu tuid="1"><tuv xml:lang="zh"><seg>默认值为 50</seg></tuv>
<tuv xml:lang="en"><seg>The default is 60</seg></tuv></tu></body></tmx>
'''

XLIFF2 = '''<?xml version="1.0"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="zh" trgLang="en">
 <file id="f1"><unit id="u1"><segment><source>共 3 个</source><target>4 in all</target>
 </segment></unit></file>
</xliff>
'''


def _lint_file(name, text):
    from lint.config import Config
    from lint.runner import Job, build_plan, run

    plan = build_plan(Config(), select=["T"])
    return run([Job(name, None, text)], plan, workers=1).findings


@pytest.mark.parametrize("name, text, expected", [
    # positions are those of the target text inside the file; fuzzy entries are skipped
    ("a.po", PO, [("T003", 6, 17, "%s"), ("T020", 11, 7, "500"), ("T031", 18, 9, "")]),
    ("a.xlf", XLIFF, [("T020", 6, 31, "500"), ("T004", 7, 63, "Click here")]),
    ("b.xliff", XLIFF2, [("T020", 3, 69, "4")]),
    ("c.tmx", TMX, [("T020", 5, 40, "60")]),
])
def test_bilingual_files(name, text, expected):
    got = [(f.code, f.line, f.column, text[f.offset:f.end_offset])
           for f in _lint_file(name, text)]
    assert sorted(got) == sorted(expected)


def test_bilingual_targets_get_monolingual_rules_and_xxe_is_not_resolved():
    from lint.translation.bilingual import read

    doc = read("a.po", PO)
    assert [s.text for s in doc.segments][:2] == ["Deleted %s files", 'The default value is "500"']
    evil = ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
            '<xliff version="1.2"><file><body><trans-unit id="1"><source>a &e;</source>'
            '<target>b</target></trans-unit></body></file></xliff>')
    doc = read("e.xlf", evil)
    assert "root:" not in doc.translation.source


def test_faithful_repetition():
    from lint.config import Config
    from lint.readers import read_document
    from lint.runner import build_plan, lint_document
    from lint.translation.faithful import source_repeats
    from lint.translation.pairs import AttachedSource

    assert source_repeats("参数 a 表示类名表达式，参数 b 也表示类名表达式。")
    assert not source_repeats("参数 a 表示类名表达式，参数 b 表示方法名。")
    target = ("The bridge will reopen to traffic in May next year. The bridge will reopen to "
              "traffic in May next year.\n")
    plan = build_plan(Config(), select=["R002"])
    for source, kept in [("大桥明年五月重新通车。大桥明年五月重新通车。\n", 0),
                         ("大桥明年五月重新通车。\n", 1)]:
        doc = read_document("en/a.md", target)
        doc.translation = AttachedSource("zh/a.md", source, "zh", True, ())
        found = lint_document(doc, plan).findings
        assert len(found) == kept
        assert all("source does not repeat" in f.message for f in found)


def test_list_sequence_break_without_a_source_list():
    from rules.translation.structure import check_list_numbering

    zh = "# 用法\n\n记录调用 `tt -t a`。\n\n检索调用 `tt -l`。\n\n重做调用 `tt -p`。\n"
    for en, expected in [("# Usage\n\n1. `tt -t a`\n2. `tt -l`\n3. `tt -p`\n", []),
                         ("# Usage\n\n1. `tt -t a`\n3. `tt -l`\n3. `tt -p`\n", ["3"]),
                         ("# Usage\n\n1. `tt -t a`\n1. `tt -l`\n1. `tt -p`\n", [])]:  # lazy
        bt = file_bitext("zh.md", zh, en, "markdown")
        got = [en[a:b] for a, b, _, _ in check_list_numbering(bt)]
        assert got == expected
        if got:
            assert en.index("3. `tt -l`") == next(iter(check_list_numbering(bt)))[0]


def test_html_pair():
    zh = ('<h1>标题</h1>\n<p>默认值为 50，见<a href="/zh/a.html">文档</a>。</p>\n'
          '<pre>$ watch -x 2</pre>\n')
    en = ('<h1>Title</h1>\n<p>The default is 60, see <a href="/en/b.html">docs</a>.</p>\n'
          '<pre>$ watch -x 3</pre>\n')
    bt = file_bitext("zh/a.html", zh, en, "html")
    found = []
    for code, r in all_rules().items():
        check = getattr(r.check, "unit_check", None)
        if check and r.default:
            found += [(code, en[h.offset:h.end_offset]) for h in to_hits(bt, check(bt))]
    assert sorted(found) == [("T001", "$ watch -x 3"), ("T005", "/en/b.html"), ("T020", "60")]


def test_malformed_bilingual_file_is_one_error():
    from lint.config import Config
    from lint.runner import Job, build_plan, run

    result = run([Job("bad.xlf", None, "<xliff><file>")], build_plan(Config()), workers=1)
    assert result.findings == [] and "cannot read as a translation file" in result.errors[0]
