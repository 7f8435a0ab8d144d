//! Plot-config templates (FreqUI's "From template"): Bollinger Bands, RSI and MACD with their usual column
//! names, which the user can re-map to the dataframe's real ones before applying.

use super::plot::{IndicatorSpec, PaneId, PlotSpec, SeriesKind};

/// A template: a target pane (main, or a subplot by name) and its indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub name: &'static str,
    /// `None` for the price pane, otherwise the subplot to create or extend.
    pub subplot: Option<&'static str>,
    pub indicators: Vec<IndicatorSpec>,
}

impl Template {
    /// The template's own column names (the ones a user may re-map).
    pub fn columns(&self) -> Vec<String> {
        let mut cols: Vec<String> = self
            .indicators
            .iter()
            .flat_map(|i| std::iter::once(i.name.clone()).chain(i.fill_to.clone()))
            .collect();
        cols.dedup();
        cols
    }
}

pub fn templates() -> Vec<Template> {
    vec![
        Template {
            name: "Bollinger Bands",
            subplot: None,
            indicators: vec![
                IndicatorSpec {
                    fill_to: Some("bb_lowerband".into()),
                    ..IndicatorSpec::colored("bb_upperband", "#008af4")
                },
                IndicatorSpec::colored("bb_lowerband", "#008af4"),
            ],
        },
        Template {
            name: "RSI",
            subplot: Some("RSI"),
            indicators: vec![IndicatorSpec::colored("rsi", "#ff8000")],
        },
        Template {
            name: "MACD",
            subplot: Some("MACD"),
            indicators: vec![
                IndicatorSpec::colored("macd", "#1370f4"),
                IndicatorSpec::colored("macdsignal", "#ff7700"),
                IndicatorSpec {
                    kind: SeriesKind::Bar,
                    ..IndicatorSpec::colored("macdhist", "#8e8e8e")
                },
            ],
        },
    ]
}

/// Applies `template` to `spec`, renaming its columns through `map` (template name → real name; unmapped
/// names stay). Returns the pane it went to.
pub fn apply_template(
    spec: &mut PlotSpec,
    template: &Template,
    map: &[(String, String)],
) -> Option<PaneId> {
    let rename = |name: &str| -> String {
        map.iter()
            .find(|(from, to)| from == name && !to.trim().is_empty())
            .map(|(_, to)| to.trim().to_string())
            .unwrap_or_else(|| name.to_string())
    };
    let pane = match template.subplot {
        None => PaneId::Main,
        Some(sub) => spec.add_subplot(sub)?,
    };
    for ind in &template.indicators {
        spec.upsert(
            pane,
            IndicatorSpec {
                name: rename(&ind.name),
                fill_to: ind.fill_to.as_deref().map(rename),
                ..ind.clone()
            },
        );
    }
    Some(pane)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_apply_with_remapped_columns() {
        let all = templates();
        assert_eq!(
            all.iter().map(|t| t.name).collect::<Vec<_>>(),
            vec!["Bollinger Bands", "RSI", "MACD"]
        );
        let mut spec = PlotSpec::default();
        let bb = all.first().cloned();
        let pane = bb.as_ref().and_then(|t| {
            apply_template(
                &mut spec,
                t,
                &[
                    ("bb_lowerband".into(), "bbl".into()),
                    ("x".into(), "".into()),
                ],
            )
        });
        assert_eq!(pane, Some(PaneId::Main));
        assert_eq!(
            spec.main.first().and_then(|i| i.fill_to.as_deref()),
            Some("bbl")
        );
        assert_eq!(spec.main.get(1).map(|i| i.name.as_str()), Some("bbl"));
        assert_eq!(
            bb.map(|t| t.columns()),
            Some(vec!["bb_upperband".to_string(), "bb_lowerband".to_string()])
        );
        for t in all.iter().skip(1) {
            apply_template(&mut spec, t, &[]);
        }
        assert_eq!(spec.subplots.len(), 2);
        // Applying again does not duplicate.
        if let Some(t) = all.get(2) {
            apply_template(&mut spec, t, &[]);
        }
        assert_eq!(spec.subplots.get(1).map(|p| p.indicators.len()), Some(3));
    }
}
