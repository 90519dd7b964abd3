//! Line numbers as a person counts them (CRLF, LF or CR). Rows remember the
//! byte where they start; lines are counted only for the few rows a warning
//! points at, in one pass. The CSV reader's own line counts point before the
//! blank lines that precede a record, so they are not used.

/// Resolves byte offsets of records to 1-based line numbers.
pub fn lines_at(bytes: &[u8], offsets: &[u64]) -> Vec<u64> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![0u64; offsets.len()];
    let (mut pos, mut line) = (0usize, 1u64);
    for i in order {
        let mut start = (offsets[i] as usize).min(bytes.len());
        // A record starts after any line ends that precede it.
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start > pos {
            let chunk = &bytes[pos..start];
            let lf = chunk.iter().filter(|&&b| b == b'\n').count();
            let lone_cr = chunk
                .iter()
                .enumerate()
                .filter(|&(k, &b)| b == b'\r' && bytes.get(pos + k + 1) != Some(&b'\n'))
                .count();
            line += (lf + lone_cr) as u64;
            pos = start;
        }
        out[i] = line;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_kind_of_line_end() {
        let text = b"a\r\n\r\nb\rc\n\"d\ne\"\nf";
        // a@0 (line 1), b@5 (3), c@7 (4), "d..@9 (5), f@15 (7); offsets may point before blank lines.
        assert_eq!(lines_at(text, &[15, 0, 3, 7, 9]), vec![7, 1, 3, 4, 5]);
    }
}
