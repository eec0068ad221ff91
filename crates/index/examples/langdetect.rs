//! Measures segment-level language detection on a parallel corpus laid out
//! as `DIR/fr/*.txt` and `DIR/en/*.txt` (what `make-manpage-corpus` writes):
//! each segment is labelled by its folder, so the figures are a lower bound
//! (French pages quote English commands and options).
//!
//!     cargo run --release -p franglais-index --example langdetect -- /path/to/man
use std::time::Instant;

use franglais_index::analysis::language::{
    function_word_evidence, LanguageDetector, SegmentLanguage,
};
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
        // (right, wrong, both) and the time taken by one detector.
        let measure = |detect: &dyn Fn(&str, usize) -> SegmentLanguage| {
            let t = Instant::now();
            let mut counts = (0, 0, 0);
            for (s, n) in &long {
                match detect(s, *n) {
                    SegmentLanguage::One(l) if l == expected => counts.0 += 1,
                    SegmentLanguage::One(_) => counts.1 += 1,
                    SegmentLanguage::Both => counts.2 += 1,
                }
            }
            (counts, t.elapsed())
        };
        let ((right, wrong, both), whatlang_time) = measure(&|s, n| detector.detect(s, n));
        let ((only_right, only_wrong, only_both), only_time) =
            measure(&|s, n| detector.detect_with_whatlang(s, n));
        let shortcut = long
            .iter()
            .filter(|(s, _)| function_word_evidence(s).is_some())
            .count();
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
        let pct = |n: usize| 100.0 * n as f64 / total;
        let micros = |d: std::time::Duration| d.as_secs_f64() * 1e6 / total;
        println!("{label}: {} segments of 6+ words", long.len());
        println!(
            "  franglais (function words, then whatlang FR/EN): {:.1}% right, {:.1}% wrong, {:.1}% both ({:.1} µs/segment; {:.1}% settled by function words)",
            pct(right), pct(wrong), pct(both), micros(whatlang_time), pct(shortcut)
        );
        println!(
            "  whatlang FR/EN alone: {:.1}% right, {:.1}% wrong, {:.1}% both ({:.1} µs/segment)",
            pct(only_right),
            pct(only_wrong),
            pct(only_both),
            micros(only_time)
        );
        println!(
            "  whichlang (16 languages): {:.1}% right, {:.1}% wrong ({:.1} µs/segment)",
            pct(which_right),
            pct(which_wrong),
            micros(which_time)
        );
    }
}
