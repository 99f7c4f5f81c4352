//! WCAG 2.1 1.4.10 (Reflow) in a real browser: every page of the example site (content/), and
//! of a fixture page holding what is hardest to fit (a wide Markdown table, a long URL, e-mail
//! address, word, tag and code line), opened at 320 and 390 px wide, scrolls no page sideways.
//! tests/browser/reflow.mjs takes the pages from the built output, so new page types are
//! checked without a list to keep.
//!
//! Needs `npm ci` (playwright-core in node_modules/) and `apt-get install -y chromium`.

mod common;

use std::path::PathBuf;

use common::fixture;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const WIDE_PAGE: &str = r#"---
title: "Samordnare för Stadsledningskontoretsvåldsbejakandeextremismförebyggandearbete"
description: "Kontakt: fornamn.efternamn.samordnare.vbe@stadsledningskontoret.example.stockholm.se"
taxonomies:
  tags: ["Extremismförebyggandesamordningsverksamhetsutvecklingsprojektet"]
---

## Kontaktuppgifterförvaltningsövergripandesamordningsfunktionen

Skriv till fornamn.efternamn.samordnare.vbe@stadsledningskontoret.example.stockholm.se eller
[fornamn.efternamn.samordnare.vbe@stadsledningskontoret.example.stockholm.se](mailto:fornamn.efternamn.samordnare.vbe@stadsledningskontoret.example.stockholm.se), läs
<https://www.example.stockholm.se/kunskapsbank/valdsbejakande-extremism/vagledningar/rutin-vid-oro-eller-handelse/bilagor/blankett.pdf>
och [https://www.example.stockholm.se/kunskapsbank/valdsbejakande-extremism/vagledningar/sekretess](https://www.example.stockholm.se/kunskapsbank/valdsbejakande-extremism/vagledningar/sekretess).

| Förvaltning | Samordnare | Telefon | E-post | Uppdaterad | Anteckning |
| --- | --- | --- | --- | --- | --- |
| Arbetsmarknadsförvaltningen | Förnamn Efternamn | 08-123 456 22 | vbe.arbetsmarknadsforvaltningen@example.stockholm.se | 2020-05-25 | Samordnar arbetet i hela förvaltningen |
| Utbildningsförvaltningen | Förnamn Efternamn | 08-123 456 21 | vbe.utbildningsforvaltningen@example.stockholm.se | 2020-05-25 | Ansvarar för skolornas rutiner |

```text
lots build --root /srv/kunskapsbank/valdsbejakande-extremism --output /srv/www/kunskapsbank/public --base-url https://intranat.example.se/vbe/
```

Kör `lots-build-root-srv-kunskapsbank-valdsbejakande-extremism-output-srv-www-public` en gång.
"#;

#[test]
fn no_page_scrolls_sideways_at_320_and_390_px() {
    let repo = repo();
    let work = tempfile::tempdir().expect("temp dir");
    let example = work.path().join("example");
    common::build_site(&repo, &example, &[]);
    let site = fixture("basic");
    site.write("content/guider/bred.md", WIDE_PAGE);
    let wide = work.path().join("wide");
    common::build_site(&site.root, &wide, &[]);
    let report = common::run_node(
        "tests/browser/reflow.mjs",
        &[
            std::ffi::OsStr::new("samordnare"),
            example.as_os_str(),
            wide.as_os_str(),
        ],
    );
    assert!(report.contains(" pages fit"), "{report}");
}
