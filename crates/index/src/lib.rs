//! franglais-index: bilingual French/English analysis and index building.
pub mod analysis;

pub use analysis::chain::Language;
pub use analysis::Analyzer;
