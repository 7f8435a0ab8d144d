//! `effect`: Leptos's `Effect::new` for an effect that keeps no value between its runs, compiled once.
//!
//! `Effect::new` builds its scheduling code (the task that waits for a change, the owner and observer around
//! each run) once per closure type: about 1 KB of wasm for each of the 30 call sites it had (issue 10). Boxed
//! first, every such effect is one type.

use leptos::prelude::Effect;

/// Runs `f` after the current update, and again whenever a signal it read changes, until the calling owner is
/// disposed (like `Effect::new(move |_| f())`).
pub fn effect(f: impl FnMut() + 'static) {
    let mut f: Box<dyn FnMut()> = Box::new(f);
    Effect::new(move |_| f());
}
