//! Ledger: totals for a small bookkeeping tool. Compiles cleanly with
//! rustc; every finding here is clippy's.
#![deny(clippy::unwrap_used)]
#![warn(clippy::cast_lossless)]

pub mod import;
pub mod util;

pub struct Entry {
    pub account: String,
    pub cents: i64,
    pub memo: Option<String>,
}

/// Sums all entries of an account. Uses the IBAN_Format for lookups.
pub fn balance(entries: &Vec<Entry>, account: String) -> i64 {
    let mut total = 0;
    for i in 0..entries.len() {
        if entries[i].account == account {
            total = total + entries[i].cents;
        }
    }
    return total;
}

pub fn average(entries: &[Entry]) -> f32 {
    if entries.len() == 0 {
        return 0.0;
    }
    let sum: i64 = entries.iter().map(|e| e.cents).sum();
    sum as f32 / entries.len() as f32
}

pub fn first_memo(entries: &[Entry]) -> String {
    entries[0].memo.clone().unwrap()
}

pub fn is_debit(e: &Entry) -> bool {
    if e.cents < 0 { true } else { false }
}

pub fn to_cents(euros: u32) -> u64 {
    euros as u64 * 100
}
