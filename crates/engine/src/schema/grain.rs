//! The grain of an aggregated sales extract (DATA.md §4b): a sales table
//! with an order count per row and no order id holds, per row, a day's
//! orders for one value of each of its dimension columns.

use super::{Field, Kind, Mapping};
use serde::{Deserialize, Serialize};

/// What one row of an aggregated extract stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grain {
    /// The fields that make a row: the date, then the dimensions mapped
    /// (customer, rep, region, sector, channel, campaign, product), in
    /// that order.
    pub by: Vec<Field>,
}

/// The dimensions a row may be for, in the order a grain names them.
const DIMENSIONS: [Field; 7] = [
    Field::Customer,
    Field::Rep,
    Field::Region,
    Field::Sector,
    Field::Channel,
    Field::Campaign,
    Field::Product,
];

impl Mapping {
    /// The grain of the table when it is an aggregated sales extract: an
    /// order count mapped and no order id (whose lines are orders already).
    pub fn grain(&self) -> Option<Grain> {
        let has = |f: &Field| self.fields.contains_key(f);
        if self.kind != Kind::Sales || !has(&Field::Orders) || has(&Field::OrderId) {
            return None;
        }
        let by = std::iter::once(Field::Date)
            .chain(DIMENSIONS.into_iter().filter(has))
            .collect();
        Some(Grain { by })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn mapping(fields: &[Field]) -> Mapping {
        Mapping {
            kind: Kind::Sales,
            fields: fields
                .iter()
                .map(|f| (*f, f.name()))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    #[test]
    fn an_order_count_without_order_ids_makes_a_grain() {
        use Field::*;
        let g = mapping(&[Date, Amount, Product, Customer, Rep, Orders]).grain();
        assert_eq!(g.map(|g| g.by), Some(vec![Date, Customer, Rep, Product]));
        assert_eq!(mapping(&[Date, Amount, Orders, OrderId]).grain(), None);
        assert_eq!(mapping(&[Date, Amount, Customer]).grain(), None);
    }
}
