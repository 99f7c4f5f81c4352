//! The files of a new site made by `lots init`: a commented `config.yaml`, a front page and
//! one section with one page, in Swedish (the sites are for the city's staff). The pages say
//! how the site is written, so that the first thing a coordinator sees teaches the next step.

use chrono::NaiveDate;

/// The section of the new site, a folder in `content/`.
pub const SECTION: &str = "vagledningar";

/// The files to write, as (path in the site, text).
pub fn files(title: &str, today: NaiveDate) -> Vec<(String, String)> {
    let title = serde_json::Value::String(title.to_string());
    vec![
        ("config.yaml".to_string(), config(&title.to_string())),
        ("content/_index.md".to_string(), FRONT_PAGE.to_string()),
        (
            format!("content/{SECTION}/_index.md"),
            SECTION_PAGE.to_string(),
        ),
        (
            format!("content/{SECTION}/kom-igang.md"),
            FIRST_PAGE.replace("DATE", &today.format("%Y-%m-%d").to_string()),
        ),
    ]
}

fn config(quoted_title: &str) -> String {
    format!(
        "\
# Webbplatsens inställningar. Alla nycklar beskrivs i README för lots, under config.yaml.

# Webbplatsens namn: överst på varje sida och i webbläsarens flik.
title: {quoted_title}

# Adressen där webbplatsen ska publiceras. Den används bara i sitemap.xml och på sidan som
# visas när en adress inte finns: länkarna mellan sidorna är relativa, så webbplatsen
# fungerar också från en delad mapp eller ett USB-minne. Byt till er egen adress.
base_url: \"https://intranat.example.se/kunskapsbank\"

# Sidornas språk, och språket i lots felmeddelanden: sv för svenska, en för engelska.
language: sv

# Taxonomier: ord att sortera sidor efter. En sida anger sina i sidhuvudet, som
# `taxonomies: {{taggar: [rutin, skola]}}`, och varje ord får en sida med sina sidor.
# Ta bort # framför raderna nedan för att använda dem.
# taxonomies:
#   - name: taggar
"
    )
}

const FRONT_PAGE: &str = "\
---
title: \"Startsida\"
description: \"Kunskapsbankens första sida.\"
---

Välkommen! Det här är startsidan, skriven i `content/_index.md`. Skriv om den så att den
säger vad kunskapsbanken innehåller och vem den är till för.

Börja med att läsa [Kom igång](@/vagledningar/kom-igang.md).
";

const SECTION_PAGE: &str = "\
---
title: \"Vägledningar\"
description: \"Vägledningar för den som arbetar med frågan.\"
---

En mapp i `content/` med en fil `_index.md` är en avdelning. Den här avdelningen finns i
`content/vagledningar/`; varje annan `.md`-fil i mappen är en av dess sidor.
";

const FIRST_PAGE: &str = "\
---
title: \"Kom igång\"
description: \"Så skriver du en sida i kunskapsbanken.\"
date: DATE
---

Varje sida är en fil med Markdown. Överst står sidhuvudet mellan två rader `---`: sidans
rubrik (`title`), en mening om sidan (`description`) och datum (`date`, som ÅÅÅÅ-MM-DD).

## Skriv en ny sida

1. Skriv `lots new vagledningar \"Sidans rubrik\"`, eller kopiera den här filen.
2. Skriv texten under sidhuvudet. En rad som börjar med `## ` blir en rubrik.
3. Se sidan med `lots serve`: den visas på nytt varje gång du sparar.

## Länka

Länka till en annan sida med dess fil: `[Startsidan](@/_index.md)` blir
[Startsidan](@/_index.md). En länk till en sida som inte finns är ett fel som syns direkt.
";
