//! A column's dictionary while the file streams by: raw cell bytes interned
//! once each, so that decoding (UTF-8 or Windows-1252), Unicode trimming and
//! type parsing happen once per distinct value, not once per row.

use crate::engine::decode::Encoding;
use crate::engine::parse::is_missing;
use crate::engine::table::{StringPool, MISSING_CODE};
use hashbrown::{DefaultHashBuilder, HashMap, HashTable};
use std::borrow::Cow;
use std::hash::BuildHasher;

#[derive(Default)]
pub struct ColumnBuilder {
    pub codes: Vec<u32>,
    bytes: Vec<u8>,
    ends: Vec<u32>,
    index: HashTable<u32>,
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
        let hash = hasher.hash_one(cell);
        if let Some(&c) = self.index.find(hash, |&c| self.entry(c) == cell) {
            return c;
        }
        self.bytes.extend_from_slice(cell);
        self.ends.push(self.bytes.len() as u32);
        let c = (self.ends.len() - 1) as u32;
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
