//! `check:` in config.yaml: what `lots check` and the "Att se över" page look for beyond
//! what a build refuses (freshness ages, external links to leave alone).

use serde::{Deserialize, Serialize};

/// `check:` in config.yaml. Every key is optional; unknown keys are errors.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// External links whose URL starts with one of these (or matches one with `*`) are
    /// never requested by `lots check --external`.
    #[serde(default)]
    pub skip_external: Vec<String>,
    /// How long an external link's result is reused from `.lots-cache/` before it is
    /// requested again.
    #[serde(default = "default_cache_hours")]
    pub external_cache_hours: u64,
    /// A `verifierad` date older than this many months is a finding; `null` turns it off.
    #[serde(default = "default_verified_months")]
    pub verified_max_age_months: Option<u32>,
    /// A page whose `updated` (else `date`) is older than this many months is a finding;
    /// off (`null`) unless set.
    #[serde(default)]
    pub stale_after_months: Option<u32>,
}

fn default_cache_hours() -> u64 {
    1
}

fn default_verified_months() -> Option<u32> {
    Some(12)
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            skip_external: Vec::new(),
            external_cache_hours: default_cache_hours(),
            verified_max_age_months: default_verified_months(),
            stale_after_months: None,
        }
    }
}
