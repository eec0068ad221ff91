"""Word classes told by suffixes, to catch a translation of the wrong kind
of word: encoders put `probabilisme` near `probabilistic`, `autisme` near
`autistic`, `leader` near `leadership`: same root, another part of speech.
A known cognate pattern (`-isme`/`-ism`, `-ique`/`-ic`, `-ité`/`-ity`…)
agrees; two different patterns, or an English word that is the French one
plus a derivational suffix, clash."""

from induce import fold

# (French endings, English endings) of one class; longest first within.
CLASSES = {
    "ism": (("ismes", "isme"), ("isms", "ism")),
    "ist": (("istes", "iste"), ("ists", "ist")),
    "ic": (("iques", "ique"), ("ically", "ical", "ics", "ic")),
    "ity": (("ités", "ité", "tés", "té"), ("ities", "ity", "ty")),
    "tion": (("tions", "tion", "sions", "sion"), ("tions", "tion", "sions", "sion")),
    "agent": (("eurs", "eur", "euses", "euse", "rices", "rice"), ("ers", "er", "ors", "or")),
    "ive": (("ives", "ive", "ifs", "if"), ("ives", "ive")),
    "logy": (("logies", "logie"), ("logies", "logy")),
    "ian": (("iennes", "ienne", "iens", "ien"), ("ians", "ian")),
    "able": (("ables", "able", "ibles", "ible"), ("ables", "able", "ibles", "ible")),
    "ary": (("aires", "aire"), ("aries", "ary")),
    "ous": (("euses", "euse", "eux"), ("ous",)),
    "ment": (("ments", "ment"), ("ments", "ment", "ly")),
    "ize": (("iser", "ise", "isé", "isée", "isés", "isées"), ("izes", "ize", "ises", "ise", "ized", "ised")),
    "ory": (("oires", "oire"), ("ories", "ory")),
    "ed": (("ées", "és", "ée", "é"), ("ed",)),
    "y": (("ies", "ie"), ("ies", "y")),
    "ly": ((), ("ly",)),
    "ship": ((), ("ships", "ship", "ness", "hood")),
}
DERIVATIONAL = ("ship", "ness", "hood", "ly", "ment", "al", "ity", "ism", "ist", "ic", "ical", "ation", "ive", "ous", "ize", "ise", "ate", "ary", "ory")


def classes(word, side):
    found = set()
    for name, endings in CLASSES.items():
        if any(word.endswith(e) for e in endings[side]):
            found.add(name)
    return found


# Past the stem two words share: a French inflection against an English
# derivation (`hibernent`/`hibernation`, `enrichi`/`enrichment`,
# `nations`/`national`), or a French derivation against an English verb form
# (`promulgation`/`promulgate`, `développement`/`develop`). Left out: `-y`
# (`agence`/`agency` is a cognate pattern), `-ous` and `-ic`
# (`consanguins`/`consanguineous`, `arabes`/`arabic`: adjectives alike).
FR_INFLECTED = ("aient", "ient", "ions", "iez", "ons", "ez", "ent", "ait", "ais", "ai",
                "isent", "ise", "es", "e", "s", "is", "it", "i", "er", "ir", "re")
EN_DERIVED = ("ation", "ition", "tion", "sion", "ment", "ness", "ity", "ial", "al", "atory",
              "ory", "ary", "ance", "ence", "ism", "ist")
FR_DERIVED = ("ion", "ment", "age", "isme", "ite", "ure")
EN_VERB_FORMS = ("", "e", "es", "s", "ed", "d", "ing")
MIN_SHARED_STEM = 5


def shared_stem(fr, en):
    n = 0
    while n < min(len(fr), len(en)) and fr[n] == en[n]:
        n += 1
    return n


def remainders_clash(fr, en):
    """Whether what follows the stem `fr` and `en` share makes them
    different kinds of word (`fr` folded)."""
    shared = shared_stem(fr, en)
    # The stem may end a letter or two early (`sectori-se`/`sectori-al`
    # splits as `sector-ise`/`sector-ial`).
    for n in range(shared, max(MIN_SHARED_STEM, shared - 2) - 1, -1):
        rest_fr, rest_en = fr[n:], en[n:]
        if rest_fr in FR_INFLECTED and rest_en.endswith(EN_DERIVED):
            return True
        if rest_fr.removesuffix("s").endswith(FR_DERIVED) and rest_en in EN_VERB_FORMS:
            return True
    return False


def clash(fr, en):
    """True when `fr` and `en` are, by their suffixes, different kinds of
    word."""
    fr, en = fold(fr.lower()), en.lower()
    fr_classes, en_classes = classes(fr, 0), classes(en, 1)
    if fr_classes and en_classes and not fr_classes & en_classes:
        return True
    if not fr_classes & en_classes and remainders_clash(fr, en):
        return True
    root = fr.rstrip("s")
    for suffix in DERIVATIONAL:
        if en.endswith(suffix) and en[: -len(suffix)] in (root, root.rstrip("e")) and len(root) >= 4:
            return True
    return False
