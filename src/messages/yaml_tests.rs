//! Each YAML mistake a writer makes, read as a page's front matter (which starts on the
//! file's line 2) in a Swedish site: the message, and the line and column of the caret.

use std::path::Path;

use crate::content::front_matter::RawPage;
use crate::diagnostics::Diagnostic;
use crate::messages::Lang;
use crate::yaml::{self, Block, Node, Spanned};

/// The Swedish diagnostic of the front matter `yaml`, read as fields of any kind.
fn swedish(yaml: &str) -> Diagnostic {
    swedish_as::<Spanned<Node>>(yaml)
}

fn swedish_as<T: serde::de::DeserializeOwned>(yaml: &str) -> Diagnostic {
    let file = format!("---\n{yaml}---\n");
    let block = Block::new(Path::new("sida.md"), &file, 2);
    let Err(mut problem) = yaml::parse::<T>(block, yaml) else {
        panic!("{yaml:?} was read without an error");
    };
    problem.localize(Lang::Sv);
    problem
}

#[test]
fn an_unquoted_colon_in_a_value_is_named_and_pointed_at() {
    let problem = swedish("title: Rutin: så gör du\nmiljo: skola\n");
    assert_eq!((problem.line, problem.column), (2, 13), "{problem}");
    assert_eq!(problem.code, "yaml.colon_in_value");
    assert_eq!(
        problem.message,
        "värdet i `title` innehåller ett kolon följt av mellanslag, och då tror YAML att ett nytt fält börjar; sätt hela värdet inom citattecken: `title: \"Rutin: så gör du\"`"
    );
}

#[test]
fn a_missing_space_after_a_colon_is_named_on_its_own_line() {
    let problem = swedish("title: Rutin\nmiljo:skola\n");
    assert_eq!((problem.line, problem.column), (3, 7), "{problem}");
    assert_eq!(
        problem.message,
        "det saknas ett mellanslag efter kolonet i `miljo:skola`; skriv `miljo: skola`"
    );
    // The parser stops a line later when another field follows: the caret stays on the mistake.
    let problem = swedish("title:Rutin\nmiljo: skola\n");
    assert_eq!((problem.line, problem.column), (2, 7), "{problem}");
    assert_eq!(problem.code, "yaml.missing_space");
}

#[test]
fn a_tab_used_for_indentation_is_pointed_at() {
    let problem = swedish("title: a\n\tmiljo: skola\n");
    assert_eq!((problem.line, problem.column), (3, 1), "{problem}");
    assert_eq!(
        problem.message,
        "raden är indragen med tabb; YAML kräver mellanslag: byt tabben mot mellanslag"
    );
    let problem = swedish("title: a\nlista:\n\t- a\n");
    assert_eq!((problem.line, problem.column), (4, 1), "{problem}");
    assert_eq!(problem.code, "yaml.tab");
}

#[test]
fn wrong_indentation_is_named_at_the_line_that_is_off() {
    let problem = swedish("title: a\n  miljo: skola\n");
    assert_eq!((problem.line, problem.column), (3, 3), "{problem}");
    assert_eq!(
        problem.message,
        "raden är indragen på ett annat sätt än raderna ovanför; fält på samma nivå ska ha lika många mellanslag först på raden"
    );
    let problem = swedish("title: a\nextra:\n  a: 1\n b: 2\n");
    assert_eq!((problem.line, problem.column), (5, 2), "{problem}");
    assert_eq!(problem.code, "yaml.indent");
    let problem = swedish("lista:\n  - namn: a\n     typ: b\n");
    assert_eq!((problem.line, problem.column), (4, 6), "{problem}");
    assert_eq!(problem.code, "yaml.indent");
}

#[test]
fn an_unclosed_quote_is_pointed_at_where_it_opens() {
    let problem = swedish("title: \"Rutin\nmiljo: skola\n");
    assert_eq!((problem.line, problem.column), (2, 8), "{problem}");
    assert_eq!(
        problem.message,
        "citattecknet \" som börjar här avslutas aldrig; avsluta värdet med \" på samma rad"
    );
}

#[test]
fn a_value_where_a_list_belongs_says_how_to_write_the_list() {
    let problem = swedish_as::<RawPage>("title: a\naliases: /gammal/\n");
    assert_eq!((problem.line, problem.column), (3, 1), "{problem}");
    assert_eq!(
        problem.message,
        "`aliases` ska vara en lista: skriv `aliases: [/gammal/]`, eller varje punkt på en egen rad som börjar med `- ` under `aliases`"
    );
}

#[test]
fn text_after_a_closing_quote_is_pointed_at() {
    let problem = swedish("title: \"Rutin\" och mer\n");
    assert_eq!((problem.line, problem.column), (2, 16), "{problem}");
    assert_eq!(
        problem.message,
        "det står text efter citattecknet som avslutar värdet; sätt hela värdet inom citattecknen, och använd ' för citat inne i texten"
    );
}

#[test]
fn an_unclosed_bracket_is_pointed_at_where_it_opens() {
    let problem = swedish("title: [a\n");
    assert_eq!((problem.line, problem.column), (2, 8), "{problem}");
    assert_eq!(
        problem.message,
        "hakparentesen [ som börjar här avslutas aldrig; avsluta listan med ] på samma rad, eller sätt värdet inom citattecken om det är text"
    );
}

#[test]
fn other_parser_messages_keep_their_words_in_a_plain_frame() {
    let problem = swedish("title: [a\nmiljo: b\n");
    assert_eq!(problem.code, "yaml.syntax", "{problem}");
    assert_eq!(
        problem.message,
        "raden går inte att läsa (illegal placement of ':' indicator); kontrollera kolon, citattecken och indrag"
    );
}
