package com.acme.inventory.model;

import java.io.Serializable;
import java.util.Date;

public class Item implements Serializable {
    private final String sku;
    private String name;
    private int quantity;
    private Date added;

    public Item(String sku, String name, int quantity) {
        this.sku = sku;
        this.name = name;
        this.quantity = quantity;
        this.added = new Date(2024, 1, 15);
    }

    public String getSku() {
        return sku;
    }

    public void setSku(String sku) {
        this.sku = sku;
    }

    public int getQuantity() {
        return quantity;
    }

    public double getPrice() {
        return price;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Item)) {
            return false;
        }
        return sku.equals(((Item) o).sku);
    }

    /** @deprecated use {@link #getSku()} */
    public String code() {
        return sku;
    }
}
