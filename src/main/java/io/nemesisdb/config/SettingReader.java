package io.nemesisdb.config;

import java.util.Locale;

import org.eclipse.microprofile.config.Config;

/** Reads settings as strings and converts them itself, so every bad value gets the same clear message. */
final class SettingReader {

    private final Config config;

    SettingReader(Config config) {
        this.config = config;
    }

    String string(String name) {
        String value = config.getOptionalValue(name, String.class)
                .orElseThrow(() -> new SettingsException("setting " + name + " has no value"));
        if (value.isBlank()) {
            throw new SettingsException("setting " + name + " is empty");
        }
        return value.trim();
    }

    /** The trimmed value, or {@code null} when the setting is absent or empty. */
    String optionalString(String name) {
        String value = config.getOptionalValue(name, String.class).orElse(null);
        return value == null || value.isBlank() ? null : value.trim();
    }

    int integer(String name, int min, int max) {
        String value = string(name);
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new SettingsException("setting " + name + " is " + value + ", outside " + min + ".." + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new SettingsException("setting " + name + " is '" + value + "', not a whole number");
        }
    }

    /**
     * A size in bytes, written as a whole number with an optional {@code k}, {@code m} or
     * {@code g} suffix (powers of 1024), or as {@code N%} of {@code whole} (N from 1 to 100).
     */
    long size(String name, long whole) {
        String value = string(name).toLowerCase(Locale.ROOT);
        try {
            if (value.endsWith("%")) {
                int percent = Integer.parseInt(value.substring(0, value.length() - 1));
                if (percent < 1 || percent > 100) {
                    throw new SettingsException("setting " + name + " is " + value + ", outside 1%..100%");
                }
                return whole / 100 * percent;
            }
            int unit = "kmg".indexOf(value.charAt(value.length() - 1));
            long number = Long.parseLong(unit < 0 ? value : value.substring(0, value.length() - 1));
            if (number < 1) {
                throw new SettingsException("setting " + name + " is " + value + ", not a positive size");
            }
            return unit < 0 ? number : Math.multiplyExact(number, 1L << (10 * (unit + 1)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new SettingsException("setting " + name + " is '" + value + "', not a size (bytes, with k, m or g, or a percentage)");
        }
    }

    boolean bool(String name) {
        String value = string(name).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new SettingsException("setting " + name + " is '" + value + "', not true or false");
        };
    }
}
