//! The rep view ("commerciaux"): one row per rep, sortable by any column,
//! exportable as CSV.

use crate::engine::report::{RepRow, Unit};
use crate::locale::{csv_number, csv_unit, format_value, t, Lang, Text};
use crate::ui::state::AppState;
use crate::ui::widgets::download::download_view_csv;
use crate::ui::widgets::filters::FilterBar;
use leptos::prelude::*;

/// A column: its label, unit, and how to read a row.
type RepColumn = (Text, Unit, fn(&RepRow) -> Option<f64>);

const COLUMNS: [RepColumn; 10] = [
    (Text::RepRevenue, Unit::Currency, |r| r.revenue),
    (Text::RepMargin, Unit::Currency, |r| r.margin),
    (Text::RepOrders, Unit::Count, |r| r.orders),
    (Text::RepAvgBasket, Unit::Currency, |r| r.avg_order_value),
    (Text::RepDealsWon, Unit::Count, |r| r.won_deals),
    (Text::RepWonRevenue, Unit::Currency, |r| r.won_revenue),
    (Text::RepWinRate, Unit::Ratio, |r| r.win_rate),
    (Text::RepSalesCycle, Unit::Days, |r| r.avg_sales_cycle_days),
    (Text::RepVisits, Unit::Count, |r| r.visits),
    (Text::RepVisitsPerOrder, Unit::Count, |r| r.visits_per_order),
];

fn label(i: usize, lang: Lang) -> &'static str {
    t(lang, COLUMNS[i].0)
}

#[component]
pub fn RepView() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    // (column, descending); None = the report's order (revenue, largest first).
    let sort = RwSignal::new(None::<(usize, bool)>);
    let used = move || {
        state.report.with(|r| {
            (0..COLUMNS.len())
                .filter(|&i| r.reps.iter().any(|row| (COLUMNS[i].2)(row).is_some()))
                .collect::<Vec<_>>()
        })
    };
    let rows = move || {
        let mut rows = state.report.with(|r| r.reps.clone());
        if let Some((c, desc)) = sort.get() {
            rows.sort_by(|a, b| {
                let (x, y) = (
                    (COLUMNS[c].2)(a).unwrap_or(f64::MIN),
                    (COLUMNS[c].2)(b).unwrap_or(f64::MIN),
                );
                if desc {
                    y.total_cmp(&x)
                } else {
                    x.total_cmp(&y)
                }
            });
        }
        rows
    };
    let export = move |_| {
        let l = lang.get_untracked();
        let currency = state.settings.with_untracked(|s| s.currency.clone());
        let cols = used();
        // The unit in the header, the cells plain numbers a spreadsheet reads.
        let mut header = vec![t(l, Text::Rep).to_string()];
        header.extend(cols.iter().map(|&i| {
            let unit = csv_unit(COLUMNS[i].1, &currency, l);
            unit.map_or_else(
                || label(i, l).to_string(),
                |u| format!("{} {u}", label(i, l)),
            )
        }));
        let body: Vec<Vec<String>> = rows()
            .iter()
            .map(|r| {
                let mut line = vec![r.rep.clone()];
                line.extend(cols.iter().map(|&i| {
                    (COLUMNS[i].2)(r)
                        .map(|v| csv_number(v, COLUMNS[i].1, l))
                        .unwrap_or_default()
                }));
                line
            })
            .collect();
        download_view_csv(
            state,
            "cadran-commerciaux.csv",
            t(l, Text::RepsPage),
            &header,
            &body,
        );
    };
    view! {
        <section class="reps">
            <div class="toolbar">
                <FilterBar/>
                <div class="toolbar-actions">
                    <button class="button" data-testid="export-reps-csv" on:click=export>{move || t(lang.get(), Text::ExportCsv)}</button>
                </div>
            </div>
            <div class="table-scroll">
                <table class="data-table" data-testid="rep-table">
                    <thead>
                        <tr>
                            <th scope="col">{move || t(lang.get(), Text::Rep)}</th>
                            {move || used().into_iter().map(|i| {
                                let aria = move || match sort.get() {
                                    Some((c, true)) if c == i => "descending",
                                    Some((c, false)) if c == i => "ascending",
                                    _ => "none",
                                };
                                view! {
                                    <th scope="col" class="num" aria-sort=aria>
                                        <button class="sort" data-testid=format!("sort-{i}") on:click=move |_| sort.update(|s| {
                                            *s = match *s {
                                                Some((c, true)) if c == i => Some((i, false)),
                                                _ => Some((i, true)),
                                            }
                                        })>{move || label(i, lang.get())}</button>
                                    </th>
                                }
                            }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let l = lang.get();
                            let currency = state.settings.with(|s| s.currency.clone());
                            let cols = used();
                            rows().into_iter().map(|r| view! {
                                <tr>
                                    <th scope="row" data-from-file="">{r.rep.clone()}</th>
                                    {cols.iter().map(|&i| {
                                        let v = (COLUMNS[i].2)(&r);
                                        view! {
                                            <td class="num" data-value=v.map(|x| x.to_string()).unwrap_or_default()>
                                                {v.map(|x| format_value(COLUMNS[i].1, x, &currency, l)).unwrap_or_default()}
                                            </td>
                                        }
                                    }).collect_view()}
                                </tr>
                            }).collect_view()
                        }}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
