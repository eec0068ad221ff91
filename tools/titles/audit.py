"""Counts titles that look like page furniture in `id<TAB>title` lines written by
`cargo run --release -p franglais-index --example titles -- CORPUS`: capital
section headers, running heads, code, command syntax, addresses, short
headings. Patterns written apart from the indexer's rules (they over-flag:
look at the list with a second argument).

    python3 tools/titles/audit.py titles.tsv [list]
"""
import re, sys
def bad(t):
    if re.fullmatch(r"[^a-zà-ÿ]*", t) and re.search(r"[A-Z]{2}", t): return "caps header"
    if re.search(r"\b\w+\(\d\w*\)\s.*\b\w+\(\d\w*\)$", t): return "page header"
    if re.search(r"https?://|www\.|doi:|\b10\.\d{4,}/", t, re.I): return "address"
    if re.search(r"/\*|\*/|#include|#define|[{};]\s*$|[{}]|\s->\s|\(\)\s?:", t): return "code"
    if re.match(r"^[a-z0-9._-]+\s+(\[|-\w)", t) or re.match(r"^-\w", t): return "syntax"
    if len(t.split()) <= 3 and not re.search(r" [-–—] ", t) and re.match(r"^[A-ZÀ-Ý][a-zà-ÿ']+( [a-zA-Zà-ÿ']+){0,2}$", t): return "heading?"
    return None
rows=[l.rstrip("\n").split("\t",1) for l in open(sys.argv[1])]
from collections import Counter
c=Counter(); flagged=[]
for id_, t in rows:
    b=bad(t)
    if b: c[b]+=1; flagged.append((b,id_,t))
print(len(rows), "titles;", sum(c.values()), "flagged", dict(c))
if len(sys.argv)>2:
    for f in flagged: print(*f, sep="\t")
