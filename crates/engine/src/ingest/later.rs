//! The later part of a big file, read apart. In the browser a file's rows
//! are read on the engine worker's one thread as the file arrives
//! ([`Streaming`]); for a big file a second engine instance (a worker of
//! its own) reads the rows after a line end near the middle at the same
//! time, as the native reader reads two halves on two threads. Its rows
//! come back as bytes ([`LaterReader::finish`]) and are appended after the
//! first part's ([`Streaming::join`]): the same table as one pass.
//!
//! The later part starts at a row's start only when no quote came before
//! it, and is read apart only when it holds none itself: otherwise
//! [`LaterReader::push`] says so and the first part's reader is given the
//! later bytes instead, as for any file. Whether the text is UTF-8 is
//! decided over both parts.
//!
//! ```
//! use cadran_engine::ingest::{LaterReader, Options, Streaming};
//!
//! let mut csv = String::from("Date;Client;Montant\n");
//! for i in 0..200_000 {
//!     csv.push_str(&format!("{:02}/03/2024;Client {};{},50\n", i % 28 + 1, i % 300, i));
//! }
//! let bytes = csv.as_bytes();
//! let split = bytes.len() / 2 + bytes[bytes.len() / 2..].iter().position(|&b| b == b'\n').unwrap() + 1;
//! let opts = Options::default();
//! let mut first = Streaming::new("ventes.csv", &opts, bytes.len()).unwrap();
//! let mut later = None;
//! for piece in bytes[..split].chunks(1 << 20) {
//!     first.push(piece, &mut |_, _| {});
//!     // Once the start of the file is read, the later part can be.
//!     later = later.or_else(|| first.later_setup().map(|s| LaterReader::new(s, split as u64, bytes.len() - split)));
//! }
//! let mut later = later.unwrap();
//! for piece in bytes[split..].chunks(1 << 20) {
//!     assert!(later.push(piece));
//! }
//! assert!(first.join(&later.finish().unwrap()));
//! let read = first.finish(&mut |_, _| {}).unwrap();
//! assert_eq!(read.table.rows, 200_000);
//! ```

use super::body::{merge_rest, Body, Setup};
use super::{Warnings, PROGRESS_EVERY};
use crate::error::WarningKind;
use cadran_intern::wire::{put_len, put_u64s, take, take_len, Written};
use cadran_intern::Cells;
use hashbrown::DefaultHashBuilder;
use serde::{Deserialize, Serialize};

/// What the start of a file decided that a reader of its later part needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaterSetup {
    pub delimiter: u8,
    /// Columns in the header.
    pub width: usize,
    pub preview_rows: usize,
    /// Whether columns of amounts may be read straight to values.
    pub values: bool,
    /// Bytes per row in the rows read so far, to reserve room.
    pub row_bytes: usize,
}

/// The rows of a file's later part, read as its bytes arrive.
pub struct LaterReader {
    setup: LaterSetup,
    /// Where the part starts in the file, in bytes.
    from: u64,
    hasher: DefaultHashBuilder,
    body: Body,
    /// Bytes received and not yet read: the end of a row cut by a slice.
    pending: Vec<u8>,
    utf8: bool,
    quoted: bool,
}

impl LaterReader {
    /// Ready for the `size` bytes from byte `from` on (a row's start) of the
    /// file `setup` describes.
    pub fn new(setup: LaterSetup, from: u64, size: usize) -> LaterReader {
        let rows = size / setup.row_bytes.max(1) + PROGRESS_EVERY;
        let body = Body::new(setup.width, rows + rows / 16, 1, setup.values);
        LaterReader {
            setup,
            from,
            hasher: DefaultHashBuilder::default(),
            body,
            pending: Vec::new(),
            utf8: true,
            quoted: false,
        }
    }

    /// Takes the next bytes and reads the whole rows they complete; false
    /// once the part holds a quote (a row may then span lines: the part
    /// cannot be read apart, and the rest of its bytes need not come).
    pub fn push(&mut self, slice: &[u8]) -> bool {
        self.push_with(|pending| pending.extend_from_slice(slice))
    }

    /// As [`LaterReader::push`], the next bytes appended by `append` to the
    /// bytes pending (see [`super::Streaming::push_with`]).
    pub fn push_with(&mut self, append: impl FnOnce(&mut Vec<u8>)) -> bool {
        if self.quoted {
            return false;
        }
        append(&mut self.pending);
        if let Some(last) = self.pending.iter().rposition(|&b| b == b'\n') {
            self.read(last + 1);
        }
        !self.quoted
    }

    /// Rows read so far.
    pub fn rows(&self) -> usize {
        self.body.lines.len()
    }

    /// The rows of the whole part as bytes for [`super::Streaming::join`];
    /// `None` when the part held a quote.
    pub fn finish(mut self) -> Option<Vec<u8>> {
        self.read(self.pending.len());
        (!self.quoted).then(|| encode(&self.body, self.from, self.utf8))
    }

    /// Reads the rows of the first `n` pending bytes, which end a row.
    fn read(&mut self, n: usize) {
        let piece = &self.pending[..n];
        if memchr::memchr(b'"', piece).is_some() {
            self.quoted = true;
            return;
        }
        // A piece ends at a line end or the file's end: no character is cut.
        self.utf8 &= simdutf8::basic::from_utf8(piece).is_ok();
        let setup = Setup {
            delimiter: self.setup.delimiter,
            width: self.setup.width,
            preview_rows: self.setup.preview_rows,
            hasher: &self.hasher,
            every: PROGRESS_EVERY,
            split: false,
            values: self.setup.values,
        };
        self.body.scan(piece, 0, &setup, &mut |_, _| {});
        self.pending.drain(..n);
    }
}

/// What the bytes of a later part say besides its columns and lines.
#[derive(Serialize, Deserialize)]
struct Meta {
    from: u64,
    utf8: bool,
    empty_rows: u64,
    first_empty: Option<u64>,
    line: u64,
    warnings: Vec<(WarningKind, Option<usize>, Option<u64>, u64)>,
    preview: Vec<Vec<Vec<u8>>>,
    columns: usize,
}

fn encode(body: &Body, from: u64, utf8: bool) -> Vec<u8> {
    let meta = Meta {
        from,
        utf8,
        empty_rows: body.empty_rows,
        first_empty: body.first_empty,
        line: body.line,
        warnings: body
            .warnings
            .0
            .iter()
            .map(|(&(kind, col), &(line, n))| (kind, col, line, n))
            .collect(),
        preview: body.preview.clone(),
        columns: body.builders.len(),
    };
    let meta = serde_json::to_vec(&meta).unwrap_or_default();
    let columns: usize = body.builders.iter().map(Cells::encoded_len).sum();
    // Reserved at once: grown, the buffer would be copied and new memory
    // touched again (a part of a million-line file is ~15 MB).
    let mut out = Vec::with_capacity(8 + meta.len() + lines_len(&body.lines) + columns);
    put_len(&mut out, meta.len());
    out.extend_from_slice(&meta);
    put_lines(&mut out, &body.lines);
    body.builders.iter().for_each(|c| c.encode(&mut out));
    out
}

/// Whether rows follow one another a line each (no empty line, no row
/// over several lines): their lines are then written as the first and the
/// count alone.
fn one_each(lines: &[u64]) -> bool {
    let first = lines.first().copied().unwrap_or(0);
    lines.iter().zip(first..).all(|(&l, want)| l == want)
}

/// The bytes [`put_lines`] writes.
fn lines_len(lines: &[u64]) -> usize {
    if one_each(lines) {
        1 + 8 + 8
    } else {
        1 + 8 + 8 * lines.len()
    }
}

/// Writes each row's line ([`one_each`]: the first and the count alone).
fn put_lines(out: &mut Vec<u8>, lines: &[u64]) {
    let first = lines.first().copied().unwrap_or(0);
    if one_each(lines) {
        out.push(1);
        put_len(out, lines.len());
        out.extend_from_slice(&first.to_le_bytes());
    } else {
        out.push(0);
        put_u64s(out, lines);
    }
}

/// No file has this many lines.
const MAX_LINE: u64 = 1 << 62;

/// Rows' lines as [`put_lines`] wrote them.
enum Lines<'a> {
    OneEach { first: u64, rows: usize },
    Each(&'a [u8]),
}

impl<'a> Lines<'a> {
    fn read(input: &mut &'a [u8]) -> Option<Self> {
        let tag = *take(input, 1)?.first()?;
        let rows = take_len(input)?;
        match tag {
            1 => {
                let first = u64::from_le_bytes(take(input, 8)?.try_into().ok()?);
                // Lines past any file's are not a part's (and moved on,
                // they would overflow).
                (first.checked_add(rows as u64)? <= MAX_LINE)
                    .then_some(Lines::OneEach { first, rows })
            }
            0 => Some(Lines::Each(take(input, rows.checked_mul(8)?)?)),
            _ => None,
        }
    }

    fn len(&self) -> usize {
        match self {
            Lines::OneEach { rows, .. } => *rows,
            Lines::Each(raw) => raw.len() / 8,
        }
    }

    /// Appends each line to `out`, moved by `moved`.
    fn moved_into(&self, out: &mut Vec<u64>, moved: u64) {
        match self {
            Lines::OneEach { first, rows } => {
                let from = first.saturating_add(moved);
                out.extend((0..*rows as u64).map(|i| from.saturating_add(i)));
            }
            Lines::Each(raw) => out.extend(
                raw.as_chunks::<8>()
                    .0
                    .iter()
                    .map(|b| u64::from_le_bytes(*b).saturating_add(moved)),
            ),
        }
    }
}

/// A later part's rows as its reader wrote them, read where they lie:
/// appended to the first part's without first being copied.
pub(super) struct Later<'a> {
    columns: Vec<Written<'a>>,
    lines: Lines<'a>,
    /// What the part found besides its columns and lines.
    rest: Body,
    pub from: u64,
    pub utf8: bool,
}

impl Later<'_> {
    /// Columns in the part.
    pub fn width(&self) -> usize {
        self.columns.len()
    }
}

pub(super) fn decode(mut input: &[u8]) -> Option<Later<'_>> {
    let n = take_len(&mut input)?;
    let meta: Meta = serde_json::from_slice(take(&mut input, n)?).ok()?;
    let lines = Lines::read(&mut input)?;
    let columns = (0..meta.columns)
        .map(|_| Written::read(&mut input))
        .collect::<Option<Vec<_>>>()?;
    if !input.is_empty() || columns.iter().any(|c| c.len() != lines.len()) {
        return None;
    }
    let mut warnings = Warnings::default();
    for (kind, col, line, n) in meta.warnings {
        warnings.add(kind, col, line, n);
    }
    Some(Later {
        columns,
        lines,
        rest: Body {
            builders: Vec::new(),
            lines: Vec::new(),
            preview: meta.preview,
            empty_rows: meta.empty_rows,
            first_empty: meta.first_empty,
            warnings,
            line: meta.line,
        },
        from: meta.from,
        utf8: meta.utf8,
    })
}

/// Appends a later part's rows to the first part's, as one pass reads them.
pub(super) fn append(first: &mut Body, later: Later<'_>, setup: &Setup) {
    for (into, from) in first.builders.iter_mut().zip(later.columns) {
        into.append_written(from, setup.hasher);
    }
    // The later part counted its lines from 1: it starts on the first's last.
    let moved = first.line - 1;
    later.lines.moved_into(&mut first.lines, moved);
    merge_rest(first, later.rest, moved, setup);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::error::Result;
    use crate::ingest::stream::tests::outcome;
    use crate::ingest::{read, Imported, Options, Streaming};

    fn opts() -> Options {
        Options {
            preview_rows: 5,
            one_thread: true,
            ..Options::default()
        }
    }

    /// The first line end at or after `at`, plus one.
    fn split_at_line(bytes: &[u8], at: usize) -> usize {
        at + bytes[at..]
            .iter()
            .position(|&b| b == b'\n')
            .expect("a line end")
            + 1
    }

    /// How the browser reads a big file: the bytes before `split` in slices
    /// into the engine's stream, those after into a [`LaterReader`] started
    /// once the stream can say how (its bytes, encoded, then joined); when
    /// the later part cannot be read apart, its bytes go to the stream.
    /// Returns the outcome and whether the parts were joined.
    fn in_two_parts(bytes: &[u8], split: usize, slice: usize) -> (Result<Imported>, bool) {
        let mut first = Streaming::new("f.csv", &opts(), bytes.len()).expect("memory");
        let mut setup = None;
        for piece in bytes[..split].chunks(slice) {
            first.push(piece, &mut |_, _| {});
            setup = setup.or_else(|| first.later_setup());
        }
        let later = setup.and_then(|s| {
            let mut later = LaterReader::new(s, split as u64, bytes.len() - split);
            bytes[split..]
                .chunks(slice)
                .all(|piece| later.push(piece))
                .then(|| later.finish())
                .flatten()
        });
        let joined = later.is_some_and(|l| first.join(&l));
        if !joined {
            for piece in bytes[split..].chunks(slice) {
                first.push(piece, &mut |_, _| {});
            }
        }
        (first.finish(&mut |_, _| {}), joined)
    }

    /// Read in two parts at a line end near the middle, with slices of
    /// ~100 kB and of 1 MB, the file gives what one pass gives; returns
    /// whether the parts were joined.
    fn same_as_one_pass(bytes: &[u8]) -> bool {
        let whole = outcome(read("f.csv", bytes, &opts()));
        let split = split_at_line(bytes, bytes.len() / 2);
        let joined = [100_003, 1 << 20].map(|slice| {
            let (r, joined) = in_two_parts(bytes, split, slice);
            assert!(
                outcome(r) == whole,
                "slices of {slice} bytes differ from one pass"
            );
            joined
        });
        assert_eq!(joined[0], joined[1]);
        joined[0]
    }

    #[test]
    fn lines_come_back_moved_written_as_a_run_or_one_by_one() {
        for lines in [vec![], vec![7, 8, 9, 10], vec![3, 4, 6, 7], vec![5]] {
            let mut out = Vec::new();
            put_lines(&mut out, &lines);
            assert_eq!(out.len(), lines_len(&lines));
            let mut input = &out[..];
            let read = Lines::read(&mut input).expect("lines");
            assert!(input.is_empty());
            assert_eq!(matches!(read, Lines::OneEach { .. }), one_each(&lines));
            let mut moved = vec![1];
            read.moved_into(&mut moved, 100);
            let want: Vec<u64> = [1]
                .into_iter()
                .chain(lines.iter().map(|l| l + 100))
                .collect();
            assert_eq!(moved, want, "{lines:?}");
        }
        // A tag that is neither form, a run past any file's lines.
        let mut out = Vec::new();
        put_lines(&mut out, &[7, 8]);
        out[0] = 2;
        assert!(Lines::read(&mut &out[..]).is_none());
        out[0] = 1;
        out[9..17].copy_from_slice(&u64::MAX.to_le_bytes());
        assert!(Lines::read(&mut &out[..]).is_none());
    }

    #[test]
    fn a_french_export_and_a_realistic_one_read_in_two_parts() {
        assert!(same_as_one_pass(&demo::sales_csv(
            demo::DEFAULT_SEED,
            40_000
        )));
        assert!(same_as_one_pass(
            &demo::realistic::Realistic::new(60_000).csv()
        ));
    }

    /// Rows of an export with, in its later part, rows too short, too long
    /// and empty, a cell of another shape in the amounts, and (`latin`) one
    /// Windows-1252 byte; without a line end at the end.
    fn export_with_later_trouble(latin: bool) -> Vec<u8> {
        let mut csv: Vec<u8> = b"Export\r\n\r\nDate;Client;Montant;Canal\r\n".to_vec();
        for i in 0..100_000 {
            let row = match i {
                70_000 => "12/03/2024;court\r\n".to_string(),
                70_001 => ";;;\r\n".to_string(),
                70_002 => "13/03/2024;Client 1;12 x;Web;en trop\r\n".to_string(),
                70_003 => "\r\n".to_string(),
                _ => format!(
                    "{:02}/03/2024;Client {};{},{:02};Web\r\n",
                    i % 28 + 1,
                    i % 300,
                    i * 7 % 10_000,
                    i % 100
                ),
            };
            csv.extend_from_slice(row.as_bytes());
            if latin && i == 80_000 {
                csv.extend_from_slice(b"14/03/2024;Soci\xE9t\xE9;12,00;Web\r\n");
            }
        }
        csv.extend_from_slice(b"15/03/2024;Dernier;1,00;Web");
        csv
    }

    #[test]
    fn warnings_lines_and_encoding_come_from_both_parts() {
        for latin in [false, true] {
            let bytes = export_with_later_trouble(latin);
            assert!(same_as_one_pass(&bytes));
            let split = split_at_line(&bytes, bytes.len() / 2);
            let read = in_two_parts(&bytes, split, 1 << 20).0.expect("reads");
            let encoding = if latin {
                crate::decode::Encoding::Windows1252
            } else {
                crate::decode::Encoding::Utf8
            };
            assert_eq!(read.summary.encoding, encoding);
            let seen: Vec<_> = read
                .summary
                .warnings
                .iter()
                .map(|w| (w.kind, w.line))
                .collect();
            for (kind, line) in [
                (WarningKind::ShortRow, 70_004),
                (WarningKind::LongRow, 70_006),
                (WarningKind::EmptyRows, 70_005),
            ] {
                assert!(seen.contains(&(kind, Some(line))), "{seen:?}");
            }
            assert_eq!(read.table.rows, 100_000 - 2 + 1 + usize::from(latin));
        }
    }

    #[test]
    fn a_quote_in_either_part_leaves_the_later_bytes_to_the_stream() {
        let rows = |quote_at: usize| {
            let mut csv = String::from("id;name;amount\n");
            for i in 0..120_000 {
                if i == quote_at {
                    csv.push_str("x;\"two\nlines; a delimiter\";1\n");
                }
                csv.push_str(&format!("{i};name {i};{i},5\n"));
            }
            csv.into_bytes()
        };
        // In the later part: it cannot be read apart.
        assert!(!same_as_one_pass(&rows(100_000)));
        // In the first part, after the stream began: nothing is read apart.
        assert!(!same_as_one_pass(&rows(50_000)));
    }

    #[test]
    fn rows_from_elsewhere_in_the_file_are_refused() {
        let bytes = demo::sales_csv(demo::DEFAULT_SEED, 30_000);
        let split = split_at_line(&bytes, bytes.len() / 2);
        let mut first = Streaming::new("f.csv", &opts(), bytes.len()).expect("memory");
        for piece in bytes[..split].chunks(1 << 20) {
            first.push(piece, &mut |_, _| {});
        }
        let setup = first.later_setup().expect("read as it came");
        // Rows said to start a line further on.
        let next = split_at_line(&bytes, split);
        let mut wrong = LaterReader::new(setup.clone(), next as u64, bytes.len() - next);
        assert!(wrong.push(&bytes[next..]));
        assert!(!first.join(&wrong.finish().expect("no quote")));
        // Bytes that are not rows.
        assert!(!first.join(b"not rows"));
        // The right rows still join.
        let mut right = LaterReader::new(setup, split as u64, bytes.len() - split);
        assert!(right.push(&bytes[split..]));
        assert!(first.join(&right.finish().expect("no quote")));
        let whole = outcome(read("f.csv", &bytes, &opts()));
        assert!(outcome(first.finish(&mut |_, _| {})) == whole);
    }
}
