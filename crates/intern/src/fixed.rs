//! A column of amounts all written alike — digits, one decimal separator,
//! always one or always two decimals (`915,59`, `-12.50`) — or of plain
//! whole numbers (`2400001`: invoice numbers) read straight to their
//! values, without a dictionary. Real exports have about 100 000 distinct
//! amounts and a million invoice numbers per million lines: looking each
//! cell up in a table of that size cost one or two cache misses per cell,
//! for a value nearly always new. Each value gives its text back exactly
//! (digits over a power of ten, the shape the column was written in), so
//! nothing else is kept.

/// How every value of a column is written: its decimal separator and how
/// many digits follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// `,` or `.`; 0 for whole numbers.
    pub separator: u8,
    /// 1 or 2, or 0 for whole numbers. (Three could be thousands: `1,234`.)
    pub decimals: u8,
}

/// The shape of whole numbers: digits alone, not negative (`-2024` could
/// be read as a date).
pub const WHOLE: Shape = Shape {
    separator: 0,
    decimals: 0,
};

/// Digits a value may have in all: a double holds them exactly, so the value
/// and its digits give each other back.
const MAX_DIGITS: usize = 15;

const POWERS: [f64; 3] = [1.0, 10.0, 100.0];

impl Shape {
    /// The shape of a trimmed cell, when it is a plain amount — an optional
    /// `-`, an integer part without leading zero (or `0` alone), a separator
    /// and one or two digits — or a whole number (digits alone, no leading
    /// zero). A negative zero is left out (its text could not be told from
    /// its value's).
    #[inline]
    pub fn of(cell: &[u8]) -> Option<Shape> {
        let shape = match cell.iter().rposition(|b| matches!(b, b',' | b'.')) {
            None => WHOLE,
            Some(at) => Shape {
                separator: *cell.get(at)?,
                decimals: u8::try_from(cell.len() - at - 1).ok()?,
            },
        };
        let known = shape == WHOLE || matches!(shape.decimals, 1 | 2);
        (known && shape.value(cell).is_some()).then_some(shape)
    }

    /// The value of a trimmed cell of this shape, as the engine's number
    /// parser reads it (its digits over a power of ten, one correctly
    /// rounded division, then the sign); `None` for a cell of another shape.
    #[inline]
    pub fn value(self, cell: &[u8]) -> Option<f64> {
        let (negative, digits) = match cell.split_first() {
            Some((b'-', rest)) if self != WHOLE => (true, rest),
            _ => (false, cell),
        };
        let (int, frac): (&[u8], &[u8]) = if self == WHOLE {
            (digits, &[])
        } else {
            let int_len = digits.len().checked_sub(1 + self.decimals as usize)?;
            let (int, rest) = digits.split_at(int_len);
            let (&separator, frac) = rest.split_first()?;
            if separator != self.separator {
                return None;
            }
            (int, frac)
        };
        if int.is_empty()
            || int.len() + frac.len() > MAX_DIGITS
            || (int.len() > 1 && int[0] == b'0')
        {
            return None;
        }
        let mut mantissa = 0u64;
        for &b in int.iter().chain(frac) {
            let d = b.wrapping_sub(b'0');
            if d > 9 {
                return None;
            }
            mantissa = mantissa * 10 + u64::from(d);
        }
        if negative && mantissa == 0 {
            return None;
        }
        let v = mantissa as f64 / POWERS.get(usize::from(self.decimals))?;
        Some(if negative { -v } else { v })
    }

    /// The text `value` was read from.
    pub fn write(self, value: f64, out: &mut Vec<u8>) {
        if value.is_sign_negative() {
            out.push(b'-');
        }
        let scale = POWERS
            .get(usize::from(self.decimals))
            .copied()
            .unwrap_or(1.0);
        let mantissa = (value.abs() * scale).round() as u64;
        let scale = scale as u64;
        push_digits(mantissa / scale, out);
        if self == WHOLE {
            return;
        }
        out.push(self.separator);
        let frac = mantissa % scale;
        if self.decimals == 2 && frac < 10 {
            out.push(b'0');
        }
        push_digits(frac, out);
    }

    /// The text of each value but NaN written end to end in `bytes`, the
    /// end of each in `ends`; each value's code (its text's index), or
    /// `missing` for NaN. For a column whose values are each new, such as
    /// invoice numbers in order: its text at the speed of this crate's
    /// build, a million values in one call.
    pub fn write_each(
        self,
        values: &[f64],
        missing: u32,
        bytes: &mut Vec<u8>,
        ends: &mut Vec<u32>,
    ) -> Vec<u32> {
        let mut codes = vec![missing; values.len()];
        // The last whole number written, when its successor's text is its
        // own with one added digit by digit (numbered lines: a copy and
        // one increment each, not a division per digit).
        let mut last: Option<(f64, usize)> = None;
        for (code, &v) in codes.iter_mut().zip(values) {
            if v.is_nan() {
                continue;
            }
            let start = bytes.len();
            let counted =
                last.is_some_and(|(l, from)| v == l + 1.0 && increment_copy(bytes, from..start));
            if !counted {
                self.write(v, bytes);
            }
            // Negative numbers count the other way and `-0` keeps its
            // sign: positive ones only. (Values of this shape are whole.)
            let countable = v.is_sign_positive() && v <= MAX_COUNTED;
            last = (self == WHOLE && countable).then_some((v, start));
            *code = ends.len() as u32;
            ends.push(bytes.len() as u32);
        }
        codes
    }

    /// The length of the text [`Shape::write`] gives `value`, without
    /// writing it: to make room for a column's text at once.
    pub fn text_len(self, value: f64) -> usize {
        let scale = POWERS
            .get(usize::from(self.decimals))
            .copied()
            .unwrap_or(1.0);
        let mantissa = (value.abs() * scale).round() as u64;
        let int = digits(mantissa / scale as u64);
        let sign = usize::from(value.is_sign_negative());
        if self == WHOLE {
            sign + int
        } else {
            sign + int + 1 + usize::from(self.decimals)
        }
    }
}

/// The largest whole number [`Shape::write_each`] writes by counting:
/// below it, every whole number and its successor are exact in an `f64`.
const MAX_COUNTED: f64 = 9_007_199_254_740_990.0;

/// Appends the decimal text in `bytes[from]` plus one, unless its digits are
/// all 9s (the successor is a digit longer): then appends nothing, `false`.
fn increment_copy(bytes: &mut Vec<u8>, from: std::ops::Range<usize>) -> bool {
    let text = bytes.get(from.clone()).unwrap_or_default();
    if text.is_empty() || text.iter().all(|&b| b == b'9') {
        return false;
    }
    bytes.extend_from_within(from);
    for b in bytes.iter_mut().rev() {
        if *b == b'9' {
            *b = b'0';
        } else {
            *b += 1;
            break;
        }
    }
    true
}

/// How many decimal digits `n` has.
fn digits(n: u64) -> usize {
    n.checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// Appends the decimal digits of `n` (a million invoice numbers are
/// written back when their column is mapped to a key: no allocation each).
fn push_digits(mut n: u64, out: &mut Vec<u8>) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(at..).unwrap_or_default());
}

/// A column read straight to values: `NaN` for a missing cell.
#[derive(Debug, Clone)]
pub struct Fixed {
    pub shape: Shape,
    pub values: Vec<f64>,
    /// The rows the column was made for (its dictionary's, if it goes back to one).
    pub rows: usize,
}

impl Fixed {
    /// Pushes a trimmed, present cell; `false` (nothing pushed) when it is
    /// of another shape.
    #[inline]
    pub fn push(&mut self, cell: &[u8]) -> bool {
        match self.shape.value(cell) {
            Some(v) => {
                self.values.push(v);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_of_plain_amounts_only() {
        let comma2 = Some(Shape {
            separator: b',',
            decimals: 2,
        });
        let dot1 = Some(Shape {
            separator: b'.',
            decimals: 1,
        });
        assert_eq!(Shape::of(b"915,59"), comma2);
        assert_eq!(Shape::of(b"0,05"), comma2);
        assert_eq!(Shape::of(b"-12,50"), comma2);
        assert_eq!(Shape::of(b"-0.5"), dot1);
        assert_eq!(Shape::of(b"2400001"), Some(WHOLE));
        assert_eq!(Shape::of(b"0"), Some(WHOLE));
        for other in [
            &b"-915"[..],
            b"0915",
            b"1234567890123456",
            b"1,234",
            b"01,50",
            b",50",
            b"12,",
            b"1 234,50",
            b"1.234,50",
            b"12,50 \xE2\x82\xAC",
            b"+12,50",
            b"--1,5",
            b"1e5,0",
            b"1234567890123456,5",
            b"05/03",
            b"",
        ] {
            assert_eq!(
                Shape::of(other),
                None,
                "{:?}",
                String::from_utf8_lossy(other)
            );
        }
    }

    #[test]
    fn values_give_their_text_back() {
        for cell in [
            "915,59",
            "0,05",
            "0,50",
            "-12,50",
            "1,0",
            "999999999999,99",
            "-0,01",
            "3,1",
            "123456789012,34",
            "7,09",
        ] {
            let shape = Shape::of(cell.as_bytes()).unwrap();
            let v = shape.value(cell.as_bytes()).unwrap();
            let mut out = Vec::new();
            shape.write(v, &mut out);
            assert_eq!(String::from_utf8(out).unwrap(), cell);
            let as_dot: f64 = cell.replace(',', ".").parse().unwrap();
            assert_eq!(v.to_bits(), as_dot.to_bits(), "{cell}");
        }
        let two = Shape::of(b"1,50").unwrap();
        assert_eq!(two.value(b"1,5"), None);
        assert_eq!(two.value(b"1.50"), None);
        assert_eq!(two.value(b"-0,00"), None);
        assert_eq!(two.value(b"00,50"), None);
        assert_eq!(two.value(b"a,bc"), None);
    }

    #[test]
    fn text_lengths_are_those_of_the_text_written() {
        let shapes = [
            WHOLE,
            Shape::of(b"1,5").unwrap(),
            Shape::of(b"1.50").unwrap(),
            Shape::of(b"1,50").unwrap(),
        ];
        // Every power of ten and its neighbours, both signs, and a spread.
        let mut mantissas: Vec<u64> = (0..15)
            .flat_map(|p| {
                let t = 10u64.pow(p);
                [t - 1, t, t + 1]
            })
            .collect();
        mantissas.extend((0..10_000u64).map(|i| i * 7_919 % 1_000_003));
        for shape in shapes {
            for &m in &mantissas {
                let text = format!("{m}");
                let (int, frac) = text.split_at(text.len().saturating_sub(shape.decimals.into()));
                let int = if int.is_empty() { "0" } else { int };
                let frac = format!("{frac:0>width$}", width = usize::from(shape.decimals));
                for sign in ["", "-"] {
                    let cell = match shape.separator {
                        0 => int.to_string(),
                        s => format!("{sign}{int}{}{frac}", s as char),
                    };
                    let Some(v) = shape.value(cell.as_bytes()) else {
                        continue; // a negative zero, or a sign on a whole number
                    };
                    let mut out = Vec::new();
                    shape.write(v, &mut out);
                    assert_eq!(shape.text_len(v), out.len(), "{cell}");
                }
            }
        }
    }

    #[test]
    fn each_value_written_end_to_end_as_written_alone() {
        let shape = Shape::of(b"915,59").unwrap();
        let values = [1.5, f64::NAN, 915.59, 1_000.0, f64::NAN, 0.07];
        let (mut bytes, mut ends) = (Vec::new(), Vec::new());
        let codes = shape.write_each(&values, u32::MAX, &mut bytes, &mut ends);
        assert_eq!(codes, [0, u32::MAX, 1, 2, u32::MAX, 3]);
        let mut start = 0;
        let mut texts = Vec::new();
        for &end in &ends {
            texts.push(String::from_utf8(bytes[start..end as usize].to_vec()).unwrap());
            start = end as usize;
        }
        let alone: Vec<String> = [1.5, 915.59, 1_000.0, 0.07]
            .iter()
            .map(|&v| {
                let mut out = Vec::new();
                shape.write(v, &mut out);
                String::from_utf8(out).unwrap()
            })
            .collect();
        assert_eq!(texts, alone);
        assert_eq!(texts, ["1,50", "915,59", "1000,00", "0,07"]);
    }

    /// Every value's text, as `write_each` wrote it.
    fn each(shape: Shape, values: &[f64]) -> Vec<Option<String>> {
        let (mut bytes, mut ends) = (Vec::new(), Vec::new());
        let codes = shape.write_each(values, u32::MAX, &mut bytes, &mut ends);
        codes
            .iter()
            .map(|&c| {
                let c = c as usize;
                let end = *ends.get(c)? as usize;
                let start = if c == 0 { 0 } else { ends[c - 1] as usize };
                Some(String::from_utf8(bytes[start..end].to_vec()).unwrap())
            })
            .collect()
    }

    #[test]
    fn numbered_lines_are_counted_as_written_alone() {
        // Runs of successors across carries (9 → 10, 1099 → 1100, 999 →
        // 1000: one digit more), gaps, missing cells, zero, negatives and
        // the largest counted value, in a whole column and an amounts one.
        let mut values: Vec<f64> = (0..1_205).map(f64::from).collect();
        values.extend([f64::NAN, 1_206.0, 1_207.0, 5.0, 6.0, f64::NAN, 7.0]);
        values.extend([-3.0, -2.0, -1.0, 0.0, 1.0, -0.0, 1.0]);
        values.extend([MAX_COUNTED - 1.0, MAX_COUNTED, 99_999.0, 100_000.0]);
        values.extend([2_400_001.0, 2_400_002.0, 2_400_009.0, 2_400_010.0]);
        for shape in [WHOLE, Shape::of(b"915,59").unwrap()] {
            let alone: Vec<Option<String>> = values
                .iter()
                .map(|&v| {
                    let mut out = Vec::new();
                    shape.write(v, &mut out);
                    (!v.is_nan()).then(|| String::from_utf8(out).unwrap())
                })
                .collect();
            assert_eq!(each(shape, &values), alone);
        }
        assert_eq!(
            each(WHOLE, &[8.0, 9.0, 10.0, 11.0]),
            [
                Some("8".into()),
                Some("9".into()),
                Some("10".into()),
                Some("11".into())
            ]
        );
    }
}
