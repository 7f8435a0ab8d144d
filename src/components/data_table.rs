//! `<DataTable>`: a table written from data (rows of text cells), sortable by any column, long lists shown a
//! page at a time. One compiled table for every list of figures the backtest pages show (bundle size, issue 10):
//! metrics, breakdowns, periods, trades, stored results, comparisons.

use leptos::prelude::*;

use crate::components::trades::export::CsvButton;
use crate::util::csv::{encode, Field};
use crate::util::format::visible;

/// One cell: its text (bot strings are shown as text, hidden characters made visible), how it sorts, and a CSS
/// class (`positive` / `negative` for profits).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// Numeric cells sort by this; `None` sorts by the text.
    pub sort: Option<f64>,
    pub class: &'static str,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            sort: None,
            class: "",
        }
    }

    pub fn num(text: impl Into<String>, value: Option<f64>, class: &'static str) -> Self {
        Cell {
            text: text.into(),
            // Missing values sort first.
            sort: Some(value.filter(|v| v.is_finite()).unwrap_or(f64::NEG_INFINITY)),
            class,
        }
    }
}

/// The order of `rows` sorted by column `col` (ascending or not), as indices; a stable sort.
pub fn sorted_order(rows: &[Vec<Cell>], col: usize, ascending: bool) -> Vec<usize> {
    crate::util::sort::sorted_positions(rows.len(), &|a, b| {
        let (x, y) = (
            rows.get(a).and_then(|r| r.get(col)),
            rows.get(b).and_then(|r| r.get(col)),
        );
        let ord = match (x, y) {
            (Some(x), Some(y)) => match (x.sort, y.sort) {
                (Some(p), Some(q)) => p.total_cmp(&q),
                _ => x.text.cmp(&y.text),
            },
            _ => std::cmp::Ordering::Equal,
        };
        if ascending {
            ord
        } else {
            ord.reverse()
        }
    })
}

/// A cell as a CSV field: a numeric cell is the number it shows (its unit and sign dropped, at the shown
/// precision, so the file has the table's values), empty when missing; a text cell is its text.
pub fn csv_field(cell: &Cell) -> Field {
    if cell.sort.is_none() {
        return Field::Text(cell.text.clone());
    }
    let first = cell.text.split_whitespace().next().unwrap_or("");
    let number = crate::util::decimal::parse_decimal(first);
    match number {
        Some(v) if v.is_finite() => Field::Number(Some(v)),
        // "–": nothing to sum; any other text (a duration, a date) stays text.
        _ if cell.text.trim() == crate::util::format::MISSING => Field::Number(None),
        _ => Field::Text(cell.text.clone()),
    }
}

/// The CSV of a table: its columns, and its rows in `order`.
pub fn table_csv(columns: &[String], rows: &[Vec<Cell>], order: &[usize]) -> String {
    let header: Vec<&str> = columns.iter().map(String::as_str).collect();
    encode(
        &header,
        order
            .iter()
            .filter_map(|&i| rows.get(i))
            .map(|row| row.iter().map(csv_field).collect()),
    )
}

/// Rows shown at first, and added by "Show more".
const PAGE: usize = 200;

#[component]
pub fn DataTable(
    columns: Vec<String>,
    #[prop(into)] rows: Signal<Vec<Vec<Cell>>>,
    /// The table's accessible name.
    label: &'static str,
    /// Headers sort the rows when clicked.
    #[prop(optional)]
    sortable: bool,
    /// Called with a row's index in `rows` when it is clicked.
    #[prop(optional)]
    on_row: Option<Callback<usize>>,
    /// The index (in `rows`) of a row shown as selected.
    #[prop(optional, into)]
    selected: Option<Signal<Option<usize>>>,
    /// A CSV button exporting every row in the table's order, saved under this file name.
    #[prop(optional, into)]
    export: Option<Signal<String>>,
) -> impl IntoView {
    // (column, ascending); `None`: the rows' own order.
    let sort = RwSignal::new(None::<(usize, bool)>);
    let limit = RwSignal::new(PAGE);
    let order = Memo::new(move |_| {
        rows.with(|r| match sort.get() {
            Some((col, asc)) => sorted_order(r, col, asc),
            None => (0..r.len()).collect(),
        })
    });
    let csv_columns = StoredValue::new(columns.clone());
    let headers = columns
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let aria = move || match sort.get() {
                Some((c, true)) if c == i => "ascending",
                Some((c, false)) if c == i => "descending",
                _ => "none",
            };
            if sortable {
                view! {
                    <th aria-sort=aria>
                        <button
                            class="sort"
                            on:click=move |_| {
                                sort.update(|s| {
                                    *s = match *s {
                                        Some((c, asc)) if c == i => Some((i, !asc)),
                                        // Numbers start with the largest.
                                        _ => Some((i, false)),
                                    }
                                })
                            }
                        >
                            {name}
                        </button>
                    </th>
                }
                .into_any()
            } else {
                view! { <th>{name}</th> }.into_any()
            }
        })
        .collect_view();
    let body = move || {
        let chosen = selected.and_then(|s| s.get());
        rows.with(|r| {
            order.with(|o| {
                o.iter()
                    .take(limit.get())
                    .filter_map(|&i| r.get(i).map(|row| (i, row)))
                    .map(|(i, row)| {
                        let cells = row
                            .iter()
                            .map(|c| view! { <td class=c.class>{visible(&c.text)}</td> })
                            .collect_view();
                        view! {
                            <tr
                                class:selected=chosen == Some(i)
                                class:clickable=on_row.is_some()
                                on:click=move |_| {
                                    if let Some(cb) = on_row {
                                        cb.run(i);
                                    }
                                }
                            >
                                {cells}
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let more = move || rows.with(Vec::len).saturating_sub(limit.get());
    let csv = export.map(|name| {
        let make = Callback::new(move |_| {
            let text = rows.with_untracked(|r| {
                order.with_untracked(|o| {
                    (!o.is_empty()).then(|| csv_columns.with_value(|c| table_csv(c, r, o)))
                })
            })?;
            Some((name.get_untracked(), text))
        });
        view! { <div class="table-export"><CsvButton label=Signal::stored("Export as CSV".to_string()) make=make /></div> }
    });
    view! {
        {csv}
        <div class="table-scroll">
            <table class="data-table" aria-label=label>
                <thead>
                    <tr>{headers}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {move || {
            (more() > 0)
                .then(|| {
                    view! {
                        <button class="show-more" on:click=move |_| limit.update(|l| *l += PAGE)>
                            {format!("Show more ({} not shown)", more())}
                        </button>
                    }
                })
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_numbers_by_value_and_text_by_text() {
        let rows = vec![
            vec![Cell::text("b"), Cell::num("10", Some(10.0), "")],
            vec![Cell::text("a"), Cell::num("9", Some(9.0), "")],
            vec![Cell::text("c"), Cell::num("–", None, "")],
        ];
        assert_eq!(sorted_order(&rows, 1, true), vec![2, 1, 0]);
        assert_eq!(sorted_order(&rows, 1, false), vec![0, 1, 2]);
        assert_eq!(sorted_order(&rows, 0, true), vec![1, 0, 2]);
        // A column a row lacks keeps the order.
        assert_eq!(sorted_order(&rows, 5, true), vec![0, 1, 2]);
    }

    #[test]
    fn the_csv_has_the_shown_numbers_without_units_in_table_order() {
        let rows = vec![
            vec![
                Cell::text("=BTC"),
                Cell::num("+1.25 %", Some(0.0125), "positive"),
                Cell::num("-3.500 USDT", Some(-3.5), "negative"),
            ],
            vec![
                Cell::text("ETH, USDT"),
                Cell::num("–", None, ""),
                Cell::num("2h 5m", Some(7500.0), ""),
            ],
        ];
        let columns = vec!["Pair".to_string(), "Profit %".into(), "Profit".into()];
        let csv = table_csv(&columns, &rows, &[1, 0]);
        assert_eq!(
            csv.strip_prefix(crate::util::csv::BOM),
            Some("Pair,Profit %,Profit\r\n\"ETH, USDT\",,2h 5m\r\n'=BTC,1.25,-3.5\r\n")
        );
    }
}
