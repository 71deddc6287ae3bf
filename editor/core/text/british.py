"""British spellings worked out from the American ones in pyspellchecker's English dictionary.

pyspellchecker ships one English dictionary, built from mostly American text: "color",
"center" and "analyze" are in it, "colour", "centre" and "analyse" are not. British English is
derived here by the well-known regular correspondences, each limited to the word families it
really covers so that a typo is not waved through (a bare "-tre" for "-ter" rule would accept
"aftre"; "-our" for "-or" would accept "doctour" and turn "laboratory" into "labouratory"):

- -ise, -isation, -iser for -ize, -ization, -izer (stems of three letters or more; never the
  "size" and "seize" families);
- -yse for -yze (analyse, paralyse, catalyse);
- -our for -or, in the families that have it (colour, behaviour, honour, neighbour ...);
- -re for -er (centre, theatre, fibre, litre, metre ...);
- -ogue for -og (catalogue, dialogue, analogue);
- -ence for -ense (defence, offence, pretence, licence);
- a doubled l before -ed, -ing, -er, -or, -est when the base word ends in an unstressed
  vowel and l (travelled, modelling, counsellor, cruellest; not consoling or smiling), and a
  single l in fulfil, enrol, skilful;
- ae and oe in the Greek and Latin medical and scientific words (anaemia, paediatric,
  oestrogen, foetus, manoeuvre), mostly only where a word begins;
- a short list of words that follow no rule (aluminium, jewellery, sceptical, mould, grey ...).

``american_forms(word)`` gives the American spellings a British word may stand for (the
speller accepts the word when one of them is in the dictionary); ``british_forms(word)`` gives
the British spellings of an American word, with whether the American form is foreign to
British English (so English (UK) marks "color" but not "realize", which Oxford spelling uses,
nor "program", "license" or "practice", which British English has in other senses).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

#: Whether a word is in the (American) dictionary; rules that need it are skipped without.
Known = Callable[[str], bool] | None

#: British -our stems (their American form drops the u), with the endings they take.
OUR_WORDS = (
    "arbour", "ardour", "armour", "behaviour", "candour", "clamour", "colour", "demeanour",
    "endeavour", "favour", "fervour", "flavour", "glamour", "harbour", "honour", "humour",
    "labour", "neighbour", "odour", "parlour", "rancour", "rigour", "rumour", "saviour", "savour",
    "splendour", "succour", "tumour", "valour", "vapour", "vigour",
)
OUR_ENDINGS = (
    "", "s", "ed", "ing", "ings", "er", "ers", "ful", "fully", "fulness", "less", "able",
    "ably", "ite", "ites", "itism", "y", "ies", "hood", "hoods", "ly", "al", "ally", "ist",
    "ists", "ism", "ation", "ations", "isms",
)
#: Prefixes that may stand before an -our word (discolour, unfavourable, misbehaviour).
OUR_PREFIXES = ("", "dis", "un", "mis", "water", "multi", "off", "de", "re", "over", "out")

#: British -re words: the stem before "re" (centr|e, theatr|e), with the prefixes they take.
RE_STEMS = {
    "cent": ("", "epi", "re", "off", "de"),
    "theat": ("", "amphi"),
    "fib": ("", "micro"),
    "lit": ("", "milli", "centi", "deci", "kilo", "micro"),
    "met": ("", "milli", "centi", "deci", "kilo", "micro", "nano"),
    "spect": ("",), "somb": ("",), "calib": ("",), "lust": ("",), "meag": ("",),
    "sab": ("",), "mit": ("",), "goit": ("",), "reconnoit": ("",), "louv": ("",),
    "och": ("",), "sepulch": ("",), "accout": ("",), "manoeuv": ("", "out"),
}
#: British ending after "tr"/"br"... -> American ending after "ter"/"ber"...
RE_ENDINGS = {"e": "", "es": "s", "ed": "ed", "ing": "ing"}
#: American forms that British English also uses in another sense (a gas meter).
RE_SHARED = {"met"}

ENCE_WORDS = {"defence": True, "offence": True, "pretence": True, "licence": False}
ENCE_ENDINGS = ("", "s", "less")

OGUE_STEMS = ("catal", "dial", "anal", "monol", "prol", "epil", "travel", "demag", "pedag",
              "synag", "homol", "ideol")

#: British beginnings with ae/oe and their American spelling ("haem" only begins words:
#: anywhere, it would excuse "thaem" for "them").
AE_OE_START = (
    ("haem", "hem"), ("paed", "ped"), ("oestr", "estr"), ("oesoph", "esoph"),
    ("foet", "fet"), ("anaesth", "anesth"), ("oedem", "edem"), ("coeli", "celi"),
    ("faec", "fec"), ("gynaec", "gynec"), ("palaeo", "paleo"), ("mediaev", "mediev"),
    ("archaeo", "archeo"), ("aeon", "eon"), ("amoeb", "ameb"), ("homoeo", "homeo"),
    ("aetiol", "etiol"), ("caesi", "cesi"), ("oenol", "enol"), ("aesthe", "esthe"),
    ("encyclopaed", "encycloped"), ("orthopaed", "orthoped"),
)
#: ... and the ones found anywhere: leukaemia, diarrhoea, outmanoeuvre.
AE_OE_ANYWHERE = (("rrhoe", "rrhe"), ("manoeuv", "maneuv"))
_AEMIA = re.compile(r"(?<=[^aeiou])aemi(?=a|c)")  # anaemia, anaemic; not "raemind"

#: Words that follow no rule: British stem, American stem, American foreign to British.
IRREGULAR = (
    ("aluminium", "aluminum", True), ("jewellery", "jewelry", True),
    ("sceptic", "skeptic", True), ("mould", "mold", True), ("moult", "molt", True),
    ("smoulder", "smolder", True), ("moustache", "mustache", True),
    ("pyjama", "pajama", True), ("plough", "plow", True),
    ("manoeuvre", "maneuver", True), ("manoeuvred", "maneuvered", True),
    ("manoeuvring", "maneuvering", True),
    ("grey", "gray", False), ("tyre", "tire", False), ("cheque", "check", False),
    ("programme", "program", False), ("kerb", "curb", False), ("draught", "draft", False),
    ("storey", "story", False), ("artefact", "artifact", False), ("ageing", "aging", False),
    ("judgement", "judgment", False), ("acknowledgement", "acknowledgment", False),
    ("speciality", "specialty", False), ("sulphur", "sulfur", False), ("cosy", "cozy", True),
    ("cosier", "cozier", True), ("cosiest", "coziest", True), ("cosily", "cozily", True),
    ("aeroplane", "airplane", False), ("tonne", "ton", False), ("yoghurt", "yogurt", False),
    ("omelette", "omelet", False), ("carburettor", "carburetor", True),
    ("fulfil", "fulfill", True), ("fulfilment", "fulfillment", True),
    ("enrol", "enroll", True), ("enrolment", "enrollment", True),
    ("instil", "instill", True), ("distil", "distill", False), ("enthral", "enthrall", True),
    ("skilful", "skillful", True), ("wilful", "willful", True),
    ("instalment", "installment", True), ("appal", "appall", False),
    ("marvellous", "marvelous", True), ("marvellously", "marvelously", True),
)
IRREGULAR_ENDINGS = ("", "s", "es", "ed", "ing", "ly", "ness", "al", "ism", "ists", "ist",
                     "ments", "y", "ish", "er", "ers")

_ISE = re.compile(
    r"^(?P<stem>[a-z]{3,})is(?P<end>e|ed|es|er|ers|ing|ation|ations|ational|able|ably"
    r"|ability|ement|ements)$"
)
_IZE = re.compile(_ISE.pattern.replace(")is(", ")iz("))
_YSE = re.compile(r"^(?P<stem>[a-z]+)lys(?P<end>e|ed|es|er|ers|ing)$")
_YZE = re.compile(r"^(?P<stem>[a-z]+)lyz(?P<end>e|ed|es|er|ers|ing)$")
_OGUE = re.compile(r"^(?P<stem>[a-z]+)ogu(?P<end>e|es|ed|ing)$")
_OG = re.compile(r"^(?P<stem>[a-z]+)og(?P<end>|s|ed|ing)$")
_LL = re.compile(r"^(?P<base>[a-z]*[aeiou])ll(?P<end>ed|ing|er|ers|or|ors|est)$")
_L = re.compile(r"^(?P<base>[a-z]*[aeiou])l(?P<end>ed|ing|er|ers|or|ors|est)$")
_OGUE_US = {"e": "", "es": "s", "ed": "ed", "ing": "ing"}
_VOWELS = set("aeiou")
#: Words ending in a vowel and l that keep one l in British English too (paralleled).
_L_SAME = ("parallel", "loyal", "lateral", "portal", "sepal")
#: American words with an "or" family's letters that British English spells the same.
_OR_SAME = frozenset(("humoral", "humorally"))


def _ize_stem_ok(stem: str) -> bool:
    word = stem + "ize"
    return not (word.endswith("size") or word.endswith("seize") or stem[-1] in _VOWELS)


def _l_base_ok(base: str, known: Known) -> bool:
    """A base like "trave" (travel), "mode" (model), "fue" (fuel) whose word ends in a
    vowel and l; "smi" (smile, smiling) and "fai" (fail) are not."""
    if len(base) >= 2 and base[-2:] in ("ue", "ia"):
        ok = True
    else:
        ok = len(base) >= 3 and base[-2] not in _VOWELS
    if not ok or (base + "l").endswith(_L_SAME):
        return False
    # the base word is known, and is not one with a silent e (console, consoling)
    return known is None or (known(base + "l") and not known(base + "le"))


def _alt(items: Iterable[str]) -> str:
    """A regex alternation of ``items``, longest first (so "cosier" wins over "cosy")."""
    return "|".join(re.escape(i) for i in sorted(set(items), key=len, reverse=True))


_OUR_GB = re.compile(
    rf"(?P<pre>{_alt(OUR_PREFIXES)})(?P<stem>{_alt(OUR_WORDS)})(?P<end>{_alt(OUR_ENDINGS)})"
)
_OUR_US = re.compile(_OUR_GB.pattern.replace(_alt(OUR_WORDS),
                                             _alt(w[:-2] + "r" for w in OUR_WORDS)))
_RE_HEADS = {prefix + stem: stem for stem, prefixes in RE_STEMS.items() for prefix in prefixes}
_RE_GB = re.compile(rf"(?P<head>{_alt(_RE_HEADS)})r(?P<end>e|es|ed|ing)")
_RE_US = re.compile(rf"(?P<head>{_alt(_RE_HEADS)})er(?P<end>|s|ed|ing)")
_RE_TO_GB = {us: gb for gb, us in RE_ENDINGS.items()}
_ENCE_GB = re.compile(rf"(?P<word>{_alt(ENCE_WORDS)})(?P<end>{_alt(ENCE_ENDINGS)})")
_ENCE_US = re.compile(_ENCE_GB.pattern.replace(_alt(ENCE_WORDS),
                                               _alt(w[:-2] + "se" for w in ENCE_WORDS)))
_IRREGULAR = {True: {gb: (us, f) for gb, us, f in IRREGULAR},
              False: {us: (gb, f) for gb, us, f in IRREGULAR}}
_IRREGULAR_RE = {
    side: re.compile(rf"(?P<word>{_alt(table)})(?P<end>{_alt(IRREGULAR_ENDINGS)})")
    for side, table in _IRREGULAR.items()
}


def _our(word: str, british: bool) -> Iterator[tuple[str, bool]]:
    if word in _OR_SAME:
        return
    if m := (_OUR_GB if british else _OUR_US).fullmatch(word):
        stem = m["stem"]
        swap = stem[:-2] + "r" if british else stem[:-1] + "ur"
        yield m["pre"] + swap + m["end"], True


def _re(word: str, british: bool) -> Iterator[tuple[str, bool]]:
    if m := (_RE_GB if british else _RE_US).fullmatch(word):
        head = m["head"]
        foreign = _RE_HEADS[head] not in RE_SHARED
        if british:
            yield f"{head}er{RE_ENDINGS[m['end']]}", foreign
        else:
            yield f"{head}r{_RE_TO_GB[m['end']]}", foreign


def _ence(word: str, british: bool) -> Iterator[tuple[str, bool]]:
    if m := (_ENCE_GB if british else _ENCE_US).fullmatch(word):
        stem = m["word"]
        gb = stem if british else stem[:-2] + "ce"
        yield (gb[:-2] + "se" if british else gb) + m["end"], ENCE_WORDS[gb]


def _irregular(word: str, british: bool) -> Iterator[tuple[str, bool]]:
    if m := _IRREGULAR_RE[british].fullmatch(word):
        src, end = m["word"], m["end"]
        dst, foreign = _IRREGULAR[british][src]
        # "programme" + "ed" is no word, and "fulfil" + "ing" is "fulfilling" on both sides
        if not (end[:1] in _VOWELS and (src[-1] in "el" or dst[-1] in "el")):
            yield dst + end, foreign


def american_forms(word: str, known: Known = None) -> set[str]:
    """American spellings that the British ``word`` (lower case) may be; empty if none."""
    found: set[str] = set()
    for us, _foreign in _transforms(word, True, known):
        found.add(us)
    # two rules in one word: colourise, manoeuvring, analysed ...
    for first in list(found):
        for us, _foreign in _transforms(first, True, known):
            found.add(us)
    found.discard(word)
    return found


def british_forms(word: str, known: Known = None) -> list[tuple[str, bool]]:
    """(British spelling, whether ``word`` is foreign to British English) for an American
    ``word`` (lower case); empty when it is spelled the same on both sides."""
    seen: dict[str, bool] = {}
    for gb, foreign in _transforms(word, False, known):
        seen[gb] = seen.get(gb, False) or foreign
    for first, foreign in list(seen.items()):
        for gb, more in _transforms(first, False, known):
            seen.setdefault(gb, foreign or more)
    seen.pop(word, None)
    return list(seen.items())


#: What every word some rule applies to contains; most words have none and skip the rules.
_HINT = {
    True: re.compile(r"our|r(?:e|es|ed|ing)$|is|lys|ogu|ence|ll|ae|oe"),
    False: re.compile(r"or|er(?:s|ed|ing)?$|iz|lyz|og(?:s|ed|ing)?$|ense|l(?:ed|ing|er|ers|or"
                      r"|ors|ous|est)$"),
}
_IRREGULAR_STARTS = {side: tuple(table) for side, table in _IRREGULAR.items()}


def _transforms(word: str, british: bool, known: Known) -> Iterator[tuple[str, bool]]:
    """Each rule applied once: British -> American when ``british``, else the reverse."""
    if not _HINT[british].search(word) and not word.startswith(_IRREGULAR_STARTS[british]):
        return
    yield from _our(word, british)
    yield from _re(word, british)
    yield from _simple(word, british, known)
    yield from _ence(word, british)
    yield from _irregular(word, british)
    yield from _fragments(word, british)


def _simple(word: str, british: bool, known: Known) -> Iterator[tuple[str, bool]]:
    if british:
        if (m := _ISE.match(word)) and _ize_stem_ok(m["stem"]):
            yield f"{m['stem']}iz{m['end']}", False
        if m := _YSE.match(word):
            yield f"{m['stem']}lyz{m['end']}", True
        if (m := _OGUE.match(word)) and m["stem"].endswith(OGUE_STEMS):
            yield f"{m['stem']}og{_OGUE_US[m['end']]}", False
        if (m := _LL.match(word)) and _l_base_ok(m["base"], known):
            yield f"{m['base']}l{m['end']}", True
    else:
        if (m := _IZE.match(word)) and _ize_stem_ok(m["stem"]):
            yield f"{m['stem']}is{m['end']}", False
        if m := _YZE.match(word):
            yield f"{m['stem']}lys{m['end']}", True
        if (m := _OG.match(word)) and m["stem"] in OGUE_STEMS:
            end = {v: k for k, v in _OGUE_US.items()}[m["end"]]
            yield f"{m['stem']}ogu{end}", False
        if (m := _L.match(word)) and _l_base_ok(m["base"], known):
            yield f"{m['base']}ll{m['end']}", True


def _fragments(word: str, british: bool) -> Iterator[tuple[str, bool]]:
    if not british or ("ae" not in word and "oe" not in word):
        return  # "hem", "ped" and "fet" are in too many American words to be turned back
    for gb, us in AE_OE_START:
        if word.startswith(gb):
            yield us + word[len(gb):], False
    for gb, us in AE_OE_ANYWHERE:
        if gb in word:
            yield word.replace(gb, us), False
    if len(word) >= 7 and _AEMIA.search(word):
        yield _AEMIA.sub("emi", word), False


def spelling_side(word: str, known: Callable[[str], bool]) -> int:
    """+1 when ``word`` (lower case) is spelled the British way, -1 when the American way
    (color, center, analyze, traveled, and -ize, which British sites mostly write -ise),
    0 when both sides spell it so."""
    if any(known(us) for us in american_forms(word, known)):
        return 1
    if not known(word):
        return 0
    forms = british_forms(word, known)
    if any(foreign for _gb, foreign in forms) or (forms and _IZE.match(word)):
        return -1
    return 0
