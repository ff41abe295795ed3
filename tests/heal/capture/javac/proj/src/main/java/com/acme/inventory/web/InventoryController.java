package com.acme.inventory.web;

import com.acme.inventory.model.Größe;
import com.acme.inventory.model.Item;
import com.acme.inventory.service.StockService;
import java.util.List;
import java.util.Optional;

public class InventoryController {
    private final StockService service = new StockService();

    public String show(String sku) {
        Item item = service.find(sku);
        return item.code();
    }

    public Größe size(String s) {
        Größe g = "KLEIN";
        return g;
    }

    public Optional<Item> lookup(String sku) {
        return Optional.ofNullable(service.find(sku)).orElse(null);
    }

    public int count(List<Item> items) {
        return items.length;
    }

    public void render(Object out) {
        Respone response = (Respone) out;
        response.write(show("A-1"));
    }

    public Thread worker() {
        Thread t = new Thread(() -> {});
        t.stop();
        return t;
    }

    static class Report implements AutoCloseable {
        public void close() {
        }
    }

    public void report() {
        try (Report r = new Report()) {
            System.out.println("report");
        }
    }
}
