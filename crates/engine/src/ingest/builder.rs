//! A column's dictionary while the file streams by: raw cell bytes interned
//! once each (`cadran-intern`), then decoded (UTF-8 or Windows-1252) and
//! trimmed of Unicode spaces once per distinct value, not once per row.

use crate::decode::{cell_text, Encoding};
use crate::parse::is_missing;
use crate::table::{ColumnData, StringPool, MISSING_CODE};
use cadran_intern::Interner;
use hashbrown::HashMap;
use std::borrow::Cow;

/// Decodes the distinct values into text, trims Unicode spaces (`\u{a0}`),
/// and merges values that become equal or missing once decoded. Distinct
/// bytes stay distinct unless trimming or a replaced invalid byte changed
/// them, so the merge (a hash map over the values) runs only then.
pub fn finish(column: Interner, encoding: Encoding) -> (Vec<u32>, StringPool) {
    let (codes, bytes, ends) = column.into_parts();
    match as_is(bytes, &ends, encoding) {
        Ok(text) => (codes, StringPool::from_parts(text, ends)),
        Err(bytes) => decode_each(codes, &bytes, &ends, encoding),
    }
}

/// The values' bytes as their text, when no value changes once decoded:
/// UTF-8 text (or ASCII bytes, whatever the encoding) whose values all
/// begin and end with an ASCII byte other than a vertical tab. ASCII spaces
/// went at interning and Unicode ones are several bytes long, so nothing
/// is left to trim; missing tokens are ASCII and went at interning too.
/// Half a million distinct order ids then take one validation, not half a
/// million decodings.
fn as_is(bytes: Vec<u8>, ends: &[u32], encoding: Encoding) -> Result<String, Vec<u8>> {
    let plain_edge = |b: Option<&u8>| b.is_some_and(|&b| b.is_ascii() && b != 0x0B);
    let mut start = 0usize;
    let edges = ends.iter().all(|&end| {
        let value = bytes.get(start..end as usize).unwrap_or_default();
        start = end as usize;
        plain_edge(value.first()) && plain_edge(value.last())
    });
    let as_text = match encoding {
        Encoding::Windows1252 => bytes.is_ascii(),
        Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be => true,
    };
    if !(edges && as_text) {
        return Err(bytes);
    }
    String::from_utf8(bytes).map_err(|e| e.into_bytes())
}

/// [`finish`] value by value.
fn decode_each(
    codes: Vec<u32>,
    bytes: &[u8],
    ends: &[u32],
    encoding: Encoding,
) -> (Vec<u32>, StringPool) {
    let mut pool = StringPool::default();
    let mut missing = vec![false; ends.len()];
    let mut changed = false;
    let mut start = 0usize;
    for (i, &end) in ends.iter().enumerate() {
        let raw = bytes.get(start..end as usize).unwrap_or_default();
        start = end as usize;
        let text = cell_text(encoding, raw);
        let lossy = matches!(
            encoding,
            Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be
        ) && matches!(text, Cow::Owned(_));
        let trimmed = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{202f}');
        changed |= lossy || trimmed.len() != text.len();
        if is_missing(trimmed) {
            missing[i] = true;
            changed = true;
        }
        pool.push(trimmed);
    }
    if !changed {
        return (codes, pool);
    }
    // Rare: some values changed once decoded; merge the ones now equal.
    merge_equal(codes, &pool, &missing)
}

/// A text column whose values may repeat ([`Interner::repeats`]) with each
/// value once; any other column as it is.
pub fn distinct_text(data: ColumnData) -> ColumnData {
    match data {
        // Ids written in order (invoice or order numbers) are distinct
        // without a table: each one above the one before.
        ColumnData::Text { codes, pool } if ascending(&pool) => ColumnData::Text { codes, pool },
        ColumnData::Text { codes, pool } => {
            let (codes, pool) = merge_equal(codes, &pool, &[]);
            ColumnData::Text { codes, pool }
        }
        other => other,
    }
}

/// Whether each value of `pool` comes after the one before (so no two are equal).
fn ascending(pool: &StringPool) -> bool {
    let mut values = pool.iter();
    let Some(mut last) = values.next() else {
        return true;
    };
    values.all(|v| {
        let after = v > last;
        last = v;
        after
    })
}

/// The values of `pool` once each, in order of first appearance, and the
/// codes renumbered; values marked in `missing` become missing.
fn merge_equal(mut codes: Vec<u32>, pool: &StringPool, missing: &[bool]) -> (Vec<u32>, StringPool) {
    let mut merged = StringPool::default();
    let mut remap = vec![MISSING_CODE; pool.len()];
    {
        let mut first: HashMap<&str, u32> = HashMap::with_capacity(pool.len());
        for (i, text) in pool.iter().enumerate() {
            if missing.get(i).copied().unwrap_or(false) {
                continue;
            }
            let next = merged.len() as u32;
            let code = *first.entry(text).or_insert(next);
            if code == next {
                merged.push(text);
            }
            remap[i] = code;
        }
    }
    for c in codes.iter_mut().filter(|c| **c != MISSING_CODE) {
        *c = remap.get(*c as usize).copied().unwrap_or(MISSING_CODE);
    }
    (codes, merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hashbrown::DefaultHashBuilder;

    #[test]
    fn interns_decodes_and_merges() {
        let h = DefaultHashBuilder::default();
        let mut b = Interner::default();
        for cell in [
            &b" Soci\xE9t\xE9 "[..],
            b"NA",
            b"Soci\xE9t\xE9",
            b"\xA0x",
            b"x",
            b"",
        ] {
            b.push(cell, &h);
        }
        let (codes, pool) = finish(b, Encoding::Windows1252);
        assert_eq!(pool.iter().collect::<Vec<_>>(), ["Société", "x"]);
        assert_eq!(codes, [0, MISSING_CODE, 0, 1, 1, MISSING_CODE]);
    }

    #[test]
    fn appending_a_later_half_equals_one_pass() {
        let h = DefaultHashBuilder::default();
        let cells: [&[u8]; 7] = [b"b", b"a", b"", b"c", b"a", b"NA", b"d"];
        let mut whole = Interner::default();
        cells.iter().for_each(|c| whole.push(c, &h));
        let (mut first, mut second) = (Interner::default(), Interner::default());
        cells[..3].iter().for_each(|c| first.push(c, &h));
        cells[3..].iter().for_each(|c| second.push(c, &h));
        first.append(second, &h);
        let (a, pa) = finish(whole, Encoding::Utf8);
        let (b, pb) = finish(first, Encoding::Utf8);
        assert_eq!(a, b);
        assert_eq!(pa.iter().collect::<Vec<_>>(), pb.iter().collect::<Vec<_>>());
    }

    #[test]
    fn missing_tokens_on_bytes_are_those_of_text() {
        for cell in [
            "", "-", "NA", "na", "N/A", "null", "NULL", "#N/A", "none", "NaN", "n", "--", "n/a/",
            "nul", "#", "0", "x", "nanx", "Nord",
        ] {
            assert_eq!(
                cadran_intern::is_missing_bytes(cell.as_bytes()),
                is_missing(cell),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn values_taken_as_they_are_read_as_when_decoded_one_by_one() {
        let h = DefaultHashBuilder::default();
        let columns: [&[&[u8]]; 7] = [
            &[b"F10001", b"F10002", b"Nord", b"F10001"],
            &[
                "Société Générale".as_bytes(),
                "Île-de-France".as_bytes(),
                b"x",
            ],
            &[b"a", "\u{a0}a".as_bytes(), "b\u{202f}".as_bytes()],
            &[b"a", b"\x0Ba", b"b"],
            &[b"ok", b"caf\xE9", b"caf\xE9 "],
            &[b"ok", "é".as_bytes()],
            &[b"NA", b"n/a", b"1"],
        ];
        for cells in columns {
            for encoding in [Encoding::Utf8, Encoding::Windows1252] {
                let mut b = Interner::default();
                cells.iter().for_each(|c| b.push(c, &h));
                let (codes, bytes, ends) = b.into_parts();
                let one_by_one = decode_each(codes.clone(), &bytes, &ends, encoding);
                let mut again = Interner::default();
                cells.iter().for_each(|c| again.push(c, &h));
                let (c, p) = finish(again, encoding);
                let values = |p: &StringPool| p.iter().map(str::to_string).collect::<Vec<_>>();
                assert_eq!(
                    (&c, values(&p)),
                    (&one_by_one.0, values(&one_by_one.1)),
                    "{cells:?} {encoding:?}"
                );
            }
        }
        // The fast path is taken where it can be, and only there.
        let ids: [&[u8]; 2] = [b"F1", "Société Générale".as_bytes()];
        let mut b = Interner::default();
        ids.iter().for_each(|c| b.push(c, &h));
        let (_, bytes, ends) = b.into_parts();
        assert!(as_is(bytes.clone(), &ends, Encoding::Utf8).is_ok());
        assert!(as_is(bytes, &ends, Encoding::Windows1252).is_err());
    }

    #[test]
    fn identity_when_nothing_merges() {
        let h = DefaultHashBuilder::default();
        let mut b = Interner::default();
        for cell in [&b"a"[..], b"b", b"a"] {
            b.push(cell, &h);
        }
        let (codes, pool) = finish(b, Encoding::Utf8);
        assert_eq!((codes, pool.len()), (vec![0, 1, 0], 2));
    }
}
