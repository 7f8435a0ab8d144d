use leptos::prelude::*;

#[component]
pub fn OpenTradesTable() -> impl IntoView {
    view! { <p class="muted">"Loading…"</p> }
}
