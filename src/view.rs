//! What the user is looking at: the page, the period, what it is compared
//! with and the filters. It
//! lives in the URL fragment (so a reload or a shared link reopens the same
//! view over the user's own data; a fragment never reaches a server) and in
//! localStorage.

use crate::engine::kpi::{Period, Preset, Query};
use crate::engine::parse::date::parse_iso_day;
use crate::engine::report::Comparison;
use crate::engine::Field;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Page {
    #[default]
    Dashboard,
    Reps,
    Objectives,
    Data,
}

impl Page {
    pub fn code(self) -> &'static str {
        match self {
            Page::Dashboard => "dashboard",
            Page::Reps => "reps",
            Page::Objectives => "objectives",
            Page::Data => "data",
        }
    }
    fn from_code(s: &str) -> Option<Page> {
        [Page::Dashboard, Page::Reps, Page::Objectives, Page::Data]
            .into_iter()
            .find(|p| p.code() == s)
    }
}

/// The period choice: all the data, a preset, or a custom range (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PeriodChoice {
    #[default]
    All,
    Preset(Preset),
    Custom(String, String),
}

/// What the cards and the charts compare the period with. The previous
/// period by default: it exists for every period (last year often falls
/// before a short export), and it is what the cards showed first before
/// there was a choice, so an old link reads as it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompareChoice {
    #[default]
    Previous,
    LastYear,
    Nothing,
}

impl CompareChoice {
    pub const ALL: [CompareChoice; 3] = [
        CompareChoice::Previous,
        CompareChoice::LastYear,
        CompareChoice::Nothing,
    ];
    pub fn code(self) -> &'static str {
        match self {
            CompareChoice::Previous => "previous",
            CompareChoice::LastYear => "last_year",
            CompareChoice::Nothing => "none",
        }
    }
    pub fn from_code(s: &str) -> Option<CompareChoice> {
        Self::ALL.into_iter().find(|c| c.code() == s)
    }
    /// The engine's comparison shown, if any.
    pub fn comparison(self) -> Option<Comparison> {
        match self {
            CompareChoice::Previous => Some(Comparison::Previous),
            CompareChoice::LastYear => Some(Comparison::LastYear),
            CompareChoice::Nothing => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ViewState {
    pub page: Page,
    pub period: PeriodChoice,
    /// Absent from views kept before there was a choice: the default.
    #[serde(default)]
    pub compare: CompareChoice,
    /// One value per filtered dimension.
    pub filters: BTreeMap<Field, String>,
}

fn preset_code(p: Preset) -> String {
    serde_json::to_value(p)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn preset_from(s: &str) -> Option<Preset> {
    serde_json::from_value(serde_json::Value::String(s.into())).ok()
}

fn field_from(s: &str) -> Option<Field> {
    serde_json::from_value(serde_json::Value::String(s.into())).ok()
}

/// `%`-encodes what a fragment parameter cannot hold as is.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or(""), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                    }
                    Err(_) => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl ViewState {
    /// `#page=reps&period=this_year&compare=last_year&rep=Ann%20Martin`.
    pub fn to_fragment(&self) -> String {
        let mut parts = vec![format!("page={}", self.page.code())];
        match &self.period {
            PeriodChoice::All => {}
            PeriodChoice::Preset(p) => parts.push(format!("period={}", preset_code(*p))),
            PeriodChoice::Custom(f, t) => {
                parts.push(format!("from={}&to={}", encode(f), encode(t)))
            }
        }
        // The default is left out: a link without it means the previous period.
        if self.compare != CompareChoice::default() {
            parts.push(format!("compare={}", self.compare.code()));
        }
        for (field, value) in &self.filters {
            parts.push(format!("{}={}", field.name(), encode(value)));
        }
        format!("#{}", parts.join("&"))
    }

    /// Reads a fragment; unknown or broken parts are ignored, never an error.
    pub fn from_fragment(fragment: &str) -> Option<ViewState> {
        let body = fragment.trim_start_matches('#');
        if body.is_empty() {
            return None;
        }
        let mut v = ViewState::default();
        let (mut from, mut to) = (None, None);
        for pair in body.split('&') {
            let Some((k, val)) = pair.split_once('=') else {
                continue;
            };
            let val = decode(val);
            match k {
                "page" => v.page = Page::from_code(&val).unwrap_or_default(),
                "period" => {
                    if let Some(p) = preset_from(&val) {
                        v.period = PeriodChoice::Preset(p);
                    }
                }
                "compare" => v.compare = CompareChoice::from_code(&val).unwrap_or_default(),
                "from" if parse_iso_day(&val).is_some() => from = Some(val),
                "to" if parse_iso_day(&val).is_some() => to = Some(val),
                _ => {
                    if let Some(f) = field_from(k) {
                        if !val.is_empty() {
                            v.filters.insert(f, val);
                        }
                    }
                }
            }
        }
        if let (Some(f), Some(t)) = (from, to) {
            v.period = PeriodChoice::Custom(f, t);
        }
        Some(v)
    }

    /// The engine query for this view.
    pub fn query(&self, currency: &str, stage_probabilities: &BTreeMap<String, f64>) -> Query {
        let mut q = Query {
            currency: Some(currency.to_string()),
            stage_probabilities: stage_probabilities.clone(),
            ..Query::default()
        };
        match &self.period {
            PeriodChoice::All => {}
            PeriodChoice::Preset(p) => q.preset = Some(*p),
            PeriodChoice::Custom(f, t) => {
                if let (Some(f), Some(t)) = (parse_iso_day(f), parse_iso_day(t)) {
                    q.period = Some(Period::new(f, t));
                }
            }
        }
        for (field, value) in &self.filters {
            q.filters.insert(*field, vec![value.clone()]);
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_round_trip() {
        let mut v = ViewState {
            page: Page::Reps,
            period: PeriodChoice::Preset(Preset::LastQuarter),
            compare: CompareChoice::LastYear,
            filters: BTreeMap::new(),
        };
        v.filters.insert(Field::Rep, "Léa Moreau & co".into());
        v.filters.insert(Field::Region, "Île-de-France".into());
        let f = v.to_fragment();
        assert!(
            f.starts_with(
                "#page=reps&period=last_quarter&compare=last_year&rep=L%C3%A9a%20Moreau%20%26%20co&region="
            ),
            "{f}"
        );
        assert_eq!(ViewState::from_fragment(&f), Some(v));
        let custom = ViewState {
            period: PeriodChoice::Custom("2024-01-01".into(), "2024-03-31".into()),
            ..ViewState::default()
        };
        assert_eq!(
            ViewState::from_fragment(&custom.to_fragment()),
            Some(custom)
        );
    }

    #[test]
    fn the_comparison_lives_in_the_fragment_and_old_views_keep_working() {
        let none = ViewState {
            compare: CompareChoice::Nothing,
            ..ViewState::default()
        };
        assert_eq!(none.to_fragment(), "#page=dashboard&compare=none");
        assert_eq!(
            ViewState::from_fragment("#page=dashboard&compare=none"),
            Some(none)
        );
        // The default is not written, and a link without it (or with a
        // value this version does not know) compares with the previous period.
        assert_eq!(ViewState::default().to_fragment(), "#page=dashboard");
        for old in ["#page=reps&period=this_year", "#page=reps&compare=someday"] {
            let v = ViewState::from_fragment(old).unwrap();
            assert_eq!(v.compare, CompareChoice::Previous);
            assert_eq!(v.compare.comparison(), Some(Comparison::Previous));
        }
        // A view kept in localStorage before the choice existed.
        let kept: ViewState =
            serde_json::from_str(r#"{"page":"reps","period":"All","filters":{}}"#).unwrap();
        assert_eq!(kept.compare, CompareChoice::Previous);
        let round: ViewState = serde_json::from_str(
            &serde_json::to_string(&ViewState {
                compare: CompareChoice::LastYear,
                ..ViewState::default()
            })
            .unwrap(),
        )
        .unwrap();
        assert_eq!(round.compare, CompareChoice::LastYear);
    }

    #[test]
    fn broken_fragments_are_ignored_not_errors() {
        assert_eq!(ViewState::from_fragment(""), None);
        let v = ViewState::from_fragment(
            "#page=nope&period=someday&from=2024-13-01&to=x&bogus=1&rep=%E2%82%AC%2",
        )
        .unwrap();
        assert_eq!(v.page, Page::Dashboard);
        assert_eq!(v.period, PeriodChoice::All);
        assert_eq!(v.filters.get(&Field::Rep).map(String::as_str), Some("€%2"));
    }

    #[test]
    fn queries_from_views() {
        let mut v = ViewState::default();
        v.filters.insert(Field::Manager, "Melvin Marxen".into());
        v.period = PeriodChoice::Custom("2017-01-01".into(), "2017-06-30".into());
        let q = v.query("USD", &BTreeMap::new());
        assert_eq!(q.currency.as_deref(), Some("USD"));
        assert_eq!(q.period.map(|p| p.days()), Some(181));
        assert_eq!(
            q.filters[&Field::Manager],
            vec!["Melvin Marxen".to_string()]
        );
    }
}
