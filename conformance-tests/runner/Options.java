import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;

/** The command-line options. */
record Options(URI url, String mode, Long maxPayload, boolean persistence, Pattern only,
               List<String> skipTags, List<String> onlyTags, Path report, Path cases, long timeoutMs,
               Map<String, String> keys, SSLContext tls, boolean verifyHost, Path persistPath) {

    static final String USAGE = """
            usage: java ConformanceRunner.java --url ws://host:port/ --mode kv|sessions [options]
              --url URL             the server (wss:// for TLS)
              --mode kv|sessions    the mode the server runs in
              --max-payload N       the server's maxPayload; without it the max-payload cases are skipped
              --persistence on|off  whether the server allows saves (default on)
              --only REGEX          only cases whose id matches
              --only-tag TAG        only cases with this tag (repeatable)
              --skip-tag TAG        skip cases with this tag (repeatable)
              --report FILE         write a JUnit-XML report
              --cases DIR           the case directory (default conformance-tests/cases)
              --timeout-ms N        how long to wait for each expected reply (default 5000)
              --auth-key KEY        an admin access key, sent as Authorization: Bearer on every connection
              --key ROLE=KEY        a key of another role (readwrite, readonly) for the cases of that role
              --ca FILE             PEM certificates to trust for wss:// (default: the JDK's)
              --insecure-tls        trust any certificate for wss:// (for a test server's own)
              --persist-path DIR    the server's persist path, on this machine: the datasets this run
                                    saved are removed from it at the end (without it, they are listed)
              --help                this text""";

    static Options parse(String[] args) {
        Map<String, List<String>> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("--insecure-tls")) {
                flags.add(name.substring(2));
                continue;
            }
            if (!name.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + name);
            }
            values.computeIfAbsent(name.substring(2), k -> new ArrayList<>()).add(args[++i]);
        }
        if (flags.contains("help")) {
            return null;
        }
        Set<String> known = Set.of("url", "mode", "max-payload", "persistence", "only", "skip-tag", "only-tag",
                "report", "cases", "timeout-ms", "auth-key", "key", "ca", "persist-path");
        for (String name : values.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
        }
        String url = one(values, "url", null);
        String mode = one(values, "mode", null);
        if (url == null || mode == null || !(mode.equals("kv") || mode.equals("sessions"))) {
            throw new IllegalArgumentException("--url ws://host:port/ and --mode kv|sessions are required");
        }
        String maxPayload = one(values, "max-payload", null);
        String persistence = one(values, "persistence", "on");
        if (!persistence.equals("on") && !persistence.equals("off")) {
            throw new IllegalArgumentException("--persistence must be on or off");
        }
        String only = one(values, "only", null);
        String report = one(values, "report", null);
        Path cases = Path.of(one(values, "cases", Files.isDirectory(Path.of("conformance-tests/cases"))
                ? "conformance-tests/cases" : "cases"));
        Map<String, String> keys = new HashMap<>();
        String adminKey = one(values, "auth-key", null);
        if (adminKey != null) {
            keys.put("admin", adminKey);
        }
        for (String roleKey : values.getOrDefault("key", List.of())) {
            int eq = roleKey.indexOf('=');
            if (eq <= 0 || !Set.of("admin", "readwrite", "readonly").contains(roleKey.substring(0, eq))) {
                throw new IllegalArgumentException("--key takes ROLE=KEY, ROLE one of admin, readwrite, readonly");
            }
            keys.put(roleKey.substring(0, eq), roleKey.substring(eq + 1));
        }
        URI uri = URI.create(url);
        boolean insecure = flags.contains("insecure-tls");
        String ca = one(values, "ca", null);
        SSLContext tls = uri.getScheme().equals("wss") ? Tls.context(insecure, ca == null ? null : Path.of(ca)) : null;
        String persistPath = one(values, "persist-path", null);
        if (persistPath != null && !Files.isDirectory(Path.of(persistPath))) {
            throw new IllegalArgumentException("--persist-path " + persistPath + " is not a directory");
        }
        return new Options(uri, mode, maxPayload == null ? null : Long.parseLong(maxPayload),
                persistence.equals("on"), only == null ? null : Pattern.compile(only),
                values.getOrDefault("skip-tag", List.of()), values.getOrDefault("only-tag", List.of()),
                report == null ? null : Path.of(report), cases, Long.parseLong(one(values, "timeout-ms", "5000")),
                Map.copyOf(keys), tls, !insecure, persistPath == null ? null : Path.of(persistPath));
    }

    private static String one(Map<String, List<String>> values, String name, String fallback) {
        List<String> list = values.get(name);
        if (list == null) {
            return fallback;
        }
        if (list.size() > 1) {
            throw new IllegalArgumentException("--" + name + " given more than once");
        }
        return list.get(0);
    }
}
