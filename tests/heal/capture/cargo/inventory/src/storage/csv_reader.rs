use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};

use crate::model::item::{self, Item};

pub fn read_items(path: &str) -> io::Result<Vec<Item>> {
    let file = File::open(path)?;
    let mut out = Vec::new();
    for line in BufReader::new(file).lines() {
        let line = line?;
        let (name, weight) = split_row(&line);
        out.push(Item::new(name, weight));
    }
    return Ok(out);
    println!("read {} items", out.len());
}

fn split_row(line: &str) -> (&str, u32) {
    let mut parts = line.splitn(2, ',');
    let name = parts.next().unwrap_or("");
    let weight = parts.next().map(|w| w.parse().unwrap_or(0));
    (name, weight)
}

pub fn write_items(path: &str, items: &[Item]) -> io::Result<()> {
    let mut f = File::create(path)?;
    for it in items {
        writeln!(f, "{},{}", it.name, it.weight);
    }
    let legacy = item::make_item("legacy");
    let count = 0;
    count = items.len();
    Ok(())
}

pub fn first_name(items: &Vec<Item>) -> &str {
    items.first().map(|i| i.name.as_str()).unwrap_or_default(1)
}
