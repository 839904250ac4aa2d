/*
 * Sends NemesisDB requests over a WebSocket and prints each request and its replies, without
 * anything to install: a JDK 17 or newer runs this file as it is.
 *
 *   java tools/WsSend.java ws://127.0.0.1:1987/ '{"KV_SET":{"keys":{"a":1}}}' '{"KV_COUNT":{}}'
 *   java tools/WsSend.java ws://127.0.0.1:1987/ < requests.txt      (one request a line)
 *
 * It knows how many replies each request gets (the protocol says: none for a quiet command that
 * succeeds, two for a save that starts, one otherwise), so it waits exactly as long as needed.
 */

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class WsSend {

    private static final String USAGE = """
            usage: java tools/WsSend.java [options] URL [REQUEST...]
              Sends each REQUEST (without any: each non-empty line of standard input) as one text
              message, prints it as "> REQUEST" and each reply as "< REPLY". Exits 0, or 1 when the
              connection fails, closes or a reply does not come within the timeout.
              --header 'NAME: VALUE'   a handshake header, e.g. 'Authorization: Bearer KEY' (repeatable)
              --timeout-ms N           how long to wait for a reply (default 10000)
              --quiet-ms N             how long to wait for the error reply of KV_SETQ or KV_ADDQ,
                                       which reply nothing on success (default 200)
              --help                   this text""";

    private static final Pattern COMMAND = Pattern.compile("^\\s*\\{\\s*\"([^\"]*)\"");
    private static final Pattern STATUS = Pattern.compile("^\\{\"[^\"]*\":\\{(?:.*,)?\"st\":(\\d+)");
    /** Queued when the connection ends; told apart from a reply by identity. */
    private static final String CLOSED = new String("closed");

    public static void main(String[] args) throws Exception {
        List<String> headers = new ArrayList<>();
        long timeoutMs = 10_000;
        long quietMs = 200;
        int i = 0;
        for (; i < args.length && args[i].startsWith("--"); i++) {
            switch (args[i]) {
                case "--help" -> {
                    System.out.println(USAGE);
                    return;
                }
                case "--header" -> headers.add(value(args, ++i));
                case "--timeout-ms" -> timeoutMs = Long.parseLong(value(args, ++i));
                case "--quiet-ms" -> quietMs = Long.parseLong(value(args, ++i));
                default -> fail("unknown option " + args[i]);
            }
        }
        if (i >= args.length) {
            fail("give the server's URL, e.g. ws://127.0.0.1:1987/");
        }
        URI url = URI.create(args[i]);
        List<String> requests = new ArrayList<>(List.of(args).subList(i + 1, args.length));
        if (requests.isEmpty()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    requests.add(line.strip());
                }
            }
        }

        BlockingQueue<String> replies = new LinkedBlockingQueue<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofMillis(timeoutMs));
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                fail("--header takes 'NAME: VALUE'");
            }
            builder.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        WebSocket ws;
        try {
            ws = builder.buildAsync(url, new Collector(replies)).get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            System.err.println("cannot connect to " + url + ": " + (e.getCause() != null ? e.getCause() : e));
            System.exit(1);
            return;
        }
        for (String request : requests) {
            System.out.println("> " + request);
            ws.sendText(request, true).get(timeoutMs, TimeUnit.MILLISECONDS);
            String command = command(request);
            boolean quiet = command.equals("KV_SETQ") || command.equals("KV_ADDQ");
            String reply = replies.poll(quiet ? quietMs : timeoutMs, TimeUnit.MILLISECONDS);
            if (reply == null && quiet) {
                continue; // success: a quiet command replies only on error
            }
            print(reply, timeoutMs);
            if (command.endsWith("_SAVE") && "120".equals(status(reply))) {
                print(replies.poll(timeoutMs, TimeUnit.MILLISECONDS), timeoutMs); // 121 when durable, or 123
            }
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(timeoutMs, TimeUnit.MILLISECONDS);
    }

    private static void print(String reply, long timeoutMs) {
        if (reply == null) {
            System.err.println("no reply within " + timeoutMs + " ms");
            System.exit(1);
        }
        if (reply == CLOSED) {
            System.err.println("the server closed the connection");
            System.exit(1);
        }
        System.out.println("< " + reply);
    }

    private static String command(String request) {
        Matcher m = COMMAND.matcher(request);
        return m.find() ? m.group(1) : "";
    }

    private static String status(String reply) {
        Matcher m = STATUS.matcher(reply);
        return m.find() ? m.group(1) : "";
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("error: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }

    /** Puts each whole text message, and then {@link #CLOSED} when the connection ends, into the queue. */
    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<String> replies;
        private final StringBuilder parts = new StringBuilder();

        Collector(BlockingQueue<String> replies) {
            this.replies = replies;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            parts.append(data);
            if (last) {
                replies.add(parts.toString());
                parts.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            replies.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            replies.add(CLOSED);
        }
    }
}
