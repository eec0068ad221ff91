//! Compiles the embedded lexicon's text sources into
//! `crates/query/data/lexicon-fr-en.bin` (see `compiled_lexicon`).
//!
//! `cargo run -p franglais-query --example compile-lexicon`

use std::path::Path;

use franglais_index::Analyzer;
use franglais_query::compiled_lexicon::{self, CompiledLexicon};

fn main() -> anyhow::Result<()> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let lexicon = compiled_lexicon::sources(&data)?;
    let bytes = CompiledLexicon::compile(&Analyzer::default(), &lexicon);
    let out = data.join("lexicon-fr-en.bin");
    std::fs::write(&out, &bytes)?;
    let compiled = CompiledLexicon::from_bytes(bytes)?;
    let [fr, en] = compiled.key_counts();
    println!(
        "{}: {} pairs, {fr} French keys, {en} English keys",
        out.display(),
        lexicon.len()
    );
    Ok(())
}
