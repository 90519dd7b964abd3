//! Files made in the page and handed to the browser's downloads: nothing is
//! sent anywhere (a blob: or data: URL never leaves the device).

use crate::engine::export::titled_csv_table;
use crate::locale::{csv_delimiter, csv_title};
use crate::ui::state::AppState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn click_link(href: &str, file_name: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(a) = doc.create_element("a") else {
        return;
    };
    let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() else {
        return;
    };
    a.set_href(href);
    a.set_download(file_name);
    if let Some(body) = doc.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
}

/// Downloads `text` as a file.
pub fn download_text(file_name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    click_link(&url, file_name);
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Downloads what a `data:` URL holds (a chart's PNG).
pub fn download_data_url(file_name: &str, url: &str) {
    click_link(url, file_name);
}

/// Downloads a table as a CSV a spreadsheet of the user's language reads
/// (`;` and decimal comma in French), its first line naming `what` with the
/// view's period and filters, so that the file says what it holds.
pub fn download_view_csv(
    state: AppState,
    file_name: &str,
    what: &str,
    header: &[String],
    rows: &[Vec<String>],
) {
    let l = state.lang.get_untracked();
    let filters: Vec<_> = state
        .view
        .with_untracked(|v| v.filters.clone().into_iter().collect());
    let title = state.report.with_untracked(|r| {
        let period = r.period.as_ref().map(|p| (p.from.as_str(), p.to.as_str()));
        csv_title(what, period, &filters, l)
    });
    download_text(
        file_name,
        "text/csv",
        &titled_csv_table(&title, header, rows, csv_delimiter(l)),
    );
}
