package io.nemesisdb.jsonpath;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a node sits inside the queried value: a chain of member names and array indices from the
 * root. Chains share their prefixes, so extending a location is one small allocation.
 */
public final class Location {

    /** The location of the root value itself ({@code $}). */
    public static final Location ROOT = new Location(null, null, -1, false);

    private final Location parent;
    private final String name;
    private final int index;
    private final boolean synthetic;

    private Location(Location parent, String name, int index, boolean synthetic) {
        this.parent = parent;
        this.name = name;
        this.index = index;
        this.synthetic = synthetic;
    }

    /** The location of member {@code name} below {@code parent}; null when locations are not tracked. */
    static Location member(Location parent, String name) {
        return parent == null ? null : new Location(parent, name, -1, false);
    }

    /** The location of element {@code index} below {@code parent}; null when locations are not tracked. */
    static Location element(Location parent, int index) {
        return parent == null ? null : new Location(parent, null, index, false);
    }

    /**
     * The location of a value the 0.6.4 {@code .length} rule computed: it names no stored value,
     * so it can be reported but never replaced.
     */
    static Location computedLength(Location parent) {
        return parent == null ? null : new Location(parent, "length", -1, true);
    }

    public boolean isRoot() {
        return parent == null;
    }

    /**
     * True when this location is a computed {@code .length} and names no stored value. Only a
     * leaf can be computed: a length is a number, and nothing can be selected below a number.
     */
    public boolean isComputed() {
        return synthetic;
    }

    /** The steps from the root down to this location, each a {@link String} name or an {@link Integer} index. */
    public List<Object> steps() {
        List<Object> steps = new ArrayList<>();
        for (Location at = this; at.parent != null; at = at.parent) {
            steps.add(at.name != null ? at.name : Integer.valueOf(at.index));
        }
        return steps.reversed();
    }

    /** The RFC 9535 section 2.7 normalized path, for example {@code $['a'][1]}. */
    public String normalizedPath() {
        StringBuilder out = new StringBuilder("$");
        for (Object step : steps()) {
            if (step instanceof String member) {
                out.append("['");
                appendEscaped(out, member);
                out.append("']");
            } else {
                out.append('[').append(step).append(']');
            }
        }
        return out.toString();
    }

    private static void appendEscaped(StringBuilder out, String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return normalizedPath();
    }
}
