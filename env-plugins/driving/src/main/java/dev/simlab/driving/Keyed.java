package dev.simlab.driving;

import java.util.ArrayList;
import java.util.List;

/** A constant of a closed set of choices, named in scenarios by its {@link #key}. */
interface Keyed {
    String key();

    static <E extends Enum<E> & Keyed> List<String> keys(Class<E> type) {
        List<String> k = new ArrayList<>();
        for (E e : type.getEnumConstants()) k.add(e.key());
        return List.copyOf(k);
    }

    /** The constant named {@code key}, or null. */
    static <E extends Enum<E> & Keyed> E find(Class<E> type, String key) {
        for (E e : type.getEnumConstants()) if (e.key().equals(key)) return e;
        return null;
    }
}
