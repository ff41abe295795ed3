package org.example.billing.core;

/**
 * An invoice.
 */
public class Invoice {
    private final String id;
    private long amountCents;

    /**
     * Creates an invoice.
     *
     * @param id the id
     */
    public Invoice(String id) {
        this.id = id;
    }

    /** @return the id */
    public String getId() {
        return id;
    }

    public long total(long taxCents) {
        long t = amountCents+taxCents;
        return t;
    }
}
