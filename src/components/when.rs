//! `<When>`: its children while a condition holds, else an optional fallback.
//!
//! Leptos's `<Show>` does the same, but it is generic over its condition and its children, so every use
//! compiled its own copy of it (and of the memo inside); this one takes a `Signal<bool>` and boxed children
//! and is compiled once (bundle size, issue 10). Like `<Show>`, the children are rebuilt only when the
//! condition flips, not each time what it reads changes.

use leptos::either::Either;
use leptos::prelude::*;

#[component]
pub fn When(
    #[prop(into)] when: Signal<bool>,
    children: ChildrenFn,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView {
    let shown = Memo::new(move |_| when.get());
    move || {
        if shown.get() {
            Either::Left(children())
        } else {
            Either::Right(fallback.run())
        }
    }
}
