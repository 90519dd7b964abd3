//! What confirming the import step would do to the dashboard's tables:
//! the rule its button applies, and the tables the engine worker is asked
//! to prepare ahead while the step is on screen.

use crate::ui::state::storage;
use crate::ui::state::{InUse, Pending};
use crate::ui::worker_client::is_demo;

/// What confirming the pending files would do: the files taken and those
/// left (a workbook's sheets the user did not take), the tables kept on
/// the dashboard beside them and those they replace (the demo's, or an
/// older version of one of the files).
pub struct Confirmation {
    pub taken: Vec<Pending>,
    pub left: Vec<Pending>,
    pub kept: Vec<InUse>,
    pub replaced: Vec<InUse>,
}

impl Confirmation {
    pub fn of(pending: Vec<Pending>, tables: Vec<InUse>) -> Confirmation {
        let (taken, left): (Vec<_>, Vec<_>) = pending.into_iter().partition(|p| p.take);
        let was_demo = storage::demo_open();
        let names: Vec<&str> = taken.iter().map(|p| p.info.summary.file.as_str()).collect();
        let (kept, replaced) = tables.into_iter().partition(|t| {
            !was_demo && !is_demo(t.id) && !names.contains(&t.info.summary.file.as_str())
        });
        Confirmation {
            taken,
            left,
            kept,
            replaced,
        }
    }

    /// The dashboard's tables once confirmed, in order.
    pub fn ids(&self) -> Vec<u32> {
        let kept = self.kept.iter().map(|t| t.id);
        kept.chain(self.taken.iter().map(|p| p.id)).collect()
    }
}
