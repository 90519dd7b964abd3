//! A chart's table view: the same figures as the chart, every series it
//! draws as a column (revenue and last year, new and lost customers, the
//! cohorts' retention month by month), for the screen and for CSV.

use super::customers::{month_offsets, new_and_lost};
use super::pipeline::stage_name;
use super::revenue::last_year_beside;
use crate::engine::kpi::{BreakdownId, ChartId};
use crate::engine::report::Unit;
use crate::engine::{Field, Report};
use crate::locale::{
    breakdown_key, chart_title, chart_word, csv_month, csv_number, csv_unit, engine_keys,
    field_label, key_text, month_label, t, ChartWord, Lang, Text,
};

/// What a chart's table lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableOf {
    /// One breakdown, its rows under the chart's single series.
    Breakdown {
        id: BreakdownId,
        series: Series,
        unit: Unit,
    },
    /// Revenue per month, and last year's beside it when the chart shows it.
    RevenueByMonth,
    /// New and lost customers per month.
    NewVsLost,
    /// Each cohort's size and share still active month after month.
    Cohorts,
    /// Amount, weighted amount and deals per stage.
    Funnel,
}

/// The name of a breakdown chart's series, the same on the chart and in its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    Revenue,
    GrossMargin,
    Amount,
    Deals,
    WinRate,
    Leads,
    Contacts,
    Answers,
    /// Customer acquisition cost: the same acronym in both languages.
    Cac,
    /// Return on investment: the same acronym in both languages.
    Roi,
}

impl Series {
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Series::Revenue => t(lang, Text::Revenue),
            Series::GrossMargin => t(lang, Text::GrossMargin),
            Series::Amount => t(lang, Text::Amount),
            Series::Deals => t(lang, Text::Deals),
            Series::WinRate => t(lang, Text::RepWinRate),
            Series::Leads => t(lang, Text::Leads),
            Series::Contacts => t(lang, Text::Contacts),
            Series::Answers => t(lang, Text::Answers),
            Series::Cac => t(lang, Text::AcquisitionCostShort),
            Series::Roi => t(lang, Text::ReturnOnInvestmentShort),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub unit: Unit,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// As the screen shows it: months named, the engine's words translated.
    pub key: String,
    /// As a spreadsheet wants it: a month as a date, the engine's words translated.
    pub csv_key: CsvKey,
    /// The key is a value of the user's file (a rep, a product), shown as written.
    pub from_file: bool,
    /// One per column; `None` where the series has no figure (a gap on the chart).
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The header of the key column.
    pub key_header: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The header row: the key's, then each column's.
    pub fn header(&self) -> Vec<String> {
        std::iter::once(self.key_header.clone())
            .chain(self.columns.iter().map(|c| c.name.clone()))
            .collect()
    }

    /// The header row of a CSV file: each figure's unit named, since its
    /// cells hold plain numbers (`Taux de transformation (%)`).
    pub fn csv_header(&self, currency: &str, lang: Lang) -> Vec<String> {
        std::iter::once(self.key_header.clone())
            .chain(
                self.columns
                    .iter()
                    .map(|c| match csv_unit(c.unit, currency, lang) {
                        Some(u) => format!("{} {u}", c.name),
                        None => c.name.clone(),
                    }),
            )
            .collect()
    }

    /// The rows of a CSV file, as a spreadsheet of the language reads them:
    /// months as dates, amounts to the cent, rates in percent, an empty cell
    /// for a gap.
    pub fn csv_rows(&self, lang: Lang) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .map(|r| {
                std::iter::once(r.csv_key.cell(lang))
                    .chain(
                        r.values.iter().zip(&self.columns).map(|(v, c)| {
                            v.map(|x| csv_number(x, c.unit, lang)).unwrap_or_default()
                        }),
                    )
                    .collect()
            })
            .collect()
    }
}

/// A row's key in a CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvKey {
    /// Words: the engine's translated, the user's file's as written.
    Text(String),
    /// A month, `2024-03`: written as a date the spreadsheet reads.
    Month(String),
}

impl CsvKey {
    /// The key as the engine or the file gives it (a month stays `2024-03`).
    pub fn as_str(&self) -> &str {
        match self {
            CsvKey::Text(s) | CsvKey::Month(s) => s,
        }
    }

    pub fn cell(&self, lang: Lang) -> String {
        match self {
            CsvKey::Text(s) => s.clone(),
            CsvKey::Month(m) => csv_month(m, lang),
        }
    }
}

fn column(name: &str, unit: Unit) -> Column {
    Column {
        name: name.to_string(),
        unit,
    }
}

fn month_row(key: &str, lang: Lang, values: Vec<Option<f64>>) -> Row {
    Row {
        key: month_label(key, lang),
        csv_key: CsvKey::Month(key.to_string()),
        from_file: false,
        values,
    }
}

/// The header of a breakdown's key column: what its rows are, as the
/// revenue table's "Mois" — the dimension ("Produit"), the month, the
/// buckets' measure ("Retard") — never the chart's title again.
fn key_header(chart: ChartId, lang: Lang) -> String {
    if let Some(f) = chart.dimension() {
        return field_label(f, lang);
    }
    match chart {
        ChartId::MarginByMonth | ChartId::CacByMonth => t(lang, Text::Month).to_string(),
        ChartId::CampaignRoi => field_label(Field::Campaign, lang),
        ChartId::SalesCycle => chart_word(lang, ChartWord::CycleLength).to_string(),
        ChartId::LeadResponse => chart_word(lang, ChartWord::ResponseTime).to_string(),
        ChartId::Nps => chart_word(lang, ChartWord::NpsGroup).to_string(),
        ChartId::ReceivablesAging => chart_word(lang, ChartWord::Overdue).to_string(),
        _ => chart_title(chart, lang).to_string(),
    }
}

/// The table of chart `chart`; `last_year`: whether the dashboard shows last
/// year beside this period (the revenue chart then draws it).
pub fn chart_table(
    report: &Report,
    of: TableOf,
    chart: ChartId,
    lang: Lang,
    last_year: bool,
) -> Table {
    let month = t(lang, Text::Month).to_string();
    match of {
        TableOf::Breakdown { id, series, unit } => Table {
            key_header: key_header(chart, lang),
            columns: vec![column(series.name(lang), unit)],
            rows: report
                .breakdown(id)
                .iter()
                .map(|b| {
                    let key = key_text(id, &b.key, lang);
                    Row {
                        from_file: !engine_keys(id)
                            && breakdown_key(id, &b.key, lang).is_none()
                            && key == b.key,
                        // A month of a monthly breakdown (margin, CAC) as a date.
                        csv_key: if month_label(&b.key, lang) != b.key {
                            CsvKey::Month(b.key.clone())
                        } else {
                            CsvKey::Text(
                                breakdown_key(id, &b.key, lang)
                                    .map_or_else(|| b.key.clone(), str::to_string),
                            )
                        },
                        key,
                        values: vec![Some(b.value)],
                    }
                })
                .collect(),
        },
        TableOf::RevenueByMonth => {
            let rows = report.breakdown(BreakdownId::RevenueByMonth);
            let mut columns = vec![column(t(lang, Text::Revenue), Unit::Currency)];
            let ly = last_year_beside(report, last_year);
            if ly.is_some() {
                columns.push(column(t(lang, Text::LastYear), Unit::Currency));
            }
            let rows = rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut values = vec![Some(r.value)];
                    if let Some(ly) = &ly {
                        values.push(ly.get(i).copied().flatten());
                    }
                    month_row(&r.key, lang, values)
                })
                .collect();
            Table {
                key_header: month,
                columns,
                rows,
            }
        }
        TableOf::NewVsLost => Table {
            key_header: month,
            columns: vec![
                column(t(lang, Text::NewCustomers), Unit::Count),
                column(t(lang, Text::LostCustomers), Unit::Count),
            ],
            rows: new_and_lost(report)
                .into_iter()
                .map(|(k, n, l)| month_row(k, lang, vec![Some(n), Some(l)]))
                .collect(),
        },
        TableOf::Cohorts => {
            let offsets = month_offsets(report);
            let columns =
                std::iter::once(column(chart_word(lang, ChartWord::Customers), Unit::Count))
                    .chain(offsets.iter().map(|m| column(m, Unit::Ratio)))
                    .collect();
            let rows = report
                .cohorts
                .iter()
                .map(|c| {
                    let values = std::iter::once(Some(c.customers as f64))
                        .chain((0..offsets.len()).map(|k| c.retention.get(k).copied()))
                        .collect();
                    month_row(&c.cohort, lang, values)
                })
                .collect();
            Table {
                key_header: chart_word(lang, ChartWord::Cohort).to_string(),
                columns,
                rows,
            }
        }
        TableOf::Funnel => Table {
            key_header: chart_word(lang, ChartWord::Stage).to_string(),
            columns: vec![
                column(t(lang, Text::Amount), Unit::Currency),
                column(t(lang, Text::Weighted), Unit::Currency),
                column(t(lang, Text::Deals), Unit::Count),
            ],
            rows: report
                .funnel
                .iter()
                .map(|s| {
                    let name = stage_name(&s.stage, lang);
                    Row {
                        from_file: breakdown_key(BreakdownId::PipelineByStage, &s.stage, lang)
                            .is_none(),
                        csv_key: CsvKey::Text(name.clone()),
                        key: name,
                        values: vec![s.amount, s.weighted, Some(s.count as f64)],
                    }
                })
                .collect(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::test_support::report;
    use crate::engine::report::{BreakdownRow, Cohort};
    use crate::locale::Lang::*;

    fn row(k: &str, v: f64) -> BreakdownRow {
        BreakdownRow {
            key: k.into(),
            value: v,
            share: None,
        }
    }

    #[test]
    fn revenue_with_last_year_when_the_chart_shows_it() {
        let mut r = report("revenue_by_month", &[("2024-01", 10.0), ("2024-02", 12.5)]);
        r.breakdowns.insert(
            "revenue_by_month_last_year".into(),
            vec![row("2023-02", 7.0)],
        );
        let tb = chart_table(
            &r,
            TableOf::RevenueByMonth,
            ChartId::RevenueByMonth,
            En,
            true,
        );
        assert_eq!(tb.header(), ["Month", "Revenue", "Last year"]);
        assert_eq!(tb.rows[0].key, "Jan 2024");
        assert_eq!(tb.rows[0].values, [Some(10.0), None]);
        assert_eq!(tb.rows[1].values, [Some(12.5), Some(7.0)]);
        assert_eq!(
            tb.csv_rows(En),
            [["2024-01-01", "10.00", ""], ["2024-02-01", "12.50", "7.00"]]
        );
        assert_eq!(
            tb.csv_rows(Fr),
            [["01/01/2024", "10,00", ""], ["01/02/2024", "12,50", "7,00"]]
        );
        assert_eq!(
            tb.csv_header("EUR", En),
            ["Month", "Revenue (€)", "Last year (€)"]
        );
        // Another comparison chosen: the chart has one series, so has the table.
        let tb = chart_table(
            &r,
            TableOf::RevenueByMonth,
            ChartId::RevenueByMonth,
            En,
            false,
        );
        assert_eq!(tb.header(), ["Month", "Revenue"]);
    }

    #[test]
    fn a_key_column_says_what_its_rows_are() {
        let r = report("sales_cycle_distribution", &[("0-7", 2.0), ("8-14", 1.0)]);
        let cycle = TableOf::Breakdown {
            id: BreakdownId::SalesCycleDistribution,
            series: Series::Deals,
            unit: Unit::Count,
        };
        let tb = chart_table(&r, cycle, ChartId::SalesCycle, En, false);
        assert_eq!(tb.header(), ["Cycle length (days)", "Deals"]);
        // An en dash: `8-14` is 14 August to a spreadsheet.
        assert_eq!(tb.csv_rows(En)[1][0], "8–14");
        assert_eq!(tb.csv_rows(Fr)[1][0], "8–14");
        let r = report("margin_by_month", &[("2024-01", 5.0)]);
        let margin = TableOf::Breakdown {
            id: BreakdownId::MarginByMonth,
            series: Series::GrossMargin,
            unit: Unit::Currency,
        };
        let tb = chart_table(&r, margin, ChartId::MarginByMonth, Fr, false);
        assert_eq!(tb.csv_header("EUR", Fr), ["Mois", "Marge brute (€)"]);
        for (chart, fr) in [
            (ChartId::Nps, "Catégorie"),
            (ChartId::ReceivablesAging, "Retard"),
            (ChartId::CampaignRoi, "Campagne"),
            (ChartId::RevenueByProduct, "Produit"),
        ] {
            assert_eq!(key_header(chart, Fr), fr);
        }
    }

    #[test]
    fn cohorts_as_shares_with_their_size() {
        let mut r = report("x", &[]);
        r.cohorts = vec![
            Cohort {
                cohort: "2024-01".into(),
                customers: 4,
                retention: vec![1.0, 0.25],
            },
            Cohort {
                cohort: "2024-02".into(),
                customers: 2,
                retention: vec![1.0],
            },
        ];
        let tb = chart_table(&r, TableOf::Cohorts, ChartId::Cohorts, Fr, false);
        assert_eq!(tb.header(), ["Cohorte", "Clients", "M+0", "M+1"]);
        assert_eq!(
            tb.columns.iter().map(|c| c.unit).collect::<Vec<_>>(),
            [Unit::Count, Unit::Ratio, Unit::Ratio]
        );
        assert_eq!(tb.rows[0].key, "janv. 2024");
        assert_eq!(tb.rows[0].values, [Some(4.0), Some(1.0), Some(0.25)]);
        // The younger cohort has not reached M+1: an empty cell, not 0 %.
        assert_eq!(tb.rows[1].values, [Some(2.0), Some(1.0), None]);
        assert_eq!(
            tb.csv_header("EUR", Fr),
            ["Cohorte", "Clients", "M+0 (%)", "M+1 (%)"]
        );
        assert_eq!(
            tb.csv_rows(Fr),
            [
                ["01/01/2024", "4", "100,0", "25,0"],
                ["01/02/2024", "2", "100,0", ""]
            ]
        );
    }
}
