package com.acme.inventory.util;

import java.util.List;

public final class Strings {
    private Strings() {
    }

    public static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    public static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    public static String join(List parts) {
        return String.join(",", parts);
    }

    public static Integer boxed(int n) {
        return new Integer(n);
    }

    public static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } finally {
            return -1;
        }
    }
}
