"""How likely a candidate pair is a translation, learnt from the
hand-written lexicon (crates/query/data/lexicon-fr-en.tsv), never from
text franglais is evaluated on.

A candidate is labelled right when its translation is one of the
hand-written translations of its word or an inflection of one (same
Snowball stem: `negotiations` for `négociation`), wrong otherwise; words
the hand-written lexicon does not hold stay unlabelled. The labels are
strict (a good synonym the lexicon lacks counts as wrong), so confidences
err low. A logistic regression over the features of `induce.py` turns
them into a probability.
"""

import math
import zlib

import numpy as np
import snowballstemmer

FEATURES = ["cos", "cos_use", "cos_e5", "csls", "top_fwd", "top_back", "rank_fwd", "rank_back", "margin_fwd", "margin_back", "freq_gap", "spelling", "short",
            "rank_use_fwd", "rank_use_back", "rank_e5_fwd", "rank_e5_back", "both_first"]


def vector(x, fr_word, en_word):
    return [
        x["cos"],
        x["cos_use"],
        x["cos_e5"],
        x["csls"],
        float(x["rank_fwd"] == 0),
        float(x["rank_back"] == 0),
        math.log1p(x["rank_fwd"]),
        math.log1p(x["rank_back"]),
        x["margin_fwd"],
        x["margin_back"],
        x["freq_gap"],
        x["spelling"],
        float(min(len(fr_word), len(en_word)) <= 3),
        math.log1p(x["rank_use_fwd"]),
        math.log1p(x["rank_use_back"]),
        math.log1p(x["rank_e5_fwd"]),
        math.log1p(x["rank_e5_back"]),
        float(x["rank_use_fwd"] == 0 and x["rank_e5_fwd"] == 0),
    ]


def hand_written(path):
    """French word → English words and back, single words only, lowercase."""
    fr_en, en_fr = {}, {}
    for line in open(path, encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        fr, en = (s.strip().lower() for s in line.split("\t")[:2])
        if " " in fr or " " in en:
            continue
        fr_en.setdefault(fr, set()).add(en)
        en_fr.setdefault(en, set()).add(fr)
    return fr_en, en_fr


class Labeller:
    def __init__(self, path):
        self.fr_en, self.en_fr = hand_written(path)
        self.stem_fr = snowballstemmer.stemmer("french").stemWord
        self.stem_en = snowballstemmer.stemmer("english").stemWord

    def _stems(self):
        if not hasattr(self, "_fr_stems"):
            self._fr_stems, self._en_stems = {}, {}
            for fr, ens in self.fr_en.items():
                self._fr_stems.setdefault(self.stem_fr(fr), set()).update(self.stem_en(e) for e in ens)
            for en, frs in self.en_fr.items():
                self._en_stems.setdefault(self.stem_en(en), set()).update(self.stem_fr(f) for f in frs)
        return self._fr_stems, self._en_stems

    def label(self, fr, en):
        """True/False for a pair the hand-written lexicon can judge (its
        French or English word, or an inflection of one, is listed), else
        None."""
        fr_stems, en_stems = self._stems()
        if self.stem_fr(fr) in fr_stems:
            return self.stem_en(en) in fr_stems[self.stem_fr(fr)]
        if self.stem_en(en) in en_stems:
            return self.stem_fr(fr) in en_stems[self.stem_en(en)]
        return None

    def fold_of(self, fr, en):
        """0 or 1: a fixed split of the hand-written words for held-out
        figures (by stem, so that inflections fall on one side)."""
        fr_stems, _ = self._stems()
        key = self.stem_fr(fr) if self.stem_fr(fr) in fr_stems else self.stem_en(en)
        return zlib.crc32(key.encode()) % 2


def fit(X, y, l2=1.0, iterations=30):
    """Logistic regression by Newton's method on standardised features."""
    mean, scale = X.mean(axis=0), X.std(axis=0) + 1e-9
    Z = np.hstack([(X - mean) / scale, np.ones((len(X), 1))])
    w = np.zeros(Z.shape[1])
    reg = l2 * np.eye(Z.shape[1])
    reg[-1, -1] = 0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-Z @ w))
        gradient = Z.T @ (p - y) + reg @ w
        hessian = (Z * (p * (1 - p))[:, None]).T @ Z + reg
        w -= np.linalg.solve(hessian, gradient)
    return mean, scale, w


def predict(model, X):
    mean, scale, w = model
    Z = np.hstack([(X - mean) / scale, np.ones((len(X), 1))])
    return 1 / (1 + np.exp(-Z @ w))
