"""Recall of the hand-written single-word pairs by the induced pairs alone:
a hand-written pair is found when an induced pair joins an inflection of
its French word to an inflection of its English word (same Snowball stems).
Pairs whose two words share a stem (`missile`/`missile`) are left out: the
index matches them without the lexicon, and the induced pairs skip them.

    python recall.py ../../crates/query/data
"""

import os
import sys

import snowballstemmer

import confidence


def recall(data):
    stem_fr = snowballstemmer.stemmer("french").stemWord
    stem_en = snowballstemmer.stemmer("english").stemWord
    fr_en, _ = confidence.hand_written(os.path.join(data, "lexicon-fr-en.tsv"))
    induced = set()
    source = None
    for line in open(os.path.join(data, "lexicon-induced.tsv"), encoding="utf-8"):
        if line.startswith("# --- "):
            source = line[6:].strip()
        elif not line.startswith("#") and source == "induced":
            fr, en, _ = line.rstrip("\n").split("\t")
            induced.add((stem_fr(fr.lower()), stem_en(en.lower())))
    pairs = [(fr, en) for fr, ens in fr_en.items() for en in ens if stem_fr(fr) != stem_en(en) and fr != en]
    found = sum(1 for fr, en in pairs if (stem_fr(fr), stem_en(en)) in induced)
    return found, len(pairs)


if __name__ == "__main__":
    found, total = recall(sys.argv[1])
    print(f"hand-written single-word pairs found by the induced pairs: {found} / {total} = {found / total:.1%}")
