//! Which encoding a file is in, and turning its cells into text.
//!
//! UTF-8 (with or without BOM) and Windows-1252 are both ASCII-compatible, so
//! the CSV reader splits their raw bytes directly and only the cells are
//! decoded; UTF-16 is transcoded to UTF-8 once, up front.

use super::charsets;
use super::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "utf-16le")]
    Utf16Le,
    #[serde(rename = "utf-16be")]
    Utf16Be,
    #[serde(rename = "windows-1252")]
    Windows1252,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
        }
    }
}

/// The file's bytes ready for the CSV reader, and how to decode a cell.
pub struct Decoded<'a> {
    pub encoding: Encoding,
    /// ASCII-compatible bytes (UTF-8 or Windows-1252), BOM removed.
    pub bytes: Cow<'a, [u8]>,
}

impl Decoded<'_> {
    /// A cell's text. Never fails: Windows-1252 maps every byte.
    pub fn cell<'c>(&self, raw: &'c [u8]) -> Cow<'c, str> {
        cell_text(self.encoding, raw)
    }
}

/// A cell's text in an encoding (UTF-16 text is UTF-8 once decoded).
pub fn cell_text(encoding: Encoding, raw: &[u8]) -> Cow<'_, str> {
    match encoding {
        Encoding::Windows1252 => charsets::windows_1252(raw),
        _ => String::from_utf8_lossy(raw),
    }
}

fn binary_hint(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 7] = [
        (b"PK\x03\x04", "Excel (.xlsx) or ZIP"),
        (b"\xD0\xCF\x11\xE0", "Excel (.xls)"),
        (b"%PDF", "PDF"),
        (b"\x89PNG", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF8", "GIF"),
        (b"\x1F\x8B", "gzip"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|&(_, h)| h)
}

/// Guesses UTF-16 without a BOM from where the zero bytes fall.
fn utf16_without_bom(head: &[u8]) -> Option<Encoding> {
    if head.len() < 8 {
        return None;
    }
    let zeros_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    if zeros_odd * 10 > half * 7 && zeros_even * 10 < half {
        Some(Encoding::Utf16Le)
    } else if zeros_even * 10 > half * 7 && zeros_odd * 10 < half {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn transcode(body: &[u8], which: Encoding) -> Decoded<'static> {
    let text = charsets::utf16(body, which == Encoding::Utf16Le);
    Decoded {
        encoding: which,
        bytes: Cow::Owned(text.into_bytes()),
    }
}

/// Detects the encoding (BOM, then UTF-8 validity, else Windows-1252) and
/// rejects files that are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(Decoded {
            encoding: Encoding::Utf8,
            bytes: Cow::Borrowed(body),
        });
    }
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(transcode(body, Encoding::Utf16Le));
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(transcode(body, Encoding::Utf16Be));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(which) = utf16_without_bom(head) {
        return Ok(transcode(bytes, which));
    }
    if let Some(hint) = binary_hint(bytes) {
        return Err(Error::Binary { hint: Some(hint) });
    }
    // Text files have no NUL and few control characters.
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Err(Error::Binary { hint: None });
    }
    // 16 bytes at a time (simdutf8; Wasm SIMD in the browser): the whole
    // file is checked, 130 MB at a million rows.
    let encoding = if simdutf8::basic::from_utf8(bytes).is_ok() {
        Encoding::Utf8
    } else {
        Encoding::Windows1252
    };
    Ok(Decoded {
        encoding,
        bytes: Cow::Borrowed(bytes),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_encoding() {
        assert_eq!(decode(b"a,b\n1,2\n").unwrap().encoding, Encoding::Utf8);
        let bom = decode(b"\xEF\xBB\xBFa;b\n").unwrap();
        assert_eq!(
            (bom.encoding, &bom.bytes[..]),
            (Encoding::Utf8, &b"a;b\n"[..])
        );
        let latin = decode(b"Soci\xE9t\xE9;Montant\n").unwrap();
        assert_eq!(latin.encoding, Encoding::Windows1252);
        assert_eq!(latin.cell(b"Soci\xE9t\xE9"), "Société");
        let mut le = vec![0xFF, 0xFE];
        for u in "Prix;€\n".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le).unwrap();
        assert_eq!(
            (d.encoding, &d.bytes[..]),
            (Encoding::Utf16Le, "Prix;€\n".as_bytes())
        );
        let mut be = vec![0xFE, 0xFF];
        for u in "a,b\n".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().encoding, Encoding::Utf16Be);
    }

    #[test]
    fn rejects_what_is_not_text() {
        assert_eq!(decode(b"").err(), Some(Error::Empty));
        assert_eq!(decode(b" \r\n\n").err(), Some(Error::Empty));
        assert!(matches!(
            decode(b"PK\x03\x04\x14\x00rest"),
            Err(Error::Binary { hint: Some(_) })
        ));
        assert!(matches!(
            decode(b"ab\x00\x01\x02cd\x00"),
            Err(Error::Binary { .. })
        ));
    }
}
