//! ZSTD pages, decoded in pure Rust. The `parquet` crate decodes ZSTD only
//! with its `zstd` feature, the C library's bindings, which do not build
//! for wasm32-unknown-unknown without a C compiler for it. So a ZSTD column
//! is read through its row group with the column declared uncompressed (its
//! pages then come through as they are) and each page is decoded here with
//! `ruzstd` before the record reader sees it.

use bytes::Bytes;
use parquet::basic::Compression;
use parquet::bloom_filter::Sbbf;
use parquet::column::page::{Page, PageMetadata, PageReader};
use parquet::errors::{ParquetError, Result};
use parquet::file::metadata::page_index::RowGroupPageIndex;
use parquet::file::metadata::RowGroupMetaData;
use parquet::file::properties::ReaderProperties;
use parquet::file::reader::RowGroupReader;
use parquet::file::serialized_reader::SerializedRowGroupReader;
use parquet::record::reader::RowIter;
use parquet::schema::types::Type as SchemaType;
use std::io::Read;
use std::sync::Arc;

/// The row group as its ZSTD columns declared uncompressed, so that their
/// pages come through undecoded.
pub fn undeclared(group: &RowGroupMetaData) -> Result<RowGroupMetaData> {
    let columns = group
        .columns()
        .iter()
        .map(|c| match c.compression() {
            Compression::ZSTD(_) => c
                .clone()
                .into_builder()
                .set_compression(Compression::UNCOMPRESSED)
                .build(),
            _ => Ok(c.clone()),
        })
        .collect::<Result<Vec<_>>>()?;
    group
        .clone()
        .into_builder()
        .set_column_metadata(columns)
        .build()
}

/// A row group whose ZSTD columns' pages are decoded on the way.
pub struct Group<'a> {
    inner: SerializedRowGroupReader<'a, Bytes>,
    zstd: Vec<bool>,
}

impl<'a> Group<'a> {
    /// `declared` is the row group as the file says it; `undeclared`, as
    /// [`undeclared`] made it (it must outlive the reader).
    pub fn new(
        file: Bytes,
        declared: &RowGroupMetaData,
        undeclared: &'a RowGroupMetaData,
        index: usize,
    ) -> Result<Self> {
        let zstd = declared
            .columns()
            .iter()
            .map(|c| matches!(c.compression(), Compression::ZSTD(_)))
            .collect();
        let props = Arc::new(ReaderProperties::builder().build());
        let inner = SerializedRowGroupReader::new(
            Arc::new(file),
            undeclared,
            RowGroupPageIndex::new(index, None),
            props,
        )?;
        Ok(Group { inner, zstd })
    }
}

impl RowGroupReader for Group<'_> {
    fn metadata(&self) -> &RowGroupMetaData {
        self.inner.metadata()
    }

    fn num_columns(&self) -> usize {
        self.inner.num_columns()
    }

    fn get_column_page_reader(&self, i: usize) -> Result<Box<dyn PageReader>> {
        let pages = self.inner.get_column_page_reader(i)?;
        Ok(if self.zstd.get(i).copied().unwrap_or(false) {
            Box::new(Decoded(pages))
        } else {
            pages
        })
    }

    fn get_column_bloom_filter(&self, _: usize) -> Option<&Sbbf> {
        None
    }

    fn get_row_iter(&self, projection: Option<SchemaType>) -> Result<RowIter<'_>> {
        RowIter::from_row_group(projection, self)
    }
}

/// A column's pages, each decoded from ZSTD.
struct Decoded(Box<dyn PageReader>);

impl Iterator for Decoded {
    type Item = Result<Page>;

    fn next(&mut self) -> Option<Self::Item> {
        self.get_next_page().transpose()
    }
}

impl PageReader for Decoded {
    fn get_next_page(&mut self) -> Result<Option<Page>> {
        self.0.get_next_page()?.map(decode).transpose()
    }

    fn peek_next_page(&mut self) -> Result<Option<PageMetadata>> {
        self.0.peek_next_page()
    }

    fn skip_next_page(&mut self) -> Result<()> {
        self.0.skip_next_page()
    }

    fn at_record_boundary(&mut self) -> Result<bool> {
        self.0.at_record_boundary()
    }
}

fn decode(page: Page) -> Result<Page> {
    Ok(match page {
        Page::DataPage {
            buf,
            num_values,
            encoding,
            def_level_encoding,
            rep_level_encoding,
            statistics,
        } => Page::DataPage {
            buf: inflate(&buf, 0)?,
            num_values,
            encoding,
            def_level_encoding,
            rep_level_encoding,
            statistics,
        },
        Page::DataPageV2 {
            buf,
            num_values,
            encoding,
            num_nulls,
            num_rows,
            def_levels_byte_len,
            rep_levels_byte_len,
            is_compressed,
            statistics,
        } => {
            // Version 2 keeps its levels uncompressed, ahead of the values.
            let levels = (def_levels_byte_len + rep_levels_byte_len) as usize;
            Page::DataPageV2 {
                buf: if is_compressed {
                    inflate(&buf, levels)?
                } else {
                    buf
                },
                num_values,
                encoding,
                num_nulls,
                num_rows,
                def_levels_byte_len,
                rep_levels_byte_len,
                is_compressed: false,
                statistics,
            }
        }
        Page::DictionaryPage {
            buf,
            num_values,
            encoding,
            is_sorted,
        } => Page::DictionaryPage {
            buf: inflate(&buf, 0)?,
            num_values,
            encoding,
            is_sorted,
        },
    })
}

/// `buf` with its bytes from `keep` on decoded from ZSTD frames.
fn inflate(buf: &[u8], keep: usize) -> Result<Bytes> {
    let bad = |e: &dyn std::fmt::Display| ParquetError::General(format!("ZSTD page: {e}"));
    let (head, mut rest) = buf.split_at(keep.min(buf.len()));
    let mut out = head.to_vec();
    while !rest.is_empty() {
        let mut frame = ruzstd::decoding::StreamingDecoder::new(&mut rest).map_err(|e| bad(&e))?;
        frame.read_to_end(&mut out).map_err(|e| bad(&e))?;
    }
    Ok(Bytes::from(out))
}
