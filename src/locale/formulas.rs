//! How each KPI is computed, in words a sales director reads (KPIS.md),
//! shown on demand under its card.

use super::Lang;

pub fn formula(id: &str, lang: Lang) -> &'static str {
    let (fr, en) = match id {
        "revenue" => ("Somme des montants HT des lignes de vente datées dans la période (retours inclus).", "Sum of net amounts of the sales lines dated in the period (returns included)."),
        "revenue_growth" => ("(CA de la période − CA de la période précédente) / CA de la période précédente.", "(Revenue of the period − revenue of the previous period) / revenue of the previous period."),
        "order_count" => ("Commandes distinctes de la période dont le total net est positif.", "Distinct orders of the period whose net total is positive."),
        "avg_order_value" => ("Chiffre d'affaires / nombre de commandes.", "Revenue / orders."),
        "gross_margin" => ("Somme des marges, ou des montants moins les coûts.", "Sum of margins, or of amounts minus costs."),
        "margin_rate" => ("Marge brute / chiffre d'affaires.", "Gross margin / revenue."),
        "revenue_per_rep" => ("Chiffre d'affaires / commerciaux ayant au moins une vente.", "Revenue / reps with at least one sale."),
        "units_sold" => ("Somme des quantités.", "Sum of quantities."),
        "active_customers" => ("Clients dont les lignes de la période ont un total net positif (un retour seul ne compte pas).", "Customers whose lines in the period net to more than zero (a return alone does not count)."),
        "new_customers" => ("Clients dont le premier achat (première commande au total net positif) de tout le fichier tombe dans la période\u{202f}; un filtre garde ceux dont le premier achat y passe.", "Customers whose first purchase (first order with a positive net) in the whole data falls in the period; a filter keeps those whose first purchase passes it."),
        "lost_customers" => ("Clients perdus dans la période\u{202f}: sans achat pendant W jours (365 par défaut) après leur dernier achat.", "Customers lost in the period: no purchase for W days (365 by default) after their last one."),
        "retention_rate" => ("1 − taux d'attrition.", "1 − churn rate."),
        "churn_rate" => ("Clients vivants au début de la période (un achat dans les W jours avant) perdus dans la période / clients vivants au début.", "Customers live at the period's start (a purchase within W days before it) lost within the period / customers live at its start."),
        "repeat_rate" => ("Clients actifs avec au moins 2 commandes / clients actifs.", "Active customers with 2 orders or more / active customers."),
        "first_purchase_value" => ("Moyenne du total net du premier achat des nouveaux clients.", "Mean net total of each new customer's first purchase."),
        "new_opportunities" => ("Opportunités créées dans la période.", "Opportunities created in the period."),
        "open_opportunities" => ("Opportunités en cours à la fin de la période\u{202f}: créées au plus tard ce jour-là et ni gagnées ni perdues à cette date.", "Opportunities open at the period's end: created by then, and neither won nor lost by then."),
        "pipeline_value" => ("Somme des montants des opportunités en cours à la fin de la période (prix catalogue à défaut).", "Sum of amounts of the opportunities open at the period's end (list price when missing)."),
        "weighted_pipeline" => ("Somme des montants × probabilité des opportunités en cours à la fin de la période (celle de la ligne, sinon celle de l'étape).", "Sum of amount × probability of the opportunities open at the period's end (the row's, else the stage's)."),
        "won_deals" => ("Opportunités gagnées clôturées dans la période.", "Won opportunities closed in the period."),
        "won_revenue" => ("Somme des montants des opportunités gagnées clôturées dans la période.", "Sum of amounts of won opportunities closed in the period."),
        "win_rate" => ("Gagnées / (gagnées + perdues), parmi les opportunités clôturées dans la période.", "Won / (won + lost), among opportunities closed in the period."),
        "avg_deal_value" => ("CA signé / affaires signées ayant un montant.", "Won revenue / deals won with an amount."),
        "avg_sales_cycle_days" => ("Moyenne (et médiane) des jours entre création et clôture des affaires gagnées.", "Mean (and median) days from creation to close of won deals."),
        "opportunity_conversion_rate" => ("Part des opportunités créées dans la période aujourd'hui gagnées.", "Share of the opportunities created in the period that are now won."),
        "lead_count" => ("Prospects créés dans la période.", "Leads created in the period."),
        "lead_qualification_rate" => ("Prospects devenus opportunités / prospects.", "Leads that became opportunities / leads."),
        "lead_conversion_rate" => ("Prospects devenus clients / prospects.", "Leads that became customers / leads."),
        "lead_response_hours" => ("Moyenne (et médiane) des heures entre création et premier contact.", "Mean (and median) hours from creation to first contact."),
        "hot_leads_assigned" => ("Prospects chauds de la période affectés à un commercial.", "Hot leads of the period with a rep."),
        "calls" => ("Appels de la période.", "Calls in the period."),
        "visits" => ("Visites de la période.", "Visits in the period."),
        "meetings" => ("Rendez-vous de la période.", "Meetings in the period."),
        "visits_per_rep_month" => ("Visites / (commerciaux actifs × mois de la période).", "Visits / (active reps × months of the period)."),
        "visits_per_order" => ("Visites / commandes.", "Visits / orders."),
        "call_efficiency" => ("Commandes (ou affaires signées) / appels.", "Orders (or deals won) / calls."),
        "contacts_per_sale" => ("(Appels + visites + rendez-vous) / commandes (ou affaires signées).", "(Calls + visits + meetings) / orders (or deals won)."),
        "selling_time_share" => ("Durée des appels, visites et rendez-vous / durée de toutes les activités.", "Duration of calls, visits and meetings / duration of all activities."),
        "acquisition_cost" => ("Dépenses de la période / nouveaux clients.", "Spend in the period / new customers."),
        "marketing_spend" => ("Somme des dépenses de la période.", "Sum of spend in the period."),
        "cart_abandonment_rate" => ("Paniers abandonnés / paniers créés dans la période.", "Abandoned carts / carts created in the period."),
        "nps" => ("100 × (part des notes 9–10 − part des notes 0–6) parmi les réponses d'enquête.", "100 × (share of 9–10 − share of 0–6) among survey answers."),
        "complaints" => ("Réclamations de la période.", "Complaints in the period."),
        "receivables_outstanding" => ("Reste à payer, à la fin de la période, des factures émises avant elle.", "What is left to pay at the period's end on invoices issued by then."),
        "receivables_overdue" => ("Reste à payer des factures dont l'échéance est dépassée.", "What is left to pay on invoices past their due date."),
        "dso_days" => ("Encours / factures émises sur les 90 derniers jours × 90.", "Outstanding / invoiced in the last 90 days × 90."),
        "time_to_first_sale_days" => ("Jours entre l'embauche et la première vente, pour les commerciaux embauchés dans la période.", "Days from hire to first sale, for reps hired in the period."),
        "active_reps" => ("Commerciaux avec une vente, une affaire signée ou une activité dans la période.", "Reps with a sale, a won deal or an activity in the period."),
        _ => ("", ""),
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
}
