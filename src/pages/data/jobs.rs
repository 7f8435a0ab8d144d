//! The bot's background jobs: category, status, progress (with each task's), when this browser saw them start
//! and end, what the newest evaluation and analyses found, and their error; finished ones can be removed (API >= 2.49).

use leptos::prelude::*;

use crate::api::features::Feature;
use crate::api::wire::BackgroundJob;
use crate::components::when::When;
use crate::state::jobs::{category_name, JobTimes, Jobs, ResultState};
use crate::state::settings::{display_offset_minutes, use_settings};
use crate::util::format::{format_ts, percent};

/// A time of day in the display zone, or "—".
fn clock(ms: Option<f64>, offset: i32) -> String {
    match ms.filter(|m| m.is_finite()) {
        Some(ms) => {
            let text = format_ts(ms as i64, offset);
            text.get(11..19).unwrap_or(&text).to_string()
        }
        None => "—".into(),
    }
}

#[component]
pub fn JobsPanel(jobs: Jobs) -> impl IntoView {
    let settings = use_settings().0;
    let offset = Signal::derive(move || {
        settings.with(|s| display_offset_minutes(&s.timezone, js_sys::Date::now() as i64))
    });
    let any_finished = move || {
        jobs.list.with(|l| {
            l.as_ref()
                .is_some_and(|l| l.iter().any(BackgroundJob::finished))
        })
    };
    let body = move || {
        jobs.list.with(|list| match list {
            None => view! { <p class="hint">"Reading the bot's jobs…"</p> }.into_any(),
            Some(l) if l.is_empty() => {
                view! { <p class="hint">"No background jobs on this bot since it started."</p> }
                    .into_any()
            }
            Some(l) => {
                let times = jobs.times.get();
                let results = jobs.results.get();
                let offset = offset.get();
                let can_remove = jobs.has(Feature::JobDelete);
                view! {
                    <ul class="job-list" aria-label="Background jobs">
                        {l.iter().map(|job| {
                            let t = times.get(&job.job_id).copied().unwrap_or_default();
                            let found = match results.get(&job.job_id) {
                                Some(ResultState::Ready(r)) => r.summary(),
                                _ => String::new(),
                            };
                            job_item(jobs, job, t, offset, can_remove, found)
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            }
        })
    };
    view! {
        <section class="card jobs-panel">
            <div class="result-head">
                <h2>"Background jobs"</h2>
                <button on:click=move |_| jobs.refresh()>"Refresh"</button>
                <When when=move || jobs.has(Feature::JobDelete)>
                    <button disabled=move || jobs.busy.get() || !any_finished() on:click=move |_| jobs.clear_finished()>
                        "Clear finished"
                    </button>
                </When>
            </div>
            {body}
        </section>
    }
}

fn job_item(
    jobs: Jobs,
    job: &BackgroundJob,
    t: JobTimes,
    offset: i32,
    can_remove: bool,
    found: String,
) -> impl IntoView {
    let fraction = job.fraction();
    let id = job.job_id.clone();
    let short_id: String = job.job_id.chars().take(8).collect();
    let tasks = job
        .progress_tasks
        .as_ref()
        .map(|tasks| {
            tasks
                .values()
                .map(|task| {
                    view! {
                        <li>
                            <span>{task.description.clone()}</span>
                            <span class="muted">{format!("{:.0} / {:.0}", task.progress, task.total)}</span>
                        </li>
                    }
                })
                .collect_view()
        });
    let finished = job.finished();
    view! {
        <li class="job" data-status=job.status.clone() data-category=job.job_category.clone()>
            <div class="job-head">
                <strong>{category_name(&job.job_category)}</strong>
                <span class="muted" title=job.job_id.clone()>{short_id}</span>
                <span class="job-status">{job.status.clone()}</span>
                <span class="job-percent">{fraction.map(|f| percent(Some(f), 0)).unwrap_or_default()}</span>
                <span class="job-found">{found}</span>
                {(finished && can_remove).then(|| {
                    let id = id.clone();
                    view! {
                        <button disabled=move || jobs.busy.get() on:click=move |_| jobs.delete(id.clone())>
                            "Remove"
                        </button>
                    }
                })}
            </div>
            {(!finished).then(|| view! {
                <progress max="1" value=fraction.unwrap_or(0.0) aria-label="Job progress"></progress>
            })}
            <ul class="job-tasks">{tasks}</ul>
            <p class="muted job-times">
                {format!("Started {} · ended {}", clock(t.started, offset), clock(t.ended, offset))}
            </p>
            {job.error.clone().filter(|e| !e.is_empty()).map(|e| view! { <p class="job-error" role="alert">{e}</p> })}
        </li>
    }
}
