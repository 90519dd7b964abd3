//! Table kinds and fields (DATA.md §2–3): what a file is, and which column is
//! the date, the amount, the rep… Headers are matched against synonyms in
//! French and English, ignoring case, accents, spaces and punctuation.

mod grain;
mod synonyms;
pub use grain::Grain;

use crate::table::{Column, ColumnType, Table};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What one row of a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Sales,
    Opportunities,
    Leads,
    Activities,
    Spend,
    Feedback,
    Invoices,
    Team,
    Customers,
    Products,
    Carts,
    Unknown,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Sales,
        Kind::Opportunities,
        Kind::Leads,
        Kind::Activities,
        Kind::Spend,
        Kind::Feedback,
        Kind::Invoices,
        Kind::Team,
        Kind::Customers,
        Kind::Products,
        Kind::Carts,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Sales => "sales",
            Kind::Opportunities => "opportunities",
            Kind::Leads => "leads",
            Kind::Activities => "activities",
            Kind::Spend => "spend",
            Kind::Feedback => "feedback",
            Kind::Invoices => "invoices",
            Kind::Team => "team",
            Kind::Customers => "customers",
            Kind::Products => "products",
            Kind::Carts => "carts",
            Kind::Unknown => "unknown",
        }
    }

    pub fn from_name(s: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .chain([Kind::Unknown])
            .find(|k| k.name() == s)
    }

    /// Fields of this kind; the first `required` ones are required (a `/`
    /// alternative is written as two entries, see [`Kind::requirements`]).
    pub fn fields(self) -> &'static [Field] {
        use Field::*;
        match self {
            Kind::Sales => &[
                Date, Amount, OrderId, Customer, Rep, Region, Sector, Channel, Product, Quantity,
                UnitPrice, Cost, Margin, Campaign, Orders,
            ],
            Kind::Opportunities => &[
                CreatedDate,
                Stage,
                Status,
                Amount,
                CloseDate,
                Probability,
                Rep,
                Customer,
                Region,
                Source,
                Product,
                LeadId,
                Id,
            ],
            Kind::Leads => &[
                CreatedDate,
                Id,
                FirstContactDate,
                Status,
                Converted,
                ConvertedToCustomer,
                Temperature,
                Rep,
                Source,
                Campaign,
            ],
            Kind::Activities => &[Date, Rep, Type, Customer, Outcome, DurationMinutes],
            Kind::Spend => &[Date, Amount, Channel, Campaign],
            Kind::Feedback => &[Date, Score, Type, Customer],
            Kind::Invoices => &[
                IssueDate, Amount, DueDate, PaidAmount, PaidDate, Customer, InvoiceId, Rep,
            ],
            Kind::Team => &[Rep, Team, Manager, Region, HireDate],
            Kind::Customers => &[Customer, Sector, Region, Segment, CreatedDate],
            Kind::Products => &[Product, Family, UnitPrice, UnitCost],
            Kind::Carts => &[Date, Status, Id, Amount, Channel],
            Kind::Unknown => &[],
        }
    }

    /// Required fields: each inner list is one requirement met by any of its fields.
    pub fn requirements(self) -> &'static [&'static [Field]] {
        use Field::*;
        match self {
            // An amount can be derived from quantity × unit price (checked apart).
            Kind::Sales => &[&[Date], &[Amount]],
            Kind::Opportunities => &[&[CreatedDate, CloseDate], &[Stage, Status]],
            Kind::Leads => &[&[CreatedDate]],
            Kind::Activities => &[&[Date], &[Rep], &[Type]],
            Kind::Spend => &[&[Date], &[Amount]],
            Kind::Feedback => &[&[Date], &[Score, Type]],
            Kind::Invoices => &[&[IssueDate], &[Amount]],
            Kind::Team => &[&[Rep]],
            Kind::Customers => &[&[Customer]],
            Kind::Products => &[&[Product]],
            Kind::Carts => &[&[Date], &[Status]],
            Kind::Unknown => &[],
        }
    }
}

/// A field a column can be mapped to (DATA.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Date,
    Amount,
    OrderId,
    Customer,
    Rep,
    Region,
    Sector,
    Channel,
    Product,
    Quantity,
    UnitPrice,
    Cost,
    Margin,
    Campaign,
    CreatedDate,
    Stage,
    Status,
    CloseDate,
    Probability,
    Source,
    LeadId,
    Id,
    FirstContactDate,
    Converted,
    ConvertedToCustomer,
    Temperature,
    Type,
    Outcome,
    DurationMinutes,
    Score,
    IssueDate,
    DueDate,
    PaidAmount,
    PaidDate,
    InvoiceId,
    Team,
    Manager,
    HireDate,
    Segment,
    Family,
    UnitCost,
    /// How many orders a row of an aggregated sales extract holds (DATA.md
    /// §4b): each order counted once, on the row of its first line.
    Orders,
}

/// What column types a field accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Accepts {
    Date,
    Number,
    Any,
}

impl Field {
    fn accepts(self) -> Accepts {
        use Field::*;
        match self {
            Date | CreatedDate | CloseDate | FirstContactDate | IssueDate | DueDate | PaidDate
            | HireDate => Accepts::Date,
            Amount | Quantity | UnitPrice | Cost | Margin | Probability | DurationMinutes
            | Score | PaidAmount | UnitCost | Orders => Accepts::Number,
            _ => Accepts::Any,
        }
    }

    /// Does this field name a thing (an order, a customer, a rep, a region,
    /// a campaign…) rather than measure it? Such a column is an identifier
    /// or a label: it is compared, grouped and shown, never added up, so it
    /// keeps each cell's text exactly as the file wrote it, whatever the
    /// values look like (`00123`, `536365` beside `C536379`, `12346.0`).
    /// Typing it would turn the ids that are not numbers into missing
    /// values and print the others as Rust writes numbers. Not keys: dates
    /// and measures, and the yes/no fields (`status`, `converted`,
    /// `converted_to_customer`), read as flags when their values are.
    pub fn is_key(self) -> bool {
        use Field::*;
        match self {
            OrderId | InvoiceId | Id | LeadId | Customer | Rep | Manager | Team | Product
            | Family | Region | Sector | Segment | Channel | Source | Campaign | Stage | Type
            | Outcome | Temperature => true,
            Date | Amount | Quantity | UnitPrice | Cost | Margin | CreatedDate | Status
            | CloseDate | Probability | FirstContactDate | Converted | ConvertedToCustomer
            | DurationMinutes | Score | IssueDate | DueDate | PaidAmount | PaidDate | HireDate
            | UnitCost | Orders => false,
        }
    }

    pub fn name(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

/// Case, accents, spaces and punctuation folded away: `Chiffre d'affaires` → `chiffredaffaires`.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ÿ' => 'y',
            'œ' => {
                out.push('o');
                'e'
            }
            c => c,
        };
        if c.is_alphanumeric() || c == '%' {
            out.push(c);
        }
    }
    out
}

/// Does this header name a date (so integers in it may be Excel serial days)?
pub fn header_says_date(header: &str) -> bool {
    let n = normalize(header);
    n.contains("date")
        || Field::Date
            .synonyms()
            .iter()
            .chain(Field::CreatedDate.synonyms())
            .any(|s| normalize(s) == n)
}

/// Does this header name a count only (`Quantité`, an aggregated
/// extract's `Nb commandes`), in every kind? Its `0`s and `1`s are then
/// numbers, not no and yes. Not other measures: a `Paid` or
/// `Recommandation` column of 0s and 1s is a yes/no, not an amount paid
/// or a score.
pub fn header_says_count(header: &str) -> bool {
    header_names_only(header, |f| matches!(f, Field::Quantity | Field::Orders))
}

/// Does this header name key fields only ([`Field::is_key`]), in every kind
/// (`InvoiceNo`, `CustomerID`, `StockCode`, but not `Client`, which may be
/// whether a lead became a customer)? Its column will be a key whatever the
/// kind, so the ingest holds its text from the start rather than its typed
/// values and, beside them, a copy of its text.
pub fn header_says_key(header: &str) -> bool {
    header_names_only(header, Field::is_key)
}

/// Does this header name some field, and only fields that are `such`, in
/// every kind?
fn header_names_only(header: &str, such: impl Fn(Field) -> bool) -> bool {
    let n = normalize(header);
    let mut named = Kind::ALL
        .iter()
        .flat_map(|k| k.fields())
        .filter(|f| f.synonyms().iter().any(|s| normalize(s) == n))
        .peekable();
    named.peek().is_some() && named.all(|&f| such(f))
}

/// Which column holds each field of a table, for one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapping {
    pub kind: Kind,
    /// Field → column name.
    pub fields: BTreeMap<Field, String>,
}

impl Mapping {
    pub fn column<'t>(&self, table: &'t Table, field: Field) -> Option<&'t Column> {
        table.column(self.fields.get(&field)?)
    }
    pub fn field_of(&self, column: &str) -> Option<Field> {
        self.fields
            .iter()
            .find(|(_, c)| *c == column)
            .map(|(f, _)| *f)
    }
    /// Fields the engine computes because their column is missing.
    pub fn derived(&self) -> Vec<Field> {
        let has = |f| self.fields.contains_key(&f);
        if self.kind == Kind::Sales
            && !has(Field::Amount)
            && has(Field::Quantity)
            && has(Field::UnitPrice)
        {
            vec![Field::Amount]
        } else {
            Vec::new()
        }
    }

    /// Does it meet the kind's requirements? (Sales may derive the amount.)
    pub fn complete(&self) -> bool {
        let has = |f: &Field| self.fields.contains_key(f);
        self.kind.requirements().iter().all(|alts| {
            alts.iter().any(has)
                || (self.kind == Kind::Sales
                    && alts == &[Field::Amount]
                    && has(&Field::Quantity)
                    && has(&Field::UnitPrice))
        })
    }
}

fn fits(field: Field, t: ColumnType) -> bool {
    match field.accepts() {
        Accepts::Date => matches!(
            t,
            ColumnType::Date | ColumnType::Datetime | ColumnType::Empty
        ),
        Accepts::Number => matches!(
            t,
            ColumnType::Number | ColumnType::Integer | ColumnType::Empty
        ),
        Accepts::Any => true,
    }
}

/// A column as the mapping sees it: its name and the type its values took.
#[derive(Debug, Clone, Copy)]
pub struct TypedColumn<'a> {
    pub name: &'a str,
    pub column_type: ColumnType,
}

fn typed_columns(table: &Table) -> Vec<TypedColumn<'_>> {
    table
        .columns
        .iter()
        .map(|c| TypedColumn {
            name: &c.name,
            column_type: c.column_type(),
        })
        .collect()
}

/// Maps the columns of `table` to the fields of `kind`, best synonym first.
pub fn map_for_kind(table: &Table, kind: Kind) -> Mapping {
    map_columns(&typed_columns(table), kind)
}

fn map_columns(columns: &[TypedColumn], kind: Kind) -> Mapping {
    let headers: Vec<String> = columns.iter().map(|c| normalize(c.name)).collect();
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new(); // (rank, field index, column)
    for (fi, &field) in kind.fields().iter().enumerate() {
        for (rank, syn) in field.synonyms().iter().enumerate() {
            let syn = normalize(syn);
            for (ci, h) in headers.iter().enumerate() {
                if *h == syn && columns.get(ci).is_some_and(|c| fits(field, c.column_type)) {
                    candidates.push((rank, fi, ci));
                }
            }
        }
    }
    candidates.sort_unstable();
    let mut fields = BTreeMap::new();
    let mut used = vec![false; headers.len()];
    for (_, fi, ci) in candidates {
        let field = kind.fields()[fi];
        if fields.contains_key(&field) || used[ci] {
            continue;
        }
        used[ci] = true;
        fields.insert(field, columns[ci].name.to_string());
    }
    Mapping { kind, fields }
}

/// Words in headers that belong to one kind of table only.
fn signature(columns: &[TypedColumn], kind: Kind) -> usize {
    let words: &[&str] = match kind {
        Kind::Spend => &["depense", "spend", "budget", "marketing", "cout"],
        Kind::Carts => &["panier", "cart", "basket"],
        Kind::Invoices => &["facture", "invoice", "echeance", "due", "regle", "paid"],
        Kind::Leads => &["lead", "prospect"],
        Kind::Feedback => &["nps", "avis", "satisfaction", "reclamation"],
        Kind::Activities => &["activite", "activity", "appel", "visite"],
        Kind::Opportunities => &["opportun", "deal", "stage", "etape"],
        _ => &[],
    };
    columns
        .iter()
        .filter(|c| {
            let h = normalize(c.name);
            words.iter().any(|w| h.contains(w))
        })
        .count()
}

/// The kind whose requirements the header meets with the most fields, and its mapping.
pub fn propose(table: &Table, forced: Option<Kind>) -> Mapping {
    propose_columns(&typed_columns(table), forced)
}

/// [`propose`] for columns given by name and type: a table whose key columns
/// hold their text is mapped as if they held the type of their values.
pub fn propose_columns(columns: &[TypedColumn], forced: Option<Kind>) -> Mapping {
    if let Some(kind) = forced {
        return map_columns(columns, kind);
    }
    Kind::ALL
        .iter()
        .map(|&k| map_columns(columns, k))
        .filter(Mapping::complete)
        // Most fields matched; on a tie, the kind whose own words appear in the
        // headers (a spend file's date, amount, channel and campaign fit sales
        // as well, but its amount is called "Dépense"), then the first kind.
        .max_by_key(|m| {
            (
                m.fields.len(),
                signature(columns, m.kind),
                std::cmp::Reverse(m.kind),
            )
        })
        .unwrap_or(Mapping {
            kind: Kind::Unknown,
            fields: BTreeMap::new(),
        })
}

/// A mapped field with rows that lack a value ("2 089 rows without close date").
#[derive(Debug, Clone, PartialEq)]
pub struct MissingValues {
    pub field: Field,
    pub column: String,
    pub first_row: usize,
    pub count: u64,
}

/// Every mapped field whose column has missing cells, given how many cells
/// each column (in table order) misses.
pub fn missing_values(table: &Table, mapping: &Mapping, missing: &[u64]) -> Vec<MissingValues> {
    let mut out = Vec::new();
    for (&field, name) in &mapping.fields {
        let Some(i) = table.columns.iter().position(|c| &c.name == name) else {
            continue;
        };
        let count = missing.get(i).copied().unwrap_or(0);
        if count == 0 {
            continue;
        }
        if let Some(first_row) = table.columns[i].first_missing() {
            out.push(MissingValues {
                field,
                column: name.clone(),
                first_row,
                count,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_headers() {
        assert_eq!(normalize("Chiffre d'affaires"), "chiffredaffaires");
        assert_eq!(normalize("Date_de-Création"), "datedecreation");
        assert_eq!(normalize("N° Commande"), "ncommande");
        assert_eq!(normalize("Probability (%)"), "probability%");
    }

    #[test]
    fn date_headers() {
        assert!(header_says_date("Order Date"));
        assert!(header_says_date("Échéance date"));
        assert!(header_says_date("engage_date"));
        assert!(!header_says_date("Montant"));
    }

    #[test]
    fn key_headers() {
        for h in [
            "InvoiceNo",
            "Customer ID",
            "StockCode",
            "N° commande",
            "Segment",
            "Canal",
        ] {
            assert!(header_says_key(h), "{h}");
        }
        // Flags or measures in some kind, or no field at all.
        for h in [
            "Client", "Customer", "rating", "Status", "Montant", "Libellé",
        ] {
            assert!(!header_says_key(h), "{h}");
        }
    }
}
