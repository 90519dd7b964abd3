//! Which delimiter a file uses and which line is its header, guessed from its
//! first lines: the delimiter that gives the most rows of one same width wins,
//! and the header is the first row that fills most of that width (title lines
//! and `Export du 05/03/2024;;;;` above it are skipped).

use csv::ReaderBuilder;

/// Delimiters a file may use, in the order ties are settled.
pub const CANDIDATES: [u8; 4] = [b';', b',', b'\t', b'|'];

const SAMPLE_BYTES: usize = 64 * 1024;
const SAMPLE_RECORDS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub delimiter: u8,
    /// How many records (blank lines aside) come before the header.
    pub header_index: usize,
}

/// Field count and non-empty field count of one record.
type Width = (usize, usize);

/// Field counts and non-empty counts of the first records of `sample`.
fn widths(sample: &[u8], delimiter: u8) -> Vec<Width> {
    let mut rdr = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(sample);
    let mut out = Vec::new();
    let mut rec = csv::ByteRecord::new();
    while out.len() < SAMPLE_RECORDS {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {
                let filled = rec.iter().filter(|f| !f.trim_ascii().is_empty()).count();
                out.push((rec.len(), filled));
            }
            _ => break,
        }
    }
    out
}

fn mode(counts: &[Width]) -> Option<(usize, usize)> {
    let mut tally: Vec<(usize, usize)> = Vec::new();
    for &(w, _) in counts.iter().filter(|(w, _)| *w >= 2) {
        match tally.iter_mut().find(|(k, _)| *k == w) {
            Some((_, n)) => *n += 1,
            None => tally.push((w, 1)),
        }
    }
    tally.into_iter().max_by_key(|&(w, n)| (n, w))
}

/// The first part of the file, cut after its last complete line.
fn sample(bytes: &[u8]) -> &[u8] {
    if bytes.len() <= SAMPLE_BYTES {
        return bytes;
    }
    let head = &bytes[..SAMPLE_BYTES];
    match head.iter().rposition(|&b| b == b'\n' || b == b'\r') {
        Some(p) => &head[..=p],
        None => head,
    }
}

/// Guesses the dialect; `forced` is a delimiter the user chose.
pub fn sniff(bytes: &[u8], forced: Option<u8>) -> Dialect {
    let sample = sample(bytes);
    let candidates: &[u8] = match &forced {
        Some(d) => std::slice::from_ref(d),
        None => &CANDIDATES,
    };
    let mut best: Option<(usize, usize, u8, Vec<Width>)> = None;
    for &d in candidates {
        let counts = widths(sample, d);
        let (width, score) = mode(&counts).unwrap_or((1, 0));
        let better = match &best {
            None => true,
            Some((bw, bs, _, _)) => (score, width) > (*bs, *bw),
        };
        if better {
            best = Some((width, score, d, counts));
        }
    }
    let Some((width, score, delimiter, counts)) = best else {
        return Dialect {
            delimiter: b',',
            header_index: 0,
        };
    };
    if score == 0 {
        // One column, or nothing like a table: no delimiter to prefer.
        return Dialect {
            delimiter: forced.unwrap_or(b','),
            header_index: 0,
        };
    }
    let need = (width / 2).max(2);
    let header_index = counts
        .iter()
        .position(|&(w, filled)| w * 10 >= width * 6 && filled >= need)
        .unwrap_or(0);
    Dialect {
        delimiter,
        header_index,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_excel_semicolons_beat_decimal_commas() {
        let f = b"Date;Client;Montant\n05/03/2024;Acme;1 234,56\n06/03/2024;Beta;99,90\n";
        assert_eq!(sniff(f, None).delimiter, b';');
    }

    #[test]
    fn each_delimiter() {
        assert_eq!(sniff(b"a,b,c\n1,2,3\n4,5,6\n", None).delimiter, b',');
        assert_eq!(sniff(b"a\tb\n1\t2\n", None).delimiter, b'\t');
        assert_eq!(sniff(b"a|b|c\n1|2|3\n", None).delimiter, b'|');
        assert_eq!(sniff(b"a;b\n\"1;5\";2\n", None).delimiter, b';');
    }

    #[test]
    fn quoted_commas_do_not_confuse() {
        let f = b"name,amount\n\"Smith, John\",12\n\"Doe, Jane\",13\n";
        assert_eq!(
            sniff(f, None),
            Dialect {
                delimiter: b',',
                header_index: 0
            }
        );
    }

    #[test]
    fn title_lines_above_header_are_skipped() {
        let f = b"Export des ventes;;;\n\nDate;Client;Montant;Rep\n05/03/2024;A;1;X\n06/03/2024;B;2;Y\n";
        assert_eq!(
            sniff(f, None),
            Dialect {
                delimiter: b';',
                header_index: 1
            }
        );
        let f = b"Sales report 2024\nDate,Amount\n2024-01-01,5\n2024-01-02,6\n";
        assert_eq!(
            sniff(f, None),
            Dialect {
                delimiter: b',',
                header_index: 1
            }
        );
    }

    #[test]
    fn forced_delimiter_wins() {
        assert_eq!(sniff(b"a;b,c\n1;2,3\n", Some(b',')).delimiter, b',');
    }
}
