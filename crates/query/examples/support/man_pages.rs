//! The man-page corpus (`make-manpage-corpus OUT`: `OUT/fr/`, `OUT/en/`)
//! as the benches read it.

use std::path::{Path, PathBuf};

/// The line after each page's `NAME` (or `NOM`) header.
pub fn name_lines(corpus: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for lang in ["fr", "en"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(corpus.join(lang))?
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            let mut lines = text.lines();
            if lines
                .by_ref()
                .any(|l| l.trim() == "NAME" || l.trim() == "NOM")
            {
                if let Some(name) = lines.find(|l| !l.trim().is_empty()) {
                    names.push(name.trim().to_string());
                }
            }
        }
    }
    Ok(names)
}
