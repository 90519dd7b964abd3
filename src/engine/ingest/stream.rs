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
use super::lines::line_ends_before;
use super::{find_header, read_after, Early, Imported, Options, Warnings, PROGRESS_EVERY};
use crate::engine::decode::{decode, Encoding};
use crate::engine::dialect::{sniff, Dialect};
use crate::engine::error::Result;
use hashbrown::DefaultHashBuilder;

/// Bytes needed before rows are read: the delimiter is sniffed from the
/// first 64 kB, and the header must be whole.
const HEAD_BYTES: usize = 256 * 1024;

/// A file whose bytes come in slices, in order.
pub struct Streaming {
    file: String,
    opts: Options,
    size: usize,
    bytes: Vec<u8>,
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
            state: State::Waiting,
        })
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
            State::Reading { early, .. } => Some(early),
            _ => None,
        };
        read_after(&self.file, &self.bytes, &self.opts, progress, early)
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
        let text = &self.bytes[*bom..];
        let from = early.read_to;
        let Some(last) = text[from..].iter().rposition(|&b| b == b'\n') else {
            return;
        };
        let to = from + last + 1;
        let piece = &text[from..to];
        if piece.contains(&b'"') {
            *open = false;
            return;
        }
        let setup = Setup {
            delimiter: early.delimiter,
            width: early.body.builders.len(),
            preview_rows: self.opts.preview_rows,
            hasher: &early.hasher,
            every: PROGRESS_EVERY,
            split: false,
        };
        let (size, bom) = (self.size.max(1) as f64, *bom);
        early
            .body
            .scan(piece, from as u64, &setup, &mut |at, rows| {
                progress((at as usize + bom) as f64 / size, rows)
            });
        early.read_to = to;
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
