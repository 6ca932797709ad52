//! For rules that can find a defect per character of a hostile file: findings stop at the
//! engine's cap ([`MAX_PER_RULE`]) and the rest are only counted, on the last one shown, as the
//! engine counts them, so that a file of a million curly quotes costs no memory per quote.

use crate::engine::MAX_PER_RULE;
use crate::finding::Finding;

/// Findings of one rule in one integration, kept up to the cap.
pub(crate) struct Capped<'a> {
    out: &'a mut Vec<Finding>,
    kept: usize,
    hidden: usize,
}

impl<'a> Capped<'a> {
    pub(crate) fn new(out: &'a mut Vec<Finding>) -> Self {
        Self {
            out,
            kept: 0,
            hidden: 0,
        }
    }

    /// Keeps the finding `make` builds, or counts it once the cap is reached.
    pub(crate) fn push(&mut self, make: impl FnOnce() -> Finding) {
        if self.kept < MAX_PER_RULE {
            self.out.push(make());
            self.kept += 1;
        } else {
            self.hidden += 1;
        }
    }
}

impl Drop for Capped<'_> {
    fn drop(&mut self) {
        if self.hidden > 0
            && let Some(last) = self.out.last_mut()
        {
            last.message.push_str(&format!(
                " ({} more like this in this integration are not shown)",
                self.hidden
            ));
        }
    }
}
