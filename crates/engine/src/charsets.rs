//! The two legacy encodings Cadran reads besides UTF-8, decoded by hand:
//! encoding_rs's generic decoder links every encoding's tables (Chinese,
//! Japanese, Korean…) into the Wasm, about 100 kB compressed of the first
//! visit, for two tables of a few lines. encoding_rs stays the reference:
//! the tests compare every byte and random text with it.

use std::borrow::Cow;

/// Windows-1252's 0x80–0x9F, as the WHATWG Encoding Standard maps them
/// (its five unassigned bytes to the C1 controls); 0xA0–0xFF are Latin-1.
const HIGH: [char; 32] = [
    '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}', '\u{8f}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}', '\u{178}',
];

/// Windows-1252 text: every byte maps to a character, nothing fails.
pub fn windows_1252(raw: &[u8]) -> Cow<'_, str> {
    if raw.is_ascii() {
        // ASCII is valid UTF-8 as it is.
        return String::from_utf8_lossy(raw);
    }
    Cow::Owned(
        raw.iter()
            .map(|&b| match b {
                0x80..=0x9f => HIGH[(b - 0x80) as usize],
                _ => char::from(b),
            })
            .collect(),
    )
}

/// UTF-16 text (little- or big-endian, BOM already removed); unpaired
/// surrogates and a last odd byte become U+FFFD.
pub fn utf16(body: &[u8], little: bool) -> String {
    let units = body.chunks_exact(2).map(|p| {
        if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        }
    });
    let mut out: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    // A last odd byte is one more error, unless it ends a sequence already
    // broken (a high surrogate waiting for its pair): one error for both.
    let last = body.len().checked_sub(3).and_then(|i| body.get(i..i + 2));
    let pending_high = last.is_some_and(|p| {
        let u = if little {
            u16::from_le_bytes([p[0], p[1]])
        } else {
            u16::from_be_bytes([p[0], p[1]])
        };
        (0xd800..0xdc00).contains(&u)
    });
    if body.len() % 2 == 1 && !pending_high {
        out.push(char::REPLACEMENT_CHARACTER);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_windows_1252_byte_as_encoding_rs_decodes_it() {
        for b in 0..=255u8 {
            let one = [b];
            let ours = windows_1252(&one);
            let theirs = encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&one)
                .0;
            assert_eq!(ours, theirs, "byte {b:#04x}");
        }
        assert_eq!(windows_1252(b"Soci\xe9t\xe9 \x80 \x9c"), "Société € œ");
    }

    proptest! {
        #[test]
        fn windows_1252_text_as_encoding_rs(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let theirs = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes).0;
            prop_assert_eq!(windows_1252(&bytes), theirs);
        }

        #[test]
        fn utf16_with_surrogates_as_encoding_rs(
            units in proptest::collection::vec(prop_oneof![Just(0x41u16), Just(0xd83d), Just(0xde00), Just(0xe9), 0u16..], 0..40),
            odd in any::<bool>(),
            little in any::<bool>(),
        ) {
            let mut bytes: Vec<u8> = units
                .iter()
                .flat_map(|u| if little { u.to_le_bytes() } else { u.to_be_bytes() })
                .collect();
            if odd {
                bytes.push(0x41);
            }
            let enc = if little { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
            let theirs = enc.decode_without_bom_handling(&bytes).0;
            prop_assert_eq!(utf16(&bytes, little), theirs);
        }

        #[test]
        fn utf16_as_encoding_rs(bytes in proptest::collection::vec(any::<u8>(), 0..200), little in any::<bool>()) {
            let enc = if little { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
            let theirs = enc.decode_without_bom_handling(&bytes).0;
            prop_assert_eq!(utf16(&bytes, little), theirs);
        }
    }
}
