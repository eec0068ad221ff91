#!/usr/bin/env bash
# Rebuilds the embedded lexicon from its sources (see README.md here):
# the Python tool writes crates/query/data/lexicon-induced.tsv, then the
# Rust side compiles the text sources into lexicon-fr-en.bin.
# Downloads the pinned packages once (PyPI, npm registry); about 15 minutes
# on 2 cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${LEXICON_WORK:-$repo/target/lexicon}
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
fi
"$work/venv/bin/pip" install --quiet -r "$here/requirements.txt"
# Fixed thread counts: the same sums in the same order, the same file.
export OMP_NUM_THREADS=2 OPENBLAS_NUM_THREADS=2 MKL_NUM_THREADS=2
"$work/venv/bin/python" "$here/build.py" --repo "$repo" --work "$work"
cd "$repo"
cargo run --quiet --release -p franglais-query --example compile-lexicon
