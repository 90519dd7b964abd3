//! The words of the dashboard's "À débloquer" panel: what a chart lacks
//! when its data has no column for the dimension it is drawn by.

use super::{field_label, Lang};
use crate::engine::Field;

/// A chart by a dimension none of the tables has.
pub fn needs_column(field: Field, lang: Lang) -> String {
    let label = field_label(field, lang);
    match lang {
        Lang::Fr => format!(
            "nécessite une colonne « {label} » dans les ventes ou dans une table qui s'y relie"
        ),
        Lang::En => {
            format!("needs a \"{label}\" column in the sales or in a table joined to them")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_column_is_named_in_both_languages() {
        assert_eq!(
            needs_column(Field::Region, Lang::Fr),
            "nécessite une colonne « Région » dans les ventes ou dans une table qui s'y relie"
        );
        assert!(needs_column(Field::Sector, Lang::En).starts_with("needs a \"Sector\" column"));
    }
}
