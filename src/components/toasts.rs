//! The toast stack in the corner of the page.

use leptos::prelude::*;

use crate::state::toasts::use_toasts;

#[component]
pub fn ToastList() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <div class="toasts" aria-live="polite">
            <For each=move || toasts.list().get() key=|t| t.id let:toast>
                <div class=format!("toast {}", toast.severity.class()) role="status">
                    <div class="toast-body">
                        <strong>{toast.title.clone()}</strong>
                        <span>{toast.text.clone()}</span>
                    </div>
                    <button class="icon-btn" aria-label="Dismiss" on:click=move |_| toasts.dismiss(toast.id)>
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
