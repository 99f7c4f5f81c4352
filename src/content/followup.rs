//! Follow-up reports of the action plans: a collection marked `follow_up:` in config.yaml
//! holds one page per plan and period (`T1`, `T2`, `VB` and a year) with a status per
//! activity id. Read once after loading, checked against the plans (with the position of
//! every offending value), and kept as [`FollowUp`], which templates and CSV files read.
//!
//! The report's field names are fixed here: `plan` (an `@/` link), `period`, `ar`,
//! `aktiviteter` (records of `id`, `status`, `kommentar`), `deltagit`, `medarbetare`,
//! `namnd` (for a report without a plan: training figures only) and `exempeldata`.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Node, Spanned};

use super::{Library, Page};

/// A reporting period: the first or second tertial, or the whole year (`VB`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    /// 1 for T1, 2 for T2, 3 for VB: the order periods come in.
    pub part: u8,
}

const PARTS: [&str; 3] = ["T1", "T2", "VB"];

/// The statuses an activity can have, in the order tables show them.
pub const STATUSES: [&str; 4] = ["genomford", "pagar", "ej_paborjad", "installd"];

impl Period {
    pub fn new(name: &str, year: i64) -> Option<Period> {
        let part = PARTS.iter().position(|p| *p == name)? as u8 + 1;
        Some(Period {
            year: i32::try_from(year).ok()?,
            part,
        })
    }

    pub fn name(&self) -> &'static str {
        PARTS[usize::from(self.part - 1)]
    }

    /// `T2 2020`.
    pub fn label(&self) -> String {
        format!("{} {}", self.name(), self.year)
    }

    /// The last day the period covers: T1 is January–April, T2 May–August, VB the year.
    pub fn end(&self) -> Option<NaiveDate> {
        let (month, day) = match self.part {
            1 => (4, 30),
            2 => (8, 31),
            _ => (12, 31),
        };
        NaiveDate::from_ymd_opt(self.year, month, day)
    }

    pub fn of_year(year: i32) -> [Period; 3] {
        [1, 2, 3].map(|part| Period { year, part })
    }
}

/// One activity's line in a report.
#[derive(Debug, Clone)]
pub struct Entry {
    pub status: String,
    pub comment: Option<String>,
}

/// One published follow-up report.
#[derive(Debug, Clone)]
pub struct Report {
    pub key: String,
    pub title: String,
    pub output_path: String,
    /// Content key of the plan; `None` for a report of training figures only.
    pub plan: Option<String>,
    pub committee: String,
    pub period: Period,
    pub entries: BTreeMap<String, Entry>,
    pub participants: Option<u64>,
    pub employees: Option<u64>,
    pub example: bool,
}

/// Every published report, sorted by plan and period, and the rules they were read with.
#[derive(Debug, Default, Clone)]
pub struct FollowUp {
    /// The collection of reports, and of the plans they follow up.
    pub collection: Option<String>,
    pub plans: String,
    pub grace_days: u32,
    pub reports: Vec<Report>,
}

/// What reading the reports found.
pub struct Loaded {
    pub followup: FollowUp,
    pub problems: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

fn follow_up_collection(config: &Config) -> Option<(&str, &crate::config::FollowUpOf)> {
    config
        .collections
        .iter()
        .find_map(|c| c.follow_up.as_ref().map(|f| (c.name.as_str(), f)))
}

fn in_collection(page: &Page, name: &str) -> bool {
    page.fields.collection.as_deref() == Some(name)
}

/// The content key a report's `plan: "@/handlingsplaner/x.md"` names.
fn plan_key(page: &Page) -> Option<&str> {
    let written = page.fields.values.get("plan")?.as_str()?;
    let key = written.strip_prefix("@/")?;
    Some(key.split_once('#').map_or(key, |(k, _)| k))
}

/// Whether a page is a report of a plan this build leaves out: it is left out too.
pub(super) fn names_unpublished_plan(library: &Library, config: &Config, page: &Page) -> bool {
    let Some((name, _)) = follow_up_collection(config) else {
        return false;
    };
    in_collection(page, name) && plan_key(page).is_some_and(|key| library.drafts.contains(key))
}

/// Removes the reports whose plan this build leaves out (run after the drafts are removed).
pub(super) fn unpublish_reports(library: &mut Library, config: &Config) {
    let Some((name, _)) = follow_up_collection(config) else {
        return;
    };
    let drafts = &library.drafts;
    let mut removed = Vec::new();
    library.pages.retain(|key, page| {
        let keep =
            !(in_collection(page, name) && plan_key(page).is_some_and(|k| drafts.contains(k)));
        if !keep {
            removed.push(key.clone());
        }
        keep
    });
    library.drafts.extend(removed);
}

/// For `serve`: the reports to read again after the pages `edited` were, published or left
/// out, when one of those is a plan (its publishing decides theirs). Plans first, then these.
pub fn reports_to_reload(library: &Library, config: &Config, edited: &[String]) -> Vec<String> {
    let Some((name, rule)) = follow_up_collection(config) else {
        return Vec::new();
    };
    let is = |key: &str, collection: &str| {
        config
            .collection_for(key)
            .is_some_and(|c| c.name == collection)
    };
    if !edited.iter().any(|key| is(key, &rule.plans)) {
        return Vec::new();
    }
    let published = library.pages.keys();
    let left_out = library.drafts.iter();
    let mut reports: Vec<String> = published
        .chain(left_out)
        .filter(|key| is(key, name) && !edited.contains(key))
        .cloned()
        .collect();
    reports.sort();
    reports.dedup();
    reports
}

impl FollowUp {
    /// Reads and checks every report of the library against its plan.
    pub fn load(library: &Library, config: &Config) -> Loaded {
        let mut loaded = Loaded {
            followup: FollowUp::default(),
            problems: Vec::new(),
            warnings: Vec::new(),
        };
        let Some((name, rule)) = follow_up_collection(config) else {
            return loaded;
        };
        loaded.followup = FollowUp {
            collection: Some(name.to_string()),
            plans: rule.plans.clone(),
            grace_days: rule.grace_days,
            reports: Vec::new(),
        };
        let mut seen: BTreeMap<(String, Period), String> = BTreeMap::new();
        for page in library.pages.values().filter(|p| in_collection(p, name)) {
            let mut reader = Reader::new(page, &mut loaded);
            let Some(report) = reader.report(library, &rule.plans) else {
                continue;
            };
            let whose = match &report.plan {
                Some(plan) => plan.clone(),
                None => format!("namnd:{}", report.committee),
            };
            if let Some(first) = seen.get(&(whose.clone(), report.period)) {
                let message = format!(
                    "there is a report for this plan and period already (content/{first}); write one report per plan and period"
                );
                reader.problem(&["period"], message);
                continue;
            }
            seen.insert((whose, report.period), page.doc.key.clone());
            loaded.followup.reports.push(report);
        }
        let reports = &mut loaded.followup.reports;
        reports.sort_by(|a, b| (&a.plan, a.period, &a.key).cmp(&(&b.plan, b.period, &b.key)));
        loaded
    }

    /// The reports of one plan, oldest period first.
    pub fn of_plan<'a>(&'a self, plan: &'a str) -> impl Iterator<Item = &'a Report> + 'a {
        self.reports
            .iter()
            .filter(move |r| r.plan.as_deref() == Some(plan))
    }
}

/// Reads one report page, with the positions of its values for the problems it reports.
struct Reader<'a> {
    page: &'a Page,
    loaded: &'a mut Loaded,
    tree: Option<Spanned<Node>>,
    /// Where the lines of TOML front matter came from (`None` for YAML).
    origins: Option<yaml::Origins>,
}

impl<'a> Reader<'a> {
    fn new(page: &'a Page, loaded: &'a mut Loaded) -> Reader<'a> {
        let doc = &page.doc;
        let path = doc.file_path();
        let (tree, origins) = match super::front_matter::Matter::read(&path, &doc.source) {
            Ok(matter) => (matter.parse::<Spanned<Node>>().ok(), matter.into_origins()),
            Err(_) => (None, None),
        };
        Reader {
            page,
            loaded,
            tree,
            origins,
        }
    }

    /// The node at a path of keys and list indexes (`["aktiviteter", "2", "id"]`).
    fn node(&self, path: &[&str]) -> Option<&Spanned<Node>> {
        let mut node = self.tree.as_ref()?;
        for step in path {
            node = match &node.value {
                Node::Map(entries) => &entries.iter().find(|(k, _)| k.value == *step)?.1,
                Node::Seq(items) => items.get(step.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    fn diagnostic(&self, path: &[&str], message: String) -> Diagnostic {
        let doc = &self.page.doc;
        let file = doc.file_path();
        match self.node(path) {
            Some(node) => super::front_matter::block(&file, &doc.source, self.origins.as_ref())
                .at(node, message),
            None => Diagnostic::at(&file, &doc.source, 1, 1, message),
        }
    }

    fn problem(&mut self, path: &[&str], message: String) {
        let d = self.diagnostic(path, message).with_code("followup.invalid");
        self.loaded.problems.push(d);
    }

    fn warning(&mut self, path: &[&str], message: String) {
        let d = self.diagnostic(path, message);
        self.loaded
            .warnings
            .push(d.with_code("followup.warning").warning());
    }

    fn report(&mut self, library: &'a Library, plans: &str) -> Option<Report> {
        let values = &self.page.fields.values;
        let text = |name: &str| values.get(name).and_then(Value::as_str).map(str::to_string);
        let number = |name: &str| values.get(name).and_then(Value::as_u64);
        // A missing or wrong period or year was reported by the schema already.
        let period = Period::new(&text("period")?, values.get("ar")?.as_i64()?)?;
        let (plan, committee) = match text("plan") {
            Some(written) => {
                let plan = self.plan(library, plans, &written)?;
                let committee = plan.fields.values.get("namnd").and_then(Value::as_str);
                (Some(plan), committee.unwrap_or_default().to_string())
            }
            None => match text("namnd") {
                Some(committee) => (None, committee),
                None => {
                    let message = "a report needs `plan: \"@/…\"` (the plan it follows up), or `namnd: ...` when it holds training figures only".to_string();
                    self.problem(&[], message);
                    return None;
                }
            },
        };
        let entries = self.entries(plan)?;
        Some(Report {
            key: self.page.doc.key.clone(),
            title: self.page.meta.title.clone(),
            output_path: self.page.doc.output_path.clone(),
            plan: plan.map(|p| p.doc.key.clone()),
            committee,
            period,
            entries,
            participants: number("deltagit"),
            employees: number("medarbetare"),
            example: values.get("exempeldata").and_then(Value::as_bool) == Some(true),
        })
    }

    fn plan(&mut self, library: &'a Library, plans: &str, written: &str) -> Option<&'a Page> {
        let Some(key) = written.strip_prefix("@/") else {
            let message =
                format!("`plan: {written}` must be a link to the plan, written `@/{plans}/….md`");
            self.problem(&["plan"], message);
            return None;
        };
        let key = key.split_once('#').map_or(key, |(k, _)| k);
        match library.pages.get(key) {
            Some(plan) if in_collection(plan, plans) => Some(plan),
            _ => {
                let message = format!("`plan: {written}` is not an action plan: there is no page content/{key} in {plans}");
                self.problem(&["plan"], message);
                None
            }
        }
    }

    /// The report's activities by id, checked against the plan's ids.
    fn entries(&mut self, plan: Option<&Page>) -> Option<BTreeMap<String, Entry>> {
        let listed = match self.page.fields.values.get("aktiviteter") {
            Some(Value::Array(items)) => items.clone(),
            _ => Vec::new(),
        };
        let Some(plan) = plan else {
            if !listed.is_empty() {
                let message =
                    "activities need the plan they belong to: add `plan: \"@/…\"`".to_string();
                self.problem(&["aktiviteter"], message);
            }
            return Some(BTreeMap::new());
        };
        let ids = plan_ids(plan);
        let mut entries = BTreeMap::new();
        let mut ok = true;
        for (index, item) in listed.iter().enumerate() {
            let (Some(id), Some(status)) = (
                item.get("id").and_then(Value::as_str),
                item.get("status").and_then(Value::as_str),
            ) else {
                continue; // the schema reported it
            };
            if !ids.iter().any(|known| known == id) {
                let message = format!(
                    "`id: {id}` is not an activity of {}; its ids are {}",
                    plan.doc.key,
                    ids.join(", ")
                );
                self.problem(&["aktiviteter", &index.to_string(), "id"], message);
                ok = false;
                continue;
            }
            let comment = item
                .get("kommentar")
                .and_then(Value::as_str)
                .map(str::to_string);
            let entry = Entry {
                status: status.to_string(),
                comment,
            };
            entries.insert(id.to_string(), entry);
        }
        let left_out: Vec<&str> = ids
            .iter()
            .map(String::as_str)
            .filter(|id| !entries.contains_key(*id))
            .collect();
        if ok && !left_out.is_empty() {
            let message = format!(
                "the report leaves out the activities {} of {}; add them with their status",
                left_out.join(", "),
                plan.doc.key
            );
            let at: &[&str] = if listed.is_empty() {
                &["plan"]
            } else {
                &["aktiviteter"]
            };
            self.warning(at, message);
        }
        ok.then_some(entries)
    }
}

/// The ids of a plan's activities, in the plan's order.
pub fn plan_ids(plan: &Page) -> Vec<String> {
    activities(plan)
        .filter_map(|a| a.get("id").and_then(Value::as_str).map(str::to_string))
        .collect()
}

/// A plan's activities as its checked fields hold them.
pub fn activities(plan: &Page) -> impl Iterator<Item = &serde_json::Map<String, Value>> {
    plan.fields
        .values
        .get("aktiviteter")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}
