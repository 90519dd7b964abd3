//! A column's dictionary while a CSV file streams by: raw cell bytes
//! interned once each, so that decoding, trimming and type parsing happen
//! once per distinct value, not once per row. Cells of up to 16 bytes —
//! most of them: dates, amounts, ids, names — are looked up as two words and
//! a length, compared inline, without reading the dictionary's bytes; a cell
//! equal to the one above it skips the lookup. Longer cells (customers'
//! names) are hashed inline and compared 16 bytes at a time.
//!
//! A column of amounts written alike (`915,59`) or of whole numbers
//! (`2400001`), nearly all distinct, is read straight to its values instead,
//! once its first rows showed it ([`Cells`], [`fixed`]).
//!
//! Cadran's ingest inner loop, in a crate of its own: the app's Wasm is
//! built for size, and a crate can be built for speed inside it (its
//! `Cargo.toml`). Everything here is called once per row ([`push_row`]), so
//! the per-cell work is compiled here, not inlined into code built for size.

mod cells;
pub mod fixed;
pub mod wire;

pub use cells::{cell, push_row, Cells, SAMPLE_ROWS};
pub use fixed::{Fixed, Shape};
use hashbrown::{DefaultHashBuilder, HashTable};
use std::hash::BuildHasher;

/// The code of a missing cell.
pub const MISSING_CODE: u32 = u32::MAX;

/// `""`, `NA`, `N/A`, `null`, `-`, `#N/A`, `none`, `nan`, any case, on
/// ASCII-trimmed bytes, before any decoding.
#[inline(always)]
pub fn is_missing_bytes(b: &[u8]) -> bool {
    match b.first() {
        None => true,
        // Every missing token starts with one of these: skip the rest fast.
        Some(b'n' | b'N' | b'-' | b'#') if b.len() <= 4 => {
            const TOKENS: [&[u8]; 7] = [b"-", b"na", b"n/a", b"null", b"#n/a", b"none", b"nan"];
            TOKENS.iter().any(|t| t.eq_ignore_ascii_case(b))
        }
        _ => false,
    }
}

/// Value `code` of a dictionary whose values lie end to end in `bytes`,
/// value `i` ending at `ends[i]`.
fn value<'b>(bytes: &'b [u8], ends: &[u32], code: u32) -> &'b [u8] {
    let i = code as usize;
    let end = ends.get(i).copied().unwrap_or(0) as usize;
    let start = match i.checked_sub(1) {
        Some(before) => ends.get(before).copied().unwrap_or(0) as usize,
        None => 0,
    };
    bytes.get(start..end).unwrap_or_default()
}

/// The hash of the short value in slot `i`, when the table of short values grows.
fn short_hash(slots: &[Slot], seed: u64) -> impl Fn(&u32) -> u64 + '_ {
    move |&i| slots.get(i as usize).map_or(DUMMY, Slot::key).hash(seed)
}

/// The hash of a value over 16 bytes: its first 16 bytes folded, then the
/// next 16 in turn, and its last 16 (overlapping) with its length; for up to
/// 32 bytes (most names), two multiplies of words read straight. Inline,
/// where the reader's hasher went through `Hash` and `Hasher` calls.
#[inline]
fn long_hash(b: &[u8], seed: u64) -> u64 {
    const K: u64 = 0x1319_8a2e_0370_7344;
    let words = |c: Option<&[u8; 16]>| {
        let c = c.copied().unwrap_or_default();
        let (lo, hi) = c.split_at(8);
        let word = |w: &[u8]| w.try_into().map_or(0, u64::from_le_bytes);
        (word(lo), word(hi))
    };
    let (a, b1) = words(b.first_chunk());
    let mut h = folded_multiply(a ^ seed, b1 ^ K);
    if b.len() > 32 {
        h = long_hash_middle(b, h);
    }
    let (c, d) = words(b.last_chunk());
    folded_multiply(c ^ h, d ^ K ^ (b.len() as u64).rotate_right(8))
}

/// [`long_hash`]'s bytes after the first 16 and before the last 16, 16 at a time.
#[inline(never)]
fn long_hash_middle(b: &[u8], mut h: u64) -> u64 {
    const K: u64 = 0x1319_8a2e_0370_7344;
    let middle = b.get(16..b.len().saturating_sub(16)).unwrap_or_default();
    for c in middle.chunks(16) {
        let mut block = [0u8; 16];
        block[..c.len()].copy_from_slice(c);
        let (lo, hi) = block.split_at(8);
        let word = |w: &[u8]| w.try_into().map_or(0, u64::from_le_bytes);
        h = folded_multiply(word(lo) ^ h, word(hi) ^ K ^ c.len() as u64);
    }
    h
}

/// Whether the value of `code` is `cell`, a cell over 16 bytes: for one of
/// up to 32 bytes (most names), its first and last 16 bytes compared inline
/// rather than through `memcmp`.
#[inline]
fn is_long(bytes: &[u8], ends: &[u32], code: u32, cell: &[u8]) -> bool {
    let value = value(bytes, ends, code);
    if value.len() != cell.len() {
        return false;
    }
    if cell.len() > 32 {
        return value == cell;
    }
    value.first_chunk::<16>() == cell.first_chunk::<16>()
        && value.last_chunk::<16>() == cell.last_chunk::<16>()
}

/// Distinct values after which a column's rate of new values is looked at.
const FORESEE_AT: usize = 1 << 14;

#[derive(Default, Debug)]
pub struct Interner {
    pub codes: Vec<u32>,
    bytes: Vec<u8>,
    ends: Vec<u32>,
    /// Codes of the values over 16 bytes, found through their bytes.
    index: HashTable<u32>,
    /// The values of at most 16 bytes, as the place of their [`Slot`] in
    /// `slots`, found by their [`Short`] key.
    short: HashTable<u32>,
    /// Each value of at most 16 bytes: its key and code. The table holds
    /// 4 bytes a value, so a column of a million distinct ids keeps its
    /// table in cache; and values over 16 bytes (names) have no slot.
    slots: Vec<Slot>,
    /// The last short cell pushed and its code: order lines repeat the
    /// order's date, id, customer and rep row after row.
    last: Option<(Short, u32)>,
    /// The keys' hash seed, taken from the reader's hasher (0: not yet).
    seed: u64,
    /// Whether values may repeat: the column looked like one of values
    /// nearly all distinct (amounts, date-times, ids), so its cells are
    /// kept one by one from then on, without a lookup that nearly always
    /// missed (see [`Interner::foresee`]; the reader merges equal values
    /// when the column turns out to be text).
    repeats: bool,
    /// Whether [`Cells`] is to look at this column after its first rows.
    sample: bool,
}

/// A cell of at most 16 bytes as two little-endian words and its length:
/// for a given length, the words (overlapping when the cell is shorter than
/// 16 bytes) hold every byte, so equal keys are equal cells.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
struct Short {
    lo: u64,
    hi: u64,
    len: u32,
}

/// A value of at most 16 bytes: its key and its code, in the 24 bytes the
/// key alone takes (the code fills its padding).
#[derive(Clone, Copy, Debug)]
struct Slot {
    lo: u64,
    hi: u64,
    len: u32,
    code: u32,
}

const _: () = assert!(std::mem::size_of::<Slot>() == 24);

impl Slot {
    #[inline]
    fn key(&self) -> Short {
        Short {
            lo: self.lo,
            hi: self.hi,
            len: self.len,
        }
    }
}

/// A key no value has.
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

impl Interner {
    pub fn with_capacity(rows: usize) -> Self {
        Interner {
            codes: Vec::with_capacity(rows),
            ..Interner::default()
        }
    }

    /// The distinct values, in the order of their codes.
    pub fn values(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.ends.len() as u32).map(|c| self.entry(c))
    }

    /// Distinct values so far.
    pub fn distinct(&self) -> usize {
        self.ends.len()
    }

    /// Each row's code, and the distinct values' bytes end to end with where each ends.
    pub fn into_parts(self) -> (Vec<u32>, Vec<u8>, Vec<u32>) {
        (self.codes, self.bytes, self.ends)
    }

    /// Each row's code, the distinct values' bytes and ends, and whether
    /// values may repeat: what [`Cells::encode`] writes.
    pub fn parts(&self) -> (&[u32], &[u8], &[u32], bool) {
        (&self.codes, &self.bytes, &self.ends, self.repeats)
    }

    /// A dictionary of values and codes alone, without its lookup tables:
    /// to be appended to another ([`Interner::append`]), never pushed into.
    pub fn from_parts(codes: Vec<u32>, bytes: Vec<u8>, ends: Vec<u32>, repeats: bool) -> Self {
        Interner {
            codes,
            bytes,
            ends,
            repeats,
            ..Interner::default()
        }
    }

    /// The dictionary without its lookup tables, its values' room cut to
    /// their size: what a column keeps once its rows are all read, to be
    /// typed or appended to another (never pushed into again). The tables
    /// and the room grown ahead took up to 0.13× the file's size.
    pub fn sealed(self) -> Interner {
        let repeats = self.repeats;
        let (codes, mut bytes, mut ends) = self.into_parts();
        bytes.shrink_to_fit();
        ends.shrink_to_fit();
        Interner::from_parts(codes, bytes, ends, repeats)
    }

    /// Whether two codes may stand for equal values (see `repeats`).
    pub fn repeats(&self) -> bool {
        self.repeats
    }

    fn entry(&self, code: u32) -> &[u8] {
        value(&self.bytes, &self.ends, code)
    }

    #[inline(always)]
    pub fn push(&mut self, cell: &[u8], hasher: &DefaultHashBuilder) {
        let cell = cell.trim_ascii();
        if is_missing_bytes(cell) {
            self.codes.push(MISSING_CODE);
            return;
        }
        let code = if self.repeats {
            self.keep(cell)
        } else {
            self.intern(cell, hasher)
        };
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
        let seed = self.seed(hasher);
        let hash = key.hash(seed);
        let slots = &self.slots;
        let found = self
            .short
            .find(hash, |&i| {
                slots.get(i as usize).is_some_and(|s| s.key() == key)
            })
            .and_then(|&i| slots.get(i as usize));
        let c = match found {
            Some(slot) => slot.code,
            None => self.add_short(cell, key, hash),
        };
        self.last = Some((key, c));
        c
    }

    /// A new value of at most 16 bytes: out of the lookup's way, which
    /// then keeps its registers.
    #[cold]
    #[inline(never)]
    fn add_short(&mut self, cell: &[u8], key: Short, hash: u64) -> u32 {
        let code = self.add(cell);
        let i = self.slots.len() as u32;
        let Short { lo, hi, len } = key;
        self.slots.push(Slot { lo, hi, len, code });
        self.short
            .insert_unique(hash, i, short_hash(&self.slots, self.seed));
        code
    }

    /// The keys' hash seed, taken from the reader's hasher the first time.
    #[inline]
    fn seed(&mut self, hasher: &DefaultHashBuilder) -> u64 {
        if self.seed == 0 {
            self.seed = hasher.hash_one(0x5eed_u64) | 1;
        }
        self.seed
    }

    /// A new value's code.
    fn add(&mut self, cell: &[u8]) -> u32 {
        if self.ends.len() == FORESEE_AT {
            self.foresee();
        }
        self.keep(cell)
    }

    /// A value's code, as a new value.
    #[inline]
    fn keep(&mut self, cell: &[u8]) -> u32 {
        self.bytes.extend_from_slice(cell);
        self.ends.push(self.bytes.len() as u32);
        (self.ends.len() - 1) as u32
    }

    /// Reserves room for the distinct values the column will have, when it
    /// looks like a column of ids: growing a table of half a million values
    /// step by step rehashes it about twenty times (a third of the column's
    /// time).
    ///
    /// When nearly every cell so far was a new value (99 in 100: amounts,
    /// date-times, invoice numbers), the column's cells are kept one by one
    /// from here on (`repeats`): looking each up in a table of hundreds of
    /// thousands of values cost a cache miss or two per cell, for a value
    /// that was nearly always new. (Text is merged at the end, when its
    /// values are not already in ascending order.)
    #[cold]
    fn foresee(&mut self) {
        let (seen, rows) = (self.ends.len(), self.codes.len().max(1));
        let expected_rows = self.codes.capacity();
        if seen * 8 < rows || expected_rows <= rows {
            return;
        }
        let more_rows = expected_rows - rows;
        let missing = self.codes.iter().filter(|&&c| c == MISSING_CODE).count();
        let present = rows.saturating_sub(missing).max(1);
        self.repeats = seen * 100 >= present * 99;
        if self.repeats {
            self.last = None;
            // A value kept for every row to come.
            self.ends.reserve(more_rows);
            self.bytes.reserve(more_rows * (self.bytes.len() / seen));
        } else {
            // Distinct values grow at most like rows; a little over the rate
            // so far. Only the table is made that big (rehashing is what
            // costs): the values themselves grow as they come, for a column
            // whose values stop coming (20 000 customers) would otherwise
            // hold room for ten times as many.
            // (Values over 16 bytes, names mostly, are left to grow too.)
            let more = (more_rows as f64 * seen as f64 / rows as f64 * 1.1) as usize;
            if self.short.len() >= self.index.len() {
                self.short.reserve(more, short_hash(&self.slots, self.seed));
            }
        }
    }

    /// [`Interner::intern`] of a cell over 16 bytes (customers' names).
    fn intern_long(&mut self, cell: &[u8], hasher: &DefaultHashBuilder) -> u32 {
        let seed = self.seed(hasher);
        let hash = long_hash(cell, seed);
        let (bytes, ends) = (&self.bytes, &self.ends);
        match self.index.find(hash, |&c| is_long(bytes, ends, c, cell)) {
            Some(&c) => c,
            None => self.add_long(cell, hash),
        }
    }

    /// A new value over 16 bytes: out of the lookup's way, which then keeps
    /// a small frame.
    #[cold]
    #[inline(never)]
    fn add_long(&mut self, cell: &[u8], hash: u64) -> u32 {
        let seed = self.seed;
        let c = self.add(cell);
        let (bytes, ends) = (&self.bytes, &self.ends);
        self.index
            .insert_unique(hash, c, |&k| long_hash(value(bytes, ends, k), seed));
        c
    }

    /// Appends the rows another interner read from later in the file: its
    /// distinct values are interned here, its codes renumbered.
    pub fn append(&mut self, later: Interner, hasher: &DefaultHashBuilder) {
        // Of the later rows, only values and codes are needed (their lookup
        // tables go now), and only codes once their values are interned.
        let (codes, bytes, ends) = later.into_parts();
        let remap = self.remap(
            (0..ends.len() as u32).map(|c| value(&bytes, &ends, c)),
            hasher,
        );
        drop((bytes, ends));
        self.codes.extend(
            codes
                .iter()
                .map(|&c| remap.get(c as usize).copied().unwrap_or(MISSING_CODE)),
        );
    }

    /// The codes here of another dictionary's `values` (in the order of
    /// their codes there), each interned here; kept one by one when this
    /// column's values may repeat.
    pub(crate) fn remap<'v>(
        &mut self,
        values: impl Iterator<Item = &'v [u8]>,
        hasher: &DefaultHashBuilder,
    ) -> Vec<u32> {
        if self.repeats {
            values.map(|cell| self.keep(cell)).collect()
        } else {
            values.map(|cell| self.intern(cell, hasher)).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column of `rows` cells, with the capacity the reader reserves.
    fn column(rows: usize, cell: impl Fn(usize) -> String) -> Interner {
        let h = DefaultHashBuilder::default();
        let mut b = Interner::with_capacity(rows);
        for i in 0..rows {
            b.push(cell(i).as_bytes(), &h);
        }
        b
    }

    #[test]
    fn unique_numbers_are_kept_one_by_one_and_may_then_repeat() {
        // Amounts all distinct at first, then the first ones again; a few missing.
        let amount = |i: usize| match i {
            _ if i % 1000 == 7 => String::new(),
            _ if i < 20_000 => format!("{i},50"),
            _ => format!("{},50", i - 20_000),
        };
        let b = column(30_000, amount);
        assert!(b.repeats());
        let (codes, bytes, ends) = (&b.codes, &b.bytes, &b.ends);
        for i in [0, 1, 16_383, 16_384, 19_999, 20_000, 25_000, 29_999] {
            let want = amount(i);
            let got = codes[i];
            assert_eq!(value(bytes, ends, got), want.as_bytes(), "row {i}");
        }
        assert_eq!(codes[1007], MISSING_CODE);
        // Row 20 000 repeats row 0's value under a code of its own.
        assert_ne!(codes[20_000], codes[0]);
    }

    #[test]
    fn values_seen_again_early_are_still_interned() {
        // Ids, distinct at first: kept one by one, repeats and all.
        let ids = column(30_000, |i| format!("L{:06}", i % 20_000));
        assert!(ids.repeats());
        assert_eq!(ids.distinct(), 30_000);
        // Half of the values seen before (an order's lines): interned.
        let halves = column(30_000, |i| format!("F{}", i / 2));
        assert!(!halves.repeats());
        assert_eq!(halves.distinct(), 15_000);
        assert_eq!(halves.codes[25_001], halves.codes[25_000]);
    }

    #[test]
    fn missing_cells_take_the_missing_code() {
        let h = DefaultHashBuilder::default();
        let mut b = Interner::default();
        for cell in [&b"a"[..], b" NA ", b"", b"  ", b"n/a", b"Nord", b"a"] {
            b.push(cell, &h);
        }
        assert_eq!(
            b.codes,
            [
                0,
                MISSING_CODE,
                MISSING_CODE,
                MISSING_CODE,
                MISSING_CODE,
                1,
                0
            ]
        );
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

    /// Codes in order of first sight, as a `HashMap` of the whole cells
    /// gives them: the slow twin of the dictionary's hashes and comparisons.
    fn first_sight(cells: &[Vec<u8>]) -> Vec<u32> {
        let mut first: std::collections::HashMap<&[u8], u32> = Default::default();
        cells
            .iter()
            .map(|c| {
                let next = first.len() as u32;
                *first.entry(c).or_insert(next)
            })
            .collect()
    }

    #[test]
    fn long_cells_are_equal_only_when_every_byte_is() {
        // Cells of 17 to 80 bytes alike but for one byte, anywhere (in the
        // first 16 bytes, the last 16, where they overlap, between them),
        // each seen twice, among names sharing their start or their end.
        let mut cells: Vec<Vec<u8>> = Vec::new();
        for len in 17..=80 {
            for at in 0..len {
                let mut c = vec![b'x'; len];
                c[at] = b'y';
                cells.push(c);
            }
        }
        let names: Vec<Vec<u8>> = (0..3_000)
            .map(|i| format!("Groupe Atlantique Services {}", 1_000 + i).into_bytes())
            .chain((0..3_000).map(|i| format!("{i} Groupe Atlantique Services").into_bytes()))
            .collect();
        cells.extend(names);
        let twice: Vec<Vec<u8>> = cells.iter().chain(cells.iter().rev()).cloned().collect();
        let h = DefaultHashBuilder::default();
        let mut b = Interner::with_capacity(twice.len());
        twice.iter().for_each(|c| b.push(c, &h));
        assert!(!b.repeats());
        assert_eq!(b.codes, first_sight(&twice));
        assert_eq!(b.distinct(), cells.len());
        for (c, &code) in twice.iter().zip(&b.codes) {
            assert_eq!(b.entry(code), &c[..]);
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
        let mut b = Interner::with_capacity(cells.len());
        cells.iter().for_each(|c| b.push(c.as_bytes(), &h));
        assert!(b.distinct() > FORESEE_AT);
        let values: Vec<Vec<u8>> = b.values().map(<[u8]>::to_vec).collect();
        let (codes, _, _) = b.into_parts();
        let mut first: std::collections::HashMap<&str, u32> = Default::default();
        for (c, &code) in cells.iter().zip(&codes) {
            let next = first.len() as u32;
            assert_eq!(*first.entry(c).or_insert(next), code, "{c}");
        }
        assert_eq!(values.len(), first.len());
        for (c, &code) in first.iter() {
            assert_eq!(values[code as usize], c.as_bytes());
        }
    }
}
