package io.riffle.models.features;

import java.io.Serializable;

/**
 * A pair of fields whose values are combined into one feature, like Vowpal Wabbit's {@code -q}: {@code site×device}
 * learns a weight for each (site, device) pair seen.
 */
public record FieldCross(String left, String right) implements Serializable {
    public FieldCross {
        if (left == null || left.isBlank() || right == null || right.isBlank()) {
            throw new IllegalArgumentException("a field cross names two fields, e.g. site:device; got '" + left
                    + "' and '" + right + "'");
        }
    }

    /** Parses {@code left:right}. */
    public static FieldCross parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a field cross is written left:right (e.g. site:device), got '"
                    + spec + "'");
        }
        return new FieldCross(parts[0].trim(), parts[1].trim());
    }

    @Override
    public String toString() {
        return left + ":" + right;
    }
}
