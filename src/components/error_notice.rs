//! Shows an `ApiError` as text, with the CORS doctor's snippet when the bot may be blocking this origin.

use leptos::prelude::*;

use crate::api::error::ApiError;

#[component]
pub fn ErrorNotice(#[prop(into)] error: Signal<Option<ApiError>>) -> impl IntoView {
    move || {
        error.get().map(|e| {
            let snippet = e.cors_snippet();
            view! {
                <div class="error-notice" role="alert">
                    <p class="error-text">{e.to_string()}</p>
                    {snippet.map(|s| view! {
                        <p class="hint">"If the bot is running, add this page's origin to its configuration and restart it:"</p>
                        <pre class="snippet cors-snippet">{s}</pre>
                    })}
                </div>
            }
        })
    }
}
