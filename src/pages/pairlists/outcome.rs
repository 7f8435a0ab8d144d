//! Evaluate the chain (a job on the bot) and what came of it: the job's state inline, then the whitelist (or
//! why it failed), which can go to Download data; and the chain as the JSON block a freqtrade config takes.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::components::app_href::app_href;
use crate::components::when::When;
use crate::state::jobs::{JobResult, Jobs, ResultState};
use crate::state::pairlist_config::{chain_json, config_block, Problem};
use crate::state::pairlists::Pairlists;

/// Puts `text` on the clipboard; false when the browser refused.
async fn copy_text(text: String) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

#[component]
pub fn Outcome(p: Pairlists, jobs: Jobs) -> impl IntoView {
    let problems = RwSignal::new(Vec::<Problem>::new());
    let job = Memo::new(move |_| jobs.latest("pairlist"));
    let running = move || job.with(|j| j.as_ref().is_some_and(|j| !j.finished()));
    let evaluate = move |_| match p.evaluate(jobs) {
        Ok(()) => problems.set(Vec::new()),
        Err(e) => problems.set(e),
    };
    // The chain as JSON, or what keeps it from being one.
    let json = Memo::new(move |_| {
        let handlers = p.handlers.get().unwrap_or_default();
        p.draft
            .with(|d| chain_json(&d.chain, &handlers).map(|j| config_block(&j)))
    });
    let copied = RwSignal::new(None::<bool>);
    let copy = move |_| {
        if let Ok(text) = json.get_untracked() {
            leptos::task::spawn_local(async move {
                copied.set(Some(copy_text(text).await));
            });
        }
    };
    let navigate = use_navigate();
    let result = move || {
        let job = job.get()?;
        let state = jobs.results.with(|r| r.get(&job.job_id).cloned());
        let body = match (job.finished(), state) {
            (false, _) => view! { <p class="hint" aria-live="polite">{format!("Evaluating… ({})", job.status)}</p> }.into_any(),
            (true, None | Some(ResultState::Reading)) => view! { <p class="hint">"Reading the result…"</p> }.into_any(),
            (true, Some(ResultState::Failed(e))) => view! { <p class="error-text" role="alert">{e.to_string()}</p> }.into_any(),
            (true, Some(ResultState::Ready(JobResult::Whitelist(w)))) => match w.result {
                Some(r) if w.status == "success" => {
                    let pairs = r.whitelist.clone();
                    let navigate = navigate.clone();
                    view! {
                        <p>{format!("{} pairs from {}", r.whitelist.len(), r.method.join(" → "))}</p>
                        <ul class="whitelist" aria-label="Evaluated whitelist">
                            {r.whitelist.iter().map(|pair| view! { <li>{pair.clone()}</li> }).collect_view()}
                        </ul>
                        <button on:click=move |_| {
                            jobs.download_pairs.set(Some(pairs.clone()));
                            navigate(&app_href("/data"), Default::default());
                        }>"Download data for these pairs"</button>
                    }
                    .into_any()
                }
                _ => view! {
                    <p class="error-text" role="alert">
                        {format!("The evaluation failed: {}", w.error.unwrap_or_else(|| w.status.clone()))}
                    </p>
                }
                .into_any(),
            },
            (true, Some(ResultState::Ready(_))) => ().into_any(),
        };
        Some(body)
    };
    view! {
        <section class="card outcome-card">
            <h2>"Evaluate"</h2>
            <p class="muted">"The bot runs the chain on its exchange (a background job; see Data for every job)."</p>
            <button class="primary" disabled=move || jobs.busy.get() || running() on:click=evaluate>"Evaluate"</button>
            <When when=move || problems.with(|p| !p.is_empty())>
                <ul class="problems" role="alert">
                    {move || problems.get().into_iter().map(|p| {
                        let at = p.at.map(|i| format!("{}. ", i + 1)).unwrap_or_default();
                        view! { <li class="error-text">{at}{p.text}</li> }
                    }).collect_view()}
                </ul>
            </When>
            <div class="evaluation">{result}</div>
            <h3>"Config"</h3>
            {move || match json.get() {
                Ok(text) => view! {
                    <pre class="snippet config-json" aria-label="Pairlist config JSON">{text}</pre>
                    <button on:click=copy>"Copy"</button>
                    {move || copied.get().map(|ok| view! {
                        <span class="muted">{if ok { "Copied." } else { "The browser refused: select the text and copy it." }}</span>
                    })}
                }
                .into_any(),
                Err(problems) => view! {
                    <p class="muted">{format!("Not valid yet: {}", problems.first().map(|p| p.text.clone()).unwrap_or_default())}</p>
                }
                .into_any(),
            }}
        </section>
    }
}
