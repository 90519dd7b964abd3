//! A set-up in a link: JSON, deflated, base64url, after `#setup=`. The
//! fragment never reaches a server; a bad or hostile one is refused with a
//! reason, never half-applied.

use super::file::{ContentError, SetUpFile};
use super::SetUp;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Refuse links that would inflate past this (a decompression bomb).
const MAX_JSON: usize = 1 << 20;
const MAX_ITEMS: usize = 5_000;

pub const LINK_PREFIX: &str = "#setup=";

/// The fragment (with `#setup=`) that carries a set-up.
pub fn to_fragment(s: &SetUp) -> String {
    let json = serde_json::to_vec(s).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{LINK_PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Why a set-up file or link is refused; the UI says it in the user's
/// language (`locale::setup_error`), the CLI in English (`Display`).
#[derive(Debug, Clone, PartialEq)]
pub enum SetupError {
    NotALink,
    /// The link's text is not base64url (cut or altered when copied).
    LinkDamaged,
    /// The link does not inflate, or would inflate past 1 MB.
    LinkTooLarge,
    /// Not JSON, or cut short: where the reading stopped.
    NotJson {
        line: usize,
        column: usize,
    },
    MissingField {
        field: String,
        line: usize,
    },
    /// A word the file format does not know (`"when": "sometimes"`).
    UnknownWord {
        word: String,
        line: usize,
    },
    /// A number where text is expected, or the reverse.
    WrongType {
        line: usize,
        column: usize,
    },
    Content(ContentError),
    TooMany,
    UnknownKpi {
        id: String,
        kpi: String,
    },
    BadPeriod {
        id: String,
    },
    BadTarget {
        id: String,
    },
    BadThreshold {
        id: String,
    },
    TooLong {
        id: String,
    },
    BadRule {
        id: String,
    },
}

/// Reads a set-up from a fragment, or says why it cannot.
pub fn from_fragment(fragment: &str) -> Result<SetUp, SetupError> {
    let body = fragment
        .strip_prefix(LINK_PREFIX)
        .ok_or(SetupError::NotALink)?;
    let packed = URL_SAFE_NO_PAD
        .decode(body.trim())
        .map_err(|_| SetupError::LinkDamaged)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON)
        .map_err(|_| SetupError::LinkTooLarge)?;
    parse(&json)
}

/// serde's message without its position: "missing field `id`".
fn json_error(e: &serde_json::Error) -> SetupError {
    let (line, column) = (e.line(), e.column());
    if !e.is_data() {
        return SetupError::NotJson { line, column };
    }
    let text = e.to_string();
    let quoted = |prefix: &str| {
        text.strip_prefix(prefix)
            .and_then(|rest| rest.split('`').next())
            .map(str::to_string)
    };
    if let Some(field) = quoted("missing field `") {
        SetupError::MissingField { field, line }
    } else if let Some(word) = quoted("unknown variant `") {
        SetupError::UnknownWord { word, line }
    } else {
        SetupError::WrongType { line, column }
    }
}

/// Reads a set-up file's JSON (version 1 or 2) and checks it.
pub fn parse(json: &[u8]) -> Result<SetUp, SetupError> {
    let file: SetUpFile = serde_json::from_slice(json).map_err(|e| json_error(&e))?;
    let s = file.into_set_up().map_err(SetupError::Content)?;
    validate(&s)?;
    Ok(s)
}

fn validate(s: &SetUp) -> Result<(), SetupError> {
    if s.objectives.len() + s.alert_rules.len() > MAX_ITEMS {
        return Err(SetupError::TooMany);
    }
    let known = |kpi: &str| crate::kpi::def(kpi).is_some();
    for o in &s.objectives {
        let id = || o.id.chars().take(100).collect::<String>();
        if !known(&o.kpi) {
            return Err(SetupError::UnknownKpi {
                id: id(),
                kpi: o.kpi.chars().take(100).collect(),
            });
        }
        if o.id.len() > 100 || o.note.len() > 2_000 {
            return Err(SetupError::TooLong { id: id() });
        }
        if o.period.period().is_none() {
            return Err(SetupError::BadPeriod { id: id() });
        }
        if !o.target.is_finite() {
            return Err(SetupError::BadTarget { id: id() });
        }
        if !(0.0..=1.0).contains(&o.alert_threshold) {
            return Err(SetupError::BadThreshold { id: id() });
        }
    }
    for r in &s.alert_rules {
        if !known(&r.kpi) || !r.threshold.is_finite() || r.id.len() > 100 {
            return Err(SetupError::BadRule {
                id: r.id.chars().take(100).collect(),
            });
        }
    }
    Ok(())
}

impl std::fmt::Display for SetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use SetupError::*;
        match self {
            NotALink => write!(f, "not a set-up link"),
            LinkDamaged => write!(f, "the link is damaged (not base64)"),
            LinkTooLarge => write!(f, "the link is damaged or too large"),
            NotJson { line, column } => write!(
                f,
                "not a Cadran set-up (not JSON, line {line}, column {column})"
            ),
            MissingField { field, line } => {
                write!(
                    f,
                    "not a Cadran set-up (missing field `{field}`, line {line})"
                )
            }
            UnknownWord { word, line } => {
                write!(
                    f,
                    "not a Cadran set-up (unknown value `{word}`, line {line})"
                )
            }
            WrongType { line, column } => write!(
                f,
                "not a Cadran set-up (a value of the wrong type, line {line}, column {column})"
            ),
            Content(e) => write!(f, "{e}"),
            TooMany => write!(f, "too many objectives and rules"),
            UnknownKpi { id, kpi } => write!(f, "unknown KPI {kpi:?} in objective {id:?}"),
            BadPeriod { id } => write!(f, "objective {id:?} has a bad period"),
            BadTarget { id } => write!(f, "objective {id:?} has a bad target"),
            BadThreshold { id } => {
                write!(f, "objective {id:?} has an alert threshold outside 0 to 1")
            }
            TooLong { id } => write!(f, "objective {id:?} is too long"),
            BadRule { id } => write!(f, "alert rule {id:?} is not valid"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Objective, ObjectivePeriod, Scope};
    use super::*;

    fn sample() -> SetUp {
        SetUp {
            version: super::super::file::CURRENT_VERSION,
            objectives: vec![Objective {
                id: "o1".into(),
                kpi: "revenue".into(),
                scope: Scope::team(),
                period: ObjectivePeriod::Quarter("2025-Q4".into()),
                target: 1_000_000.0,
                alert_threshold: 0.9,
                note: "<img src=x onerror=alert(1)> stays text".into(),
            }],
            ..SetUp::default()
        }
    }

    #[test]
    fn links_round_trip() {
        let f = to_fragment(&sample());
        assert!(f.starts_with("#setup=") && !f.contains('+') && !f.contains('/'));
        assert_eq!(from_fragment(&f), Ok(sample()));
    }

    #[test]
    fn bad_links_are_refused_with_a_reason() {
        assert_eq!(from_fragment("#page=reps"), Err(SetupError::NotALink));
        assert_eq!(from_fragment("#setup=%%%"), Err(SetupError::LinkDamaged));
        let not_json = format!(
            "#setup={}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"hello", 6))
        );
        assert_eq!(
            from_fragment(&not_json),
            Err(SetupError::NotJson { line: 1, column: 1 })
        );
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 4 << 20], 9);
        assert_eq!(
            from_fragment(&format!("#setup={}", URL_SAFE_NO_PAD.encode(bomb))),
            Err(SetupError::LinkTooLarge)
        );
        let mut bad = sample();
        bad.objectives[0].kpi = "<script>".into();
        assert_eq!(
            parse(&serde_json::to_vec(&bad).unwrap_or_default()),
            Err(SetupError::UnknownKpi {
                id: "o1".into(),
                kpi: "<script>".into()
            })
        );
        let mut bad = sample();
        bad.objectives[0].alert_threshold = 5.0;
        assert_eq!(
            parse(&serde_json::to_vec(&bad).unwrap_or_default()),
            Err(SetupError::BadThreshold { id: "o1".into() })
        );
    }

    #[test]
    fn a_malformed_file_says_what_and_where() {
        let missing_id = b"{\"version\": 2,\n \"objectives\": [{\"kpi\": \"revenue\"}]}";
        assert_eq!(
            parse(missing_id),
            Err(SetupError::MissingField {
                field: "id".into(),
                line: 2
            })
        );
        let bad_when = br#"{"alert_rules": [{"id": "r", "kpi": "revenue", "when": "sometimes", "threshold": 1}]}"#;
        assert_eq!(
            parse(bad_when),
            Err(SetupError::UnknownWord {
                word: "sometimes".into(),
                line: 1
            })
        );
        assert!(matches!(
            parse(b"{\"objectives\": 3}"),
            Err(SetupError::WrongType { line: 1, .. })
        ));
        assert!(matches!(
            parse(b"{\"objectives\": ["),
            Err(SetupError::NotJson { line: 1, .. })
        ));
        assert_eq!(
            parse(br#"{"version": 7}"#),
            Err(SetupError::Content(ContentError::Version(7)))
        );
    }
}
