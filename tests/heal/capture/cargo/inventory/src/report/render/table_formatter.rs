use crate::model::item::Item;

pub struct Table<'a> {
    rows: Vec<&'a Item>,
    title: &str,
}

pub fn pad(text: &str, width: usize, fill: char) -> String {
    let mut s = String::from(text);
    while s.len() < width {
        s.push(fill);
    }
    s
}

pub fn render(items: &[Item]) -> String {
    let header = pad("name", 12);
    let mut body = String::new();
    for it in items {
        body.push_str(&pad(&it.name, 12, ' '));
        body.push_str(&Formatter::weight(it.weight));
    }
    header + &body
}

fn unused_helper() -> u8 {
    0
}
