package io.nemesisdb.bench;

/**
 * Latencies counted in buckets of one microsecond up to 100 ms (longer ones in one overflow
 * bucket), so that recording costs an array increment and percentiles are exact to 1 µs.
 */
final class LatencyHistogram {

    private static final int MAX_MICROS = 100_000;

    private final long[] counts = new long[MAX_MICROS + 1];
    private long total;

    void record(long nanos) {
        long micros = nanos / 1000;
        counts[(int) Math.min(micros, MAX_MICROS)]++;
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
    }

    long total() {
        return total;
    }

    /** The latency in microseconds below which {@code fraction} of the samples lie ({@code >=100000} means 100 ms or more). */
    long percentileMicros(double fraction) {
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && seen > 0) {
                return i;
            }
        }
        return MAX_MICROS;
    }
}
