"""Builds crates/query/data/lexicon-induced.tsv: CLDR names and translations
induced between the most frequent French and English words by two
multilingual encoders, each with a confidence. See README.md.

    python build.py --repo ../.. --work /tmp/lexicon-work
"""

import argparse
import hashlib
import json
import os
import time

import numpy as np
import snowballstemmer

import cldr
import confidence
import induce
import morphology
import recall
import vocabulary

FRENCH_WORDS = 60_000
ENGLISH_WORDS = 50_000
# Pairs below this confidence are left out: they would count for little
# and make the lexicon harder to check.
MIN_CONFIDENCE = 0.15
# Translations kept per word and direction.
PER_WORD = 3
SAMPLE = 200
# What a pair of different kinds of word keeps of its confidence
# (`probabilisme`/`probabilistic`: related, seldom the translation).
CLASH = 0.3


def log(message, started=[time.time()]):
    print(f"[{time.time() - started[0]:6.0f} s] {message}", flush=True)


def false_friends(path):
    stem_fr = snowballstemmer.stemmer("french").stemWord
    stem_en = snowballstemmer.stemmer("english").stemWord
    pairs = set()
    for line in open(path, encoding="utf-8"):
        if line.strip() and not line.startswith("#"):
            fr, en = line.rstrip("\n").split("\t")
            pairs.add((stem_fr(fr), stem_en(en)))
    return lambda fr, en: (stem_fr(fr), stem_en(en)) in pairs


def score(pairs, fr_words, en_words, labeller):
    """Confidence of every candidate, and held-out figures of the model:
    each half of the hand-written words judged by a model fitted on the
    other half."""
    keys = sorted(pairs)
    X = np.array([confidence.vector(pairs[k], fr_words[k[0]], en_words[k[1]]) for k in keys])
    labels = [labeller.label(fr_words[f], en_words[e]) for f, e in keys]
    labelled = [i for i, l in enumerate(labels) if l is not None]
    y = np.array([float(labels[i]) for i in labelled])
    folds = np.array([labeller.fold_of(fr_words[keys[i][0]], en_words[keys[i][1]]) for i in labelled])
    held_out = np.empty(len(labelled))
    for fold in (0, 1):
        model = confidence.fit(X[labelled][folds != fold], y[folds != fold])
        held_out[folds == fold] = confidence.predict(model, X[labelled][folds == fold])
    model = confidence.fit(X[labelled], y)
    conf = confidence.predict(model, X)
    figures = {
        "labelled candidates": len(labelled),
        "right among them": int(y.sum()),
        "held-out precision above 0.5": float(y[held_out > 0.5].mean()) if (held_out > 0.5).any() else None,
        "held-out pairs above 0.5": int((held_out > 0.5).sum()),
        "held-out right pairs found above 0.5": int(((held_out > 0.5) & (y == 1)).sum()),
        "held-out right pairs found above MIN_CONFIDENCE": int(((held_out >= MIN_CONFIDENCE) & (y == 1)).sum()),
        "weights": dict(zip(confidence.FEATURES + ["bias"], [round(float(w), 3) for w in model[2]])),
    }
    return dict(zip(keys, conf)), figures


def half_weight_point(path, precision=0.85, at_least=8):
    """The raw confidence above which pairs are `precision` right or better
    in the hand-checked calibration sample (`calibration-checked.tsv`, an
    earlier build's pairs, not the evaluation sample): the model learns
    strict labels, so its raw figures say little of how often a pair is
    really right."""
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or line.startswith("french\t"):
            continue
        fr, en, raw, right = line.rstrip("\n").split("\t")
        rows.append((float(raw), int(right)))
    for step in range(6, 19):
        t = step / 20
        kept = [right for raw, right in rows if raw > t]
        if len(kept) >= at_least and sum(kept) / len(kept) >= precision:
            return t
    return 0.95


def select(conf, fr_words, en_words, is_false_friend):
    """The pairs kept: confident enough, not false friends, among the
    PER_WORD best of their French or of their English word."""
    ranked = sorted(conf.items(), key=lambda kv: (-kv[1], kv[0]))
    per_fr, per_en, kept = {}, {}, {}
    for (f, e), c in ranked:
        if c < MIN_CONFIDENCE:
            break
        if is_false_friend(fr_words[f], en_words[e]):
            continue
        best_fr = per_fr.get(f, 0) < PER_WORD
        best_en = per_en.get(e, 0) < PER_WORD
        if best_fr or best_en:
            kept[(fr_words[f], en_words[e])] = float(c)
        per_fr[f] = per_fr.get(f, 0) + 1
        per_en[e] = per_en.get(e, 0) + 1
    return kept


def write_lexicon(path, names, induced, hand):
    lines = []
    for fr, en, kind in names:
        if (fr.lower(), en.lower()) not in hand:
            lines.append((fr, en, 1.0, f"cldr-{kind}"))
    seen = {(fr.lower(), en.lower()) for fr, en, *_ in lines} | hand
    for (fr, en), c in induced.items():
        if (fr, en) not in seen:
            lines.append((fr, en, c, "induced"))
    lines.sort(key=lambda l: (l[3] != "induced", l[3], l[0], l[1]))
    lines = [l for l in lines if l[2] > 0]
    with open(path, "w", encoding="utf-8") as out:
        out.write("# Generated by tools/lexicon/build.py; do not edit (see crates/query/data/README.md).\n")
        out.write("# french<TAB>english<TAB>confidence; comments name the source of each block.\n")
        source = None
        for fr, en, c, src in lines:
            if src != source:
                out.write(f"# --- {src}\n")
                source = src
            out.write(f"{fr}\t{en}\t{c:g}\n")
    return lines


def cached(path, compute):
    """`compute()`, kept in `path` while the tool's code that makes it is
    unchanged (set LEXICON_FRESH=1 to recompute)."""
    import pickle

    here = os.path.dirname(os.path.abspath(__file__))
    code = hashlib.sha256(b"".join(open(os.path.join(here, f), "rb").read() for f in ("induce.py", "vocabulary.py"))).hexdigest()
    if os.path.exists(path) and not os.environ.get("LEXICON_FRESH"):
        with open(path, "rb") as f:
            saved_code, value = pickle.load(f)
        if saved_code == code:
            return value
    value = compute()
    with open(path + ".part", "wb") as f:
        pickle.dump((code, value), f)
    os.replace(path + ".part", path)
    return value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repo", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    here = os.path.dirname(os.path.abspath(__file__))
    data = os.path.join(args.repo, "crates", "query", "data")

    fr, en = vocabulary.vocabularies(args.work, FRENCH_WORDS, ENGLISH_WORDS)
    fr_words, en_words = [w for w, _ in fr], [w for w, _ in en]
    log(f"vocabularies: {len(fr_words)} French, {len(en_words)} English")
    models, joint = induce.embeddings(fr_words, en_words, args.work)
    log("embedded")
    pairs = cached(os.path.join(args.work, "candidates.pkl"), lambda: induce.candidates(
        fr_words, en_words, models, joint, [p for _, p in fr], [p for _, p in en]))
    log(f"{len(pairs)} candidate pairs")
    labeller = confidence.Labeller(os.path.join(data, "lexicon-fr-en.tsv"))
    conf, figures = score(pairs, fr_words, en_words, labeller)
    kept = select(conf, fr_words, en_words, false_friends(os.path.join(here, "false-friends.tsv")))
    log(f"{len(kept)} induced pairs kept")
    # Shipped confidence: raw scaled so that half weight falls where the
    # calibration sample is 85% right.
    half = half_weight_point(os.path.join(here, "calibration-checked.tsv"))
    kept = {pair: round(min(1.0, c * 0.5 / half) * (CLASH if morphology.clash(*pair) else 1.0), 2) for pair, c in kept.items()}
    figures["raw confidence at half weight"] = half
    hand = {(a.lower(), b.lower()) for a in labeller.fr_en for b in labeller.fr_en[a]}
    lines = write_lexicon(os.path.join(data, "lexicon-induced.tsv"), cldr.names(args.work), kept, hand)

    induced = [l for l in lines if l[3] == "induced"]
    # The pairs of smallest hash: a random sample that a change elsewhere in
    # the lexicon leaves as it was (a seeded draw by index moved whole).
    by_hash = sorted(induced, key=lambda l: hashlib.sha256(f"{l[0]}\t{l[1]}".encode()).hexdigest())
    sample = sorted(by_hash[:SAMPLE], key=lambda l: (l[0], l[1]))
    with open(os.path.join(here, "sample.tsv"), "w", encoding="utf-8") as out:
        out.write("french\tenglish\tconfidence\n")
        for fr_word, en_word, c, _ in sample:
            out.write(f"{fr_word}\t{en_word}\t{c:g}\n")
    found, total = recall.recall(data)
    figures.update({
        "hand-written pairs found by the induced pairs": f"{found} / {total}",
        "entries": len(lines),
        "induced entries": len(induced),
        "induced above 0.5": sum(1 for l in induced if l[2] > 0.5),
        "cldr entries": len(lines) - len(induced),
    })
    with open(os.path.join(here, "figures.json"), "w", encoding="utf-8") as out:
        json.dump(figures, out, indent=1, ensure_ascii=False, sort_keys=True)
        out.write("\n")
    digest = hashlib.sha256(open(os.path.join(data, "lexicon-induced.tsv"), "rb").read()).hexdigest()
    log(f"done: {json.dumps(figures, ensure_ascii=False)}; sha256 {digest}")


if __name__ == "__main__":
    main()
