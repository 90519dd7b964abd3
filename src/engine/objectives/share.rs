//! A set-up in a link: JSON, deflated, base64url, after `#setup=`. The
//! fragment never reaches a server; a bad or hostile one is refused with a
//! reason, never half-applied.

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

/// Reads a set-up from a fragment, or says why it cannot.
pub fn from_fragment(fragment: &str) -> Result<SetUp, String> {
    let body = fragment
        .strip_prefix(LINK_PREFIX)
        .ok_or("not a set-up link")?;
    let packed = URL_SAFE_NO_PAD
        .decode(body.trim())
        .map_err(|_| "the link is damaged (not base64)".to_string())?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON)
        .map_err(|_| "the link is damaged or too large".to_string())?;
    parse(&json)
}

/// Reads a set-up file's JSON and checks it.
pub fn parse(json: &[u8]) -> Result<SetUp, String> {
    let s: SetUp =
        serde_json::from_slice(json).map_err(|e| format!("not a Cadran set-up ({e})"))?;
    validate(&s)?;
    Ok(s)
}

fn validate(s: &SetUp) -> Result<(), String> {
    if s.version != 1 {
        return Err(format!("set-up version {} is not supported", s.version));
    }
    if s.objectives.len() + s.alert_rules.len() > MAX_ITEMS {
        return Err("too many objectives and rules".into());
    }
    let known = |kpi: &str| crate::engine::kpi::def(kpi).is_some();
    for o in &s.objectives {
        if !known(&o.kpi) {
            return Err(format!("unknown KPI {:?} in objective {:?}", o.kpi, o.id));
        }
        if o.period.period().is_none()
            || !o.target.is_finite()
            || !(0.0..=1.0).contains(&o.alert_threshold)
        {
            return Err(format!(
                "objective {:?} has a bad period, target or threshold",
                o.id
            ));
        }
        if o.id.len() > 100 || o.note.len() > 2_000 {
            return Err(format!("objective {:?} is too long", o.id));
        }
    }
    for r in &s.alert_rules {
        if !known(&r.kpi) || !r.threshold.is_finite() || r.id.len() > 100 {
            return Err(format!("alert rule {:?} is not valid", r.id));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{Objective, ObjectivePeriod, Scope};
    use super::*;

    fn sample() -> SetUp {
        SetUp {
            version: 1,
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
        assert!(from_fragment("#page=reps").is_err());
        assert!(from_fragment("#setup=%%%").unwrap_err().contains("damaged"));
        let not_json = format!(
            "#setup={}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"hello", 6))
        );
        assert!(from_fragment(&not_json)
            .unwrap_err()
            .contains("not a Cadran set-up"));
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 4 << 20], 9);
        assert!(from_fragment(&format!("#setup={}", URL_SAFE_NO_PAD.encode(bomb))).is_err());
        let mut bad = sample();
        bad.objectives[0].kpi = "<script>".into();
        assert!(parse(&serde_json::to_vec(&bad).unwrap_or_default())
            .unwrap_err()
            .contains("unknown KPI"));
        let mut bad = sample();
        bad.objectives[0].alert_threshold = 5.0;
        assert!(parse(&serde_json::to_vec(&bad).unwrap_or_default())
            .unwrap_err()
            .contains("bad period, target or threshold"));
    }
}
