//! A chart's CSV download on real data, read back as a spreadsheet would:
//! in French `;`, decimal comma and `01/03/2024`, in English `,`, point and
//! ISO dates; a title line naming the chart, period and filters; the
//! breakdown's figures to the cent; a formula-looking name neutralised.

mod common;

use cadran::charts::{chart_table, Series, Table, TableOf};
use cadran::engine::export::titled_csv_table;
use cadran::engine::kpi::{self, BreakdownId, ChartId, Query, Workspace};
use cadran::engine::report::Unit;
use cadran::engine::{self, Field, Options, Report};
use cadran::locale::{chart_title, csv_delimiter, csv_title, Lang};

fn superstore_ws() -> Workspace {
    Workspace {
        tables: vec![engine::read(
            "Superstore.csv",
            &common::read_data("superstore/Superstore.csv"),
            &Options::default(),
        )
        .expect("readable")],
    }
}

/// The CSV the chart panel downloads for `table`, as the browser gets it.
fn export(report: &Report, table: &Table, chart: ChartId, q: &Query, lang: Lang) -> String {
    let filters: Vec<(Field, Vec<String>)> = q.filters.clone().into_iter().collect();
    let period = report
        .period
        .as_ref()
        .map(|p| (p.from.as_str(), p.to.as_str()));
    let title = csv_title(chart_title(chart, lang), period, &filters, lang);
    titled_csv_table(
        &title,
        &table.csv_header("EUR", lang),
        &table.csv_rows(lang),
        csv_delimiter(lang),
    )
}

/// The records of a CSV text, read with the `csv` crate.
fn records(text: &str, lang: Lang) -> Vec<Vec<String>> {
    let body = text.strip_prefix('\u{feff}').expect("a BOM for Excel");
    csv::ReaderBuilder::new()
        .delimiter(csv_delimiter(lang))
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes())
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// A number cell as the language writes it; it must have exactly `decimals`
/// decimals after the language's mark and no other separator.
fn number(cell: &str, decimals: usize, lang: Lang) -> f64 {
    let (mark, other) = match lang {
        Lang::Fr => (',', '.'),
        Lang::En => ('.', ','),
    };
    assert!(!cell.contains(other), "{cell}: the other language's mark");
    assert!(
        !cell.contains([' ', '\u{202f}', '\u{a0}']),
        "{cell}: grouped"
    );
    let frac = cell.split_once(mark).map_or(0, |(_, f)| f.len());
    assert_eq!(frac, decimals, "{cell}: {decimals} decimals");
    cell.replace(mark, ".").parse().expect(cell)
}

#[test]
fn revenue_by_region_reads_back_to_the_cent_in_both_languages() {
    let ws = superstore_ws();
    let mut q = Query::default();
    q.filters
        .insert(Field::Region, vec!["West".into(), "East".into()]);
    let r = kpi::report(&ws, &q);
    let of = TableOf::Breakdown {
        id: BreakdownId::RevenueByRegion,
        series: Series::Revenue,
        unit: Unit::Currency,
    };
    let engine_rows = r.breakdown(BreakdownId::RevenueByRegion);
    assert_eq!(engine_rows.len(), 2, "two regions kept");
    for lang in [Lang::Fr, Lang::En] {
        let table = chart_table(&r, of, ChartId::RevenueByRegion, lang, false);
        let recs = records(
            &export(&r, &table, ChartId::RevenueByRegion, &q, lang),
            lang,
        );
        // The title: one cell naming the chart, the period and the filters.
        assert_eq!(recs[0].len(), 1, "{:?}", recs[0]);
        let title = &recs[0][0];
        assert!(title.starts_with(chart_title(ChartId::RevenueByRegion, lang)));
        let (period, region) = match lang {
            Lang::Fr => ("Période\u{202f}: ", "Région\u{202f}: West, East"),
            Lang::En => ("Period: ", "Region: West, East"),
        };
        assert!(title.contains(period) && title.ends_with(region), "{title}");
        assert_eq!(recs[1].len(), 2);
        assert!(recs[1][1].ends_with(" (€)"), "{:?}", recs[1]);
        assert_eq!(recs.len() - 2, engine_rows.len());
        for (rec, b) in recs[2..].iter().zip(engine_rows) {
            assert_eq!(rec[0], b.key);
            let v = number(&rec[1], 2, lang);
            assert!((v - b.value).abs() <= 0.005 + 1e-9, "{v} vs {}", b.value);
        }
    }
}

#[test]
fn months_are_dates_and_rates_are_percents() {
    let ws = common::demo_workspace(engine::demo::DEFAULT_SEED, 6_000);
    let q = Query::default();
    let r = kpi::report(&ws, &q);
    // Revenue per month: the month as its first day.
    let months = r.breakdown(BreakdownId::RevenueByMonth);
    assert!(months.len() > 6);
    let table = chart_table(
        &r,
        TableOf::RevenueByMonth,
        ChartId::RevenueByMonth,
        Lang::Fr,
        false,
    );
    let recs = records(
        &export(&r, &table, ChartId::RevenueByMonth, &q, Lang::Fr),
        Lang::Fr,
    );
    for (rec, m) in recs[2..].iter().zip(months) {
        let (y, mm) = m.key.split_once('-').unwrap();
        assert_eq!(rec[0], format!("01/{mm}/{y}"));
        assert!((number(&rec[1], 2, Lang::Fr) - m.value).abs() <= 0.005 + 1e-9);
    }
    let table = chart_table(
        &r,
        TableOf::RevenueByMonth,
        ChartId::RevenueByMonth,
        Lang::En,
        false,
    );
    let recs = records(
        &export(&r, &table, ChartId::RevenueByMonth, &q, Lang::En),
        Lang::En,
    );
    assert_eq!(recs[2][0], format!("{}-01", months[0].key));
    // Win rate per rep: percents with one decimal, the header says so.
    let of = TableOf::Breakdown {
        id: BreakdownId::WinRateByRep,
        series: Series::WinRate,
        unit: Unit::Ratio,
    };
    let rates = r.breakdown(BreakdownId::WinRateByRep);
    assert!(!rates.is_empty());
    let table = chart_table(&r, of, ChartId::WinRateByRep, Lang::Fr, false);
    let recs = records(
        &export(&r, &table, ChartId::WinRateByRep, &q, Lang::Fr),
        Lang::Fr,
    );
    assert!(recs[1][1].ends_with(" (%)"), "{:?}", recs[1]);
    for (rec, b) in recs[2..].iter().zip(rates) {
        let pct = number(&rec[1], 1, Lang::Fr);
        assert!(
            (pct - b.value * 100.0).abs() <= 0.05 + 1e-9,
            "{pct} vs {}",
            b.value
        );
    }
}

#[test]
fn a_formula_looking_name_stays_neutralised() {
    let ws = common::workspace_of(&[(
        "ventes.csv",
        "date,montant,client,commercial\n\
         2024-03-05,120.5,=HYPERLINK(\"http://x\"),@Ann\n\
         2024-03-06,-20.25,Acme,Bob\n",
    )]);
    let q = Query::default();
    let r = kpi::report(&ws, &q);
    let of = TableOf::Breakdown {
        id: BreakdownId::RevenueByRep,
        series: Series::Revenue,
        unit: Unit::Currency,
    };
    let table = chart_table(&r, of, ChartId::RevenueByRep, Lang::Fr, false);
    let recs = records(
        &export(&r, &table, ChartId::RevenueByRep, &q, Lang::Fr),
        Lang::Fr,
    );
    let ann = recs
        .iter()
        .find(|c| c[0].contains("Ann"))
        .expect("Ann's row");
    assert_eq!(ann[0], "'@Ann");
    assert_eq!(ann[1], "120,50");
    // A negative amount stays a number.
    let bob = recs.iter().find(|c| c[0] == "Bob").expect("Bob's row");
    assert_eq!(bob[1], "-20,25");
    let of = TableOf::Breakdown {
        id: BreakdownId::TopCustomers,
        series: Series::Revenue,
        unit: Unit::Currency,
    };
    let table = chart_table(&r, of, ChartId::TopCustomers, Lang::Fr, false);
    let recs = records(
        &export(&r, &table, ChartId::TopCustomers, &q, Lang::Fr),
        Lang::Fr,
    );
    assert!(
        recs.iter().any(|c| c[0] == "'=HYPERLINK(\"http://x\")"),
        "{recs:?}"
    );
}
