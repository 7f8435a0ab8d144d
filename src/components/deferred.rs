//! `<Deferred>`: mounts its children in a task of their own, after the browser painted the page around them.
//!
//! A page whose bot store is already loaded (the store outlives pages) would otherwise build every heavy part
//! (hundreds of trade rows, a pair list, charts of thousands of trades) in the task of the navbar click, and the
//! click would wait for all of it. The parts wait in one queue and mount one per frame, in page order: each
//! part's script runs in its own task and its layout and paint in its own frame, so no single task carries the
//! whole page (measured with the big-bot benchmark: three parts mounted in one frame made a 118-174 ms frame).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::time::Duration;

use leptos::prelude::*;

use crate::runtime::{use_view_scope, ViewScope};

/// A part waiting to mount: its view's scope (a part of a page already left is skipped) and what mounts it.
type Waiting = (ViewScope, Box<dyn FnOnce()>);

thread_local! {
    static QUEUE: RefCell<VecDeque<Waiting>> = const { RefCell::new(VecDeque::new()) };
    /// Whether a frame is already requested for the head of the queue.
    static PUMPING: Cell<bool> = const { Cell::new(false) };
}

/// Mounts the first waiting part of a live view after the next paint, then asks for the next frame.
fn pump() {
    if PUMPING.with(|p| p.replace(true)) {
        return;
    }
    request_animation_frame(|| {
        // The timeout starts a task after the frame was painted.
        set_timeout(
            || {
                PUMPING.with(|p| p.set(false));
                let next = QUEUE.with(|q| {
                    let mut q = q.borrow_mut();
                    std::iter::from_fn(|| q.pop_front()).find(|(scope, _)| scope.is_alive())
                });
                if let Some((_, mount)) = next {
                    mount();
                }
                if QUEUE.with(|q| !q.borrow().is_empty()) {
                    pump();
                }
            },
            Duration::ZERO,
        );
    });
}

#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    let scope = use_view_scope();
    QUEUE.with(|q| {
        q.borrow_mut()
            .push_back((scope, Box::new(move || ready.set(true))))
    });
    pump();
    move || ready.get().then(|| children())
}
