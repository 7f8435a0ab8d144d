//! The plot configurator: edit a draft of the plot config (the chart shows the draft while the dialog is open),
//! then save it under a name. Indicators come from the dataframe's columns; templates add Bollinger Bands,
//! RSI or MACD with re-mappable column names; the JSON can be exported and imported. Storage is the caller's
//! (it persists `saved`).

use leptos::prelude::*;

use crate::components::when::When;

use super::model::color::color_or_auto;
use super::model::plot::{IndicatorSpec, PaneId, PlotSpec, SeriesKind};
use super::model::saved::{SavedConfigs, STRATEGY_CONFIG};
use super::model::templates::{apply_template, templates};
use crate::components::select_options::{choices_of, ListSelect};
use crate::runtime::effect;

fn pane_value(p: PaneId) -> String {
    match p {
        PaneId::Main => "main".into(),
        PaneId::Sub(k) => k.to_string(),
    }
}

fn parse_pane(v: &str) -> PaneId {
    v.parse().map(PaneId::Sub).unwrap_or(PaneId::Main)
}

#[component]
pub fn PlotConfigurator(
    open: RwSignal<bool>,
    draft: RwSignal<PlotSpec>,
    saved: RwSignal<SavedConfigs>,
    #[prop(into)] strategy_spec: Signal<PlotSpec>,
    /// The dataframe's columns (what indicators can be picked from).
    #[prop(into)]
    columns: Signal<Vec<String>>,
) -> impl IntoView {
    let target = RwSignal::new(PaneId::Main);
    let name = RwSignal::new(saved.with_untracked(|s| {
        if s.selected.is_empty() {
            STRATEGY_CONFIG.to_string()
        } else {
            s.selected.clone()
        }
    }));
    let new_column = RwSignal::new(String::new());
    let new_subplot = RwSignal::new(String::new());
    let rename_to = RwSignal::new(String::new());
    let template = RwSignal::new(String::new());
    let remap: RwSignal<Vec<(String, String)>> = RwSignal::new(Vec::new());
    let json = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);

    // Keep the target pane valid when subplots go away.
    effect(move || {
        let subs = draft.with(|d| d.subplots.len());
        if let PaneId::Sub(k) = target.get_untracked() {
            if k >= subs {
                target.set(PaneId::Main);
            }
        }
    });

    let indicators = move || draft.with(|d| d.pane(target.get()).cloned().unwrap_or_default());
    let has_column = move |n: &str| columns.with(|c| c.is_empty() || c.iter().any(|x| x == n));

    let edit = move |ind_name: String, f: Box<dyn Fn(&mut IndicatorSpec)>| {
        let pane = target.get_untracked();
        draft.update(|d| {
            if let Some(list) = d.pane_mut(pane) {
                if let Some(i) = list.iter_mut().find(|i| i.name == ind_name) {
                    f(i);
                }
            }
        });
    };

    let choose_config = move |n: String| {
        let spec = saved
            .with_untracked(|s| s.get(&n).cloned())
            .unwrap_or_else(|| strategy_spec.get_untracked());
        saved.update(|s| s.selected = n.clone());
        name.set(n);
        draft.set(spec);
        message.set(None);
    };

    let save = move |_| {
        let n = name.get_untracked();
        let spec = draft.get_untracked();
        let ok = saved.try_update(|s| s.save(&n, spec)).unwrap_or(false);
        message.set(Some(if ok {
            format!("Saved “{}”.", n.trim())
        } else {
            "Choose a name other than the strategy default to save.".into()
        }));
    };

    let template_columns = move |t: &str| {
        templates()
            .into_iter()
            .find(|x| x.name == t)
            .map(|t| t.columns())
            .unwrap_or_default()
    };

    view! {
        <div class="plot-configurator card" role="dialog" aria-label="Plot configurator">
            <div class="pc-head">
                <h3>"Plot configurator"</h3>
                <button type="button" class="button" on:click=move |_| open.set(false)>"Close"</button>
            </div>

            <div class="pc-row">
                <label>"Config"
                    <ListSelect aria_label="Saved plot configs"
                        choices=Signal::derive(move || choices_of(saved.with(SavedConfigs::names)))
                        value=Signal::derive(move || saved.with(SavedConfigs::selected_name))
                        on_change=Callback::new(choose_config) />
                </label>
                <label>"Name"
                    <input type="text" aria-label="Config name" prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </label>
                <button type="button" class="button primary" on:click=save>"Save"</button>
                <button type="button" class="button"
                    disabled=move || saved.with(|s| s.get(&name.get()).is_none())
                    on:click=move |_| {
                        let n = name.get_untracked();
                        saved.update(|s| s.delete(&n));
                        choose_config(STRATEGY_CONFIG.to_string());
                    }>"Delete"</button>
            </div>

            <div class="pc-row">
                <label class="check">
                    <input type="checkbox" prop:checked=move || draft.with(|d| d.show_tags)
                        on:change=move |ev| { let on = event_target_checked(&ev); draft.update(|d| d.show_tags = on) } />
                    "Show tags in tooltips"
                </label>
            </div>

            <div class="pc-row">
                <label>"Plot"
                    <select aria-label="Target plot" prop:value=move || pane_value(target.get())
                        on:change=move |ev| target.set(parse_pane(&event_target_value(&ev)))>
                        <option value="main">"main_plot"</option>
                        {move || draft.with(|d| d.subplots.iter().enumerate().map(|(k, p)| {
                            view! { <option value=k.to_string()>{p.name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </label>
                <input type="text" placeholder="New subplot" aria-label="New subplot name" prop:value=move || new_subplot.get()
                    on:input=move |ev| new_subplot.set(event_target_value(&ev)) />
                <button type="button" class="button" on:click=move |_| {
                    let n = new_subplot.get_untracked();
                    if let Some(p) = draft.try_update(|d| d.add_subplot(&n)).flatten() {
                        target.set(p);
                        new_subplot.set(String::new());
                    }
                }>"Add subplot"</button>
                <When when=move || matches!(target.get(), PaneId::Sub(_))>
                    <input type="text" placeholder="Rename to" aria-label="Rename subplot" prop:value=move || rename_to.get()
                        on:input=move |ev| rename_to.set(event_target_value(&ev)) />
                    <button type="button" class="button" on:click=move |_| {
                        if let PaneId::Sub(k) = target.get_untracked() {
                            let n = rename_to.get_untracked();
                            if draft.try_update(|d| d.rename_subplot(k, &n)).unwrap_or(false) {
                                rename_to.set(String::new());
                            }
                        }
                    }>"Rename"</button>
                    <button type="button" class="button" on:click=move |_| {
                        if let PaneId::Sub(k) = target.get_untracked() {
                            draft.update(|d| d.remove_subplot(k));
                            target.set(PaneId::Main);
                        }
                    }>"Delete subplot"</button>
                </When>
            </div>

            <table class="pc-indicators">
                <thead><tr><th>"Indicator"</th><th>"Type"</th><th>"Colour"</th><th>"Fill to"</th><th></th></tr></thead>
                <tbody>
                    {move || indicators().into_iter().map(|ind| {
                        let n = ind.name.clone();
                        let (n1, n2, n3, n4, n5) = (n.clone(), n.clone(), n.clone(), n.clone(), n.clone());
                        let color = color_or_auto(ind.color.as_deref(), &ind.name).hex();
                        let missing = !has_column(&ind.name);
                        view! {
                            <tr class="pc-indicator" data-name=n.clone()>
                                <td>{n.clone()}
                                    {missing.then(|| view! { <span class="muted">" (not available in this chart)"</span> })}
                                </td>
                                <td>
                                    <select aria-label=format!("Type of {n}") prop:value=ind.kind.as_str()
                                        on:change=move |ev| {
                                            let kind = SeriesKind::parse(&event_target_value(&ev));
                                            edit(n1.clone(), Box::new(move |i| i.kind = kind));
                                        }>
                                        <option value="line">"line"</option>
                                        <option value="bar">"bar"</option>
                                        <option value="scatter">"scatter"</option>
                                    </select>
                                </td>
                                <td>
                                    <input type="color" aria-label=format!("Colour of {n}") prop:value=color
                                        on:change=move |ev| {
                                            let c = event_target_value(&ev);
                                            edit(n2.clone(), Box::new(move |i| i.color = Some(c.clone())));
                                        } />
                                </td>
                                <td>
                                    <select aria-label=format!("Fill to of {n}") disabled=ind.kind != SeriesKind::Line
                                        prop:value=ind.fill_to.clone().unwrap_or_default()
                                        on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            edit(n3.clone(), Box::new(move |i| i.fill_to = (!v.is_empty()).then(|| v.clone())));
                                        }>
                                        <option value="">"–"</option>
                                        {columns.get().into_iter().filter(|c| *c != n4).map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                                    </select>
                                </td>
                                <td>
                                    <button type="button" class="button" aria-label=format!("Remove {n}") on:click=move |_| {
                                        let pane = target.get_untracked();
                                        let n = n5.clone();
                                        draft.update(|d| d.remove(pane, &n));
                                    }>"Remove"</button>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>

            <div class="pc-row">
                <select aria-label="Column to add" prop:value=move || new_column.get()
                    on:change=move |ev| new_column.set(event_target_value(&ev))>
                    <option value="">"Pick a column…"</option>
                    {move || columns.get().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                </select>
                <button type="button" class="button" disabled=move || new_column.get().is_empty() on:click=move |_| {
                    let c = new_column.get_untracked();
                    let pane = target.get_untracked();
                    draft.update(|d| d.upsert(pane, IndicatorSpec { color: Some(color_or_auto(None, &c).hex()), ..IndicatorSpec::new(&c) }));
                    new_column.set(String::new());
                }>"Add indicator"</button>
            </div>

            <div class="pc-row">
                <select aria-label="Template" prop:value=move || template.get()
                    on:change=move |ev| {
                        let t = event_target_value(&ev);
                        remap.set(template_columns(&t).into_iter().map(|c| (c.clone(), c)).collect());
                        template.set(t);
                    }>
                    <option value="">"From template…"</option>
                    {templates().into_iter().map(|t| view! { <option value=t.name>{t.name}</option> }).collect_view()}
                </select>
                {move || remap.get().into_iter().enumerate().map(|(k, (from, to))| view! {
                    <label class="pc-remap">{from.clone()}" →"
                        <input type="text" aria-label=format!("Column for {from}") prop:value=to
                            on:input=move |ev| { let v = event_target_value(&ev); remap.update(|m| if let Some(e) = m.get_mut(k) { e.1 = v }) } />
                    </label>
                }).collect_view()}
                <button type="button" class="button" disabled=move || template.get().is_empty() on:click=move |_| {
                    let t = template.get_untracked();
                    if let Some(tpl) = templates().into_iter().find(|x| x.name == t) {
                        let map = remap.get_untracked();
                        if let Some(p) = draft.try_update(|d| apply_template(d, &tpl, &map)).flatten() {
                            target.set(p);
                        }
                    }
                    template.set(String::new());
                    remap.set(Vec::new());
                }>"Apply template"</button>
            </div>

            <div class="pc-row">
                <button type="button" class="button" on:click=move |_| {
                    let n = saved.with_untracked(|s| s.selected.clone());
                    draft.set(saved.with_untracked(|s| s.get(&n).cloned()).unwrap_or_else(|| strategy_spec.get_untracked()));
                }>"Reset"</button>
                <button type="button" class="button" on:click=move |_| draft.set(strategy_spec.get_untracked())>"From strategy"</button>
                <button type="button" class="button" on:click=move |_| json.set(draft.with_untracked(PlotSpec::to_json))>"Export JSON"</button>
                <button type="button" class="button" on:click=move |_| {
                    match PlotSpec::parse(&json.get_untracked()) {
                        Ok(spec) => { draft.set(spec); message.set(Some("Loaded from JSON.".into())); }
                        Err(e) => message.set(Some(e.to_string())),
                    }
                }>"Import JSON"</button>
            </div>
            <textarea class="pc-json" aria-label="Plot config JSON" rows="6" prop:value=move || json.get()
                on:input=move |ev| json.set(event_target_value(&ev))></textarea>
            {move || message.get().map(|m| view! { <p class="muted pc-message" role="status">{m}</p> })}
        </div>
    }
}
