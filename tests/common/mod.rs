//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// `tests/data/<rel>`: the public exports the tests read (tests/data/PROVENANCE.md).
pub fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("data")
        .join(rel)
}

pub fn read_data(rel: &str) -> Vec<u8> {
    let p = data(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Windows-1252 bytes of a string (every char must exist in Windows-1252).
pub fn to_cp1252(s: &str) -> Vec<u8> {
    let (bytes, _, bad) = encoding_rs::WINDOWS_1252.encode(s);
    assert!(!bad, "not representable in Windows-1252");
    bytes.into_owned()
}

/// UTF-16 with a BOM, little or big endian.
pub fn to_utf16(s: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for u in s.encode_utf16() {
        out.extend_from_slice(&if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

/// The demo workspace read as the app reads it.
pub fn demo_workspace(seed: u64, order_lines: usize) -> cadran::engine::kpi::Workspace {
    let tables = cadran::engine::demo::workspace_files(seed, order_lines)
        .into_iter()
        .map(|(name, bytes)| {
            cadran::engine::read(&name, &bytes, &cadran::engine::Options::default())
                .unwrap_or_else(|e| panic!("{name}: {e:?}"))
        })
        .collect();
    cadran::engine::kpi::Workspace { tables }
}

/// What `cadran ARGS…` (the binary of this build) prints; it must succeed.
pub fn cli_text<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_cadran"))
        .args(args)
        .output()
        .expect("cadran runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// `cadran ARGS…`, its report parsed from stdout.
pub fn cli<S: AsRef<std::ffi::OsStr>>(
    args: &[S],
) -> cadran::engine::Report<cadran::engine::messages::Said> {
    serde_json::from_str(&cli_text(args)).expect("cadran kpis prints the report")
}

/// A workspace of small in-memory files: (file name, CSV text).
pub fn workspace_of(files: &[(&str, &str)]) -> cadran::engine::kpi::Workspace {
    cadran::engine::kpi::Workspace {
        tables: files
            .iter()
            .map(|(name, text)| {
                cadran::engine::read(name, text.as_bytes(), &cadran::engine::Options::default())
                    .expect(name)
            })
            .collect(),
    }
}
