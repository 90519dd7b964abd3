//! The formats module of the browser: `public/worker.js` imports it the first
//! time a workbook or a Parquet file arrives (by its first bytes) and calls
//! `cadranFormatsConvert`, then feeds each table's canonical CSV to the
//! engine as it feeds a CSV file. Apart from the engine's module so that a
//! first visit never downloads calamine and parquet.

#[cfg(target_arch = "wasm32")]
mod web {
    use wasm_bindgen::prelude::*;

    /// The tables of a workbook or Parquet file: an array of
    /// `{sheet: string | null, csv: Uint8Array}`, one per sheet with a value
    /// (only `sheet` when one is named). Throws the engine's `Error` as
    /// `{kind, detail}` (`Error::to_parts`): the engine's module words it in
    /// the user's language.
    #[wasm_bindgen(js_name = cadranFormatsConvert)]
    pub fn convert(bytes: &[u8], sheet: Option<String>) -> Result<js_sys::Array, JsValue> {
        let refuse = |e: cadran_formats::Error| {
            let (kind, detail) = e.to_parts();
            let o = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&o, &"kind".into(), &kind.into());
            let _ = js_sys::Reflect::set(&o, &"detail".into(), &detail.into());
            JsValue::from(o)
        };
        let tables = match sheet {
            Some(name) => match cadran_formats::sheet(bytes, &name) {
                Ok(Some(t)) => vec![t],
                Ok(None) => return Err(refuse(cadran_formats::Error::EmptySheet { sheet: name })),
                Err(e) => return Err(refuse(e)),
            },
            None => match cadran_formats::convert(bytes) {
                Some(Ok(tables)) => tables,
                Some(Err(e)) => return Err(refuse(e)),
                None => return Err(refuse(cadran_formats::Error::Binary { hint: None })),
            },
        };
        let out = js_sys::Array::new();
        for t in tables {
            let o = js_sys::Object::new();
            let sheet = t.sheet.map_or(JsValue::NULL, |s| JsValue::from_str(&s));
            let _ = js_sys::Reflect::set(&o, &"sheet".into(), &sheet);
            let csv = js_sys::Uint8Array::from(t.csv.as_slice());
            let _ = js_sys::Reflect::set(&o, &"csv".into(), &csv);
            out.push(&o);
        }
        Ok(out)
    }
}

fn main() {}
