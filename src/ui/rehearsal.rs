//! The import step and the dashboard rendered once at start-up, off the
//! page, with the engine worker's warm-up export, then thrown away.
//!
//! Why: a browser compiles each of the page's Wasm functions on its first
//! call. The user's first file paid for it on the way to the first chart:
//! traced on the realistic export at 1M lines, ~45 ms of compilation for
//! the import step and ~40 ms for the dashboard; with the page's code
//! warm, the revenue card came ~20 ms sooner after its report. Rehearsed
//! while the page waits for a file, those functions are compiled when it
//! comes.
//!
//! The worker sends what its warm-up read ([`Reply::Rehearsal`]: a file's
//! summary, report and filter values), so the page runs no engine code.
//! The rehearsal's state is its own ([`AppState::rehearsal`]): nothing is
//! saved, put in the URL, kept on the device or sent to the engine; its
//! elements are never in the document (no layout, nothing a test or a
//! screen reader finds); its charts are built, not drawn, so ECharts is
//! not fetched on a first visit. It runs in a few tasks of the page, none
//! long, and not at all when a file or the demo came first (their own
//! views then compile the code).
//!
//! [`Reply::Rehearsal`]: crate::worker::protocol::Reply::Rehearsal

use super::pages::dashboard::Dashboard;
use super::pages::data::ImportPanel;
use super::state::{AppState, InUse, Pending};
use crate::engine::kpi;
use crate::worker::protocol::Rehearsal;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// How long the rehearsal stays mounted once its report and filter values
/// are in: the dashboard mounts its lower part, the charts among it, a task
/// after its top (page.rs), and each chart is built by an effect after.
const MOUNTED: Duration = Duration::from_millis(100);

/// Rehearses once, when the worker's warm-up report comes, if the page is
/// still waiting for a file.
pub fn rehearse_when_offered(state: AppState) {
    Effect::new(move |_| {
        state.warm_up.track();
        let Some(data) = state.warm_up.try_update_untracked(Option::take).flatten() else {
            return;
        };
        let idle = state.tables.with_untracked(Vec::is_empty)
            && state.pending.with_untracked(Vec::is_empty)
            && state.progress.with_untracked(Option::is_none);
        if idle {
            rehearse(*data);
        } else {
            rehearsed();
        }
    });
}

/// Mounts the import step and the dashboard off the page, as a first
/// file goes: a table pending and in use, its frame without a report, then
/// the report, then the filter values; then unmounts them.
fn rehearse(data: Rehearsal) {
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
    let empty = kpi::report(&kpi::Workspace::default(), &kpi::Query::default());
    let handle = leptos::mount::mount_to(parent, move || {
        let state = AppState::rehearsal(
            vec![InUse {
                id: u32::MAX - 1,
                info: table.clone(),
            }],
            vec![Pending {
                id: u32::MAX,
                info: table,
                take: true,
            }],
            empty,
            None,
        );
        provide_context(state);
        // Each step a task of its own, as the replies come.
        set_timeout(
            move || {
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

/// Says that the page's start-up work is over, rehearsed or not
/// (`window.cadranRehearsed`): the dashboard benchmark picks its file
/// then, as a user would some seconds after opening the page.
fn rehearsed() {
    if let Some(w) = web_sys::window() {
        let _ = js_sys::Reflect::set(&w, &"cadranRehearsed".into(), &JsValue::TRUE);
    }
}
