//! A column's cells as bytes, and back: the rows a second engine instance
//! read from the later part of a file (in the browser, a worker of its own,
//! whose memory this one cannot see) come over as one buffer and are
//! appended with [`Cells::append`]. Little-endian arrays behind their
//! lengths; both ends are the same build, so there is no version.

use crate::{Cells, Fixed, Interner, Shape};

impl Cells {
    /// Writes the column at the end of `out` ([`Cells::decode`] reads it back).
    pub fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Cells::Interned(interner) => {
                let (codes, bytes, ends, repeats) = interner.parts();
                out.push(0);
                out.push(u8::from(repeats));
                put_u32s(out, codes);
                put_u32s(out, ends);
                put_len(out, bytes.len());
                out.extend_from_slice(bytes);
            }
            Cells::Fixed(fixed) => {
                out.extend_from_slice(&[1, fixed.shape.separator, fixed.shape.decimals]);
                put_len(out, fixed.rows);
                put_len(out, fixed.values.len());
                put_each(out, &fixed.values, |v| v.to_bits().to_le_bytes());
            }
        }
    }

    /// A column written by [`Cells::encode`], taken off the front of
    /// `input`; `None` when the bytes are not one. A dictionary read back
    /// holds its values and codes only: it is to be appended to another
    /// column, not pushed into.
    pub fn decode(input: &mut &[u8]) -> Option<Cells> {
        match take(input, 1)?.first()? {
            0 => {
                let repeats = *take(input, 1)?.first()? != 0;
                let codes = take_u32s(input)?;
                let ends = take_u32s(input)?;
                let n = take_len(input)?;
                let bytes = take(input, n)?.to_vec();
                if ends.windows(2).any(|w| w[0] > w[1])
                    || ends.last().is_some_and(|&e| e as usize != n)
                {
                    return None;
                }
                Some(Cells::Interned(Interner::from_parts(
                    codes, bytes, ends, repeats,
                )))
            }
            1 => {
                let shape = take(input, 2)?;
                let shape = Shape {
                    separator: shape[0],
                    decimals: shape[1],
                };
                let rows = take_len(input)?;
                let n = take_len(input)?;
                let values = take_each(input, n, |b| f64::from_bits(u64::from_le_bytes(b)))?;
                Some(Cells::Fixed(Fixed {
                    shape,
                    values,
                    rows,
                }))
            }
            _ => None,
        }
    }
}

/// Writes a length (or any count) as 8 bytes.
pub fn put_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u64).to_le_bytes());
}

/// Writes numbers behind their count.
pub fn put_u32s(out: &mut Vec<u8>, values: &[u32]) {
    put_len(out, values.len());
    put_each(out, values, |v| v.to_le_bytes());
}

/// Writes numbers behind their count.
pub fn put_u64s(out: &mut Vec<u8>, values: &[u64]) {
    put_len(out, values.len());
    put_each(out, values, |v| v.to_le_bytes());
}

/// Writes each value's `N` bytes, into room made at once (a loop the
/// compiler turns into a copy on little-endian targets, where pushing
/// value by value checked the room each time: a million rows' columns took
/// tens of milliseconds in the browser).
fn put_each<T: Copy, const N: usize>(
    out: &mut Vec<u8>,
    values: &[T],
    bytes: impl Fn(T) -> [u8; N],
) {
    let at = out.len();
    out.resize(at + values.len() * N, 0);
    for (to, &v) in out[at..].chunks_exact_mut(N).zip(values) {
        to.copy_from_slice(&bytes(v));
    }
}

/// The first `n` bytes of `input`, taken off it.
pub fn take<'a>(input: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if input.len() < n {
        return None;
    }
    let (head, rest) = input.split_at(n);
    *input = rest;
    Some(head)
}

/// A length written by [`put_len`].
pub fn take_len(input: &mut &[u8]) -> Option<usize> {
    let b = take(input, 8)?;
    usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok()
}

/// Numbers written by [`put_u32s`].
pub fn take_u32s(input: &mut &[u8]) -> Option<Vec<u32>> {
    let n = take_len(input)?;
    take_each(input, n, u32::from_le_bytes)
}

/// Numbers written by [`put_u64s`].
pub fn take_u64s(input: &mut &[u8]) -> Option<Vec<u64>> {
    let n = take_len(input)?;
    take_each(input, n, u64::from_le_bytes)
}

/// `n` values of `N` bytes each, into room made at once (see [`put_each`]).
fn take_each<T: Copy + Default, const N: usize>(
    input: &mut &[u8],
    n: usize,
    value: impl Fn([u8; N]) -> T,
) -> Option<Vec<T>> {
    let raw = take(input, n.checked_mul(N)?)?;
    let mut out = vec![T::default(); n];
    for (to, from) in out.iter_mut().zip(raw.chunks_exact(N)) {
        *to = value(from.try_into().unwrap_or([0; N]));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{push_row, MISSING_CODE};
    use hashbrown::DefaultHashBuilder;

    /// Columns of every kind read from the same rows: dictionary, values,
    /// values gone back to a dictionary, kept one by one.
    fn columns(rows: usize) -> Vec<Cells> {
        let h = DefaultHashBuilder::default();
        let mut columns: Vec<Cells> = (0..4).map(|_| Cells::new(rows, true)).collect();
        for i in 0..rows {
            let row = format!(
                "Client {};{},{:02};{};{}",
                i % 37,
                i * 7 % 100_000,
                i % 100,
                if i == 1_500 {
                    "n/a".into()
                } else if i == 2_000 {
                    "12 x".into()
                } else {
                    format!("{}.5", i)
                },
                if i % 11 == 0 {
                    String::new()
                } else {
                    format!("2024-01-01T00:{:02}:{:02}", i / 60 % 60, i % 60)
                },
            );
            let mut cells = Vec::new();
            let mut from = 0;
            for (at, b) in row.bytes().enumerate().chain([(row.len(), b';')]) {
                if b == b';' {
                    cells.push((from, at));
                    from = at + 1;
                }
            }
            push_row(&mut columns, row.as_bytes(), &cells, &h);
        }
        columns
    }

    fn described(c: &Cells) -> String {
        match c {
            Cells::Interned(i) => format!(
                "{:?} {:?} {}",
                i.codes,
                i.values().collect::<Vec<_>>(),
                i.repeats()
            ),
            Cells::Fixed(f) => format!("{:?} {:?} {}", f.shape, f.values, f.rows),
        }
    }

    #[test]
    fn every_kind_of_column_comes_back_as_it_was() {
        let cols = columns(3_000);
        assert!(matches!(cols[1], Cells::Fixed(_)));
        assert!(matches!(cols[2], Cells::Interned(_)));
        let mut out = Vec::new();
        cols.iter().for_each(|c| c.encode(&mut out));
        let mut input = &out[..];
        for c in &cols {
            let back = Cells::decode(&mut input).expect("a column");
            assert_eq!(described(&back), described(c));
        }
        assert!(input.is_empty());
        // Cut short or wrong, the bytes are not a column.
        for cut in [1, 9, out.len() / 2] {
            let mut short = &out[..cut];
            assert!(Cells::decode(&mut short).is_none() || cut > 9);
        }
        assert!(Cells::decode(&mut &[7u8][..]).is_none());
    }

    #[test]
    fn a_column_read_back_appends_like_the_column_itself() {
        let h = DefaultHashBuilder::default();
        // The same columns twice (the reading is deterministic): one takes
        // the later rows as they were, the other as read back.
        let (mut direct, mut via_wire) = (columns(2_500), columns(2_500));
        for (i, later) in columns(1_800).into_iter().enumerate() {
            let mut out = Vec::new();
            later.encode(&mut out);
            via_wire[i].append(Cells::decode(&mut &out[..]).expect("a column"), &h);
            direct[i].append(later, &h);
        }
        for (a, b) in direct.into_iter().zip(via_wire) {
            let (a, b) = (a.into_interner(&h), b.into_interner(&h));
            assert!(a.codes == b.codes, "codes differ");
            assert!(a.values().eq(b.values()), "values differ");
            assert!(a.codes.len() == 4_300 && a.codes.iter().any(|&c| c != MISSING_CODE));
        }
    }
}
