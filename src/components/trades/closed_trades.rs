use leptos::prelude::*;

#[component]
pub fn ClosedTradesTable() -> impl IntoView {
    view! { <p class="muted">"Loading…"</p> }
}
