"""Leaked page furniture (F001-F006): each case a text and the spans expected, traps beside."""

import pytest
from rulecases import spans

from lint.readers.text import read
from rules import furniture

BODY = "The council will vote on the new budget plan in May, officials said.\n"


@pytest.mark.parametrize("source, expected", [
    (BODY + "Get the day's top headlines delivered to your inbox. Subscribe now\n",
     ["Get the day's top headlines delivered to your inbox. Subscribe now"]),
    (BODY + "Sign up for our free weekly newsletter\n", ["Sign up for our free weekly newsletter"]),
    (BODY + "Click here to read more\n", ["Click here to read more"]),
    ("The vote is in May. Subscribe to our newsletter for more stories.",
     ["Subscribe to our newsletter for more stories."]),
    (BODY + "Want more stories like this? Download our app\n",
     ["Want more stories like this? Download our app"]),
    # traps
    ("The firm's newsletter, which has 3,000 subscribers, is sent every Friday.", []),
    ("Readers who sign up for the newsletter get a weekly digest, the editor said.", []),
    ('"Subscribe now," the advert said, and thousands did.', []),
    ("Next, read the manual.", []),
    # found by the whole-document precheck in any segment, after a bullet or a sentence end
    ("The vote is in May.\n\nIt ends in June. Sign up for our daily newsletter",
     ["Sign up for our daily newsletter"]),
    (BODY + "» Click here to read more\n", ["Click here to read more"]),
    ("Like many others, she never signed up.\n\nGet well soon, he said.", []),
])
def test_newsletter_prompt(source, expected):
    assert spans(furniture.newsletter_prompt, source) == expected


@pytest.mark.parametrize("source, expected", [
    (BODY + "Read Next: Five things to know about the strike\n",
     ["Read Next: Five things to know about the strike"]),
    (BODY + "\nRELATED: Markets rally after rate cut\n", ["RELATED: Markets rally after rate cut"]),
    (BODY + "Also read: Why the pound fell\n", ["Also read: Why the pound fell"]),
    (BODY + "More on this story\n", ["More on this story"]),
    (BODY + "See also » Council budget row deepens\n", ["See also » Council budget row deepens"]),
    # traps
    ("Next, read the manual.", []),
    ("Related\n\nThe two cases are related, the judge said.", []),
    ("We read more books than ever, the survey found.", []),
    (BODY + "See also: the rules in chapter five, which set out how the panel chooses its "
     "members and how long they serve before elections are held again\n", []),
])
def test_read_next_line(source, expected):
    assert spans(furniture.read_next_line, source) == expected


def test_read_next_repeating_the_heading_says_so():
    source = "Markets rally after rate cut\n\n" + BODY + "Read Next: Markets rally after rate cut\n"
    doc = read("t.txt", source)
    (hit,) = furniture.read_next_line(doc)
    assert "repeating the document's heading" in hit.message


@pytest.mark.parametrize("source, expected", [
    (BODY + "Advertisement\n" + BODY, ["Advertisement"]),
    (BODY + "\nADVERTISEMENT\n\n" + BODY, ["ADVERTISEMENT"]),
    (BODY + "- Advertisement -\n", ["Advertisement"]),
    (BODY + "Story continues below advertisement\n", ["Story continues below advertisement"]),
    (BODY + "Sponsored content\n", ["Sponsored content"]),
    # traps
    ("The advertisement ran for a week in May.", []),
    (BODY + "Advertisement revenue fell by a third\n", []),
])
def test_advertisement_line(source, expected):
    assert spans(furniture.advertisement_line, source) == expected


def test_advertisement_fix_deletes_the_line():
    source = BODY + "Advertisement\n" + BODY
    doc = read("t.txt", source)
    (hit,) = furniture.advertisement_line(doc)
    fix = hit.fix
    assert source[:fix.offset] + fix.replacement + source[fix.end_offset:] == BODY + BODY


@pytest.mark.parametrize("source, expected", [
    ("Protesters marched through the capital on Sunday. (AFP)", ["(AFP)"]),
    ("Protesters marched through the capital on Sunday (Reuters)", ["(Reuters)"]),
    ("The president waves to supporters. (AP Photo/Jane Doe)", ["(AP Photo/Jane Doe)"]),
    ("Rescuers search the rubble (Photo: EPA)", ["(Photo: EPA)"]),
    ("The new square was packed (Source: City Hall/Flickr)", ["(Source: City Hall/Flickr)"]),
    (BODY + "Photo: Getty Images\n", ["Photo: Getty Images"]),
    (BODY + "Getty Images\n", ["Getty Images"]),
    (BODY + "AFP/Getty Images\n", ["AFP/Getty Images"]),
    (BODY + "Image caption The minister arrives in Kyiv\n",
     ["Image caption The minister arrives in Kyiv"]),
    # blanks around a credit line do not count towards its length
    (BODY + "  AFP/Getty Images\t\n", ["AFP/Getty Images"]),
    (BODY + "\t Jane Doe/AFP via Getty Images" + " " * 70 + "\n",
     ["Jane Doe/AFP via Getty Images"]),
    # traps
    ("The International Monetary Fund (IMF) cut its forecast.", []),
    ("Allies met in Brussels (NATO) on Monday to discuss the plan.", []),
    ("Editors follow the style guide (AP Stylebook) closely.", []),
    ("The rule came from the Environmental Protection Agency (EPA)", []),
    ("Reporting by the news agency Agence France-Presse (AFP)", []),
    ("LONDON (Reuters) - Shares fell sharply on Monday.", []),
    ("Growth slowed to 2% last year (Source: World Bank)", []),
    ("The picture shows the minister (left) with her deputy.", []),
])
def test_photo_credit(source, expected):
    assert spans(furniture.photo_credit, source) == expected


@pytest.mark.parametrize("source, expected", [
    ("Markets rally\npublished 2023-04-02 09:14\n" + BODY, ["published 2023-04-02 09:14"]),
    (BODY + "By Staff Writer | Updated 3h ago\n", ["By Staff Writer | Updated 3h ago"]),
    (BODY + "Last updated: 3 April 2023, 09:14 GMT\n", ["Last updated: 3 April 2023, 09:14 GMT"]),
    (BODY + "5 min read\n", ["5 min read"]),
    (BODY + "By Jane Doe, April 2, 2023 at 9:14am\n", ["By Jane Doe, April 2, 2023 at 9:14am"]),
    # traps
    ("The law was published on 2 April 2023 at 09:14, officials said.", []),
    (BODY + "Updated rules apply from 1 May\n", []),
    (BODY + "12 March 2005\n", []),
    (BODY + "By Jane Doe\n", []),
])
def test_metadata_line(source, expected):
    assert spans(furniture.metadata_line, source) == expected


@pytest.mark.parametrize("source, expected", [
    (BODY + "Share this article\n", ["Share this article"]),
    (BODY + "Share on Facebook Twitter WhatsApp\n", ["Share on Facebook Twitter WhatsApp"]),
    (BODY + "Copy link\n", ["Copy link"]),
    (BODY + "Facebook | Twitter | Email\n", ["Facebook | Twitter | Email"]),
    # traps
    (BODY + "Share your views with us\n", []),
    (BODY + "Twitter and Facebook removed the posts\n", []),
    ("Email\n\n" + BODY, []),
])
def test_share_widget(source, expected):
    assert spans(furniture.share_widget, source) == expected


def test_phrase_regex_treats_apostrophes_hyphens_and_wildcards_alike():
    import regex

    pattern = regex.compile(furniture.phrase_regex("furniture_cta"), regex.IGNORECASE)
    assert pattern.match("Get the day’s top headlines")
    assert pattern.match("sign up for our free daily newsletter")
    assert pattern.match("Newsletter signup")
    assert not pattern.match("Subscribers now number 3,000")  # whole words only


def test_line_rules_after_bullets_and_beside_rst_underlines():
    """The line rules find a slug after blanks, bullets and dashes in a segment of several
    lines (their one-scan prefilter must see every line start), and a long line of dashes
    (an RST underline, a rule) is read in linear time, flagging nothing."""
    rule = "-" * 400
    source = (f"Installation\n{rule}\n  » Read more: Markets rally after rate cut\n"
              f"  -- Advertisement --\n  Share on Facebook Twitter\n{rule}\n\n" + BODY)
    assert spans(furniture.read_next_line, source) == ["Read more: Markets rally after rate cut"]
    assert spans(furniture.advertisement_line, source) == ["Advertisement"]
    assert spans(furniture.share_widget, source) == ["Share on Facebook Twitter"]
    assert spans(furniture.newsletter_prompt, rule + "\n" + BODY) == []
