//! The tables a user has loaded.

use crate::ingest::Imported;
use crate::schema::Kind;

/// The tables a user has loaded, each with its kind and mapping.
#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub tables: Vec<Imported>,
}

impl Workspace {
    /// The first table of a kind with a complete mapping.
    pub fn table(&self, kind: Kind) -> Option<&Imported> {
        self.tables
            .iter()
            .find(|t| t.mapping.kind == kind && t.mapping.complete())
    }
}
