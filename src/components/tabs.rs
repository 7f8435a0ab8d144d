//! A tab bar. The page shows the panel of the active tab.

use leptos::prelude::*;

#[component]
pub fn TabBar(
    /// `(key, label)` pairs, in order.
    tabs: Vec<(&'static str, &'static str)>,
    active: RwSignal<&'static str>,
) -> impl IntoView {
    view! {
        <div class="tab-bar" role="tablist">
            {tabs
                .into_iter()
                .map(|(key, label)| {
                    view! {
                        <button
                            role="tab"
                            id=format!("tab-{key}")
                            aria-selected=move || (active.get() == key).to_string()
                            class:active=move || active.get() == key
                            on:click=move |_| active.set(key)
                        >
                            {label}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
