//! A column's cells as bytes, and back: the rows a second engine instance
//! read from the later part of a file (in the browser, a worker of its own,
//! whose memory this one cannot see) come over as one buffer and are
//! appended where they lie ([`Written`], [`Cells::append_written`]), not
//! first copied into columns of their own. Little-endian arrays behind
//! their lengths; a dictionary's codes in as few bytes as its number of
//! values needs (one for a region, two for 20 000 customers); both ends are
//! the same build, so there is no version.

use crate::{Cells, Fixed, Interner, Shape, MISSING_CODE};
use hashbrown::DefaultHashBuilder;

impl Cells {
    /// Writes the column at the end of `out` ([`Written::read`] reads it back).
    pub fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Cells::Interned(interner) => {
                let (codes, bytes, ends, repeats) = interner.parts();
                out.push(0);
                out.push(u8::from(repeats));
                put_codes(out, codes, ends.len());
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

    /// The bytes [`Cells::encode`] writes, to reserve them at once.
    pub fn encoded_len(&self) -> usize {
        match self {
            Cells::Interned(interner) => {
                let (codes, bytes, ends, _) = interner.parts();
                3 + 8 + codes.len() * code_width(ends.len()) + 8 + 4 * ends.len() + 8 + bytes.len()
            }
            Cells::Fixed(fixed) => 3 + 16 + 8 * fixed.values.len(),
        }
    }

    /// A column written by [`Cells::encode`], taken off the front of
    /// `input` and copied into a column of its own; `None` when the bytes
    /// are not one. A dictionary read back holds its values and codes only:
    /// it is to be appended to another column, not pushed into.
    /// ([`Cells::append_written`] appends one without the copy.)
    pub fn decode(input: &mut &[u8]) -> Option<Cells> {
        Written::read(input).map(Written::into_cells)
    }

    /// Appends the rows of a column read from later in the file, as
    /// [`Cells::append`] of the column [`Cells::decode`] would give.
    pub fn append_written(&mut self, later: Written<'_>, hasher: &DefaultHashBuilder) {
        match (&mut *self, later) {
            (Cells::Fixed(a), Written::Fixed { shape, values, .. }) if a.shape == shape => {
                a.values.extend(floats(values));
            }
            (
                _,
                Written::Interned {
                    codes, bytes, ends, ..
                },
            ) => {
                self.back_to_dictionary(hasher);
                if let Cells::Interned(a) = self {
                    let remap = a.remap(ends.values(bytes), hasher);
                    codes.renumbered_into(&mut a.codes, Some(&remap));
                }
            }
            // Values of another shape: appended as the dictionary they would be.
            (_, later) => self.append(later.into_cells(), hasher),
        }
    }
}

/// A column as [`Cells::encode`] wrote it, read where it lies.
pub enum Written<'a> {
    Interned {
        codes: Codes<'a>,
        /// The distinct values end to end, and where each ends.
        bytes: &'a [u8],
        ends: Ends<'a>,
        repeats: bool,
    },
    Fixed {
        shape: Shape,
        rows: usize,
        /// The values, 8 little-endian bytes each.
        values: &'a [u8],
    },
}

impl<'a> Written<'a> {
    /// The column at the front of `input`, taken off it; `None` when the
    /// bytes are not one.
    pub fn read(input: &mut &'a [u8]) -> Option<Written<'a>> {
        match take(input, 1)?.first()? {
            0 => {
                let repeats = *take(input, 1)?.first()? != 0;
                let width = usize::from(*take(input, 1)?.first()?);
                if ![1, 2, 4].contains(&width) {
                    return None;
                }
                let rows = take_len(input)?;
                let codes = Codes {
                    width,
                    raw: take(input, rows.checked_mul(width)?)?,
                };
                let n = take_len(input)?;
                let ends = Ends(take(input, n.checked_mul(4)?)?);
                let size = take_len(input)?;
                let bytes = take(input, size)?;
                let ends_in_order = ends.iter().try_fold(0, |before, end| {
                    (before <= end && end as usize <= size).then_some(end)
                });
                if ends_in_order.is_none_or(|last| last as usize != size) {
                    return None;
                }
                Some(Written::Interned {
                    codes,
                    bytes,
                    ends,
                    repeats,
                })
            }
            1 => {
                let shape = take(input, 2)?;
                let shape = Shape {
                    separator: shape[0],
                    decimals: shape[1],
                };
                let rows = take_len(input)?;
                let n = take_len(input)?;
                let values = take(input, n.checked_mul(8)?)?;
                Some(Written::Fixed {
                    shape,
                    rows,
                    values,
                })
            }
            _ => None,
        }
    }

    /// Rows in the column.
    pub fn len(&self) -> usize {
        match self {
            Written::Interned { codes, .. } => codes.raw.len() / codes.width,
            Written::Fixed { values, .. } => values.len() / 8,
        }
    }

    /// Whether the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The column copied out, as it was written.
    pub fn into_cells(self) -> Cells {
        match self {
            Written::Interned {
                codes,
                bytes,
                ends,
                repeats,
            } => {
                let mut all = Vec::with_capacity(codes.raw.len() / codes.width);
                codes.renumbered_into(&mut all, None);
                let ends = ends.iter().collect();
                Cells::Interned(Interner::from_parts(all, bytes.to_vec(), ends, repeats))
            }
            Written::Fixed {
                shape,
                rows,
                values,
            } => Cells::Fixed(Fixed {
                shape,
                values: floats(values).collect(),
                rows,
            }),
        }
    }
}

/// Values written 8 little-endian bytes each.
fn floats(raw: &[u8]) -> impl Iterator<Item = f64> + '_ {
    raw.as_chunks::<8>()
        .0
        .iter()
        .map(|b| f64::from_bits(u64::from_le_bytes(*b)))
}

/// A dictionary's codes as written: `width` little-endian bytes each, the
/// missing cells' code all ones.
pub struct Codes<'a> {
    width: usize,
    raw: &'a [u8],
}

impl Codes<'_> {
    /// Appends each code to `out`, as `remap` renumbers it (as it is
    /// without one), the missing code as [`MISSING_CODE`]; a code past
    /// `remap` as missing, as [`Interner::append`] does. One loop per
    /// width, each a plain pass over the bytes.
    fn renumbered_into(&self, out: &mut Vec<u32>, remap: Option<&[u32]>) {
        let code = |c: u32, missing: u32| match remap {
            _ if c == missing => MISSING_CODE,
            None => c,
            Some(remap) => remap.get(c as usize).copied().unwrap_or(MISSING_CODE),
        };
        match self.width {
            1 => out.extend(self.raw.iter().map(|&c| code(u32::from(c), 0xFF))),
            2 => out.extend(
                self.raw
                    .as_chunks::<2>()
                    .0
                    .iter()
                    .map(|b| code(u32::from(u16::from_le_bytes(*b)), 0xFFFF)),
            ),
            _ => out.extend(
                self.raw
                    .as_chunks::<4>()
                    .0
                    .iter()
                    .map(|b| code(u32::from_le_bytes(*b), MISSING_CODE)),
            ),
        }
    }
}

/// Where each of a dictionary's values ends, as written.
pub struct Ends<'a>(&'a [u8]);

impl<'a> Ends<'a> {
    fn iter(&self) -> impl Iterator<Item = u32> + 'a {
        self.0
            .as_chunks::<4>()
            .0
            .iter()
            .map(|b| u32::from_le_bytes(*b))
    }

    /// The values in `bytes`, in the order of their codes.
    fn values(&self, bytes: &'a [u8]) -> impl Iterator<Item = &'a [u8]> + 'a {
        let mut start = 0;
        self.iter().map(move |end| {
            let v = bytes.get(start as usize..end as usize).unwrap_or_default();
            start = end;
            v
        })
    }
}

/// The fewest bytes that hold the codes of `distinct` values (0 to
/// `distinct - 1`) and the missing code (all ones: what [`MISSING_CODE`]
/// cut to that width is).
fn code_width(distinct: usize) -> usize {
    if distinct <= 0xFF {
        1
    } else if distinct <= 0xFFFF {
        2
    } else {
        4
    }
}

/// Writes a dictionary's codes in [`code_width`] bytes each.
fn put_codes(out: &mut Vec<u8>, codes: &[u32], distinct: usize) {
    let width = code_width(distinct);
    out.push(width as u8);
    put_len(out, codes.len());
    match width {
        1 => put_each(out, codes, |c| [c as u8]),
        2 => put_each(out, codes, |c| (c as u16).to_le_bytes()),
        _ => put_each(out, codes, |c| c.to_le_bytes()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{push_row, MISSING_CODE};
    use hashbrown::DefaultHashBuilder;

    /// Columns of every kind read from the same rows: dictionary, values,
    /// values gone back to a dictionary, kept one by one; and a dictionary
    /// whose values come in an order that depends on `rows` (appended to
    /// another of a different length, its codes are renumbered).
    fn columns(rows: usize) -> Vec<Cells> {
        let h = DefaultHashBuilder::default();
        let mut columns: Vec<Cells> = (0..5).map(|_| Cells::new(rows, true)).collect();
        for i in 0..rows {
            let row = format!(
                "Client {};{},{:02};{};{};R{}",
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
                (rows - i) % 53,
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
        for c in &cols {
            let at = out.len();
            c.encode(&mut out);
            assert_eq!(out.len() - at, c.encoded_len(), "{}", described(c));
        }
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
        // First 2 500 rows then 1 800, and the other way round: a column of
        // amounts that turns back into a dictionary (a cell at row 2 000)
        // meets one that does not, on either side.
        for (first, later) in [(2_500, 1_800), (1_800, 2_500)] {
            // The same columns thrice (the reading is deterministic): one
            // takes the later rows as they were, one as copied back, one as
            // they lie in the bytes.
            let (mut direct, mut copied, mut in_place) =
                (columns(first), columns(first), columns(first));
            for (i, later) in columns(later).into_iter().enumerate() {
                let mut out = Vec::new();
                later.encode(&mut out);
                copied[i].append(Cells::decode(&mut &out[..]).expect("a column"), &h);
                in_place[i].append_written(Written::read(&mut &out[..]).expect("a column"), &h);
                direct[i].append(later, &h);
            }
            for ((a, b), c) in direct.into_iter().zip(copied).zip(in_place) {
                let [a, b, c] = [a, b, c].map(|x| x.into_interner(&h));
                assert!(a.codes == b.codes && a.codes == c.codes, "codes differ");
                assert!(a.values().eq(b.values()), "values differ");
                assert!(a.values().eq(c.values()), "values differ");
                assert!(a.codes.len() == 4_300 && a.codes.iter().any(|&c| c != MISSING_CODE));
            }
        }
    }

    #[test]
    fn codes_take_the_bytes_their_values_need_and_no_fewer() {
        let h = DefaultHashBuilder::default();
        // 255 values (codes 0 to 254) fit a byte beside the missing code
        // (255), 256 do not; the same at two bytes.
        for (distinct, width) in [(255, 1), (256, 2), (65_535, 2), (65_536, 4)] {
            let column = |rows: usize| {
                let mut c = Cells::new(rows, false);
                // Each value twice: a column of values that repeat, not
                // one kept one by one (`Interner::foresee`).
                let mut values = (0..distinct).flat_map(|v| [v, v]).cycle();
                for i in 0..rows {
                    let cell = match i % 7 {
                        3 => String::new(),
                        _ => format!("v{}", values.next().unwrap_or(0)),
                    };
                    c.push(cell.as_bytes(), &h);
                }
                c
            };
            let rows = distinct * 2 * 7 / 6 + 10;
            let later = column(rows);
            let mut out = Vec::new();
            later.encode(&mut out);
            let written = Written::read(&mut &out[..]).expect("a column");
            let Written::Interned { codes, .. } = &written else {
                panic!("text read as values");
            };
            assert_eq!(codes.width, width, "{distinct} values");
            // The first rows' values in another order: the later codes
            // are renumbered.
            let first = || {
                let mut c = Cells::new(100, false);
                for i in 0..100 {
                    c.push(format!("v{}", (i * 7 + 5) % distinct).as_bytes(), &h);
                }
                c
            };
            let mut a = first();
            a.append_written(written, &h);
            let mut b = first();
            b.append(later, &h);
            let (a, b) = (a.into_interner(&h), b.into_interner(&h));
            assert!(a.codes == b.codes, "{distinct} values: codes differ");
            assert!(
                a.values().eq(b.values()),
                "{distinct} values: values differ"
            );
            assert_eq!(a.codes[100 + 3], MISSING_CODE);
            // Row 100 is the later rows' first, `v0`: code 0 is the first
            // rows' first value, `v5`.
            assert_ne!(a.codes[100], 0);
            assert!(a.values().nth(a.codes[100] as usize) == Some(&b"v0"[..]));
        }
    }

    #[test]
    fn bytes_that_are_not_a_column_are_refused() {
        let mut out = Vec::new();
        columns(300)[0].encode(&mut out);
        // A width no column has.
        let mut wrong = out.clone();
        wrong[2] = 3;
        assert!(Written::read(&mut &wrong[..]).is_none());
        // Cut anywhere short.
        for cut in 0..out.len() {
            assert!(Written::read(&mut &out[..cut]).is_none(), "cut at {cut}");
        }
        assert!(Written::read(&mut &out[..]).is_some());
        // Its values' ends out of order, or short of the text.
        let ends_at = |out: &[u8]| {
            let rows = u64::from_le_bytes(out[3..11].try_into().expect("8 bytes")) as usize;
            11 + rows + 8
        };
        let at = ends_at(&out);
        let mut swapped = out.clone();
        let (first, second) = (
            swapped[at..at + 4].to_vec(),
            swapped[at + 4..at + 8].to_vec(),
        );
        swapped[at..at + 4].copy_from_slice(&second);
        swapped[at + 4..at + 8].copy_from_slice(&first);
        assert!(Written::read(&mut &swapped[..]).is_none());
        let n = u64::from_le_bytes(out[at - 8..at].try_into().expect("8 bytes")) as usize;
        let last = at + 4 * (n - 1);
        let mut short = out.clone();
        short[last] -= 1;
        assert!(Written::read(&mut &short[..]).is_none());
    }
}
