package io.nemesisdb.command;

import io.nemesisdb.protocol.Status;

/**
 * What the protocol core reports to metrics. Implemented outside the core; every call is on the
 * request path, so implementations only bump a counter that was looked up in advance.
 */
public interface CommandMeter {

    /** A counter for the command {@code name}, asked for once per command when the registry is built. */
    Runnable commandCounter(String name);

    /** A reply with {@code status} was sent. */
    void replied(Status status);

    /** Records nothing: when metrics are disabled, and for the core under test. */
    CommandMeter NONE = new CommandMeter() {
        private static final Runnable NOTHING = () -> { };

        @Override
        public Runnable commandCounter(String name) {
            return NOTHING;
        }

        @Override
        public void replied(Status status) {
        }
    };
}
