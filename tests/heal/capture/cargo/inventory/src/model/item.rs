#[derive(Debug, Clone)]
pub struct Item {
    pub name: String,
    pub weight: u32,
    pub kind: Kind,
    sku: u16,
}

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Tool,
    Part,
    Consumable,
}

impl Item {
    pub fn new(name: &str, weight: u32) -> Item {
        Item { name: name.to_string(), weight, kind: Kind::Part }
    }

    fn checksum(&self) -> u8 {
        let limit: u8 = 300;
        (self.sku % 7) as u8 + limit
    }

    pub fn combine(&self, other: &Item) -> Item {
        let heavier = self.clone() + other.clone();
        heavier
    }
}

#[deprecated(note = "use Item::new")]
pub fn make_item(name: &str) -> Item {
    Item::new(name, 1)
}
