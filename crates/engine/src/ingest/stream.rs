//! A file read while it arrives. The browser hands a file's bytes over in
//! slices; reading the rows of each slice while the next one is on its way
//! makes copying a big file in and reading its rows overlap instead of
//! adding up (half a second at a million rows, in Chromium).
//!
//! What the start of the file decides — an ASCII-compatible encoding, the
//! delimiter, the header — is decided again over the whole text at the end
//! ([`read_after`]); the rows read early are kept only if it agrees, so the
//! result is the same as [`super::read`]'s. Rows are read early only up to a
//! line end with no quote character before it: only there is a line end
//! surely a row's end. UTF-16 files, and everything after a quote, are read
//! at the end.

use super::body::{count_newlines, Body, Setup};
use super::later::{self, LaterSetup};
use super::lines::line_ends_before;
use super::{
    assemble, decide, find_header, read_after, Early, Imported, Options, Warnings, PROGRESS_EVERY,
};
use crate::decode::{decode, Encoding};
use crate::dialect::{sniff, Dialect};
use crate::error::Error;
use crate::error::Result;
use hashbrown::DefaultHashBuilder;

/// Bytes needed before rows are read: the delimiter is sniffed from the
/// first 64 kB, and the header must be whole.
const HEAD_BYTES: usize = 256 * 1024;

/// Bytes of rows read early after which they are dropped: a big file is
/// not kept whole in memory (touching 130 MB of new memory took ~0.1 s in
/// Chromium, a million rows).
const DROP_AT: usize = 1 << 20;

/// A file whose bytes come in slices, in order.
pub struct Streaming {
    file: String,
    opts: Options,
    size: usize,
    /// The bytes received from `window_at` on: the rows read early are
    /// dropped as they are read (see [`Streaming::finish`]).
    bytes: Vec<u8>,
    window_at: usize,
    /// The first bytes, kept when rows start to be read early: the header
    /// and the sample the delimiter is sniffed from.
    head: Vec<u8>,
    /// Whether the dropped rows' bytes were UTF-8.
    dropped_utf8: bool,
    state: State,
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
            window_at: 0,
            head: Vec::new(),
            dropped_utf8: true,
            state: State::Waiting,
        })
    }

    /// Bytes received so far.
    pub fn received(&self) -> usize {
        self.window_at + self.bytes.len()
    }

    /// Takes the next bytes of the file and reads the whole rows they
    /// complete, telling `progress` the share of the file read and the rows.
    pub fn push(&mut self, slice: &[u8], progress: &mut dyn FnMut(f64, usize)) {
        self.push_with(|bytes| bytes.extend_from_slice(slice), progress);
    }

    /// As [`Streaming::push`], the next bytes appended by `append` to the
    /// file's buffer, which has room for the whole file: in the browser
    /// they are copied straight out of its memory, not into a buffer of
    /// their own first (nor into zeroed room: 130 MB of zeros took 50–70 ms
    /// in Chromium).
    pub fn push_with(
        &mut self,
        append: impl FnOnce(&mut Vec<u8>),
        progress: &mut dyn FnMut(f64, usize),
    ) {
        append(&mut self.bytes);
        if matches!(self.state, State::Waiting) && self.bytes.len() >= HEAD_BYTES {
            self.state = self.start();
            if matches!(self.state, State::Reading { .. }) {
                self.head = self.bytes.clone();
            }
        }
        self.read_lines(progress);
    }

    /// What a reader of a later part of the file needs
    /// ([`super::LaterReader`]), once the rows are read as they arrive.
    /// `None` otherwise (a quote came, UTF-16, no header yet): the rest of
    /// the file then comes here.
    pub fn later_setup(&self) -> Option<LaterSetup> {
        let State::Reading {
            early, open: true, ..
        } = &self.state
        else {
            return None;
        };
        let rows = early.body.lines.len().max(1);
        Some(LaterSetup {
            delimiter: early.delimiter,
            width: early.body.builders.len(),
            preview_rows: self.opts.preview_rows,
            values: !self.opts.dictionary_only,
            row_bytes: (early.read_to - early.body_start) / rows,
        })
    }

    /// Takes the rows of the rest of the file, read apart from the byte
    /// after the last one received ([`super::LaterReader::finish`]'s
    /// bytes). False, and nothing taken, unless every byte received was read
    /// as it came, in rows whose bytes were dropped, and the rows start
    /// where the bytes received end: the caller then pushes the rest of the
    /// file's bytes instead.
    pub fn join(&mut self, later: &[u8]) -> bool {
        let received = self.received();
        let State::Reading {
            early,
            bom,
            open: true,
        } = &mut self.state
        else {
            return false;
        };
        if self.window_at == 0 || early.read_to + *bom != received {
            return false;
        }
        let Some(later) = later::decode(later) else {
            return false;
        };
        let width = early.body.builders.len();
        if later.from != received as u64 || later.width() != width {
            return false;
        }
        let setup = Setup::new(early.delimiter, width, &early.hasher, &self.opts);
        self.dropped_utf8 &= later.utf8;
        later::append(&mut early.body, later, &setup);
        true
    }

    /// Reads what is left and types the columns, as [`super::read_with_progress`] would.
    pub fn finish(self, progress: &mut dyn FnMut(f64, usize)) -> Result<Imported> {
        match self.state {
            State::Reading { early, bom, .. } if self.window_at > 0 => {
                let Streaming {
                    file,
                    opts,
                    bytes,
                    window_at,
                    head,
                    dropped_utf8,
                    ..
                } = self;
                let rest = Rest {
                    head: &head,
                    bytes: &bytes,
                    window_at,
                    bom,
                    dropped_utf8,
                };
                rest.finish(&file, &opts, early, progress)
            }
            State::Reading { early, .. } => {
                read_after(&self.file, &self.bytes, &self.opts, progress, Some(early))
            }
            _ => read_after(&self.file, &self.bytes, &self.opts, progress, None),
        }
    }

    /// Finds the header in the bytes so far, when the rows can be read early.
    fn start(&self) -> State {
        // UTF-8 and Windows-1252 are read from the bytes themselves, after
        // any BOM (`decode` strips it); UTF-16 is transcoded, at the end.
        let bom = match decode(&self.bytes) {
            Ok(d) if matches!(d.encoding, Encoding::Utf8 | Encoding::Windows1252) => {
                self.bytes.len() - d.bytes.len()
            }
            _ => return State::AtEnd,
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
                body: Body::new(
                    header.raw.len(),
                    expected_rows,
                    1 + line_ends_before(text, header.body_start),
                    !self.opts.dictionary_only,
                ),
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
        // Text offset `t` (after the BOM) is at `t + bom - window_at` here.
        let (bom, window_at) = (*bom, self.window_at);
        let from = early.read_to;
        let from_here = from + bom - window_at;
        let Some(last) = self.bytes[from_here..].iter().rposition(|&b| b == b'\n') else {
            return;
        };
        let to = from + last + 1;
        let piece = &self.bytes[from_here..from_here + last + 1];
        if memchr::memchr(b'"', piece).is_some() {
            *open = false;
            return;
        }
        let width = early.body.builders.len();
        let setup = Setup::new(early.delimiter, width, &early.hasher, &self.opts);
        let size = self.size.max(1) as f64;
        early
            .body
            .scan(piece, from as u64, &setup, &mut |at, rows| {
                progress((at as usize + bom) as f64 / size, rows)
            });
        early.read_to = to;
        // The rows read go, once checked as UTF-8 (the header's bytes are
        // checked in the head).
        let read_here = to + bom - window_at;
        if read_here >= DROP_AT {
            let rows_here = (early.body_start + bom)
                .saturating_sub(window_at)
                .min(read_here);
            self.dropped_utf8 &=
                simdutf8::basic::from_utf8(&self.bytes[rows_here..read_here]).is_ok();
            self.bytes.drain(..read_here);
            self.window_at += read_here;
        }
    }
}

/// What is left of a file whose first rows' bytes were dropped once read.
struct Rest<'a> {
    head: &'a [u8],
    /// The bytes from `window_at` to the end.
    bytes: &'a [u8],
    window_at: usize,
    bom: usize,
    dropped_utf8: bool,
}

impl Rest<'_> {
    /// Decides as over the whole text, from what was kept: the delimiter is
    /// sniffed from the first 64 kB and the header lies in the head, both
    /// kept; the text is UTF-8 when it starts with a UTF-8 BOM or when
    /// every part of it is (the head up to the rows, the rows dropped, the
    /// rest); the rest of the rows is read from what is left.
    fn finish(
        &self,
        file: &str,
        opts: &Options,
        early: Early,
        progress: &mut dyn FnMut(f64, usize),
    ) -> Result<Imported> {
        let rows_at = (early.body_start + self.bom).min(self.head.len());
        let utf8 = self.bom > 0
            || (self.dropped_utf8
                && simdutf8::basic::from_utf8(&self.head[..rows_at]).is_ok()
                && simdutf8::basic::from_utf8(self.bytes).is_ok());
        let encoding = if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Windows1252
        };
        let d = decide(&self.head[self.bom..], encoding, opts)?;
        // The same bytes decided the same way when the rows began.
        if !early.agrees(&d) {
            return Err(Error::NoTable);
        }
        let setup = Setup::new(d.delimiter, d.names.len(), &early.hasher, opts);
        let text_len = (self.window_at + self.bytes.len() - self.bom).max(1) as f64;
        let from_here = early.read_to + self.bom - self.window_at;
        let mut body = early.body;
        body.scan(
            self.bytes.get(from_here..).unwrap_or_default(),
            early.read_to as u64,
            &setup,
            &mut |at, rows| progress(at as f64 / text_len, rows),
        );
        assemble(file, encoding, d, body, opts, progress)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::demo;
    use crate::error::WarningKind;
    use crate::ingest::read;

    /// Table, summary and mapping, which must not depend on how the bytes came.
    pub(in crate::ingest) fn outcome(r: Result<Imported>) -> String {
        match r {
            Ok(im) => format!("{:?}\n{:?}\n{:?}", im.table, im.summary, im.mapping),
            Err(e) => format!("error: {e:?}"),
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
            State::Reading { early, .. } => early.body.lines.len(),
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

    /// Rows of a French export, with what needs the dropped bytes:
    /// warnings on early lines and, when `latin` is given, one
    /// Windows-1252 byte early in the file.
    fn export_with_early_trouble(latin: bool) -> Vec<u8> {
        let mut csv: Vec<u8> = b"Ventes\r\n\r\nDate;Client;Montant;Canal\r\n".to_vec();
        for i in 0..120_000 {
            let row = match i {
                20_000 => "12/03/2024;court\r\n".to_string(),
                20_001 => ";;;\r\n".to_string(),
                20_002 => "13/03/2024;Client 1;oops;Web\r\n".to_string(),
                20_003 => "\r\n".to_string(),
                _ => format!(
                    "{:02}/03/2024;Client {};{},50;Web\r\n",
                    i % 28 + 1,
                    i % 300,
                    i
                ),
            };
            csv.extend_from_slice(row.as_bytes());
            if latin && i == 30_000 {
                csv.extend_from_slice(b"14/03/2024;Soci\xE9t\xE9;12,00;Web\r\n");
            }
        }
        csv
    }

    #[test]
    fn rows_dropped_once_read_give_the_same_table() {
        for latin in [false, true] {
            let bytes = export_with_early_trouble(latin);
            assert!(bytes.len() > 4 * DROP_AT);
            same_as_one_read(&bytes);
            // The bytes of the rows read early went.
            let opts = Options::default();
            let mut s = Streaming::new("f.csv", &opts, bytes.len()).expect("memory");
            for piece in bytes.chunks(1 << 20) {
                s.push(piece, &mut |_, _| {});
            }
            assert!(s.window_at > 2 * DROP_AT && s.bytes.len() < 2 * DROP_AT);
            let read = s.finish(&mut |_, _| {}).expect("reads");
            let lines: Vec<_> = read
                .summary
                .warnings
                .iter()
                .map(|w| (w.kind, w.line))
                .collect();
            assert!(
                lines.contains(&(WarningKind::ShortRow, Some(20_004))),
                "{lines:?}"
            );
            assert!(
                lines.contains(&(WarningKind::EmptyRows, Some(20_005))),
                "{lines:?}"
            );
            let encoding = if latin {
                Encoding::Windows1252
            } else {
                Encoding::Utf8
            };
            assert_eq!(read.summary.encoding, encoding);
        }
    }

    #[test]
    fn a_quote_after_rows_were_dropped_leaves_the_rest_for_the_end() {
        let mut csv = String::from("\u{feff}id,name,amount\n");
        for i in 0..200_000 {
            csv.push_str(&format!("{i},name {i},{i}.5\n"));
            if i == 150_000 {
                csv.push_str("x,\"two\nlines, a comma\",1\n");
            }
        }
        assert!(csv.len() > 3 * DROP_AT);
        let [small, _, whole] = same_as_one_read(csv.as_bytes());
        assert!(small > 100_000 && small < 150_010, "{small}");
        assert!(whole > 100_000 && whole < 150_010, "{whole}");
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
}
