package io.nemesisdb.ops;

import io.nemesisdb.command.CommandMeter;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.transport.TransportMeter;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts commands, replies and traffic in MicroProfile counters. Every counter is registered up
 * front (replies by status in an array indexed by the status, commands once per command), so a
 * request costs a few counter increments and no lookup.
 */
final class ProtocolMetrics implements CommandMeter, TransportMeter {

    private final MetricRegistry registry;
    private final Counter[] replies;
    private final Counter[] rejections;
    private final Counter bytesIn;
    private final Counter bytesOut;

    ProtocolMetrics(MetricRegistry registry) {
        this.registry = registry;
        Metadata replyMetadata = describe("nemesis.replies", "Replies sent, by status code", MetricUnits.NONE);
        Status[] statuses = Status.values();
        replies = new Counter[statuses.length];
        for (Status status : statuses) {
            replies[status.ordinal()] = registry.counter(replyMetadata, new Tag("status", Integer.toString(status.code())));
        }
        Metadata rejectionMetadata = describe("nemesis.transport.rejections",
                "Messages the transport turned away and closed the connection for", MetricUnits.NONE);
        Rejection[] reasons = Rejection.values();
        rejections = new Counter[reasons.length];
        for (Rejection reason : reasons) {
            rejections[reason.ordinal()] = registry.counter(rejectionMetadata,
                    new Tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)));
        }
        bytesIn = registry.counter(describe("nemesis.received", "Message payload received, in bytes", MetricUnits.BYTES));
        bytesOut = registry.counter(describe("nemesis.sent", "Message payload sent, in bytes", MetricUnits.BYTES));
    }

    private static Metadata describe(String name, String description, String unit) {
        return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
    }

    @Override
    public Runnable commandCounter(String name) {
        Counter counter = registry.counter(describe("nemesis.commands", "Commands received, by name", MetricUnits.NONE),
                new Tag("command", name));
        return counter::inc;
    }

    @Override
    public void replied(Status status) {
        replies[status.ordinal()].inc();
    }

    @Override
    public void receivedText(String message) {
        bytesIn.inc(Utf8Length.of(message));
    }

    @Override
    public void sentText(String message) {
        bytesOut.inc(Utf8Length.of(message));
    }

    @Override
    public void received(long bytes) {
        bytesIn.inc(bytes);
    }

    @Override
    public void sent(long bytes) {
        bytesOut.inc(bytes);
    }

    @Override
    public void rejected(Rejection reason) {
        rejections[reason.ordinal()].inc();
    }
}
