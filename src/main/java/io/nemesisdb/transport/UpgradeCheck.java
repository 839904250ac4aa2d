package io.nemesisdb.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.function.Function;

/**
 * The checks every transport makes of a WebSocket opening handshake (RFC 6455 section 4.2.1)
 * before it looks at limits or credentials, with the HTTP status each failure gets: a GET of
 * {@code /} over HTTP/1.1 asking to upgrade to {@code websocket}, version 13, with a key of 16
 * bytes in base64.
 */
public final class UpgradeCheck {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Why a handshake was refused: the HTTP status, a one-line reason, and a header to add (or null). */
    public record Refusal(int status, String reason, String headerName, String headerValue) {

        Refusal(int status, String reason) {
            this(status, reason, null, null);
        }
    }

    private UpgradeCheck() {
    }

    /**
     * The refusal the request earns, or null when it is a valid opening handshake.
     *
     * @param headers the value of a request header by its name (any case), or null when absent;
     *                for a header sent several times, the values joined with commas
     */
    public static Refusal check(String method, String path, String httpVersion, Function<String, String> headers) {
        if (!"/".equals(pathOf(path))) {
            return new Refusal(404, "no WebSocket endpoint at " + pathOf(path) + "; connect to /");
        }
        if (!"GET".equals(method)) {
            return new Refusal(405, "a WebSocket handshake is a GET request", "Allow", "GET");
        }
        if (!"HTTP/1.1".equals(httpVersion)) {
            return new Refusal(400, "a WebSocket handshake needs HTTP/1.1");
        }
        if (!hasToken(headers.apply("Upgrade"), "websocket") || !hasToken(headers.apply("Connection"), "upgrade")) {
            return new Refusal(426, "this port speaks WebSocket only: send Upgrade: websocket and Connection: Upgrade",
                    "Upgrade", "websocket");
        }
        if (!"13".equals(trim(headers.apply("Sec-WebSocket-Version")))) {
            return new Refusal(426, "WebSocket version 13 is the only one supported", "Sec-WebSocket-Version", "13");
        }
        if (!isValidKey(headers.apply("Sec-WebSocket-Key"))) {
            return new Refusal(400, "Sec-WebSocket-Key must be 16 bytes in base64");
        }
        if (headers.apply("Host") == null) {
            return new Refusal(400, "the Host header is missing");
        }
        return null;
    }

    /** The refusal of a handshake while {@code max} connections are open. */
    public static Refusal atCapacity(int max) {
        return new Refusal(503, "the server has " + max + " connections open, its limit (nemesis.max-connections); try again later",
                "Retry-After", "1");
    }

    /** The {@code Sec-WebSocket-Accept} value answering {@code key} (RFC 6455 section 4.2.2). */
    public static String accept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every Java runtime", e);
        }
    }

    static boolean isValidKey(String key) {
        String value = trim(key);
        if (value == null || value.length() != 24 || value.indexOf(',') >= 0) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(value).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String pathOf(String target) {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    private static boolean hasToken(String header, String token) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
