//! The editor's words for the people who use it, in Swedish, in one place: why a path, a new
//! page or an upload was refused, and the hints a new page's file carries. The pipeline's
//! own messages (schema errors, build errors) stay where they are, in English.

/// Shown for a page whose front matter is TOML (`+++`), which the editor cannot write: it
/// refuses the page rather than write YAML over it.
pub const TOML_FRONT_MATTER: &str = "Sidans sidhuvud är skrivet i TOML (mellan rader +++), och redigeraren kan bara skriva YAML; ändra sidan i en textredigerare, eller skriv om sidhuvudet i YAML mellan rader --- så kan den redigeras här.";

/// Shown for a key that is empty.
pub const EMPTY_PATH: &str =
    "Sökvägen är tom; ange en sida i content/, till exempel symboler/kod-88/index.md.";

pub fn no_content_folder(root: &str) -> String {
    format!("Det finns ingen mapp content/ i {root}; kör kommandot i webbplatsens mapp eller ange den med --root.")
}

pub fn bad_character(key: &str, what: &str) -> String {
    format!("Sökvägen {key:?} innehåller {what}; skriv den med / mellan mapparna och bara vanliga tecken.")
}

pub fn absolute_path(key: &str) -> String {
    format!("Sökvägen {key:?} börjar vid roten; skriv den relativt mappen content/, till exempel symboler/kod-88/index.md.")
}

pub fn bad_component(key: &str, part: &str) -> String {
    let what = match part {
        "" => "en tom del (två / i rad, eller / i början eller slutet)".to_string(),
        "." | ".." => format!("delen {part:?}"),
        _ => format!(
            "namnet {part:?}, som webbplatsen hoppar över (dolda filer och säkerhetskopior)"
        ),
    };
    format!("Sökvägen {key:?} innehåller {what}; sidor kan bara skrivas inne i content/.")
}

pub fn not_a_page(key: &str) -> String {
    format!("{key:?} är ingen sida: en sida är en .md-fil (sida.md, eller index.md i sidans egen mapp).")
}

pub fn symlink(key: &str, link: &str) -> String {
    format!("content/{link} är en symbolisk länk; redigeraren skriver aldrig genom länkar. Kan inte skriva content/{key}.")
}

pub fn outside_content(key: &str) -> String {
    format!("content/{key} hamnar utanför mappen content/; redigeraren skriver bara där.")
}

pub fn not_a_folder(key: &str, part: &str) -> String {
    format!("content/{part} är en fil, inte en mapp, så content/{key} kan inte skrivas.")
}

pub fn not_a_file(key: &str) -> String {
    format!("content/{key} är en mapp, inte en fil.")
}

pub fn missing_folder(key: &str, folder: &str) -> String {
    format!("Mappen content/{folder} finns inte, så content/{key} kan inte skrivas; nya sidor hamnar i en befintlig sektion.")
}

pub fn unreadable(key: &str, why: &std::io::Error) -> String {
    format!("content/{key} kunde inte läsas: {why}.")
}

pub fn write_failed(key: &str, why: &std::io::Error) -> String {
    if why.kind() == std::io::ErrorKind::AlreadyExists {
        return format!("content/{key} skapades av någon annan just nu; välj en annan titel.");
    }
    format!("content/{key} kunde inte skrivas: {why}.")
}

pub fn not_a_section(key: &str) -> String {
    format!("{key:?} är ingen sektion: en sektion är en mapp med en _index.md, till exempel symboler/_index.md.")
}

pub fn unknown_section(folder: &str, known: &[String]) -> String {
    let list = if known.is_empty() {
        "webbplatsen har inga sektioner ännu".to_string()
    } else {
        format!("sektionerna är {}", known.join(", "))
    };
    format!("Det finns ingen sektion {folder:?} (en mapp i content/ med en _index.md); {list}.")
}

pub fn title_without_letters(title: &str) -> String {
    format!("Titeln {title:?} har inga bokstäver eller siffror att bilda ett filnamn av; skriv en titel med ord.")
}

/// A new page whose name is taken; `existing` is the content key of the file or folder.
pub fn page_exists(title: &str, existing: &str) -> String {
    format!("Det finns redan en sida med samma namn som {title:?}: content/{existing}. Välj en annan titel, eller redigera den sidan.")
}

pub fn reserved_title(title: &str) -> String {
    format!("Titeln {title:?} ger ett filnamn som webbplatsen använder till annat; välj en annan titel.")
}

pub fn not_a_bundle(key: &str) -> String {
    format!("Sidan content/{key} har ingen egen mapp, så den kan inte ha egna filer. Filer kan bara laddas upp till sidor som är en mapp med index.md.")
}

pub fn page_missing(key: &str) -> String {
    format!("Sidan content/{key} finns inte (spara sidan först).")
}

pub fn upload_without_extension(name: &str, allowed: &[&str]) -> String {
    format!(
        "Filen {name:?} har ingen filändelse; tillåtna typer är {}.",
        dotted(allowed)
    )
}

pub fn upload_type_refused(name: &str, allowed: &[&str]) -> String {
    if allowed.is_empty() {
        return format!("Filen {name:?} kan inte laddas upp här: inga filtyper är tillåtna.");
    }
    format!(
        "Filen {name:?} har en filtyp som inte är tillåten här; tillåtna typer är {}.",
        dotted(allowed)
    )
}

pub fn upload_is_a_page(name: &str) -> String {
    format!("Filen {name:?} är en Markdown-sida; skapa sidor med Ny sida, inte genom att ladda upp dem.")
}

pub fn upload_name_without_letters(name: &str) -> String {
    format!("Filnamnet {name:?} har inga bokstäver eller siffror; byt namn på filen och ladda upp den igen.")
}

fn dotted(extensions: &[&str]) -> String {
    extensions
        .iter()
        .map(|e| format!(".{e}"))
        .collect::<Vec<_>>()
        .join(", ")
}

// What `lots new` says and what a new page's file carries as hints.

pub fn page_created(path: &str, placeholder: &str, placeholders: usize) -> String {
    if placeholders == 0 {
        return format!("Skapade {path}. Skriv sidans text under den andra raden ---.");
    }
    format!("Skapade {path}. Fyll i de {placeholders} fält som står som {placeholder}; `lots build` visar vilka som är kvar.")
}

pub const BODY_HINT: &str = "Skriv sidans text här, i Markdown. En länk till en annan sida skrivs `[text](@/sektion/sida.md)`.";

pub const DESCRIPTION_HINT: &str = "en mening om sidan, visas i listor och sökresultat";

pub const OPTIONAL: &str = "valfritt";

pub const RECORDS_HINT: &str = "en rad per post; kopiera raden från - för fler";

/// What a field takes, for the comment beside it in a new page's file.
pub fn field_hint(spec: &crate::config::FieldSpec) -> String {
    use crate::config::FieldKind;
    let kind = match spec.kind {
        FieldKind::Text => "text".to_string(),
        FieldKind::Number => "ett tal".to_string(),
        FieldKind::Bool => "true eller false".to_string(),
        FieldKind::Date => "datum, ÅÅÅÅ-MM-DD".to_string(),
        FieldKind::Enum => format!("ett av: {}", spec.values.join(", ")),
        FieldKind::List if spec.values.is_empty() => "lista: [ett, två]".to_string(),
        FieldKind::List => format!("lista med några av: {}", spec.values.join(", ")),
        FieldKind::File if spec.extensions.is_empty() => "en fil i sidans mapp".to_string(),
        FieldKind::File => {
            let allowed: Vec<&str> = spec.extensions.iter().map(String::as_str).collect();
            format!("en fil i sidans mapp ({})", dotted(&allowed))
        }
        FieldKind::Email => "e-postadress".to_string(),
        FieldKind::Phone => "telefonnummer".to_string(),
        FieldKind::Url => "webbadress som börjar med https://".to_string(),
        FieldKind::Records => RECORDS_HINT.to_string(),
    };
    let mut hint = match &spec.description {
        Some(description) => format!("{description}; {kind}"),
        None => kind,
    };
    if !spec.requires.is_empty() {
        hint.push_str(&format!("; kräver även {}", spec.requires.join(", ")));
    }
    // A comment ends at the line's end: a description written over several lines stays one.
    hint.split_whitespace().collect::<Vec<_>>().join(" ")
}
