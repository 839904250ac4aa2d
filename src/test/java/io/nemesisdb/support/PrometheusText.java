package io.nemesisdb.support;

import java.util.HashMap;
import java.util.Map;

/** Reads one sample out of a Prometheus text exposition, by metric name and labels. */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * The value of the sample named {@code name} whose labels include {@code labels} (name, value,
     * name, value, ...), or 0 when there is none.
     */
    public static double value(String exposition, String name, String... labels) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String sampleName = brace > 0 ? line.substring(0, brace) : line.substring(0, space);
            if (sampleName.equals(name) && hasLabels(brace > 0 ? line.substring(brace + 1, line.lastIndexOf('}')) : "", labels)) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return 0;
    }

    private static boolean hasLabels(String text, String... labels) {
        Map<String, String> found = new HashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                found.put(pair.substring(0, eq).trim(), pair.substring(eq + 2, pair.length() - 1));
            }
        }
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(found.get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
