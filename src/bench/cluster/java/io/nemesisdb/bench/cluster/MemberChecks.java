package io.nemesisdb.bench.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The reading side of the spike's correctness checks, run on whichever member is asked: the driver's own member
 * or a member JVM through {@link SpikeMember}'s command line. Each returns one line of {@code name=value} fields.
 */
final class MemberChecks {

    static final String SESSION = "pair-session";

    private MemberChecks() {
    }

    /**
     * Reads the pair for {@code millis} and counts torn reads ({@code a != b}) and reads that went backwards
     * (a value older than one this reader already saw). Modes: session, kv-plain, kv-atomic (KV keys a and b).
     */
    static String torn(SpikeGrid grid, String mode, long millis, String a, String b) {
        long reads = 0;
        long torn = 0;
        long backwards = 0;
        int last = -1;
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            int[] pair = switch (mode) {
                case "session" -> grid.sessionReadPair(SESSION);
                case "kv-plain" -> grid.kvReadPairPlain(a, b);
                case "kv-atomic" -> grid.kvReadPairAtomic(a, b);
                default -> throw new IllegalArgumentException(mode);
            };
            reads++;
            if (pair[0] != pair[1]) {
                torn++;
            }
            if (pair[0] < last) {
                backwards++;
            }
            last = Math.max(last, pair[0]);
        }
        return "mode=" + mode + " reads=" + reads + " torn=" + torn + " backwards=" + backwards;
    }

    /**
     * Polls {@code key} until it disappears: an engine TTL ({@code how} = ttl) or a deadline checked on the
     * owner ({@code how} = deadline). The write happened between {@code earliest} and {@code latest}
     * (epoch ms, deadline = write + TTL); reports the last time it was seen and the first time it was gone,
     * relative to that window: exact expiry means lastSeen < latest and firstGone >= earliest.
     */
    static String expiry(SpikeGrid grid, String how, String key, long earliest, long latest) {
        long lastSeen = -1;
        long giveUp = latest + 10_000;
        while (System.currentTimeMillis() < giveUp) {
            long before = System.currentTimeMillis();
            boolean present = how.equals("ttl") ? grid.get(key) != null : grid.aliveOnOwner(key);
            long after = System.currentTimeMillis();
            if (!present) {
                return "seenAfterDeadlineMs=" + (lastSeen - latest) + " goneBeforeDeadlineMs=" + (earliest - after)
                        + " early=" + (after < earliest) + " late=" + (lastSeen >= latest);
            }
            lastSeen = before;
        }
        return "neverExpired=true";
    }

    /** The keys {@code kill-<thread>-<n>} for n below {@code counts[thread]} that are missing or wrong. */
    static List<String> missingKv(SpikeGrid grid, long[] counts) {
        List<String> missing = new ArrayList<>();
        for (int thread = 0; thread < counts.length; thread++) {
            for (int n = 0; n < counts[thread]; n++) {
                String key = killKey(thread, n);
                Integer value = grid.get(key);
                if (value == null || value != n) {
                    missing.add(key);
                }
            }
        }
        return missing;
    }

    /** The sessions {@code kill-s-<n>} for n below {@code count} whose pair is not {n, n}. */
    static List<String> missingSessions(SpikeGrid grid, long count) {
        List<String> missing = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            int[] pair = grid.sessionReadPair(killSession(n));
            if (pair[0] != n || pair[1] != n) {
                missing.add(killSession(n));
            }
        }
        return missing;
    }

    /**
     * Starts one thread per pair of keys ({@code keys} = a1 b1 a2 b2 …) writing the pair with the KV atomic
     * mechanism, with increasing values, until this member is killed.
     */
    static String writePairsUntilKilled(SpikeGrid grid, String[] keys) {
        for (int p = 0; p + 1 < keys.length; p += 2) {
            String a = keys[p];
            String b = keys[p + 1];
            Thread.ofPlatform().daemon().start(() -> {
                for (int i = 1; ; i++) {
                    grid.kvWritePairAtomic(a, b, i);
                }
            });
        }
        return "writing " + keys.length / 2 + " pairs";
    }

    static String killKey(int thread, long n) {
        return "kill-" + thread + "-" + n;
    }

    static String killSession(long n) {
        return "kill-s-" + n;
    }
}
