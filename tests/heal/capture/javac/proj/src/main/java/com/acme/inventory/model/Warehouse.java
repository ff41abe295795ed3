package com.acme.inventory.model;

import java.util.ArrayList;
import java.util.List;

public abstract class Warehouse {
    protected List items = new ArrayList();

    public abstract int capacity();

    public abstract String location();

    public void add(Item item) {
        items.add(item);
    }

    public List<Item> snapshot() {
        List<Item> copy = items;
        return copy;
    }
}
