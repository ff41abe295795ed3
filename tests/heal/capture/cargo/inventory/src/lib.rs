//! Small stock-keeping library used to capture real rustc diagnostics.
use std::collections::HashMap;
use std::fmt::Display;

pub mod model;
pub mod report;
pub mod storage;

use model::item::{Item, Kind};

pub fn show<T: Display>(value: T) -> String {
    format!("{value}")
}

pub fn describe(item: Item) -> String {
    show(item)
}

pub fn total_weight(items: &[Item]) -> u32 {
    let mut sum: u64 = 0;
    for it in items {
        sum += it.weight as u64;
    }
    sum
}

pub fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::Tool => "tool",
        Kind::Part => "part",
    }
}

pub fn restock(items: Vec<Item>) -> usize {
    let moved = items;
    let n = items.len();
    n + moved.len()
}

pub fn größe_total(items: &[Item]) -> usize {
    items.iter().map(|i| i.name.lenght()).sum::<usize>() + größe
}

pub fn parse_count(s: &str) -> u32 {
    let totalCount = 0;
    let mut unused = s.trim();
    s.parse().unwrap_or(totalCount)
}
