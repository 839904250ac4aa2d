package io.nemesisdb.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import io.nemesisdb.client.cdi.NemesisClientProducer;
import io.nemesisdb.client.cli.Cli;

/**
 * The settings a user can give ({@code server.host}, {@code server.port} and every
 * {@code nemesis.*}) with their defaults, in the order of
 * {@code META-INF/microprofile-config.properties}, the one file that defaults them; what
 * {@code --help} lists and what the warnings about unknown settings compare against.
 */
public final class KnownSettings {

    private static final String DEFAULTS = "META-INF/microprofile-config.properties";

    /** One setting, its default (empty: none) and the environment variable that sets it. */
    public record Setting(String name, String defaultValue) {

        /** MicroProfile Config's rule: every character other than a letter or digit becomes {@code _}, upper case. */
        public String environmentVariable() {
            return KnownSettings.environmentVariable(name);
        }
    }

    private final List<Setting> settings;

    private KnownSettings(List<Setting> settings) {
        this.settings = List.copyOf(settings);
    }

    /** The settings the defaults file on the class path declares. */
    public static KnownSettings load() {
        try (InputStream in = KnownSettings.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the class path");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KnownSettings parse(String propertiesText) {
        Properties values = new Properties();
        try {
            values.load(new StringReader(propertiesText));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Setting> settings = new ArrayList<>();
        for (String line : propertiesText.lines().toList()) {
            String trimmed = line.strip();
            int eq = trimmed.indexOf('=');
            if (trimmed.isEmpty() || trimmed.startsWith("#") || eq <= 0) {
                continue;
            }
            String name = trimmed.substring(0, eq).strip();
            if (isUserSetting(name)) {
                settings.add(new Setting(name, values.getProperty(name, "")));
            }
        }
        return new KnownSettings(settings);
    }

    /** Helidon's own {@code server.*} wiring in the defaults file is not for users. */
    private static boolean isUserSetting(String name) {
        return name.startsWith("nemesis.") || name.equals("server.host") || name.equals("server.port");
    }

    public List<Setting> all() {
        return settings;
    }

    public boolean isKnown(String name) {
        return settings.stream().anyMatch(setting -> setting.name().equals(name));
    }

    public boolean isKnownEnvironmentVariable(String variable) {
        return settings.stream().anyMatch(setting -> setting.environmentVariable().equals(variable));
    }

    /**
     * The warning for a name that looks like a NemesisDB setting but is none, or empty: a system
     * property or config-file name {@code nemesis.*}, an environment variable {@code NEMESIS_*}.
     */
    public Optional<String> unknown(String name, String source) {
        if (isClientSetting(name)) {
            return Optional.empty();
        }
        if (name.startsWith("nemesis.") && !isKnown(name)) {
            return Optional.of("setting " + name + " (" + source + ") is not a NemesisDB setting and is ignored"
                    + suggestion(name, settings.stream().map(Setting::name).toList()));
        }
        if (name.startsWith("NEMESIS_") && !isKnownEnvironmentVariable(name)) {
            return Optional.of("environment variable " + name + " is not a NemesisDB setting and is ignored"
                    + suggestion(name, settings.stream().map(Setting::environmentVariable).toList()));
        }
        return Optional.empty();
    }

    /**
     * The settings of the project's own clients (the Java client's {@code nemesis.client.*}, the
     * command-line client's key variable): a shell or a config shared with a client may hold them.
     */
    private static boolean isClientSetting(String name) {
        return name.startsWith(NemesisClientProducer.PREFIX)
                || name.startsWith(environmentVariable(NemesisClientProducer.PREFIX))
                || name.equals(Cli.KEY_VARIABLE);
    }

    /** The environment variable that sets {@code setting}. */
    public static String environmentVariable(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** "; did you mean X?" for the closest known name within a few typing mistakes, else empty. */
    private static String suggestion(String name, List<String> known) {
        String best = null;
        int bestDistance = Math.max(3, name.length() / 5) + 1;
        for (String candidate : known) {
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
