//! `FrameLoop`: runs a chart's pending work on the next animation frame, once however often it is asked,
//! and never after the component that owns it is gone.

use std::cell::Cell;
use std::rc::Rc;

use crate::runtime::{use_view_scope, ViewScope};

#[derive(Clone)]
pub struct FrameLoop {
    scheduled: Rc<Cell<bool>>,
    scope: ViewScope,
}

impl FrameLoop {
    /// A loop tied to the current component's lifetime.
    pub fn of_view() -> Self {
        FrameLoop {
            scheduled: Rc::new(Cell::new(false)),
            scope: use_view_scope(),
        }
    }

    /// Runs `work` on the next animation frame unless a frame is already asked for (its work then covers
    /// this request: charts keep their pending state themselves and `work` reads it).
    pub fn request(&self, work: impl FnOnce() + 'static) {
        if self.scheduled.replace(true) {
            return;
        }
        let scheduled = self.scheduled.clone();
        self.scope.animation_frame(move || {
            scheduled.set(false);
            work();
        });
    }
}
