package com.acme.inventory.model;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

public class Batch {
    private final List<Item> items = new ArrayList<>();
    private final String id;

    public Batch(String id) {
        this.id = id;
    }

    public int weight() {
        int total;
        for (Item item : items) {
            total += item.getQuantity();
        }
        return total;
    }

    public static Batch read(String path) {
        BufferedReader in = new BufferedReader(new FileReader(path));
        Batch b = new Batch(in.readLine());
        in.close();
        return b;
    }

    public String label() {
        return "batch-" + id;
        id.trim();
    }

    public boolean flush() {
        try {
            items.clear();
        } finally {
            return true;
        }
    }

    static class Lock implements AutoCloseable {
        @Override
        public void close() {
        }
    }

    public void withLock() {
        try (Lock lock = new Lock()) {
            items.clear();
        }
    }
}
