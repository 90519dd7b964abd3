//! Every sentence of the UI, in French and English.

use super::Lang;
use crate::engine::{Warning, WarningKind};

/// A piece of UI text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    AppTagline,
    Language,
    DropTitle,
    DropHint,
    ChooseFiles,
    TryDemo,
    Privacy,
    Loading,
    ImportedFiles,
    Rows,
    Kind,
    Encoding,
    Delimiter,
    Warnings,
    NoWarnings,
    Remove,
    ClearAll,
    Revenue,
    RevenueByMonth,
    Period,
    VsPrevious,
    VsLastYear,
    NoSalesYet,
    ChartNoData,
    ShowTable,
    ShowChart,
    Month,
    ReadError,
    LastYear,
    GrossMargin,
    NewCustomers,
    LostCustomers,
    Retention,
    Amount,
    Weighted,
    Deals,
    CheckImport,
    ConfirmImport,
    Cancel,
    File,
    Ignored,
    MappingIncomplete,
    Column,
    Type,
    Field,
    Preview,
    Dashboard,
    RepsPage,
    DataPage,
    Filters,
    AllData,
    Custom,
    From,
    To,
    All,
    ToUnlock,
    ExportJson,
    ExportCsv,
    ExportPng,
    Print,
    Currency,
    Settings,
    StageProbabilities,
    Rep,
    Median,
    Answers,
    Leads,
    Contacts,
    Value,
    Pin,
    Unpin,
    MoveUp,
    MoveDown,
    Hide,
    Show,
    Hidden,
    HowComputed,
    KeyIndicators,
    MainObjective,
    PinHint,
    ChartNoDataHere,
}

/// The text in the given language.
pub fn t(lang: Lang, key: Text) -> &'static str {
    use Text::*;
    let (fr, en) = match key {
        AppTagline => (
            "Vos indicateurs commerciaux, calculés dans votre navigateur.",
            "Your sales KPIs, computed in your browser.",
        ),
        Language => ("Langue", "Language"),
        DropTitle => ("Déposez vos exports CSV ici", "Drop your CSV exports here"),
        DropHint => (
            "Exports de CRM, d'ERP ou d'Excel : ventes, opportunités, équipe… Vos fichiers ne quittent pas cet appareil.",
            "Exports from your CRM, ERP or Excel: sales, opportunities, team… Your files never leave this device.",
        ),
        ChooseFiles => ("Choisir des fichiers", "Choose files"),
        TryDemo => ("Essayer avec des données de démonstration", "Try with demo data"),
        Privacy => (
            "Aucune donnée n'est envoyée : tout est calculé sur cet appareil.",
            "Nothing is uploaded: everything is computed on this device.",
        ),
        Loading => ("Lecture en cours…", "Reading…"),
        ImportedFiles => ("Fichiers importés", "Imported files"),
        Rows => ("lignes", "rows"),
        Kind => ("Type de table", "Table kind"),
        Encoding => ("Encodage", "Encoding"),
        Delimiter => ("Séparateur", "Delimiter"),
        Warnings => ("Avertissements", "Warnings"),
        NoWarnings => ("Aucun problème détecté.", "No problem found."),
        Remove => ("Retirer", "Remove"),
        ClearAll => ("Tout retirer", "Remove all"),
        Revenue => ("Chiffre d'affaires", "Revenue"),
        RevenueByMonth => ("Chiffre d'affaires par mois", "Revenue by month"),
        Period => ("Période", "Period"),
        VsPrevious => ("vs période précédente", "vs previous period"),
        VsLastYear => ("vs an dernier", "vs last year"),
        NoSalesYet => (
            "Importez un fichier de ventes (avec une date et un montant) pour voir le chiffre d'affaires.",
            "Import a sales file (with a date and an amount) to see revenue.",
        ),
        ChartNoData => ("Pas de données pour ce graphique", "No data for this chart"),
        ChartNoDataHere => (
            "Pas de données pour ce graphique sur cette période ou avec ces filtres (ou la colonne nécessaire manque).",
            "No data for this chart in this period or with these filters (or the column it needs is missing).",
        ),
        ShowTable => ("Voir le tableau", "Show table"),
        ShowChart => ("Voir le graphique", "Show chart"),
        Month => ("Mois", "Month"),
        ReadError => ("Impossible de lire ce fichier", "Cannot read this file"),
        LastYear => ("Année précédente", "Last year"),
        GrossMargin => ("Marge brute", "Gross margin"),
        NewCustomers => ("Nouveaux clients", "New customers"),
        LostCustomers => ("Clients perdus", "Lost customers"),
        Retention => ("Rétention", "Retention"),
        Amount => ("Montant", "Amount"),
        Weighted => ("Pondéré", "Weighted"),
        Deals => ("Affaires", "Deals"),
        CheckImport => ("Vérifiez la lecture de vos fichiers", "Check how your files were read"),
        ConfirmImport => ("Valider l'import", "Confirm import"),
        Cancel => ("Annuler", "Cancel"),
        File => ("Fichier", "File"),
        Ignored => ("lignes ignorées", "rows ignored"),
        MappingIncomplete => (
            "Il manque une colonne obligatoire pour ce type de table : choisissez-la ci-dessous, ou un autre type.",
            "A required column is missing for this kind of table: choose it below, or another kind.",
        ),
        Column => ("Colonne", "Column"),
        Type => ("Type détecté", "Detected type"),
        Field => ("Correspond à", "Means"),
        Preview => ("Aperçu", "Preview"),
        Dashboard => ("Tableau de bord", "Dashboard"),
        RepsPage => ("Commerciaux", "Sales reps"),
        DataPage => ("Données", "Data"),
        Filters => ("Filtres", "Filters"),
        AllData => ("Toutes les données", "All data"),
        Custom => ("Personnalisée", "Custom"),
        From => ("Du", "From"),
        To => ("au", "to"),
        All => ("Tous", "All"),
        ToUnlock => ("À débloquer avec d'autres données", "Unlock with more data"),
        ExportJson => ("Exporter en JSON", "Export JSON"),
        ExportCsv => ("Exporter en CSV", "Export CSV"),
        ExportPng => ("Image PNG", "PNG image"),
        Print => ("Imprimer", "Print"),
        Currency => ("Devise", "Currency"),
        Settings => ("Réglages", "Settings"),
        StageProbabilities => ("Probabilité par étape du pipe", "Probability by pipeline stage"),
        Rep => ("Commercial", "Rep"),
        Median => ("médiane", "median"),
        Answers => ("Réponses", "Answers"),
        Leads => ("Prospects", "Leads"),
        Contacts => ("Contacts", "Contacts"),
        Value => ("Valeur", "Value"),
        Pin => ("Épingler en haut", "Pin to the top"),
        Unpin => ("Désépingler", "Unpin"),
        MoveUp => ("Monter", "Move up"),
        MoveDown => ("Descendre", "Move down"),
        Hide => ("Masquer", "Hide"),
        Show => ("Afficher", "Show"),
        Hidden => ("Indicateurs masqués", "Hidden indicators"),
        HowComputed => ("Comment est-il calculé ?", "How is it computed?"),
        KeyIndicators => ("Mon objectif principal et ses indicateurs", "My main objective and its indicators"),
        MainObjective => ("Objectif principal", "Main objective"),
        PinHint => (
            "Épinglez (☆) l'indicateur de votre objectif principal puis 1 à 3 indicateurs qui l'expliquent : ils s'afficheront ici.",
            "Pin (☆) the indicator of your main objective, then 1 to 3 indicators that explain it: they will show here.",
        ),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// A warning in the user's language.
pub fn warning(lang: Lang, w: &Warning) -> String {
    if lang == Lang::En {
        return w.message.clone();
    }
    let n = w.count;
    let s = if n > 1 { "s" } else { "" };
    let col = w.column.as_deref().unwrap_or("");
    match w.kind {
        WarningKind::ShortRow => format!("{n} ligne{s} avec moins de cellules que l'en-tête : les cellules manquantes sont vides."),
        WarningKind::LongRow => format!("{n} ligne{s} avec plus de cellules que l'en-tête : les cellules en trop sont ignorées."),
        WarningKind::BadValue => format!("{n} valeur{s} de « {col} » illisible{s}, comptée{s} comme manquante{s}."),
        WarningKind::EmptyRows => format!("{n} ligne{s} vide{s} (uniquement des séparateurs) ignorée{s}."),
        WarningKind::LinesBeforeHeader => format!("{n} ligne{s} au-dessus de l'en-tête (un titre ?) ignorée{s}."),
        WarningKind::DuplicateHeader => format!("Deux colonnes portent le même nom ; celle-ci a été renommée « {col} »."),
        WarningKind::EmptyHeader => format!("Une colonne n'avait pas de nom ; elle s'appelle « {col} »."),
        WarningKind::AmbiguousDates => format!("Les dates de « {col} » peuvent se lire jour/mois ou mois/jour."),
        WarningKind::InvalidBytes => format!("{n} caractère{s} illisible{s} remplacé{s}."),
        WarningKind::MissingField => format!("{n} ligne{s} sans valeur dans « {col} »."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_differ_and_are_filled() {
        for key in [Text::TryDemo, Text::Revenue, Text::DropTitle] {
            let (fr, en) = (t(Lang::Fr, key), t(Lang::En, key));
            assert!(!fr.is_empty() && !en.is_empty());
            assert_ne!(fr, en);
        }
    }

    #[test]
    fn warnings_in_french() {
        let w = Warning {
            kind: WarningKind::MissingField,
            line: Some(3),
            column: Some("close_date".into()),
            count: 2089,
            message: "2089 rows without close date.".into(),
        };
        assert_eq!(
            warning(Lang::Fr, &w),
            "2089 lignes sans valeur dans « close_date »."
        );
        assert_eq!(warning(Lang::En, &w), w.message);
    }
}
