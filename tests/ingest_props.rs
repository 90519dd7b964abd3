//! Properties of ingest: no bytes make it panic, and any table written in any
//! dialect reads back as the same values.

use cadran::engine::{self, ColumnType, Options};
use proptest::prelude::*;

fn read(bytes: &[u8]) -> Result<engine::Imported, engine::Error> {
    engine::read(
        "p.csv",
        bytes,
        &Options {
            preview_rows: 3,
            ..Options::default()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_are_ok_or_an_error_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = read(&bytes);
    }

    #[test]
    fn csv_like_text_is_ok_or_an_error_never_a_panic(
        text in "[a-zé0-9 ,;|\t\"\r\n.:/%€()\u{a0}\u{202f}-]{0,400}"
    ) {
        if let Ok(im) = read(text.as_bytes()) {
            // Every column has one value per row.
            for c in &im.table.columns {
                prop_assert_eq!(c.len(), im.table.rows);
            }
        }
    }
}

/// A random table: text (starting with `Z`, so never a yes/no or NA token),
/// integers, two-decimal amounts and dates.
#[derive(Debug, Clone)]
struct Sample {
    texts: Vec<String>,
    ints: Vec<i64>,
    cents: Vec<i64>,
    dates: Vec<(i32, u32, u32)>,
}

fn sample() -> impl Strategy<Value = Sample> {
    (1usize..40).prop_flat_map(|n| {
        (
            proptest::collection::vec("Z[A-Za-z0-9éè ,;|\"'\n]{0,12}[a-zé]", n),
            proptest::collection::vec(-1_000_000i64..1_000_000, n),
            proptest::collection::vec(-10_000_000i64..10_000_000, n),
            proptest::collection::vec((1990i32..2040, 1u32..=12, 1u32..=28), n),
        )
            .prop_map(|(texts, ints, cents, dates)| Sample {
                texts,
                ints,
                cents,
                dates,
            })
    })
}

/// Writes the sample the way a spreadsheet of that dialect would.
fn write(s: &Sample, delimiter: u8, crlf: bool) -> Vec<u8> {
    let french = delimiter == b';';
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    w.write_record(["Libellé", "Nombre", "Montant", "Date"])
        .unwrap();
    for i in 0..s.texts.len() {
        let c = s.cents[i];
        let amount = format!(
            "{}{}{}{:02}",
            if c < 0 { "-" } else { "" },
            c.abs() / 100,
            if french { ',' } else { '.' },
            c.abs() % 100
        );
        let (y, m, d) = s.dates[i];
        let date = if french {
            format!("{d:02}/{m:02}/{y}")
        } else {
            format!("{y}-{m:02}-{d:02}")
        };
        w.write_record([s.texts[i].as_str(), &s.ints[i].to_string(), &amount, &date])
            .unwrap();
    }
    w.into_inner().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn tables_round_trip_in_every_dialect(
        s in sample(),
        delimiter in prop::sample::select(vec![b',', b';', b'\t', b'|']),
        crlf in any::<bool>(),
    ) {
        let bytes = write(&s, delimiter, crlf);
        let im = read(&bytes).expect("a written table reads back");
        prop_assert_eq!(im.summary.delimiter.as_bytes()[0], delimiter);
        prop_assert_eq!(im.table.rows, s.texts.len());
        let t = &im.table;
        let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
        prop_assert_eq!(names, vec!["Libellé", "Nombre", "Montant", "Date"]);
        for (i, text) in s.texts.iter().enumerate() {
            let got = t.columns[0].text(i);
            prop_assert_eq!(got.as_deref(), Some(text.trim()));
        }
        prop_assert_eq!(t.columns[1].column_type(), ColumnType::Integer);
        let ints = t.columns[1].numbers().unwrap();
        for (i, &v) in s.ints.iter().enumerate() {
            prop_assert_eq!(ints[i], v as f64);
        }
        let amounts = t.columns[2].numbers().unwrap();
        for (i, &c) in s.cents.iter().enumerate() {
            prop_assert_eq!((amounts[i] * 100.0).round() as i64, c);
        }
        for (i, &(y, m, d)) in s.dates.iter().enumerate() {
            let want = format!("{y}-{m:02}-{d:02}");
            prop_assert_eq!(t.columns[3].text(i), Some(want));
        }
    }
}

/// Debug text of what a read gives, whichever way the bytes came.
fn outcome(r: Result<engine::Imported, engine::Error>) -> String {
    match r {
        Ok(im) => format!("{:?}\n{:?}\n{:?}", im.table, im.summary, im.mapping),
        Err(e) => format!("error: {e:?}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    /// A file read slice by slice as it arrives (rows read early, lone CRs,
    /// ragged rows and maybe a quoted cell with a line end on the way) gives
    /// what one read gives. Files past 256 kB, where early reading starts.
    #[test]
    fn read_while_arriving_is_one_read(
        lines in proptest::collection::vec("[a-z0-9 ;,\r.é]{0,24}", 1..40),
        quote_from in proptest::option::of(0usize..300_000),
        slice in 1_000usize..120_000,
    ) {
        let mut text = String::from("Date;Client;Montant\n");
        let mut i = 0;
        // Where a slice ends: just after the line end inside the quoted
        // cell, if any, where a reader that ignored the quote would cut a row.
        let mut cut = 0;
        while text.len() < 300_000 {
            text.push_str(&lines[i % lines.len()]);
            if quote_from.is_some_and(|q| text.len() >= q) && cut == 0 {
                text.push_str(";\"a;\n");
                cut = text.len();
                text.push_str("b\"");
            }
            text.push('\n');
            i += 1;
        }
        let opts = Options { preview_rows: 3, ..Options::default() };
        let mut s = engine::ingest::Streaming::new("p.csv", &opts, text.len()).expect("memory");
        let (head, rest) = text.as_bytes().split_at(cut);
        for piece in head.chunks(slice).chain(rest.chunks(slice)) {
            s.push(piece, &mut |_, _| {});
        }
        prop_assert_eq!(outcome(s.finish(&mut |_, _| {})), outcome(read(text.as_bytes())));
    }
}
