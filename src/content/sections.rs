//! Which section each page and section belongs to, and the order of each section's pages:
//! the links a relink makes again after the library changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::discover::{ancestor_dirs, parent_dir};
use super::kind;
use super::library::{Library, ROOT_SECTION};
use super::{Pages, Section, SortBy};

/// The folder whose section a page belongs to: a bundle's `index.md` belongs to the folder
/// above its own.
pub(super) fn page_dir(key: &str) -> &str {
    match kind::bundle_folder(key) {
        Some(bundle) => parent_dir(bundle.trim_end_matches('/')),
        None => parent_dir(key),
    }
}

/// The nearest section at or above a folder (written with its trailing slash).
pub(super) fn owning_section(sections: &BTreeMap<String, Section>, dir: &str) -> String {
    ancestor_dirs(dir)
        .map(|dir| format!("{dir}_index.md"))
        .find(|key| sections.contains_key(key))
        .unwrap_or_else(|| ROOT_SECTION.into())
}

pub(super) fn link_sections(library: &mut Library) {
    let keys: Vec<String> = library
        .sections
        .keys()
        .filter(|k| *k != ROOT_SECTION)
        .cloned()
        .collect();
    for key in keys {
        let own_dir = parent_dir(&key).trim_end_matches('/');
        let parent = owning_section(&library.sections, parent_dir(own_dir));
        library.sections.get_mut(&key).expect("key from map").parent = Some(parent.clone());
        library
            .sections
            .get_mut(&parent)
            .expect("owning section exists")
            .subsections
            .push(key);
    }
    let weights: HashMap<String, (Option<i64>, String)> = library
        .sections
        .iter()
        .map(|(k, s)| (k.clone(), (s.meta.weight, s.title.clone())))
        .collect();
    for section in library.sections.values_mut() {
        section.subsections.sort_by(|a, b| {
            let (wa, ta) = &weights[a];
            let (wb, tb) = &weights[b];
            (wa.is_none(), wa, ta).cmp(&(wb.is_none(), wb, tb))
        });
    }
}

pub(super) fn assign_pages(library: &mut Library) {
    // Finding each page's section and sorting each section's pages only read the library:
    // done on every core, they were a second of one core at 100,000 pages.
    let sections = &library.sections;
    let owners: Vec<String> = library
        .pages
        .par_iter()
        .map(|(key, _)| owning_section(sections, page_dir(key)))
        .collect();
    let mut members: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ((key, page), owner) in library.pages.iter_mut().zip(owners) {
        members.entry(owner.clone()).or_default().push(key.clone());
        page.section = owner;
    }
    let (sections, pages) = (&library.sections, &library.pages);
    members
        .par_iter_mut()
        .for_each(|(section, keys)| sort_pages(pages, sections[section].meta.sort_by, keys));
    for keys in members.values() {
        set_neighbours(&mut library.pages, keys);
    }
    // Transparent sections lend their pages to the section above them, which sorts the lot
    // again; a sorted list sorted again (the sorts are stable) keeps its order.
    let mut listed = members;
    let transparent: Vec<(String, String)> = library
        .sections
        .values()
        .filter(|s| s.meta.transparent)
        .filter_map(|s| s.parent.clone().map(|p| (s.doc.key.clone(), p)))
        .collect();
    let mut grown = BTreeSet::new();
    for (child, parent) in transparent {
        let borrowed = listed.get(&child).cloned().unwrap_or_default();
        listed.entry(parent.clone()).or_default().extend(borrowed);
        grown.insert(parent);
    }
    for (section_key, mut keys) in listed {
        let section = library
            .sections
            .get_mut(&section_key)
            .expect("owning section exists");
        if grown.contains(&section_key) {
            sort_pages(&library.pages, section.meta.sort_by, &mut keys);
        }
        section.pages = keys;
    }
}

/// Pages without the field a section sorts by go last, in file order.
pub fn sort_pages(pages: &Pages, sort_by: SortBy, keys: &mut [String]) {
    match sort_by {
        // Newest first; undated last. Keys computed once per page (stable sort keeps file order).
        SortBy::Date => keys.sort_by_cached_key(|k| {
            let date = pages[k].meta.date.as_ref().map(|d| d.sort_key);
            (date.is_none(), std::cmp::Reverse(date))
        }),
        SortBy::Weight => keys.sort_by_cached_key(|k| {
            let weight = pages[k].meta.weight;
            (weight.is_none(), weight)
        }),
        SortBy::Title => keys.sort_by_cached_key(|k| pages[k].meta.title.to_lowercase()),
        SortBy::TitleBytes => keys.sort_by(|a, b| pages[a].meta.title.cmp(&pages[b].meta.title)),
        // Most recently updated first; a page never updated counts from its date.
        SortBy::UpdateDate => keys.sort_by_cached_key(|k| {
            let meta = &pages[k].meta;
            let date = meta
                .updated
                .as_ref()
                .or(meta.date.as_ref())
                .map(|d| d.sort_key);
            (date.is_none(), std::cmp::Reverse(date))
        }),
        SortBy::Slug => keys.sort_by(|a, b| pages[a].slug.cmp(&pages[b].slug)),
        SortBy::None => {}
    }
}

pub(super) fn set_neighbours(pages: &mut Pages, ordered: &[String]) {
    for (index, key) in ordered.iter().enumerate() {
        let page = pages.get_mut(key).expect("key from section");
        page.previous = index.checked_sub(1).map(|i| ordered[i].clone());
        page.next = ordered.get(index + 1).cloned();
    }
}
