//! A row's cells pushed into its columns, each column read as a dictionary
//! ([`Interner`]) or, once its first rows showed amounts of one shape or
//! whole numbers nearly all distinct, straight to values ([`Fixed`]).

use crate::{is_missing_bytes, Fixed, Interner, Shape, MISSING_CODE};
use hashbrown::DefaultHashBuilder;

/// Cell `i` of a row whose cells are `text[a..b]` for each `(a, b)` of
/// `cells`; empty past the row's end.
#[inline]
pub fn cell<'t>(text: &'t [u8], cells: &[(usize, usize)], i: usize) -> &'t [u8] {
    cells
        .get(i)
        .and_then(|&(a, b)| text.get(a..b))
        .unwrap_or_default()
}

/// Pushes one row's cells (see [`cell`]) into the columns. Not inlined, so
/// that the loop over cells is compiled with this crate's settings.
#[inline(never)]
pub fn push_row(
    columns: &mut [Cells],
    text: &[u8],
    cells: &[(usize, usize)],
    hasher: &DefaultHashBuilder,
) {
    for (i, column) in columns.iter_mut().enumerate() {
        column.push(cell(text, cells, i), hasher);
    }
    // Every column has as many rows: looked at once per row, not per cell.
    if columns.first().is_some_and(|c| c.len() == SAMPLE_ROWS) {
        columns.iter_mut().for_each(Cells::decide);
    }
}

/// Rows after which a column that may be read straight to values is looked at.
pub const SAMPLE_ROWS: usize = 1024;

/// One column's cells while the file streams by: interned, or read straight
/// to values ([`Fixed`]) when its first [`SAMPLE_ROWS`] rows were amounts
/// of one shape or whole numbers, at least half of them distinct. A later cell of another
/// shape turns the column back into a dictionary, every earlier cell
/// interned again from its value's text: what the dictionary would have
/// been had it been one all along.
#[derive(Debug)]
pub enum Cells {
    Interned(Interner),
    Fixed(Fixed),
}

impl Cells {
    /// A column for about `rows` rows; `sample`: whether its first rows may
    /// turn it into values (else a dictionary throughout).
    pub fn new(rows: usize, sample: bool) -> Cells {
        let mut interner = Interner::with_capacity(rows);
        interner.sample = sample;
        Cells::Interned(interner)
    }

    /// Pushes a row's cell. (The dictionary's push inlined here, the
    /// values' not: most columns are dictionaries, and the loop over a
    /// row's cells stays as tight as it was with dictionaries only.)
    #[inline(always)]
    pub fn push(&mut self, cell: &[u8], hasher: &DefaultHashBuilder) {
        if let Cells::Interned(interner) = self {
            interner.push(cell, hasher);
        } else {
            self.push_value(cell, hasher);
        }
    }

    /// [`Cells::push`] into values.
    #[inline(never)]
    fn push_value(&mut self, cell: &[u8], hasher: &DefaultHashBuilder) {
        let Cells::Fixed(fixed) = self else {
            return;
        };
        let cell = cell.trim_ascii();
        if is_missing_bytes(cell) {
            fixed.values.push(f64::NAN);
        } else if !fixed.push(cell) {
            self.back_to_dictionary(hasher);
            self.push(cell, hasher);
        }
    }

    /// Reads the column straight to values from here on when its rows so
    /// far (its first [`SAMPLE_ROWS`], for [`push_row`]) were amounts of one
    /// shape or whole numbers, at least half of them distinct.
    #[cold]
    pub fn decide(&mut self) {
        let Cells::Interned(interner) = self else {
            return;
        };
        if !std::mem::take(&mut interner.sample) {
            return;
        }
        let present = interner
            .codes
            .iter()
            .filter(|&&c| c != MISSING_CODE)
            .count();
        let distinct = interner.distinct();
        if distinct == 0 || distinct * 2 < present || interner.repeats {
            return;
        }
        let Some(shape) = interner.values().next().and_then(Shape::of) else {
            return;
        };
        let by_code: Option<Vec<f64>> = interner.values().map(|v| shape.value(v)).collect();
        let Some(by_code) = by_code else {
            return;
        };
        let rows = interner.codes.capacity();
        let mut out = Vec::with_capacity(rows);
        out.extend(
            interner
                .codes
                .iter()
                .map(|&c| by_code.get(c as usize).copied().unwrap_or(f64::NAN)),
        );
        *self = Cells::Fixed(Fixed {
            shape,
            values: out,
            rows,
        });
    }

    /// The column as the dictionary it would have been.
    #[cold]
    pub fn back_to_dictionary(&mut self, hasher: &DefaultHashBuilder) {
        let Cells::Fixed(fixed) = self else {
            return;
        };
        let mut interner = Interner::with_capacity(fixed.rows);
        let mut text = Vec::with_capacity(24);
        for &v in &fixed.values {
            text.clear();
            // A missing cell pushed as an empty one: missing alike.
            if !v.is_nan() {
                fixed.shape.write(v, &mut text);
            }
            interner.push(&text, hasher);
        }
        *self = Cells::Interned(interner);
    }

    /// The column's dictionary (made again from the values if it holds values).
    pub fn into_interner(mut self, hasher: &DefaultHashBuilder) -> Interner {
        self.back_to_dictionary(hasher);
        match self {
            Cells::Interned(interner) => interner,
            Cells::Fixed(_) => Interner::default(),
        }
    }

    /// Appends the rows another column read from later in the file.
    pub fn append(&mut self, later: Cells, hasher: &DefaultHashBuilder) {
        match (&mut *self, later) {
            (Cells::Fixed(a), Cells::Fixed(b)) if a.shape == b.shape => a.values.extend(b.values),
            (_, later) => {
                self.back_to_dictionary(hasher);
                if let Cells::Interned(a) = self {
                    a.append(later.into_interner(hasher), hasher);
                }
            }
        }
    }

    /// The column once its rows are all read: a dictionary without its
    /// lookup tables ([`Interner::sealed`]), never pushed into again.
    pub fn seal(&mut self) {
        if let Cells::Interned(interner) = self {
            *interner = std::mem::take(interner).sealed();
        }
    }

    /// Rows so far.
    pub fn len(&self) -> usize {
        match self {
            Cells::Interned(interner) => interner.codes.len(),
            Cells::Fixed(fixed) => fixed.values.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_as_values_go_back_to_the_dictionary_they_would_have_been() {
        let h = DefaultHashBuilder::default();
        let cell = |i: usize| match i {
            _ if i % 97 == 5 => "NA".to_string(),
            _ if i % 89 == 1 => String::new(),
            3_000 => "1 234,50".to_string(),
            _ => format!("{},{:02}", i * 7_919 % 100_000, i % 100),
        };
        let rows = 4_000;
        let mut cells = Cells::new(rows, true);
        let mut plain = Interner::with_capacity(rows);
        for i in 0..rows {
            cells.push(cell(i).as_bytes(), &h);
            plain.push(cell(i).as_bytes(), &h);
            if cells.len() == SAMPLE_ROWS {
                cells.decide();
            }
            match i {
                1_000 | 2_999 => {
                    assert!(matches!(cells, Cells::Fixed(_)) == (i > SAMPLE_ROWS), "{i}")
                }
                _ => {}
            }
        }
        let Cells::Interned(back) = cells else {
            panic!("a cell of another shape must bring the dictionary back");
        };
        assert_eq!(back.repeats(), plain.repeats());
        let values = |i: &Interner| i.values().map(<[u8]>::to_vec).collect::<Vec<_>>();
        assert_eq!(values(&back), values(&plain));
        assert_eq!(back.codes, plain.codes);
        // Text, or few distinct values, stay a dictionary.
        for text in [
            |i: usize| format!("x{i},50"),
            |i: usize| format!("{},50", i % 10),
        ] {
            let mut c = Cells::new(rows, true);
            (0..SAMPLE_ROWS).for_each(|i| c.push(text(i).as_bytes(), &h));
            c.decide();
            assert!(matches!(c, Cells::Interned(_)));
        }
    }

    #[test]
    fn rows_short_of_cells_get_empty_ones() {
        let h = DefaultHashBuilder::default();
        let mut columns = vec![Cells::new(0, true), Cells::new(0, true)];
        push_row(&mut columns, b"x;y", &[(0, 1), (2, 3)], &h);
        push_row(&mut columns, b"x", &[(0, 1)], &h);
        let codes = |c: &Cells| match c {
            Cells::Interned(i) => i.codes.clone(),
            Cells::Fixed(_) => panic!("text read as values"),
        };
        assert_eq!(codes(&columns[0]), [0, 0]);
        assert_eq!(codes(&columns[1]), [0, MISSING_CODE]);
    }
}
