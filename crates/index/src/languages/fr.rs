//! French.

use rust_stemmers::Algorithm;
use whatlang::Lang;

use super::LanguageData;

/// French: see [`LanguageData`].
pub(super) const FRENCH: LanguageData = LanguageData {
    stemmer: Algorithm::French,
    whatlang: Lang::Fra,
    stop_words: &[
        "a", "ai", "au", "aux", "avaient", "avais", "avait", "avec", "avez", "avons", "c", "ce",
        "ceci", "cela", "celle", "celles", "celui", "ces", "cet", "cette", "ceux", "chez", "d",
        "dans", "de", "des", "donc", "dont", "du", "elle", "elles", "en", "et", "il", "ils", "j",
        "je", "l", "la", "le", "les", "leur", "leurs", "lui", "m", "ma", "mais", "me", "mes",
        "moi", "mon", "n", "ne", "ni", "nos", "notre", "nous", "on", "ont", "ou", "où", "par",
        "pour", "qu", "que", "quel", "quelle", "quelles", "quels", "qui", "s", "sa", "se", "ses",
        "si", "sont", "sur", "t", "ta", "te", "tes", "toi", "ton", "tu", "un", "une", "vos",
        "votre", "vous", "y", "à", "étaient", "étais", "était", "être",
    ],
    // `et` is left out for "et al.".
    function_words: &[
        "aux", "avec", "ces", "cette", "dans", "des", "du", "elle", "est", "il", "ils", "la", "le",
        "les", "leur", "mais", "ne", "nous", "où", "pas", "pour", "que", "qui", "sont", "sur",
        "une", "vous",
    ],
    months: &[
        ("janvier", 1),
        ("fevrier", 2),
        ("mars", 3),
        ("avril", 4),
        ("mai", 5),
        ("juin", 6),
        ("juillet", 7),
        ("aout", 8),
        ("septembre", 9),
        ("octobre", 10),
        ("novembre", 11),
        ("decembre", 12),
        ("sept", 9),
    ],
    // Lucene's `FrenchAnalyzer` list.
    elisions: &[
        "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
    ],
    respellings: &[
        ("tch", "ch"),
        ("ch", "sh"),
        ("iou", "yu"),
        ("ou", "u"),
        ("^e", "ye"),
        ("ie", "ye"),
        ("ine$", "in"),
        ("j", "zh"),
        ("gue", "ge"),
        ("gui", "gi"),
        ("ss", "s"),
        ("ski$", "sky"),
        ("ï", "i"),
    ],
};
