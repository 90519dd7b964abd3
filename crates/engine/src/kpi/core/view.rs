//! Typed access to the mapped columns of one table, and attributes (text
//! keys such as rep, region, customer) as codes per row into a pool of names.

use crate::ingest::Imported;
use crate::parse::date::Days;
use crate::schema::{Field, Kind};
use crate::table::{Column, ColumnData, StringPool, MISSING_CODE, MISSING_DAY, MISSING_SECS};
use hashbrown::HashMap;
use std::borrow::Cow;

/// A text attribute per row: `codes[row]` indexes `pool`, [`MISSING_CODE`] when absent.
#[derive(Debug, Clone)]
pub struct Attr<'a> {
    pub codes: Cow<'a, [u32]>,
    pub pool: Cow<'a, StringPool>,
}

impl Attr<'_> {
    #[inline(always)]
    pub fn code(&self, row: usize) -> u32 {
        self.codes.get(row).copied().unwrap_or(MISSING_CODE)
    }
    pub fn name(&self, code: u32) -> &str {
        self.pool.get(code)
    }
    /// Number of distinct names.
    pub fn distinct(&self) -> usize {
        self.pool.len()
    }
}

/// An attribute's code for each of `n` rows (`MISSING_CODE` without the
/// attribute or past its column): a plain slice for hot loops.
pub fn row_codes<'x>(a: Option<&'x Attr>, n: usize) -> Cow<'x, [u32]> {
    filled(a.map_or(&[], |a| &a.codes[..]), n, MISSING_CODE)
}

/// `values` when it has `n` of them (a column of the table, as always),
/// else a copy cut or filled to `n`: the walk indexes every column by the row.
pub fn filled<T: Copy>(values: &[T], n: usize, fill: T) -> Cow<'_, [T]> {
    if values.len() == n {
        Cow::Borrowed(values)
    } else {
        Cow::Owned(
            (0..n)
                .map(|i| values.get(i).copied().unwrap_or(fill))
                .collect(),
        )
    }
}

/// Any column as text codes: text columns as they are, others through their display text.
pub fn attr_of(col: &Column) -> Attr<'_> {
    match &col.data {
        ColumnData::Text { codes, pool } => Attr {
            codes: Cow::Borrowed(codes),
            pool: Cow::Borrowed(pool),
        },
        _ => {
            let mut pool = StringPool::default();
            let mut seen: HashMap<String, u32> = HashMap::new();
            let codes = (0..col.len())
                .map(|r| match col.text(r) {
                    Some(t) => {
                        let next = pool.len() as u32;
                        let c = *seen.entry(t.clone()).or_insert(next);
                        if c == next {
                            pool.push(&t);
                        }
                        c
                    }
                    None => MISSING_CODE,
                })
                .collect();
            Attr {
                codes: Cow::Owned(codes),
                pool: Cow::Owned(pool),
            }
        }
    }
}

/// Days of a date or date-time column ([`MISSING_DAY`] when absent).
pub fn days_of(col: &Column) -> Option<Cow<'_, [Days]>> {
    match &col.data {
        ColumnData::Date { days, .. } => Some(Cow::Borrowed(days)),
        ColumnData::DateTime { secs, .. } => Some(Cow::Owned(
            secs.iter()
                .map(|&s| {
                    if s == MISSING_SECS {
                        MISSING_DAY
                    } else {
                        s.div_euclid(86_400) as Days
                    }
                })
                .collect(),
        )),
        ColumnData::Empty { len } => Some(Cow::Owned(vec![MISSING_DAY; *len])),
        _ => None,
    }
}

/// The days of a date or date-time column, read in place.
pub enum DaysRef<'a> {
    Days(&'a [Days]),
    Secs(&'a [i64]),
}

impl DaysRef<'_> {
    pub fn of(col: &Column) -> Option<DaysRef<'_>> {
        match &col.data {
            ColumnData::Date { days, .. } => Some(DaysRef::Days(days)),
            ColumnData::DateTime { secs, .. } => Some(DaysRef::Secs(secs)),
            _ => None,
        }
    }

    /// How many rows fall in the period (a missing date never does), among
    /// those a mask keeps when there is one.
    pub fn count_in(&self, p: super::period::Period, mask: Option<&[bool]>) -> usize {
        fn count<T: Copy>(
            values: &[T],
            mask: Option<&[bool]>,
            inside: impl Fn(T) -> bool,
        ) -> usize {
            match mask {
                None => values.iter().filter(|&&x| inside(x)).count(),
                Some(m) => values
                    .iter()
                    .zip(m)
                    .filter(|&(&x, &keep)| keep & inside(x))
                    .count(),
            }
        }
        match self {
            DaysRef::Days(d) => count(d, mask, |d| p.contains(d)),
            DaysRef::Secs(s) => {
                let (from, to) = (p.from as i64 * 86_400, (p.to as i64 + 1) * 86_400);
                count(s, mask, |s| s >= from && s < to)
            }
        }
    }

    #[inline(always)]
    pub fn get(&self, row: usize) -> Option<Days> {
        match self {
            DaysRef::Days(d) => d.get(row).copied().filter(|&d| d != MISSING_DAY),
            DaysRef::Secs(s) => s
                .get(row)
                .copied()
                .filter(|&s| s != MISSING_SECS)
                .map(|s| s.div_euclid(86_400) as Days),
        }
    }
}

/// First and last day of a date or date-time column, read in place (no
/// copy of a date-time column as days).
pub fn day_range(col: &Column) -> Option<(Days, Days)> {
    // Missing values are the type's minimum: `max` passes over them, `min` is told to.
    fn range<T: Copy + Ord>(values: &[T], missing: T, top: T) -> (T, T) {
        let lo = values
            .iter()
            .map(|&x| if x == missing { top } else { x })
            .min();
        let hi = values.iter().copied().max();
        (lo.unwrap_or(top), hi.unwrap_or(missing))
    }
    match &col.data {
        ColumnData::Date { days, .. } => {
            let (lo, hi) = range(days, MISSING_DAY, Days::MAX);
            (lo <= hi).then_some((lo, hi))
        }
        ColumnData::DateTime { secs, .. } => {
            let (lo, hi) = range(secs, MISSING_SECS, i64::MAX);
            let day = |s: i64| s.div_euclid(86_400) as Days;
            (lo <= hi).then(|| (day(lo), day(hi)))
        }
        _ => None,
    }
}

/// Seconds since 1970 of a date or date-time column (dates at midnight),
/// [`MISSING_SECS`] when absent.
pub fn secs_of(col: &Column) -> Option<Cow<'_, [i64]>> {
    match &col.data {
        ColumnData::Date { days, .. } => Some(Cow::Owned(
            days.iter()
                .map(|&d| {
                    if d == MISSING_DAY {
                        MISSING_SECS
                    } else {
                        d as i64 * 86_400
                    }
                })
                .collect(),
        )),
        ColumnData::DateTime { secs, .. } => Some(Cow::Borrowed(secs)),
        _ => None,
    }
}

/// One table of the workspace seen through its mapping.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub imported: &'a Imported,
}

impl<'a> View<'a> {
    pub fn kind(&self) -> Kind {
        self.imported.mapping.kind
    }
    pub fn rows(&self) -> usize {
        self.imported.table.rows
    }
    pub fn file(&self) -> &'a str {
        &self.imported.summary.file
    }
    pub fn col(&self, f: Field) -> Option<&'a Column> {
        self.imported.mapping.column(&self.imported.table, f)
    }
    pub fn numbers(&self, f: Field) -> Option<&'a [f64]> {
        self.col(f)?.numbers()
    }
    pub fn days(&self, f: Field) -> Option<Cow<'a, [Days]>> {
        days_of(self.col(f)?)
    }
    pub fn attr(&self, f: Field) -> Option<Attr<'a>> {
        self.col(f).map(attr_of)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::core::period::Period;

    fn column(data: ColumnData) -> Column {
        Column {
            name: "Date".into(),
            data,
        }
    }

    #[test]
    fn columns_filled_to_the_rows() {
        let v = [1u32, 2, 3];
        assert!(matches!(filled(&v, 3, MISSING_CODE), Cow::Borrowed(_)));
        assert_eq!(
            filled(&v, 5, MISSING_CODE)[..],
            [1, 2, 3, MISSING_CODE, MISSING_CODE]
        );
        assert_eq!(filled(&v, 2, 0)[..], [1, 2]);
        assert_eq!(
            filled::<f64>(&[], 2, f64::NAN)
                .iter()
                .filter(|x| x.is_nan())
                .count(),
            2
        );
    }

    #[test]
    fn dates_and_date_times_read_in_place() {
        // 1969-12-31 23:00, missing, 1970-01-02 00:00 and 1970-01-03 12:00.
        let secs = vec![-3_600, MISSING_SECS, 86_400, 2 * 86_400 + 43_200];
        let times = column(ColumnData::DateTime {
            secs: secs.clone(),
            format: String::new(),
        });
        assert_eq!(day_range(&times), Some((-1, 2)));
        let by_day = DaysRef::of(&times).map(|d| (0..4).map(|r| d.get(r)).collect::<Vec<_>>());
        assert_eq!(by_day, Some(vec![Some(-1), None, Some(1), Some(2)]));
        let days = column(ColumnData::Date {
            days: vec![-1, MISSING_DAY, 1, 2],
            format: String::new(),
        });
        assert_eq!(day_range(&days), day_range(&times));
        // Days 0 to 2: the missing date and the day before are not counted,
        // and a mask leaves out what it does not keep.
        let p = Period::new(0, 2);
        let keep = [true, true, false, true];
        for c in [&times, &days] {
            let d = DaysRef::of(c).expect("a date column");
            assert_eq!(d.count_in(p, None), 2);
            assert_eq!(d.count_in(p, Some(&keep)), 1);
        }
        let nothing = column(ColumnData::DateTime {
            secs: vec![MISSING_SECS; 3],
            format: String::new(),
        });
        assert_eq!(day_range(&nothing), None);
    }
}
