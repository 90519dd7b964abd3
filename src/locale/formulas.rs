//! How each KPI is computed, in words a sales director reads (KPIS.md),
//! shown on demand under its card.

use super::Lang;
use crate::engine::kpi::KpiId;

/// How a KPI is computed, its id written as text (empty for text that is
/// no KPI id).
pub fn formula(id: &str, lang: Lang) -> &'static str {
    id.parse().map_or("", |k| kpi_formula(k, lang))
}

/// How a KPI is computed: every KPI has its words (the match has no
/// default arm, so a KPI added without them does not compile).
pub fn kpi_formula(id: KpiId, lang: Lang) -> &'static str {
    let (fr, en) = match id {
        KpiId::Revenue => ("Somme des montants HT des lignes de vente datées dans la période (retours inclus).", "Sum of net amounts of the sales lines dated in the period (returns included)."),
        KpiId::RevenueGrowth => ("(CA de la période − CA de la période précédente) / CA de la période précédente.", "(Revenue of the period − revenue of the previous period) / revenue of the previous period."),
        KpiId::OrderCount => ("Commandes distinctes de la période dont le total net est positif.", "Distinct orders of the period whose net total is positive."),
        KpiId::AvgOrderValue => ("Chiffre d'affaires / nombre de commandes.", "Revenue / orders."),
        KpiId::GrossMargin => ("Somme des marges, ou des montants moins les coûts.", "Sum of margins, or of amounts minus costs."),
        KpiId::MarginRate => ("Marge brute / chiffre d'affaires.", "Gross margin / revenue."),
        KpiId::RevenuePerRep => ("Chiffre d'affaires / commerciaux ayant au moins une vente.", "Revenue / reps with at least one sale."),
        KpiId::UnitsSold => ("Somme des quantités.", "Sum of quantities."),
        KpiId::ActiveCustomers => ("Clients dont les lignes de la période ont un total net positif (un retour seul ne compte pas).", "Customers whose lines in the period net to more than zero (a return alone does not count)."),
        KpiId::NewCustomers => ("Clients dont le premier achat (première commande au total net positif) de tout le fichier tombe dans la période\u{202f}; un filtre garde ceux dont le premier achat y passe.", "Customers whose first purchase (first order with a positive net) in the whole data falls in the period; a filter keeps those whose first purchase passes it."),
        KpiId::LostCustomers => ("Clients perdus dans la période\u{202f}: sans achat pendant W jours (365 par défaut) après leur dernier achat.", "Customers lost in the period: no purchase for W days (365 by default) after their last one."),
        KpiId::RetentionRate => ("1 − taux d'attrition.", "1 − churn rate."),
        KpiId::ChurnRate => ("Clients vivants au début de la période (un achat dans les W jours avant) perdus dans la période / clients vivants au début.", "Customers live at the period's start (a purchase within W days before it) lost within the period / customers live at its start."),
        KpiId::RepeatRate => ("Clients actifs avec au moins 2 commandes / clients actifs.", "Active customers with 2 orders or more / active customers."),
        KpiId::FirstPurchaseValue => ("Moyenne du total net du premier achat des nouveaux clients.", "Mean net total of each new customer's first purchase."),
        KpiId::NewOpportunities => ("Opportunités créées dans la période.", "Opportunities created in the period."),
        KpiId::OpenOpportunities => ("Opportunités en cours à la fin de la période\u{202f}: créées au plus tard ce jour-là et ni gagnées ni perdues à cette date.", "Opportunities open at the period's end: created by then, and neither won nor lost by then."),
        KpiId::PipelineValue => ("Somme des montants des opportunités en cours à la fin de la période (prix catalogue à défaut).", "Sum of amounts of the opportunities open at the period's end (list price when missing)."),
        KpiId::WeightedPipeline => ("Somme des montants × probabilité des opportunités en cours à la fin de la période (celle de la ligne, sinon celle de l'étape).", "Sum of amount × probability of the opportunities open at the period's end (the row's, else the stage's)."),
        KpiId::WonDeals => ("Opportunités gagnées clôturées dans la période.", "Won opportunities closed in the period."),
        KpiId::WonRevenue => ("Somme des montants des opportunités gagnées clôturées dans la période.", "Sum of amounts of won opportunities closed in the period."),
        KpiId::WinRate => ("Gagnées / (gagnées + perdues), parmi les opportunités clôturées dans la période.", "Won / (won + lost), among opportunities closed in the period."),
        KpiId::AvgDealValue => ("CA signé / affaires signées ayant un montant.", "Won revenue / deals won with an amount."),
        KpiId::AvgSalesCycleDays => ("Moyenne (et médiane) des jours entre création et clôture des affaires gagnées.", "Mean (and median) days from creation to close of won deals."),
        KpiId::OpportunityConversionRate => ("Part des opportunités créées dans la période aujourd'hui gagnées.", "Share of the opportunities created in the period that are now won."),
        KpiId::LeadCount => ("Prospects créés dans la période.", "Leads created in the period."),
        KpiId::LeadQualificationRate => ("Prospects devenus opportunités / prospects.", "Leads that became opportunities / leads."),
        KpiId::LeadConversionRate => ("Prospects devenus clients / prospects.", "Leads that became customers / leads."),
        KpiId::LeadResponseHours => ("Moyenne (et médiane) des heures entre création et premier contact.", "Mean (and median) hours from creation to first contact."),
        KpiId::HotLeadsAssigned => ("Prospects chauds de la période affectés à un commercial.", "Hot leads of the period with a rep."),
        KpiId::Calls => ("Appels de la période.", "Calls in the period."),
        KpiId::Visits => ("Visites de la période.", "Visits in the period."),
        KpiId::Meetings => ("Rendez-vous de la période.", "Meetings in the period."),
        KpiId::VisitsPerRepMonth => ("Visites / (commerciaux actifs × mois de la période).", "Visits / (active reps × months of the period)."),
        KpiId::VisitsPerOrder => ("Visites / commandes.", "Visits / orders."),
        KpiId::CallEfficiency => ("Commandes (ou affaires signées) / appels.", "Orders (or deals won) / calls."),
        KpiId::ContactsPerSale => ("(Appels + visites + rendez-vous) / commandes (ou affaires signées).", "(Calls + visits + meetings) / orders (or deals won)."),
        KpiId::SellingTimeShare => ("Durée des appels, visites et rendez-vous / durée de toutes les activités.", "Duration of calls, visits and meetings / duration of all activities."),
        KpiId::AcquisitionCost => ("Dépenses de la période / nouveaux clients.", "Spend in the period / new customers."),
        KpiId::MarketingSpend => ("Somme des dépenses de la période.", "Sum of spend in the period."),
        KpiId::CartAbandonmentRate => ("Paniers abandonnés / paniers créés dans la période.", "Abandoned carts / carts created in the period."),
        KpiId::Nps => ("100 × (part des notes 9–10 − part des notes 0–6) parmi les réponses d'enquête.", "100 × (share of 9–10 − share of 0–6) among survey answers."),
        KpiId::Complaints => ("Réclamations de la période.", "Complaints in the period."),
        KpiId::ReceivablesOutstanding => ("Reste à payer, à la fin de la période, des factures émises avant elle.", "What is left to pay at the period's end on invoices issued by then."),
        KpiId::ReceivablesOverdue => ("Reste à payer des factures dont l'échéance est dépassée.", "What is left to pay on invoices past their due date."),
        KpiId::DsoDays => ("Encours / factures émises sur les 90 derniers jours × 90.", "Outstanding / invoiced in the last 90 days × 90."),
        KpiId::TimeToFirstSaleDays => ("Jours entre l'embauche et la première vente, pour les commerciaux embauchés dans la période.", "Days from hire to first sale, for reps hired in the period."),
        KpiId::ActiveReps => ("Commerciaux avec une vente, une affaire signée ou une activité dans la période.", "Reps with a sale, a won deal or an activity in the period."),
    };
    if lang == Lang::Fr {
        fr
    } else {
        en
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::kpi::CATALOGUE;

    #[test]
    fn every_kpi_is_explained_in_both_languages() {
        for d in CATALOGUE {
            assert!(!formula(d.id, Lang::Fr).is_empty(), "{}", d.id);
            assert!(!formula(d.id, Lang::En).is_empty(), "{}", d.id);
        }
    }

    #[test]
    fn text_that_is_no_kpi_id_has_no_formula() {
        assert_eq!(formula("win-rate", Lang::Fr), "");
        assert_eq!(
            formula("win_rate", Lang::En),
            "Won / (won + lost), among opportunities closed in the period."
        );
    }
}
