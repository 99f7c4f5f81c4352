//! Writing YAML that reads back as written: quoted text and keys, for the editor and for
//! front matter and config converted from TOML.

/// Characters a YAML file may not hold as they are (outside YAML's printable set, line
/// breaks, the byte order mark).
pub fn needs_escape(c: char) -> bool {
    let printable = matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        || c >= '\u{10000}';
    !printable || matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
}

/// `s` in double quotes, with the characters YAML cannot hold as they are escaped.
pub fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) && (c as u32) > 0xffff => {
                out.push_str(&format!("\\U{:08X}", c as u32))
            }
            c if needs_escape(c) => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key as YAML: plain when it is a simple word YAML reads as text, quoted otherwise.
pub fn plain_or_quoted_key(key: &str) -> String {
    let simple = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let special = matches!(
        key.to_ascii_lowercase().as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
    );
    if simple && !special {
        key.to_string()
    } else {
        double_quoted(key)
    }
}
