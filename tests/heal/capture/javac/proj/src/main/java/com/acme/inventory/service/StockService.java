package com.acme.inventory.service;

import com.acme.inventory.model.Item;
import com.acme.inventory.model.Warehouse;
import com.acme.inventory.util.Strings;
import java.io.FileReader;
import java.util.HashMap;
import java.util.Map;

public class StockService {
    private final Map<String, Item> bySku = new HashMap<>();
    private int lookups;

    public static class Berlin extends Warehouse {
        @Override
        public int capacity() {
            return 500;
        }
    }

    public Item find(String sku) {
        lookups++;
        Item item = bySku.get(sku);
        if (item == null);
        return item;
    }

    public int total() {
        int sum;
        for (Item item : bySku.values()) {
            sum += item.getQuantity();
        }
        return sum;
    }

    public int average() {
        double avg = total() / (double) bySku.size();
        return avg;
    }

    public static int lookupCount() {
        return lookups;
    }

    public void load(String path) {
        FileReader in = new FileReader(path);
        in.close();
    }

    public String describe(Item item) {
        String name = (String) Strings.trim(item.getSku());
        return Strings.pad(name);
    }

    public int restock(String sku, int amount) {
        Item item = find(sku);
        if (item == null) {
            throw new IllegalArgumentException("unknown " + sku);
        }
        return item.getQuantity() + amount;
        System.out.println("restocked " + sku);
    }

    public int ratio() {
        return lookups / 0;
    }
}
