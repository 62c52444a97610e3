//! What the status bar says about this file as a copy: read-only, when it last synced, its
//! unshared changes and open conflicts, and a team replica's outage.

use chrono::{DateTime, Utc};

use crate::store::Store;

/// Shown in the status bar: read-only files, and for offline copies when they last synced, how many
/// of their changes are not shared yet, and open sync conflicts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyInfo {
    pub read_only: bool,
    /// A viewer's team replica (read-only because of the viewer's role; it has no unshared changes).
    pub viewer: bool,
    /// A team replica (of a PostgreSQL team server).
    pub team: bool,
    /// Empty for the team file.
    pub tag: String,
    pub last_sync: Option<DateTime<Utc>>,
    pub unshared: i64,
    pub conflicts: usize,
    /// A team replica whose server does not answer: since when (its background connection records it).
    pub offline_since: Option<DateTime<Utc>>,
}

impl CopyInfo {
    /// A team file that never synced skips the counts: counting its unshared changes would read its
    /// whole log on every reload.
    pub fn load(store: &Store) -> crate::store::Result<Self> {
        let contact = store.team_contact()?;
        let mut info = Self {
            read_only: store.is_read_only(),
            viewer: store.is_viewer(),
            team: store.team_binding()?.is_some(),
            tag: store.device_tag()?,
            // A team replica is in step with its server at its last contact, also when nothing came.
            last_sync: store.last_sync_at()?.max(contact.last_contact),
            offline_since: contact.offline_since,
            ..Self::default()
        };
        if info.syncs() {
            info.unshared = store.unshared_count()?;
            info.conflicts = store.conflicts(false)?.len();
        }
        Ok(info)
    }

    /// Whether this file takes part in syncing at all (a copy, or a team file that has synced).
    pub fn syncs(&self) -> bool {
        !self.tag.is_empty() || self.last_sync.is_some()
    }
}
