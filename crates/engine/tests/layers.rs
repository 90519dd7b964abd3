//! The KPI code's layers import one way only (docs/ARCHITECTURE.md, "The
//! KPI layers"): `core` ← `model` ← `prepared` ← the families and the
//! `checks` ← `kpi/mod.rs`. This reads every source file of `src/kpi`,
//! resolves each path that names a module of `kpi` (`crate::kpi::…`,
//! `super::…`, `self::…`) and fails on an import that points up, or
//! sideways from one family to another but for the edges listed in
//! [`ALLOWED`]. Test modules (from `#[cfg(test)]` on) may reach any layer:
//! they check a fast path against the code that reads it.

use std::path::{Path, PathBuf};

/// The layers, lowest first. A file may import its own layer's module and
/// those of lower layers; families are one layer but separate modules.
const LAYERS: &[(&str, &[&str])] = &[
    ("core", &["core"]),
    ("model", &["model"]),
    ("prepared", &["prepared"]),
    (
        "families",
        &[
            "sales",
            "pipeline",
            "prospecting",
            "activity",
            "marketing",
            "satisfaction",
            "receivables",
            "team",
            "checks",
        ],
    ),
];

/// Imports between modules of one layer that are allowed, with why.
const ALLOWED: &[(&str, &str)] = &[
    // The rep view sums up, per rep, what the sales walk found (revenue,
    // margin, orders, reps seen per period, first sales) ...
    ("team", "sales"),
    // ... and what the activities counted (visits, reps active per period).
    ("team", "activity"),
];

/// The layer of a top-level module of `kpi` (`None`: `kpi/mod.rs` itself,
/// the orchestration above every layer).
fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, m)| m.contains(&module))
}

/// Whether code in module `from` may name module `to` (both top-level
/// modules of `kpi`; `to` is `""` for `kpi` itself).
fn allowed(from: &str, to: &str) -> bool {
    if from == to {
        return true;
    }
    let (Some(a), Some(b)) = (layer_of(from), layer_of(to)) else {
        // Naming `kpi` itself (its re-exports) is naming the top layer.
        return false;
    };
    b < a || (a == b && ALLOWED.contains(&(from, to)))
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `kpi` (`["sales", "walk"]` for
/// `sales/walk.rs`, `["sales"]` for `sales/mod.rs`, `[]` for `mod.rs`).
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without its comments, its string literals and its
/// test module (from the first `#[cfg(test)]` on).
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        // Strings hold words, not paths: drop what lies between quotes.
        let mut inside = false;
        for c in line.chars() {
            if c == '"' {
                inside = !inside;
            } else if !inside {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

/// Reads an identifier at the start of `s`.
fn ident(s: &str) -> &str {
    let end = s
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(s.len());
    &s[..end]
}

/// The first segments named by what follows a path prefix: one
/// identifier, or each item of a `{…}` group.
fn first_segments(rest: &str) -> Vec<String> {
    let rest = rest.trim_start();
    if let Some(group) = rest.strip_prefix('{') {
        // Split the group at its own commas, up to its closing brace.
        let (mut depth, mut items, mut item) = (0, Vec::new(), String::new());
        for c in group.chars() {
            match c {
                '}' if depth == 0 => break,
                ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                _ => {
                    depth += (c == '{') as i32 - (c == '}') as i32;
                    item.push(c);
                }
            }
        }
        items.push(item);
        items
            .iter()
            .map(|i| ident(i.trim()).to_string())
            .filter(|i| !i.is_empty())
            .collect()
    } else {
        vec![ident(rest).to_string()]
    }
}

/// The top-level modules of `kpi` a file's code names (`""`: `kpi`
/// itself), each with the text that names it.
fn named_modules(module: &[String], code: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < code.len() {
        let at_start = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        let rest = &code[i..];
        let resolved: Option<(Vec<String>, &str)> = if !at_start {
            None
        } else if let Some(r) = rest.strip_prefix("crate::kpi::") {
            Some((Vec::new(), r))
        } else if rest.starts_with("super::") || rest.starts_with("self::") {
            // Climb one module per `super::`.
            let mut base = module.to_vec();
            let mut r = rest;
            if let Some(s) = r.strip_prefix("self::") {
                r = s;
            }
            while let Some(s) = r.strip_prefix("super::") {
                base.pop();
                r = s;
            }
            Some((base, r))
        } else {
            None
        };
        if let Some((base, r)) = resolved {
            let names: Vec<String> = match base.first() {
                // Inside a top-level module: that module, whatever follows.
                Some(top) => vec![top.clone()],
                None => first_segments(r),
            };
            let end = rest.find([';', '\n']).unwrap_or(rest.len());
            for name in names {
                // `crate::kpi::x` where `x` is an item of `kpi/mod.rs`.
                let top = if layer_of(&name).is_some() {
                    name
                } else {
                    String::new()
                };
                out.push((top, rest[..end].to_string()));
            }
            i += rest.len() - r.len();
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// Every import of `kpi`'s files that its layers forbid, as
/// "file: path (module → module)".
fn violations(kpi: &Path) -> Vec<String> {
    let mut files = Vec::new();
    sources(kpi, &mut files);
    files.sort();
    let mut bad = Vec::new();
    for file in files {
        let relative = file.strip_prefix(kpi).unwrap();
        let module = module_of(relative);
        let Some(from) = module.first() else {
            // `kpi/mod.rs` runs the layers: it may name any.
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        for (to, path) in named_modules(&module, &code_of(&text)) {
            if !allowed(from, &to) {
                let to = if to.is_empty() { "kpi" } else { to.as_str() };
                bad.push(format!("{}: {path} ({from} → {to})", relative.display()));
            }
        }
    }
    bad
}

fn kpi_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/kpi")
}

#[test]
fn kpi_layers_import_one_way() {
    let bad = violations(&kpi_dir());
    assert!(
        bad.is_empty(),
        "imports against the layers:\n{}",
        bad.join("\n")
    );
}

#[test]
fn every_kpi_module_has_a_layer() {
    let mut tops: Vec<String> = std::fs::read_dir(kpi_dir())
        .unwrap()
        .map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().to_string();
            name.trim_end_matches(".rs").to_string()
        })
        .filter(|n| n != "mod")
        .collect();
    tops.sort();
    let without: Vec<&String> = tops.iter().filter(|t| layer_of(t).is_none()).collect();
    assert!(
        without.is_empty(),
        "modules of kpi with no layer: {without:?}"
    );
}

/// The reader of paths, on hand-written code: what it resolves, and that
/// an import up the layers is caught while one down is not.
#[test]
fn paths_are_resolved_from_the_file_they_are_in() {
    let walk = ["sales".to_string(), "walk".to_string()];
    let code = "use super::totals::Totals;\nuse crate::kpi::{core::sum::Sum, model::Model};\n\
                use crate::kpi::report;\nlet x = self::line_sums::LineSums::new();\n";
    let found: Vec<String> = named_modules(&walk, &code_of(code))
        .into_iter()
        .map(|(m, _)| m)
        .collect();
    assert_eq!(found, ["sales", "core", "model", "", "sales"]);
    // Two levels up from `prepared/sales.rs` is `kpi`: `pipeline` is a family.
    let sales = ["prepared".to_string(), "sales".to_string()];
    let up = named_modules(&sales, "use super::super::pipeline::Scalars;");
    assert_eq!(up[0].0, "pipeline");
    assert!(!allowed("prepared", "pipeline"));
    assert!(allowed("pipeline", "prepared"));
    assert!(!allowed("core", "model"));
    assert!(!allowed("marketing", "sales"));
    assert!(allowed("team", "sales"));
    assert!(!allowed("sales", "team"));
    assert!(!allowed("model", ""));
    // Comments, strings and the test module do not count.
    let quiet = "// use crate::kpi::team;\nlet s = \"crate::kpi::team\";\n\
                 #[cfg(test)]\nmod tests { use crate::kpi::team; }\n";
    assert!(named_modules(&["core".into()], &code_of(quiet)).is_empty());
}
