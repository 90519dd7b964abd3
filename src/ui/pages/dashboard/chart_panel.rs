//! A chart of the dashboard: drawn by an effect (ECharts is the outside
//! world), with a table view as its text alternative, a PNG export and the
//! table as CSV.

use super::chart_list::{reason_kpi, ChartSpec};
use crate::charts::chart_table;
use crate::engine::kpi::BreakdownId;
use crate::locale::keyboard::{kt, KeyText};
use crate::locale::{chart_title, format_value, reason as said, t, Lang, Text};
use crate::ui::state::AppState;
use crate::ui::widgets::chart::{
    data_url, dispose_soon, draw_later, new_chart_in_scheme, on_click, options_only, set_option,
    ChartClick, Formatters,
};
use crate::ui::widgets::download::{download_data_url, download_view_csv};
use crate::ui::widgets::focus::focus_id_later;
use crate::view::{clicked_key, ClickMeans};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

#[component]
pub fn ChartPanel(spec: &'static ChartSpec) -> impl IntoView {
    let state = expect_context::<AppState>();
    let lang = state.lang;
    let id = spec.id;
    let as_table = RwSignal::new(false);
    // A comparison series shows only with its comparison chosen in the filter bar.
    let last_year = move || {
        let (_, shows) = crate::charts::LAST_YEAR_SERIES;
        state.view.with(|v| v.compare.comparison()) == Some(shows)
    };
    let chart = Memo::new(move |_| {
        let last_year = last_year();
        state.report.with(|r| {
            if spec.table == BreakdownId::RevenueByMonth {
                crate::charts::revenue_by_month_beside(r, lang.get(), last_year)
            } else {
                (spec.build)(r, lang.get())
            }
        })
    });
    // The table view: the same series as the chart, one column each.
    let table = Memo::new(move |_| {
        let last_year = last_year();
        state
            .report
            .with(|r| chart_table(r, spec.view, id, lang.get(), last_year))
    });
    // The ECharts instance and the formatters it calls are JS objects: stored on this thread only.
    let instance = StoredValue::new_local(None::<charming::Echarts>);
    let formatters = StoredValue::new_local(None::<((Lang, String), Formatters)>);
    let click = StoredValue::new_local(None::<wasm_bindgen::closure::Closure<dyn Fn(JsValue)>>);
    let clicked = move |means, c: ChartClick| {
        let l = lang.get_untracked();
        let key = state
            .report
            .with_untracked(|r| clicked_key(r, spec.table, means, &c.name, c.data_index, l));
        if let Some(key) = key {
            state.view.update(|v| v.apply_click(means, &key));
        }
    };
    Effect::new(move |_| {
        let chart = chart.get();
        let hidden = as_table.get();
        let (l, currency) = (lang.get(), state.settings.with(|s| s.currency.clone()));
        let Some(chart) = chart.filter(|_| !hidden) else {
            instance.set_value(None);
            return;
        };
        if state.is_rehearsal {
            // Built as for ECharts, not drawn: ECharts is not fetched.
            options_only(&chart);
            return;
        }
        // Drawn one chart per task: twenty charts at once would hold the page
        // for a few hundred milliseconds.
        draw_later(move || {
            let Some(empty) = instance.try_with_value(Option::is_none) else {
                return; // the panel is gone
            };
            if empty {
                // The element is new when the panel was shown again: start from a fresh instance.
                match new_chart_in_scheme(id.as_str()) {
                    Some(ec) => {
                        // A click filters by what the bar stands for (crate::view::ClickMeans).
                        let means = ClickMeans::of(id);
                        click.set_value(means.map(|m| on_click(&ec, move |c| clicked(m, c))));
                        instance.set_value(Some(ec));
                    }
                    None => return, // the panel is gone
                }
            }
            // New formatters only when the language or currency changes: ECharts keeps calling them.
            let key = (l, currency.clone());
            if formatters.with_value(|f| f.as_ref().map(|(k, _)| k != &key).unwrap_or(true)) {
                formatters.set_value(Some((key, Formatters::new(spec.unit, l, currency))));
            }
            formatters.with_value(|f| {
                instance.with_value(|ec| {
                    if let (Some(ec), Some((_, f))) = (ec, f) {
                        set_option(ec, &chart, f);
                    }
                })
            });
        });
    });
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        instance.with_value(|ec| {
            if let Some(ec) = ec {
                ec.resize(JsValue::UNDEFINED);
            }
        });
    });
    on_cleanup(move || {
        handle.remove();
        // A rehearsal drew nothing; the element with its id is a real chart's.
        if !state.is_rehearsal {
            dispose_soon(id.as_str());
        }
    });
    let export_png = move |_| {
        if let Some(url) = instance.with_value(|ec| ec.as_ref().and_then(data_url)) {
            download_data_url(&format!("cadran-{id}.png"), &url);
        }
    };
    let rows = move || {
        let l = lang.get();
        let currency = state.settings.with(|s| s.currency.clone());
        let table = table.get();
        let units: Vec<_> = table.columns.iter().map(|c| c.unit).collect();
        table
            .rows
            .into_iter()
            .map(|row| {
                let cells: Vec<String> = row
                    .values
                    .iter()
                    .zip(&units)
                    .map(|(v, &u)| {
                        // A gap of the chart (last year's month without data, a cohort too young).
                        v.map_or_else(String::new, |x| format_value(u, x, &currency, l))
                    })
                    .collect();
                (row.key, row.from_file, cells)
            })
            .collect::<Vec<_>>()
    };
    let title = move || chart_title(id, lang.get());
    // Why there is nothing to draw: the data a KPI of the same family needs, or the period and filters.
    let why_empty = move || {
        let l = lang.get();
        let reason = state
            .report
            .with(|r| r.kpi(reason_kpi(id)).and_then(|k| k.unavailable.clone()));
        match reason {
            Some(r) => format!("{} — {}", t(l, Text::ChartNoData), said(&r, l)),
            None => t(l, Text::ChartNoDataHere).to_string(),
        }
    };
    let export_csv = move |_| {
        let l = lang.get_untracked();
        // The columns of the table view, written as a spreadsheet of the language reads them.
        let table = table.get_untracked();
        let currency = state.settings.with_untracked(|s| s.currency.clone());
        download_view_csv(
            state,
            &format!("cadran-{id}.csv"),
            chart_title(id, l),
            &table.csv_header(&currency, l),
            &table.csv_rows(l),
        );
    };
    view! {
        // Named by its title alone (the caption also holds the buttons).
        <figure class="chart-panel" id=format!("panel-{id}") data-testid=format!("chart-{id}") aria-labelledby=format!("chart-title-{id}")>
            <figcaption>
                <h3 id=format!("chart-title-{id}")>{title}</h3>
                // Each button described by the chart's title: "Image PNG" of which chart.
                // The CSV export only for a chart with figures, always there
                // (not only with the table shown, where it came before the table).
                <span class="chart-actions">
                    // A disclosure: it shows the table in the chart's place, and
                    // the focus goes to the table, whose caption is read out.
                    <button class="button subtle" aria-expanded=move || as_table.get().to_string()
                        aria-controls=move || as_table.get().then(|| format!("table-{id}"))
                        aria-describedby=format!("chart-title-{id}")
                        on:click=move |_| {
                            as_table.update(|v| *v = !*v);
                            if as_table.get_untracked() {
                                focus_id_later(format!("table-{id}"));
                            }
                        }>
                        {move || t(lang.get(), if as_table.get() { Text::ShowChart } else { Text::ShowTable })}
                    </button>
                    <Show when=move || !as_table.get() && chart.with(Option::is_some)>
                        <button class="button subtle" aria-describedby=format!("chart-title-{id}") on:click=export_png>{move || t(lang.get(), Text::ExportPng)}</button>
                    </Show>
                    <Show when=move || chart.with(Option::is_some)>
                        <button class="button subtle" data-testid=format!("export-csv-{id}") aria-describedby=format!("chart-title-{id}") on:click=export_csv>{move || t(lang.get(), Text::ExportCsv)}</button>
                    </Show>
                </span>
            </figcaption>
            <Show
                when=move || chart.with(Option::is_some)
                fallback=move || view! { <p class="no-data" data-testid=format!("no-data-{id}")>{why_empty}</p> }
            >
                <Show
                    when=move || as_table.get()
                    fallback=move || view! { <div id=id.as_str() class="chart" role="img" aria-label=title></div> }
                >
                    <div class="table-scroll">
                        // A stop while shown: its box scrolls by keyboard.
                        <table class="data-table" id=format!("table-{id}") tabindex="0">
                            <caption class="visually-hidden">{move || format!("{} ({})", title(), kt(lang.get(), KeyText::TableWord))}</caption>
                            <thead>
                                <tr>
                                    {move || table.with(|t| t.header()).into_iter().enumerate().map(|(i, h)| view! { <th scope="col" class=(i > 0).then_some("num")>{h}</th> }).collect_view()}
                                </tr>
                            </thead>
                            <tbody>
                                {move || rows().into_iter().map(|(k, from_file, cells)| view! {
                                    <tr>
                                        <th scope="row" data-from-file=from_file.then_some("")>{k}</th>
                                        {cells.into_iter().map(|c| view! { <td class="num">{c}</td> }).collect_view()}
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </Show>
            </Show>
        </figure>
    }
}
