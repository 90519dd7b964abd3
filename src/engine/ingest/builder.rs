//! A column's dictionary while the file streams by: raw cell bytes interned
//! once each, so that decoding (UTF-8 or Windows-1252), Unicode trimming and
//! type parsing happen once per distinct value, not once per row. Cells of
//! up to 16 bytes — most of them: dates, amounts, ids, names — are looked
//! up as two words and a length, compared inline, without reading the
//! dictionary's bytes; a cell equal to the one above it skips the lookup.

use crate::engine::decode::Encoding;
use crate::engine::parse::is_missing;
use crate::engine::table::{StringPool, MISSING_CODE};
use hashbrown::{DefaultHashBuilder, HashMap, HashTable};
use std::borrow::Cow;
use std::hash::BuildHasher;

/// Distinct values after which a column's rate of new values is looked at.
const FORESEE_AT: usize = 1 << 14;

#[derive(Default)]
pub struct ColumnBuilder {
    pub codes: Vec<u32>,
    bytes: Vec<u8>,
    ends: Vec<u32>,
    /// Codes of the values over 16 bytes, found through their bytes.
    index: HashTable<u32>,
    /// Codes of the values of at most 16 bytes, by their [`Short`] key.
    short: HashTable<u32>,
    /// Each code's key (a dummy for values over 16 bytes): the table holds
    /// codes only, 4 bytes a slot, so a column of a million distinct ids
    /// keeps its table in cache.
    keys: Vec<Short>,
    /// The last short cell pushed and its code: order lines repeat the
    /// order's date, id, customer and rep row after row.
    last: Option<(Short, u32)>,
    /// The short keys' hash seed, taken from the reader's hasher (0: not yet).
    seed: u64,
}

/// A cell of at most 16 bytes as two little-endian words and its length:
/// for a given length, the words (overlapping when the cell is shorter than
/// 16 bytes) hold every byte, so equal keys are equal cells.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Short {
    lo: u64,
    hi: u64,
    len: u32,
}

/// The key of a value over 16 bytes, never looked up.
const DUMMY: Short = Short {
    lo: 0,
    hi: 0,
    len: u32::MAX,
};

impl Short {
    #[inline]
    fn of(b: &[u8]) -> Option<Short> {
        let len = b.len();
        let word = |c: &[u8; 8]| u64::from_le_bytes(*c);
        let half = |c: &[u8; 4]| u64::from(u32::from_le_bytes(*c));
        let (lo, hi) = match len {
            17.. => return None,
            8.. => (word(b.first_chunk()?), word(b.last_chunk()?)),
            4.. => (half(b.first_chunk()?) | half(b.last_chunk()?) << 32, 0),
            1.. => {
                let at = |i: usize| u64::from(b.get(i).copied().unwrap_or(0));
                (at(0) | at(len / 2) << 8 | at(len - 1) << 16, 0)
            }
            0 => (0, 0),
        };
        Some(Short {
            lo,
            hi,
            len: len as u32,
        })
    }

    /// One folded multiply of the two words, seeded (foldhash's mixing, inline).
    #[inline]
    fn hash(&self, seed: u64) -> u64 {
        const K: u64 = 0x243f_6a88_85a3_08d3;
        folded_multiply(
            self.lo ^ seed,
            self.hi ^ K ^ u64::from(self.len).rotate_right(8),
        )
    }
}

/// The high and low halves of the product, xored: every input bit reaches
/// the low bits hashbrown indexes with (on 32-bit targets, foldhash's
/// version with two 32 × 32 products).
#[inline(always)]
fn folded_multiply(x: u64, y: u64) -> u64 {
    #[cfg(target_pointer_width = "64")]
    {
        let full = u128::from(x) * u128::from(y);
        (full as u64) ^ ((full >> 64) as u64)
    }
    #[cfg(not(target_pointer_width = "64"))]
    {
        let (lx, ly, hx, hy) = (x as u32, y as u32, (x >> 32) as u32, (y >> 32) as u32);
        let a = u64::from(lx) * u64::from(hy);
        let b = u64::from(hx) * u64::from(ly);
        a ^ b.rotate_right(32)
    }
}

/// `""`, `NA`, `N/A`, `null`, `-`, `#N/A`… checked on bytes, before any decoding.
#[inline]
fn is_missing_bytes(b: &[u8]) -> bool {
    match b.first() {
        None => true,
        // Every missing token starts with one of these: skip the rest fast.
        Some(b'n' | b'N' | b'-' | b'#') if b.len() <= 4 => {
            std::str::from_utf8(b).is_ok_and(is_missing)
        }
        _ => false,
    }
}

impl ColumnBuilder {
    pub fn with_capacity(rows: usize) -> Self {
        ColumnBuilder {
            codes: Vec::with_capacity(rows),
            ..ColumnBuilder::default()
        }
    }

    fn entry(&self, code: u32) -> &[u8] {
        let i = code as usize;
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.bytes.get(start..end).unwrap_or_default()
    }

    #[inline]
    pub fn push(&mut self, cell: &[u8], hasher: &DefaultHashBuilder) {
        let cell = cell.trim_ascii();
        if is_missing_bytes(cell) {
            self.codes.push(MISSING_CODE);
            return;
        }
        let code = self.intern(cell, hasher);
        self.codes.push(code);
    }

    /// The code of a (trimmed, present) value, added to the dictionary if new.
    #[inline]
    fn intern(&mut self, cell: &[u8], hasher: &DefaultHashBuilder) -> u32 {
        match Short::of(cell) {
            Some(key) => self.intern_short(cell, key, hasher),
            None => self.intern_long(cell, hasher),
        }
    }

    #[inline]
    fn intern_short(&mut self, cell: &[u8], key: Short, hasher: &DefaultHashBuilder) -> u32 {
        if let Some((last, c)) = self.last {
            if last == key {
                return c;
            }
        }
        if self.seed == 0 {
            self.seed = hasher.hash_one(0x5eed_u64) | 1;
        }
        let seed = self.seed;
        let hash = key.hash(seed);
        let keys = &self.keys;
        let found = self
            .short
            .find(hash, |&c| keys.get(c as usize) == Some(&key))
            .copied();
        let c = match found {
            Some(c) => c,
            None => {
                let c = self.add(cell);
                self.keys.push(key);
                let keys = &self.keys;
                self.short.insert_unique(hash, c, |&c| {
                    keys.get(c as usize).copied().unwrap_or(DUMMY).hash(seed)
                });
                c
            }
        };
        self.last = Some((key, c));
        c
    }

    /// A new value's code.
    fn add(&mut self, cell: &[u8]) -> u32 {
        if self.ends.len() == FORESEE_AT {
            self.foresee();
        }
        self.bytes.extend_from_slice(cell);
        self.ends.push(self.bytes.len() as u32);
        (self.ends.len() - 1) as u32
    }

    /// Reserves room for the distinct values the column will have, when it
    /// looks like a column of ids: growing a table of half a million values
    /// step by step rehashes it about twenty times (a third of the column's
    /// time).
    #[cold]
    fn foresee(&mut self) {
        let (seen, rows) = (self.ends.len(), self.codes.len().max(1));
        let expected_rows = self.codes.capacity();
        if seen * 8 < rows || expected_rows <= rows {
            return;
        }
        // Distinct values grow at most like rows; a little over the rate so far.
        let more = ((expected_rows - rows) as f64 * seen as f64 / rows as f64 * 1.1) as usize;
        let (keys, seed) = (&self.keys, self.seed);
        self.short.reserve(more, |&c| {
            keys.get(c as usize).copied().unwrap_or(DUMMY).hash(seed)
        });
        self.keys.reserve(more);
        self.ends.reserve(more);
        self.bytes.reserve(more * (self.bytes.len() / seen));
    }

    fn intern_long(&mut self, cell: &[u8], hasher: &DefaultHashBuilder) -> u32 {
        let hash = hasher.hash_one(cell);
        if let Some(&c) = self.index.find(hash, |&c| self.entry(c) == cell) {
            return c;
        }
        let c = self.add(cell);
        self.keys.push(DUMMY);
        let (bytes, ends) = (&self.bytes, &self.ends);
        self.index.insert_unique(hash, c, |&k| {
            let i = k as usize;
            let start = if i == 0 { 0 } else { ends[i - 1] as usize };
            hasher.hash_one(&bytes[start..ends[i] as usize])
        });
        c
    }

    /// Appends the rows another builder read from later in the file: its
    /// distinct values are interned here, its codes renumbered.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub fn append(&mut self, later: ColumnBuilder, hasher: &DefaultHashBuilder) {
        let mut start = 0usize;
        let remap: Vec<u32> = later
            .ends
            .iter()
            .map(|&end| {
                let cell = later.bytes.get(start..end as usize).unwrap_or_default();
                start = end as usize;
                self.intern(cell, hasher)
            })
            .collect();
        self.codes.extend(
            later
                .codes
                .iter()
                .map(|&c| remap.get(c as usize).copied().unwrap_or(MISSING_CODE)),
        );
    }

    /// Decodes the distinct values into text, trims Unicode spaces (`\u{a0}`),
    /// and merges values that become equal or missing once decoded. Distinct
    /// bytes stay distinct unless trimming or a replaced invalid byte changed
    /// them, so the merge (a hash map over the values) runs only then.
    pub fn finish(self, encoding: Encoding) -> (Vec<u32>, StringPool) {
        let ColumnBuilder {
            mut codes,
            bytes,
            ends,
            ..
        } = self;
        let mut pool = StringPool::default();
        let mut missing = vec![false; ends.len()];
        let mut changed = false;
        let mut start = 0usize;
        for (i, &end) in ends.iter().enumerate() {
            let raw = bytes.get(start..end as usize).unwrap_or_default();
            start = end as usize;
            let text: Cow<str> = match encoding {
                Encoding::Windows1252 => crate::engine::charsets::windows_1252(raw),
                _ => String::from_utf8_lossy(raw),
            };
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
        let mut merged = StringPool::default();
        let mut remap = vec![MISSING_CODE; pool.len()];
        {
            let mut first: HashMap<&str, u32> = HashMap::with_capacity(pool.len());
            for (i, text) in pool.iter().enumerate() {
                if missing[i] {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_decodes_and_merges() {
        let h = DefaultHashBuilder::default();
        let mut b = ColumnBuilder::default();
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
        let (codes, pool) = b.finish(Encoding::Windows1252);
        assert_eq!(pool.iter().collect::<Vec<_>>(), ["Société", "x"]);
        assert_eq!(codes, [0, MISSING_CODE, 0, 1, 1, MISSING_CODE]);
    }

    #[test]
    fn appending_a_later_half_equals_one_pass() {
        let h = DefaultHashBuilder::default();
        let cells: [&[u8]; 7] = [b"b", b"a", b"", b"c", b"a", b"NA", b"d"];
        let mut whole = ColumnBuilder::default();
        cells.iter().for_each(|c| whole.push(c, &h));
        let (mut first, mut second) = (ColumnBuilder::default(), ColumnBuilder::default());
        cells[..3].iter().for_each(|c| first.push(c, &h));
        cells[3..].iter().for_each(|c| second.push(c, &h));
        first.append(second, &h);
        let (a, pa) = whole.finish(Encoding::Utf8);
        let (b, pb) = first.finish(Encoding::Utf8);
        assert_eq!(a, b);
        assert_eq!(pa.iter().collect::<Vec<_>>(), pb.iter().collect::<Vec<_>>());
    }

    #[test]
    fn short_keys_are_equal_only_for_equal_cells() {
        // Every string of 0 to 17 bytes over a two-letter alphabet up to 10
        // bytes, then strings differing in one byte: no two keys may match.
        let mut cells: Vec<Vec<u8>> = Vec::new();
        for len in 0..=10 {
            for bits in 0..(1u32 << len) {
                cells.push((0..len).map(|i| b'a' + (bits >> i & 1) as u8).collect());
            }
        }
        for len in 11..=17 {
            for at in 0..len {
                let mut c = vec![b'x'; len];
                c[at] = b'y';
                cells.push(c);
            }
        }
        let mut seen = std::collections::HashMap::new();
        for c in &cells {
            match Short::of(c) {
                Some(key) => assert!(seen.insert(key, c.clone()).is_none(), "{c:?}"),
                None => assert!(c.len() > 16),
            }
        }
    }

    #[test]
    fn a_column_of_ids_reads_like_a_column_of_few_values() {
        // Past the point where the builder reserves room for ids, with
        // repeats near and far, short and long: codes in order of first sight.
        let h = DefaultHashBuilder::default();
        let cells: Vec<String> = (0..60_000u32)
            .map(|i| match i % 5 {
                0 => format!("order {}", i / 3),
                1 => format!("a much longer identifier {}", i % 7_000),
                2 => format!("F{}", i / 2),
                3 => "same".to_string(),
                _ => format!("{}", i % 40_000),
            })
            .collect();
        let mut b = ColumnBuilder::with_capacity(cells.len());
        cells.iter().for_each(|c| b.push(c.as_bytes(), &h));
        let (codes, pool) = b.finish(Encoding::Utf8);
        let mut first: std::collections::HashMap<&str, u32> = Default::default();
        for (c, &code) in cells.iter().zip(&codes) {
            let next = first.len() as u32;
            assert_eq!(*first.entry(c).or_insert(next), code, "{c}");
        }
        assert_eq!(pool.len(), first.len());
        assert!(pool.len() > FORESEE_AT);
    }

    #[test]
    fn identity_when_nothing_merges() {
        let h = DefaultHashBuilder::default();
        let mut b = ColumnBuilder::default();
        for cell in [&b"a"[..], b"b", b"a"] {
            b.push(cell, &h);
        }
        let (codes, pool) = b.finish(Encoding::Utf8);
        assert_eq!((codes, pool.len()), (vec![0, 1, 0], 2));
    }
}
