//! `<Deferred>`: mounts its children in a task of their own, after the browser painted the page around them.
//!
//! A page whose bot store is already loaded (the store outlives pages) would otherwise build every heavy part
//! (hundreds of trade rows, a pair list of thousands, charts of thousands of trades) in the task of the navbar
//! click, and the click would wait for all of it. Each `<Deferred>` is a separate task, so the route change is
//! painted first and the parts follow one by one.

use std::time::Duration;

use leptos::prelude::*;

use crate::runtime::use_view_scope;

#[component]
pub fn Deferred(children: ChildrenFn) -> impl IntoView {
    let ready = RwSignal::new(false);
    let scope = use_view_scope();
    // The next frame paints the page without the children; the timeout starts a task after that paint.
    scope.animation_frame(move || scope.timeout(Duration::ZERO, move || ready.set(true)));
    move || ready.get().then(|| children())
}
