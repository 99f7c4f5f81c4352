//! `get_followup(plan=…)` and `get_followup_summary()`: the follow-up reports as template
//! data, computed once per render pass from the site's [`FollowUp`].

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Function, Result, Value};

use crate::content::followup::FollowUp;
use crate::content::Library;

use super::deps::{record, Dep};

/// Both functions share one computed analysis.
#[derive(Clone)]
pub struct FollowUpData {
    by_plan: Arc<HashMap<String, Value>>,
    summary: Arc<Value>,
    /// The collections whose pages the data comes from, the reports' first: a change to any
    /// re-renders the caller.
    collections: Arc<Vec<String>>,
}

impl FollowUpData {
    pub fn new(
        followup: &FollowUp,
        library: &Library,
        config: &crate::config::Config,
        today: chrono::NaiveDate,
    ) -> FollowUpData {
        let by_plan = library
            .pages
            .values()
            .filter(|p| p.fields.collection.as_deref() == Some(followup.plans.as_str()))
            .map(|p| (p.doc.key.clone(), followup.plan_view(p)))
            .collect();
        let collections = followup
            .collection
            .iter()
            .cloned()
            .chain([followup.plans.clone()])
            .collect();
        FollowUpData {
            by_plan: Arc::new(by_plan),
            summary: Arc::new(followup.summary(library, config, today)),
            collections: Arc::new(collections),
        }
    }

    fn record_collections(&self) {
        for name in self.collections.iter() {
            record(Dep::Collection(name.clone()));
        }
    }
}

/// `get_followup(plan=page.relative_path)`.
pub struct GetFollowUp(pub FollowUpData);

impl Function for GetFollowUp {
    fn call(&self, args: &HashMap<String, Value>) -> Result<Value> {
        let key = match args.get("plan") {
            Some(Value::String(s)) => s.trim_start_matches("@/"),
            _ => return Err("`get_followup` needs `plan=page.relative_path`".into()),
        };
        record(Dep::Page(key.to_string()));
        // The plan's own page is a dependency already; any report may be one of its.
        if let Some(reports) = self.0.collections.first() {
            record(Dep::Collection(reports.clone()));
        }
        Ok(self.0.by_plan.get(key).cloned().unwrap_or_else(|| {
            // A site without follow-up reports (or a page that is no plan): nothing to show.
            serde_json::json!({"reported": false, "enabled": false, "activities": {}, "periods": []})
        }))
    }
}

/// `get_followup_summary()`.
pub struct GetFollowUpSummary(pub FollowUpData);

impl Function for GetFollowUpSummary {
    fn call(&self, _args: &HashMap<String, Value>) -> Result<Value> {
        self.0.record_collections();
        Ok((*self.0.summary).clone())
    }
}
