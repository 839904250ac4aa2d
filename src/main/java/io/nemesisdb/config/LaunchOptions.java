package io.nemesisdb.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command line NemesisDB 0.6.4 accepts: {@code --config=<file>}, {@code --loadName=<name>},
 * {@code --loadPath=<dir>} (also with the value as the next argument). Turned into settings that
 * take precedence over the embedded defaults.
 */
public final class LaunchOptions {

    private LaunchOptions() {
    }

    /** The settings the arguments set, by MicroProfile Config name. */
    public static Map<String, String> parse(String[] args) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (!name.equals("--config") && !name.equals("--loadName") && !name.equals("--loadPath")) {
                throw new SettingsException("unknown option '" + arg + "' (known: --config=<file>, --loadName=<name>, --loadPath=<dir>)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new SettingsException("option " + name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--config" -> settings.putAll(LegacyConfigFile.read(Path.of(value)));
                case "--loadName" -> settings.put("nemesis.load.name", value);
                default -> settings.put("nemesis.load.path", value);
            }
        }
        return settings;
    }
}
