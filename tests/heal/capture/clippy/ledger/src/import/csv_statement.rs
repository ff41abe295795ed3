use crate::Entry;

/// Parses one line of a bank statement export (Kontoauszug – Umsätze).
pub fn parse_line(line: &str) -> Result<Entry, String> {
    let fields: Vec<&str> = line.split(";").collect();
    if fields.len() < 2 {
        return Err(format!("too few fields in {}", line));
    }
    let cents = fields[1].trim().parse::<i64>().map_err(|e| e.to_string())?;
    let memo = match fields.get(2) {
        Some(m) => Some(m.to_string()),
        None => None,
    };
    Ok(Entry { account: fields[0].to_string(), cents: cents, memo })
}

pub fn parse_all(text: &String) -> Vec<Entry> {
    let mut out = vec![];
    for line in text.lines() {
        match parse_line(line) {
            Ok(e) => out.push(e),
            Err(_) => {}
        }
    }
    out
}

pub fn count_lines(text: &str) -> i32 {
    text.lines().collect::<Vec<_>>().len() as i32
}
