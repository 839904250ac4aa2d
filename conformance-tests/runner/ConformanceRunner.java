/*
 * NemesisDB conformance runner: reads the JSON case files, runs each case on a fresh WebSocket
 * connection against a server, prints one line per failing case and a summary, writes a JUnit-XML
 * report. Needs only a JDK 21+ and shares no code with any server:
 *
 *   java conformance-tests/runner/ConformanceRunner.java --url ws://127.0.0.1:1987/ --mode kv
 *
 * The case format is described in conformance-tests/README.md.
 */

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** Entry point: options, case loading and selection, the run loop, the summary and the report. */
public final class ConformanceRunner {

    private ConformanceRunner() {
    }

    /** Command-line settings. */
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

    /** One case as read from a file. */
    record Case(String id, String file, Map<String, Object> json) {
        /** The case's tags plus those its modeTags adds for the given mode. */
        @SuppressWarnings("unchecked")
        List<String> tags(String mode) {
            List<String> tags = new ArrayList<>((List<String>) json.getOrDefault("tags", List.of()));
            if (json.get("modeTags") instanceof Map<?, ?> byMode && byMode.get(mode) instanceof List<?> extra) {
                tags.addAll((List<String>) extra);
            }
            return tags;
        }
    }

    /** The outcome of one case. */
    record Outcome(Case testCase, String failure, String skipReason, long millis) {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        List<Case> cases;
        try {
            options = Options.parse(args);
            if (options == null) {
                System.out.println(Options.USAGE);
                return;
            }
            cases = loadCases(options.cases());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        String run = Long.toString(System.currentTimeMillis(), 36) + Integer.toString(new SecureRandom().nextInt(1296), 36);
        System.out.println("conformance run " + run + ": " + options.url() + ", " + options.mode() + " mode, "
                + cases.size() + " cases in " + options.cases());
        List<Outcome> outcomes = new ArrayList<>();
        Set<String> saved = new TreeSet<>();
        long started = System.nanoTime();
        for (Case c : cases) {
            if (!modesOf(c).contains(options.mode())
                    || (options.only() != null && !options.only().matcher(c.id()).find())
                    || (!options.onlyTags().isEmpty() && c.tags(options.mode()).stream().noneMatch(options.onlyTags()::contains))) {
                continue;
            }
            String skip = skipReason(c, options);
            if (skip != null) {
                outcomes.add(new Outcome(c, null, skip, 0));
                continue;
            }
            long t0 = System.nanoTime();
            String failure = new CaseRun(c, options, run, outcomes.size(), saved).run();
            Outcome outcome = new Outcome(c, failure, null, (System.nanoTime() - t0) / 1_000_000);
            outcomes.add(outcome);
            if (failure != null) {
                System.out.println("FAIL " + c.id() + ": " + failure);
            }
        }
        long passed = outcomes.stream().filter(o -> o.skipReason() == null && o.failure() == null).count();
        long failed = outcomes.stream().filter(o -> o.failure() != null).count();
        long skipped = outcomes.stream().filter(o -> o.skipReason() != null).count();
        System.out.println(passed + " passed, " + failed + " failed" + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        SavedDatasets.cleanUp(saved, options.persistPath());
        if (options.report() != null) {
            JunitReport.write(options.report(), "conformance-" + options.mode(), outcomes,
                    (System.nanoTime() - started) / 1_000_000);
        }
        System.exit(failed == 0 && passed > 0 ? 0 : 1);
    }

    @SuppressWarnings("unchecked")
    static List<String> modesOf(Case c) {
        return (List<String>) c.json().get("modes");
    }

    private static String skipReason(Case c, Options options) {
        List<String> tags = c.tags(options.mode());
        for (String tag : tags) {
            if (options.skipTags().contains(tag)) {
                return "tag " + tag + " skipped";
            }
        }
        if (tags.contains("persistence") && !options.persistence()) {
            return "needs persistence on";
        }
        if (tags.contains("no-persistence") && options.persistence()) {
            return "needs persistence off";
        }
        if (tags.contains("max-payload") && options.maxPayload() == null) {
            return "needs --max-payload";
        }
        String key = CaseRun.keyOf(c);
        if (key != null && !key.equals("admin") && !options.keys().containsKey("admin")) {
            return "needs a server with access keys (--auth-key)";
        }
        if (key != null && Set.of("readwrite", "readonly").contains(key) && !options.keys().containsKey(key)) {
            return "needs --key " + key + "=KEY";
        }
        return null;
    }

    /** Reads every *.json file under dir (sorted by path); rejects duplicate ids. */
    @SuppressWarnings("unchecked")
    static List<Case> loadCases(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no case directory " + dir + " (use --cases DIR)");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        List<Case> cases = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Path file : files) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            Object doc;
            try {
                doc = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage());
            }
            if (!(doc instanceof List<?> list)) {
                throw new IllegalArgumentException(name + ": a case file is a JSON array of cases");
            }
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> m) || !(m.get("id") instanceof String id)
                        || !(m.get("modes") instanceof List<?>) || !(m.get("steps") instanceof List<?>)) {
                    throw new IllegalArgumentException(name + ": every case needs id, modes and steps");
                }
                if (!ids.add(id)) {
                    throw new IllegalArgumentException(name + ": duplicate case id " + id);
                }
                cases.add(new Case(id, name, (Map<String, Object>) m));
            }
        }
        return cases;
    }

    /** Strict RFC 8259 JSON: objects as LinkedHashMap, arrays as List, numbers as Num, null as null. */
    static final class Json {
        /** A number: its exact value and the text it was written with (sent unchanged). */
        record Num(BigDecimal value, String text) {
            static Num of(long v) {
                return new Num(BigDecimal.valueOf(v), Long.toString(v));
            }

            @Override
            public String toString() {
                return text;
            }
        }

        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            p.ws();
            Object v = p.value(0);
            p.ws();
            if (p.i != text.length()) {
                throw p.error("trailing characters");
            }
            return v;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("invalid JSON at offset " + i + ": " + what);
        }

        private void ws() {
            while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
                i++;
            }
        }

        private Object value(int depth) {
            if (depth > 100_000) {
                throw error("nested too deep");
            }
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    ws();
                    if (peek('}')) {
                        return map;
                    }
                    do {
                        ws();
                        if (i >= s.length() || s.charAt(i) != '"') {
                            throw error("expected member name");
                        }
                        String name = string();
                        ws();
                        expect(':');
                        ws();
                        Object v = value(depth + 1);
                        if (map.containsKey(name)) {
                            throw error("duplicate member " + name);
                        }
                        map.put(name, v);
                        ws();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[': {
                    i++;
                    List<Object> list = new ArrayList<>();
                    ws();
                    if (peek(']')) {
                        return list;
                    }
                    do {
                        ws();
                        list.add(value(depth + 1));
                        ws();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private boolean peek(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw error("unexpected character");
            }
            i += word.length();
            return v;
        }

        private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

        private Num number() {
            Matcher m = NUMBER.matcher(s).region(i, s.length());
            if (!m.lookingAt()) {
                throw error("unexpected character");
            }
            i = m.end();
            return new Num(new BigDecimal(m.group()), m.group());
        }

        private String string() {
            i++;
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length() || !s.substring(i, i + 4).matches("[0-9a-fA-F]{4}")) {
                            throw error("bad \\u escape");
                        }
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        static String write(Object v) {
            StringBuilder b = new StringBuilder();
            write(v, b);
            return b.toString();
        }

        private static void write(Object v, StringBuilder b) {
            if (v == null) {
                b.append("null");
            } else if (v instanceof Map<?, ?> map) {
                b.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    writeString((String) e.getKey(), b);
                    b.append(':');
                    write(e.getValue(), b);
                }
                b.append('}');
            } else if (v instanceof List<?> list) {
                b.append('[');
                for (int k = 0; k < list.size(); k++) {
                    if (k > 0) {
                        b.append(',');
                    }
                    write(list.get(k), b);
                }
                b.append(']');
            } else if (v instanceof String str) {
                writeString(str, b);
            } else {
                b.append(v); // Boolean or Num (its original text)
            }
        }

        private static void writeString(String str, StringBuilder b) {
            b.append('"');
            for (int k = 0; k < str.length(); k++) {
                char c = str.charAt(k);
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }

        /** JSON equality: numbers by value, object members in any order, arrays in order. */
        static boolean same(Object a, Object b) {
            if (a instanceof Num x && b instanceof Num y) {
                return x.value().compareTo(y.value()) == 0;
            }
            if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
                if (!x.keySet().equals(y.keySet())) {
                    return false;
                }
                for (Object k : x.keySet()) {
                    if (!same(x.get(k), y.get(k))) {
                        return false;
                    }
                }
                return true;
            }
            if (a instanceof List<?> x && b instanceof List<?> y) {
                if (x.size() != y.size()) {
                    return false;
                }
                for (int k = 0; k < x.size(); k++) {
                    if (!same(x.get(k), y.get(k))) {
                        return false;
                    }
                }
                return true;
            }
            return a == null ? b == null : a.equals(b);
        }
    }

    /** A minimal RFC 6455 client over a plain socket; a reader thread queues what the server sends. */
    static final class WsClient implements AutoCloseable {
        /** Something received: a text or binary message, a close frame, a pong, or the end of the stream. */
        record Event(String kind, String text, byte[] bytes, int closeCode) {
            String describe() {
                return switch (kind) {
                    case "text" -> "reply " + text;
                    case "binary" -> "binary message of " + bytes.length + " bytes";
                    case "close" -> "close frame " + (closeCode < 0 ? "without code" : "with code " + closeCode);
                    case "pong" -> "pong";
                    default -> "connection " + text;
                };
            }
        }

        private final Socket socket;
        private final OutputStream out;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final SecureRandom random = new SecureRandom();
        private volatile boolean closing;

        /** The server answered the opening handshake with an HTTP status other than 101. */
        static final class HandshakeRefused extends IOException {
            final int status;

            HandshakeRefused(int status, String line) {
                super("handshake refused: " + line);
                this.status = status;
            }
        }

        /**
         * @param headers extra handshake headers (an access key, an Origin)
         * @param tls for wss:// URLs, the TLS to connect with; null for ws://
         * @param verifyHost whether the server's certificate must name the URL's host
         */
        WsClient(URI url, int timeoutMs, Map<String, String> headers, SSLContext tls, boolean verifyHost) throws IOException {
            int port = url.getPort() >= 0 ? url.getPort() : tls != null ? 443 : 80;
            socket = tls == null ? new Socket() : tls.getSocketFactory().createSocket();
            if (socket instanceof SSLSocket secure && verifyHost) {
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
            }
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(url.getHost(), port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            try {
                handshake(url, port, in, headers);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            socket.setSoTimeout(0);
            Thread reader = new Thread(() -> readLoop(in), "ws-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void handshake(URI url, int port, InputStream in, Map<String, String> headers) throws IOException {
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            String key = Base64.getEncoder().encodeToString(nonce);
            String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: 13\r\n";
            for (Map.Entry<String, String> header : headers.entrySet()) {
                request += header.getKey() + ": " + header.getValue() + "\r\n";
            }
            request += "\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("connection closed during handshake");
                }
                head.write(b);
            }
            String response = head.toString(StandardCharsets.ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 101")) {
                String line = response.lines().findFirst().orElse("");
                String[] parts = line.split(" ");
                throw new HandshakeRefused(parts.length > 1 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1, line);
            }
            String expected;
            try {
                expected = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                        (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
            } catch (NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
            if (!response.toLowerCase(Locale.ROOT).contains("sec-websocket-accept: " + expected.toLowerCase(Locale.ROOT))) {
                throw new IOException("handshake: wrong or missing Sec-WebSocket-Accept");
            }
        }

        private void readLoop(InputStream in) {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            int messageOpcode = -1;
            try {
                while (true) {
                    int b0 = in.read();
                    int b1 = in.read();
                    if (b0 < 0 || b1 < 0) {
                        events.add(new Event("eof", "closed by the server (TCP)", null, -1));
                        return;
                    }
                    boolean fin = (b0 & 0x80) != 0;
                    int opcode = b0 & 0x0F;
                    long len = b1 & 0x7F;
                    if (len == 126) {
                        len = (readByte(in) << 8) | readByte(in);
                    } else if (len == 127) {
                        len = 0;
                        for (int k = 0; k < 8; k++) {
                            len = (len << 8) | readByte(in);
                        }
                    }
                    if ((b1 & 0x80) != 0 || len > Integer.MAX_VALUE - 8) {
                        throw new IOException("server sent a masked or huge frame");
                    }
                    byte[] payload = in.readNBytes((int) len);
                    if (payload.length != len) {
                        throw new EOFException("truncated frame");
                    }
                    switch (opcode) {
                        case 0x9 -> send(0xA, payload, true);
                        case 0xA -> events.add(new Event("pong", new String(payload, StandardCharsets.UTF_8), payload, -1));
                        case 0x8 -> {
                            int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
                            events.add(new Event("close", null, payload, code));
                            if (!closing) {
                                closing = true;
                                send(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0], true);
                            }
                            return;
                        }
                        case 0x0, 0x1, 0x2 -> {
                            if (opcode != 0) {
                                messageOpcode = opcode;
                                message.reset();
                            }
                            message.write(payload);
                            if (fin) {
                                events.add(messageEvent(messageOpcode, message.toByteArray()));
                                message.reset();
                            }
                        }
                        default -> throw new IOException("unknown opcode " + opcode);
                    }
                }
            } catch (IOException e) {
                events.add(new Event("eof", closing ? "closed" : "error: " + e.getMessage(), null, -1));
            }
        }

        private static int readByte(InputStream in) throws IOException {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("truncated frame header");
            }
            return b;
        }

        private static Event messageEvent(int opcode, byte[] bytes) {
            if (opcode == 0x2) {
                return new Event("binary", null, bytes, -1);
            }
            try {
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                return new Event("text", text, bytes, -1);
            } catch (CharacterCodingException e) {
                return new Event("eof", "error: server sent a text message that is not UTF-8", bytes, -1);
            }
        }

        /** Sends one frame, masked as RFC 6455 requires of clients. */
        synchronized void send(int opcode, byte[] payload, boolean fin) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else if (payload.length < 65536) {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xFF);
            } else {
                frame.write(0x80 | 127);
                for (int k = 7; k >= 0; k--) {
                    frame.write((int) (((long) payload.length >>> (8 * k)) & 0xFF));
                }
            }
            byte[] mask = new byte[4];
            random.nextBytes(mask);
            frame.write(mask);
            for (int k = 0; k < payload.length; k++) {
                frame.write(payload[k] ^ mask[k & 3]);
            }
            frame.writeTo(out);
            out.flush();
        }

        /** Writes these bytes to the socket as they are: no frame, no mask. */
        synchronized void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Sends a message split into the given number of frames (1 = unfragmented). */
        void sendMessage(int opcode, byte[] payload, int fragments) throws IOException {
            int size = Math.max(1, (payload.length + fragments - 1) / Math.max(1, fragments));
            int offset = 0;
            int op = opcode;
            do {
                int end = Math.min(payload.length, offset + size);
                send(op, Arrays.copyOfRange(payload, offset, end), end == payload.length);
                op = 0;
                offset = end;
            } while (offset < payload.length);
        }

        Event next(long deadlineNanos) throws InterruptedException {
            return events.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }

        @Override
        public void close() {
            try {
                if (!closing) {
                    closing = true;
                    send(0x8, new byte[] {0x03, (byte) 0xE8}, true);
                }
            } catch (IOException ignored) {
                // the connection is being discarded anyway
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** Thrown when a step does not get what the case expects. */
    static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String message) {
            super(message);
        }
    }

    /** Runs one case: placeholders, automatic session, sending, matching replies, captures. */
    /** TLS for wss:// URLs: the JDK's trust, the certificates of --ca, or with --insecure-tls any certificate. */
    static final class Tls {
        private Tls() {
        }

        static SSLContext context(boolean insecure, Path ca) {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                TrustManager[] trust = null;
                if (insecure) {
                    trust = new TrustManager[] {new X509TrustManager() {
                        @Override
                        public void checkClientTrusted(X509Certificate[] chain, String authType) {
                        }

                        @Override
                        public void checkServerTrusted(X509Certificate[] chain, String authType) {
                        }

                        @Override
                        public X509Certificate[] getAcceptedIssuers() {
                            return new X509Certificate[0];
                        }
                    }};
                } else if (ca != null) {
                    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                    store.load(null, null);
                    int i = 0;
                    try (InputStream pem = Files.newInputStream(ca)) {
                        for (java.security.cert.Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                            store.setCertificateEntry("ca-" + i++, certificate);
                        }
                    }
                    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    factory.init(store);
                    trust = factory.getTrustManagers();
                }
                context.init(null, trust, null);
                return context;
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("cannot set up TLS" + (ca == null ? "" : " with --ca " + ca) + ": " + e.getMessage());
            }
        }
    }

    /**
     * The datasets a run made the server save, seen in its replies: a save reply ({@code *_SAVE_RSP})
     * with st 120 or 121 names one. A server cannot be asked to delete a dataset, so the runner
     * removes them from the persist path when it is on this machine ({@code --persist-path}), and
     * otherwise lists them for whoever runs the server.
     */
    static final class SavedDatasets {
        /** A name that is one directory inside the persist path: the protocol's dataset-name rule. */
        private static final Pattern ONE_DIRECTORY = Pattern.compile("[A-Za-z0-9._-]{1,128}");

        private SavedDatasets() {
        }

        static void note(Object reply, Set<String> saved) {
            if (reply instanceof Map<?, ?> map && map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                if (only.getKey() instanceof String name && name.endsWith("_SAVE_RSP") && only.getValue() instanceof Map<?, ?> body
                        && body.get("st") instanceof Json.Num st && (st.text().equals("120") || st.text().equals("121"))
                        && body.get("name") instanceof String dataset) {
                    saved.add(dataset);
                }
            }
        }

        static void cleanUp(Set<String> saved, Path persistPath) {
            if (saved.isEmpty()) {
                return;
            }
            List<String> removable = new ArrayList<>();
            for (String name : saved) {
                if (ONE_DIRECTORY.matcher(name).matches() && !name.equals(".") && !name.equals("..")) {
                    removable.add(name);
                } else {
                    System.out.println("the server accepted a save named '" + name + "', which is not one directory name:"
                            + " look for what it wrote in its persist path and remove it by hand");
                }
            }
            if (persistPath == null) {
                System.out.println("this run saved " + removable.size() + " datasets; remove them from the server's persist path"
                        + " (or pass --persist-path DIR next time): cd <persist path> && rm -r " + String.join(" ", removable));
                return;
            }
            int removed = 0;
            for (String name : removable) {
                Path dataset = persistPath.resolve(name);
                if (Files.isDirectory(dataset, LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> files = Files.walk(dataset)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(file);
                        }
                        removed++;
                    } catch (IOException e) {
                        System.out.println("could not remove the dataset " + dataset + ": " + e);
                    }
                }
            }
            System.out.println("removed the " + removed + " datasets this run saved from " + persistPath);
        }
    }

    static final class CaseRun {
        private static final Set<String> STEP_KEYS = Set.of("send", "sendText", "sendBinary", "sendTextHex",
                "sendFragments", "sendSized", "ping", "close", "closePayloadHex", "sendRawHex", "sleep", "expect",
                "expectLater", "expectNone", "expectClose", "expectPong", "awaitLater", "reconnect", "expectRefused", "comment");
        private static final List<String> STEP_SENDS = List.of("sendText", "sendBinary", "sendTextHex", "sendFragments",
                "closePayloadHex", "sendRawHex");
        private static final Pattern WHOLE_VAR = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
        private static final Pattern INNER_VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

        private final Case testCase;
        private final Options options;
        private final Map<String, Object> vars = new HashMap<>();
        private final List<Object> later = new ArrayList<>();
        private final int index;
        private final Set<String> saved;
        private WsClient ws;
        private Object autoToken;
        private Boolean stepInjected;

        CaseRun(Case testCase, Options options, String run, int index, Set<String> saved) {
            this.testCase = testCase;
            this.options = options;
            this.index = index;
            this.saved = saved;
            vars.put("run", run);
            if (options.maxPayload() != null) {
                vars.put("maxPayload", Json.Num.of(options.maxPayload()));
            }
        }

        /** Returns null when the case passed, else what differed. */
        String run() {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> steps = (List<Map<String, Object>>) testCase.json().get("steps");
            int stepNo = 0;
            try {
                if (!steps.isEmpty() && !steps.get(0).containsKey("expectRefused")) {
                    ws = connect();
                }
                if (needsSession(steps)) {
                    openSession();
                }
                for (Map<String, Object> step : steps) {
                    stepNo++;
                    runStep(step);
                }
                stepNo = 0;
                awaitLater();
                expectNothingQueued();
                return null;
            } catch (Mismatch e) {
                return (stepNo > 0 ? "step " + stepNo + ": " : "") + e.getMessage();
            } catch (IOException e) {
                return (stepNo > 0 ? "step " + stepNo + ": " : "") + "I/O error: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            } catch (RuntimeException e) {
                return "runner error: " + e;
            } finally {
                if (ws != null) {
                    ws.close();
                }
            }
        }

        /** The key a case connects with ({@code "connect":{"key":…}}): a role, none or wrong; null: the runner's admin key, if any. */
        static String keyOf(Case c) {
            return c.json().get("connect") instanceof Map<?, ?> connect && connect.get("key") instanceof String key ? key : null;
        }

        /** Opens a connection as the case says: with its key (or the admin key) and its Origin. */
        private WsClient connect() throws IOException {
            Map<String, String> headers = new LinkedHashMap<>();
            String key = keyOf(testCase);
            String sent = key == null ? options.keys().get("admin") : switch (key) {
                case "none" -> null;
                case "wrong" -> "not-a-key-" + vars.get("run");
                default -> options.keys().get(key);
            };
            if (sent != null) {
                headers.put("Authorization", "Bearer " + sent);
            }
            if (testCase.json().get("connect") instanceof Map<?, ?> connect && connect.get("origin") instanceof String origin) {
                headers.put("Origin", origin);
            }
            return new WsClient(options.url(), (int) options.timeoutMs(), headers, options.tls(), options.verifyHost());
        }

        /** A step that expects the server to refuse the case's handshake with this HTTP status. */
        private void expectRefused(int status) throws Mismatch {
            try {
                WsClient accepted = connect();
                accepted.close();
                throw new Mismatch("expected the handshake to be refused with " + status + ", it was accepted");
            } catch (WsClient.HandshakeRefused refused) {
                if (refused.status != status) {
                    throw new Mismatch("expected the handshake to be refused with " + status + ", got " + refused.getMessage());
                }
            } catch (IOException e) {
                throw new Mismatch("expected the handshake to be refused with " + status + ", got " + e);
            }
        }

        /** In sessions mode, a case that sends a KV_ command without tkn gets a fresh session of its own. */
        private boolean needsSession(List<Map<String, Object>> steps) {
            if (!options.mode().equals("sessions") || Boolean.FALSE.equals(testCase.json().get("autoSession"))) {
                return false;
            }
            return steps.stream().anyMatch(s -> kvBodyWithoutTkn(s.get("send")) != null
                    || s.get("sendSized") instanceof Map<?, ?> sized && kvBodyWithoutTkn(sized.get("message")) != null);
        }

        /** The body of a KV_ request or reply {"KV_…":{…}} that has no tkn member, else null. */
        @SuppressWarnings("unchecked")
        private static Map<String, Object> kvBodyWithoutTkn(Object message) {
            if (message instanceof Map<?, ?> m && m.size() == 1) {
                Map.Entry<?, ?> e = m.entrySet().iterator().next();
                if (((String) e.getKey()).startsWith("KV_") && e.getValue() instanceof Map<?, ?> body
                        && !body.containsKey("tkn")) {
                    return (Map<String, Object>) body;
                }
            }
            return null;
        }

        private void openSession() throws IOException, InterruptedException, Mismatch {
            String name = "conformance-" + vars.get("run") + "-" + index;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            sendText(Json.write(Map.of("SH_NEW", body)));
            Object reply = Json.parse(nextText("the SH_NEW_RSP of the automatic session"));
            if (reply instanceof Map<?, ?> m && m.get("SH_NEW_RSP") instanceof Map<?, ?> rsp
                    && rsp.get("st") instanceof Json.Num st && st.value().intValue() == 1
                    && rsp.get("tkn") instanceof Json.Num) {
                autoToken = rsp.get("tkn");
                vars.put("tkn", autoToken);
            } else {
                throw new Mismatch("automatic session: SH_NEW failed: " + Json.write(reply));
            }
        }

        @SuppressWarnings("unchecked")
        private void runStep(Map<String, Object> step) throws IOException, InterruptedException, Mismatch {
            for (String key : step.keySet()) {
                if (!STEP_KEYS.contains(key)) {
                    throw new IllegalArgumentException("unknown step member " + key);
                }
            }
            stepInjected = null;
            if (step.get("sleep") instanceof Json.Num ms) {
                Thread.sleep(ms.value().longValue());
            }
            if (Boolean.TRUE.equals(step.get("reconnect"))) {
                awaitLater();
                ws.close();
                ws = connect();
            }
            if (step.get("expectRefused") instanceof Json.Num status) {
                expectRefused(status.value().intValue());
                return;
            }
            if (!step.containsKey("send") && STEP_SENDS.stream().anyMatch(step::containsKey)) {
                stepInjected = false; // raw sends never get the automatic tkn, nor do their replies
            }
            if (step.containsKey("send")) {
                sendText(Json.write(prepare(step.get("send"))));
            } else if (step.containsKey("sendText")) {
                sendText((String) resolve(step.get("sendText")));
            } else if (step.containsKey("sendBinary")) {
                ws.sendMessage(0x2, ((String) resolve(step.get("sendBinary"))).getBytes(StandardCharsets.UTF_8), 1);
            } else if (step.containsKey("sendTextHex")) {
                ws.sendMessage(0x1, HexFormat.of().parseHex((String) step.get("sendTextHex")), 1);
            } else if (step.containsKey("sendFragments")) {
                // one frame per item: a text frame, then continuation frames, the last one final
                List<Object> frames = (List<Object>) step.get("sendFragments");
                for (int k = 0; k < frames.size(); k++) {
                    byte[] payload = ((String) resolve(frames.get(k))).getBytes(StandardCharsets.UTF_8);
                    ws.send(k == 0 ? 0x1 : 0x0, payload, k == frames.size() - 1);
                }
            } else if (step.containsKey("sendSized")) {
                sendSized((Map<String, Object>) step.get("sendSized"));
            } else if (step.containsKey("ping")) {
                ws.send(0x9, ((String) step.get("ping")).getBytes(StandardCharsets.UTF_8), true);
            } else if (step.containsKey("close")) {
                int code = ((Json.Num) step.get("close")).value().intValue();
                ws.send(0x8, new byte[] {(byte) (code >>> 8), (byte) code}, true);
            } else if (step.containsKey("closePayloadHex")) {
                ws.send(0x8, HexFormat.of().parseHex((String) step.get("closePayloadHex")), true);
            } else if (step.containsKey("sendRawHex")) {
                ws.sendRaw(HexFormat.of().parseHex((String) step.get("sendRawHex")));
            }
            if (step.containsKey("expectLater")) {
                Object patterns = step.get("expectLater");
                later.addAll(patterns instanceof List<?> list ? list : List.of(patterns));
            }
            if (step.containsKey("expect")) {
                Object patterns = step.get("expect");
                for (Object pattern : patterns instanceof List<?> list ? list : List.of(patterns)) {
                    expectReply(pattern);
                }
            } else if (step.containsKey("expectNone")) {
                expectNone(((Json.Num) step.get("expectNone")).value().longValue());
            } else if (step.containsKey("expectClose")) {
                expectClose(((Json.Num) step.get("expectClose")).value().intValue());
            } else if (step.containsKey("expectPong")) {
                expectPong((String) step.get("expectPong"));
            }
            if (Boolean.TRUE.equals(step.get("awaitLater"))) {
                awaitLater();
            }
        }

        /** Resolves placeholders; with an automatic session, adds its tkn to a KV_ request that has none. */
        private Object prepare(Object template) {
            Object message = resolve(template);
            Map<String, Object> body = autoToken != null ? kvBodyWithoutTkn(message) : null;
            if (body != null) {
                body.put("tkn", autoToken);
            }
            stepInjected = body != null;
            return message;
        }

        private void sendText(String text) throws IOException {
            ws.sendMessage(0x1, text.getBytes(StandardCharsets.UTF_8), 1);
        }

        /** A JSON message whose "$pad" string is filled with 'x' so that it has exactly the size asked for. */
        private void sendSized(Map<String, Object> spec) throws IOException, Mismatch {
            long target = options.maxPayload() + ((Json.Num) spec.get("maxPayloadPlus")).value().longValue();
            int fragments = spec.get("fragments") instanceof Json.Num f ? f.value().intValue() : 1;
            vars.put("pad", "");
            int base = Json.write(prepare(spec.get("message"))).getBytes(StandardCharsets.UTF_8).length;
            if (target < base || target > Integer.MAX_VALUE - 16) {
                throw new Mismatch("cannot build a message of " + target + " bytes (the template alone has " + base + ")");
            }
            vars.put("pad", "x".repeat((int) (target - base)));
            byte[] bytes = Json.write(prepare(spec.get("message"))).getBytes(StandardCharsets.UTF_8);
            vars.remove("pad");
            try {
                ws.sendMessage(0x1, bytes, fragments);
            } catch (IOException e) {
                // the server may close the connection before it has read an oversized message;
                // the close frame it sent first is what the next expectation checks
            }
        }

        /** Replaces "$name" strings by the variable's value and "${name}" inside strings by its text. */
        private Object resolve(Object template) {
            if (template instanceof String s) {
                if (s.startsWith("$$")) {
                    return interpolate(s.substring(1));
                }
                Matcher whole = WHOLE_VAR.matcher(s);
                if (whole.matches()) {
                    return variable(whole.group(1));
                }
                return interpolate(s);
            }
            if (template instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    String key = (String) e.getKey();
                    out.put(key.startsWith("$") ? key : interpolate(key), resolve(e.getValue()));
                }
                return out;
            }
            if (template instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                for (Object item : list) {
                    out.add(resolve(item));
                }
                return out;
            }
            return template;
        }

        private String interpolate(String s) {
            Matcher m = INNER_VAR.matcher(s);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                Object v = variable(m.group(1));
                m.appendReplacement(b, Matcher.quoteReplacement(v instanceof String str ? str : Json.write(v)));
            }
            m.appendTail(b);
            return b.toString();
        }

        private Object variable(String name) {
            if (!vars.containsKey(name)) {
                throw new IllegalArgumentException("placeholder $" + name + " is not bound");
            }
            return vars.get(name);
        }

        /** Next text message; replies that satisfy a pending expectLater pattern are consumed on the way. */
        private String nextText(String waitingFor) throws InterruptedException, Mismatch {
            long deadline = System.nanoTime() + options.timeoutMs() * 1_000_000;
            while (true) {
                WsClient.Event e = ws.next(deadline);
                if (e == null) {
                    throw new Mismatch("timed out after " + options.timeoutMs() + " ms waiting for " + waitingFor);
                }
                if (e.kind().equals("pong")) {
                    continue;
                }
                if (!e.kind().equals("text")) {
                    throw new Mismatch("expected " + waitingFor + ", got " + e.describe());
                }
                if (!consumeLater(e.text())) {
                    return e.text();
                }
            }
        }

        private boolean consumeLater(String text) {
            Object reply;
            try {
                reply = Json.parse(text);
            } catch (IllegalArgumentException e) {
                return false;
            }
            SavedDatasets.note(reply, saved);
            for (int k = 0; k < later.size(); k++) {
                if (ReplyMatcher.match(resolve(later.get(k)), reply, vars) == null) {
                    later.remove(k);
                    return true;
                }
            }
            return false;
        }

        private void expectReply(Object pattern) throws InterruptedException, Mismatch {
            Object resolved = resolve(pattern);
            // a KV_ reply to a request that got the automatic session's tkn must carry that tkn
            Map<String, Object> body = autoToken != null && !Boolean.FALSE.equals(stepInjected) ? kvBodyWithoutTkn(resolved) : null;
            if (body != null) {
                body.put("tkn", autoToken);
            }
            String text = nextText(Json.write(resolved));
            Object reply;
            try {
                reply = Json.parse(text);
            } catch (IllegalArgumentException e) {
                throw new Mismatch("reply is not valid JSON (" + e.getMessage() + "): " + text);
            }
            String diff = ReplyMatcher.match(resolved, reply, vars);
            if (diff != null) {
                throw new Mismatch(diff + "; expected " + Json.write(resolved) + ", got " + text);
            }
        }

        private void expectNone(long millis) throws InterruptedException, Mismatch {
            long deadline = System.nanoTime() + millis * 1_000_000;
            while (true) {
                WsClient.Event e = ws.next(deadline);
                if (e == null) {
                    return;
                }
                if (e.kind().equals("text") && consumeLater(e.text()) || e.kind().equals("pong")) {
                    continue;
                }
                throw new Mismatch("expected nothing within " + millis + " ms, got " + e.describe());
            }
        }

        private void expectClose(int code) throws InterruptedException, Mismatch {
            long deadline = System.nanoTime() + options.timeoutMs() * 1_000_000;
            while (true) {
                WsClient.Event e = ws.next(deadline);
                if (e == null) {
                    throw new Mismatch("timed out waiting for a close frame with code " + code);
                }
                if (e.kind().equals("pong")) {
                    continue;
                }
                if (!e.kind().equals("close") || e.closeCode() != code) {
                    throw new Mismatch("expected a close frame with code " + code + ", got " + e.describe());
                }
                return;
            }
        }

        private void expectPong(String payload) throws InterruptedException, Mismatch {
            WsClient.Event e = ws.next(System.nanoTime() + options.timeoutMs() * 1_000_000);
            if (e == null) {
                throw new Mismatch("timed out waiting for a pong");
            }
            if (!e.kind().equals("pong") || !e.text().equals(payload)) {
                throw new Mismatch("expected pong \"" + payload + "\", got " + e.describe()
                        + (e.kind().equals("pong") ? " \"" + e.text() + "\"" : ""));
            }
        }

        /** The server never sends unsolicited messages: nothing may be left unread when a case ends. */
        private void expectNothingQueued() throws InterruptedException, Mismatch {
            WsClient.Event e;
            while (ws != null && (e = ws.next(System.nanoTime())) != null) {
                if (!e.kind().equals("pong") && !e.kind().equals("close") && !e.kind().equals("eof")) {
                    throw new Mismatch("unexpected " + e.describe() + " after the last step");
                }
            }
        }

        /** Waits until every pending expectLater pattern has been matched; any other message is a mismatch. */
        private void awaitLater() throws InterruptedException, Mismatch {
            long deadline = System.nanoTime() + options.timeoutMs() * 1_000_000;
            while (!later.isEmpty()) {
                String waitingFor = Json.write(resolve(later.get(0)));
                WsClient.Event e = ws.next(deadline);
                if (e == null) {
                    throw new Mismatch("timed out after " + options.timeoutMs() + " ms waiting for " + waitingFor);
                }
                if (e.kind().equals("pong") || e.kind().equals("text") && consumeLater(e.text())) {
                    continue;
                }
                throw new Mismatch("expected " + waitingFor + ", got " + e.describe());
            }
        }
    }

    /**
     * Matches a reply against a pattern {"NAME_RSP":{members}}: the name must agree, every member the
     * pattern names must match (m is never compared), other members are ignored. Values match as JSON
     * equality unless the pattern uses an operator object ({"$any":true}, {"$type":"uint"}, ...).
     */
    static final class ReplyMatcher {
        private static final Set<String> OPERATORS = Set.of("$any", "$absent", "$type", "$oneOf", "$not", "$range",
                "$unordered", "$capture", "$literal");

        private ReplyMatcher() {
        }

        /** Returns null on a match (and then binds captures into vars), else a description of the difference. */
        static String match(Object pattern, Object reply, Map<String, Object> vars) {
            Map<?, ?> p = (Map<?, ?>) pattern;
            String name = (String) p.keySet().iterator().next();
            if (!(reply instanceof Map<?, ?> r) || r.size() != 1) {
                return "reply is not an object with one member";
            }
            if (!r.containsKey(name)) {
                return "reply name is " + r.keySet().iterator().next() + ", not " + name;
            }
            if (!(r.get(name) instanceof Map<?, ?> body)) {
                return name + " is not an object";
            }
            Map<String, Object> captures = new HashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) p.get(name)).entrySet()) {
                String member = (String) e.getKey();
                if (member.equals("m")) {
                    continue;
                }
                Object expected = e.getValue();
                if (isOperator(expected) && ((Map<?, ?>) expected).containsKey("$absent")) {
                    if (body.containsKey(member)) {
                        return member + " should be absent";
                    }
                    continue;
                }
                if (!body.containsKey(member)) {
                    return member + " is missing";
                }
                String diff = value(expected, body.get(member), member, captures);
                if (diff != null) {
                    return diff;
                }
            }
            vars.putAll(captures);
            return null;
        }

        static boolean isOperator(Object v) {
            return v instanceof Map<?, ?> m && !m.isEmpty() && OPERATORS.containsAll(m.keySet());
        }

        private static String value(Object expected, Object actual, String where, Map<String, Object> captures) {
            if (isOperator(expected)) {
                return operator((Map<?, ?>) expected, actual, where, captures);
            }
            if (expected instanceof Map<?, ?> e) {
                if (!(actual instanceof Map<?, ?> a)) {
                    return where + " is not an object";
                }
                if (!a.keySet().equals(e.keySet())) {
                    return where + " has members " + a.keySet() + ", expected " + e.keySet();
                }
                for (Object k : e.keySet()) {
                    String diff = value(e.get(k), a.get(k), where + "." + k, captures);
                    if (diff != null) {
                        return diff;
                    }
                }
                return null;
            }
            if (expected instanceof List<?> e) {
                if (!(actual instanceof List<?> a) || a.size() != e.size()) {
                    return where + " differs";
                }
                for (int k = 0; k < e.size(); k++) {
                    String diff = value(e.get(k), a.get(k), where + "[" + k + "]", captures);
                    if (diff != null) {
                        return diff;
                    }
                }
                return null;
            }
            return Json.same(expected, actual) ? null : where + " differs";
        }

        private static String operator(Map<?, ?> op, Object actual, String where, Map<String, Object> captures) {
            for (Map.Entry<?, ?> e : op.entrySet()) {
                Object arg = e.getValue();
                String diff = switch ((String) e.getKey()) {
                    case "$any", "$absent" -> null;
                    case "$literal" -> Json.same(arg, actual) ? null : where + " differs";
                    case "$capture" -> {
                        captures.put((String) arg, actual);
                        yield null;
                    }
                    case "$type" -> hasType(actual, (String) arg) ? null : where + " is not of type " + arg;
                    case "$range" -> {
                        List<?> bounds = (List<?>) arg;
                        yield actual instanceof Json.Num n
                                && n.value().compareTo(((Json.Num) bounds.get(0)).value()) >= 0
                                && n.value().compareTo(((Json.Num) bounds.get(1)).value()) <= 0
                                ? null : where + " is not within " + Json.write(bounds);
                    }
                    case "$oneOf" -> {
                        for (Object alternative : (List<?>) arg) {
                            if (value(alternative, actual, where, new HashMap<>()) == null) {
                                yield null;
                            }
                        }
                        yield where + " matches none of " + Json.write(arg);
                    }
                    case "$not" -> value(arg, actual, where, new HashMap<>()) == null
                            ? where + " must not match " + Json.write(arg) : null;
                    case "$unordered" -> unordered((List<?>) arg, actual, where);
                    default -> throw new IllegalStateException(e.getKey().toString());
                };
                if (diff != null) {
                    return diff;
                }
            }
            return null;
        }

        private static String unordered(List<?> expected, Object actual, String where) {
            if (!(actual instanceof List<?> a) || a.size() != expected.size()) {
                return where + " differs (any order)";
            }
            List<Object> left = new ArrayList<>(a);
            for (Object e : expected) {
                int hit = -1;
                for (int k = 0; k < left.size() && hit < 0; k++) {
                    if (value(e, left.get(k), where, new HashMap<>()) == null) {
                        hit = k;
                    }
                }
                if (hit < 0) {
                    return where + " differs (any order): " + Json.write(e) + " not found";
                }
                left.remove(hit);
            }
            return null;
        }

        private static boolean hasType(Object v, String type) {
            return switch (type) {
                case "string" -> v instanceof String;
                case "number" -> v instanceof Json.Num;
                case "uint" -> v instanceof Json.Num n && n.text().matches("0|[1-9][0-9]*");
                case "boolean" -> v instanceof Boolean;
                case "object" -> v instanceof Map;
                case "array" -> v instanceof List;
                case "null" -> v == null;
                default -> throw new IllegalArgumentException("unknown $type " + type);
            };
        }
    }

    /** Writes the outcomes as a JUnit-XML testsuite. */
    static final class JunitReport {
        private JunitReport() {
        }

        static void write(Path file, String suite, List<Outcome> outcomes, long millis) throws IOException {
            StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            x.append("<testsuite name=\"").append(esc(suite)).append("\" tests=\"").append(outcomes.size())
                    .append("\" failures=\"").append(outcomes.stream().filter(o -> o.failure() != null).count())
                    .append("\" errors=\"0\" skipped=\"").append(outcomes.stream().filter(o -> o.skipReason() != null).count())
                    .append("\" time=\"").append(seconds(millis)).append("\">\n");
            for (Outcome o : outcomes) {
                String file0 = o.testCase().file();
                x.append("  <testcase classname=\"").append(esc(suite + "." + file0.replaceAll("\\.json$", "").replace('/', '.')))
                        .append("\" name=\"").append(esc(o.testCase().id())).append("\" time=\"").append(seconds(o.millis())).append('"');
                if (o.failure() != null) {
                    x.append(">\n    <failure message=\"").append(esc(o.failure())).append("\"/>\n  </testcase>\n");
                } else if (o.skipReason() != null) {
                    x.append(">\n    <skipped message=\"").append(esc(o.skipReason())).append("\"/>\n  </testcase>\n");
                } else {
                    x.append("/>\n");
                }
            }
            x.append("</testsuite>\n");
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, x, StandardCharsets.UTF_8);
        }

        private static String seconds(long millis) {
            return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
        }

        private static String esc(String s) {
            StringBuilder b = new StringBuilder();
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '<' -> b.append("&lt;");
                    case '>' -> b.append("&gt;");
                    case '&' -> b.append("&amp;");
                    case '"' -> b.append("&quot;");
                    default -> b.append(c < 0x20 && c != '\t' && c != '\n' ? ' ' : c);
                }
            }
            return b.toString();
        }
    }
}
