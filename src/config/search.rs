//! `search:` in config.yaml: the front-matter keys that are other names for a page, and the
//! synonyms the browser applies to every query. Synonyms are written as typed to a file of
//! their own (`search/synonyms.js`); the browser analyses them, so changing the list changes
//! no page's terms.

use serde::{Deserialize, Serialize};

use crate::args;
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Node, Spanned};

/// `search:` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSearchConfig {
    #[serde(default)]
    keywords: Option<Vec<String>>,
    #[serde(default)]
    synonyms: Vec<Spanned<Node>>,
}

/// `search:` in config.yaml.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchConfig {
    /// Front-matter keys (under `extra:` or a collection's fields) whose values are other names
    /// for a page, ranked like its title. Default: koder, kod, alias, nyckelord, sokord, keywords.
    pub keywords: Option<Vec<String>>,
    /// Words and phrases a query may be widened with.
    pub synonyms: Vec<Synonym>,
}

/// One entry of `search.synonyms`: a query that says one of `from` also looks for each of
/// `to`. A group (`[a, b, c]`) has the same words on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Synonym {
    pub from: Vec<String>,
    pub to: Vec<String>,
}

impl Synonym {
    pub fn is_group(&self) -> bool {
        self.from == self.to
    }
}

impl SearchConfig {
    pub(super) fn checked(
        raw: RawSearchConfig,
        block: yaml::Block<'_>,
        problems: &mut Vec<Diagnostic>,
    ) -> SearchConfig {
        let synonyms = raw
            .synonyms
            .iter()
            .filter_map(|entry| match synonym(entry) {
                Ok(synonym) => Some(synonym),
                Err((at, key, args)) => {
                    let (line, column) = at.unwrap_or_else(|| place(entry));
                    problems.push(block.diagnostic(line, column, "").with_text(key, args));
                    None
                }
            })
            .collect();
        SearchConfig {
            keywords: raw.keywords,
            synonyms,
        }
    }
}

/// Where a problem is (the entry itself when `None`), its catalogue key and arguments.
type Problem = (Option<(u64, u64)>, &'static str, crate::messages::Args);

fn place<T>(spanned: &Spanned<T>) -> (u64, u64) {
    (spanned.referenced.line(), spanned.referenced.column())
}

fn synonym(entry: &Spanned<Node>) -> Result<Synonym, Problem> {
    match &entry.value {
        Node::Seq(items) => {
            let words = words(items)?;
            if words.len() < 2 {
                return Err((None, "config.synonym.alone", args![]));
            }
            Ok(Synonym {
                from: words.clone(),
                to: words,
            })
        }
        Node::Map(fields) => {
            let (mut from, mut to) = (None, None);
            for (name, value) in fields {
                match name.value.as_str() {
                    "from" => from = Some(one_or_more(value)?),
                    "to" => to = Some(one_or_more(value)?),
                    other => {
                        return Err((
                            Some(place(name)),
                            "config.synonym.key",
                            args!["key" => other],
                        ))
                    }
                }
            }
            match (from, to) {
                (Some(from), Some(to)) => Ok(Synonym { from, to }),
                _ => Err((None, "config.synonym.one_way", args![])),
            }
        }
        other => Err((None, "config.synonym.shape", args!["kind" => other.kind()])),
    }
}

fn one_or_more(value: &Spanned<Node>) -> Result<Vec<String>, Problem> {
    match &value.value {
        Node::Seq(items) if !items.is_empty() => words(items),
        Node::Seq(_) => Err((Some(place(value)), "config.synonym.empty", args![])),
        _ => words(std::slice::from_ref(value)),
    }
}

/// The words or phrases of a list, each with at least one word in it.
fn words(items: &[Spanned<Node>]) -> Result<Vec<String>, Problem> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let Some(text) = item.value.text() else {
            return Err((
                Some(place(item)),
                "config.synonym.not_text",
                args!["kind" => item.value.kind()],
            ));
        };
        let text = text.trim();
        if !text.chars().any(char::is_alphanumeric) {
            return Err((
                Some(place(item)),
                "config.synonym.no_word",
                args!["text" => text],
            ));
        }
        if !out.iter().any(|w| w == text) {
            out.push(text.to_string());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[derive(Deserialize)]
    struct Wrapper {
        search: RawSearchConfig,
    }

    fn check(text: &str) -> (Vec<Synonym>, Vec<String>) {
        let path = Path::new("config.yaml");
        let block = yaml::Block::new(path, text, 1);
        let raw: Wrapper = yaml::parse(block, text).expect("valid YAML");
        let mut problems = Vec::new();
        let config = SearchConfig::checked(raw.search, block, &mut problems);
        let problems = problems
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
            .collect();
        (config.synonyms, problems)
    }

    #[test]
    fn reads_groups_and_one_way_entries() {
        let (synonyms, problems) = check(
            "search:\n  synonyms:\n    - [återvändare, hemvändare]\n    - {from: Säpo, to: [Säkerhetspolisen]}\n    - {from: [nazze, nasse], to: nazist}\n    - [88, Heil Hitler]\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(synonyms[0].is_group());
        assert_eq!(synonyms[0].from, ["återvändare", "hemvändare"]);
        assert_eq!(synonyms[1].from, ["Säpo"]);
        assert_eq!(synonyms[1].to, ["Säkerhetspolisen"]);
        assert!(!synonyms[1].is_group());
        assert_eq!(synonyms[2].from, ["nazze", "nasse"]);
        assert_eq!(synonyms[2].to, ["nazist"]);
        assert_eq!(synonyms[3].from, ["88", "Heil Hitler"]);
    }

    #[test]
    fn points_at_each_bad_entry() {
        let (synonyms, problems) = check(
            "search:\n  synonyms:\n    - [ensam]\n    - {from: Säpo}\n    - [a, \"--\"]\n    - bara text\n    - {from: a, till: b}\n    - [ok, bra]\n",
        );
        assert_eq!(synonyms.len(), 1);
        assert_eq!(problems.len(), 5, "{problems:?}");
        assert!(problems[0].starts_with("3:7: "), "{problems:?}");
        assert!(problems[1].starts_with("4:7: "), "{problems:?}");
        assert!(problems[2].starts_with("5:11: "), "{problems:?}");
        assert!(problems[3].starts_with("6:7: "), "{problems:?}");
        assert!(problems[4].starts_with("7:17: "), "{problems:?}");
        assert!(problems[4].contains("`till`"), "{problems:?}");
    }
}
