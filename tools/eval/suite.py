#!/usr/bin/env python3
"""The dev suite: franglais beside SQLite FTS5 and Lucene, in one run, on
three domains of real text.

    suite.py --bin target/release/franglais [--domains man,news,help]
             [--systems ours,fts5,lucene-multi-es] [--man MAN --man-tasks T]
             [--news OUT] [--help-corpus OUT] [--dump DIR]

- man:  Debian's man pages (../shared/tools/make-manpage-corpus MAN, then
        make-manpage-tasks MAN T): a page's NAME description without the
        command name → the page, on the intact pages and on T/stripped.
- news: WMT news (../shared/tools/news-tasks build OUT): headline → article
        without it; the lead's first 12 words → article without them.
- help: GNOME Help (tools/eval/help_corpus.py OUT): a topic's title → its
        text; its one-line description → its text without either.

Every direction (fr>fr, en>en, fr>en, en>fr) is a known-item task whose
results are restricted to the target's language; the figure is MRR@10.
franglais runs through its batch mode (`search --batch --format json`), FTS5
and Lucene as ../shared/tools/news-tasks runs them (FTS5: porter
unicode61, OR of the words, bm25; Lucene: lucene_peer.py, Elasticsearch's
french/english analyzers in two sub-fields, BM25 k1 1.2 b 0.75).
Prints one line per condition and system, then a table with, for each
monolingual direction, ours / best peer.
"""
import argparse
import glob
import importlib.machinery
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_TOOLS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "tools"))
KINDS = ["fr>fr", "en>en", "fr>en", "en>fr"]


def load_news_tasks():
    path = os.path.join(SHARED_TOOLS, "news-tasks")
    loader = importlib.machinery.SourceFileLoader("news_tasks", path)
    spec = importlib.util.spec_from_loader("news_tasks", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


NT = load_news_tasks()


def man_condition(man, tasks_dir, stripped):
    """(corpus dir for franglais, docs, lang_of, tasks) of the man pages."""
    cdir = os.path.join(tasks_dir, "stripped") if stripped else man
    docs, lang_of = {}, {}
    for path in sorted(glob.glob(os.path.join(cdir, "*", "*.txt"))):
        lang = os.path.basename(os.path.dirname(path))
        doc_id = f"{lang}/{os.path.basename(path)[:-4]}"
        with open(path, encoding="utf-8", errors="replace") as f:
            docs[doc_id] = f.read()
        lang_of[doc_id] = lang
    tasks = []
    for line in open(os.path.join(tasks_dir, "tasks.tsv"), encoding="utf-8"):
        kind, lang, target, query = line.rstrip("\n").split("\t")
        tasks.append((NT.clean(query), target, lang, kind))
    return cdir, docs, lang_of, tasks


def conditions(args):
    for domain in args.domains:
        if domain == "man":
            for name, stripped in (("intact", False), ("stripped", True)):
                yield f"man-{name}", man_condition(args.man, args.man_tasks, stripped)
        elif domain in ("news", "help"):
            out = args.news if domain == "news" else args.help_corpus
            for variant in ("headline", "lead"):
                label = variant if domain == "news" else {"headline": "title", "lead": "desc"}[variant]
                yield f"{domain}-{label}", NT.load(out, variant)
        else:
            sys.exit(f"unknown domain {domain!r}: man, news or help")


def run_condition(name, cond, args, work):
    cdir, docs, lang_of, tasks = cond
    scores = {}
    lucene = None
    idx = None
    for system in args.systems:
        t0 = time.time()
        if system.startswith("ours"):
            if idx is None:
                idx = os.path.join(work, name)
                subprocess.run([args.bin, "index", "--corpus", cdir, "--index", idx, "--quiet"],
                               check=True, stdout=subprocess.DEVNULL)
            extra = ["--no-translate"] if system == "ours-notr" else []
            res = NT.run_ours(args.bin, idx, tasks, extra, work)
        elif system == "fts5":
            res = NT.run_fts5(docs, lang_of, tasks)
        elif system.startswith("lucene"):
            if lucene is None:
                sys.path.insert(0, SHARED_TOOLS)
                import lucene_peer
                queries = [(q, kind[:2], lang) for q, _, lang, kind in tasks]
                wanted = [s for s in args.systems if s.startswith("lucene")]
                lucene = lucene_peer.run(docs, lang_of, queries, wanted)
            res = lucene[0][system]
        else:
            sys.exit(f"unknown system {system!r}")
        if args.dump:
            os.makedirs(args.dump, exist_ok=True)
            with open(os.path.join(args.dump, f"{name}-{system}.jsonl"), "w", encoding="utf-8") as f:
                for (q, target, lang, kind), hits in zip(tasks, res):
                    f.write(json.dumps({"kind": kind, "query": q, "target": target, "hits": hits},
                                       ensure_ascii=False) + "\n")
        sc = NT.score(tasks, res)
        scores[system] = {k: sc[k][0] for k in KINDS}
        print(f"{name} {system} " + " ".join(f"{k} {sc[k][0]:.3f}" for k in KINDS)
              + f" ({time.time() - t0:.1f}s)", flush=True)
    return scores


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--bin", required=True)
    p.add_argument("--domains", default="man,news,help")
    p.add_argument("--systems", default="ours,fts5,lucene-multi-es")
    p.add_argument("--man", help="what make-manpage-corpus wrote")
    p.add_argument("--man-tasks", help="what make-manpage-tasks wrote")
    p.add_argument("--news", help="what news-tasks build wrote")
    p.add_argument("--help-corpus", help="what help_corpus.py wrote")
    p.add_argument("--dump")
    args = p.parse_args()
    args.domains = args.domains.split(",")
    needed = {"man": ["man", "man_tasks"], "news": ["news"], "help": ["help_corpus"]}
    for domain in args.domains:
        for name in needed.get(domain, []):
            if not getattr(args, name):
                p.error(f"the {domain} domain needs --{name.replace('_', '-')}")
    args.systems = args.systems.split(",")
    args.bin = os.path.abspath(args.bin)
    table = {}
    with tempfile.TemporaryDirectory(prefix="suite-") as work:
        for name, cond in conditions(args):
            table[name] = run_condition(name, cond, args, work)
    peers = [s for s in args.systems if not s.startswith("ours")]
    print("\n| condition | system | " + " | ".join(KINDS) + " |")
    print("|---|---|" + "---|" * len(KINDS))
    for name, scores in table.items():
        for system, by in scores.items():
            print(f"| {name} | {system} | " + " | ".join(f"{by[k]:.3f}" for k in KINDS) + " |")
    if "ours" in args.systems and peers:
        print("\nours / best peer, monolingual:")
        for name, scores in table.items():
            ratios = []
            for k in ("fr>fr", "en>en"):
                best = max(scores[s][k] for s in peers)
                ratios.append(f"{k} {scores['ours'][k] / best:.3f}" if best else f"{k} -")
            print(f"  {name}: " + ", ".join(ratios))


if __name__ == "__main__":
    main()
