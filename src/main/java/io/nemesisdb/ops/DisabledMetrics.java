package io.nemesisdb.ops;

import io.nemesisdb.command.CommandMeter;
import io.nemesisdb.protocol.Status;
import io.nemesisdb.transport.TransportMeter;

/** Records nothing: used when {@code metrics.enabled} is false. */
final class DisabledMetrics implements CommandMeter, TransportMeter {

    private static final Runnable NOTHING = () -> { };

    @Override
    public Runnable commandCounter(String name) {
        return NOTHING;
    }

    @Override
    public void replied(Status status) {
    }

    @Override
    public void receivedText(String message) {
    }

    @Override
    public void sentText(String message) {
    }

    @Override
    public void received(long bytes) {
    }

    @Override
    public void sent(long bytes) {
    }

    @Override
    public void rejected(Rejection reason) {
    }
}
