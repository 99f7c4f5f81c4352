//! `texts.js`: the interface texts the theme's scripts show (the search box's counts and
//! messages, the offline banner, the checklist note), taken from the merged `strings.yaml` and
//! written once per site. Every page used to carry them as `data-text-*` attributes, about
//! 900 bytes of each page (90 MB at 100,000 pages); now each page loads one small file its
//! browser keeps. A site's own template may still set the attributes: the scripts read an
//! attribute first.

use serde_json::{Map, Value};

/// The file's path in the output.
pub const PATH: &str = "texts.js";

/// The name a script asks for, and the key of `strings.yaml` that gives it.
const TEXTS: [(&str, &str); 12] = [
    ("search-none", "search_none"),
    ("search-one", "search_one"),
    ("search-many", "search_many"),
    ("search-atleast", "search_at_least"),
    ("search-all", "search_all"),
    ("search-loading", "search_loading"),
    ("search-suggest", "search_suggest"),
    ("search-error", "search_error"),
    ("offline-updated", "offline_updated"),
    ("offline-reload", "offline_reload"),
    ("offline-offline", "offline_shown"),
    ("checklist", "checklist_saved"),
];

/// The script that sets `self.lotsTexts`, from the theme's `strings`. A key a theme leaves out
/// is left out here too, and the script that wants it shows nothing rather than a wrong text.
pub fn script(strings: &Map<String, Value>) -> String {
    let texts: Map<String, Value> = TEXTS
        .iter()
        .filter_map(|(name, key)| {
            let text = strings.get(*key)?.as_str()?;
            Some((name.to_string(), Value::String(text.to_string())))
        })
        .collect();
    // JSON is a JavaScript expression; the file is loaded by <script src>, never inlined.
    let json = Value::Object(texts).to_string();
    format!(
        "// Written by lots from the theme's strings.yaml: the texts the theme's scripts show.\n\
         self.lotsTexts = {json};\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_a_script_reads_is_in_the_default_theme() {
        let strings: Map<String, Value> =
            serde_saphyr::from_str(include_str!("../../themes/lots/strings.yaml"))
                .expect("strings.yaml");
        for (name, key) in TEXTS {
            let text = strings.get(key).and_then(Value::as_str);
            assert!(text.is_some_and(|t| !t.is_empty()), "{key} for {name}");
        }
    }

    #[test]
    fn texts_are_written_as_json_strings() {
        let mut strings = Map::new();
        strings.insert("search_one".into(), "1 \"träff\" </script>\n".into());
        strings.insert("unused".into(), "x".into());
        let script = script(&strings);
        assert!(
            script.contains(r#"self.lotsTexts = {"search-one":"1 \"träff\" </script>\n"};"#),
            "{script}"
        );
        assert!(!script.contains("unused"));
    }
}
