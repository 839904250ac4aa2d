package io.nemesisdb.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.nemesisdb.command.CommandDispatcher;
import io.nemesisdb.protocol.Reply;
import io.nemesisdb.protocol.ReplySink;
import io.nemesisdb.security.Role;
import jakarta.enterprise.inject.spi.CDI;

/**
 * A client of the command core of the server a {@code @HelidonTest} started, without a socket:
 * requests go straight to {@link CommandDispatcher#onText} as a transport passes them (with the
 * role of a server without access keys) and the replies are kept in memory. For tests of what a
 * command replies; what the transports do with messages and connections is tested over
 * {@link WsClient}.
 */
public final class CommandCore implements AutoCloseable {

    private static final int REPLY_WAIT_MILLIS = 10_000;

    private final CommandDispatcher dispatcher;
    private final LinkedBlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final List<CompletableFuture<Void>> running = new ArrayList<>();
    private volatile boolean open = true;
    private final ReplySink sink = new ReplySink() {
        @Override
        public void send(Reply reply) {
            replies.add(reply.text());
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    };

    private CommandCore(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** A new client of the running server's dispatcher. */
    public static CommandCore connect() {
        return new CommandCore(CDI.current().select(CommandDispatcher.class).get());
    }

    /** Sends a message and returns its reply. */
    public String request(String message) throws IOException {
        sendText(message);
        return receiveText();
    }

    /**
     * Passes a message to the dispatcher once the previous ones are done, as a transport does,
     * so that replies stay in order.
     */
    public synchronized void sendText(String message) throws IOException {
        if (!awaitRunning(REPLY_WAIT_MILLIS)) {
            throw new IOException("the previous command still running after " + REPLY_WAIT_MILLIS + " ms");
        }
        CompletableFuture<Void> done = dispatcher.onText(message, sink, Role.ADMIN);
        if (done != CommandDispatcher.DONE) {
            running.add(done);
        }
    }

    /** The next reply; fails when none comes within 10 s. */
    public String receiveText() throws IOException {
        String reply = receive(REPLY_WAIT_MILLIS);
        if (reply == null) {
            throw new IOException("no reply within " + REPLY_WAIT_MILLIS + " ms");
        }
        return reply;
    }

    /**
     * The next reply, or {@code null} when there is none once every message sent so far is done
     * (at most {@code timeoutMillis} of waiting for commands handed to other threads).
     */
    public String receive(int timeoutMillis) throws IOException {
        String reply = replies.poll();
        if (reply != null) {
            return reply;
        }
        synchronized (this) {
            awaitRunning(timeoutMillis);
        }
        return replies.poll();
    }

    /** Waits for the commands handed to other threads; false when one is still running after {@code timeoutMillis}. */
    private boolean awaitRunning(int timeoutMillis) throws IOException {
        try {
            for (CompletableFuture<Void> command : running) {
                command.get(timeoutMillis, TimeUnit.MILLISECONDS);
            }
            running.clear();
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** As a closed connection: work still running for it may stop early. */
    @Override
    public void close() {
        open = false;
    }
}
