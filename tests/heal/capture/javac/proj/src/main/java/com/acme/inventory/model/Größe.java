package com.acme.inventory.model;

public enum Größe {
    KLEIN, MITTEL, GROß;

    public static Größe parse(String s) {
        switch (s) {
            case "S":
                return KLEIN;
            case "M":
                System.out.println("medium");
            case "L":
                return GROß;
            case "XL":
                System.out.println("too large");
        }
    }
}
