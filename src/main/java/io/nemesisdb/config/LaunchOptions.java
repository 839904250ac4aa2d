package io.nemesisdb.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The command line: NemesisDB 0.6.4's {@code --config=<file>}, {@code --loadName=<name>},
 * {@code --loadPath=<dir>} (also with the value as the next argument), turned into settings that
 * take precedence over the embedded defaults; and {@code --help}, {@code --version}.
 */
public final class LaunchOptions {

    /** What the options a value follows must hold, to say so when it is empty. */
    private static final Map<String, String> VALUES = Map.of(
            "--config", "a config file", "--loadName", "a dataset name", "--loadPath", "a directory");

    private LaunchOptions() {
    }

    /** True when the arguments ask for the help text ({@code --help}, {@code -h}). */
    public static boolean asksForHelp(String[] args) {
        return args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"));
    }

    /** True when the arguments ask for the version ({@code --version}). */
    public static boolean asksForVersion(String[] args) {
        return args.length == 1 && args[0].equals("--version");
    }

    /** The settings the arguments set, by MicroProfile Config name. */
    public static Map<String, String> parse(String[] args) {
        return parse(args, warning -> { });
    }

    /** As {@link #parse(String[])}, reporting what is ignored (unknown config-file members) to {@code warnings}. */
    public static Map<String, String> parse(String[] args, Consumer<String> warnings) {
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
                throw new SettingsException("unknown option '" + arg + "' (known: --config=<file>, --loadName=<name>,"
                        + " --loadPath=<dir>, --help, --version)");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new SettingsException("option " + name + " needs a value");
                }
                value = args[++i];
            }
            if (value.isBlank()) {
                throw new SettingsException("option " + name + " needs " + VALUES.get(name) + ", got an empty value");
            }
            switch (name) {
                case "--config" -> settings.putAll(LegacyConfigFile.read(Path.of(value), warnings));
                case "--loadName" -> settings.put("nemesis.load.name", value);
                default -> settings.put("nemesis.load.path", value);
            }
        }
        return settings;
    }

    /** What {@code --help} prints: the command line, then every setting with its default and environment variable. */
    public static String help(KnownSettings known) {
        StringBuilder text = new StringBuilder("""
                Usage: nemesisdb [--config=<file>] [--loadName=<name>] [--loadPath=<dir>]
                       nemesisdb key new | key add <name> <role> --file <keys.json> | key hash
                       nemesisdb --help | --version
                (nemesisdb is target/nemesisdb, which finds a Java 21+; or java -jar target/nemesisdb.jar)

                  --config=<file>    a NemesisDB 0.6.4 JSON config file: ip, port, sessionsEnabled, maxPayload,
                                     persist.enabled, persist.path
                  --loadName=<name>  the dataset to load at start-up (nemesis.load.name)
                  --loadPath=<dir>   where that dataset is (nemesis.load.path)

                Settings: a system property (java -D<setting>=<value> -jar ..., or ./mvnw -Pserve -D<setting>=<value>)
                or an environment variable; both override the command line's options, which override the defaults.
                Meanings: the README's Settings table and src/site/markdown/operations.md.

                """);
        List<KnownSettings.Setting> settings = known.all();
        int nameWidth = settings.stream().mapToInt(setting -> setting.name().length()).max().orElse(0);
        int defaultWidth = settings.stream().mapToInt(setting -> shown(setting.defaultValue()).length()).max().orElse(0);
        text.append(String.format("  %-" + nameWidth + "s  %-" + defaultWidth + "s  %s%n", "setting", "default", "environment variable"));
        for (KnownSettings.Setting setting : settings) {
            text.append(String.format("  %-" + nameWidth + "s  %-" + defaultWidth + "s  %s%n",
                    setting.name(), shown(setting.defaultValue()), setting.environmentVariable()));
        }
        return text.toString();
    }

    private static String shown(String defaultValue) {
        return defaultValue.isEmpty() ? "(empty)" : defaultValue;
    }
}
