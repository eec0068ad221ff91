//! Measures segment-level language detection on a parallel corpus laid out
//! as `DIR/fr/*.txt` and `DIR/en/*.txt` (what `make-manpage-corpus` writes):
//! each segment is labelled by its folder, so the figures are a lower bound
//! (French pages quote English commands and options).
//!
//!     cargo run --release -p franglais-index --example langdetect -- /path/to/man
use std::time::Instant;

use franglais_index::analysis::language::{LanguageDetector, SegmentLanguage};
use franglais_index::analysis::segment::{segments, words};
use franglais_index::Language;

fn main() {
    let root = std::env::args().nth(1).expect("usage: langdetect DIR");
    let detector = LanguageDetector::default();
    for (label, expected, whichlang_expected) in [
        ("fr", Language::Fr, whichlang::Lang::Fra),
        ("en", Language::En, whichlang::Lang::Eng),
    ] {
        let mut segs = Vec::new();
        for entry in std::fs::read_dir(format!("{root}/{label}"))
            .expect("folder")
            .flatten()
        {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for range in segments(&text) {
                let s = &text[range];
                let n = words(s, 0).count();
                segs.push((s.to_string(), n));
            }
        }
        // Only segments that are sentences: the detector's job.
        let long: Vec<&(String, usize)> = segs.iter().filter(|(_, n)| *n >= 6).collect();
        let t = Instant::now();
        let (mut right, mut wrong, mut both) = (0, 0, 0);
        for (s, n) in &long {
            match detector.detect(s, *n) {
                SegmentLanguage::One(l) if l == expected => right += 1,
                SegmentLanguage::One(_) => wrong += 1,
                SegmentLanguage::Both => both += 1,
            }
        }
        let whatlang_time = t.elapsed();
        let t = Instant::now();
        let (mut which_right, mut which_wrong) = (0, 0);
        for (s, _) in &long {
            match whichlang::detect_language(s) {
                l if l == whichlang_expected => which_right += 1,
                whichlang::Lang::Fra | whichlang::Lang::Eng => which_wrong += 1,
                _ => {}
            }
        }
        let which_time = t.elapsed();
        let total = long.len() as f64;
        println!(
            "{label}: {} segments of 6+ words; whatlang FR/EN: {:.1}% right, {:.1}% wrong, {:.1}% both ({:.1} µs/segment); whichlang (16 languages): {:.1}% right, {:.1}% wrong ({:.1} µs/segment)",
            long.len(),
            100.0 * right as f64 / total,
            100.0 * wrong as f64 / total,
            100.0 * both as f64 / total,
            whatlang_time.as_secs_f64() * 1e6 / total,
            100.0 * which_right as f64 / total,
            100.0 * which_wrong as f64 / total,
            which_time.as_secs_f64() * 1e6 / total,
        );
    }
}
