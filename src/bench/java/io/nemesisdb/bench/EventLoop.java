package io.nemesisdb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;

/** One generator thread: drives its connections with a selector until the run's end time. */
final class EventLoop implements Runnable {

    private final List<LoadConnection> connections;
    private final long measureFrom;
    private final long measureTo;

    EventLoop(List<LoadConnection> connections, long measureFrom, long measureTo) {
        this.connections = connections;
        this.measureFrom = measureFrom;
        this.measureTo = measureTo;
    }

    @Override
    public void run() {
        try (Selector selector = Selector.open()) {
            for (LoadConnection connection : connections) {
                connection.pipe().channel.configureBlocking(false);
                SelectionKey key = connection.pipe().channel.register(selector, SelectionKey.OP_READ, connection);
                if (!connection.send()) {
                    key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
            }
            while (System.nanoTime() < measureTo) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    LoadConnection connection = (LoadConnection) key.attachment();
                    if (key.isReadable() && !connection.receive(measureFrom, measureTo)) {
                        throw new IOException("server closed a connection");
                    }
                    boolean flushed = connection.send();
                    key.interestOps(flushed ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
