//! Parquet files (as DuckDB, Spark and BigQuery write them) read with the
//! `parquet` crate's record reader, without `arrow`: its row iterator decodes
//! dictionary pages and logical types (strings, dates, timestamps,
//! decimals), and each top-level column becomes a column of the table.
//! Snappy, GZIP and LZ4 pages are read by the crate, ZSTD pages through
//! [`zstd_pages`](crate::zstd_pages); a file compressed otherwise (Brotli,
//! LZO) is refused, naming its compression.

use crate::canonical::{self, Cell};
use crate::{zstd_pages, Table};
use bytes::Bytes;
use cadran_engine::Error;
use parquet::basic::Compression;
use parquet::file::reader::{FileReader, RowGroupReader, SerializedFileReader};
use parquet::record::{Field, Row};

pub fn table(bytes: &[u8]) -> Result<Table, Error> {
    let file = Bytes::copy_from_slice(bytes);
    let reader = SerializedFileReader::new(file.clone()).map_err(|_| Error::BadParquet)?;
    let meta = reader.metadata();
    // Said before any row is read: a codec this build lacks fails on its
    // first page, with a message for programmers.
    for group in meta.row_groups() {
        for column in group.columns() {
            if let Some(codec) = unsupported(column.compression()) {
                return Err(Error::UnsupportedCompression {
                    codec: codec.to_string(),
                });
            }
        }
    }
    let header: Vec<Cell> = meta
        .file_metadata()
        .schema_descr()
        .root_schema()
        .get_fields()
        .iter()
        .map(|f| Cell::Text(f.name().to_string()))
        .collect();
    let mut rows = vec![header];
    let mut add = |row: parquet::errors::Result<Row>| -> Result<(), Error> {
        let row = row.map_err(|_| Error::BadParquet)?;
        rows.push(row.get_column_iter().map(|(_, f)| cell(f)).collect());
        Ok(())
    };
    let zstd = meta.row_groups().iter().any(|g| {
        g.columns()
            .iter()
            .any(|c| matches!(c.compression(), Compression::ZSTD(_)))
    });
    if zstd {
        for (i, group) in meta.row_groups().iter().enumerate() {
            let undeclared = zstd_pages::undeclared(group).map_err(|_| Error::BadParquet)?;
            let reader = zstd_pages::Group::new(file.clone(), group, &undeclared, i)
                .map_err(|_| Error::BadParquet)?;
            for row in reader.get_row_iter(None).map_err(|_| Error::BadParquet)? {
                add(row)?;
            }
        }
    } else {
        for row in reader.get_row_iter(None).map_err(|_| Error::BadParquet)? {
            add(row)?;
        }
    }
    if rows.len() == 1 {
        return Err(Error::NoTable);
    }
    Ok(Table {
        sheet: None,
        csv: canonical::write(&rows),
    })
}

fn unsupported(c: Compression) -> Option<&'static str> {
    match c {
        Compression::UNCOMPRESSED
        | Compression::SNAPPY
        | Compression::GZIP(_)
        | Compression::LZ4
        | Compression::LZ4_RAW
        | Compression::ZSTD(_) => None,
        Compression::BROTLI(_) => Some("Brotli"),
        Compression::LZO => Some("LZO"),
    }
}

fn cell(f: &Field) -> Cell {
    match f {
        Field::Null => Cell::Empty,
        Field::Bool(b) => Cell::Bool(*b),
        Field::Byte(i) => Cell::Integer((*i).into()),
        Field::Short(i) => Cell::Integer((*i).into()),
        Field::Int(i) => Cell::Integer((*i).into()),
        Field::Long(i) => Cell::Integer(*i),
        Field::UByte(i) => Cell::Integer((*i).into()),
        Field::UShort(i) => Cell::Integer((*i).into()),
        Field::UInt(i) => Cell::Integer((*i).into()),
        Field::ULong(i) => i64::try_from(*i).map_or(Cell::Number(*i as f64), Cell::Integer),
        Field::Float16(x) => Cell::Number(f64::from(*x)),
        Field::Float(x) => Cell::Number(f64::from(*x)),
        Field::Double(x) => Cell::Number(*x),
        Field::Decimal(d) => decimal(d.data(), d.scale()),
        Field::Str(s) => Cell::Text(s.clone()),
        Field::Bytes(b) => Cell::Text(String::from_utf8_lossy(b.data()).into_owned()),
        Field::Date(days) => Cell::Moment(i64::from(*days) * 86_400),
        // Parquet timestamps are UTC (or a wall clock): written as they are.
        Field::TimestampMillis(ms) => Cell::Moment(ms.div_euclid(1000)),
        Field::TimestampMicros(us) => Cell::Moment(us.div_euclid(1_000_000)),
        // A time of day alone is no date: kept as text, as a CSV would.
        Field::TimeMillis(_) | Field::TimeMicros(_) => Cell::Text(f.to_string()),
        // Nested values have no column of their own.
        Field::Group(_) | Field::ListInternal(_) | Field::MapInternal(_) => {
            Cell::Text(f.to_string())
        }
    }
}

/// A decimal's unscaled big-endian two's complement bytes, written with its
/// point (`12345`, scale 2: `123.45`).
fn decimal(be: &[u8], scale: i32) -> Cell {
    if be.is_empty() || be.len() > 16 || scale < 0 {
        return Cell::Empty;
    }
    let fill = if be[0] & 0x80 != 0 { 0xFF } else { 0 };
    let mut buf = [fill; 16];
    buf[16 - be.len()..].copy_from_slice(be);
    let unscaled = i128::from_be_bytes(buf);
    let digits = unscaled.unsigned_abs().to_string();
    let scale = scale as usize;
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = padded.split_at(padded.len() - scale);
    let sign = if unscaled < 0 { "-" } else { "" };
    Cell::Decimal(if scale == 0 {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}.{frac}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_their_digits() {
        let d = |v: i128, len: usize, scale| {
            let be = v.to_be_bytes();
            decimal(&be[16 - len..], scale)
        };
        assert_eq!(d(12345, 4, 2), Cell::Decimal("123.45".into()));
        assert_eq!(d(-12345, 4, 2), Cell::Decimal("-123.45".into()));
        assert_eq!(d(5, 1, 3), Cell::Decimal("0.005".into()));
        assert_eq!(d(-5, 8, 0), Cell::Decimal("-5".into()));
        assert_eq!(
            d(i128::from(i64::MAX), 16, 4),
            Cell::Decimal("922337203685477.5807".into())
        );
    }
}
