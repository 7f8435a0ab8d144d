//! Inline SVG icons: the app loads nothing from other hosts.

use leptos::prelude::*;

#[component]
pub fn LogoIcon() -> impl IntoView {
    view! {
        <svg class="icon logo" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M3 17l5-6 4 4 6-8 3 3" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" />
        </svg>
    }
}

#[component]
pub fn ThemeIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 3a9 9 0 1 0 9 9 7 7 0 0 1-9-9z" fill="currentColor" />
        </svg>
    }
}
