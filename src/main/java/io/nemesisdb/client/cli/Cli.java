package io.nemesisdb.client.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.nemesisdb.client.NemesisClient;
import io.nemesisdb.client.NemesisClientOptions;
import io.nemesisdb.client.NemesisCommands;
import io.nemesisdb.client.NemesisException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.stream.JsonGenerator;

/**
 * The command-line client, {@code java -jar nemesisdb.jar cli [options] [request ...]}: sends the
 * requests given as arguments, or else the lines of standard input, one request each, and prints
 * every reply; at a terminal it is an interactive shell with a prompt and pretty-printed replies.
 * A request is JSON ({@code {"KV_COUNT":{}}}) or a {@link Shorthand} ({@code get user}). The exit
 * status is 1 when any reply has a failed status, 2 for a usage error or a connection that failed.
 */
public final class Cli {

    /** The environment variable with the key to present when {@code --key} is not given. */
    public static final String KEY_VARIABLE = "NEMESIS_KEY";

    static final String USAGE = """
            usage: java -jar nemesisdb.jar cli [--url ws://127.0.0.1:1987/] [--key KEY] [--ca CA.pem] [REQUEST ...]
              REQUEST  a JSON request, {"KV_COUNT":{}}, one per argument; or one shorthand, such as: get user
                       without requests: one request per line of standard input (an interactive shell at a terminal)
              --url    the server, ws:// or wss:// (default ws://127.0.0.1:1987/)
              --key    the access key to present (default: $NEMESIS_KEY, else none)
              --ca     PEM certificates to trust for wss:// (default: the JDK's authorities)
            exit status: 0 every reply succeeded, 1 a reply has a failed status, 2 usage error or no connection
            """;

    private final NemesisCommands commands;
    private final PrintStream out;
    private final boolean pretty;
    private final Shorthand shorthand = new Shorthand();
    private boolean failed;

    private Cli(NemesisCommands commands, PrintStream out, boolean pretty) {
        this.commands = commands;
        this.out = out;
        this.pretty = pretty;
    }

    /** {@code java -jar nemesisdb.jar cli ...}. */
    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, interactive(), System.getenv(KEY_VARIABLE)));
    }

    /**
     * Runs the client; returns the exit status. {@code interactive}: {@code in} is a terminal (prompt,
     * pretty replies); {@code defaultKey}: the key when {@code --key} is not given.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err, boolean interactive, String defaultKey) {
        URI url = URI.create("ws://127.0.0.1:1987/");
        String key = defaultKey;
        Path ca = null;
        List<String> requests = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--help") || arg.equals("-h")) {
                    out.print(USAGE);
                    return 0;
                } else if (arg.equals("--url") || arg.equals("--key") || arg.equals("--ca")) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--url" -> url = URI.create(value);
                        case "--key" -> key = value;
                        default -> ca = Path.of(value);
                    }
                } else if (arg.startsWith("--") && requests.isEmpty()) {
                    throw new IllegalArgumentException("unknown option " + arg);
                } else {
                    requests.add(arg);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("nemesisdb cli: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        NemesisClientOptions options = NemesisClientOptions.defaults().withAccessKey(key == null || key.isEmpty() ? null : key);
        try (NemesisClient client = NemesisClient.connect(url, ca == null ? options : options.withTrustedCertificates(ca))) {
            Cli cli = new Cli(client.sync(), out, interactive && requests.isEmpty());
            if (!requests.isEmpty()) {
                boolean json = requests.getFirst().stripLeading().startsWith("{");
                for (String request : json ? requests : List.of(String.join(" ", requests))) {
                    cli.execute(request, err);
                }
            } else {
                cli.readLines(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), err, interactive);
            }
            return cli.failed ? 1 : 0;
        } catch (NemesisException e) {
            err.println("nemesisdb cli: " + e.getMessage());
            return 2;
        } catch (IOException | java.security.GeneralSecurityException e) {
            err.println("nemesisdb cli: " + e.getMessage());
            return 2;
        }
    }

    private void readLines(BufferedReader in, PrintStream err, boolean interactive) throws IOException {
        List<String> history = new ArrayList<>();
        if (interactive) {
            out.println("Connected. Type JSON requests or shorthands ('help' lists them, 'quit' leaves).");
        }
        while (true) {
            if (interactive) {
                out.print(shorthand.session() == null ? "nemesisdb> " : "nemesisdb[" + shorthand.session() + "]> ");
                out.flush();
            }
            String line = in.readLine();
            if (line == null) {
                return;
            }
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.equals("quit") || line.equals("exit")) {
                return;
            }
            if (line.equals("history")) {
                for (int i = 0; i < history.size(); i++) {
                    out.printf("%4d  %s%n", i + 1, history.get(i));
                }
                continue;
            }
            if (line.matches("!\\d+") && Integer.parseInt(line.substring(1)) - 1 < history.size()) {
                line = history.get(Integer.parseInt(line.substring(1)) - 1);
                out.println(line);
            }
            history.add(line);
            if (line.equals("help")) {
                out.print(Shorthand.HELP);
                continue;
            }
            execute(line, err);
            if (interactive) {
                failed = false; // at a terminal a failed status is printed, not remembered for the exit status
            }
        }
    }

    /** Sends one request (JSON or shorthand) and prints its replies. */
    private void execute(String line, PrintStream err) {
        JsonObject request;
        try {
            request = line.startsWith("{") ? Json.createReader(new StringReader(line)).readObject() : shorthand.request(line);
        } catch (JsonException | IllegalArgumentException e) {
            err.println("nemesisdb cli: " + e.getMessage());
            failed = true;
            return;
        }
        if (request == null) {
            if (pretty) {
                out.println(shorthand.session() == null ? "(no session)" : "(session " + shorthand.session() + ")");
            }
            return;
        }
        List<JsonObject> replies;
        try {
            replies = commands.send(request);
        } catch (NemesisException e) {
            err.println("nemesisdb cli: " + e.getMessage());
            failed = true;
            return;
        }
        if (replies.isEmpty() && pretty) {
            out.println("(no reply: the quiet command succeeded)");
        }
        for (JsonObject reply : replies) {
            out.println(format(reply));
            JsonValue body = reply.values().iterator().next();
            int st = body instanceof JsonObject object ? object.getInt("st", 0) : 0;
            failed |= !(st == 1 || st == 120 || st == 121 || st == 141);
            shorthand.remember(request, reply);
        }
    }

    private String format(JsonObject reply) {
        if (!pretty) {
            return reply.toString();
        }
        StringWriter text = new StringWriter();
        try (JsonWriter writer = Json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)) {
            writer.writeObject(reply);
        }
        return text.toString().strip();
    }

    /** Whether standard input and output are a terminal (JDK 22+ tells; before, a console exists only then). */
    private static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
