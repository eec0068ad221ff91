//! English.

use rust_stemmers::Algorithm;
use whatlang::Lang;

use super::LanguageData;

/// English: see [`LanguageData`].
pub(super) const ENGLISH: LanguageData = LanguageData {
    stemmer: Algorithm::English,
    whatlang: Lang::Eng,
    stop_words: &[
        "a", "about", "am", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by",
        "did", "do", "does", "for", "from", "had", "has", "have", "he", "her", "hers", "him",
        "his", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our",
        "ours", "s", "she", "so", "t", "than", "that", "the", "their", "theirs", "them", "then",
        "there", "these", "they", "this", "those", "to", "was", "we", "were", "what", "which",
        "who", "whom", "with", "you", "your", "yours",
    ],
    function_words: &[
        "and", "are", "be", "by", "can", "for", "from", "has", "have", "if", "in", "is", "it",
        "its", "not", "of", "that", "the", "their", "this", "to", "was", "when", "which", "will",
        "with", "you",
    ],
    months: &[
        ("january", 1),
        ("february", 2),
        ("march", 3),
        ("april", 4),
        ("may", 5),
        ("june", 6),
        ("july", 7),
        ("august", 8),
        ("september", 9),
        ("october", 10),
        ("november", 11),
        ("december", 12),
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
    elisions: &[],
    respellings: &[
        ("ch", "tch"),
        ("sh", "ch"),
        ("yu", "iou"),
        ("u", "ou"),
        ("^ye", "e"),
        ("ye", "ie"),
        ("in$", "ine"),
        ("zh", "j"),
        ("ge", "gue"),
        ("gi", "gui"),
        ("s", "ss"),
        ("sky$", "ski"),
    ],
};
