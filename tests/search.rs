//! End-to-end: `franglais search` ranking, snippets, syntax, batch and
//! output contract, on the bundled corpus and on small corpora made for one
//! ranking rule each.

mod common;

use common::*;
use serde_json::Value;

#[test]
fn bouclier_anti_missiles_finds_001_first_with_the_phrase_highlighted() {
    let results = search_json(seed_index(), "bouclier anti-missiles", &[]);
    assert_eq!(ids(&results)[0], SEED_001);
    let first = &results["hits"][0];
    let words = highlighted(first);
    assert!(words.contains(&"bouclier".to_string()), "{words:?}");
    assert!(words.contains(&"anti-missiles".to_string()), "{words:?}");
    let text = first["snippet"]["text"].as_str().unwrap();
    assert!(text.contains("bouclier anti-missiles"), "{text}");
    assert!(text.chars().count() <= 160, "{text}");
}

#[test]
fn every_matching_form_is_highlighted_in_both_languages() {
    let results = search_json(seed_index(), "missile", &["--snippet-chars", "400"]);
    let forms_000 = highlighted(hit(&results, SEED_000));
    assert!(
        forms_000.iter().any(|w| w == "anti-missile"),
        "{forms_000:?}"
    );
    assert!(
        forms_000
            .iter()
            .any(|w| w.eq_ignore_ascii_case("missiles") || w == "Missile"),
        "{forms_000:?}"
    );
    let forms_001 = highlighted(hit(&results, SEED_001));
    assert!(
        forms_001
            .iter()
            .any(|w| w == "anti-missiles" || w == "missile" || w == "missiles"),
        "{forms_001:?}"
    );
    // French elision and accents: l’OTAN, défense.
    let otan = search_json(seed_index(), "otan", &[]);
    assert!(
        highlighted(hit(&otan, SEED_004))
            .iter()
            .any(|w| w == "l’Otan"),
        "{:?}",
        highlighted(hit(&otan, SEED_004))
    );
}

#[test]
fn highlights_are_character_offsets_into_the_snippet() {
    let results = search_json(seed_index(), "réassurances", &[]);
    let h = hit(&results, SEED_004);
    assert_eq!(highlighted(h), ["réassurances"]);
}

#[test]
fn all_words_rank_above_some_words() {
    // 000 has both Rasmussen and Lavrov; 001 has Rasmussen only.
    let results = search_json(seed_index(), "Rasmussen Lavrov", &[]);
    assert_eq!(ids(&results), [SEED_000, SEED_001]);
}

#[test]
fn words_together_rank_above_scattered_words() {
    let files = [
        (
            "scattered.txt",
            "Note\n\nThe shield was discussed at length. Later, a missile test was announced.",
        ),
        (
            "together.txt",
            "Note\n\nThe missile shield was discussed at length. Later, a test was announced.",
        ),
    ];
    assert_eq!(ranking(&files, "missile shield"), ["together", "scattered"]);
}

#[test]
fn title_match_ranks_above_body_match() {
    let files = [
        (
            "body.txt",
            "Diplomatic notes\n\nThe ministers spoke of disarmament for an hour.",
        ),
        (
            "title.txt",
            "Disarmament talks\n\nThe ministers spoke for an hour.",
        ),
    ];
    assert_eq!(ranking(&files, "disarmament"), ["title", "body"]);
}

#[test]
fn words_together_count_once_whatever_the_language_they_stand_in() {
    // `mot de passe` stands together in a French sentence (as `mot passe`,
    // `de` being a French stop word) and in an English one (as `mot de
    // passe`). That is no closer than once: the title match must win.
    let files = [
        (
            "body.txt",
            "Configuration du chargeur\n\nLe mot de passe est lu au démarrage du système par le chargeur.\nThe mot de passe option is read when the boot loader starts.",
        ),
        (
            "title.txt",
            "Les mots de passe du système\n\nLe mot de passe est lu au démarrage du système par le chargeur.",
        ),
    ];
    assert_eq!(ranking(&files, "mot de passe"), ["title", "body"]);
}

#[test]
fn boilerplate_lines_do_not_win() {
    let bio =
        "Nicolas Gros Verheyde, chief editor, graduated in European law and Verheyde founded B2.";
    let corpus = corpus_of(&[
        (
            "a.txt",
            &format!("Missile talks\n\nThe missile talks went on.\n\n{bio}"),
        ),
        (
            "b.txt",
            &format!("Shield talks\n\nThe shield talks went on.\n\n{bio}"),
        ),
        (
            "c.txt",
            "A profile\n\nVerheyde wrote about the Alliance for years.",
        ),
    ]);
    let (_dir, index) = index_of(corpus.path());
    let results = search_json(&index, "Verheyde", &[]);
    assert_eq!(ids(&results)[0], "c");
    assert_eq!(results["total_hits"], 3, "boilerplate stays searchable");
}

#[test]
fn one_typo_finds_the_word_and_ranks_below_exact() {
    let results = search_json(seed_index(), "Rasmusen", &[]);
    assert!(ids(&results).contains(&SEED_001.to_string()));
    assert!(highlighted(hit(&results, SEED_001)).contains(&"Rasmussen".to_string()));

    let corpus = corpus_of(&[
        ("typo.txt", "Note\n\nSecretary General Rasmusen spoke."),
        ("exact.txt", "Note\n\nSecretary General Rasmussen spoke."),
    ]);
    let (_dir, index) = index_of(corpus.path());
    assert_eq!(
        ids(&search_json(&index, "Rasmussen", &[])),
        ["exact", "typo"]
    );
    // Fewer typos rank first: `Rasnussen` is one edit from the exact
    // spelling and two from the misspelt one.
    assert_eq!(
        ids(&search_json(&index, "Rasnussen", &[])),
        ["exact", "typo"]
    );
    // Words of four letters get no typo.
    let short = corpus_of(&[("k.txt", "Note\n\nKiev and Kyiv.")]);
    let (_d, short_index) = index_of(short.path());
    assert_eq!(search_json(&short_index, "Kief", &[])["total_hits"], 0);
}

#[test]
fn two_typos_from_nine_letters() {
    // `Gerasimov` (9 letters) is two edits from `Guerassimov` (seed 004).
    assert_eq!(
        ids(&search_json(seed_index(), "Gerasimov", &[])),
        [SEED_004]
    );
}

#[test]
fn typos_are_counted_on_the_stem_that_is_compared() {
    // `pacifique` has nine letters but its French stem `pacif` five: two
    // typos on the stem found `Paris` (seed 003) and `Pact`.
    let results = search_json(seed_index(), "pacifique", &[]);
    assert_eq!(results["total_hits"], 0, "{:?}", ids(&results));
    // A word that stems to itself keeps its two typos (the test above).
    assert_eq!(
        ids(&search_json(seed_index(), "Guerasimof", &[])),
        [SEED_004]
    );
}

#[test]
fn language_filter_keeps_documents_with_text_in_that_language() {
    let fr = search_json(seed_index(), "Russie OR Russia", &["--lang", "fr"]);
    assert_eq!(ids(&fr).len(), 2, "{:?}", ids(&fr));
    assert!(ids(&fr).contains(&SEED_001.to_string()) && ids(&fr).contains(&SEED_004.to_string()));
    // The filter restricts; it does not match on its own.
    assert_eq!(
        ids(&search_json(seed_index(), "Guerassimov", &["--lang", "fr"])),
        [SEED_004]
    );
    assert_eq!(
        search_json(seed_index(), "Lavrov", &["--lang", "fr"])["total_hits"],
        0
    );
    let en = search_json(seed_index(), "Russie OR Russia", &["--lang", "en"]);
    assert!(!ids(&en).contains(&SEED_004.to_string()));
    assert_eq!(ids(&en).len(), 4);
}

#[test]
fn phrases_exclusions_or_and_title() {
    let index = seed_index();
    // "exact phrase": required, as written.
    assert_eq!(
        ids(&search_json(index, "\"Partnership for Peace\"", &[])),
        [SEED_003]
    );
    assert_eq!(
        search_json(index, "\"Peace for Partnership\"", &[])["total_hits"],
        0
    );
    // -excluded: 000 mentions Chicago.
    let without = ids(&search_json(index, "NATO -Chicago", &[]));
    assert!(!without.contains(&SEED_000.to_string()) && !without.is_empty());
    // OR: either word.
    assert_eq!(
        ids(&search_json(index, "Stoltenberg OR Guerassimov", &[])).len(),
        2
    );
    // title: only the headline counts.
    assert_eq!(ids(&search_json(index, "title:peaceful", &[])), [SEED_000]);
    assert_eq!(search_json(index, "title:Lavrov", &[])["total_hits"], 0);
}

#[test]
fn a_phrase_is_highlighted_only_where_it_occurs_as_a_phrase() {
    let corpus = corpus_of(&[(
        "a.txt",
        "Note\n\nThe cold morning began. War was far away. Later the Cold War was mentioned once.",
    )]);
    let (_dir, index) = index_of(corpus.path());
    let results = search_json(&index, "\"cold war\"", &[]);
    // Both words of the phrase occurrence, and not `cold` or `War` elsewhere.
    assert_eq!(highlighted(&results["hits"][0]), ["Cold", "War"]);
}

#[test]
fn malformed_queries_are_searched_leniently() {
    for query in [
        "\"bouclier",
        "((",
        "title:",
        "bouclier))",
        "-",
        "OR",
        "\"\"",
        "title:\"bouclier",
        "a\u{7}b",
        "---",
        "?!;",
    ] {
        let results = search_json(seed_index(), query, &[]);
        assert_eq!(results["query"], query);
    }
    assert_eq!(
        ids(&search_json(seed_index(), "\"bouclier", &[]))[0],
        SEED_001
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let results = search_json(seed_index(), "bouclier anti-missiles", &["--limit", "1"]);
    assert_eq!(results["query"], "bouclier anti-missiles");
    assert!(results["total_hits"].as_u64().unwrap() >= 2);
    assert!(results["took_ms"].is_number());
    let hits = results["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    for key in ["id", "path", "title", "date", "langs", "score", "snippet"] {
        assert!(h.get(key).is_some(), "missing {key}");
    }
    assert!(h["snippet"]["text"].is_string() && h["snippet"]["highlights"].is_array());
}

#[test]
fn limit_and_offset_page_through_the_same_ranking() {
    let all = ids(&search_json(seed_index(), "NATO Russia", &[]));
    let page2 = ids(&search_json(
        seed_index(),
        "NATO Russia",
        &["--limit", "2", "--offset", "2"],
    ));
    assert_eq!(page2, all[2..4]);
}

#[test]
fn equal_scores_rank_alike_whatever_the_index_history() {
    // Five copies of one article score alike. Documents indexed again go
    // to a new segment, after the others in the index; ties must still
    // come in one order, or two indexes of one corpus would rank apart.
    let text = "Le bouclier\n\nLe bouclier antimissile divise l’OTAN et la Russie.";
    let names = ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"];
    let corpus = corpus_of(&names.map(|name| (name, text)));
    let (_fresh_dir, fresh) = index_of(corpus.path());

    let dir = tempfile::tempdir().unwrap();
    let updated = dir.path().join("idx");
    let run = || {
        let out = index_into_idx(dir.path(), corpus.path());
        assert!(out.status.success(), "{}", stderr(&out));
    };
    run();
    for name in ["b.txt", "a.txt"] {
        let path = corpus.path().join(name);
        std::fs::write(&path, "Autre chose\n\nRien à voir.").unwrap();
        run();
        std::fs::write(&path, text).unwrap();
        run();
    }

    let results = search_json(&fresh, "bouclier", &[]);
    let scores: Vec<f64> = results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] == w[1]), "{scores:?}");
    let order = ids(&results);
    assert_eq!(order.len(), 5);
    assert_eq!(ids(&search_json(&updated, "bouclier", &[])), order);
    // Paging cuts the same order.
    let page = search_json(&updated, "bouclier", &["--limit", "2", "--offset", "1"]);
    assert_eq!(ids(&page), order[1..3]);
}

#[test]
fn any_limit_and_offset_is_answered() {
    let query = "NATO OR Otan OR Russie OR Russia";
    let index = seed_index().to_str().unwrap().to_string();
    let max = usize::MAX.to_string();
    // A limit past the number of documents: all of them, not a heap sized
    // by the limit (it overflowed).
    let all = search_json(seed_index(), query, &["--limit", &max]);
    assert_eq!(ids(&all).len(), 5);
    for (args, shown) in [
        (vec!["--limit", "0"], 0),
        (vec!["--offset", "4"], 1),
        (vec!["--offset", "5"], 0),
        (vec!["--offset", &max, "--limit", &max], 0),
    ] {
        let results = search_json(seed_index(), query, &args);
        assert_eq!(results["total_hits"], 5, "{args:?}");
        assert_eq!(ids(&results).len(), shown, "{args:?}");
        // Documents match: exit 0 (1 is for no match at all), in text too.
        let mut text = vec!["search", "--index", &index];
        text.extend(&args);
        text.push(query);
        let out = franglais(&root(), &text);
        assert_eq!(out.status.code(), Some(0), "{args:?} {}", stderr(&out));
        assert!(stdout(&out).starts_with("5 hits for"), "{}", stdout(&out));
    }
}

#[test]
fn batch_answers_in_input_order_with_empty_lines_empty() {
    let index = seed_index().to_str().unwrap().to_string();
    let queries = "Guerassimov\n\nbouclier anti-missiles\n((\nStoltenberg\n";
    let out = franglais_with_input(
        &root(),
        &["search", "--index", &index, "--batch", "-"],
        queries,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let asked: Vec<&str> = queries.lines().collect();
    assert_eq!(lines.len(), asked.len());
    for (line, query) in lines.iter().zip(&asked) {
        assert_eq!(line["query"], *query);
    }
    assert_eq!(ids(&lines[0]), [SEED_004]);
    assert_eq!(lines[1]["hits"].as_array().unwrap().len(), 0);
    assert_eq!(ids(&lines[2])[0], SEED_001);
    assert_eq!(ids(&lines[4]), [SEED_002]);

    // From a file, the same answers.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("queries.txt");
    std::fs::write(&file, queries).unwrap();
    let from_file = franglais(
        &root(),
        &[
            "search",
            "--index",
            &index,
            "--batch",
            file.to_str().unwrap(),
        ],
    );
    let file_lines: Vec<Value> = stdout(&from_file)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        file_lines.iter().map(ids).collect::<Vec<_>>(),
        lines.iter().map(ids).collect::<Vec<_>>()
    );
}

#[test]
fn dates_filter_and_sort() {
    // Of the seeds, only 002 has a date (its dateline: 2022-01-23).
    let ids_of = |args: &[&str]| ids(&search_json(seed_index(), "Otan", args));
    let all = ids_of(&[]);
    assert!(all.len() >= 3, "{all:?}");
    assert_eq!(ids_of(&["--since", "2022-01-01"]), [SEED_002]);
    assert_eq!(
        ids_of(&["--since", "2022-01-23", "--until", "2022-01-23"]),
        [SEED_002]
    );
    assert!(ids_of(&["--since", "2022-01-24"]).is_empty());
    assert!(ids_of(&["--until", "2022-01-22"]).is_empty());
    // Relative forms: days or weeks before today.
    assert_eq!(ids_of(&["--since", "36500d"]), [SEED_002]);
    assert_eq!(ids_of(&["--since", "5200w"]), [SEED_002]);
    assert!(ids_of(&["--since", "0d"]).is_empty());
    // Newest first, the undated after it in relevance order.
    let by_date = ids_of(&["--sort", "date"]);
    assert_eq!(by_date[0], SEED_002);
    let mut rest = all.clone();
    rest.retain(|id| id != SEED_002);
    assert_eq!(by_date[1..], rest[..]);
    // A date that is not one is an error naming it.
    let out = franglais(
        &root(),
        &[
            "search",
            "--index",
            seed_index().to_str().unwrap(),
            "--since",
            "23/01/2022",
            "Otan",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`23/01/2022` is not a date; write it YYYY-MM-DD, or 30d"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_dateline_is_searchable_text() {
    // Seed 002's dateline, `January 23, 2022`, is its date and stays text.
    let year = search_json(seed_index(), "2022", &[]);
    assert!(ids(&year).contains(&SEED_002.to_string()), "{year}");
    let day = search_json(seed_index(), "\"January 23\"", &[]);
    assert_eq!(ids(&day), [SEED_002]);
    assert_eq!(hit(&day, SEED_002)["date"], "2022-01-23");
    assert_eq!(highlighted(hit(&day, SEED_002)), ["January", "23"]);
}

#[test]
fn a_batch_mixes_plain_lines_and_request_objects() {
    let index = seed_index().to_str().unwrap().to_string();
    let queries = concat!(
        "bouclier anti-missiles\n",
        r#"{"q": "bouclier anti-missiles", "lang": "fr", "limit": 1, "id": "fr-1"}"#,
        "\n",
        r#"{"q": "Stoltenberg", "offset": 0, "id": 42}"#,
        "\n",
        r#"{"q": "Otan", "since": "2022-01-01", "sort": "date", "id": "dated"}"#,
        "\n",
        r#"{"q": "Otan", "depuis": "2022-01-01"}"#,
        "\n",
    );
    let out = franglais_with_input(
        &root(),
        &["search", "--index", &index, "--batch", "-"],
        queries,
    );
    // One request failed (`depuis` is no option): exit 2, all answered.
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert!(lines[0].get("id").is_none());
    assert!(ids(&lines[0]).len() >= 2);
    assert_eq!(lines[1]["id"], "fr-1");
    assert_eq!(ids(&lines[1]), [SEED_001]);
    assert_eq!(
        (lines[2]["id"].clone(), ids(&lines[2])),
        (42.into(), vec![SEED_002.to_string()])
    );
    assert_eq!(
        (lines[3]["id"].clone(), ids(&lines[3])),
        ("dated".into(), vec![SEED_002.to_string()])
    );
    assert!(lines[4]["error"]
        .as_str()
        .unwrap()
        .contains("unknown field `depuis`"));
    assert!(
        stderr(&out).contains("1 request of the batch failed"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn text_output_on_a_terminal_is_coloured_unless_no_color() {
    let index = seed_index().to_str().unwrap().to_string();
    let args = ["search", "--index", &index, "bouclier anti-missiles"];
    let (status, coloured) = franglais_on_terminal(&root(), &args, &[]);
    assert!(status.success(), "{coloured}");
    // Bold red around each matched word form, reset after it.
    assert!(coloured.contains("\x1b[1;31mbouclier"), "{coloured:?}");
    assert!(coloured.contains("\x1b[1;31manti-missiles"), "{coloured:?}");
    assert!(coloured.contains("\x1b[0m"), "{coloured:?}");

    let (status, plain) = franglais_on_terminal(&root(), &args, &[("NO_COLOR", "1")]);
    assert!(status.success(), "{plain}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
    assert!(plain.contains("bouclier anti-missiles"), "{plain}");
}

#[test]
fn text_output_piped_has_no_escape_codes() {
    let index = seed_index().to_str().unwrap().to_string();
    let out = franglais(
        &root(),
        &["search", "--index", &index, "bouclier anti-missiles"],
    );
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(!text.contains('\x1b'), "{text:?}");
    assert!(
        text.contains(
            "1. The divergence between NATO and Russia persists on the anti-missile shield"
        ),
        "{text}"
    );
    assert!(text.contains(SEED_001));
}

#[test]
fn no_hits_exits_1_and_says_so() {
    let index = seed_index().to_str().unwrap().to_string();
    let out = franglais(&root(), &["search", "--index", &index, "zzzzqqq"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("no hits"));
}

#[test]
fn missing_index_is_one_line_naming_path_and_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = franglais(dir.path(), &["search", "--index", "nowhere", "bouclier"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("nowhere") && err.contains("franglais index"),
        "{err}"
    );
}

#[test]
fn default_index_is_built_on_first_use() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for entry in std::fs::read_dir(common::corpus()).unwrap().flatten() {
        std::fs::copy(entry.path(), corpus.join(entry.file_name())).unwrap();
    }
    let out = franglais(
        dir.path(),
        &["search", "--format", "json", "bouclier anti-missiles"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("first use"));
    let results: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(ids(&results)[0], SEED_001);
    assert!(dir.path().join("index/meta.json").is_file());
}

#[test]
fn as_you_type_the_last_word_matches_as_a_prefix() {
    // Letter by letter, as a search box sends it.
    let typed = "bouclier anti-mis";
    let results = search_json(seed_index(), typed, &["--prefix"]);
    assert_eq!(ids(&results)[..2], [SEED_001, SEED_000]);
    let words = highlighted(hit(&results, SEED_000));
    assert!(
        words.iter().any(|w| w.to_lowercase().contains("missile")),
        "{words:?}"
    );
    // Without --prefix, `mis` is a word of its own: it completes nothing.
    let whole = search_json(seed_index(), typed, &["--explain"]);
    let completed = whole["hits"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|h| h["explain"].as_array().unwrap())
        .filter(|m| m["query"] == "mis")
        .count();
    assert_eq!(completed, 0, "{whole}");
    let stolt = search_json(seed_index(), "Stolt", &["--prefix"]);
    assert!(
        highlighted(&stolt["hits"][0]).contains(&"Stoltenberg".to_string()),
        "{stolt}"
    );
    assert_eq!(search_json(seed_index(), "Stolt", &[])["total_hits"], 0);
    // A space after the word: it is complete.
    assert_eq!(
        search_json(seed_index(), "Stolt ", &["--prefix"])["total_hits"],
        0
    );
}

#[test]
fn a_whole_word_ranks_above_the_words_it_begins() {
    let files = [
        (
            "longer.txt",
            "Missions\n\nThe missions of the alliance, and its missions abroad.",
        ),
        ("whole.txt", "Miss\n\nA near miss for the alliance."),
    ];
    let corpus = corpus_of(&files);
    let (_dir, index) = index_of(corpus.path());
    let results = search_json(&index, "alliance miss", &["--prefix"]);
    assert_eq!(ids(&results), ["whole", "longer"]);
}
