"""Garbled fragments (G001-G006): each case is a line of prose and the spans expected."""

import pytest
from rulecases import spans

import rules.garbled as g
from lint.readers.markdown import read as read_md
from lint.readers.text import read


@pytest.mark.parametrize("text, expected", [
    ("The minister said the the plan would be ready.", ["the the"]),
    ("It fell to to the floor and The the rest.", ["to to", "The the"]),
    ("The committee said that that the plan failed.", ["that that"]),
    # traps
    ("He said that that was wrong and she had had enough.", []),
    ("What it is is a mess, bye bye, it was really really good.", []),
    ("They played Duran Duran in Bora Bora.", []),
    ("He said the, the other one.", []),
    # whole-document prechecks: punctuation around the pair, a line break, non-ASCII letters
    ('He wrote “the the plan” and it was the the, best.', ["the the", "the the"]),
    ("The plan\nto\nto the end.", ["to\nto"]),
    ("They met at the café café on Monday.", ["café café"]),
    ("It was a naïve naïve plan.", ["naïve naïve"]),
    ("The plan, the plan and the £5 fee.", []),
])
def test_doubled_word(text, expected):
    assert spans(g.doubled_word, text) == expected


def test_doubled_word_fix_removes_second_word():
    text = "The the plan failed."
    (hit,) = list(g.doubled_word(read("t.txt", text)))
    fixed = text[:hit.fix.offset] + hit.fix.replacement + text[hit.fix.end_offset:]
    assert fixed == "The plan failed."


@pytest.mark.parametrize("text, expected", [
    ("There was a shortage the heatAnd the water supply failed.", ["heatAnd"]),
    ("The wells ran dry in the WaterAnd the town waited.", ["WaterAnd"]),
    ("We discussed theplan with the board.", ["theplan"]),
    ("It is the end ofthe road.", ["ofthe"]),
    ("At the end of the roadand the river.", ["roadand"]),
    ("The firm hasAgreed to a deal that willmean cuts forThe staff.",
     ["hasAgreed", "willmean", "forThe"]),
    ("Shares fell andHave not recovered, a plan forFreezing prices was notYet agreed.",
     ["andHave", "forFreezing", "notYet"]),
    # traps: brands, names, identifiers, units, compounds the lexicon knows
    ("He bought an iPhone and iTunes on eBay with JavaScript on YouTube.", []),
    ("McDonald, MacArthur, DiCaprio, LaGuardia, O'Neill, a PhD, PlayStation, DreamWorks.", []),
    ("Call getElementById, useState, forEach, andThen, orElse, logIn or setUp.", []),
    ("Use notNull, orDefault, forAll, notImplemented or isEmpty.", []),
    ("A 5000 mAh battery uses 3 kWh; NaCl is salt; the 21st and 3rd places.", []),
    ("Check the inbox, another login and the beermaker; they outjumped the sickout.", []),
    ("We use newtypes in Rust.", []),
    ("Open file.theplan or see heatAnd.txt and @heatAnd.", []),
    # one scan per document, findings in the segments that hold them
    ("The plan failed.\n\nWe discussed theplan again.\n\nThe heatAnd the cold.",
     ["theplan", "heatAnd"]),
])
def test_glued_words(text, expected):
    assert spans(g.glued_words, text) == expected


def test_glued_words_suggests_split():
    (hit,) = list(g.glued_words(read("t.txt", "the heatAnd the water.")))
    assert hit.suggestions == ["heat and", "heat. And"] and hit.fix is None
    # a pronoun or article glued on is more likely a lost full stop than a joined phrase
    (hit,) = list(g.glued_words(read("t.txt", "They closed the old waterThey will build more.")))
    assert hit.suggestions == ["water. They", "water they"]


@pytest.mark.parametrize("text, expected", [
    ("The results arrive in March They will show the effect.", ["They"]),
    ("The analyst was done The dispute went on.", ["The"]),
    ("She was a favourite client She never complained.", ["She"]),
    # traps
    ('He said "They will come" and left.', []),
    ("It was over, i.e. They are done.", []),
    ("World War I was long and Vitamin A is good; Plan A failed.", []),
    ("They flew to The Hague and saw They Might Be Giants.", []),
    ("The song You Can Do It was played and the show Faking It ended.", []),
    ("Two options: They are listed below.", []),
    ("If module A is inside module B, then one from A again; grade A pupils in Serie A games.", []),
    ("See the section Quitting After a Correct Guess for more.", []),
    ("He had bought a barrel in November A barrel cost more.", ["A"]),
    ("The rain fell\nThey stayed inside.", []),
    # a noun that introduces a title: a title goes on in capitals, a sentence does not
    ("He did not want him to play his game He makes you run all day.", ["He"]),
    ("It was his best-known hit When a Man Loves a Woman that sold.", []),
    # a person's name before the pronoun ends there; a title's capitalised word does not
    ("The case is weak, said Anthony Gooch It could take months.", ["It"]),
    ("Then the show Faking It and the film ended.", []),
])
def test_lost_sentence_boundary(text, expected):
    assert spans(g.lost_sentence_boundary, text) == expected


def test_lost_sentence_boundary_skips_headings():
    # a one-line block without final punctuation is a heading in plain text
    assert spans(g.lost_sentence_boundary, "Results arrive in March They will show") == []


@pytest.mark.parametrize("text, expected", [
    ("The agency told L.N times that the figures were wrong.", ["L.N"]),
    ("It was said by the C.O.N spokesman on Monday.", ["C.O.N"]),
    ("The agency told L.Ntimes that it was.", ["L.Ntimes"]),
    # traps
    ("The U.S. and the U.K. at 9 a.m. and 5 p.m., e.g. this, i.e. that.", []),
    ("J.R.R. Tolkien had a Ph.D. and U.S.-led forces came.", []),
    ("The A.N.C. leader met J.R Tolkien and J.Smith today.", []),
    # an abbreviation people write, but without its final dot before a lower-case word
    ("The U.S spokesman said so.", ["U.S"]),
    ("See Node.js and A.B.C.com for details.", []),
])
def test_mangled_initials(text, expected):
    assert spans(g.mangled_initials, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The gov3rnment met thr0ugh the night.", ["gov3rnment", "thr0ugh"]),
    # traps
    ("An mp3 player, h5n1 flu, co2, i18n, k8s, 4x4, MP3, A380 and the 1990s.", []),
    ("Run ab3cd or see file_gov3rnment and gov3rnment.txt.", []),
    # non-ASCII around and inside the token (the byte-level precheck)
    ("It cost £5bn, said the gov3rnment.", ["gov3rnment"]),
    ("The ca3fé opened.", ["ca3fé"]),
    ("It cost £5bn and €3m in 2020.", []),
])
def test_stray_token(text, expected):
    assert spans(g.stray_token, text) == expected


def test_stray_token_fix():
    text = "The gov3rnment said."
    (hit,) = list(g.stray_token(read("t.txt", text)))
    assert hit.fix.replacement == "government"


@pytest.mark.parametrize("text, expected", [
    ("They closed the Transfer Station, and the transfer station staff went home.",
     ["Transfer Station"]),
    ("Firms expect a Stronger Demand from abroad, although demand at home is flat.",
     ["Stronger Demand"]),
    ("They hope to Reduce Costs soon; costs rose.", ["Reduce Costs"]),
    # traps: names tied by "of"/"and", titles, heads of names, words the document never writes
    # in lower case, runs before a number or a capital, sentence starts, function words
    ("He met the Secretary of State at the Bank of England; the state and the bank agreed.", []),
    ("The fine went to the Securities and Exchange Commission; the exchange said so.", []),
    ("The Prime Minister spoke; the prime minister is a minister.", []),
    ("They sailed the Red Sea and listened to Radio 1; the radio was loud.", []),
    ("Water was short. Water and energy prices rose.", []),
    ("She had a Golden Globe Award nomination; the award was golden.", []),
    ("He saw The Who play, and who cares.", []),
    ("A name recurs: the Crown Court sat, the Crown Court rose, and the court emptied.", []),
    ("It was the New Year party at the Home Office, a new office for the year.", []),
    ('He read "Paths for Referring to an Item in the Module Tree" and the tree of modules.', []),
    # words rarely capitalised in English need no lower-case use in the document
    ("They hope to Take Action soon.", ["Take Action"]),
    ("The firm said the Interest Rates were high.", ["Interest Rates"]),
    # the design's own example: a glued word before the run is still lower case
    ("It was blamed on a shortage the heatAnd the Energy Water supply on the coast.",
     ["Energy Water"]),
    ("The record was set in 2000 by Cast Away with $8.5m.", []),
    ("It was the Main Event of the night.", ["Main Event"]),
    # traps: words often capitalised in English (names are made of them), heads of names,
    # function words, weak evidence
    ("She won a Golden Globe for the role.", []),
    ("They sailed across the Red Sea to Jeddah.", []),
    ("They paid the Home Office on time.", []),
    ("He saw This Love twice and sang Thank You.", []),
    ("He played at the Live Aid concert in July.", []),
    ("It was the Reunion Show of the year.", []),
    # "and" after a lower-case word coordinates common words; a verb after "to" (its -ing
    # form is a frequent word) is no name; "and" after a name, a noun after "to" may be
    ("Mergers are likely as the drug and Healthcare Industries are fragmented.",
     ["Healthcare Industries"]),
    ("It continues to Lower Prices in the face of competition.", ["Lower Prices"]),
    ("All credit to Robbie Williams and Guy Chambers for the song.", []),
    ("Critics decamp to Park City every January.", []),
    # a word the document capitalises elsewhere counts against a finding, not for silence:
    # only the same pair twice is a name for sure
    ("The Budget came in March; he pledged to halve the Budget Deficit as the deficit grew"
     " and the budget shrank.",
     ["Budget Deficit"]),
    # a plural second word counts for a finding (names are mostly singular-headed), not when
    # it heads names
    ("He spoke to the Police Authorities in both countries.", ["Police Authorities"]),
    ("He spoke to the Police Authority in both countries.", []),
    ("She wrote for the Sunday Times and the Daily News.", []),
    # words that open names count as the first word, heads of names as the second; a
    # department after a job title and "of"/"for" is a name
    ("He conquered much of the Known World by the age of 25.", ["Known World"]),
    ("He told the Evening Standard that the World Bank and the Tonight Show agreed.", []),
    ("Andrew Pendleton, head of Trade Policy, said so.", []),
    # names rarely take the indefinite article; awards and trophies often capitalised do
    ("It was a Rival Club that paid, and a Bidding Battle followed.",
     ["Rival Club", "Bidding Battle"]),
    ("She won a Golden Globe, a Grand Slam and a League Cup medal.", []),
    # an adjective (superlative, ordinal, evaluative) opens a phrase, not a name ...
    ("Growth slowed in the Fourth Quarter as demand fell.", ["Fourth Quarter"]),
    ("They are among the Biggest Investors and he felt a Little Sorry.",
     ["Biggest Investors", "Little Sorry"]),
    ("The judges will decide the Overall Winner on Tuesday.", ["Overall Winner"]),
    ("Organisers said the Rising Popularity of films helped.", ["Rising Popularity"]),
    # a superlative the list does not name (its -er form is a frequent word) ...
    ("This event comes in the Hottest Period of the year, they said.", ["Hottest Period"]),
    # ... and no word that merely ends in -est (`forest` -> `forer` is no word)
    ("The trail runs through the Forest Park and the Modest Mouse.", []),
    # ... unless a name head or a number follows it, or it is a title
    ("They were in the Second Division, saw the Fantastic Four and the First Lady.", []),
    ("He wrote a new track for his Greatest Hits album.", []),
    # a name used attributively before a lower-case head noun
    ("She received a Lifetime Achievement award and the Best Actress prize.", []),
    ("The group will set up a new Access Services division.", []),
    ("They are the co-chairmen of Working Title films.", []),
    # documentation capitalises interface elements as their labels read
    ("Change it in the Settings Menu, then press the Save Button.", []),
    ("He joined a Rival Club side in May.", ["Rival Club"]),
    # a place after the run is no tie; "of", "for", "and" + capital are, except after "a"
    ("It was one of the Biggest Investors in Google, and a Cold Spell in Chicago.",
     ["Biggest Investors", "Cold Spell"]),
    ("Fulham lined up a Summer Move for England's captain.", ["Summer Move"]),
    ("He is the Chief Executive of Tesco and the Second Lord of Appeal.", []),
    ("He was a Real Friend and I shall miss him.", ["Real Friend"]),
    # an amount before the determiner; a sentence opening with a phrase, not a title
    ("Profit fell to £5m from £9m a Year Earlier.", ["Year Earlier"]),
    ("In the Fourth Quarter, sales fell.", ["Fourth Quarter"]),
    ('"In the Second Half we had chances," he said.', ["Second Half"]),
    ("Despite the Commission Delivering its verdict, the commission fell.",
     ["Commission Delivering"]),
    # ... a title as the subject (an auxiliary follows), a title after a colon
    ("With the Lights Out was a hit for the band.", []),
    ("She won for Door in the Mountain: New and Collected Poems, 1965-2003.", []),
    ("Securities and Exchange Commission staff met the Bank of England board.", []),
    # before a closing quotation mark: quoted speech (it opens on a lower-case word) is
    # checked, a quoted title (it opens on a capital) is not
    ('She said it was "one of the Biggest Threats" to trade.', ["Biggest Threats"]),
    ("He called it “against the Biggest Investors” and left.", ["Biggest Investors"]),
    ('He recorded "Songs for the Biggest Investors" in May.', []),
    # inside a quotation in Title Case so far: a quoted title, even where it goes on
    ("See “Creating Instances from Other Instances with Struct Update Syntax” here.", []),
    # "of"/"for" + capital is no tie after "to", after an opening adjective or before a
    # person's name; it still is before a name head, a place or a single name
    ("He was appointed to Take Charge of Scotland's match.", ["Take Charge"]),
    ("The box has the First Season of Buck Rogers on it.", ["First Season"]),
    ("They praised the Combined Efforts of Johnnie Walsh; the efforts combined well.",
     ["Combined Efforts"]),
    # ... nor before a word that is no common word (a name, a function word opening a
    # title): the run is scored then; a tie to a common word goes on a name or title
    ("They praised the Combined Efforts of Oxfam; the efforts combined well.",
     ["Combined Efforts"]),
    ("She will star in the Film Adaptation of The Da Vinci Code.", ["Film Adaptation"]),
    ("He is the First Minister of Wales and met the Writers Guild of America board.", []),
    ("They sang Always Look on the Bright Side of Life in the car.", []),
    # a sentence opening on a capitalised word before "a"/"an", unless it opens a title
    ("But a Rival Club stepped in.", ["Rival Club"]),
    ("With a Little Help was their song.", []),
    # after a capitalised word that ends a name: a month, weekday, given name or surname,
    # or a name the document also writes without the run ...
    ("The firm paid in October to Settle Charges over its accounts.", ["Settle Charges"]),
    ("Kovalski lost at home. The team will go to Kovalski in Good Shape.", ["Good Shape"]),
    ("Million Dollar Baby won. Bets put Million Dollar Baby in Second Place.", ["Second Place"]),
    # ... or a quantity after a preposition
    ("Mike has been at Bath for Eight Years and wants to stay.", ["Eight Years"]),
    # ... not a title or a name running on into the run
    ("The team will go to Kovalski in Good Shape.", []),
    ("He read Notes on Falling Leaves; Notes on Falling Leaves is short.", []),
    ("Labels such as Factory and Rough Trade grew; Factory closed.", []),
    ("Her single Gonna Have a Number One charted; Gonna Have is its title.", []),
    ("The Academy of Motion Picture, Arts and Sciences met; the Academy voted.", []),
    ("He won the Guild Award for Best Actor; the Guild Award is new.", []),
])
def test_title_case_mid_sentence(text, expected):
    assert spans(g.title_case_mid_sentence, text) == expected


def test_title_case_mid_sentence_leaves_link_text_alone():
    # the whole text of a Markdown link names the page it links to; the same words in
    # running text are checked
    md = ("See the [Event Loop][] guide; it runs in the [Release Plan](plan.md).\n\n"
          "[Event Loop]: loop.md\n\nThe firm hired a Security Guard for the night.\n")
    doc = read_md("t.md", md)
    assert [md[h.offset:h.end_offset] for h in g.title_case_mid_sentence(doc)] == [
        "Security Guard"]


def _run_g006(files: dict[str, str]) -> dict[str, list[str]]:
    """G006 over a run of files: collect each, reduce, the flagged text per file."""
    rule = g.TitleCaseMidSentence
    items = [(path, rule.collect(read(path, text))) for path, text in files.items()]
    out: dict[str, list[str]] = {path: [] for path in files}
    for path, hit in rule.reduce(items):
        out[path].append(files[path][hit.offset:hit.end_offset])
    return out


def test_title_case_mid_sentence_run_wide_evidence():
    # other files writing the pair in lower case tip a weak case into a finding ...
    files = {"a.txt": "It was the Reunion Tour of the year.",
             **{f"l{i}.txt": "The band played a reunion tour in May." for i in range(3)}}
    assert _run_g006(files)["a.txt"] == ["Reunion Tour"]
    # ... one file alone is not enough
    assert _run_g006({k: files[k] for k in ("a.txt", "l0.txt")})["a.txt"] == []
    # lower-case files count double while no other file writes the pair capitalised
    files["c.txt"] = "They announced the Reunion Tour for the autumn."
    assert _run_g006(files)["a.txt"] == []
    # a pair other files write capitalised is a name: silent everywhere
    files = {"a.txt": "It was the Main Event of the night.",
             "b.txt": "She played in the Main Event at the casino.",
             "c.txt": "He lost in the Main Event again."}
    assert _run_g006(files) == {"a.txt": [], "b.txt": [], "c.txt": []}
    # a single file decides as the one-document check does
    text = "It was the Main Event of the night."
    assert _run_g006({"a.txt": text})["a.txt"] == spans(g.title_case_mid_sentence, text)


def test_title_case_mid_sentence_is_opt_in():
    from lint.registry import find_rule

    assert find_rule("G006").default is False
    assert find_rule("G006").collect is g.TitleCaseMidSentence.collect
    assert find_rule("G003").default is True


def test_glued_words_on_degenerate_tokens():
    # one enormous token, or one with a hump every two letters, is judged once as a whole
    # (neither is two words run together) instead of once per hump or split point
    assert spans(g.glued_words, "x" * 5000) == []
    assert spans(g.glued_words, "aB" * 5000) == []
    assert spans(g.glued_words, "the heatAnd the cold " * 3) == ["heatAnd"] * 3


def test_glued_words_leaves_terms_and_inflections_alone():
    # a term the text keeps using is no accident; one join among them still is
    text = ("A lookaround asserts. Each lookaround is atomic, and a lookaround can nest. "
            "The engine willmean more work.")
    assert spans(g.glued_words, text) == ["willmean"]
    # an inflection of a lexicon word is a word, not `for|matters`
    assert spans(g.glued_words, "It is faster than other linters and formatters.") == []


def test_glued_words_leaves_identifiers_written_in_prose_alone():
    # the same camelCase word in code elsewhere in the document: an identifier
    md = "Set the packageName field.\n\n```js\nconst packageName = 'x';\n```\n"
    doc = read_md("t.md", md)
    assert list(g.glued_words(doc)) == []
    # used again and again in prose: a term of the text
    text = "Read patternMatch first. If patternMatch is null, set patternMatch to the key."
    assert spans(g.glued_words, text) == []
    # a one-off join of two content words in prose is still reported
    assert spans(g.glued_words, "The heat wave left the waterSupply short.") == ["waterSupply"]


def test_g002_leaves_identifiers_written_as_code_or_twice():
    from lint.readers.markdown import read as read_md
    from rules.garbled import glued_words

    def md_spans(source):
        doc = read_md("t.md", source)
        return [source[h.offset:h.end_offset] for h in glued_words(doc)]

    # written as code in the same document
    assert md_spans("Set `statUrl` first.\n\nIf it exists, statUrl is shown.\n") == []
    # the same camelCase join twice: a term, not a dropped space
    assert spans(glued_words, "if exits statUrl, it will also show statUrl.") == []
    # a real join is still found next to code
    assert md_spans("Use `x` here. There was a shortage the heatAnd the water failed.\n") == \
        ["heatAnd"]


def test_g001_title_before_a_name_is_not_doubled():
    from rules.garbled import doubled_word

    assert spans(doubled_word, "He met the air marshal Marshal Tedder in May.") == []
    assert spans(doubled_word, "The minister said the the plan was ready.") == ["the the"]
    assert spans(doubled_word, "She went to to The Hague.") == ["to to"]


def test_g006_leaves_words_written_as_code():
    from lint.readers.markdown import read as read_md

    source = ("Set `Water` in the config.\n\nThere was a shortage and the Energy Water supply "
              "failed; water was rationed and energy prices rose.\n")
    assert list(g.title_case_mid_sentence(read_md("a.md", source))) == []
    plain = source.replace("`Water`", "it")
    assert len(list(g.title_case_mid_sentence(read_md("a.md", plain)))) == 1
