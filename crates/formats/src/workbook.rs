//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) read with
//! `calamine`: each sheet's used cells, typed as Excel typed them (a number
//! with a date format is a date), written as canonical CSV. Rows above the
//! header (a merged title) stay in: the engine skips them as it does in a CSV
//! export, and says so.

use crate::canonical::{self, Cell};
use crate::{Format, Table};
use cadran_engine::Error;
use calamine::{
    open_workbook_from_rs, Data, Ods, OdsError, Reader, Sheets, Xls, XlsError, Xlsb, XlsbError,
    Xlsx, XlsxError,
};
use chrono::NaiveDate;
use std::io::Cursor;

type Book<'a> = Sheets<Cursor<&'a [u8]>>;

/// The workbook in `bytes`, whichever of its formats it is.
fn open(bytes: &[u8]) -> Result<Book<'_>, Error> {
    let rs = || Cursor::new(bytes);
    match Format::detect(bytes) {
        Some(Format::Compound) => match open_workbook_from_rs::<Xls<_>, _>(rs()) {
            Ok(book) => Ok(Sheets::Xls(book)),
            Err(XlsError::Password) => Err(Error::Encrypted),
            // An encrypted .xlsx is a compound file holding the encrypted
            // package: it is no .xls.
            Err(_) if holds_encrypted_package(bytes) => Err(Error::Encrypted),
            Err(_) => Err(Error::BadWorkbook),
        },
        Some(Format::Zip) => {
            match open_workbook_from_rs::<Xlsx<_>, _>(rs()) {
                Ok(book) => return Ok(Sheets::Xlsx(book)),
                Err(XlsxError::Password) => return Err(Error::Encrypted),
                Err(_) => {}
            }
            match open_workbook_from_rs::<Xlsb<_>, _>(rs()) {
                Ok(book) => return Ok(Sheets::Xlsb(book)),
                Err(XlsbError::Password) => return Err(Error::Encrypted),
                Err(_) => {}
            }
            match open_workbook_from_rs::<Ods<_>, _>(rs()) {
                Ok(book) => Ok(Sheets::Ods(book)),
                Err(OdsError::Password) => Err(Error::Encrypted),
                Err(_) => Err(Error::BadWorkbook),
            }
        }
        _ => Err(Error::BadWorkbook),
    }
}

/// Whether a compound file has an `EncryptedPackage` stream (its directory
/// writes names in UTF-16).
fn holds_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name)
}

pub fn sheet_names(bytes: &[u8]) -> Result<Vec<String>, Error> {
    Ok(open(bytes)?.sheet_names())
}

/// Every sheet with a value in it; a workbook with none is [`Error::Empty`].
pub fn tables(bytes: &[u8]) -> Result<Vec<Table>, Error> {
    let mut book = open(bytes)?;
    let names = book.sheet_names();
    let mut out = Vec::new();
    for name in &names {
        let rows = rows(&mut book, name)?;
        if !rows.is_empty() {
            out.push(Table {
                sheet: Some(name.clone()),
                csv: canonical::write(&rows),
            });
        }
    }
    if out.is_empty() {
        return Err(Error::Empty);
    }
    Ok(out)
}

/// One sheet by name; `None` when the workbook has no such sheet.
pub fn sheet(bytes: &[u8], name: &str) -> Result<Option<Table>, Error> {
    let mut book = open(bytes)?;
    if !book.sheet_names().iter().any(|n| n == name) {
        return Ok(None);
    }
    let rows = rows(&mut book, name)?;
    if rows.is_empty() {
        return Err(Error::EmptySheet {
            sheet: name.to_string(),
        });
    }
    Ok(Some(Table {
        sheet: Some(name.to_string()),
        csv: canonical::write(&rows),
    }))
}

/// A sheet's used cells, typed; no row when it has no value.
fn rows(book: &mut Book<'_>, name: &str) -> Result<Vec<Vec<Cell>>, Error> {
    let range = book.worksheet_range(name).map_err(|_| Error::BadWorkbook)?;
    let rows: Vec<Vec<Cell>> = range.rows().map(|r| r.iter().map(cell).collect()).collect();
    let any = rows.iter().flatten().any(|c| *c != Cell::Empty);
    Ok(if any { rows } else { Vec::new() })
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Integer(*i),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(t) if t.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = t.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(y.into(), mo.into(), d.into())
                .and_then(|day| canonical::seconds_of(day, h.into(), mi.into(), s.into()))
                .map_or(Cell::Empty, Cell::Moment)
        }
        // A duration (`[h]:mm`) is a number of days, as Excel keeps it.
        Data::DateTime(t) => Cell::Number(t.as_f64()),
        // OpenDocument writes its dates as ISO text already.
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}
