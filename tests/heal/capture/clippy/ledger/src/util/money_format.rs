pub fn format_cents(cents: i64) -> String {
    let euros = cents / 100;
    let rest = (cents % 100).abs();
    let s = format!("{}.{:02} €", euros, rest);
    s
}

pub fn percent(part: i64, whole: i64) -> u8 {
    (part * 100 / whole) as u8
}

pub fn clamp_rate(r: f64) -> f64 {
    if r > 1.0 {
        1.0
    } else if r < 0.0 {
        0.0
    } else {
        r
    }
}

pub fn pi_ish() -> f64 {
    3.14159
}
