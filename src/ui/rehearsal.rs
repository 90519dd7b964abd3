//! The import step and the dashboard rendered at start-up, off the page,
//! with the engine worker's warm-up export, then thrown away.
//!
//! Why: a browser compiles each of the page's Wasm functions on its first
//! call. The user's first file paid for it on the way to the first chart:
//! traced on the realistic export at 1M lines, ~45 ms of compilation for
//! the import step and ~40 ms for the dashboard; with the page's code
//! warm, the revenue card came ~25 ms sooner after its report. Rehearsed
//! while the page waits for a file, those functions are compiled when it
//! comes.
//!
//! The worker sends what its warm-up read ([`Reply::Rehearsal`]: a file's
//! summary, report and filter values), so the page runs no engine code.
//! The rehearsal's state is its own ([`AppState::rehearsal`]): nothing is
//! saved, put in the URL, kept on the device or sent to the engine; its
//! elements are never in the document (no layout, nothing a test or a
//! screen reader finds); its charts are built, not drawn, so ECharts is
//! not fetched on a first visit. It takes a few tasks of the page (~220 ms
//! in all, the longest ~80 ms, traced), about 1.5 s after load, and none
//! when a file or the demo is being read or on the dashboard: their own
//! views then compile the code.
//!
//! [`Reply::Rehearsal`]: crate::worker::protocol::Reply::Rehearsal

use super::pages::dashboard::Dashboard;
use super::pages::data::ImportPanel;
use super::state::{AppState, InUse, Pending};
use super::worker_client;
use crate::worker::protocol::Rehearsal;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long the rehearsal stays mounted: the report comes a task after
/// the mount, the filter values a task later; the dashboard's lower part,
/// the charts among it, a task after its top (page.rs), each chart built by
/// an effect after.
const MOUNTED: Duration = Duration::from_millis(100);

/// Rehearses when a new engine worker's warm-up report comes (at start-up;
/// again after a cancel), if the page is still waiting for a file.
pub fn rehearse_when_offered(state: AppState) {
    Effect::new(move |_| {
        state.warm_up.track();
        let Some(data) = state.warm_up.try_update_untracked(Option::take).flatten() else {
            return;
        };
        let idle = state.tables.with_untracked(Vec::is_empty)
            && state.pending.with_untracked(Vec::is_empty)
            && state.progress.with_untracked(Option::is_none)
            && !worker_client::is_loading();
        if idle {
            rehearse(state, *data);
        } else {
            rehearsed();
        }
    });
}

/// Mounts the import step and the dashboard off the page, as a first
/// file goes: a table pending and in use, its frame without a report, then
/// the report with the fields to filter on, then their values; then
/// unmounts them.
fn rehearse(real: AppState, data: Rehearsal) {
    let Some(parent) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("div").ok())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return rehearsed();
    };
    let Rehearsal {
        table,
        computed,
        options,
    } = data;
    let handle = leptos::mount::mount_to(parent, move || {
        let in_use = InUse {
            id: u32::MAX - 1,
            info: table.clone(),
        };
        let pending = Pending {
            id: u32::MAX,
            info: table,
            take: true,
        };
        let state = AppState::rehearsal(&real, vec![in_use], vec![pending]);
        provide_context(state);
        // Each step a task of its own, as the worker's replies come.
        set_timeout(
            move || {
                // As `worker_client` takes a report: the fields first, their values later.
                let fields = computed.filter_fields.into_iter().map(|f| (f, Vec::new()));
                state.filter_options.set(fields.collect());
                state.data_span.set(computed.data_span);
                state.report.set(computed.report);
                set_timeout(move || state.filter_options.set(options), Duration::ZERO);
            },
            Duration::ZERO,
        );
        view! { <ImportPanel/><Dashboard/> }
    });
    set_timeout(
        move || {
            drop(handle);
            rehearsed();
        },
        MOUNTED,
    );
}

/// Says that the page's start-up work is over, whether it rehearsed or a
/// file came first (`window.cadranRehearsed`): the dashboard benchmark
/// picks its file then, as a user would some seconds after opening the
/// page. (When a file comes before the worker's warm-up, no warm-up
/// report comes, and nothing is said.)
fn rehearsed() {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"cadranRehearsed".into(), &JsValue::TRUE);
    }
}
