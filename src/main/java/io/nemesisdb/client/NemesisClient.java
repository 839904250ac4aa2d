package io.nemesisdb.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.json.JsonObject;

/**
 * A client of a NemesisDB server: one WebSocket connection shared by every thread that uses it,
 * with many requests in flight at once, and a synchronous ({@link #sync()}) and an asynchronous
 * ({@link #async()}) view of the same commands.
 *
 * <pre>{@code
 * try (NemesisClient client = NemesisClient.connect(URI.create("ws://127.0.0.1:1987/"))) {
 *     client.sync().set("user", new User("Ann"));
 *     User user = client.sync().get("user", User.class);
 * }
 * }</pre>
 *
 * When the connection drops, the requests waiting for a reply fail with a
 * {@link NemesisConnectionException}, and the next request opens a new connection.
 */
public final class NemesisClient implements AutoCloseable {

    private final URI uri;
    private final NemesisClientOptions options;
    private final HttpClient http;
    private final ValueMapper values;
    private final AsyncView async;
    private final SyncView sync;
    private Link link;
    private boolean closed;

    private NemesisClient(URI uri, NemesisClientOptions options) {
        this.uri = uri;
        this.options = options;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(options.connectTimeout());
        if (options.sslContext() != null) {
            builder.sslContext(options.sslContext());
        }
        this.http = builder.build();
        this.values = new ValueMapper(options.jsonb());
        this.async = new AsyncView(this);
        this.sync = new SyncView(async, this);
    }

    /** Connects to {@code uri} ({@code ws://} or {@code wss://}) with the default options. */
    public static NemesisClient connect(URI uri) {
        return connect(uri, NemesisClientOptions.defaults());
    }

    /**
     * Connects to {@code uri}, waiting until the connection is open; throws a
     * {@link NemesisConnectionException} when it cannot be (refused, wrong key, TLS failed, timeout).
     */
    public static NemesisClient connect(URI uri, NemesisClientOptions options) {
        String scheme = uri.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("a NemesisDB URL starts with ws:// or wss://: " + uri);
        }
        NemesisClient client = new NemesisClient(uri, options);
        try {
            client.link().opened().toCompletableFuture().get(options.connectTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            client.close();
            throw e.getCause() instanceof NemesisConnectionException failure ? failure
                    : new NemesisConnectionException("cannot connect to " + uri + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            client.close();
            throw new NemesisConnectionException("cannot connect to " + uri + " within " + options.connectTimeout(), e);
        } catch (InterruptedException e) {
            client.close();
            Thread.currentThread().interrupt();
            throw new NemesisConnectionException("interrupted while connecting to " + uri, e);
        }
        return client;
    }

    /** The commands, each returning a {@code CompletionStage}. */
    public NemesisAsyncCommands async() {
        return async;
    }

    /** The commands, each waiting for its reply. */
    public NemesisCommands sync() {
        return sync;
    }

    public URI uri() {
        return uri;
    }

    public NemesisClientOptions options() {
        return options;
    }

    ValueMapper values() {
        return values;
    }

    /** Sends {@code text} on the current connection (opening a new one if the last has failed). */
    CompletableFuture<List<JsonObject>> submit(String text, ReplyMatcher.Pending request) {
        Link current;
        try {
            current = link();
        } catch (NemesisConnectionException e) {
            request.replies.completeExceptionally(e);
            return request.replies;
        }
        return current.submit(text, request);
    }

    private synchronized Link link() {
        if (closed) {
            throw new NemesisConnectionException("the client was closed", null);
        }
        if (link == null || link.broken()) {
            link = Link.open(http, uri, options);
        }
        return link;
    }

    /** Closes the connection; requests still waiting for replies fail. */
    @Override
    public void close() {
        Link last;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            last = link;
        }
        if (last != null) {
            last.close();
        }
        try {
            values.close();
        } catch (Exception e) {
            // closing JSON-B releases nothing the caller depends on
        }
        http.shutdown();
    }
}
