//! End-to-end: a query is also searched in the other language.

mod common;

use common::*;

fn found(query: &str) -> Vec<String> {
    ids(&search_json(seed_index(), query, &[]))
}

#[test]
fn seed_examples_find_the_other_language() {
    assert!(found("piraterie et terrorisme").contains(&SEED_000.to_string()));
    assert_eq!(found("retrait des forces")[0], SEED_002);
    assert_eq!(found("Partenariat pour la paix"), [SEED_003]);
    assert_eq!(found("reassurance measures")[0], SEED_004);
    let military = found("military cooperation");
    assert!(
        military.contains(&SEED_004.to_string()) && military.contains(&SEED_003.to_string()),
        "{military:?}"
    );
}

#[test]
fn expressions_translate_as_units_and_are_highlighted() {
    let results = search_json(seed_index(), "guerre froide", &[]);
    assert_eq!(ids(&results), [SEED_000]);
    assert_eq!(highlighted(&results["hits"][0]), ["Cold", "War"]);
    let shield = search_json(seed_index(), "bouclier anti-missiles", &[]);
    assert!(
        highlighted(hit(&shield, SEED_000)).contains(&"shield".to_string()),
        "{:?}",
        highlighted(hit(&shield, SEED_000))
    );
}

#[test]
fn names_meet_in_both_spellings() {
    assert!(found("Grouchko").contains(&SEED_002.to_string()));
    assert_eq!(found("Serdyukov"), [SEED_001]);
    assert_eq!(found("Eltsine"), [SEED_000]);
    assert!(found("Tchéquie").contains(&SEED_003.to_string()));
    assert_eq!(found("OTAN").len(), 5);
    assert_eq!(found("NATO").len(), 5);
}

#[test]
fn typed_matches_always_rank_above_translation_only_matches() {
    for query in [
        "OTAN",
        "military cooperation",
        "bouclier anti-missiles",
        "retrait des forces",
        "Russie paix",
        "sécurité européenne",
    ] {
        let typed = ids(&search_json(seed_index(), query, &["--no-translate"]));
        let all = found(query);
        let mut head: Vec<String> = all[..typed.len()].to_vec();
        let mut expected = typed.clone();
        head.sort();
        expected.sort();
        assert_eq!(head, expected, "{query}: {all:?} vs typed {typed:?}");
    }
}

#[test]
fn a_translation_adds_nothing_to_words_found_as_typed() {
    // Both match `kill process` as typed; the French page also holds the
    // translations (tuer, processus). That must not outweigh the English
    // page's title: a translation stands in for missing words only.
    let corpus = corpus_of(&[
        (
            "fr.txt",
            "Filtrer les appels système\n\nL’action KILL_PROCESS permet de tuer le processus entier quand le filtre refuse un appel.",
        ),
        (
            "en.txt",
            "kill process - send a signal\n\nThe command sends the given signal to each listed process; the default one is TERM.",
        ),
    ]);
    let (_dir, index) = index_of(corpus.path());
    assert_eq!(ids(&search_json(&index, "kill process", &[])), ["en", "fr"]);
    // Where the typed word is missing, its translation still counts.
    assert_eq!(ids(&search_json(&index, "tuer", &[])), ["fr", "en"]);
}

#[test]
fn no_translate_turns_expansion_off() {
    assert_eq!(
        search_json(seed_index(), "guerre froide", &["--no-translate"])["total_hits"],
        0
    );
}

#[test]
fn a_user_lexicon_takes_effect_without_reindexing() {
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("mine.tsv");
    std::fs::write(&lexicon, "# mine\nambiance\tmood\n").unwrap();
    assert_eq!(search_json(seed_index(), "mood", &[])["total_hits"], 0);
    let with = search_json(
        seed_index(),
        "mood",
        &["--lexicon", lexicon.to_str().unwrap()],
    );
    assert_eq!(ids(&with), [SEED_001]);
    assert_eq!(highlighted(&with["hits"][0]), ["l’ambiance"]); // the word as written

    std::fs::write(&lexicon, "ambiance mood\n").unwrap();
    let index = seed_index().to_str().unwrap().to_string();
    let out = franglais(
        &root(),
        &[
            "search",
            "--index",
            &index,
            "--lexicon",
            lexicon.to_str().unwrap(),
            "mood",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("mine.tsv:1") && err.trim_end().lines().count() == 1,
        "{err}"
    );
}

#[test]
fn explain_says_how_each_word_matched() {
    let results = search_json(seed_index(), "bouclier anti-missiles", &["--explain"]);
    let explain = |id: &str| -> Vec<(String, String, Vec<String>)> {
        hit(&results, id)["explain"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let matched = m["matched"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| w.as_str().unwrap().to_string())
                    .collect();
                (
                    m["query"].as_str().unwrap().to_string(),
                    m["via"].as_str().unwrap().to_string(),
                    matched,
                )
            })
            .collect()
    };
    let e001 = explain(SEED_001);
    assert!(
        e001.contains(&("bouclier".into(), "typed".into(), vec!["bouclier".into()])),
        "{e001:?}"
    );
    // 000 has no `bouclier`: it is not listed; the translation is, with `shield`.
    let e000 = explain(SEED_000);
    assert!(!e000.iter().any(|(q, _, _)| q == "bouclier"), "{e000:?}");
    let translation = e000
        .iter()
        .find(|(_, via, _)| via == "translation")
        .expect("a translation");
    assert!(
        translation.0.starts_with("bouclier anti-missiles → ")
            && translation.2.contains(&"shield".to_string()),
        "{e000:?}"
    );

    let typo = search_json(seed_index(), "Rasmusen", &["--explain", "--limit", "1"]);
    assert_eq!(typo["hits"][0]["explain"][0]["via"], "typo");
    assert_eq!(
        typo["hits"][0]["explain"][0]["matched"],
        serde_json::json!(["Rasmussen"])
    );
    // Without --explain, no such key.
    assert!(search_json(seed_index(), "Rasmusen", &[])["hits"][0]
        .get("explain")
        .is_none());
}
