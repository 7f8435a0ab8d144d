//! A modal dialog and a button that asks for confirmation before a destructive action.

use leptos::prelude::*;

use crate::components::when::When;

/// A dialog over the page while `open` is true. Escape and the backdrop close it.
#[component]
pub fn Modal(
    open: RwSignal<bool>,
    #[prop(into)] title: String,
    children: ChildrenFn,
) -> impl IntoView {
    let children = StoredValue::new(children);
    let title = StoredValue::new(title);
    view! {
        <When when=move || open.get()>
            <div class="modal-backdrop" on:click=move |_| open.set(false)>
                <div
                    class="modal"
                    role="dialog"
                    aria-modal="true"
                    aria-label=title.get_value()
                    on:click=|ev| ev.stop_propagation()
                    on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            open.set(false);
                        }
                    }
                >
                    <h2>{title.get_value()}</h2>
                    {children.with_value(|c| c())}
                </div>
            </div>
        </When>
    }
}

/// A button that opens a confirmation dialog; "confirm" runs `on_confirm` once, however often it is clicked.
#[component]
pub fn ConfirmButton(
    /// The button's text.
    #[prop(into)]
    label: String,
    /// The dialog's question.
    #[prop(into)]
    message: Signal<String>,
    /// The confirm button's text (defaults to the button's).
    #[prop(into, optional)]
    confirm_label: Option<String>,
    #[prop(optional)] danger: bool,
    #[prop(into, optional)] disabled: Signal<bool>,
    #[prop(into)] on_confirm: Callback<()>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let fired = RwSignal::new(false);
    let confirm_label = confirm_label.unwrap_or_else(|| label.clone());
    let class = if danger { "danger" } else { "" };
    let confirm = move |_| {
        // The dialog may still take clicks until it closes: only the first one counts.
        if fired.get_untracked() {
            return;
        }
        fired.set(true);
        open.set(false);
        on_confirm.run(());
    };
    view! {
        <button
            class=class
            disabled=disabled
            on:click=move |_| {
                fired.set(false);
                open.set(true);
            }
        >
            {label.clone()}
        </button>
        <Modal open=open title=label.clone()>
            <p>{move || message.get()}</p>
            <div class="actions">
                <button on:click=move |_| open.set(false)>"Cancel"</button>
                <button class=format!("confirm {class} primary") on:click=confirm>
                    {confirm_label.clone()}
                </button>
            </div>
        </Modal>
    }
}
