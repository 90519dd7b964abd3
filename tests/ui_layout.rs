//! The UI's shape, read from its source: every French or English word is
//! chosen in `src/locale`, the chart builders stay pure, and the UI's
//! folders import each other one way (docs/ARCHITECTURE.md, "UI").

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each `.rs` file under `src/<dir>`, with its path from `src/` and its text.
fn sources(dir: &str) -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src.join(dir), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The code before the file's test module (tests sit at the end).
fn code(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or("")
}

/// `file:line: text` for each line of `text` holding one of `needles`.
fn hits(name: &str, text: &str, needles: &[&str]) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .filter(|(_, l)| needles.iter().any(|n| l.contains(n)))
        .map(|(i, l)| format!("{name}:{}: {}", i + 1, l.trim()))
        .collect()
}

#[test]
fn words_are_chosen_in_locale_only() {
    let mut found = Vec::new();
    for dir in ["ui", "charts"] {
        for (name, text) in sources(dir) {
            // A branch on the language means a word chosen here, not in `locale`
            // (a test module may name a language to read the words it checks).
            found.extend(hits(&name, code(&text), &["Lang::Fr", "Lang::En"]));
            // `lang.pick("oui", "yes")` is the same choice under another name.
            found.extend(hits(&name, code(&text), &[".pick(\""]));
            // Importing the variants would hide the same branch under other names.
            found.extend(hits(&name, code(&text), &["Lang::*", "Lang::{"]));
        }
    }
    assert!(
        found.is_empty(),
        "choose French or English words with a function of src/locale:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checks_see_a_branch_on_the_language() {
    let branch =
        "fn f(l: Lang) -> &'static str {\n    if l == Lang::Fr { \"oui\" } else { \"yes\" }\n}\n";
    assert_eq!(
        hits("x.rs", branch, &["Lang::Fr", "Lang::En"]),
        ["x.rs:2: if l == Lang::Fr { \"oui\" } else { \"yes\" }"]
    );
    let hidden = "use crate::locale::Lang::*;\n#[cfg(test)]\nmod tests {}\n";
    assert_eq!(hits("x.rs", code(hidden), &["Lang::*"]).len(), 1);
    assert_eq!(code("a\n#[cfg(test)]\nb"), "a\n");
}

#[test]
fn chart_builders_stay_pure() {
    let mut found = Vec::new();
    for (name, text) in sources("charts") {
        found.extend(hits(
            &name,
            &text,
            &["leptos", "web_sys", "js_sys", "wasm_bindgen", "gloo"],
        ));
    }
    assert!(
        found.is_empty(),
        "src/charts builds options, it never touches the page:\n{}",
        found.join("\n")
    );
}

/// The UI folder a file belongs to: `state`, `widgets`, `worker_client`,
/// `pages/dashboard`…, or `app` for the files at the top.
fn part(name: &str) -> String {
    let rest = name.trim_start_matches("ui/");
    let mut segments = rest.split('/');
    match (segments.next(), segments.next()) {
        (Some("pages"), Some(page)) if !page.ends_with(".rs") => format!("pages/{page}"),
        (Some("state" | "widgets" | "pages"), _) => rest.split('/').next().unwrap().to_string(),
        (Some("worker_client"), _) => "worker_client".into(),
        _ => "app".into(),
    }
}

/// The UI parts a file's code names through `crate::ui::…` paths.
fn parts_used(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in code(text).split("crate::ui::").skip(1) {
        let path: String = piece
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        let mut segs = path.split("::");
        let used = match (segs.next(), segs.next()) {
            (Some("pages"), Some(page)) => format!("pages/{page}"),
            (Some(first), _) => first.to_string(),
            _ => continue,
        };
        if !out.contains(&used) {
            out.push(used);
        }
    }
    out
}

/// Which parts a part may import: pages → widgets → state, pages →
/// worker_client → state; `app` (the frame: `app.rs`, `rehearsal.rs`…)
/// uses them all.
fn allowed(from: &str, to: &str) -> bool {
    match from {
        "app" => true,
        _ if from == to => true,
        "state" => false,
        "worker_client" => to == "state",
        "widgets" => to == "state",
        _ if from.starts_with("pages/") => {
            matches!(to, "state" | "widgets" | "worker_client")
        }
        _ => false,
    }
}

#[test]
fn ui_folders_import_each_other_one_way() {
    let mut wrong = Vec::new();
    for (name, text) in sources("ui") {
        let from = part(&name);
        // `super::` must stay within the file's folder, where the check
        // cannot see it: never two levels up, nor up from a folder's
        // `mod.rs` or from the worker client.
        let leaves_folder =
            (name.ends_with("/mod.rs") && name != "ui/mod.rs") || from == "worker_client";
        if text.contains("super::super") || (leaves_folder && code(&text).contains("super::")) {
            wrong.push(format!("{name}: super:: leaves its folder"));
        }
        for to in parts_used(&text) {
            if !allowed(&from, &to) {
                wrong.push(format!("{name} ({from}) imports {to}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies in src/ui point one way (docs/ARCHITECTURE.md):\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_layer_check_reads_paths_as_written() {
    assert_eq!(part("ui/state/storage.rs"), "state");
    assert_eq!(part("ui/pages/data/import.rs"), "pages/data");
    assert_eq!(part("ui/pages/mod.rs"), "pages");
    assert_eq!(part("ui/worker_client/mod.rs"), "worker_client");
    assert_eq!(part("ui/worker_client/confirmation.rs"), "worker_client");
    assert_eq!(part("ui/app.rs"), "app");
    assert_eq!(
        parts_used("use crate::ui::state::AppState;\nuse crate::ui::pages::objectives::X;\n"),
        ["state", "pages/objectives"]
    );
    assert!(!allowed("widgets", "pages/dashboard"));
    assert!(!allowed("pages/reps", "pages/data"));
    assert!(!allowed("state", "worker_client"));
    assert!(allowed("pages/reps", "widgets"));
}

/// The app's modules import one way (docs/ARCHITECTURE.md, "Dependencies
/// point one way"): `locale` sits under `charts`, which sits under the page
/// and the worker; a word or an id needed on both sides goes down, not up.
#[test]
fn app_modules_import_one_way() {
    let rules: [(&str, &[&str]); 3] = [
        (
            "locale",
            &["crate::charts", "crate::ui", "crate::worker", "crate::view"],
        ),
        ("charts", &["crate::ui", "crate::worker", "crate::view"]),
        ("worker", &["crate::ui", "crate::charts"]),
    ];
    let mut found = Vec::new();
    for (dir, above) in rules {
        for (name, text) in sources(dir) {
            found.extend(hits(&name, code(&text), above));
        }
    }
    // The view (one file) sits under the worker and the page.
    let view =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/view.rs")).unwrap();
    found.extend(hits(
        "view.rs",
        code(&view),
        &["crate::ui", "crate::worker", "crate::charts"],
    ));
    assert!(
        found.is_empty(),
        "imports against the modules' order:\n{}",
        found.join("\n")
    );
    // The check sees such an import.
    assert_eq!(
        hits(
            "locale/x.rs",
            "use crate::charts::ChartId;\n",
            &["crate::charts"]
        )
        .len(),
        1
    );
}
