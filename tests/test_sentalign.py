"""Sentence matching inside aligned blocks: dropped (T052) and added (T053) sentences."""

from lint.translation import check_pairs
from lint.translation.sentalign import sentences, unmatched

SRC = ("默认情况下，`logger` 命令只列出带有 appender 的 logger。"
       "要列出没有 appender 的 logger，请加上 `--include-no-appender` 参数。"
       "输出结果按 classloader 分组显示。")
FULL = ("By default, the `logger` command only prints the loggers that have an appender. "
        "To see the loggers without an appender, add the `--include-no-appender` option. "
        "The output is grouped by classloader.")


def found(source, target, code):
    return [target[a:b] for _, c, a, b in check_pairs([(source, target)], select=[code])]


def test_sentences_skip_full_stops_in_code_and_count_prose():
    got = sentences("运行 `a.sh` 脚本。再看 [文档](x.md)！完成", cjk=True)
    assert len(got) == 3 and got[0].keys == {"a.sh"} and got[1].keys == {"x.md"}
    en = sentences("Run `a.sh` now. Then stop.", cjk=False, target=True)
    assert [s.length for s in en] == [7, 9]  # "Runnow." and "Thenstop."


def test_dropped_sentence_found():
    target = FULL.replace("To see the loggers without an appender, add the "
                          "`--include-no-appender` option. ", "")
    assert found(SRC, target, "T052") == [target]


def test_complete_translation_is_left_alone():
    assert found(SRC, FULL, "T052") == []
    assert found(SRC, FULL, "T053") == []


def test_two_source_sentences_joined_are_left_alone():
    joined = ("By default, the `logger` command only prints the loggers that have an appender; "
              "to see the loggers without an appender, add the `--include-no-appender` option, "
              "and the output is grouped by classloader.")
    assert found(SRC, joined, "T052") == []


def test_one_source_sentence_split_is_left_alone():
    src = ("要列出没有 appender 的 logger，请加上 `--include-no-appender` 参数，"
           "输出结果按 classloader 分组显示。")
    tgt = ("To see the loggers without an appender, add the `--include-no-appender` option. "
           "The output is then grouped by classloader.")
    assert found(src, tgt, "T053") == []
    assert found(src, tgt, "T052") == []


NEWS_SRC = "公司去年的收入增长了百分之十二。新工厂将于明年投产。"
NEWS = ("The company's revenue grew by 12 percent last year. The new factory will start "
        "production next year.")


def test_added_sentence_found():
    added = ("Analysts in London and New York now expect the share price to double within the "
             "next three months, according to several reports.")
    target = NEWS + " " + added
    assert found(NEWS_SRC, target, "T053") == [added]
    assert found(NEWS_SRC, NEWS, "T053") == []


def test_dropped_and_added_in_one_block_say_nothing():
    src = sentences(SRC, cjk=True)
    tgt = sentences("Completely different words that share nothing with the source at all, "
                    "written at length to look like a sentence. More unrelated text follows.",
                    cjk=False, target=True)
    got = unmatched(src, tgt, ratio=2.2, src_script="cjk")
    assert len({u.side for u in got}) <= 1


# -- T030 on Latin-script sources (lingua, optional) -------------------------------------------
DE = ("Starten Sie zuerst den Server. Dann öffnen Sie die Konfigurationsdatei und ändern Sie "
      "den Port.")


def _t030(source, target, language="de"):
    return [target[a:b] for _, c, a, b in check_pairs([(source, target)], select=["T030"],
                                                      source_language=language)]


def test_untranslated_latin_source_sentence():
    import pytest

    pytest.importorskip("lingua")
    target = ("Start the server first. Dann öffnen Sie die Konfigurationsdatei und ändern "
              "Sie den Port.")
    got = _t030(DE, target)
    assert len(got) == 1 and got[0].startswith("Dann öffnen Sie die Konfigurationsdatei")
    # the source language is found by lingua when it is not configured
    assert len(_t030(DE, target, language="")) == 1


def test_latin_source_translated_or_quoting_is_left_alone():
    import pytest

    pytest.importorskip("lingua")
    done = "Start the server first. Then open the configuration file and change the port."
    assert _t030(DE, done) == []
    # German the source does not have: a quotation, not text left untranslated
    quoted = ("Start the server first. As the saying goes, Ordnung muss sein und das ist auch "
              "gut so. Then change the port.")
    assert _t030(DE, quoted) == []


def test_paragraph_split_in_two_is_not_a_dropped_sentence():
    from lint.translation.bitext import file_bitext
    from rules.translation.omission import check_sentences

    zh = ("# 标题\n\n现在，可以使用 `signal` 参数来配置用于分析的信号，以避免冲突。\n"
          "可参考 [async-profiler Issues](https://github.com/a/b/issues/759) 了解更多信息。\n")
    split = ("# Title\n\nYou can now use the `signal` parameter to configure the signal used "
             "for profiling to avoid conflicts.\n\nSee [async-profiler Issues]"
             "(https://github.com/a/b/issues/759) for more information.\n")
    assert list(check_sentences(file_bitext("zh.md", zh, split, "markdown"))) == []
    dropped = split.split("\n\nSee")[0] + "\n"
    got = list(check_sentences(file_bitext("zh.md", zh, dropped, "markdown")))
    assert len(got) == 1 and "可参考" in got[0][2]


def test_a_sentence_alone_with_a_source_anchor_is_not_added():
    from lint.translation.sentalign import _best, _shared

    src_text = ("`--loaderName` 的值是类加载器的名字，只有唯一匹配一个实例时才生效，"
                "这样便于写通用的命令，而`-c <hashcode>`每次启动都不同。")
    tgt_text = ("The value of `--loaderName` is the name of the class loader. It only takes "
                "effect when exactly one instance matches. This makes generic commands easier "
                "to write. However, `-c <hashcode>` changes with every start.")
    src = sentences(src_text, cjk=True)
    tgt = sentences(tgt_text, cjk=False, target=True)
    # one source sentence split in four: the best matching leaves the first one out...
    _, beads = _best(src, tgt, 2.2, 0.3, _shared(src, tgt, tgt_text.lower()), True, True)
    assert beads[0] == (0, 0, 0, 1)
    # ...but it alone carries `--loaderName`, so it translates the source: not added
    assert unmatched(src, tgt, ratio=2.2, src_script="cjk", target_text=tgt_text.lower()) == []
