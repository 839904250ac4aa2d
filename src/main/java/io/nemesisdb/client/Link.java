package io.nemesisdb.client;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

/**
 * One WebSocket connection, shared by every caller of a client: requests are sent one after another
 * in the order they were submitted (submitting never waits for the connection or for a reply), and
 * each reply goes to its request through the {@link ReplyMatcher}. Requests submitted while the
 * connection opens wait in order and go out once it is open. When the connection fails or closes,
 * every request still waiting fails with a {@link NemesisConnectionException}, and the link is
 * {@link #broken()}: the client opens a new one for the next request.
 */
final class Link implements WebSocket.Listener {

    /**
     * The JSON-P provider, found once: {@code jakarta.json.Json}'s static methods look it up with a
     * ServiceLoader on every call, which cost the client ten times more than all else it does per
     * request (ClientBenchmark, pipelined). Every request and reply of the client goes through this.
     */
    static final JsonProvider JSON = JsonProvider.provider();

    /**
     * Sent after a quiet command when nothing else follows it, so that its reply (or its absence)
     * settles the quiet command. Any reply does, even an error: {@code KV_COUNT} is one of the
     * cheapest commands and every role may run it.
     */
    private static final String FENCE = "{\"KV_COUNT\":{}}";

    private final ReplyMatcher matcher = new ReplyMatcher();
    private final ArrayDeque<String> outgoing = new ArrayDeque<>();
    private final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private boolean sending;
    private boolean lastWasQuiet;
    private volatile boolean broken;

    private Link() {
    }

    /** Starts opening a connection to {@code uri}; requests may be submitted at once. */
    static Link open(HttpClient http, URI uri, NemesisClientOptions options) {
        Link link = new Link();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(options.connectTimeout());
        if (options.accessKey() != null) {
            builder.header("Authorization", "Bearer " + options.accessKey());
        }
        builder.buildAsync(uri, link).whenComplete((socket, failure) -> {
            if (failure != null) {
                link.fail(new NemesisConnectionException("cannot connect to " + uri + ": " + describe(failure), failure));
            } else {
                link.started(socket);
            }
        });
        return link;
    }

    /** Completes when the connection is open, or fails as the connection did. */
    CompletionStage<Void> opened() {
        return opened;
    }

    boolean broken() {
        return broken;
    }

    /** Sends {@code text}, a request whose replies {@code request} awaits. */
    CompletableFuture<List<JsonObject>> submit(String text, ReplyMatcher.Pending request) {
        boolean start;
        synchronized (this) {
            if (broken) {
                request.replies.completeExceptionally(new NemesisConnectionException("the connection is closed", null));
                return request.replies;
            }
            matcher.add(request);
            outgoing.add(text);
            lastWasQuiet = request.kind == ReplyMatcher.Kind.QUIET;
            start = !sending && socket != null;
            sending |= start;
        }
        if (start) {
            sendQueued();
        }
        return request.replies;
    }

    private void started(WebSocket socket) {
        boolean start;
        synchronized (this) {
            this.socket = socket;
            start = !sending && !outgoing.isEmpty();
            sending |= start;
        }
        opened.complete(null);
        if (start) {
            sendQueued();
        }
    }

    /** Sends what is queued, one message at a time (the WebSocket allows one send in progress). */
    private void sendQueued() {
        while (true) {
            String text;
            synchronized (this) {
                text = outgoing.poll();
                if (text == null && lastWasQuiet) {
                    lastWasQuiet = false;
                    matcher.add(new ReplyMatcher.Pending("KV_COUNT", null, null, ReplyMatcher.Kind.ONE));
                    text = FENCE;
                }
                if (text == null || broken) {
                    sending = false;
                    return;
                }
            }
            CompletableFuture<WebSocket> sent = socket.sendText(text, true);
            if (!sent.isDone()) {
                sent.whenComplete((ignored, failure) -> {
                    if (failure != null) {
                        fail(new NemesisConnectionException("cannot send: " + describe(failure), failure));
                    } else {
                        sendQueued();
                    }
                });
                return;
            }
            if (sent.isCompletedExceptionally()) {
                sent.exceptionally(failure -> {
                    fail(new NemesisConnectionException("cannot send: " + describe(failure), failure));
                    return null;
                });
                return;
            }
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(Long.MAX_VALUE); // replies are handled as they come, nothing to hold back
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (!last) {
            return null;
        }
        String text = partial.toString();
        partial.setLength(0);
        List<Runnable> completions;
        try {
            JsonObject message = JSON.createReader(new StringReader(text)).readObject();
            synchronized (this) {
                completions = matcher.onReply(message);
            }
        } catch (JsonParsingException | ClassCastException | ReplyMatcher.OutOfStepException e) {
            fail(new NemesisConnectionException("the server sent a reply this client cannot place: " + e.getMessage(), e));
            webSocket.abort();
            return null;
        }
        completions.forEach(Runnable::run);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, java.nio.ByteBuffer data, boolean last) {
        fail(new NemesisConnectionException("the server sent a binary message, which the protocol never does", null));
        webSocket.abort();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        fail(new NemesisConnectionException("the server closed the connection: " + statusCode
                + (reason.isEmpty() ? "" : " " + reason), null));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail(new NemesisConnectionException("the connection failed: " + describe(error), error));
    }

    /** Closes the connection; requests still waiting fail. */
    void close() {
        WebSocket current;
        synchronized (this) {
            current = socket;
        }
        fail(new NemesisConnectionException("the client was closed", null));
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "").whenComplete((ignored, failure) -> current.abort());
        }
    }

    private void fail(NemesisConnectionException failure) {
        List<ReplyMatcher.Pending> waiting;
        WebSocket current;
        synchronized (this) {
            current = socket;
            broken = true;
            outgoing.clear();
            waiting = matcher.drainAll();
        }
        opened.completeExceptionally(failure);
        waiting.forEach(request -> request.replies.completeExceptionally(failure));
        if (current != null && failure.getCause() != null) {
            current.abort();
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            return "the server refused the handshake with HTTP " + status + (status == 401 ? " (a wrong or missing access key)" : "");
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
