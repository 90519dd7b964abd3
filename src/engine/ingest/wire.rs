//! The rows one engine worker read, as bytes for another: in the browser a
//! big file's second half is read by a helper worker, whose [`Body`] comes
//! back as one transferred buffer (no copy between the workers). Little-endian
//! numbers, each array behind its length; the few warnings as JSON.

use super::body::Body;
use super::builder::ColumnBuilder;
use super::Warnings;
use crate::engine::error::WarningKind;

fn put_u32s(out: &mut Vec<u8>, v: &[u32]) {
    out.extend_from_slice(&(v.len() as u64).to_le_bytes());
    out.extend(v.iter().flat_map(|x| x.to_le_bytes()));
}

fn put_u64s(out: &mut Vec<u8>, v: &[u64]) {
    out.extend_from_slice(&(v.len() as u64).to_le_bytes());
    out.extend(v.iter().flat_map(|x| x.to_le_bytes()));
}

fn put_bytes(out: &mut Vec<u8>, v: &[u8]) {
    out.extend_from_slice(&(v.len() as u64).to_le_bytes());
    out.extend_from_slice(v);
}

/// Reads what the `put_` functions wrote; `None` past the end.
struct Cursor<'a>(&'a [u8]);

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn len(&mut self, item: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        // A length beyond what is left is a damaged buffer, not an allocation to try.
        (n.checked_mul(item)? <= self.0.len()).then_some(n)
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.len(1)?;
        self.take(n)
    }
    fn u32s(&mut self) -> Option<Vec<u32>> {
        let n = self.len(4)?;
        let raw = self.take(n * 4)?;
        Some(
            raw.chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
    fn u64s(&mut self) -> Option<Vec<u64>> {
        let n = self.len(8)?;
        let raw = self.take(n * 8)?;
        Some(
            raw.chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
                .collect(),
        )
    }
}

type WireWarning = (WarningKind, Option<usize>, Option<u64>, u64);

impl Body {
    /// The body as bytes ([`Body::from_wire`] reads them back). The preview
    /// is left out: the rows of a file's second half are never previewed.
    pub fn to_wire(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&(self.builders.len() as u64).to_le_bytes());
        for b in &self.builders {
            let (codes, bytes, ends) = b.parts();
            put_u32s(&mut out, codes);
            put_bytes(&mut out, bytes);
            put_u32s(&mut out, ends);
        }
        put_u64s(&mut out, &self.offsets);
        out.extend_from_slice(&self.empty_rows.to_le_bytes());
        out.extend_from_slice(&self.first_empty.unwrap_or(u64::MAX).to_le_bytes());
        let warnings: Vec<WireWarning> = self
            .warnings
            .0
            .iter()
            .map(|(&(kind, col), &(offset, n))| (kind, col, offset, n))
            .collect();
        put_bytes(&mut out, &serde_json::to_vec(&warnings).unwrap_or_default());
        out
    }

    /// A body from [`Body::to_wire`]'s bytes; `None` if they are damaged.
    pub fn from_wire(wire: &[u8]) -> Option<Body> {
        let mut c = Cursor(wire);
        let width = c.len(24)?;
        let mut builders = Vec::with_capacity(width);
        for _ in 0..width {
            let codes = c.u32s()?;
            let bytes = c.bytes()?.to_vec();
            let ends = c.u32s()?;
            // Ends must rise within the bytes, codes must name a value or none.
            let ordered = ends.windows(2).all(|w| w[0] <= w[1]);
            let within = ends.last().is_none_or(|&e| e as usize <= bytes.len());
            let named = codes
                .iter()
                .all(|&k| k == crate::engine::table::MISSING_CODE || (k as usize) < ends.len());
            if !(ordered && within && named) {
                return None;
            }
            builders.push(ColumnBuilder::from_parts(codes, bytes, ends));
        }
        let offsets = c.u64s()?;
        let empty_rows = c.u64()?;
        let first_empty = Some(c.u64()?).filter(|&o| o != u64::MAX);
        let listed: Vec<WireWarning> = serde_json::from_slice(c.bytes()?).ok()?;
        let mut warnings = Warnings::default();
        for (kind, col, offset, n) in listed {
            warnings.add(kind, col, offset, n);
        }
        Some(Body {
            builders,
            offsets,
            preview: Vec::new(),
            empty_rows,
            first_empty,
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::body::Setup;
    use super::*;
    use crate::engine::decode::Encoding;
    use hashbrown::DefaultHashBuilder;

    fn body_of(text: &[u8]) -> Body {
        let hasher = DefaultHashBuilder::default();
        let s = Setup {
            delimiter: b';',
            width: 3,
            preview_rows: 0,
            hasher: &hasher,
            every: 1 << 16,
            split: false,
        };
        let mut b = Body::new(3, 0);
        b.scan(text, 1000, &s, &mut |_, _| {});
        b
    }

    fn finished(b: Body) -> String {
        let cols: Vec<_> = b
            .builders
            .into_iter()
            .map(|c| {
                let (codes, pool) = c.finish(Encoding::Utf8);
                (codes, pool.iter().map(str::to_string).collect::<Vec<_>>())
            })
            .collect();
        format!(
            "{cols:?} {:?} {} {:?} {:?}",
            b.offsets, b.empty_rows, b.first_empty, b.warnings.0
        )
    }

    #[test]
    fn a_body_survives_the_trip() {
        let text = b"a;1;x\n;;\nb;2\nc;3;y;extra\na;NA;x\n";
        let wire = body_of(text).to_wire();
        let back = Body::from_wire(&wire).expect("reads back");
        assert_eq!(finished(back), finished(body_of(text)));
    }

    #[test]
    fn damaged_bytes_are_refused() {
        let wire = body_of(b"a;1;x\nb;2;y\n").to_wire();
        for cut in [0, 7, 8, wire.len() / 2, wire.len() - 1] {
            assert!(Body::from_wire(&wire[..cut]).is_none(), "cut at {cut}");
        }
        // A code past the column's values.
        let mut bad = wire.clone();
        bad[16] = 9;
        assert!(Body::from_wire(&bad).is_none());
        assert!(Body::from_wire(&[0xff; 64]).is_none());
    }
}
