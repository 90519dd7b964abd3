//! The WebAssembly entry that Trunk builds: install the panic hook, mount the app.
//! The engine worker loads this same module (see `public/worker.js`); there is
//! no window there, so nothing is mounted and the worker calls its own export.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    if web_sys::window().is_none() {
        return;
    }
    leptos::mount::mount_to_body(cadran::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("cadran-web is the browser app: build it with `trunk build --release`.");
    eprintln!("On the command line, use the `cadran` binary (cargo run --profile native --bin cadran -- --help).");
    std::process::exit(2);
}
