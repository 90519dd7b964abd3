//! Lead response times per period: their mean, median and histogram.
//! Date-times to the minute make every time a whole number of minutes; each
//! period then counts its leads per minute (one increment per lead, the
//! median read off the counts) instead of keeping every value and selecting
//! among them. Times to the second keep the values.

use crate::kpi::core::breakdown::row;
use crate::kpi::core::stats::mean_median;
use crate::kpi::core::sum::{Addend, Sum};
use crate::report::BreakdownRow;

/// Longest response counted per minute (91 days); any longer one, and the
/// values are kept.
const MAX_MINUTES: i64 = 1 << 17;
const NO_TIME: u32 = u32::MAX;

/// Bins of the lead response time histogram, in hours.
const RESPONSE_BINS: [(f64, &str); 5] = [
    (1.0, "< 1 h"),
    (4.0, "1-4 h"),
    (24.0, "4-24 h"),
    (72.0, "1-3 d"),
    (f64::INFINITY, "> 3 d"),
];

/// Hours of a response of `secs` seconds.
fn hours(secs: i64) -> f64 {
    secs as f64 / 3600.0
}

/// Each lead's response time, from its creation to its first contact.
pub enum ResponseColumn {
    /// In whole minutes (`NO_TIME` when unknown), and the longest.
    Minutes(Vec<u32>, u32),
    /// In hours (NaN when unknown).
    Hours(Vec<f64>),
}

impl ResponseColumn {
    /// From each lead's response in seconds (`None` when unknown or negative).
    pub fn of(secs: impl Iterator<Item = Option<i64>> + Clone) -> Self {
        let whole_minutes = secs
            .clone()
            .flatten()
            .all(|s| s % 60 == 0 && s / 60 < MAX_MINUTES);
        if whole_minutes {
            let minutes: Vec<u32> = secs
                .map(|s| s.map_or(NO_TIME, |s| (s / 60) as u32))
                .collect();
            let longest = minutes.iter().filter(|&&m| m != NO_TIME).max();
            let longest = longest.copied().unwrap_or(0);
            ResponseColumn::Minutes(minutes, longest)
        } else {
            ResponseColumn::Hours(secs.map(|s| s.map_or(f64::NAN, hours)).collect())
        }
    }

    /// Sums of the responses of three periods, to fill lead by lead.
    pub fn per_period(&self) -> PerPeriod<'_> {
        match self {
            ResponseColumn::Minutes(minutes, longest) => PerPeriod::Minutes {
                minutes,
                counts: [0; 3].map(|_| vec![0u32; *longest as usize + 1]),
            },
            ResponseColumn::Hours(all) => PerPeriod::Hours {
                all,
                values: [0; 3].map(|_| vec![0.0; all.len() + 1]),
                kept: [0; 3],
            },
        }
    }
}

/// The responses of three periods so far.
pub enum PerPeriod<'c> {
    /// How many responses took each minute.
    Minutes {
        minutes: &'c [u32],
        counts: [Vec<u32>; 3],
    },
    /// The responses themselves: each value goes to the next slot of every
    /// period, which keeps it when the row is in that period — no branch
    /// on the period (last year's rows come in no order a predictor could
    /// follow).
    Hours {
        all: &'c [f64],
        values: [Vec<f64>; 3],
        kept: [usize; 3],
    },
}

impl PerPeriod<'_> {
    /// Adds the response of lead `row`, in the periods of bits `in_periods`.
    #[inline(always)]
    pub fn add(&mut self, row: usize, in_periods: u8) {
        match self {
            PerPeriod::Minutes { minutes, counts } => {
                let m = minutes.get(row).copied().unwrap_or(NO_TIME) as usize;
                for (k, counts) in counts.iter_mut().enumerate() {
                    if let Some(n) = counts.get_mut(m) {
                        *n += u32::from(in_periods >> k) & 1;
                    }
                }
            }
            PerPeriod::Hours { all, values, kept } => {
                let h = all.get(row).copied().unwrap_or(f64::NAN);
                if h.is_nan() {
                    return;
                }
                for (k, (values, n)) in values.iter_mut().zip(kept.iter_mut()).enumerate() {
                    if let Some(slot) = values.get_mut(*n) {
                        *slot = h;
                    }
                    *n += (in_periods as usize >> k) & 1;
                }
            }
        }
    }

    /// Each period's mean and median, and the first period's histogram.
    pub fn finish(self) -> ResponseStats {
        match self {
            PerPeriod::Minutes { counts, .. } => {
                let [cur, prev, ly] = counts.map(|c| minute_stats(&c));
                ResponseStats {
                    mean_median: [cur.0, prev.0, ly.0],
                    bins: cur.1,
                }
            }
            PerPeriod::Hours {
                values: [mut cur, mut prev, mut ly],
                kept,
                ..
            } => {
                for (v, n) in [&mut cur, &mut prev, &mut ly].into_iter().zip(kept) {
                    v.truncate(n);
                }
                ResponseStats {
                    mean_median: [&mut cur, &mut prev, &mut ly].map(|v| mean_median(v)),
                    bins: bins(cur.iter().map(|&h| (h, 1))),
                }
            }
        }
    }
}

pub struct ResponseStats {
    /// Mean and median in hours of the three periods (`None`: no response).
    pub mean_median: [Option<(f64, f64)>; 3],
    /// The first period's histogram.
    pub bins: Vec<BreakdownRow>,
}

/// Mean, median and histogram of responses counted per minute, the same
/// figures, to the bit, as [`mean_median`] and the histogram over the
/// values in hours.
fn minute_stats(counts: &[u32]) -> (Option<(f64, f64)>, Vec<BreakdownRow>) {
    let per_minute = || {
        counts
            .iter()
            .enumerate()
            .filter(|(_, &n)| n > 0)
            .map(|(m, &n)| (hours(m as i64 * 60), n))
    };
    let bins = bins(per_minute());
    let n: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    if n == 0 {
        return (None, bins);
    }
    // The sum adds each value's millionths, as `mean_median` does one by one.
    let mut sum = Sum::default();
    for (h, count) in per_minute() {
        sum.add_micros(Addend::of(h, true).micros() * i64::from(count));
    }
    let mean = sum.value() / n as f64;
    // The values ranked n / 2 and, for an even count, the one before.
    let nth = |rank: u64| {
        let mut seen = 0;
        per_minute()
            .find(|&(_, count)| {
                seen += u64::from(count);
                seen > rank
            })
            .map_or(f64::NAN, |(h, _)| h)
    };
    let mid = nth(n / 2);
    let median = if n % 2 == 1 {
        mid
    } else {
        (nth(n / 2 - 1) + mid) / 2.0
    };
    (Some((mean, median)), bins)
}

/// The histogram of responses given as (hours, how many).
fn bins(values: impl Iterator<Item = (f64, u32)>) -> Vec<BreakdownRow> {
    let mut counts = [0usize; RESPONSE_BINS.len()];
    for (h, n) in values {
        if let Some(i) = RESPONSE_BINS.iter().position(|&(hi, _)| h < hi) {
            counts[i] += n as usize;
        }
    }
    let total: usize = counts.iter().sum();
    RESPONSE_BINS
        .iter()
        .zip(counts)
        .map(|(&(_, k), n)| row(k.into(), n as f64, total as f64))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both ways, on the same responses (seconds) in periods (bits).
    fn both(leads: &[(Option<i64>, u8)]) -> [ResponseStats; 2] {
        let secs = leads.iter().map(|l| l.0);
        let minutes = ResponseColumn::of(secs.clone());
        let hours = ResponseColumn::Hours(secs.map(|s| s.map_or(f64::NAN, hours)).collect());
        assert!(matches!(minutes, ResponseColumn::Minutes(..)));
        [minutes, hours].map(|c| {
            let mut sums = c.per_period();
            for (row, l) in leads.iter().enumerate() {
                sums.add(row, l.1);
            }
            sums.finish()
        })
    }

    #[test]
    fn counts_per_minute_give_the_values_figures() {
        // Minutes 20, 90, 90, 200, 5000 and one unknown; period bits: the
        // first period holds all but the 200; the second the 90s and 200.
        let leads = [
            (Some(20 * 60), 1),
            (Some(90 * 60), 3),
            (None, 1),
            (Some(90 * 60), 3),
            (Some(200 * 60), 2),
            (Some(5000 * 60), 1),
        ];
        let [minutes, values] = both(&leads);
        // First period: 20, 90, 90, 5000 min → hours 1/3, 1.5, 1.5, 83.33…;
        // mean (0.333333 + 1.5 + 1.5 + 83.333333) / 4 = 21.6666665 (each to
        // the millionth), median (1.5 + 1.5) / 2 = 1.5.
        let (mean, median) = minutes.mean_median[0].unwrap();
        assert!((mean - 21.6666665).abs() < 1e-12, "{mean}");
        assert_eq!(median, 1.5);
        // Second: 90, 90, 200 min → median 1.5; third: none.
        assert_eq!(minutes.mean_median[1].unwrap().1, 1.5);
        assert_eq!(minutes.mean_median[2], None);
        for k in 0..3 {
            assert_eq!(minutes.mean_median[k], values.mean_median[k], "period {k}");
        }
        assert_eq!(minutes.bins, values.bins);
        // < 1 h: 1; 1-4 h: 2; > 3 d: 1.
        let counts: Vec<f64> = minutes.bins.iter().map(|b| b.value).collect();
        assert_eq!(counts, [1.0, 2.0, 0.0, 0.0, 1.0]);
    }

    #[test]
    fn times_to_the_second_keep_their_values() {
        let column = ResponseColumn::of([Some(60), Some(61), None].into_iter());
        assert!(matches!(column, ResponseColumn::Hours(_)));
        let long = ResponseColumn::of([Some(MAX_MINUTES * 60)].into_iter());
        assert!(matches!(long, ResponseColumn::Hours(_)));
    }
}
