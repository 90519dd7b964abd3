//! KPI words: labels from the catalogue, families, what unlocks an
//! unavailable KPI, and values formatted by their unit.

use super::{format_money, format_number, format_percent, Lang};
use crate::engine::kpi::ChartId;
use crate::engine::kpi::{Family, KpiDef};
use crate::engine::report::{Change, Unit};

pub fn kpi_label(d: &KpiDef, lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => d.fr,
        Lang::En => d.en,
    }
}

pub fn family_label(f: Family, lang: Lang) -> &'static str {
    let (fr, en) = match f {
        Family::Revenue => ("Chiffre d'affaires et commandes", "Revenue and orders"),
        Family::Customers => ("Clients", "Customers"),
        Family::Pipeline => ("Pipe commercial", "Pipeline"),
        Family::Prospecting => ("Prospection", "Prospecting"),
        Family::Activity => ("Activité et productivité", "Activity and productivity"),
        Family::Marketing => ("Acquisition et marketing", "Acquisition and marketing"),
        Family::Satisfaction => ("Satisfaction", "Satisfaction"),
        Family::Receivables => ("Encours clients", "Receivables"),
        Family::Team => ("Équipe", "Team"),
    };
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

/// The title of a dashboard chart.
pub fn chart_title(id: ChartId, lang: Lang) -> &'static str {
    let (fr, en) = match id {
        // Last year shows beside it when it is the comparison chosen: not in the title.
        ChartId::RevenueByMonth => ("Chiffre d'affaires par mois", "Revenue by month"),
        ChartId::MarginByMonth => ("Marge brute par mois", "Gross margin by month"),
        ChartId::RevenueByRep => ("CA par commercial", "Revenue by rep"),
        ChartId::RevenueByRegion => ("CA par région", "Revenue by region"),
        ChartId::RevenueBySector => ("CA par secteur", "Revenue by sector"),
        ChartId::RevenueByChannel => ("CA par canal", "Revenue by channel"),
        ChartId::RevenueByProduct => ("CA par produit (top 15)", "Revenue by product (top 15)"),
        ChartId::TopCustomers => ("Top 10 clients", "Top 10 customers"),
        ChartId::NewVsLost => (
            "Nouveaux et clients perdus par mois",
            "New vs lost customers by month",
        ),
        ChartId::NewCustomers => (
            "Nouveaux clients, par CA de la période",
            "New customers, by revenue in the period",
        ),
        ChartId::LostCustomers => (
            "Clients perdus, par CA avant leur départ",
            "Lost customers, by revenue before they left",
        ),
        ChartId::Cohorts => (
            "Rétention par cohorte (% actifs)",
            "Cohort retention (% active)",
        ),
        ChartId::Funnel => ("Pipe par étape", "Pipeline by stage"),
        ChartId::WonRevenueByRep => ("CA signé par commercial", "Won revenue by rep"),
        ChartId::WinRateByRep => ("Taux de signature par commercial", "Win rate by rep"),
        ChartId::SalesCycle => ("Durée du cycle de vente (jours)", "Sales cycle (days)"),
        ChartId::SpendByChannel => ("Dépenses par canal", "Spend by channel"),
        ChartId::CampaignRoi => ("ROI des campagnes", "Campaign ROI"),
        ChartId::Nps => (
            "Promoteurs, passifs, détracteurs",
            "Promoters, passives, detractors",
        ),
        ChartId::LeadResponse => (
            "Délai de premier contact des prospects",
            "Lead response time",
        ),
        ChartId::ActivityByRep => (
            "Appels, visites et rendez-vous par commercial",
            "Calls, visits and meetings by rep",
        ),
        ChartId::CacByMonth => (
            "Coût d'acquisition client par mois",
            "Customer acquisition cost by month",
        ),
        ChartId::ReceivablesAging => ("Encours par retard (jours)", "Receivables by days overdue"),
    };
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

/// Where a KPI was read: "Lu dans ventes.csv : 1 204 lignes de la période."
pub fn read_from(file: &str, rows: u64, lang: Lang) -> String {
    let n = format_number(rows as f64, 0, lang);
    match lang {
        Lang::Fr => format!("Lu dans {file}\u{202f}: {n} lignes de la période."),
        Lang::En => format!("Read from {file}: {n} rows of the period."),
    }
}

/// A KPI value in its unit: `1 234 567 €`, `48,1 %`, `51,8 j`, `13,5 h`.
pub fn format_value(unit: Unit, v: f64, currency: &str, lang: Lang) -> String {
    match unit {
        Unit::Currency => format_money(v, currency, lang),
        Unit::Ratio => format_percent(v, lang),
        Unit::Count if v.fract() == 0.0 || v.abs() >= 100.0 => format_number(v, 0, lang),
        Unit::Count => format_number(v, 2, lang),
        Unit::Days => match lang {
            Lang::Fr => format!("{}\u{a0}j", format_number(v, 1, lang)),
            Lang::En => format!("{} days", format_number(v, 1, lang)),
        },
        Unit::Hours => format!("{}\u{a0}h", format_number(v, 1, lang)),
        Unit::Score => format_number(v, 0, lang),
    }
}

/// A KPI's change against a comparison, signed, as a manager reads it:
/// amounts and counts in percent (their value when the reference is 0),
/// rates and scores in points (`+1,2 pt` / `+1.2 pts`: a change of a
/// percentage or of an NPS is never a percent of it), durations in their unit.
pub fn format_change(unit: Unit, c: &Change, currency: &str, lang: Lang) -> Option<String> {
    let signed = |s: String, x: f64| if x > 0.0 { format!("+{s}") } else { s };
    let absolute = c.absolute?;
    Some(match (unit, c.relative) {
        (Unit::Currency | Unit::Count, Some(rel)) => signed(format_percent(rel, lang), rel),
        (Unit::Ratio, _) => signed(format_points(absolute * 100.0, lang), absolute),
        (Unit::Score, _) => signed(format_points(absolute, lang), absolute),
        _ => signed(format_value(unit, absolute, currency, lang), absolute),
    })
}

/// Points with one decimal: `1,2 pt` in French (the abbreviation is
/// invariable, after a narrow no-break space as before `%`), `1.2 pts` in English.
fn format_points(points: f64, lang: Lang) -> String {
    let n = format_number(points, 1, lang);
    match lang {
        Lang::Fr => format!("{n}\u{202f}pt"),
        Lang::En => format!("{n}\u{a0}pts"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_read_in_percent_for_amounts_and_in_points_for_rates() {
        let c = |a: f64, r: Option<f64>| Change {
            absolute: Some(a),
            relative: r,
            unavailable: None,
        };
        let f = |u, ch: &Change| format_change(u, ch, "EUR", Lang::Fr).unwrap();
        assert_eq!(f(Unit::Currency, &c(500.0, Some(0.125))), "+12,5\u{202f}%");
        assert_eq!(f(Unit::Count, &c(-3.0, Some(-0.25))), "-25,0\u{202f}%");
        assert_eq!(f(Unit::Ratio, &c(0.029, None)), "+2,9\u{202f}pt");
        assert_eq!(f(Unit::Ratio, &c(-0.12, None)), "-12,0\u{202f}pt");
        // A score (NPS) moves in points, never in percent of itself.
        assert_eq!(f(Unit::Score, &c(-5.0, None)), "-5,0\u{202f}pt");
        let en = |u, ch: &Change| format_change(u, ch, "EUR", Lang::En).unwrap();
        assert_eq!(en(Unit::Ratio, &c(0.012, None)), "+1.2\u{a0}pts");
        assert_eq!(en(Unit::Score, &c(27.8, None)), "+27.8\u{a0}pts");
        assert_eq!(en(Unit::Hours, &c(1.5, None)), "+1.5\u{a0}h");
        assert_eq!(f(Unit::Days, &c(-2.5, None)), "-2,5\u{a0}j");
        // A count that was 0: its change in units.
        assert_eq!(f(Unit::Count, &c(4.0, None)), "+4");
        assert_eq!(
            format_change(
                Unit::Currency,
                &Change::unavailable(crate::engine::messages::Reason::NoComparisonData),
                "EUR",
                Lang::Fr
            ),
            None
        );
    }

    #[test]
    fn where_a_figure_was_read() {
        assert_eq!(
            read_from("ventes.csv", 1204, Lang::Fr),
            "Lu dans ventes.csv\u{202f}: 1\u{202f}204 lignes de la période."
        );
        assert_eq!(
            read_from("sales.csv", 1204, Lang::En),
            "Read from sales.csv: 1,204 rows of the period."
        );
    }

    #[test]
    fn values_by_unit() {
        assert_eq!(
            format_value(Unit::Days, 51.78, "EUR", Lang::Fr),
            "51,8\u{a0}j"
        );
        assert_eq!(
            format_value(Unit::Days, 51.78, "EUR", Lang::En),
            "51.8 days"
        );
        assert_eq!(format_value(Unit::Ratio, 0.6316, "EUR", Lang::En), "63.2%");
        assert_eq!(format_value(Unit::Count, 5009.0, "EUR", Lang::En), "5,009");
        assert_eq!(format_value(Unit::Count, 2.5, "EUR", Lang::En), "2.50");
        assert_eq!(
            format_value(Unit::Currency, 458.61, "EUR", Lang::Fr),
            "458,61\u{202f}€"
        );
    }
}
