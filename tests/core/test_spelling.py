"""English (UK) and (US) spell checking: the British rules, the automatic choice, suggestions."""

from __future__ import annotations

import locale
from pathlib import Path

import pytest

from editor.core.text.british import american_forms, british_forms
from editor.core.text.spelling import (
    AUTOMATIC,
    UK,
    US,
    Speller,
    locale_language,
    match_case,
    spelling_counts,
)

# What a British writer types, and what the (American) dictionary has.
BRITISH = {
    "stabilises": "stabilizes", "catalyse": "catalyze", "colour": "color",
    "centre": "center", "behaviour": "behavior", "analyse": "analyze",
    "organisation": "organization", "programmes": "programs", "licence": "license",
    "defence": "defense", "offences": "offenses", "travelled": "traveled",
    "modelling": "modeling", "counsellor": "counselor", "marvellous": "marvelous",
    "fuelled": "fueled", "catalogue": "catalog", "dialogues": "dialogs",
    "anaemia": "anemia", "paediatric": "pediatric", "oestrogen": "estrogen",
    "foetus": "fetus", "aluminium": "aluminum", "jewellery": "jewelry",
    "sceptical": "skeptical", "fulfilment": "fulfillment", "kilometres": "kilometers",
    "theatre": "theater", "centred": "centered", "centring": "centering",
    "discoloured": "discolored", "unfavourable": "unfavorable", "favourite": "favorite",
    "neighbourhood": "neighborhood", "paralysing": "paralyzing", "realised": "realized",
}


@pytest.fixture(scope="module")
def speller(tmp_path_factory: pytest.TempPathFactory) -> Speller:
    words = tmp_path_factory.mktemp("config") / "words.txt"
    loaded = Speller(words, language=US, locale_name="C")
    loaded.load()
    return loaded


@pytest.fixture
def uk(speller: Speller):
    speller.set_language(UK)
    yield speller
    speller.set_language(US)


@pytest.mark.parametrize(("gb", "us"), sorted(BRITISH.items()))
def test_rules_give_the_american_spelling(gb: str, us: str) -> None:
    assert us in american_forms(gb)


def test_rules_combine_in_one_word() -> None:
    assert "maneuvering" in american_forms("manoeuvring")
    assert "outmaneuvered" in american_forms("outmanoeuvred")
    assert "maneuver" in american_forms("manoeuvre")


@pytest.mark.parametrize("typo", ["aftre", "doctour", "fourm", "labouratory", "humourous",
                                  "parametre", "failled", "sise", "capsise", "clustre",
                                  "thaem", "affaect", "raemind", "consolling", "smilling"])
def test_rules_do_not_excuse_typos(speller: Speller, typo: str) -> None:
    known = speller._words.__contains__
    assert not any(known(us) for us in american_forms(typo, known))


@pytest.mark.parametrize(("us", "gb", "foreign"), [
    ("color", "colour", True), ("center", "centre", True), ("analyze", "analyse", True),
    ("traveled", "travelled", True), ("defense", "defence", True),
    ("aluminum", "aluminium", True), ("realize", "realise", False),
    ("program", "programme", False), ("license", "licence", False),
    ("meter", "metre", False), ("catalog", "catalogue", False),
    ("vaporized", "vaporised", False),  # no u: "vapourised" is not British either
])
def test_british_forms_of_american_words(speller: Speller, us: str, gb: str,
                                         foreign: bool) -> None:
    assert (gb, foreign) in british_forms(us, speller._words.__contains__)


@pytest.mark.parametrize("word", ["laboratory", "colorado", "evaporate", "parameter",
                                  "cluster", "smiling", "failed", "compiled", "size",
                                  "consoling", "paroled", "perilous", "frivolous",
                                  "fulfilling", "enrolled", "collaborate", "diameter",
                                  "paralleled", "humoral"])
def test_words_spelled_alike_have_no_british_form(speller: Speller, word: str) -> None:
    assert british_forms(word, speller._words.__contains__) == []


def test_uk_accepts_british_spellings_that_us_marks(speller: Speller, uk: Speller) -> None:
    words = [*BRITISH, "practise", "grey", "realise"]
    assert [w for w in words if not uk.is_correct(w)] == []
    speller.set_language(US)
    marked = [w for w in BRITISH if not speller.is_correct(w)]
    assert {"colour", "centre", "stabilises", "organisation", "behaviour"} <= set(marked)
    assert speller.is_correct("color") and speller.is_correct("center")


def test_uk_marks_american_only_forms(uk: Speller) -> None:
    assert [w for w in ("color", "Center", "analyzed", "traveled", "defense", "color's") if
            uk.is_correct(w)] == []
    assert uk.is_correct("colour's") and uk.is_correct("it's")
    # Oxford spelling, and words British English has in another sense, stay unmarked
    assert all(uk.is_correct(w) for w in ("realize", "program", "license", "practice",
                                          "meter", "check", "laboratory"))


def test_typos_stay_marked_in_both(speller: Speller) -> None:
    for language in (UK, US):
        speller.set_language(language)
        assert not speller.is_correct("aftre") and not speller.is_correct("peple")
    speller.set_language(US)


def test_personal_words_are_correct_in_both(tmp_path: Path, speller: Speller) -> None:
    own = Speller(tmp_path / "words.txt", language=UK)
    own._checker, own._words = speller._checker, speller._words  # the loaded dictionary
    own.add_word("Koodiyattom")
    assert own.is_correct("koodiyattom")
    own.set_language(US)
    assert own.is_correct("Koodiyattom")


def test_suggestions_keep_capitals(speller: Speller) -> None:
    assert speller.suggestions("Teh")[0] == "The"
    assert speller.suggestions("RECIEVE")[0] == "RECEIVE"
    assert speller.suggestions("peple")[0] == "people"
    assert match_case("Colr", "colour") == "Colour"
    assert match_case("a", "I") == "I"


def test_uk_suggests_british_forms_first(uk: Speller) -> None:
    assert uk.suggestions("colr")[0] == "colour"
    assert "color" not in uk.suggestions("colr")
    assert uk.suggestions("Colr")[0] == "Colour"
    assert uk.suggestions("behavour")[0] == "behaviour"
    assert uk.suggestions("centr")[0] == "centre"
    assert uk.suggestions("analise")[0] == "analyse"
    assert uk.suggestions("color") == ["colour"]


def test_us_suggestions_are_as_before(speller: Speller) -> None:
    assert "color" in speller.suggestions("colr")
    assert "colour" not in speller.suggestions("colr")


BRITISH_TEXT = "The colour of the centre stabilises as the enzyme catalyses it; we analyse it."
AMERICAN_TEXT = "The color of the center stabilizes as the enzyme catalyzes it; we analyze it."


def test_detection_counts_distinctive_spellings(speller: Speller) -> None:
    known = speller._words.__contains__
    assert spelling_counts([BRITISH_TEXT], known) == (5, 0)
    assert spelling_counts([AMERICAN_TEXT], known) == (0, 5)


def test_detection_falls_back_to_the_locale_then_us(tmp_path: Path) -> None:
    for name, language in [("en_GB.UTF-8", UK), ("English_United Kingdom", UK), ("en_AU", UK),
                           ("de_DE.UTF-8", US), ("", US)]:
        auto = Speller(tmp_path / "words.txt", language=AUTOMATIC, locale_name=name)
        assert auto.language == language, name  # no spelling seen yet: the locale decides


def test_a_tie_goes_to_the_locale_and_spellings_outweigh_it(tmp_path: Path) -> None:
    auto = Speller(tmp_path / "words.txt", language=AUTOMATIC, locale_name="en_GB")
    auto.observe_many([BRITISH_TEXT, AMERICAN_TEXT])  # counted on load: 5 to 5
    auto.load()
    assert auto.language == UK  # a tie is no evidence either way
    assert auto.observe("We analyze the color.")  # now mostly American
    assert auto.language == US


def test_locale_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(locale, "getlocale", lambda *_a: (None, None))
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert locale_language() == UK
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert locale_language() == US
    monkeypatch.setattr(locale, "getlocale", lambda *_a: ("en_GB", "UTF-8"))
    assert locale_language() == UK


def test_automatic_follows_the_articles_observed(tmp_path: Path, speller: Speller) -> None:
    auto = Speller(tmp_path / "words.txt", language=AUTOMATIC, locale_name="en_US")
    assert auto.language == US  # before any text: the locale
    auto.observe(BRITISH_TEXT)  # seen before the dictionary loads: counted on load
    auto.load()
    assert auto.language == UK and auto.is_correct("colour")
    assert not auto.observe(BRITISH_TEXT)  # the same text is counted once
    assert auto.set_language(US) and not auto.is_correct("colour")
    assert auto.set_language(AUTOMATIC) and auto.language == UK
    assert auto.observe(AMERICAN_TEXT + " " + AMERICAN_TEXT)  # now mostly American
    assert auto.language == US
    assert auto.set_language("fr_FR") is False and auto.setting == AUTOMATIC


def test_vapour_keeps_no_u_before_ise() -> None:
    assert british_forms("vaporized") == [("vaporised", False)]
