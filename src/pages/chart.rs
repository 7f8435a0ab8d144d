use leptos::prelude::*;

use crate::components::require_bot::RequireBot;

#[component]
pub fn ChartPage() -> impl IntoView {
    view! {
        <RequireBot let:_id>
            <section class="card">
                <h1>"Chart"</h1>
                <p class="muted">"The candle chart with the strategy's indicators is coming."</p>
            </section>
        </RequireBot>
    }
}
