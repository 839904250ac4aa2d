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

    long longInteger(String name, long min, long max) {
        String value = string(name);
        try {
            long number = Long.parseLong(value);
            if (number < min || number > max) {
                throw new SettingsException("setting " + name + " is " + value + ", outside " + min + ".." + max);
            }
            return number;
        } catch (NumberFormatException e) {
            throw new SettingsException("setting " + name + " is '" + value + "', not a whole number");
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
