package io.nemesisdb.session;

/**
 * A monotonic clock in nanoseconds, as {@link System#nanoTime()}: only differences between its
 * readings mean anything. Replaced by a hand-driven clock in tests of expiry.
 */
@FunctionalInterface
public interface NanoClock {

    NanoClock SYSTEM = System::nanoTime;

    long nanoTime();
}
