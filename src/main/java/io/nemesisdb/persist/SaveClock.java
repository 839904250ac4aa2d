package io.nemesisdb.persist;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code <ts>} of each save: nanoseconds since the epoch, strictly increasing within the
 * process, so two saves of one name never pick the same directory and the later save is the newer.
 */
final class SaveClock {

    private final AtomicLong last = new AtomicLong();

    long next() {
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        return last.updateAndGet(previous -> Math.max(previous + 1, nanos));
    }
}
