package io.nemesisdb.ops;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.helidon.metrics.api.FunctionalCounter;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Tag;
import io.nemesisdb.command.CommandMeter;
import io.nemesisdb.kv.StripedCounter;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.transport.TransportMeter;

/**
 * Counts commands, replies and traffic in {@link StripedCounter}s that the metrics endpoint reads as
 * counters when it is scraped. A request costs a few counter increments and no lookup: replies by
 * status sit in an array indexed by the status, each command's counter is handed out once when the
 * registry is built. (Helidon's own counters go through a composite Micrometer counter on every
 * increment, about 15 ns each, contended between cores.) The counters live as long as the JVM, so a
 * second server started in the same JVM, as tests do, keeps counting into the registered meters.
 */
final class ProtocolMetrics implements CommandMeter, TransportMeter {

    private static final String SCOPE = "application";
    private static final StripedCounter[] REPLIES = counters(Status.values().length);
    private static final StripedCounter[] REJECTIONS = counters(Rejection.values().length);
    private static final StripedCounter BYTES_IN = new StripedCounter();
    private static final StripedCounter BYTES_OUT = new StripedCounter();
    private static final Map<String, StripedCounter> COMMANDS = new ConcurrentHashMap<>();

    private final MeterRegistry registry;

    ProtocolMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Status status : Status.values()) {
            register("nemesis.replies", "Replies sent, by status code", REPLIES[status.ordinal()],
                    Tag.create("status", Integer.toString(status.code())));
        }
        for (Rejection reason : Rejection.values()) {
            register("nemesis.transport.rejections", "Messages, connections and handshakes the transports turned away, by reason",
                    REJECTIONS[reason.ordinal()], Tag.create("reason", reason.name().toLowerCase(Locale.ROOT)));
        }
        register("nemesis.received.bytes", "Message payload received, in bytes", BYTES_IN);
        register("nemesis.sent.bytes", "Message payload sent, in bytes", BYTES_OUT);
    }

    private static StripedCounter[] counters(int count) {
        StripedCounter[] counters = new StripedCounter[count];
        for (int i = 0; i < count; i++) {
            counters[i] = new StripedCounter();
        }
        return counters;
    }

    private void register(String name, String description, StripedCounter counter, Tag... tags) {
        registry.getOrCreate(FunctionalCounter.builder(name, counter, StripedCounter::sum)
                .description(description).scope(SCOPE).tags(List.of(tags)));
    }

    @Override
    public Runnable commandCounter(String name) {
        StripedCounter counter = COMMANDS.computeIfAbsent(name, any -> new StripedCounter());
        register("nemesis.commands", "Commands received, by name", counter, Tag.create("command", name));
        return counter::increment;
    }

    @Override
    public void replied(Status status) {
        REPLIES[status.ordinal()].increment();
    }

    @Override
    public void received(long bytes) {
        BYTES_IN.add(bytes);
    }

    @Override
    public void sent(long bytes) {
        BYTES_OUT.add(bytes);
    }

    @Override
    public void rejected(Rejection reason) {
        REJECTIONS[reason.ordinal()].increment();
    }
}
