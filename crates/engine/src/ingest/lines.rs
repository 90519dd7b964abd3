//! Line numbers as a person counts them (CRLF, LF or CR). Rows get their
//! line as they are read; the CSV reader's own line counts point before the
//! blank lines that precede a record, so they are not used.

/// Line ends (LF, or CR not followed by LF) in `bytes[from..to]`.
fn line_ends_in(bytes: &[u8], from: usize, to: usize) -> u64 {
    let chunk = bytes.get(from..to).unwrap_or_default();
    let lf = super::body::count_newlines(chunk);
    let lone_cr = memchr::memchr_iter(b'\r', chunk)
        .filter(|&k| bytes.get(from + k + 1) != Some(&b'\n'))
        .count();
    (lf + lone_cr) as u64
}

/// Line ends in `text[..end]`: the line `text[end]` is on, less one (a CR
/// just before `end` counts only when no LF follows it in `text`).
pub fn line_ends_before(text: &[u8], end: usize) -> u64 {
    line_ends_in(text, 0, end.min(text.len()))
}

/// Lines of records met in order, in one pass over the text.
pub struct LineCursor {
    pos: usize,
    line: u64,
}

impl LineCursor {
    /// At the start of a text whose first byte is on line `line`.
    pub fn new(line: u64) -> LineCursor {
        LineCursor { pos: 0, line }
    }

    /// The line of the record at byte `offset` of `bytes`, at or after the
    /// previous one's: a record starts after any line ends before it.
    pub fn line_of(&mut self, bytes: &[u8], offset: usize) -> u64 {
        let mut start = offset.min(bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > self.pos {
            self.line += line_ends_in(bytes, self.pos, start);
            self.pos = start;
        }
        self.line
    }

    /// The line the end of `bytes` is on.
    pub fn line_at_end(&self, bytes: &[u8]) -> u64 {
        self.line + line_ends_in(bytes, self.pos, bytes.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_kind_of_line_end() {
        let text = b"a\r\n\r\nb\rc\n\"d\ne\"\nf";
        // a@0 (line 1), b@5 (3), c@7 (4), "d..@9 (5), f@15 (7); offsets may point before blank lines.
        let mut cursor = LineCursor::new(1);
        let lines: Vec<u64> = [0, 3, 7, 9, 15]
            .iter()
            .map(|&o| cursor.line_of(text, o))
            .collect();
        assert_eq!(lines, [1, 3, 4, 5, 7]);
        assert_eq!(cursor.line_at_end(text), 7);
        assert_eq!(line_ends_before(text, text.len()), 6);
        assert_eq!(line_ends_before(b"a\r", 2), 1);
        // A header read up to its CR, the LF still ahead: one line end, not two.
        assert_eq!(line_ends_before(b"h\r\nx", 2), 0);
        // From a later line, past a piece read before.
        assert_eq!(LineCursor::new(10).line_of(b"\n\r\nx", 0), 12);
    }
}
