#!/usr/bin/env python3
"""A third dev domain: GNOME's desktop help, in French and in English.

    help_corpus.py OUT [--deb FILE]

Debian's `gnome-user-docs` (the GNOME Help topics, Mallard XML, English
originals and their French translations; CC-BY-SA 3.0: measured here,
never shipped) is downloaded with `apt-get download` (or read from
--deb), and written in the layout of `../shared/tools/news-tasks`, so that
the same runner scores it:

  OUT/corpus/{fr,en}/help.jsonl       variant "headline": the query is a
                                      topic's title; the body is its
                                      description and text, without title
  OUT/corpus-lead/{fr,en}/help.jsonl  variant "lead": the query is the
                                      topic's one-line description; the body
                                      is its text, without title or
                                      description
  OUT/tasks.tsv                       variant, id, French query, English query

Kept as tasks: topics whose query is unique in each language, translated
(French != English), of two words or more, with 200 characters of text in
both. Every topic is indexed (those without a task are distractors).
Instructions and reference text, short queries in the words of a user
interface: another kind of text than news or man pages.
Python standard library only.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MAL = "{http://projectmallard.org/1.0/}"
IF_TEST = "{http://projectmallard.org/if/1.0/}test"
MIN_BODY = 200


def text_of(el):
    """An element's text, inline markup flattened, spaces collapsed."""
    return re.sub(r"\s+", " ", "".join(el.itertext())).strip()


def classic_only(el):
    """A variant of the text for GNOME Classic, beside the one for GNOME."""
    test = el.get(IF_TEST, "")
    return "platform:gnome-classic" in test and "!platform:gnome-classic" not in test


def paragraphs(el, out, skip=None):
    """The text of `el`'s blocks, in order, into `out`; `skip` left out."""
    for child in el:
        if child is skip:
            continue
        tag = child.tag.replace(MAL, "")
        if tag == "info" or classic_only(child):
            continue
        if tag in ("p", "title", "code", "screen"):
            t = text_of(child)
            if t:
                out.append(t)
        else:
            paragraphs(child, out)


def read_page(path):
    """(title, description, [paragraphs]) of one topic, or None."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return None
    title = root.find(MAL + "title")
    desc = root.find(MAL + "info/" + MAL + "desc")
    if title is None:
        return None
    body = []
    paragraphs(root, body, skip=title)
    return text_of(title), (text_of(desc) if desc is not None else ""), body


def norm(s):
    return re.sub(r"\W+", " ", s.lower()).strip()


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    out = args[0]
    deb = args[args.index("--deb") + 1] if "--deb" in args else None
    work = tempfile.mkdtemp(prefix="help-")
    if deb is None:
        subprocess.run(["apt-get", "download", "gnome-user-docs"], cwd=work, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deb = glob.glob(os.path.join(work, "gnome-user-docs_*.deb"))[0]
    subprocess.run(["dpkg-deb", "-x", deb, os.path.join(work, "x")], check=True)
    root = os.path.join(work, "x", "usr", "share", "help")
    pages = {}
    for lang, folder in (("fr", "fr"), ("en", "C")):
        for path in sorted(glob.glob(os.path.join(root, folder, "*", "*.page"))):
            page = read_page(path)
            if page:
                guide = os.path.basename(os.path.dirname(path))
                name = os.path.basename(path)[: -len(".page")]
                pages.setdefault(f"{guide}/{name}", {})[lang] = page
    both = {k: v for k, v in pages.items() if len(v) == 2}
    variants = {"headline": ("corpus", 0), "lead": ("corpus-lead", 1)}
    tasks = []
    for variant, (folder, q) in variants.items():
        count = {}
        for v in both.values():
            for lang in ("fr", "en"):
                key = (lang, norm(v[lang][q]))
                count[key] = count.get(key, 0) + 1
        for lang in ("fr", "en"):
            os.makedirs(os.path.join(out, folder, lang), exist_ok=True)
            with open(os.path.join(out, folder, lang, "help.jsonl"), "w", encoding="utf-8") as f:
                for doc_id, v in sorted(both.items()):
                    title, desc, body = v[lang]
                    text = body if variant == "lead" else ([desc] if desc else []) + body
                    rec = {"id": f"{lang}/{doc_id}", "body": "\n\n".join(text), "lang": lang}
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
        for doc_id, v in sorted(both.items()):
            qfr, qen = v["fr"][q], v["en"][q]
            bodies = [v[l][2] for l in ("fr", "en")]
            if not qfr or not qen or norm(qfr) == norm(qen):
                continue
            if count[("fr", norm(qfr))] > 1 or count[("en", norm(qen))] > 1:
                continue
            if min(len(re.findall(r"\w+", qfr)), len(re.findall(r"\w+", qen))) < 2:
                continue
            if min(sum(len(p) for p in b) for b in bodies) < MIN_BODY:
                continue
            tasks.append((variant, doc_id, qfr, qen))
    with open(os.path.join(out, "tasks.tsv"), "w", encoding="utf-8") as f:
        for row in tasks:
            f.write("\t".join(x.replace("\t", " ") for x in row) + "\n")
    counts = {v: sum(1 for t in tasks if t[0] == v) for v in variants}
    print(f"help corpus: {len(both)} topics in both languages; tasks per direction: {counts}")


if __name__ == "__main__":
    main()
