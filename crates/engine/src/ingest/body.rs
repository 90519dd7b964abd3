//! The rows below the header, streamed into the columns' dictionaries. On a
//! big file natively, the rows are split at a line end into two halves read
//! on two threads, then merged: the second half's distinct values are
//! interned into the first's dictionaries and its codes renumbered (work in
//! distinct values plus one pass over codes, not a second parse). Only files
//! without a quote character are split — only then is a line end surely a
//! row end without reading from the start. In the browser (one thread) and
//! for everything else, one pass — which may have begun while the file was
//! still arriving (see `stream.rs`): a [`Body`] takes rows piece by piece.

use super::lines::{line_ends_before, LineCursor};
use super::{Options, Warnings, PROGRESS_EVERY};
use crate::error::WarningKind;
use cadran_intern::{push_row, Cells};
use csv::{ByteRecord, ReaderBuilder};
use hashbrown::DefaultHashBuilder;

/// What reading the rows found.
pub(super) struct Body {
    pub builders: Vec<Cells>,
    /// Each row's line in the text, to name it in a warning.
    pub lines: Vec<u64>,
    /// The first rows' raw cells (decoded once the encoding is known).
    pub preview: Vec<Vec<Vec<u8>>>,
    pub empty_rows: u64,
    /// The first empty row's line.
    pub first_empty: Option<u64>,
    /// Warnings, with the line of their first row.
    pub warnings: Warnings,
    /// The line the next bytes read start on.
    pub line: u64,
}

/// How to read the rows.
pub(super) struct Setup<'a> {
    pub delimiter: u8,
    /// Columns in the header.
    pub width: usize,
    pub preview_rows: usize,
    pub hasher: &'a DefaultHashBuilder,
    /// Rows between two progress reports.
    pub every: usize,
    /// Whether a big file may be read on two threads (never in Wasm).
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub split: bool,
    /// Whether a column of amounts may be read straight to values.
    pub values: bool,
}

impl<'a> Setup<'a> {
    /// Rows of `width` cells split at `delimiter`, read as `opts` asks.
    pub fn new(
        delimiter: u8,
        width: usize,
        hasher: &'a DefaultHashBuilder,
        opts: &Options,
    ) -> Self {
        Setup {
            delimiter,
            width,
            preview_rows: opts.preview_rows,
            hasher,
            every: PROGRESS_EVERY,
            split: !opts.one_thread,
            values: !opts.dictionary_only,
        }
    }
}

/// Below this, one thread is as fast as two plus the merge.
#[cfg(not(target_arch = "wasm32"))]
const SPLIT_FROM_BYTES: usize = 8 << 20;

/// Reads the rows of `text[start..]`, reporting progress as a share of `text`.
pub(super) fn read(
    text: &[u8],
    start: usize,
    s: &Setup,
    progress: &mut dyn FnMut(f64, usize),
) -> Body {
    let body = text.get(start..).unwrap_or_default();
    let first_line = 1 + line_ends_before(text, start);
    #[cfg(not(target_arch = "wasm32"))]
    if let Some(split) = split_point(body).filter(|_| s.split) {
        let (first, second) = body.split_at(split);
        let (a, b) = std::thread::scope(|scope| {
            let b = scope.spawn(|| {
                // Lines counted from 1, moved after the first half's once both are read.
                let mut b = Body::new(s.width, count_newlines(second) + 1, 1, s.values);
                b.scan(second, (start + split) as u64, s, &mut |_, _| {});
                b
            });
            // Both halves advance together: the first one's share and twice
            // its rows stand for the whole.
            let half = first.len().max(1) as f64;
            let mut a = Body::new(s.width, count_newlines(first) + 1, first_line, s.values);
            a.scan(first, start as u64, s, &mut |at, rows| {
                progress((at as f64 - start as f64) / half, rows * 2)
            });
            (a, b.join())
        });
        if let Ok(b) = b {
            return merge(a, b, s);
        }
    }
    let mut out = Body::new(s.width, count_newlines(body) + 1, first_line, s.values);
    out.read_rest(text, start, s, progress);
    out
}

/// A line end near the middle, when the rows can be split there.
#[cfg(not(target_arch = "wasm32"))]
fn split_point(body: &[u8]) -> Option<usize> {
    if body.len() < SPLIT_FROM_BYTES || memchr::memchr(b'"', body).is_some() {
        return None;
    }
    let mid = body.len() / 2;
    let nl = body.get(mid..)?.iter().position(|&b| b == b'\n')?;
    let split = mid + nl + 1;
    (split < body.len()).then_some(split)
}

impl Body {
    /// No rows yet; room for about `expected_rows` (line ends bound the row
    /// count: reserving once avoids copying growing columns); the rows
    /// start on line `line`; `values`: whether columns of amounts may be
    /// read straight to values.
    pub fn new(width: usize, expected_rows: usize, line: u64, values: bool) -> Body {
        Body {
            builders: (0..width)
                .map(|_| Cells::new(expected_rows, values))
                .collect(),
            lines: Vec::with_capacity(expected_rows),
            preview: Vec::new(),
            empty_rows: 0,
            first_empty: None,
            warnings: Warnings::default(),
            line,
        }
    }

    /// The rows of `text[from..]`, after those read already, reporting progress as a share of `text`.
    pub fn read_rest(
        &mut self,
        text: &[u8],
        from: usize,
        s: &Setup,
        progress: &mut dyn FnMut(f64, usize),
    ) {
        let total = text.len().max(1) as f64;
        let rest = text.get(from..).unwrap_or_default();
        self.scan(rest, from as u64, s, &mut |at, rows| {
            progress(at as f64 / total, rows)
        });
    }

    /// Reads the rows of `bytes` (which start and end at a row's
    /// boundary); `base` is where `bytes` starts in the whole text.
    pub fn scan(
        &mut self,
        bytes: &[u8],
        base: u64,
        s: &Setup,
        progress: &mut dyn FnMut(u64, usize),
    ) {
        if plain(bytes) {
            self.scan_plain(bytes, base, s, progress);
        } else {
            self.scan_csv(bytes, base, s, progress);
        }
    }

    /// [`Body::scan`] through the CSV reader, for any text.
    fn scan_csv(
        &mut self,
        bytes: &[u8],
        base: u64,
        s: &Setup,
        progress: &mut dyn FnMut(u64, usize),
    ) {
        let mut rdr = ReaderBuilder::new()
            .delimiter(s.delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(bytes);
        let mut rec = ByteRecord::new();
        let mut cells: Vec<(usize, usize)> = Vec::with_capacity(s.width + 1);
        let mut lines = LineCursor::new(self.line);
        // Byte records raise no UTF-8 errors and a slice raises no I/O error.
        while let Ok(true) = rdr.read_byte_record(&mut rec) {
            let offset = rec.position().map_or(0, |p| p.byte());
            let line = lines.line_of(bytes, offset as usize);
            cells.clear();
            cells.extend((0..rec.len()).filter_map(|i| rec.range(i).map(|r| (r.start, r.end))));
            self.row(base + offset, line, rec.as_slice(), &cells, s, progress);
        }
        self.line = lines.line_at_end(bytes);
    }

    /// [`Body::scan`] for text without quotes or lone carriage returns:
    /// every line end is a row's end and every delimiter a cell's, so cells
    /// and rows are found in one byte search for either byte over the whole
    /// text instead of the CSV reader's byte-by-byte state machine and copy
    /// (the same rows, tested).
    fn scan_plain(
        &mut self,
        bytes: &[u8],
        base: u64,
        s: &Setup,
        progress: &mut dyn FnMut(u64, usize),
    ) {
        let mut cells: Vec<(usize, usize)> = Vec::with_capacity(s.width + 1);
        let (mut line_at, mut from) = (0, 0);
        let ends = memchr::memchr2_iter(s.delimiter, b'\n', bytes).chain([bytes.len()]);
        for at in ends {
            if bytes.get(at) == Some(&s.delimiter) {
                cells.push((from, at));
                from = at + 1;
                continue;
            }
            // A line end, or the end of the text.
            let end = if at > line_at && bytes.get(at - 1) == Some(&b'\r') {
                at - 1
            } else {
                at
            };
            // The CSV reader skips empty lines.
            if end > line_at {
                cells.push((from, end.max(from)));
                let line = self.line;
                self.row(base + line_at as u64, line, bytes, &cells, s, progress);
            }
            if at < bytes.len() {
                self.line += 1;
            }
            cells.clear();
            (line_at, from) = (at + 1, at + 1);
        }
    }

    /// One row, starting at byte `at` on line `line`: its cells are
    /// `text[a..b]` for each `(a, b)` of `cells`.
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        at: u64,
        line: u64,
        text: &[u8],
        cells: &[(usize, usize)],
        s: &Setup,
        progress: &mut dyn FnMut(u64, usize),
    ) {
        let count = cells.len();
        let cell = |i: usize| cadran_intern::cell(text, cells, i);
        if (0..count).all(|i| cell(i).trim_ascii().is_empty()) {
            self.empty_rows += 1;
            self.first_empty.get_or_insert(line);
            return;
        }
        if count < s.width {
            self.warnings
                .add(WarningKind::ShortRow, None, Some(line), 1);
        } else if (s.width..count).any(|i| !cell(i).trim_ascii().is_empty()) {
            self.warnings.add(WarningKind::LongRow, None, Some(line), 1);
        }
        if self.preview.len() < s.preview_rows {
            self.preview
                .push((0..s.width.min(count)).map(|i| cell(i).to_vec()).collect());
        }
        push_row(&mut self.builders, text, cells, s.hasher);
        self.lines.push(line);
        if self.lines.len().is_multiple_of(s.every) {
            progress(at, self.lines.len());
        }
    }
}

/// Text whose line ends are all row ends and delimiters all cell ends: no
/// quote, and no carriage return but before a line feed.
fn plain(bytes: &[u8]) -> bool {
    memchr::memchr(b'"', bytes).is_none()
        && memchr::memchr_iter(b'\r', bytes).all(|i| bytes.get(i + 1) == Some(&b'\n'))
}

/// Line ends in the text, eight bytes at a time (a byte loop took ~0.1 s on
/// a 130 MB file in the browser, before the first row).
pub(super) fn count_newlines(bytes: &[u8]) -> usize {
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    const NL: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let (words, rest) = bytes.as_chunks::<8>();
    let mut n = 0usize;
    for w in words {
        // Zero bytes of `x` are the line ends; their high bit ends up set, and no other's.
        let x = u64::from_ne_bytes(*w) ^ NL;
        let zero = !(((x & LOW7) + LOW7) | x | LOW7);
        n += zero.count_ones() as usize;
    }
    n + rest.iter().filter(|&&b| b == b'\n').count()
}

/// The second half after the first, as if read in one pass.
#[cfg(not(target_arch = "wasm32"))]
pub(super) fn merge(mut a: Body, mut b: Body, s: &Setup) -> Body {
    // The second half's lookup tables go before the first's dictionaries grow.
    b.builders.iter_mut().for_each(Cells::seal);
    for (into, from) in a.builders.iter_mut().zip(std::mem::take(&mut b.builders)) {
        into.append(from, s.hasher);
    }
    // The second half counted its lines from 1: it starts on the first's last.
    let moved = a.line - 1;
    a.lines.extend(b.lines.iter().map(|l| l + moved));
    merge_rest(&mut a, b, moved, s);
    a
}

/// What a later part found besides its rows' cells and lines (its lines
/// counted from 1, `moved` on here), after the first part's.
pub(super) fn merge_rest(a: &mut Body, b: Body, moved: u64, s: &Setup) {
    let room = s.preview_rows.saturating_sub(a.preview.len());
    a.preview.extend(b.preview.into_iter().take(room));
    a.empty_rows += b.empty_rows;
    a.first_empty = a.first_empty.or(b.first_empty.map(|l| l + moved));
    for ((kind, col), (line, n)) in b.warnings.0 {
        a.warnings.add(kind, col, line.map(|l| l + moved), n);
    }
    a.line = b.line + moved;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::Encoding;
    use crate::ingest::builder::finish;

    #[test]
    fn newlines_counted_word_by_word() {
        let text: Vec<u8> = (0..10_000u32)
            .map(|i| match i % 7 {
                0 => b'\n',
                1 => 0x8a, // \n with the high bit: not a line end
                2 => 0x0b,
                3 => 0xff,
                _ => (i % 251) as u8,
            })
            .collect();
        for start in 0..9 {
            let part = &text[start..];
            let expected = part.iter().filter(|&&b| b == b'\n').count();
            assert_eq!(count_newlines(part), expected, "from {start}");
        }
        assert_eq!(count_newlines(b"\n\n\n\n\n\n\n\n\n"), 9);
        assert_eq!(count_newlines(b""), 0);
    }

    /// Rows with every irregularity, over the split size, without quotes.
    fn text() -> Vec<u8> {
        let mut t = Vec::new();
        let mut i = 0u64;
        while t.len() < SPLIT_FROM_BYTES + 4096 {
            let line = match i % 997 {
                13 => ";;;\n".to_string(),
                101 => format!("{i};short\n"),
                499 => format!("{i};x;y;z;extra\n"),
                _ => format!("{i};client {};{},{};NA\n", i % 1234, i % 97, i % 10),
            };
            t.extend_from_slice(line.as_bytes());
            i += 1;
        }
        t
    }

    /// Columns (codes and values), lines, preview, empty rows and the
    /// first, warnings: all that one read gives.
    type Read = (
        Vec<(Vec<u32>, Vec<String>)>,
        Vec<u64>,
        Vec<Vec<Vec<u8>>>,
        (u64, Option<u64>),
        Vec<(WarningKind, Option<u64>, u64)>,
    );

    fn finished(b: Body) -> Read {
        let h = DefaultHashBuilder::default();
        let cols = b
            .builders
            .into_iter()
            .map(|c| {
                let (codes, pool) = finish(c.into_interner(&h), Encoding::Utf8);
                (codes, pool.iter().map(str::to_string).collect())
            })
            .collect();
        let warnings = b
            .warnings
            .0
            .into_iter()
            .map(|((k, _), (o, n))| (k, o, n))
            .collect();
        (
            cols,
            b.lines,
            b.preview,
            (b.empty_rows, b.first_empty),
            warnings,
        )
    }

    #[test]
    fn two_halves_on_two_threads_read_like_one_pass() {
        let bytes = text();
        let hasher = DefaultHashBuilder::default();
        let s = Setup {
            delimiter: b';',
            width: 4,
            preview_rows: 5,
            hasher: &hasher,
            every: 1 << 16,
            split: true,
            values: true,
        };
        let header = 0;
        assert!(split_point(&bytes).is_some(), "the test file must be split");
        let mut reports = 0;
        let split = read(&bytes, header, &s, &mut |_, _| reports += 1);
        let mut one = Body::new(4, 0, 1, true);
        one.scan(&bytes, header as u64, &s, &mut |_, _| {});
        assert!(reports > 0);
        assert_eq!(finished(split), finished(one));
    }

    /// What a body holds, as text to compare.
    fn as_lines(b: Body) -> String {
        let warnings: Vec<_> = b.warnings.0.iter().map(|(k, &(l, n))| (*k, l, n)).collect();
        let (first_empty, lines) = (b.first_empty, b.lines.clone());
        let h = DefaultHashBuilder::default();
        let (preview, empty, end) = (b.preview.clone(), b.empty_rows, b.line);
        let cols: Vec<_> = b
            .builders
            .into_iter()
            .map(|c| {
                let (codes, pool) = finish(c.into_interner(&h), Encoding::Utf8);
                (codes, pool.iter().map(str::to_string).collect::<Vec<_>>())
            })
            .collect();
        format!("{cols:?}\n{lines:?} {end}\n{preview:?}\n{empty} {first_empty:?}\n{warnings:?}")
    }

    #[test]
    fn plain_text_is_read_like_the_csv_reader_reads_it() {
        let cases: [&[u8]; 6] = [
            b"a;b;c\n\n1;2;3\r\n;;\n  ;  \nx;y\n1;2;3;4\n1;2;3;\n\n\nlast;row;no end",
            b"\r\n\r\na;b;c\r\n\r\nd;e;f\r\n",
            b"a;;\n\n\n;b;\n \n",
            b"",
            b"\n",
            b";\n;;;;\nNA;-;\n",
        ];
        let hasher = DefaultHashBuilder::default();
        let s = Setup {
            delimiter: b';',
            width: 3,
            preview_rows: 4,
            hasher: &hasher,
            every: 2,
            split: false,
            values: true,
        };
        for (i, text) in cases.into_iter().enumerate() {
            assert!(plain(text));
            let (mut a, mut b) = (Body::new(3, 0, 1, true), Body::new(3, 0, 1, true));
            let (mut pa, mut pb) = (Vec::new(), Vec::new());
            a.scan_csv(text, 0, &s, &mut |_, n| pa.push(n));
            b.scan_plain(text, 0, &s, &mut |_, n| pb.push(n));
            assert_eq!(pa, pb, "progress of {:?}", String::from_utf8_lossy(text));
            if i == 0 {
                // Rows on lines 1, 3, 6, 7, 8 and 11; lines 4 and 5 are empty rows.
                assert_eq!(
                    (&b.lines[..], b.first_empty, b.line),
                    (&[1, 3, 6, 7, 8, 11][..], Some(4), 11)
                );
            }
            assert_eq!(
                as_lines(a),
                as_lines(b),
                "{:?}",
                String::from_utf8_lossy(text)
            );
        }
        assert!(!plain(b"a;\"b\"\n"));
        assert!(!plain(b"a;b\rc;d\n"));
    }

    #[test]
    fn files_with_quotes_or_small_ones_are_not_split() {
        let mut bytes = text();
        assert!(split_point(&bytes[..1000]).is_none());
        bytes[10] = b'"';
        assert!(split_point(&bytes).is_none());
    }
}
