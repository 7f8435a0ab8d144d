use leptos::prelude::*;

use crate::components::require_bot::RequireBot;

#[component]
pub fn DashboardPage() -> impl IntoView {
    view! {
        <RequireBot let:_id>
            <section class="card">
                <h1>"Dashboard"</h1>
                <p class="muted">"The multi-bot dashboard is coming."</p>
            </section>
        </RequireBot>
    }
}
