package io.nemesisdb.config;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The settings given on the command line (0.6.4 options and config file): above the embedded
 * defaults, below environment variables and system properties.
 */
public final class LaunchConfigSource implements ConfigSource {

    private static final int ORDINAL = 200;

    private final Map<String, String> settings;

    public LaunchConfigSource(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
    }

    @Override
    public Set<String> getPropertyNames() {
        return settings.keySet();
    }

    @Override
    public String getValue(String name) {
        return settings.get(name);
    }

    @Override
    public String getName() {
        return "command line";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
