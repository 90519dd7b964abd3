//! The data's own words on screen: table kinds, the types a column was read
//! as, and the fields a column can mean (the mapping's roles). The engine's
//! names (`sales`, `integer`, `close_date`) stay its JSON keys; people read these.

use super::{colon, format_number, Lang};
use crate::engine::kpi::Relation;
use crate::engine::schema::Grain;
use crate::engine::{ColumnType, Field, Kind};

fn pick(lang: Lang, (fr, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// A table kind: "Ventes", "Sales".
pub fn kind_label(k: Kind, lang: Lang) -> &'static str {
    pick(
        lang,
        match k {
            Kind::Sales => ("Ventes", "Sales"),
            Kind::Opportunities => ("Opportunités", "Opportunities"),
            Kind::Leads => ("Prospects", "Leads"),
            Kind::Activities => ("Activités", "Activities"),
            Kind::Spend => ("Dépenses", "Spend"),
            Kind::Feedback => ("Avis et réclamations", "Feedback"),
            Kind::Invoices => ("Factures", "Invoices"),
            Kind::Team => ("Équipe", "Team"),
            Kind::Customers => ("Clients", "Customers"),
            Kind::Products => ("Produits", "Products"),
            Kind::Carts => ("Paniers", "Carts"),
            Kind::Unknown => ("Non reconnu", "Not recognised"),
        },
    )
}

/// The type a column was read as: "Entier", "Integer".
pub fn column_type_label(c: ColumnType, lang: Lang) -> &'static str {
    pick(
        lang,
        match c {
            ColumnType::Number => ("Nombre", "Number"),
            ColumnType::Integer => ("Entier", "Integer"),
            ColumnType::Date => ("Date", "Date"),
            ColumnType::Datetime => ("Date et heure", "Date and time"),
            ColumnType::Bool => ("Oui/non", "Yes/no"),
            ColumnType::Text => ("Texte", "Text"),
            ColumnType::Empty => ("Vide", "Empty"),
        },
    )
}

/// What a row of an aggregated extract stands for: "Extrait agrégé : une
/// ligne par date × client × commercial, avec son nombre de commandes."
pub fn grain_sentence(g: &Grain, lang: Lang) -> String {
    let by: Vec<String> =
        g.by.iter()
            .map(|&f| field_label(f, lang).to_lowercase())
            .collect();
    let by = by.join(" × ");
    match lang {
        Lang::Fr => format!(
            "Extrait agrégé{}une ligne par {by}, avec son nombre de commandes. Chaque indicateur se lit comme sur les lignes de commande, sauf la valeur du premier achat (et, filtré par produit, ce qui compte les commandes).",
            colon(lang)
        ),
        Lang::En => format!(
            "Aggregated extract: one row per {by}, with its number of orders. Every figure reads as from the order lines, but the first purchase value (and, filtered by product, the figures that count orders)."
        ),
    }
}

/// What a column means, as a label: "Date de clôture", "Close date".
pub fn field_label(f: Field, lang: Lang) -> String {
    use Field::*;
    pick(
        lang,
        match f {
            Date => ("Date", "Date"),
            Amount => ("Montant", "Amount"),
            OrderId => ("N° de commande", "Order ID"),
            Customer => ("Client", "Customer"),
            Rep => ("Commercial", "Rep"),
            Region => ("Région", "Region"),
            Sector => ("Secteur", "Sector"),
            Channel => ("Canal", "Channel"),
            Product => ("Produit", "Product"),
            Quantity => ("Quantité", "Quantity"),
            UnitPrice => ("Prix unitaire", "Unit price"),
            Cost => ("Coût", "Cost"),
            Margin => ("Marge", "Margin"),
            Campaign => ("Campagne", "Campaign"),
            CreatedDate => ("Date de création", "Created date"),
            Stage => ("Étape", "Stage"),
            Status => ("Statut", "Status"),
            CloseDate => ("Date de clôture", "Close date"),
            Probability => ("Probabilité", "Probability"),
            Source => ("Source", "Source"),
            LeadId => ("N° de prospect", "Lead ID"),
            Id => ("Identifiant", "ID"),
            FirstContactDate => ("Date de premier contact", "First contact date"),
            Converted => ("Converti", "Converted"),
            ConvertedToCustomer => ("Devenu client", "Became a customer"),
            Temperature => ("Température", "Temperature"),
            Type => ("Type", "Type"),
            Outcome => ("Résultat", "Outcome"),
            DurationMinutes => ("Durée (min)", "Duration (min)"),
            Score => ("Note", "Score"),
            IssueDate => ("Date d'émission", "Issue date"),
            DueDate => ("Date d'échéance", "Due date"),
            PaidAmount => ("Montant payé", "Paid amount"),
            PaidDate => ("Date de paiement", "Paid date"),
            InvoiceId => ("N° de facture", "Invoice ID"),
            Team => ("Équipe", "Team"),
            Manager => ("Manager", "Manager"),
            HireDate => ("Date d'embauche", "Hire date"),
            Segment => ("Segment", "Segment"),
            Family => ("Famille", "Family"),
            UnitCost => ("Coût unitaire", "Unit cost"),
            Orders => ("Nombre de commandes", "Orders"),
        },
    )
    .to_string()
}

/// How one table reaches another: "opportunites.csv → equipe.csv
/// (commercial) : 8 800 lignes reliées, 12 sans correspondance (Ann)".
pub fn relation_text(r: &Relation, lang: Lang) -> String {
    let field = serde_json::from_value::<Field>(serde_json::Value::String(r.field.clone()))
        .map_or_else(
            |_| r.field.replace('_', " "),
            |f| field_label(f, lang).to_lowercase(),
        );
    let (matched, unmatched) = (
        format_number(r.matched_rows as f64, 0, lang),
        format_number(r.unmatched_rows as f64, 0, lang),
    );
    let keys = if r.unmatched_keys.is_empty() {
        String::new()
    } else {
        format!(" ({})", r.unmatched_keys.join(", "))
    };
    let (from, to, c) = (&r.from_file, &r.to_file, colon(lang));
    match lang {
        Lang::Fr => format!(
            "{from} → {to} ({field}){c}{matched} lignes reliées, {unmatched} sans correspondance{keys}"
        ),
        Lang::En => {
            format!("{from} → {to} ({field}){c}{matched} rows matched, {unmatched} unmatched{keys}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_types_and_fields_in_both_languages() {
        assert_eq!(kind_label(Kind::Opportunities, Lang::Fr), "Opportunités");
        assert_eq!(kind_label(Kind::Sales, Lang::En), "Sales");
        assert_eq!(column_type_label(ColumnType::Integer, Lang::Fr), "Entier");
        assert_eq!(column_type_label(ColumnType::Empty, Lang::Fr), "Vide");
        assert_eq!(column_type_label(ColumnType::Empty, Lang::En), "Empty");
        assert_eq!(field_label(Field::CloseDate, Lang::Fr), "Date de clôture");
        assert_eq!(field_label(Field::Amount, Lang::Fr), "Montant");
        assert_eq!(field_label(Field::Rep, Lang::Fr), "Commercial");
        assert_eq!(field_label(Field::UnitPrice, Lang::En), "Unit price");
    }

    #[test]
    fn relations_in_each_language() {
        let r = Relation {
            from_file: "pipe.csv".into(),
            field: "rep".into(),
            to_file: "equipe.csv".into(),
            matched_rows: 8800,
            unmatched_rows: 12,
            keys: 35,
            unmatched_keys: vec!["Ann".into()],
        };
        assert_eq!(
            relation_text(&r, Lang::Fr),
            "pipe.csv → equipe.csv (commercial)\u{202f}: 8\u{202f}800 lignes reliées, 12 sans correspondance (Ann)"
        );
        assert_eq!(
            relation_text(&r, Lang::En),
            "pipe.csv → equipe.csv (rep): 8,800 rows matched, 12 unmatched (Ann)"
        );
    }

    #[test]
    fn every_field_has_a_french_label() {
        // The English names a French screen must not show as they are.
        for f in Kind::ALL.iter().flat_map(|k| k.fields()) {
            let fr = field_label(*f, Lang::Fr);
            assert!(!fr.contains('_'), "{fr}");
            if !matches!(
                f,
                Field::Date | Field::Source | Field::Type | Field::Manager | Field::Segment
            ) {
                assert_ne!(fr.to_lowercase(), f.name().replace('_', " "), "{fr}");
            }
        }
    }
}
