//! What the user is looking at: the page, the period, what it is compared
//! with and the filters. It
//! lives in the URL fragment (so a reload or a shared link reopens the same
//! view over the user's own data; a fragment never reaches a server) and in
//! localStorage.

use crate::engine::kpi::{BreakdownId, ChartId, Period, Preset, Query};
use crate::engine::parse::date::parse_iso_day;
use crate::engine::report::Comparison;
use crate::engine::schema::normalize;
use crate::engine::Field;
use crate::locale::{breakdown_key, key_text, Lang};
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
    /// The values kept per filtered dimension (a row passes when its value
    /// is one of them). Views kept by older versions hold one string.
    #[serde(deserialize_with = "one_or_many")]
    pub filters: BTreeMap<Field, Vec<String>>,
}

/// Reads `{"rep":"Ann"}` (a view kept before several values) as well as
/// `{"rep":["Ann","Bob"]}`.
fn one_or_many<'de, D>(d: D) -> Result<BTreeMap<Field, Vec<String>>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Values {
        One(String),
        Many(Vec<String>),
    }
    let raw = BTreeMap::<Field, Values>::deserialize(d)?;
    Ok(raw
        .into_iter()
        .map(|(f, v)| match v {
            Values::One(s) => (f, vec![s]),
            Values::Many(v) => (f, v),
        })
        .filter(|(_, v)| !v.is_empty())
        .collect())
}

/// What a click on a chart's bar, slice or point means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClickMeans {
    /// Filter the dashboard on this field's clicked value.
    Filter(Field),
    /// Set the period to the clicked month (a breakdown's `YYYY-MM` key).
    Month,
}

impl ClickMeans {
    /// What a click on this chart means; `None`: nothing (buckets,
    /// ratios, cohorts — no dimension to filter on).
    pub fn of(chart: ChartId) -> Option<ClickMeans> {
        match chart {
            ChartId::RevenueByMonth | ChartId::MarginByMonth => Some(ClickMeans::Month),
            other => other.dimension().map(ClickMeans::Filter),
        }
    }
}

/// The raw key of the breakdown row a click landed on: the category whose
/// shown text (`key_text`) is the clicked `name`, else, for months, the row
/// at `index`. `None` for the engine's own words (`(none)`, buckets) and
/// for what is not a row (an "others" bar).
pub fn clicked_key(
    report: &crate::engine::Report,
    table: BreakdownId,
    means: ClickMeans,
    name: &str,
    index: Option<usize>,
    lang: Lang,
) -> Option<String> {
    let rows = report.breakdown(table);
    let from_data = |key: &str| breakdown_key(table, key, lang).is_none();
    let by_name = rows
        .iter()
        .find(|b| from_data(&b.key) && key_text(table, &b.key, lang) == name)
        .map(|b| b.key.clone());
    match means {
        ClickMeans::Filter(_) => by_name,
        ClickMeans::Month => by_name
            .or_else(|| index.and_then(|i| rows.get(i)).map(|b| b.key.clone()))
            .filter(|k| month_range(k).is_some()),
    }
}

/// The first and last day of a `YYYY-MM` month, as `YYYY-MM-DD`.
pub fn month_range(month: &str) -> Option<(String, String)> {
    let from = format!("{month}-01");
    parse_iso_day(&from)?;
    let to = (28..=31)
        .rev()
        .map(|d| format!("{month}-{d}"))
        .find(|d| parse_iso_day(d).is_some())?;
    Some((from, to))
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
        // Several values repeat the key: `region=Ouest&region=Est`.
        for (field, values) in &self.filters {
            for value in values {
                parts.push(format!("{}={}", field.name(), encode(value)));
            }
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
                        let values = v.filters.entry(f).or_default();
                        if !val.is_empty() && !values.contains(&val) {
                            values.push(val);
                        }
                    }
                }
            }
        }
        if let (Some(f), Some(t)) = (from, to) {
            v.period = PeriodChoice::Custom(f, t);
        }
        v.filters.retain(|_, values| !values.is_empty());
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
        for (field, values) in &self.filters {
            q.filters.insert(*field, values.clone());
        }
        q
    }

    /// The values kept for `field` (none: not filtered).
    pub fn filter_values(&self, field: Field) -> &[String] {
        self.filters.get(&field).map_or(&[], Vec::as_slice)
    }

    /// Adds `value` to the filter on `field`, or takes it out if it is there.
    pub fn toggle_filter(&mut self, field: Field, value: &str) {
        let values = self.filters.entry(field).or_default();
        // The engine matches values ignoring case and accents: so does this.
        let same = normalize(value);
        if let Some(i) = values.iter().position(|v| normalize(v) == same) {
            values.remove(i);
        } else {
            values.push(value.to_string());
        }
        if values.is_empty() {
            self.filters.remove(&field);
        }
    }

    /// Whether the filter on `field` holds `value` (ignoring case and accents, as the engine).
    pub fn has_filter_value(&self, field: Field, value: &str) -> bool {
        let same = normalize(value);
        self.filter_values(field)
            .iter()
            .any(|v| normalize(v) == same)
    }

    /// Takes `value` out of the filter on `field`.
    pub fn remove_filter(&mut self, field: Field, value: &str) {
        if self.has_filter_value(field, value) {
            self.toggle_filter(field, value);
        }
    }

    /// What a click on a chart category whose raw key is `key` does: a
    /// filter value toggled, or the period set to that month. A key that
    /// is not a month is ignored for [`ClickMeans::Month`].
    pub fn apply_click(&mut self, means: ClickMeans, key: &str) {
        match means {
            ClickMeans::Filter(field) => self.toggle_filter(field, key),
            ClickMeans::Month => {
                if let Some((from, to)) = month_range(key) {
                    let month = PeriodChoice::Custom(from, to);
                    // The month shown again: back to all the data.
                    self.period = if self.period == month {
                        PeriodChoice::All
                    } else {
                        month
                    };
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::kpi;

    #[test]
    fn fragments_round_trip() {
        let mut v = ViewState {
            page: Page::Reps,
            period: PeriodChoice::Preset(Preset::LastQuarter),
            compare: CompareChoice::LastYear,
            filters: BTreeMap::new(),
        };
        v.filters.insert(Field::Rep, vec!["Léa Moreau & co".into()]);
        v.filters
            .insert(Field::Region, vec!["Île-de-France".into()]);
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
        assert_eq!(v.filter_values(Field::Rep), ["€%2"]);
        // An empty value is no filter.
        let v = ViewState::from_fragment("#page=dashboard&region=").unwrap();
        assert!(v.filters.is_empty());
    }

    #[test]
    fn queries_from_views() {
        let mut v = ViewState::default();
        v.filters
            .insert(Field::Manager, vec!["Melvin Marxen".into()]);
        v.period = PeriodChoice::Custom("2017-01-01".into(), "2017-06-30".into());
        let q = v.query("USD", &BTreeMap::new());
        assert_eq!(q.currency.as_deref(), Some("USD"));
        assert_eq!(q.period.map(|p| p.days()), Some(181));
        assert_eq!(
            q.filters[&Field::Manager],
            vec!["Melvin Marxen".to_string()]
        );
    }

    #[test]
    fn several_values_per_filter_repeat_the_key() {
        let mut v = ViewState::default();
        v.toggle_filter(Field::Region, "Ouest");
        v.toggle_filter(Field::Region, "Est");
        v.toggle_filter(Field::Rep, "Ann");
        let f = v.to_fragment();
        assert_eq!(f, "#page=dashboard&rep=Ann&region=Ouest&region=Est");
        let back = ViewState::from_fragment(&f).unwrap();
        assert_eq!(back, v);
        assert_eq!(back.filter_values(Field::Region), ["Ouest", "Est"]);
        let q = back.query("EUR", &BTreeMap::new());
        assert_eq!(q.filters[&Field::Region], ["Ouest", "Est"]);
        // A repeated value is kept once.
        let twice = ViewState::from_fragment("#region=Est&region=Est").unwrap();
        assert_eq!(twice.filter_values(Field::Region), ["Est"]);
        // Toggling a value out; the last one out takes the filter away.
        v.toggle_filter(Field::Region, "Ouest");
        assert_eq!(v.filter_values(Field::Region), ["Est"]);
        // As the engine does, a value written another way is the same value
        // (a link with `region=est`, the bar "Est" clicked).
        v.toggle_filter(Field::Region, "EST");
        assert!(!v.filters.contains_key(&Field::Region));
        v.toggle_filter(Field::Region, "Est");
        assert!(v.has_filter_value(Field::Region, "EST"));
        v.remove_filter(Field::Region, "ést");
        assert!(!v.filters.contains_key(&Field::Region));
        v.toggle_filter(Field::Region, "Est");
        v.remove_filter(Field::Region, "Est");
        v.remove_filter(Field::Region, "Nord");
        assert!(!v.filters.contains_key(&Field::Region));
        assert_eq!(v.to_fragment(), "#page=dashboard&rep=Ann");
    }

    #[test]
    fn old_links_and_stored_views_with_one_value_still_load() {
        // A link written when a filter held one value.
        let old = ViewState::from_fragment("#page=dashboard&rep=Ann%20Martin").unwrap();
        assert_eq!(old.filter_values(Field::Rep), ["Ann Martin"]);
        // A view kept in localStorage by a version with one value per field.
        let kept: ViewState = serde_json::from_str(
            r#"{"page":"dashboard","period":"All","compare":"previous","filters":{"rep":"Ann","region":"Ouest"}}"#,
        )
        .unwrap();
        assert_eq!(kept.filter_values(Field::Rep), ["Ann"]);
        assert_eq!(kept.filter_values(Field::Region), ["Ouest"]);
        // Kept by this version: a list, read back the same.
        let mut v = kept.clone();
        v.toggle_filter(Field::Rep, "Bob");
        let json = serde_json::to_string(&v).unwrap();
        assert!(json.contains(r#""rep":["Ann","Bob"]"#), "{json}");
        assert_eq!(serde_json::from_str::<ViewState>(&json).unwrap(), v);
    }

    #[test]
    fn clicks_filter_on_what_a_chart_shows() {
        assert_eq!(
            ClickMeans::of(ChartId::RevenueByRegion),
            Some(ClickMeans::Filter(Field::Region))
        );
        assert_eq!(
            ClickMeans::of(ChartId::WinRateByRep),
            Some(ClickMeans::Filter(Field::Rep))
        );
        assert_eq!(
            ClickMeans::of(ChartId::LostCustomers),
            Some(ClickMeans::Filter(Field::Customer))
        );
        assert_eq!(
            ClickMeans::of(ChartId::MarginByMonth),
            Some(ClickMeans::Month)
        );
        assert_eq!(ClickMeans::of(ChartId::ReceivablesAging), None);
        assert_eq!(ClickMeans::of(ChartId::Cohorts), None);

        let mut v = ViewState::default();
        let region = ClickMeans::Filter(Field::Region);
        v.apply_click(region, "Ouest");
        assert_eq!(v.filter_values(Field::Region), ["Ouest"]);
        // The same bar again takes the filter off.
        v.apply_click(region, "Ouest");
        assert!(v.filters.is_empty());
        v.apply_click(ClickMeans::Month, "2024-02");
        assert_eq!(
            v.period,
            PeriodChoice::Custom("2024-02-01".into(), "2024-02-29".into())
        );
        v.apply_click(ClickMeans::Month, "2024-02");
        assert_eq!(v.period, PeriodChoice::All);
        v.apply_click(ClickMeans::Month, "(none)");
        assert_eq!(v.period, PeriodChoice::All);
        assert_eq!(
            month_range("2023-12"),
            Some(("2023-12-01".into(), "2023-12-31".into()))
        );
        assert_eq!(month_range("2023-13"), None);
    }

    #[test]
    fn a_click_finds_the_raw_key_not_the_shown_words() {
        use crate::engine::report::BreakdownRow;
        let mut r = kpi::report(&kpi::Workspace::default(), &Query::default());
        let row = |key: &str, value| BreakdownRow {
            key: key.into(),
            value,
            share: None,
        };
        r.breakdowns.insert(
            BreakdownId::RevenueByRegion.to_string(),
            vec![row("Ouest", 3.0), row("(none)", 2.0)],
        );
        r.breakdowns.insert(
            BreakdownId::RevenueByMonth.to_string(),
            vec![row("2024-01", 1.0), row("2024-02", 2.0)],
        );
        let region = ClickMeans::Filter(Field::Region);
        let at = |table, means, name: &str, i, lang| clicked_key(&r, table, means, name, i, lang);
        let by_region = BreakdownId::RevenueByRegion;
        assert_eq!(
            at(by_region, region, "Ouest", Some(1), Lang::Fr).as_deref(),
            Some("Ouest")
        );
        // No region: nothing to filter on, whatever the language.
        for lang in [Lang::Fr, Lang::En] {
            let shown = key_text(by_region, "(none)", lang);
            assert_eq!(at(by_region, region, &shown, Some(0), lang), None);
        }
        // An "others" bar is no row.
        assert_eq!(at(by_region, region, "Autres", Some(0), Lang::Fr), None);
        // Months: by their label in the user's language, else by position.
        let by_month = BreakdownId::RevenueByMonth;
        let label = key_text(by_month, "2024-02", Lang::Fr);
        assert_ne!(label, "2024-02");
        assert_eq!(
            at(by_month, ClickMeans::Month, &label, None, Lang::Fr).as_deref(),
            Some("2024-02")
        );
        assert_eq!(
            at(by_month, ClickMeans::Month, "févr.", Some(0), Lang::Fr).as_deref(),
            Some("2024-01")
        );
    }
}
