package io.nemesisdb.security;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down the guessing of keys: an address that sent {@link #LIMIT} wrong keys within
 * {@link #WINDOW_NANOS} is refused (429) for the rest of that window, without its keys being
 * checked, so each address can try at most {@code LIMIT} keys a minute. Remembers at most
 * {@link #ADDRESSES} addresses, the least recent dropped first.
 */
final class FailedAttempts {

    static final int LIMIT = 10;
    static final long WINDOW_NANOS = 60_000_000_000L;
    private static final int ADDRESSES = 10_000;

    /** The failures of one address within its current window. */
    private static final class Window {
        long start;
        int failures;
    }

    private final Map<InetAddress, Window> windows = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Window> eldest) {
            return size() > ADDRESSES;
        }
    };

    /** Counts a wrong key from {@code address}. */
    synchronized void failed(InetAddress address, long now) {
        Window window = windows.get(address);
        if (window == null || now - window.start > WINDOW_NANOS) {
            window = new Window();
            window.start = now;
            windows.put(address, window);
        }
        window.failures++;
    }

    /** Seconds until {@code address} may try again, or 0 when it may now. */
    synchronized long blockedSeconds(InetAddress address, long now) {
        Window window = windows.get(address);
        if (window == null || window.failures < LIMIT || now - window.start > WINDOW_NANOS) {
            return 0;
        }
        return Math.max(1, (window.start + WINDOW_NANOS - now + 999_999_999L) / 1_000_000_000L);
    }
}
