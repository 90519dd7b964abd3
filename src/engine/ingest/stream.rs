//! A file read while it arrives. The browser hands a file's bytes over in
//! slices; reading the rows of each slice while the next one is on its way
//! makes copying a big file in and reading its rows overlap instead of
//! adding up (a third of the time to a dashboard at a million rows).
//!
//! What the start of the file decides — an ASCII-compatible encoding, the
//! delimiter, the header — is decided again over the whole text at the end
//! ([`read_after`]); the rows read early are kept only if it agrees, so the
//! result is the same as [`super::read`]'s. Rows are read early only up to a
//! line end with no quote character before it: only there is a line end
//! surely a row's end. UTF-16 files, and everything after a quote, are read
//! at the end.
//!
//! A big file's second half may be read by a helper (another worker in the
//! browser): [`Streaming::limit`] stops the early rows at a line end, the
//! helper reads from there with [`Streaming::rows_only`], and its rows come
//! back through [`Streaming::attach`]. They are kept only if this reader's
//! rows reached that line end without a quote — only then was it a row's end.

use super::body::{count_newlines, Body, Setup};
use super::{find_header, read_after, Early, Imported, Options, Warnings, PROGRESS_EVERY};
use crate::engine::decode::{decode, Encoding};
use crate::engine::dialect::{sniff, Dialect};
use crate::engine::error::Result;
use hashbrown::DefaultHashBuilder;

/// Bytes needed before rows are read: the delimiter is sniffed from the
/// first 64 kB, and the header must be whole.
const HEAD_BYTES: usize = 256 * 1024;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file whose bytes come in slices, in order.
pub struct Streaming {
    file: String,
    opts: Options,
    size: usize,
    bytes: Vec<u8>,
    state: State,
    /// Where `bytes` starts in the whole text (a helper's half), for the rows' offsets.
    base: u64,
    /// Early rows stop at this line end (in the text after any BOM).
    limit: Option<usize>,
    /// The rows after `limit`, read by a helper.
    later: Option<Body>,
}

/// What a helper needs to read a file's second half like this reader.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SplitSetup {
    pub delimiter: u8,
    pub width: usize,
    /// Bytes of a UTF-8 BOM before the text (offsets count from after it).
    pub bom: usize,
}

enum State {
    /// Too few bytes yet to find the header.
    Waiting,
    /// Rows are read as whole lines arrive; `open` turns false at a quote.
    Reading {
        early: Early,
        bom: usize,
        open: bool,
    },
    /// Every row is read at the end.
    AtEnd,
}

impl Streaming {
    /// Ready for a file of `size` bytes; `None` when this device cannot
    /// hold that many.
    pub fn new(file: &str, opts: &Options, size: usize) -> Option<Streaming> {
        let mut bytes = Vec::new();
        bytes.try_reserve_exact(size).ok()?;
        Some(Streaming {
            file: file.to_string(),
            opts: opts.clone(),
            size,
            bytes,
            state: State::Waiting,
            base: 0,
            limit: None,
            later: None,
        })
    }

    /// A helper's reader: rows only, from a row's start at `base` in the
    /// text, with the main reader's [`SplitSetup`]; `size` bytes to come.
    pub fn rows_only(setup: SplitSetup, base: u64, size: usize) -> Option<Streaming> {
        let mut s = Streaming::new("", &Options::default(), size)?;
        s.base = base;
        s.state = State::Reading {
            early: Early {
                hasher: DefaultHashBuilder::default(),
                delimiter: setup.delimiter,
                body_start: 0,
                read_to: 0,
                body: Body::new(setup.width, 0),
            },
            bom: 0,
            open: true,
        };
        Some(s)
    }

    /// The helper's rows, once every byte is in, as bytes for [`Streaming::attach`].
    pub fn finish_rows(self) -> Vec<u8> {
        let State::Reading { mut early, .. } = self.state else {
            return Vec::new();
        };
        let hasher = early.hasher;
        let setup = setup_of(&early, &hasher, 0);
        let rest = self.bytes.get(early.read_to..).unwrap_or_default();
        let base = self.base + early.read_to as u64;
        early.body.scan(rest, base, &setup, &mut |_, _| {});
        early.body.to_wire()
    }

    /// How a helper would read this file's rows, while they are read early.
    pub fn split_setup(&self) -> Option<SplitSetup> {
        match &self.state {
            State::Reading {
                early,
                bom,
                open: true,
            } => Some(SplitSetup {
                delimiter: early.delimiter,
                width: early.body.builders.len(),
                bom: *bom,
            }),
            _ => None,
        }
    }

    /// Stops the early rows at `at` (a byte of the file just after a line
    /// end), where a helper takes over; false when they are past it.
    pub fn limit(&mut self, at: usize) -> bool {
        let State::Reading { early, bom, .. } = &self.state else {
            return false;
        };
        let Some(at) = at.checked_sub(*bom).filter(|&at| at >= early.read_to) else {
            return false;
        };
        self.limit = Some(at);
        true
    }

    /// The helper's rows ([`Streaming::finish_rows`]); false if damaged.
    pub fn attach(&mut self, wire: &[u8]) -> bool {
        self.later = Body::from_wire(wire);
        self.later.is_some()
    }

    /// Bytes received so far.
    pub fn received(&self) -> usize {
        self.bytes.len()
    }

    /// Takes the next bytes of the file and reads the whole rows they
    /// complete, telling `progress` the share of the file read and the rows.
    pub fn push(&mut self, slice: &[u8], progress: &mut dyn FnMut(f64, usize)) {
        self.push_with(slice.len(), |b| b.copy_from_slice(slice), progress);
    }

    /// [`Streaming::push`] for `len` bytes that `fill` writes in place (a
    /// copy straight out of the browser's memory).
    pub fn push_with(
        &mut self,
        len: usize,
        fill: impl FnOnce(&mut [u8]),
        progress: &mut dyn FnMut(f64, usize),
    ) {
        let start = self.bytes.len();
        self.bytes.resize(start + len, 0);
        fill(&mut self.bytes[start..]);
        if matches!(self.state, State::Waiting) && self.bytes.len() >= HEAD_BYTES {
            self.state = self.start();
        }
        self.read_lines(progress);
    }

    /// Reads what is left and types the columns, as [`super::read_with_progress`] would.
    pub fn finish(self, progress: &mut dyn FnMut(f64, usize)) -> Result<Imported> {
        let early = match self.state {
            State::Reading { mut early, bom, .. } => {
                // The helper's rows follow only if these reached its first one.
                if let Some(later) = self.later.filter(|_| self.limit == Some(early.read_to)) {
                    let hasher = early.hasher;
                    let setup = setup_of(&early, &hasher, self.opts.preview_rows);
                    early.body.append(later, &setup);
                    early.read_to = self.bytes.len() - bom;
                }
                Some(early)
            }
            _ => None,
        };
        read_after(&self.file, &self.bytes, &self.opts, progress, early)
    }

    /// Finds the header in the bytes so far, when the rows can be read early.
    fn start(&self) -> State {
        let ascii_compatible = decode(&self.bytes)
            .is_ok_and(|d| matches!(d.encoding, Encoding::Utf8 | Encoding::Windows1252));
        if !ascii_compatible {
            return State::AtEnd;
        }
        let bom = if self.bytes.starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        };
        let text = &self.bytes[bom..];
        let Dialect {
            delimiter,
            header_index,
        } = sniff(text, self.opts.delimiter);
        let header = find_header(text, delimiter, header_index, &mut Warnings::default());
        // A header cut by the end of the bytes so far would be read short.
        let Some(header) = header.filter(|h| h.body_start < text.len()) else {
            return State::AtEnd;
        };
        let sample = &text[header.body_start..];
        let per_row = sample.len() / (count_newlines(sample) + 1);
        let expected_rows = self.size / per_row.max(1) + PROGRESS_EVERY;
        State::Reading {
            early: Early {
                hasher: DefaultHashBuilder::default(),
                delimiter,
                body_start: header.body_start,
                read_to: header.body_start,
                body: Body::new(header.raw.len(), expected_rows),
            },
            bom,
            open: true,
        }
    }

    /// Reads the rows up to the last line end received.
    fn read_lines(&mut self, progress: &mut dyn FnMut(f64, usize)) {
        let State::Reading {
            early,
            bom,
            open: open @ true,
        } = &mut self.state
        else {
            return;
        };
        let text = &self.bytes[*bom..];
        let from = early.read_to;
        let end = self.limit.map_or(text.len(), |l| l.min(text.len()));
        let Some(last) = text
            .get(from..end)
            .and_then(|t| t.iter().rposition(|&b| b == b'\n'))
        else {
            return;
        };
        let to = from + last + 1;
        let piece = &text[from..to];
        if piece.contains(&b'"') {
            *open = false;
            return;
        }
        let hasher = early.hasher;
        let setup = setup_of(early, &hasher, self.opts.preview_rows);
        let (size, bom, base) = (self.size.max(1) as f64, *bom, self.base);
        early
            .body
            .scan(piece, base + from as u64, &setup, &mut |at, rows| {
                progress(((at - base) as usize + bom) as f64 / size, rows)
            });
        early.read_to = to;
    }
}

/// How the early rows are read.
fn setup_of<'h>(early: &Early, hasher: &'h DefaultHashBuilder, preview_rows: usize) -> Setup<'h> {
    Setup {
        delimiter: early.delimiter,
        width: early.body.builders.len(),
        preview_rows,
        hasher,
        every: PROGRESS_EVERY,
        split: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::demo;
    use crate::engine::ingest::read;

    /// Table, summary and mapping, which must not depend on how the bytes came.
    fn outcome(r: Result<Imported>) -> String {
        match r {
            Ok(im) => format!("{:?}\n{:?}\n{:?}", im.table, im.summary, im.mapping),
            Err(e) => format!("error: {e}"),
        }
    }

    fn streamed(bytes: &[u8], slice: usize) -> (Result<Imported>, usize) {
        let opts = Options {
            preview_rows: 5,
            ..Options::default()
        };
        let mut s = Streaming::new("f.csv", &opts, bytes.len()).expect("memory");
        let mut reports = 0;
        for piece in bytes.chunks(slice) {
            s.push(piece, &mut |_, _| reports += 1);
        }
        let early = match &s.state {
            State::Reading { early, .. } => early.body.offsets.len(),
            _ => 0,
        };
        (s.finish(&mut |_, _| {}), early)
    }

    /// Checks that slices of 64 kB, ~100 kB and 1 MB give what one read
    /// gives; returns how many rows each read early.
    fn same_as_one_read(bytes: &[u8]) -> [usize; 3] {
        let opts = Options {
            preview_rows: 5,
            ..Options::default()
        };
        let whole = outcome(read("f.csv", bytes, &opts));
        [1 << 16, 100_003, 1 << 20].map(|slice| {
            let (r, early) = streamed(bytes, slice);
            assert_eq!(outcome(r), whole, "slices of {slice} bytes");
            early
        })
    }

    #[test]
    fn french_excel_export_read_while_arriving() {
        let bytes = demo::sales_csv(demo::DEFAULT_SEED, 20_000);
        assert!(bytes.len() > 4 * HEAD_BYTES);
        let early = same_as_one_read(&bytes);
        // All but the rows of the last slice.
        assert!(early.iter().all(|&n| n > 10_000), "{early:?}");
    }

    #[test]
    fn windows_1252_bom_crlf_and_title_lines() {
        // A title line, CRLF line ends, a UTF-8 BOM; then the same rows in
        // Windows-1252 with an accented name only near the end.
        let mut csv = String::from("\u{feff}Ventes 2024\r\n\r\n");
        csv.push_str("Date;Client;Montant\r\n");
        for i in 0..40_000 {
            csv.push_str(&format!(
                "{:02}/03/2024;Client {};{},50\r\n",
                i % 28 + 1,
                i % 300,
                i
            ));
            if i == 25_000 {
                // Warnings name this line: offsets of rows read early must be right.
                csv.push_str("short row\r\n");
            }
        }
        assert!(same_as_one_read(csv.as_bytes()).iter().all(|&n| n > 0));
        let mut latin: Vec<u8> = csv.trim_start_matches('\u{feff}').as_bytes().to_vec();
        latin.extend_from_slice(b"05/03/2024;Soci\xE9t\xE9;12,00\r\n");
        assert!(same_as_one_read(&latin).iter().all(|&n| n > 0));
    }

    #[test]
    fn a_quote_leaves_the_rest_for_the_end() {
        let mut csv = String::from("id,name,amount\n");
        for i in 0..30_000 {
            csv.push_str(&format!("{i},name {i},{i}.5\n"));
        }
        csv.push_str("30000,\"two\nlines, a comma\",1\n");
        for i in 30_001..40_000 {
            csv.push_str(&format!("{i},name {i},{i}.5\n"));
        }
        // Read early up to the slice holding the quote, not beyond.
        let [small, _, whole] = same_as_one_read(csv.as_bytes());
        assert!(small > 10_000 && small < 30_000, "{small}");
        assert_eq!(whole, 0, "the first megabyte holds the quote");
    }

    #[test]
    fn utf16_and_small_files_are_read_at_the_end() {
        let mut csv = String::from("a;b\n");
        for i in 0..30_000 {
            csv.push_str(&format!("{i};{}\n", i * 2));
        }
        let mut utf16 = vec![0xFF, 0xFE];
        for u in csv.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(same_as_one_read(&utf16), [0; 3]);
        assert_eq!(same_as_one_read(b"a;b\n1;2\n"), [0; 3]);
        assert_eq!(same_as_one_read(b""), [0; 3]);
    }

    /// Reads `bytes` as the browser does with a helper: this reader up to a
    /// line end near the middle, a helper from there; returns the result and
    /// whether the helper's rows were used.
    fn with_helper(bytes: &[u8], damage: bool) -> (Result<Imported>, bool) {
        let opts = Options {
            preview_rows: 5,
            ..Options::default()
        };
        let mid = bytes.len() / 2;
        let split = mid + bytes[mid..].iter().position(|&b| b == b'\n').unwrap() + 1;
        let mut main = Streaming::new("f.csv", &opts, bytes.len()).unwrap();
        let mut helper = None;
        for piece in bytes.chunks(1 << 16) {
            main.push(piece, &mut |_, _| {});
            if helper.is_none() {
                if let Some(setup) = main.split_setup() {
                    assert!(main.limit(split));
                    let base = (split - setup.bom) as u64;
                    let mut h = Streaming::rows_only(setup, base, bytes.len() - split).unwrap();
                    for p in bytes[split..].chunks(100_003) {
                        h.push(p, &mut |_, _| {});
                    }
                    helper = Some(h.finish_rows());
                }
            }
        }
        let mut wire = helper.expect("the helper started");
        if damage {
            wire.truncate(wire.len() / 2);
        }
        let attached = main.attach(&wire);
        let used = attached
            && matches!(&main.state, State::Reading { early, .. } if Some(early.read_to) == main.limit);
        (main.finish(&mut |_, _| {}), used)
    }

    fn same_with_helper(bytes: &[u8], helper_used: bool) {
        let opts = Options {
            preview_rows: 5,
            ..Options::default()
        };
        let whole = outcome(read("f.csv", bytes, &opts));
        let (r, used) = with_helper(bytes, false);
        assert_eq!(outcome(r), whole);
        assert_eq!(used, helper_used);
        let (r, used) = with_helper(bytes, true);
        assert_eq!(outcome(r), whole, "damaged helper rows");
        assert!(!used);
    }

    #[test]
    fn a_helper_reads_the_second_half() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend(demo::sales_csv(demo::DEFAULT_SEED, 20_000));
        // A short row in the first half.
        let at = bytes.len() / 4;
        let nl = at + bytes[at..].iter().position(|&b| b == b'\n').unwrap() + 1;
        bytes.splice(nl..nl, b"short;row\n".iter().copied());
        // A long row only in the second half: its warning's line comes from the helper.
        bytes.extend_from_slice(b"01/01/2024;F1;a;b;c;d;e;f;1;2;3;4;g;extra\n");
        same_with_helper(&bytes, true);
    }

    #[test]
    fn a_quote_decides_whose_rows_count() {
        let mut csv = String::from("id,name,amount\n");
        for i in 0..40_000 {
            let name = match i {
                // In the second half: the helper reads it like one read would.
                30_000 => "\"two\nlines\"".to_string(),
                _ => format!("name {i}"),
            };
            csv.push_str(&format!("{i},{name},{i}.5\n"));
        }
        same_with_helper(csv.as_bytes(), true);
        // In the first half: a line end past it may be inside quotes, so the
        // helper's rows are set aside and this reader reads on.
        let early_quote = csv.replacen("name 15000,", "\"name, 15000\",", 1);
        same_with_helper(early_quote.as_bytes(), false);
    }
}
