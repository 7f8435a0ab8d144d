//! The bot's recent log lines. Messages are shown as text, never as HTML.

use leptos::prelude::*;

use crate::api::endpoints;
use crate::components::error_notice::ErrorNotice;
use crate::components::require_bot::RequireBot;
use crate::state::persist::BotId;
use crate::state::registry::use_registry;

const LOG_LINES: u32 = 200;

#[component]
pub fn LogsPage() -> impl IntoView {
    view! {
        <RequireBot let:id>
            <BotLogs id=id />
        </RequireBot>
    }
}

#[component]
fn BotLogs(id: BotId) -> impl IntoView {
    let registry = use_registry();
    let logs = LocalResource::new(move || {
        let id = id.clone();
        async move { registry.call(&id, endpoints::logs(Some(LOG_LINES))).await }
    });
    view! {
        <section class="card">
            <div class="card-head">
                <h1>"Logs"</h1>
                <button on:click=move |_| logs.refetch()>"Reload logs"</button>
            </div>
            {move || match logs.get() {
                None => view! { <p class="muted">"Loading logs…"</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorNotice error=Signal::stored(Some(e)) /> }.into_any(),
                Some(Ok(answer)) => view! {
                    <div class="table-wrap">
                        <table class="logs">
                            <thead>
                                <tr>
                                    <th>"Time (UTC)"</th>
                                    <th>"Level"</th>
                                    <th>"Logger"</th>
                                    <th>"Message"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {answer
                                    .logs
                                    .into_iter()
                                    .rev()
                                    .map(|line| view! {
                                        <tr class=format!("level-{}", line.level.as_str().to_ascii_lowercase())>
                                            <td>{line.date}</td>
                                            <td>{line.level.as_str()}</td>
                                            <td>{line.logger}</td>
                                            <td class="msg">{line.message}</td>
                                        </tr>
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}
