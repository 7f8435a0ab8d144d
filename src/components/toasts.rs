//! The toast stack in the corner of the page.

use leptos::prelude::*;

use crate::state::toasts::use_toasts;
use crate::util::format::visible;

#[component]
pub fn ToastList() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toasts" aria-live="polite">
            <For each=move || toasts.list().get() key=|t| t.id let:toast>
                <div class=format!("toast {}", toast.severity.class()) role="status">
                    <div class="toast-body">
                        <strong>{visible(&toast.title)}</strong>
                        <span>{toast.text.lines().map(visible).collect::<Vec<_>>().join("\n")}</span>
                    </div>
                    <button class="icon-btn" aria-label="Dismiss" on:click=move |_| toasts.dismiss(toast.id)>
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
